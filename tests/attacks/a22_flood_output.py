# attack: flood stdout and stderr (fills the grader's memory or log, or hides its messages)
# student: a
# function: gradient_check
# stopped by: the child's stdout/stderr are /dev/null; the time it takes is bounded by the deadline
import numpy as np


def gradient_check(X, Y, parameters, gradients, epsilon=1e-7):
    # BEGIN PAYLOAD
    import sys
    import time
    line = "x" * 10_000 + "\n"
    end = time.monotonic() + 0.3
    while time.monotonic() < end:
        sys.stdout.write(line)
        sys.stderr.write(line)
    # END PAYLOAD
    return 1.0
