# honest: helpers
# changes: extra helper functions (dense_forward, dense_backward, layer keys) used by the graded ones.
import numpy as np


def dense_forward(A_prev, W, b):
    return W @ A_prev + b


def dense_backward(dZ, A_prev, W):
    m = A_prev.shape[1]
    return dZ @ A_prev.T / m, dZ.sum(axis=1, keepdims=True) / m, W.T @ dZ


def layer_count(d):
    return sum(1 for k in d if k.lstrip("d").startswith("W"))


def forward_propagation(X, parameters):
    Z1 = dense_forward(X, parameters["W1"], parameters["b1"])
    A1 = relu(Z1)
    Z2 = dense_forward(A1, parameters["W2"], parameters["b2"])
    return sigmoid(Z2), {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": sigmoid(Z2)}


def backward_propagation(X, Y, parameters, cache):
    dZ2 = cache["A2"] - Y
    dW2, db2, dA1 = dense_backward(dZ2, cache["A1"], parameters["W2"])
    dZ1 = dA1 * relu_derivative(cache["Z1"])
    dW1, db1, _ = dense_backward(dZ1, X, parameters["W1"])
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def dictionary_to_vector(d):
    p = "d" if "dW1" in d else ""
    return np.vstack([d[f"{p}{c}{l}"].reshape(-1, 1) for l in range(1, layer_count(d) + 1) for c in "Wb"])
