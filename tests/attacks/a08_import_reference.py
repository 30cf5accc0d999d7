# attack: import the grader's reference implementation and return its answer
# student: a
# function: relu_derivative
# stopped by: python -I -S (autograder is not on sys.path), the import hook, the read hook; bwrap hides the repo
import numpy as np

# BEGIN PAYLOAD
try:
    import sys
    sys.path.insert(0, "__REPO__")
    from autograder.reference import relu_derivative as _ref
except BaseException:
    _ref = None
# END PAYLOAD


def relu_derivative(z):
    # BEGIN PAYLOAD
    if _ref is not None:
        return _ref(z)
    # END PAYLOAD
    return np.ones_like(z)
