# attack: make every numpy comparison succeed (works against asserts that run in the student's process)
# student: a
# function: relu
# stopped by: comparisons happen in the grader's process, not in the student's
import numpy as np

# BEGIN PAYLOAD
np.allclose = lambda *a, **k: True
np.isclose = lambda *a, **k: True
np.array_equal = lambda *a, **k: True
np.testing.assert_allclose = lambda *a, **k: None
np.testing.assert_array_equal = lambda *a, **k: None
np.testing.assert_array_almost_equal = lambda *a, **k: None
# END PAYLOAD


def relu(z):
    return np.abs(z)
