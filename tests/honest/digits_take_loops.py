# honest: digits_take_loops
# changes: np.split of the permutation and np.take along axis 1; the cost written out with its own sum over the
# columns and math.log(C); the accuracy counted in a loop over the examples
import math

import numpy as np


def train_validation_split(X, labels, validation_fraction=0.2, seed=0):
    rng = np.random.default_rng(seed)
    order = rng.permutation(X.shape[1])
    val, train = np.split(order, [round(X.shape[1] * validation_fraction)])
    return np.take(X, train, axis=1), np.take(labels, train), np.take(X, val, axis=1), np.take(labels, val)


def initial_loss_check(X, Y, parameters, tolerance=0.1):
    probabilities, _ = classifier_forward(X, parameters)
    cost = -np.sum(Y * np.log(probabilities), axis=0).mean()
    log_c = math.log(len(Y))
    return float(cost), log_c, bool(-tolerance < cost - log_c < tolerance)


def overfit_check(X, Y, n_examples=20, n_h=50, learning_rate=1.0, num_iterations=200, seed=0, tolerance=0.01):
    Xs, Ys = X[:, :n_examples].copy(), Y[:, :n_examples].copy()
    trained, _ = train_classifier(Xs, Ys, n_h=n_h, learning_rate=learning_rate, num_iterations=num_iterations,
                                  seed=seed)
    A2, _ = classifier_forward(Xs, trained)
    cost = softmax_cost(A2, Ys)
    predicted = predict_classes(Xs, trained)
    right = 0
    for j in range(n_examples):
        right += int(Ys[predicted[j], j] == 1)
    accuracy = right / n_examples
    return cost, accuracy, bool(cost < tolerance) and right == n_examples
