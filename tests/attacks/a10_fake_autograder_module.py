# attack: plant a fake autograder.hidden whose check() reports full marks (fools in-kernel hidden tests)
# student: a
# function: leaky_relu_derivative
# stopped by: no hidden test cell runs in the student's process; scores are computed by the grader
import numpy as np

# BEGIN PAYLOAD
import sys
import types

_fake = types.ModuleType("autograder.hidden")
_fake.check = lambda function, namespace, *a, **k: 1.0
sys.modules["autograder"] = types.ModuleType("autograder")
sys.modules["autograder.hidden"] = _fake
sys.modules["autograder.checks"] = _fake
# END PAYLOAD


def leaky_relu_derivative(z, alpha=0.01):
    return np.where(z > 0, 1.0, 0.0)
