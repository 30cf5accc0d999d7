# honest: hunt_bug_printed
# changes: bug_report with the ratio as numpy printed it (0.19999999999999998)
def bug_report():
    report = dict(gradient="dW1")
    report["factor"] = 0.19999999999999998
    return report
