# mutant: forward_propagation
# expect: z1_into_layer2
# changes: Z2 = W2 @ Z1 + b2; the cache's A1 = relu(Z1) is right
import numpy as np


def forward_propagation(X, parameters):
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = relu(Z1)
    Z2 = parameters["W2"] @ Z1 + parameters["b2"]
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
