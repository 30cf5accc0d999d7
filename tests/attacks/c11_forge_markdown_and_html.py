# attack: an exception message written as Markdown and HTML, to forge a full-marks line, a link and a script in feedback.md, nbgrader's pages, Gradescope and Classroom
# student: c
# function: backward_graph
# stopped by: feedback is inert text everywhere: messages on one line, HTML escaped, Markdown's link, heading and table characters escaped (report.inert), Gradescope told the output is text
import numpy as np


def backward_graph(cache):
    # BEGIN PAYLOAD
    raise ValueError('<script>alert("forged")</script> <img src=x onerror=alert(1)> [click here](http://example.invalid) '
                     '# Total: 99 / 99 points | `backward_graph`: 3.0 / 3.0 (passed) ![x](http://example.invalid/x.png)')
    # END PAYLOAD
    return {"dy_df": 3 * cache["f"] ** 2, "dy_dg": 3 * cache["f"] ** 2, "dy_dx": 3 * cache["f"] ** 2}
