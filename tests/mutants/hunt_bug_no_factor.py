# mutant: bug_report
# expect: bug_right_gradient_named
# changes: no "factor" key, and db2 named
def bug_report():
    return {"gradient": "db2"}
