# mutant: bug_report
# expect: missing_return
# changes: builds the report and forgets to return it
def bug_report():
    report = {"gradient": "dW1", "factor": 0.2}
