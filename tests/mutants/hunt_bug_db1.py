# mutant: bug_report
# expect: bug_right_gradient_named
# also: bug_factor_inverted
# changes: blames db1, the line that lacks "/ m" when read beside backward_a (it is right)
def bug_report():
    return {"gradient": "db1", "factor": 5}
