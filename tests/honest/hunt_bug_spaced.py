# honest: hunt_bug_spaced
# changes: bug_report with a trailing space in the name and the factor written 1 / 5
def bug_report():
    return {"gradient": "dW1 ", "factor": 1 / 5}
