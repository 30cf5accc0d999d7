# honest: baseline
# changes: nothing -- the clean solutions every other variant starts from.
import numpy as np


# 01_chain_rule ----------------------------------------------------------------------------------

def forward_graph(x):
    g = x**2
    f = g + 1
    y = f**3
    return y, {"x": x, "g": g, "f": f, "y": y}


def backward_graph(cache):
    dy_df = 3 * cache["f"] ** 2
    dy_dg = dy_df * 1
    dy_dx = dy_dg * 2 * cache["x"]
    return {"dy_df": dy_df, "dy_dg": dy_dg, "dy_dx": dy_dx}


def dz_dt(t):
    x, y = np.cos(t), np.exp(t)
    return 2 * x * y * (-np.sin(t)) + x**2 * y


class Value:
    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    def tanh(self):
        t = float(np.tanh(self.data))  # np: the grader's cells import numpy only
        out = Value(t, (self,), "tanh")

        def _backward():
            self.grad += (1 - t**2) * out.grad

        out._backward = _backward
        return out

    def backward(self):
        order, visited = [], set()

        def build(node):
            if node not in visited:
                visited.add(node)
                for child in node._prev:
                    build(child)
                order.append(node)

        build(self)
        self.grad = 1.0
        for node in reversed(order):
            node._backward()

    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __neg__(self):
        return self * -1

    def __sub__(self, other):
        return self + (-other)


# 02_activations ---------------------------------------------------------------------------------

def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def sigmoid_derivative(a):
    return a * (1 - a)


def tanh_derivative(a):
    return 1 - a**2


def relu(z):
    return np.maximum(0, z)


def relu_derivative(z):
    return (z > 0).astype(float)


def leaky_relu(z, alpha=0.01):
    return np.where(z > 0, z, alpha * z)


def leaky_relu_derivative(z, alpha=0.01):
    return np.where(z > 0, 1.0, alpha)


def softmax(z):
    e = np.exp(z - np.max(z, axis=0, keepdims=True))
    return e / np.sum(e, axis=0, keepdims=True)


def softmax_jacobian(a):
    a = a.reshape(-1)
    return np.diag(a) - np.outer(a, a)


# 03_network -------------------------------------------------------------------------------------

def initialize_parameters(layer_dims, seed=0):
    rng = np.random.default_rng(seed)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters["W" + str(l)] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * 0.01
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters


def forward_propagation(X, parameters):
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = relu(Z1)
    Z2 = parameters["W2"] @ A1 + parameters["b2"]
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(A2, Y):
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m)


def backward_propagation(X, Y, parameters, cache):
    m = X.shape[1]
    dZ2 = cache["A2"] - Y
    dW2 = dZ2 @ cache["A1"].T / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = (parameters["W2"].T @ dZ2) * relu_derivative(cache["Z1"])
    dW1 = dZ1 @ X.T / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def update_parameters(parameters, gradients, learning_rate):
    return {k: v - learning_rate * gradients["d" + k] for k, v in parameters.items()}


def train(X, Y, layer_dims, learning_rate=1.2, num_iterations=5000, **kwargs):
    parameters = initialize_parameters(layer_dims)
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        cost = compute_cost(A2, Y)
        gradients = backward_propagation(X, Y, parameters, cache)
        parameters = update_parameters(parameters, gradients, learning_rate)
    return parameters


# 04_batches -------------------------------------------------------------------------------------

def per_example_gradients(X, Y, params):
    gradients = []
    for i in range(X.shape[1]):
        x, y = X[:, i:i + 1], Y[:, i:i + 1]
        _, cache = net_forward(x, params)
        gradients.append(net_backward(x, y, params, cache))
    return {name: np.stack([g[name] for g in gradients]) for name in gradients[0]}


def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    m = X.shape[1]
    permutation = np.random.default_rng(seed).permutation(m)
    X_shuffled, Y_shuffled = X[:, permutation], Y[:, permutation]
    return [(X_shuffled[:, k:k + mini_batch_size], Y_shuffled[:, k:k + mini_batch_size])
            for k in range(0, m, mini_batch_size)]


