"""Mini-batches, and why the gradient of a batch is the average of per-example gradients.

Convention: examples are columns, ``X: (n_x, m)``, ``Y: (n_y, m)``. Shuffling must move the columns of
X and Y with the same permutation so each example keeps its label.
"""

import numpy as np

from autograder.reference.network import backward_propagation, forward_propagation


def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    """Shuffle the columns of (X, Y) together and cut them into consecutive mini-batches.

    X: (n_x, m), Y: (n_y, m) -> list of (X_batch: (n_x, b), Y_batch: (n_y, b)) with b = mini_batch_size,
    except a last, smaller batch of m mod mini_batch_size columns when m is not a multiple.
    Together the batches hold every column exactly once (a partition); X and Y are not modified.
    """
    m = X.shape[1]
    permutation = np.random.default_rng(seed).permutation(m)
    # Fancy indexing copies, so the batches never alias the caller's arrays.
    X_shuffled = X[:, permutation]
    Y_shuffled = Y[:, permutation]
    return [
        (X_shuffled[:, k:k + mini_batch_size], Y_shuffled[:, k:k + mini_batch_size])
        for k in range(0, m, mini_batch_size)
    ]


def per_example_gradients(X, Y, parameters):
    """The 2-layer gradients of each example on its own (a batch of one).

    X: (n_x, m), Y: (1, m), parameters of the 2-layer network
    -> {"dW1": (m, n_h, n_x), "db1": (m, n_h, 1), "dW2": (m, 1, n_h), "db2": (m, 1, 1)}; index i is example i.
    """
    per_example = []
    for i in range(X.shape[1]):
        x, y = X[:, i:i + 1], Y[:, i:i + 1]  # slices keep the (n, 1) column shape
        _, cache = forward_propagation(x, parameters)
        per_example.append(backward_propagation(x, y, parameters, cache))
    return {name: np.stack([g[name] for g in per_example]) for name in per_example[0]}


def mean_of_per_example_gradients(X, Y, parameters):
    """The average over examples of per_example_gradients: equal to the full-batch gradient.

    X: (n_x, m), Y: (1, m) -> {"dW1": (n_h, n_x), "db1": (n_h, 1), "dW2": (1, n_h), "db2": (1, 1)}.
    The cost is a mean of per-example losses and differentiation is linear, so the gradient of the mean
    is the mean of the gradients; backward_propagation's 1/m is exactly this average.
    """
    return {name: np.mean(g, axis=0) for name, g in per_example_gradients(X, Y, parameters).items()}


def batch_gradient_gap(X, Y, parameters):
    """Largest absolute difference between the full-batch gradient and the mean of per-example ones.

    X: (n_x, m), Y: (1, m) -> float, zero up to rounding (about 1e-17 times the gradient size).
    """
    _, cache = forward_propagation(X, parameters)
    full = backward_propagation(X, Y, parameters, cache)
    mean = mean_of_per_example_gradients(X, Y, parameters)
    return max(float(np.max(np.abs(full[name] - mean[name]))) for name in full)
