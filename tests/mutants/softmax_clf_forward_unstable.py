# mutant: classifier_forward
# expect: softmax_overflow
# changes: np.exp(Z2) without the column maximum
import numpy as np


def classifier_forward(X, parameters):
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = np.maximum(0, Z1)
    Z2 = parameters["W2"] @ A1 + parameters["b2"]
    A2 = np.exp(Z2) / np.sum(np.exp(Z2), axis=0, keepdims=True)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