def mini_batch_gradient_descent(X, Y, params, learning_rate=0.1, num_epochs=10, mini_batch_size=64, seed=0):
    params = {name: value.copy() for name, value in params.items()}
    costs = []
    for epoch in range(num_epochs):
        for X_batch, Y_batch in random_mini_batches(X, Y, mini_batch_size, seed + epoch):
            Yhat, cache = net_forward(X_batch, params)
            costs.append(net_cost(Yhat, Y_batch))
            grads = net_backward(X_batch, Y_batch, params, cache)
            params = {name: value - learning_rate * grads["d" + name] for name, value in params.items()}
    return params, costs


# 05_gradient_checking ---------------------------------------------------------------------------

def numerical_derivative(f, x, epsilon=1e-5):
    return (f(x + epsilon) - f(x - epsilon)) / (2 * epsilon)


def dictionary_to_vector(d):
    prefix = "d" if "dW1" in d else ""
    L = len([k for k in d if k.startswith(prefix + "W")])
    pieces = []
    for l in range(1, L + 1):
        pieces.append(d[prefix + "W" + str(l)].reshape(-1, 1))
        pieces.append(d[prefix + "b" + str(l)].reshape(-1, 1))
    return np.concatenate(pieces, axis=0)


def vector_to_dictionary(theta, layer_dims):
    theta = theta.reshape(-1)
    parameters, start = {}, 0
    for l in range(1, len(layer_dims)):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        parameters["W" + str(l)] = theta[start:start + n * n_prev].reshape(n, n_prev).copy()
        start += n * n_prev
        parameters["b" + str(l)] = theta[start:start + n].reshape(n, 1).copy()
        start += n
    return parameters


def gradient_check(X, Y, parameters, gradients, epsilon=1e-7):
    layer_dims = [parameters["W1"].shape[1], parameters["W1"].shape[0], parameters["W2"].shape[0]]
    theta = dictionary_to_vector(parameters)
    grad = dictionary_to_vector(gradients)
    approx = np.zeros_like(theta)
    for i in range(theta.shape[0]):
        plus, minus = theta.copy(), theta.copy()
        plus[i] += epsilon
        minus[i] -= epsilon
        J_plus = compute_cost(forward_propagation(X, vector_to_dictionary(plus, layer_dims))[0], Y)
        J_minus = compute_cost(forward_propagation(X, vector_to_dictionary(minus, layer_dims))[0], Y)
        approx[i] = (J_plus - J_minus) / (2 * epsilon)
    return float(np.linalg.norm(grad - approx) / (np.linalg.norm(grad) + np.linalg.norm(approx)))


def bug_report():
    return {"gradient": "dW1", "factor": 0.2}


def backward_corrected(X, Y, parameters, cache):
    m = X.shape[1]
    dZ2 = cache["A2"] - Y
    dW2 = dZ2 @ cache["A1"].T / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = (parameters["W2"].T @ dZ2) * (1 - cache["A1"] ** 2)
    dW1 = dZ1 @ X.T / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


# 06_deep_network --------------------------------------------------------------------------------

def linear_forward(A_prev, W, b):
    Z = W @ A_prev + b
    return Z, (A_prev, W, b)


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = dZ @ A_prev.T / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = W.T @ dZ
    return dA_prev, dW, db


def activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    if activation == "relu":
        A = np.maximum(0, Z)
    elif activation == "tanh":
        A = np.tanh(Z)
    else:
        A = 1 / (1 + np.exp(-Z))
    return A, (linear_cache, Z)


def activation_backward(dA, cache, activation):
    linear_cache, Z = cache
    if activation == "relu":
        dZ = dA * (Z > 0)
    elif activation == "tanh":
        dZ = dA * (1 - np.tanh(Z) ** 2)
    else:
        s = 1 / (1 + np.exp(-Z))
        dZ = dA * s * (1 - s)
    return linear_backward(dZ, linear_cache)


