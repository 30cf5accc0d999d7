# mutant: classifier_backward
# expect: bias_sum_axis
# also: axis_past_the_last
# changes: db2 summed over axis=2, which a 2-D array does not have (AxisError, error evidence)
import numpy as np


def classifier_backward(X, Y, parameters, cache):
    m = X.shape[1]
    dZ2 = cache["A2"] - Y
    dZ1 = parameters["W2"].T @ dZ2 * (cache["Z1"] > 0)
    return {"dW1": dZ1 @ X.T / m, "db1": np.sum(dZ1, axis=1, keepdims=True) / m,
            "dW2": dZ2 @ cache["A1"].T / m, "db2": np.sum(dZ2, axis=2, keepdims=True) / m}
