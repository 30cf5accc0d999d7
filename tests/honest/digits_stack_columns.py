# honest: digits_stack_columns
# changes: the sets gathered column by column with np.stack (and the labels with a list), the expected cost from
# the log of a uniform probability, np.isclose-free comparison through np.abs; argmax of A2 instead of
# predict_classes and np.count_nonzero for the accuracy
import numpy as np


def train_validation_split(X, labels, validation_fraction=0.2, seed=0):
    m = X.shape[1]
    order = list(np.random.default_rng(seed).permutation(m))
    n_val = int(np.rint(validation_fraction * m))
    val, train = order[:n_val], order[n_val:]
    return (np.stack([X[:, j] for j in train], axis=1), np.array([labels[j] for j in train]),
            np.stack([X[:, j] for j in val], axis=1), np.array([labels[j] for j in val]))


def initial_loss_check(X, Y, parameters, tolerance=0.1):
    C = Y.shape[0]
    A2 = classifier_forward(X, parameters)[0]
    cost = softmax_cost(A2, Y)
    expected = -np.log(1.0 / C)
    return cost, expected, np.abs(cost - expected) < tolerance


def overfit_check(X, Y, n_examples=20, n_h=50, learning_rate=1.0, num_iterations=200, seed=0, tolerance=0.01):
    small = slice(0, n_examples)
    parameters, costs = train_classifier(X[:, small], Y[:, small], n_h, learning_rate, num_iterations, seed)
    A2, _ = classifier_forward(X[:, small], parameters)
    final = softmax_cost(A2, Y[:, small])
    n_right = np.count_nonzero(np.argmax(A2, axis=0) == np.argmax(Y[:, small], axis=0))
    accuracy = n_right / n_examples
    return final, accuracy, bool(final < tolerance and n_right == n_examples)
