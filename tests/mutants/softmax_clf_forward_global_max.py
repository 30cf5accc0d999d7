# mutant: classifier_forward
# expect: softmax_global_max
# changes: one maximum for the whole matrix (np.max(Z2)) subtracted before np.exp, not each column's
import numpy as np


def classifier_forward(X, parameters):
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = np.maximum(0, Z1)
    Z2 = parameters["W2"] @ A1 + parameters["b2"]
    e = np.exp(Z2 - np.max(Z2))
    A2 = e / np.sum(e, axis=0, keepdims=True)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
