# honest: late_layer_index
# changes: notebooks 8-10 with the layers counted (L = len(parameters) // 2) and indexed by f-strings; dropout's
# mask cast with astype(int) and a copy of A in test mode; the batch-norm variance as E[z^2] - E[z]^2; the split
# with np.split and math.floor(x + 0.5); the cost test as a chained comparison; the accuracy counted with np.sum
import math

import numpy as np


def initialize_adam(parameters):
    L = len(parameters) // 2
    state = {"t": 0, "m": {}, "v": {}}
    for l in range(1, L + 1):
        for kind in ("W", "b"):
            shape = parameters[f"{kind}{l}"].shape
            state["m"][f"d{kind}{l}"] = np.zeros(shape)
            state["v"][f"d{kind}{l}"] = np.zeros(shape)
    return state


def momentum_step(parameters, grads, velocity, learning_rate=0.01, beta=0.9):
    L = len(parameters) // 2
    new_parameters, new_velocity = {}, {}
    for l in range(1, L + 1):
        for kind in ("W", "b"):
            new_velocity[f"d{kind}{l}"] = beta * velocity[f"d{kind}{l}"] + (1 - beta) * grads[f"d{kind}{l}"]
            new_parameters[f"{kind}{l}"] = parameters[f"{kind}{l}"] - learning_rate * new_velocity[f"d{kind}{l}"]
    return new_parameters, new_velocity


def adam_step(parameters, grads, state, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8):
    L = len(parameters) // 2
    t = state["t"] + 1
    new_parameters, m, v = {}, {}, {}
    for l in range(1, L + 1):
        for kind in ("W", "b"):
            key = f"d{kind}{l}"
            m[key] = beta1 * state["m"][key] + (1 - beta1) * grads[key]
            v[key] = beta2 * state["v"][key] + (1 - beta2) * np.square(grads[key])
            m_hat = m[key] / (1 - np.power(beta1, t))
            v_hat = v[key] / (1 - np.power(beta2, t))
            new_parameters[f"{kind}{l}"] = parameters[f"{kind}{l}"] - learning_rate * m_hat / (v_hat ** 0.5 + epsilon)
    return new_parameters, {"t": t, "m": m, "v": v}


def dropout_forward(A, keep_prob, seed=0, train=True):
    if not train:
        return A.copy(), np.ones(A.shape)
    rng = np.random.default_rng(seed)
    draws = rng.random(A.shape)
    mask = (draws < keep_prob).astype(int)
    A_drop = np.multiply(A, mask) / keep_prob
    return A_drop, mask


def dropout_backward(dA, mask, keep_prob):
    dA_prev = dA.copy()
    dA_prev[mask == 0] = 0
    dA_prev /= keep_prob
    return dA_prev


def batchnorm_forward(Z, gamma, beta, running, train=True, momentum=0.9, epsilon=1e-5):
    if train:
        mu = np.mean(Z, axis=1, keepdims=True)
        var = np.mean(Z ** 2, axis=1, keepdims=True) - mu ** 2
        new_running = {"mean": momentum * running["mean"] + (1 - momentum) * mu,
                       "var": momentum * running["var"] + (1 - momentum) * var}
    else:
        mu, var = running["mean"], running["var"]
        new_running = running
    std = np.sqrt(var + epsilon)
    Z_hat = (Z - mu) / std
    out = gamma * Z_hat + beta
    cache = (Z_hat, gamma, std)
    return out, cache, new_running


def batchnorm_backward(dout, cache):
    Z_hat, gamma, std = cache
    m = dout.shape[1]
    dbeta = np.sum(dout, axis=1, keepdims=True) / m
    dgamma = np.sum(dout * Z_hat, axis=1, keepdims=True) / m
    dZ_hat = gamma * dout
    dZ = (dZ_hat - np.mean(dZ_hat, axis=1, keepdims=True)
          - Z_hat * np.mean(dZ_hat * Z_hat, axis=1, keepdims=True)) / std
    return dZ, dgamma, dbeta


def train_validation_split(X, labels, validation_fraction=0.2, seed=0):
    m = X.shape[1]
    order = np.random.default_rng(seed).permutation(m)
    n_val = math.floor(validation_fraction * m + 0.5)
    X_val, X_train = np.split(X[:, order], [n_val], axis=1)
    labels_val, labels_train = np.split(labels[order], [n_val])
    return X_train, labels_train, X_val, labels_val


def initial_loss_check(X, Y, parameters, tolerance=0.1):
    A2, cache = classifier_forward(X, parameters)
    cost = softmax_cost(A2, Y)
    log_C = math.log(Y.shape[0])
    passed = log_C - tolerance < cost < log_C + tolerance
    return cost, log_C, passed


def overfit_check(X, Y, n_examples=20, n_h=50, learning_rate=1.0, num_iterations=200, seed=0, tolerance=0.01):
    X_small = X[:, 0:n_examples].copy()
    Y_small = Y[:, 0:n_examples].copy()
    parameters, costs = train_classifier(X_small, Y_small, n_h, learning_rate, num_iterations, seed)
    A2, _ = classifier_forward(X_small, parameters)
    final_cost = softmax_cost(A2, Y_small)
    labels = np.argmax(Y_small, axis=0)
    correct = np.sum(predict_classes(X_small, parameters) == labels)
    accuracy = correct / n_examples
    passed = final_cost < tolerance and accuracy == 1
    return final_cost, accuracy, passed