def initialize_he(layer_dims, seed=0):
    rng = np.random.default_rng(seed)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters["W" + str(l)] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * np.sqrt(2 / layer_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters


def L_model_forward(X, parameters, hidden_activation="relu"):
    L = len(parameters) // 2
    caches = []
    A = X
    for l in range(1, L):
        A, cache = activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], hidden_activation)
        caches.append(cache)
    AL, cache = activation_forward(A, parameters["W" + str(L)], parameters["b" + str(L)], "sigmoid")
    caches.append(cache)
    return AL, caches


def compute_cost_l2(AL, Y, parameters, lambd):
    m = Y.shape[1]
    cross_entropy = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m
    L = len(parameters) // 2
    squares = sum(np.sum(np.square(parameters["W" + str(l)])) for l in range(1, L + 1))
    return float(cross_entropy + lambd / (2 * m) * squares)


def L_model_backward(AL, Y, caches, hidden_activation="relu", lambd=0.0, parameters=None):
    grads = {}
    L = len(caches)
    m = AL.shape[1]
    dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    grads["dA" + str(L - 1)], grads["dW" + str(L)], grads["db" + str(L)] = activation_backward(dAL, caches[L - 1], "sigmoid")
    for l in reversed(range(1, L)):
        dA_prev, dW, db = activation_backward(grads["dA" + str(l)], caches[l - 1], hidden_activation)
        grads["dA" + str(l - 1)], grads["dW" + str(l)], grads["db" + str(l)] = dA_prev, dW, db
    if lambd:
        for l in range(1, L + 1):
            grads["dW" + str(l)] = grads["dW" + str(l)] + lambd / m * parameters["W" + str(l)]
    return grads


def layer_gradient_norms(X, Y, parameters, hidden_activation="relu"):
    AL, caches = L_model_forward(X, parameters, hidden_activation)
    L = len(caches)
    dA, dW, db = linear_backward(AL - Y, caches[L - 1][0])
    norms = [np.linalg.norm(dW)]
    for l in reversed(range(1, L)):
        dA, dW, db = activation_backward(dA, caches[l - 1], hidden_activation)
        norms.append(np.linalg.norm(dW))
    return np.array(norms[::-1])



# 07_softmax_classifier --------------------------------------------------------------------------

def softmax_cost(A, Y):
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(A)) / m)


def classifier_forward(X, parameters):
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = np.maximum(0, Z1)
    Z2 = parameters["W2"] @ A1 + parameters["b2"]
    e = np.exp(Z2 - np.max(Z2, axis=0, keepdims=True))
    A2 = e / np.sum(e, axis=0, keepdims=True)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def classifier_backward(X, Y, parameters, cache):
    m = X.shape[1]
    dZ2 = (cache["A2"] - Y) / m
    dZ1 = parameters["W2"].T @ dZ2 * (cache["Z1"] > 0)
    return {"dW1": dZ1 @ X.T, "db1": np.sum(dZ1, axis=1, keepdims=True),
            "dW2": dZ2 @ cache["A1"].T, "db2": np.sum(dZ2, axis=1, keepdims=True)}


def predict_classes(X, parameters):
    A2, _ = classifier_forward(X, parameters)
    return np.argmax(A2, axis=0)


def train_classifier(X, Y, n_h, learning_rate=1.0, num_iterations=1000, seed=0):
    n_x, C = X.shape[0], Y.shape[0]
    rng = np.random.default_rng(seed)
    parameters = {"W1": rng.standard_normal((n_h, n_x)) * np.sqrt(2 / n_x), "b1": np.zeros((n_h, 1)),
                  "W2": rng.standard_normal((C, n_h)) * 0.01, "b2": np.zeros((C, 1))}
    costs = []
    for i in range(num_iterations):
        A2, cache = classifier_forward(X, parameters)
        costs.append(softmax_cost(A2, Y))
        grads = classifier_backward(X, Y, parameters, cache)
        parameters = {k: v - learning_rate * grads["d" + k] for k, v in parameters.items()}
    return parameters, costs


# 08_optimizers ------------------------------------------------------------------------------------

