# attack: return a custom object equal to everything, with __array__ giving the right shape of zeros
# student: a
# function: softmax_jacobian
# stopped by: only plain data crosses the boundary: a custom object is "bad_output"
import numpy as np

# BEGIN PAYLOAD
class Anything:
    def __eq__(self, other):
        return True

    def __array_ufunc__(self, *a, **k):
        return True

    def __float__(self):
        return 0.0
# END PAYLOAD


def softmax_jacobian(a):
    a = np.asarray(a, dtype=float).reshape(-1)
    # BEGIN PAYLOAD
    return Anything()
    # END PAYLOAD
    return np.diag(a)
