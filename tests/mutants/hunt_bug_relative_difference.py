# mutant: bug_report
# expect: bug_factor_is_difference
# changes: the factor given as the swap experiment's relative difference (0.216), not wrong / right
def bug_report():
    return {"gradient": "dW1", "factor": 0.216}
