# mutant: train_classifier
# expect: name_not_defined
# changes: the cost reads A2 under the name of the forward pass's pre-activation, Z2, which train_classifier never assigns
import numpy as np


def train_classifier(X, Y, n_h, learning_rate=1.0, num_iterations=1000, seed=0):
    n_x, C = X.shape[0], Y.shape[0]
    rng = np.random.default_rng(seed)
    parameters = {"W1": rng.standard_normal((n_h, n_x)) * np.sqrt(2 / n_x), "b1": np.zeros((n_h, 1)),
                  "W2": rng.standard_normal((C, n_h)) * 0.01, "b2": np.zeros((C, 1))}
    costs = []
    for i in range(num_iterations):
        A2, cache = classifier_forward(X, parameters)
        costs.append(softmax_cost(Z2, Y))
        grads = classifier_backward(X, Y, parameters, cache)
        parameters = {k: v - learning_rate * grads["d" + k] for k, v in parameters.items()}
    return parameters, costs
