"""Mini-batches, mini-batch gradient descent, and why the gradient of a batch is the average of per-example
gradients, on the provided model of notebook 4 (a tanh regression network).

Convention: examples are columns, ``X: (n_x, m)``, ``Y: (n_y, m)``. Shuffling must move the columns of
X and Y with the same permutation so each example keeps its label.
"""

import numpy as np


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


# The provided model of notebook 4 (its locked cell is this source): a regression network with a tanh hidden
# layer, a linear output and half the mean squared error. Its functions are in PROVIDED_FUNCTIONS, so a check can
# execute them into a submission's namespace like the reference versions of student functions.

def net_init(n_x, n_h, seed=0):
    """Parameters of the regression network: W1 (n_h, n_x), b1 (n_h, 1), W2 (1, n_h), b2 (1, 1)."""
    rng = np.random.default_rng(seed)
    return {"W1": rng.standard_normal((n_h, n_x)) / np.sqrt(n_x), "b1": np.zeros((n_h, 1)),
            "W2": rng.standard_normal((1, n_h)) / np.sqrt(n_h), "b2": np.zeros((1, 1))}


def net_forward(X, params):
    """X: (n_x, m) -> (Yhat: (1, m), cache with Z1, A1: (n_h, m) and Yhat)."""
    Z1 = params["W1"] @ X + params["b1"]
    A1 = np.tanh(Z1)
    Yhat = params["W2"] @ A1 + params["b2"]
    return Yhat, {"Z1": Z1, "A1": A1, "Yhat": Yhat}


def net_cost(Yhat, Y):
    """Half the mean squared error, as a float."""
    return float(np.sum((Yhat - Y) ** 2) / (2 * Y.shape[1]))


def net_backward(X, Y, params, cache):
    """Gradients of net_cost: {"dW1", "db1", "dW2", "db2"}, each the shape of its parameter."""
    m = X.shape[1]
    dYhat = cache["Yhat"] - Y                             # (1, m): per-example gradients
    dW2 = dYhat @ cache["A1"].T / m                       # the 1/m of the mean, in dW and db only
    db2 = np.sum(dYhat, axis=1, keepdims=True) / m
    dZ1 = (params["W2"].T @ dYhat) * (1 - cache["A1"] ** 2)
    dW1 = dZ1 @ X.T / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


PROVIDED_MODEL = (net_init, net_forward, net_cost, net_backward)


def per_example_gradients(X, Y, params):
    """The gradients of the provided model for each example on its own (a batch of one).

    X: (n_x, m), Y: (1, m), params of the provided model
    -> {"dW1": (m, n_h, n_x), "db1": (m, n_h, 1), "dW2": (m, 1, n_h), "db2": (m, 1, 1)}; index i is example i.
    """
    per_example = []
    for i in range(X.shape[1]):
        x, y = X[:, i:i + 1], Y[:, i:i + 1]  # slices keep the (n, 1) column shape
        _, cache = net_forward(x, params)
        per_example.append(net_backward(x, y, params, cache))
    return {name: np.stack([g[name] for g in per_example]) for name in per_example[0]}


def mini_batch_gradient_descent(X, Y, params, learning_rate=0.1, num_epochs=10, mini_batch_size=64, seed=0):
    """Train the provided model with mini-batch gradient descent.

    Epoch e (0, 1, ...) cuts random_mini_batches(X, Y, mini_batch_size, seed + e); for each batch in order,
    the cost of the batch is computed with the parameters before the step, then one step
    W <- W - learning_rate * dW is taken on every parameter. The caller's params are not modified.
    -> (params after training, costs: a list with one float per step, num_epochs * ceil(m / size) in all).
    """
    params = {name: value.copy() for name, value in params.items()}
    costs = []
    for epoch in range(num_epochs):
        for X_batch, Y_batch in random_mini_batches(X, Y, mini_batch_size, seed + epoch):
            Yhat, cache = net_forward(X_batch, params)
            costs.append(net_cost(Yhat, Y_batch))
            grads = net_backward(X_batch, Y_batch, params, cache)
            params = {name: value - learning_rate * grads["d" + name] for name, value in params.items()}
    return params, costs


def mean_of_per_example_gradients(X, Y, params):
    """The average over examples of per_example_gradients: equal to the full-batch gradient.

    X: (n_x, m), Y: (1, m) -> {"dW1": (n_h, n_x), "db1": (n_h, 1), "dW2": (1, n_h), "db2": (1, 1)}.
    The cost is a mean of per-example losses and differentiation is linear, so the gradient of the mean
    is the mean of the gradients; net_backward's 1/m is exactly this average.
    """
    return {name: np.mean(g, axis=0) for name, g in per_example_gradients(X, Y, params).items()}


def batch_gradient_gap(X, Y, params):
    """Largest absolute difference between the full-batch gradient and the mean of per-example ones.

    X: (n_x, m), Y: (1, m) -> float, zero up to rounding (about 1e-17 times the gradient size).
    """
    _, cache = net_forward(X, params)
    full = net_backward(X, Y, params, cache)
    mean = mean_of_per_example_gradients(X, Y, params)
    return max(float(np.max(np.abs(full[name] - mean[name]))) for name in full)
