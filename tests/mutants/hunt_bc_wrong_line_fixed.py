# mutant: backward_corrected
# expect: bug_planted_kept
# also: averaged_twice
# changes: backward_b "fixed" on the line that looked wrong: db1 divided by m too, dW1 left as it was
import numpy as np


def backward_corrected(X, Y, parameters, cache):
    m = X.shape[1]
    dZ2 = (cache["A2"] - Y) / m
    dW2 = dZ2 @ cache["A1"].T
    db2 = np.sum(dZ2, axis=1, keepdims=True)
    dZ1 = parameters["W2"].T @ dZ2 * (1 - cache["A1"] ** 2)
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    dW1 = dZ1 @ X.T / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
