# honest: digits_transpose_index
# changes: the examples indexed as rows of X.T and transposed back, the split sizes from the training count; the
# cost from log-probabilities written with logsumexp; the labels of the subset as integers first; passed as a
# Python and
import numpy as np


def train_validation_split(X, labels, validation_fraction=0.2, seed=0):
    m = X.shape[1]
    order = np.random.default_rng(seed).permutation(m)
    n_train = m - int(round(validation_fraction * m))
    rows = X.T
    return rows[order[-n_train:]].T, labels[order][-n_train:], rows[order[:m - n_train]].T, labels[order][:m - n_train]


def initial_loss_check(X, Y, parameters, tolerance=0.1):
    _, cache = classifier_forward(X, parameters)
    Z2 = cache["Z2"]
    top = Z2.max(axis=0)
    log_A = Z2 - top - np.log(np.exp(Z2 - top).sum(axis=0))
    cost = float(-(Y * log_A).sum() / Y.shape[1])
    expected = float(np.log(Y.shape[0]))
    return cost, expected, abs(expected - cost) < tolerance


def overfit_check(X, Y, n_examples=20, n_h=50, learning_rate=1.0, num_iterations=200, seed=0, tolerance=0.01):
    X_small = X[:, :n_examples]
    Y_small = Y[:, :n_examples]
    labels = Y_small.argmax(axis=0).astype(int)
    parameters = train_classifier(X_small, Y_small, n_h, learning_rate, num_iterations, seed)[0]
    final_cost = softmax_cost(classifier_forward(X_small, parameters)[0], Y_small)
    accuracy = float((predict_classes(X_small, parameters) == labels).mean())
    return final_cost, accuracy, final_cost < tolerance and accuracy == 1.0
