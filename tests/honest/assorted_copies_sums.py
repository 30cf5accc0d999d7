# honest: assorted_copies_sums
# changes: per-layer generators seeded with seed + l drawing float32 weights and int zero biases, the cost from the
# true-class entries A[Y == 1], predictions of the logits cast to int32, db as a mean reshaped with [:, None], the
# L2 cost from np.mean of the losses and a loop; mini-batch descent on a deep copy updated with -=, a gradient
# check nudging copies of the parameter dict entry by entry, the corrected backward pass written out
import copy

import numpy as np
def initialize_he(layer_dims, seed=0):
    parameters = {}
    for l in range(1, len(layer_dims)):
        rng = np.random.default_rng(seed + l)
        parameters[f"W{l}"] = rng.standard_normal((layer_dims[l], layer_dims[l - 1]), dtype=np.float32) * np.sqrt(2 / layer_dims[l - 1])
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1), dtype=int)
    return parameters


def softmax_cost(A, Y):
    return -np.mean(np.log(A[Y == 1]))


def predict_classes(X, parameters):
    Z1 = parameters["W1"] @ X + parameters["b1"]
    Z2 = parameters["W2"] @ np.maximum(Z1, 0) + parameters["b2"]
    return Z2.argmax(axis=0).astype(np.int32)


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = dZ.shape[-1]
    return W.T.dot(dZ), dZ.dot(A_prev.T) * (1 / m), dZ.mean(axis=1)[:, None]


def compute_cost_l2(AL, Y, parameters, lambd):
    m = len(Y[0])
    ce = np.mean(-(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)))
    l2 = 0
    for l in range(1, len(parameters) // 2 + 1):
        l2 += np.sum(parameters["W" + str(l)] ** 2)
    return ce + lambd * l2 / (2 * m)


def mini_batch_gradient_descent(X, Y, params, learning_rate=0.1, num_epochs=10, mini_batch_size=64, seed=0):
    params = copy.deepcopy(params)
    costs = []
    for epoch in range(num_epochs):
        batches = random_mini_batches(X, Y, mini_batch_size=mini_batch_size, seed=seed + epoch)
        for X_batch, Y_batch in batches:
            Yhat, cache = net_forward(X_batch, params)
            costs.append(float(net_cost(Yhat, Y_batch)))
            grads = net_backward(X_batch, Y_batch, params, cache)
            for name in params:
                params[name] -= learning_rate * grads["d" + name]
    return params, costs


def gradient_check(X, Y, parameters, gradients, epsilon=1e-7):
    grads_approx, grads_exact = [], []
    for name in ("W1", "b1", "W2", "b2"):
        for idx in np.ndindex(parameters[name].shape):
            shifted = {k: v.copy() for k, v in parameters.items()}
            shifted[name][idx] = parameters[name][idx] + epsilon
            plus = compute_cost(forward_propagation(X, shifted)[0], Y)
            shifted[name][idx] = parameters[name][idx] - epsilon
            minus = compute_cost(forward_propagation(X, shifted)[0], Y)
            grads_approx.append((plus - minus) / (2 * epsilon))
            grads_exact.append(gradients["d" + name][idx])
    g, a = np.array(grads_exact), np.array(grads_approx)
    return np.linalg.norm(g - a) / (np.linalg.norm(g) + np.linalg.norm(a))


def backward_corrected(X, Y, parameters, cache):
    m = X.shape[1]
    dZ2 = cache["A2"] - Y
    dW2 = dZ2 @ cache["A1"].T / m
    db2 = dZ2.sum(axis=1, keepdims=True) / m
    dZ1 = parameters["W2"].T @ dZ2 * (1 - cache["A1"] ** 2)
    return {"dW1": dZ1 @ X.T / m, "db1": dZ1.sum(axis=1, keepdims=True) / m, "dW2": dW2, "db2": db2}
