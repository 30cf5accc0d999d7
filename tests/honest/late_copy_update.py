# honest: late_copy_update
# changes: notebooks 8-10 by copying every array first and updating the copies in place (np.multiply and np.add
# with out=, -=); dropout by zeroing the dropped entries of a copy; the batch-norm statistics from np.std; the split
# with the permutation of X's columns and of the labels by two generators of the same seed; math.isclose
import copy
import math

import numpy as np


def initialize_adam(parameters):
    m = {}
    for name, value in parameters.items():
        zeros = np.array(value, dtype=float, copy=True)
        zeros.fill(0.0)
        m["d" + name] = zeros
    return {"t": 0, "m": m, "v": copy.deepcopy(m)}


def momentum_step(parameters, grads, velocity, learning_rate=0.01, beta=0.9):
    new_parameters = {k: v.copy() for k, v in parameters.items()}
    new_velocity = {k: v.copy() for k, v in velocity.items()}
    for name in new_parameters:
        d = "d" + name
        np.multiply(new_velocity[d], beta, out=new_velocity[d])
        np.add(new_velocity[d], (1 - beta) * grads[d], out=new_velocity[d])
        new_parameters[name] -= learning_rate * new_velocity[d]
    return new_parameters, new_velocity


def adam_step(parameters, grads, state, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8):
    new_state = copy.deepcopy(state)
    new_state["t"] = state["t"] + 1
    t = new_state["t"]
    new_parameters = copy.deepcopy(parameters)
    for d, g in grads.items():
        m, v = new_state["m"][d], new_state["v"][d]
        m *= beta1
        m += (1 - beta1) * g
        v *= beta2
        v += (1 - beta2) * g * g
        m_hat = m / (1 - beta1 ** t)
        v_hat = v / (1 - beta2 ** t)
        new_parameters[d[1:]] -= learning_rate * m_hat / (np.sqrt(v_hat) + epsilon)
    return new_parameters, new_state


def dropout_forward(A, keep_prob, seed=0, train=True):
    A_drop = A.copy()
    if not train:
        return A_drop, None
    mask = np.random.default_rng(seed).uniform(size=A.shape) < keep_prob
    A_drop[~mask] = 0.0
    A_drop /= keep_prob
    return A_drop, mask


def dropout_backward(dA, mask, keep_prob):
    dA_prev = np.array(dA, dtype=float)
    dA_prev *= mask
    dA_prev /= keep_prob
    return dA_prev


def batchnorm_forward(Z, gamma, beta, running, train=True, momentum=0.9, epsilon=1e-5):
    new_running = copy.deepcopy(running)
    if train:
        mu = Z.mean(axis=1, keepdims=True)
        sigma = Z.std(axis=1, keepdims=True)
        new_running["mean"] *= momentum
        new_running["mean"] += (1 - momentum) * mu
        new_running["var"] *= momentum
        new_running["var"] += (1 - momentum) * sigma ** 2
        std = np.sqrt(sigma ** 2 + epsilon)
    else:
        mu = running["mean"]
        std = np.sqrt(running["var"] + epsilon)
    Z_hat = Z - mu
    Z_hat /= std
    out = Z_hat * gamma
    out += beta
    return out, (Z_hat, gamma, std), new_running


def batchnorm_backward(dout, cache):
    Z_hat, gamma, std = cache
    dbeta = dout.mean(axis=1, keepdims=True)
    dgamma = (dout * Z_hat).mean(axis=1, keepdims=True)
    dZ = dout.copy()
    dZ -= dbeta
    dZ -= Z_hat * dgamma
    dZ *= gamma / std
    return dZ, dgamma, dbeta


def train_validation_split(X, labels, validation_fraction=0.2, seed=0):
    n_val = int(round(validation_fraction * X.shape[1]))
    X_shuffled = np.random.default_rng(seed).permutation(X, axis=1)
    labels_shuffled = np.random.default_rng(seed).permutation(labels)
    return X_shuffled[:, n_val:], labels_shuffled[n_val:], X_shuffled[:, :n_val], labels_shuffled[:n_val]


def initial_loss_check(X, Y, parameters, tolerance=0.1):
    probabilities = classifier_forward(X, parameters)[0]
    cost = float(softmax_cost(probabilities, Y))
    log_C = float(np.log(Y.shape[0]))
    passed = math.isclose(cost, log_C, rel_tol=0.0, abs_tol=tolerance)
    return cost, log_C, passed


def overfit_check(X, Y, n_examples=20, n_h=50, learning_rate=1.0, num_iterations=200, seed=0, tolerance=0.01):
    X_small, Y_small = np.copy(X[:, :n_examples]), np.copy(Y[:, :n_examples])
    trained = train_classifier(X_small, Y_small, n_h, learning_rate=learning_rate, num_iterations=num_iterations,
                               seed=seed)[0]
    final_cost = softmax_cost(classifier_forward(X_small, trained)[0], Y_small)
    truth = np.nonzero(Y_small.T)[1]
    accuracy = float(np.mean(predict_classes(X_small, trained) == truth))
    passed = (final_cost < tolerance) & (accuracy == 1.0)
    return final_cost, accuracy, passed
