# mutant: classifier_forward
# expect: softmax_sum_all
# changes: np.sum(e) over the whole array
import numpy as np


def classifier_forward(X, parameters):
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = np.maximum(0, Z1)
    Z2 = parameters["W2"] @ A1 + parameters["b2"]
    e = np.exp(Z2 - np.max(Z2))
    A2 = e / np.sum(e)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
