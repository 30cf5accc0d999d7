# honest: float64_upcast
# changes: converts every input with np.asarray(..., dtype=np.float64) first; Python floats for scalars.
import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=np.float64)
    return 1.0 / (1.0 + np.exp(-z))


def sigmoid_derivative(a):
    a = np.asarray(a, dtype=np.float64)
    return a - a * a


def tanh_derivative(a):
    a = np.asarray(a, dtype=np.float64)
    return 1.0 - a * a


def leaky_relu(z, alpha=0.01):
    z = np.asarray(z, dtype=np.float64)
    return np.maximum(alpha * z, z)


def compute_cost(A2, Y):
    A2, Y = np.asarray(A2, dtype=np.float64), np.asarray(Y, dtype=np.float64)
    m = Y.shape[1]
    return float(-(Y @ np.log(A2).T + (1 - Y) @ np.log(1 - A2).T).item() / m)


def dz_dt(t):
    t = np.asarray(t, dtype=np.float64)
    return np.cos(t) * np.exp(t) * (np.cos(t) - 2 * np.sin(t))
