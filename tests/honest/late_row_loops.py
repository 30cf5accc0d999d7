# honest: late_row_loops
# changes: notebooks 8-10 with explicit loops: the optimisers entry by entry over the gradient names (name[1:]),
# dropout's mask and output entry by entry from one flat draw reshaped, batch norm unit by unit (each row a 1-D
# array) with preallocated outputs, the split gathered column by column with np.column_stack, the accuracy counted
# in a loop; the state built as {"t": 0, **moments}
import numpy as np


def initialize_adam(parameters):
    moments = {which: {"d" + name: np.zeros_like(value, dtype=float) for name, value in parameters.items()}
               for which in ("m", "v")}
    return {"t": 0, **moments}


def momentum_step(parameters, grads, velocity, learning_rate=0.01, beta=0.9):
    new_parameters, new_velocity = {}, {}
    for d in velocity:
        v = np.empty_like(velocity[d])
        p = np.empty_like(parameters[d[1:]])
        for idx in np.ndindex(v.shape):
            v[idx] = beta * velocity[d][idx] + (1 - beta) * grads[d][idx]
            p[idx] = parameters[d[1:]][idx] - learning_rate * v[idx]
        new_velocity[d], new_parameters[d[1:]] = v, p
    return new_parameters, new_velocity


def adam_step(parameters, grads, state, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8):
    t = state["t"] + 1
    correction1, correction2 = 1 - beta1 ** t, 1 - beta2 ** t
    new_parameters, m, v = {}, {}, {}
    for d in grads:
        m[d], v[d] = np.zeros_like(grads[d]), np.zeros_like(grads[d])
        new_parameters[d[1:]] = np.zeros_like(parameters[d[1:]])
        for idx in np.ndindex(grads[d].shape):
            g = grads[d][idx]
            m[d][idx] = beta1 * state["m"][d][idx] + (1 - beta1) * g
            v[d][idx] = beta2 * state["v"][d][idx] + (1 - beta2) * g ** 2
            step = (m[d][idx] / correction1) / (np.sqrt(v[d][idx] / correction2) + epsilon)
            new_parameters[d[1:]][idx] = parameters[d[1:]][idx] - learning_rate * step
    return new_parameters, dict(state, t=t, m=m, v=v)


def dropout_forward(A, keep_prob, seed=0, train=True):
    if train == False:  # noqa: E712  as students write it
        return A, None
    draws = np.random.default_rng(seed).random(A.size).reshape(A.shape)
    mask = np.zeros(A.shape)
    A_drop = np.zeros(A.shape)
    for i in range(A.shape[0]):
        for j in range(A.shape[1]):
            if draws[i, j] < keep_prob:
                mask[i, j] = 1.0
                A_drop[i, j] = A[i, j] / keep_prob
    return A_drop, mask


def dropout_backward(dA, mask, keep_prob):
    dA_prev = np.zeros_like(dA)
    for i in range(dA.shape[0]):
        for j in range(dA.shape[1]):
            if mask[i, j]:
                dA_prev[i, j] = dA[i, j] / keep_prob
    return dA_prev


def batchnorm_forward(Z, gamma, beta, running, train=True, momentum=0.9, epsilon=1e-5):
    n, m = Z.shape
    out, Z_hat, std = np.zeros((n, m)), np.zeros((n, m)), np.zeros((n, 1))
    new_running = {"mean": np.zeros((n, 1)), "var": np.zeros((n, 1))}
    for i in range(n):
        z = Z[i]
        if train:
            mu = z.sum() / m
            var = ((z - mu) ** 2).sum() / m
            new_running["mean"][i, 0] = momentum * running["mean"][i, 0] + (1 - momentum) * mu
            new_running["var"][i, 0] = momentum * running["var"][i, 0] + (1 - momentum) * var
        else:
            mu, var = running["mean"][i, 0], running["var"][i, 0]
            new_running["mean"][i, 0], new_running["var"][i, 0] = mu, var
        std[i, 0] = np.sqrt(var + epsilon)
        Z_hat[i] = (z - mu) / std[i, 0]
        out[i] = gamma[i, 0] * Z_hat[i] + beta[i, 0]
    return out, (Z_hat, gamma, std), new_running


def batchnorm_backward(dout, cache):
    Z_hat, gamma, std = cache
    n, m = dout.shape
    dZ, dgamma, dbeta = np.zeros((n, m)), np.zeros((n, 1)), np.zeros((n, 1))
    for i in range(n):
        g, zh = dout[i], Z_hat[i]
        dbeta[i, 0] = g.mean()
        dgamma[i, 0] = (g * zh).mean()
        dZ[i] = gamma[i, 0] / std[i, 0] * (g - dbeta[i, 0] - zh * dgamma[i, 0])
    return dZ, dgamma, dbeta


def train_validation_split(X, labels, validation_fraction=0.2, seed=0):
    m = len(labels)
    order = np.random.default_rng(seed).permutation(m)
    n_val = int(round(validation_fraction * m))
    val_idx, train_idx = order[:n_val], order[n_val:]
    X_train = np.column_stack([X[:, j] for j in train_idx])
    X_val = np.column_stack([X[:, j] for j in val_idx])
    labels_train = np.array([labels[j] for j in train_idx])
    labels_val = np.array([labels[j] for j in val_idx])
    return X_train, labels_train, X_val, labels_val


def initial_loss_check(X, Y, parameters, tolerance=0.1):
    A2, _ = classifier_forward(X, parameters)
    cost = softmax_cost(A2, Y)
    C = Y.shape[0]
    log_C = np.log(C)
    if abs(cost - log_C) < tolerance:
        passed = True
    else:
        passed = False
    return (cost, log_C, passed)


def overfit_check(X, Y, n_examples=20, n_h=50, learning_rate=1.0, num_iterations=200, seed=0, tolerance=0.01):
    X_small = X[:, :n_examples]
    Y_small = Y[:, :n_examples]
    parameters, _ = train_classifier(X_small, Y_small, n_h, learning_rate, num_iterations, seed)
    A2, _ = classifier_forward(X_small, parameters)
    final_cost = softmax_cost(A2, Y_small)
    predictions = predict_classes(X_small, parameters)
    right = 0
    for j in range(X_small.shape[1]):
        if Y_small[predictions[j], j] == 1:
            right += 1
    accuracy = right / X_small.shape[1]
    passed = bool(final_cost < tolerance) and right == X_small.shape[1]
    return final_cost, accuracy, passed
