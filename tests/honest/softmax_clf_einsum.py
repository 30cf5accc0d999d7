# honest: softmax_clf_einsum
# changes: np.einsum products, the cost as np.sum over the true class' log probabilities with one_hot indices, a (1, 1) cost-free helper, tuples
import numpy as np


def softmax_cost(A, Y):
    rows, cols = np.nonzero(Y)
    return -np.sum(np.log(A[rows, cols])) / Y.shape[1]


def classifier_forward(X, parameters):
    Z1 = np.einsum("hx,xm->hm", parameters["W1"], X) + parameters["b1"]
    A1 = np.maximum(Z1, 0.0)
    Z2 = np.einsum("ch,hm->cm", parameters["W2"], A1) + parameters["b2"]
    log_A2 = Z2 - np.max(Z2, axis=0) - np.log(np.sum(np.exp(Z2 - np.max(Z2, axis=0)), axis=0))
    A2 = np.exp(log_A2)
    return A2, dict(Z1=Z1, A1=A1, Z2=Z2, A2=A2)


def classifier_backward(X, Y, parameters, cache):
    m = X.shape[-1]
    dZ2 = np.subtract(cache["A2"], Y) * (1.0 / m)
    dZ1 = np.einsum("ch,cm->hm", parameters["W2"], dZ2) * np.heaviside(cache["Z1"], 0.0)
    return dict(dW1=np.einsum("hm,xm->hx", dZ1, X), db1=np.sum(dZ1, axis=-1, keepdims=True),
                dW2=np.einsum("cm,hm->ch", dZ2, cache["A1"]), db2=np.sum(dZ2, axis=-1, keepdims=True))


def predict_classes(X, parameters):
    return np.argmax(classifier_forward(X, parameters)[0], axis=0).astype(np.int64)


def train_classifier(X, Y, n_h, learning_rate=1.0, num_iterations=1000, seed=0):
    gen = np.random.default_rng(seed)
    n_x, C = X.shape[0], Y.shape[0]
    parameters = dict(W1=gen.standard_normal(size=(n_h, n_x)) * (2.0 / n_x) ** 0.5, b1=np.zeros((n_h, 1)))
    parameters.update(W2=gen.standard_normal(size=(C, n_h)) / 100, b2=np.zeros((C, 1)))
    costs = []
    iteration = 0
    while iteration < num_iterations:
        A2, cache = classifier_forward(X, parameters)
        costs.append(float(softmax_cost(A2, Y)))
        g = classifier_backward(X, Y, parameters, cache)
        parameters = {k: parameters[k] - learning_rate * g["d" + k] for k in parameters}
        iteration += 1
    return parameters, costs
