# mutant: backward_propagation
# expect: elementwise_for_product
# changes: dW1 = dZ1 * X.T / m, `*` where the matrix product `@` belongs
import numpy as np


def backward_propagation(X, Y, parameters, cache):
    m = X.shape[1]
    dZ2 = cache["A2"] - Y
    dW2 = np.dot(dZ2, cache["A1"].T) / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = np.dot(parameters["W2"].T, dZ2) * relu_derivative(cache["Z1"])
    dW1 = dZ1 * X.T / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
