# attack: flood the output at the top level, then sys.exit to stop the notebook "cleanly"
# student: b
# function: gradient_check
# stopped by: the child's output goes to /dev/null; SystemExit in a cell only ends that cell
import numpy as np

# BEGIN PAYLOAD
import sys
import time

_end = time.monotonic() + 0.3
while time.monotonic() < _end:
    print("y" * 10_000)
    print("z" * 10_000, file=sys.stderr)
# END PAYLOAD


def gradient_check(X, Y, parameters, gradients, epsilon=1e-7):
    return 0.5


# BEGIN PAYLOAD
sys.exit(0)
# END PAYLOAD
