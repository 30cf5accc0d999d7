# honest: late_einsum
# changes: notebooks 8-10 with np.einsum and matrix products: the batch-norm means as products with a column of
# ones and einsum sums, the backward's per-unit sums by einsum; Adam's step as m_hat * (1 / (sqrt(v_hat) + eps))
# with sqrt(v) / sqrt(1 - beta2^t); dropout's output by einsum; the split through X.T's rows and np.take; the first
# cost written out with np.sum(Y * log A) / m
import numpy as np


def initialize_adam(parameters):
    state = {"t": 0}
    state["m"] = {f"d{k}": np.zeros(v.shape) for k, v in sorted(parameters.items())}
    state["v"] = {f"d{k}": np.zeros(v.shape) for k, v in sorted(parameters.items())}
    return state


def momentum_step(parameters, grads, velocity, learning_rate=0.01, beta=0.9):
    new_velocity = {d: np.einsum("ij->ij", beta * velocity[d] + (1 - beta) * grads[d]) for d in grads}
    new_parameters = {}
    for name in parameters:
        new_parameters[name] = parameters[name] + (-learning_rate) * new_velocity["d" + name]
    return new_parameters, new_velocity


def adam_step(parameters, grads, state, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8):
    t = state["t"] + 1
    m = {d: beta1 * state["m"][d] + (1 - beta1) * grads[d] for d in grads}
    v = {d: beta2 * state["v"][d] + (1 - beta2) * np.einsum("ij,ij->ij", grads[d], grads[d]) for d in grads}
    new_parameters = {}
    for name, value in parameters.items():
        m_hat = m["d" + name] / (1 - beta1 ** t)
        root_v_hat = np.sqrt(v["d" + name]) / np.sqrt(1 - beta2 ** t)
        new_parameters[name] = value - learning_rate * m_hat * (1.0 / (root_v_hat + epsilon))
    return new_parameters, {"t": t, "m": m, "v": v}


def dropout_forward(A, keep_prob, seed=0, train=True):
    if train:
        generator = np.random.default_rng(seed=seed)
        mask = 1.0 * (generator.random(size=A.shape) < keep_prob)
        return np.einsum("ij,ij->ij", A, mask) / keep_prob, mask
    return A + 0.0, None


def dropout_backward(dA, mask, keep_prob):
    return np.einsum("ij,ij->ij", dA, np.asarray(mask, dtype=float)) / keep_prob


def batchnorm_forward(Z, gamma, beta, running, train=True, momentum=0.9, epsilon=1e-5):
    m = Z.shape[1]
    ones = np.ones((m, 1))
    if train:
        mu = Z @ ones / m
        var = np.einsum("ij,ij->i", Z - mu, Z - mu).reshape(-1, 1) / m
        new_running = {"mean": np.add(momentum * running["mean"], (1 - momentum) * mu),
                       "var": np.add(momentum * running["var"], (1 - momentum) * var)}
    else:
        mu, var = running["mean"], running["var"]
        new_running = dict(running)
    std = np.sqrt(var + epsilon)
    Z_hat = (Z - mu) * (1 / std)
    return np.einsum("i,ij->ij", gamma[:, 0], Z_hat) + beta, (Z_hat, gamma, std), new_running


def batchnorm_backward(dout, cache):
    Z_hat, gamma, std = cache
    m = dout.shape[1]
    dbeta = np.einsum("ij->i", dout)[:, np.newaxis] / m
    dgamma = np.einsum("ij,ij->i", dout, Z_hat)[:, np.newaxis] / m
    dZ = (gamma / std) * (dout - dbeta @ np.ones((1, m)) - Z_hat * dgamma)
    return dZ, dgamma, dbeta


def train_validation_split(X, labels, validation_fraction=0.2, seed=0):
    m = X.shape[1]
    rng = np.random.default_rng(seed)
    order = rng.permutation(m)
    n_val = int(np.round(validation_fraction * m))
    columns = X.T[order]
    shuffled = np.take(labels, order)
    return columns[n_val:].T, shuffled[n_val:], columns[:n_val].T, shuffled[:n_val]


def initial_loss_check(X, Y, parameters, tolerance=0.1):
    A2 = classifier_forward(X, parameters)[0]
    m = Y.shape[1]
    cost = -np.sum(Y * np.log(A2)) / m
    log_C = np.log(len(Y))
    return cost, log_C, bool(np.abs(cost - log_C) < tolerance)


def overfit_check(X, Y, n_examples=20, n_h=50, learning_rate=1.0, num_iterations=200, seed=0, tolerance=0.01):
    X_few, Y_few = X[:, :n_examples], Y[:, :n_examples]
    params, costs = train_classifier(X_few, Y_few, n_h, learning_rate, num_iterations, seed)
    probabilities, _ = classifier_forward(X_few, params)
    cost = softmax_cost(probabilities, Y_few)
    hits = predict_classes(X_few, params) == Y_few.argmax(axis=0)
    accuracy = hits.sum() / hits.size
    return cost, accuracy, cost < tolerance and hits.all()
