# honest: int_outputs
# changes: derivatives returned as int arrays (relu/leaky masks via astype(int)), list of lists for the Jacobian.
import numpy as np


def relu_derivative(z):
    return (z > 0).astype(int)


def softmax_jacobian(a):
    a = np.asarray(a).ravel()
    return (np.diag(a) - np.outer(a, a)).tolist()
