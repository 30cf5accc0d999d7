# honest: assorted_where_loops
# changes: sigmoid through np.logaddexp, float32 ReLU mask, leaky ReLU by np.maximum, a Jacobian by two loops, the
# dictionary column sorted by layer, views of theta copied, batches by a comprehension, per-example gradients of
# single-column slices; He weights with the biases first, a while-loop trainer returning an array of costs, an
# in-place softmax on a copy of the logits, the ReLU backward zeroing a copy
import numpy as np


def sigmoid(z):
    return np.exp(-np.logaddexp(0, -z))


def sigmoid_derivative(a):
    return a - a ** 2


def tanh_derivative(a):
    return 1 - np.square(a)


def relu(z):
    return np.where(z > 0, z, 0.0)


def relu_derivative(z):
    return np.greater(z, 0).astype(np.float32)


def leaky_relu(z, alpha=0.01):
    return np.maximum(z, alpha * z) if alpha <= 1 else np.where(z > 0, z, alpha * z)


def leaky_relu_derivative(z, alpha=0.01):
    d = np.ones_like(z, dtype=float)
    d[z <= 0] = alpha
    return d


def softmax(z):
    shifted = z - np.max(z, axis=0)
    e = np.exp(shifted)
    return e / e.sum(axis=0)


def softmax_jacobian(a):
    a = np.reshape(a, (-1,))
    K = a.shape[0]
    J = np.empty((K, K))
    for i in range(K):
        for j in range(K):
            J[i, j] = a[i] * ((i == j) - a[j])
    return J


def dictionary_to_vector(d):
    keys = sorted(d, key=lambda k: (int(k.lstrip("dWb")), k.lstrip("d")[0] != "W"))
    return np.concatenate([d[k].reshape(-1, 1) for k in keys])


def vector_to_dictionary(theta, layer_dims):
    out, i = {}, 0
    flat = np.ravel(theta)
    for l in range(1, len(layer_dims)):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        out[f"W{l}"] = flat[i:i + n * n_prev].reshape(n, n_prev).copy()
        i += n * n_prev
        out[f"b{l}"] = flat[i:i + n].reshape(n, 1).copy()
        i += n
    return out


def numerical_derivative(f, x, epsilon=1e-5):
    return float((f(x + epsilon) - f(x - epsilon)) / (2 * epsilon))


def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    m = X.shape[1]
    perm = np.random.default_rng(seed).permutation(m)
    Xs, Ys = X[:, perm], Y[:, perm]
    return [(Xs[:, k:k + mini_batch_size], Ys[:, k:k + mini_batch_size]) for k in range(0, m, mini_batch_size)]


def per_example_gradients(X, Y, params):
    grads = [net_backward(X[:, [i]], Y[:, [i]], params, net_forward(X[:, [i]], params)[1]) for i in range(X.shape[1])]
    return {k: np.array([g[k] for g in grads]) for k in grads[0]}
def initialize_he(layer_dims, seed=0):
    rng = np.random.default_rng(seed)
    L = len(layer_dims) - 1
    p = {}
    for l in range(1, L + 1):
        p["b" + str(l)] = np.zeros((layer_dims[l], 1))
    for l in range(1, L + 1):
        p["W" + str(l)] = rng.normal(size=(layer_dims[l], layer_dims[l - 1])) * np.sqrt(2. / layer_dims[l - 1])
    return p


def train_classifier(X, Y, n_h, learning_rate=1.0, num_iterations=1000, seed=0):
    rng = np.random.default_rng(seed)
    W1 = rng.standard_normal((n_h, X.shape[0])) * np.sqrt(2 / X.shape[0])
    W2 = rng.standard_normal((Y.shape[0], n_h)) * 0.01
    params = dict(W1=W1, b1=np.zeros((n_h, 1)), W2=W2, b2=np.zeros((Y.shape[0], 1)))
    costs = []
    i = 0
    while i < num_iterations:
        A2, cache = classifier_forward(X, params)
        costs.append(float(softmax_cost(A2, Y)))
        g = classifier_backward(X, Y, params, cache)
        params = {k: params[k] - learning_rate * g["d" + k] for k in params}
        i += 1
    return params, np.array(costs)


def classifier_forward(X, parameters):
    W1, b1, W2, b2 = (parameters[k] for k in ("W1", "b1", "W2", "b2"))
    Z1 = W1 @ X + b1
    A1 = Z1.clip(min=0)
    Z2 = W2 @ A1 + b2
    Z = Z2.copy()
    Z -= Z.max(axis=0)
    np.exp(Z, out=Z)
    Z /= Z.sum(axis=0)
    return Z, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": Z}


def activation_backward(dA, cache, activation):
    (A_prev, W, b), Z = cache
    if activation == "relu":
        dZ = np.array(dA, copy=True)
        dZ[Z <= 0] = 0
    elif activation == "tanh":
        dZ = dA * (1 - np.tanh(Z) * np.tanh(Z))
    elif activation == "sigmoid":
        a = 1 / (1 + np.exp(-Z))
        dZ = dA * a * (1 - a)
    return linear_backward(dZ, (A_prev, W, b))
