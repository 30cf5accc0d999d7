# mutant: bug_report
# expect: bug_right_gradient_named
# changes: blames dW2 with the right factor
def bug_report():
    return {"gradient": "dW2", "factor": 0.2}
