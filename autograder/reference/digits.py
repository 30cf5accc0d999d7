"""Notebook 10: real data. The handwritten digits (8 x 8 images, 10 classes), a validation split and the two sanity
checks of a classifier before it is trusted: the first cost near log C, and a tiny subset learnt by heart.

Convention: examples are columns, ``X: (n_x, m)``; ``labels: (m,)`` integer classes; one-hot ``Y: (C, m)``. The
classifier is notebook 7's (``classifier_forward``, ``softmax_cost``, ``predict_classes``, ``train_classifier``),
called by bare name.

Every function is injectable (docs/design.md): only ``np`` and other student functions by bare name.
"""

import numpy as np

from autograder.reference.softmax_classifier import (  # called by bare name, as in the notebook
    classifier_forward,
    predict_classes,
    softmax_cost,
    train_classifier,
)


def train_validation_split(X, labels, validation_fraction=0.2, seed=0):
    """A shuffled split of the m examples into a training set and a validation set, pairs kept together.

    order = np.random.default_rng(seed).permutation(m); n_val = int(round(validation_fraction * m)); the examples
    order[:n_val] are the validation set, order[n_val:] the training set, each in the order of ``order``.
    X: (n_x, m), labels: (m,) -> (X_train: (n_x, m - n_val), labels_train, X_val: (n_x, n_val), labels_val).
    """
    m = X.shape[1]
    order = np.random.default_rng(seed).permutation(m)
    n_val = int(round(validation_fraction * m))
    validation, training = order[:n_val], order[n_val:]
    return X[:, training], labels[training], X[:, validation], labels[validation]


def initial_loss_check(X, Y, parameters, tolerance=0.1):
    """The first sanity check: the cost of ``parameters`` against log C, the cost of a uniform guess over C classes.

    -> (cost, log C, passed): cost = softmax_cost of classifier_forward(X, parameters), C = Y.shape[0] (natural
    log), passed = |cost - log C| < tolerance (a bool).
    """
    A2, _ = classifier_forward(X, parameters)
    cost = softmax_cost(A2, Y)
    expected = float(np.log(Y.shape[0]))
    return cost, expected, bool(abs(cost - expected) < tolerance)


def overfit_check(X, Y, n_examples=20, n_h=50, learning_rate=1.0, num_iterations=200, seed=0, tolerance=0.01):
    """The second sanity check: train on the first ``n_examples`` columns alone and see them learnt by heart.

    train_classifier(X[:, :n], Y[:, :n], n_h, learning_rate, num_iterations, seed), then on those n examples:
    -> (final cost: softmax_cost of the trained parameters, accuracy: the fraction predicted right (a float in
    [0, 1]), passed: final cost < tolerance and accuracy == 1 (a bool)).
    """
    X_small, Y_small = X[:, :n_examples], Y[:, :n_examples]
    parameters, _ = train_classifier(X_small, Y_small, n_h, learning_rate, num_iterations, seed)
    A2, _ = classifier_forward(X_small, parameters)
    final_cost = softmax_cost(A2, Y_small)
    accuracy = float(np.mean(predict_classes(X_small, parameters) == np.argmax(Y_small, axis=0)))
    return final_cost, accuracy, bool(final_cost < tolerance and accuracy == 1.0)
