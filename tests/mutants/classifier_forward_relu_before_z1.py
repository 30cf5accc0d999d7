# mutant: classifier_forward
# expect: read_before_assigned
# changes: the hidden layer's product is written with A1 (assigned on the next line) where X belongs
import numpy as np


def classifier_forward(X, parameters):
    Z1 = parameters["W1"] @ A1 + parameters["b1"]
    A1 = np.maximum(0, Z1)
    Z2 = parameters["W2"] @ A1 + parameters["b2"]
    e = np.exp(Z2 - np.max(Z2, axis=0, keepdims=True))
    A2 = e / np.sum(e, axis=0, keepdims=True)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
