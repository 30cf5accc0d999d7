# honest: cost_squeeze
# changes: compute_cost returns a 0-d array from np.squeeze; log1p form of the second term.
import numpy as np


def compute_cost(A2, Y):
    m = Y.shape[1]
    logprobs = np.multiply(np.log(A2), Y) + np.multiply(np.log1p(-A2), 1 - Y)
    return np.squeeze(-np.sum(logprobs, axis=1, keepdims=True) / m)
