# honest: loops
# changes: explicit Python loops instead of vectorised code.
import numpy as np


def relu(z):
    out = np.array(z, dtype=float)
    for idx in np.ndindex(out.shape):
        if out[idx] < 0:
            out[idx] = 0.0
    return out


def softmax(z):
    out = np.zeros_like(z, dtype=float)
    for j in range(z.shape[1]):
        col = z[:, j] - max(z[:, j])
        e = np.exp(col)
        out[:, j] = e / e.sum()
    return out


def softmax_jacobian(a):
    a = np.asarray(a).reshape(-1)
    K = a.shape[0]
    J = np.zeros((K, K))
    for i in range(K):
        for j in range(K):
            J[i, j] = a[i] * ((1.0 if i == j else 0.0) - a[j])
    return J


def backward_propagation(X, Y, parameters, cache):
    n_x, m = X.shape
    n_h = parameters["W1"].shape[0]
    W2, A1, A2, Z1 = parameters["W2"], cache["A1"], cache["A2"], cache["Z1"]
    dW1, db1 = np.zeros((n_h, n_x)), np.zeros((n_h, 1))
    dW2, db2 = np.zeros((1, n_h)), np.zeros((1, 1))
    for i in range(m):
        dz2 = A2[0, i] - Y[0, i]
        db2[0, 0] += dz2 / m
        for h in range(n_h):
            dW2[0, h] += dz2 * A1[h, i] / m
            dz1 = W2[0, h] * dz2 * (1.0 if Z1[h, i] > 0 else 0.0)
            db1[h, 0] += dz1 / m
            for k in range(n_x):
                dW1[h, k] += dz1 * X[k, i] / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def dictionary_to_vector(d):
    prefix = "d" if "dW1" in d else ""
    values = []
    l = 1
    while prefix + "W" + str(l) in d:
        for name in (prefix + "W" + str(l), prefix + "b" + str(l)):
            for row in np.atleast_2d(d[name]):
                for v in row:
                    values.append(v)
        l += 1
    return np.array(values).reshape(len(values), 1)
