# honest: stable_math
# changes: sigmoid via tanh, softmax via log-sum-exp without keepdims, leaky ReLU via np.maximum.
import numpy as np


def sigmoid(z):
    return 0.5 * (1 + np.tanh(0.5 * z))


def softmax(z):
    zmax = z.max(axis=0)
    logsum = zmax + np.log(np.exp(z - zmax[np.newaxis, :]).sum(axis=0))
    return np.exp(z - logsum[np.newaxis, :])


def leaky_relu(z, alpha=0.01):
    return np.maximum(z, 0) + alpha * np.minimum(z, 0)


def leaky_relu_derivative(z, alpha=0.01):
    d = np.full(np.shape(z), alpha, dtype=float)
    d[np.asarray(z) > 0] = 1
    return d
