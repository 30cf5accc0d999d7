# mutant: forward_propagation
# expect: bias_missing
# changes: forgets b1 and b2
import numpy as np


def forward_propagation(X, parameters):
    Z1 = parameters["W1"] @ X
    A1 = relu(Z1)
    Z2 = parameters["W2"] @ A1
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
