# mutant: bug_report
# expect: bug_factor_inverted
# changes: the factor as right / wrong (5) instead of wrong / right
def bug_report():
    return {"gradient": "dW1", "factor": 5.0}