def initialize_adam(parameters):
    m = {"d" + name: np.zeros(value.shape) for name, value in parameters.items()}
    v = {"d" + name: np.zeros(value.shape) for name, value in parameters.items()}
    return {"t": 0, "m": m, "v": v}


def momentum_step(parameters, grads, velocity, learning_rate=0.01, beta=0.9):
    new_parameters, new_velocity = {}, {}
    for name in parameters:
        new_velocity["d" + name] = beta * velocity["d" + name] + (1 - beta) * grads["d" + name]
        new_parameters[name] = parameters[name] - learning_rate * new_velocity["d" + name]
    return new_parameters, new_velocity


def adam_step(parameters, grads, state, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8):
    t = state["t"] + 1
    m, v, new_parameters = {}, {}, {}
    for name in parameters:
        g = grads["d" + name]
        m["d" + name] = beta1 * state["m"]["d" + name] + (1 - beta1) * g
        v["d" + name] = beta2 * state["v"]["d" + name] + (1 - beta2) * g**2
        m_hat = m["d" + name] / (1 - beta1**t)
        v_hat = v["d" + name] / (1 - beta2**t)
        new_parameters[name] = parameters[name] - learning_rate * m_hat / (np.sqrt(v_hat) + epsilon)
    return new_parameters, {"t": t, "m": m, "v": v}


# 09_regularization ---------------------------------------------------------------------------------

def dropout_forward(A, keep_prob, seed=0, train=True):
    if not train:
        return A.copy(), None
    rng = np.random.default_rng(seed)
    mask = (rng.random(A.shape) < keep_prob).astype(float)
    return A * mask / keep_prob, mask


def dropout_backward(dA, mask, keep_prob):
    return dA * mask / keep_prob


def batchnorm_forward(Z, gamma, beta, running, train=True, momentum=0.9, epsilon=1e-5):
    if train:
        mu = np.mean(Z, axis=1, keepdims=True)
        var = np.var(Z, axis=1, keepdims=True)
        new_running = {"mean": momentum * running["mean"] + (1 - momentum) * mu,
                       "var": momentum * running["var"] + (1 - momentum) * var}
    else:
        mu, var = running["mean"], running["var"]
        new_running = {"mean": running["mean"].copy(), "var": running["var"].copy()}
    std = np.sqrt(var + epsilon)
    Z_hat = (Z - mu) / std
    return gamma * Z_hat + beta, (Z_hat, gamma, std), new_running


def batchnorm_backward(dout, cache):
    Z_hat, gamma, std = cache
    dbeta = np.mean(dout, axis=1, keepdims=True)
    dgamma = np.mean(dout * Z_hat, axis=1, keepdims=True)
    dZ = gamma / std * (dout - dbeta - Z_hat * dgamma)
    return dZ, dgamma, dbeta
# 10_digits ----------------------------------------------------------------------------------------

def train_validation_split(X, labels, validation_fraction=0.2, seed=0):
    m = X.shape[1]
    order = np.random.default_rng(seed).permutation(m)
    n_val = int(round(validation_fraction * m))
    return X[:, order[n_val:]], labels[order[n_val:]], X[:, order[:n_val]], labels[order[:n_val]]


def initial_loss_check(X, Y, parameters, tolerance=0.1):
    A2, _ = classifier_forward(X, parameters)
    cost = softmax_cost(A2, Y)
    expected = np.log(Y.shape[0])
    return cost, expected, abs(cost - expected) < tolerance


def overfit_check(X, Y, n_examples=20, n_h=50, learning_rate=1.0, num_iterations=200, seed=0, tolerance=0.01):
    X_small, Y_small = X[:, :n_examples], Y[:, :n_examples]
    parameters, _ = train_classifier(X_small, Y_small, n_h, learning_rate, num_iterations, seed)
    A2, _ = classifier_forward(X_small, parameters)
    final_cost = softmax_cost(A2, Y_small)
    accuracy = np.mean(predict_classes(X_small, parameters) == np.argmax(Y_small, axis=0))
    return final_cost, accuracy, final_cost < tolerance and accuracy == 1
