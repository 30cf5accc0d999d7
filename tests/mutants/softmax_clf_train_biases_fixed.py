# mutant: train_classifier
# expect: biases_not_updated
# changes: W1 and W2 take their steps, b1 and b2 stay zero
import numpy as np


def train_classifier(X, Y, n_h, learning_rate=1.0, num_iterations=1000, seed=0):
    n_x, C = X.shape[0], Y.shape[0]
    rng = np.random.default_rng(seed)
    W1 = rng.standard_normal((n_h, n_x)) * np.sqrt(2 / n_x)
    W2 = rng.standard_normal((C, n_h)) * 0.01
    b1, b2 = np.zeros((n_h, 1)), np.zeros((C, 1))
    costs = []
    for i in range(num_iterations):
        parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
        A2, cache = classifier_forward(X, parameters)
        costs.append(softmax_cost(A2, Y))
        grads = classifier_backward(X, Y, parameters, cache)
        W1 = W1 - learning_rate * grads["dW1"]
        W2 = W2 - learning_rate * grads["dW2"]
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}, costs
