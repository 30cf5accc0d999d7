"""Activation functions, their derivatives, and the losses that sit on top of them.

Convention: examples are columns. A pre-activation ``Z: (n, m)`` holds one column per example; every
elementwise function here also accepts a Python float or an array of any shape. Derivatives of sigmoid
and tanh are written in terms of the activation ``a`` (that is what the forward pass already cached);
derivatives of ReLU and leaky ReLU take the pre-activation ``z`` (the activation loses its sign).

The student-facing functions (those in ``autograder.course.NOTEBOOKS``) are self-contained: they use
only ``np`` and each other by bare name, so the grader can ship their source into a sandbox.
"""

import numpy as np


def sigmoid(z):
    """Logistic function, elementwise: sigma(z) = 1 / (1 + e^-z).

    z: array of any shape (or float) -> same shape, values in [0, 1].
    Written as exp(-log(1 + e^-z)) with log(1 + e^-z) = logaddexp(0, -z), which never overflows: no
    warning and no nan for any |z|, and sigma(-40) keeps its full relative precision (about 4e-18).
    """
    return np.exp(-np.logaddexp(0, -z))


def sigmoid_derivative(a):
    """d sigma/dz written with the activation: sigma'(z) = a (1 - a), where a = sigmoid(z).

    a: array of any shape -> same shape.
    """
    return a * (1 - a)


def tanh_derivative(a):
    """d tanh/dz written with the activation: tanh'(z) = 1 - a^2, where a = tanh(z).

    a: array of any shape -> same shape.
    """
    return 1 - a**2


def relu(z):
    """Rectified linear unit, elementwise: relu(z) = max(0, z).

    z: array of any shape -> same shape.
    """
    return np.maximum(0, z)


def relu_derivative(z):
    """d relu/dz: 1 where z > 0, else 0 (we take 0 at the kink z = 0).

    z: pre-activation, array of any shape -> float array of the same shape.
    (np.heaviside(z, 0.0) is the same function but about 6x slower in numpy 2.4.)
    """
    return (np.asarray(z) > 0).astype(float)


def leaky_relu(z, alpha=0.01):
    """Leaky ReLU, elementwise: z where z > 0, alpha * z elsewhere.

    z: array of any shape -> same shape. alpha: slope for negative inputs.
    """
    return np.where(z > 0, z, alpha * z)


def leaky_relu_derivative(z, alpha=0.01):
    """d leaky_relu/dz: 1 where z > 0, alpha elsewhere (alpha at the kink z = 0).

    z: pre-activation, array of any shape -> float array of the same shape.
    """
    return np.where(np.asarray(z) > 0, 1.0, alpha)


def softmax(z):
    """Column-wise softmax: a_i = e^{z_i} / sum_j e^{z_j} for each column (example).

    z: (K, m) logits -> (K, m) probabilities, every column sums to 1. A 1-D (K,) input gives (K,).
    Subtracting each column's maximum changes nothing mathematically and keeps e^z <= 1, so logits of
    1000 and more stay finite.
    """
    e = np.exp(z - np.max(z, axis=0, keepdims=True))
    return e / np.sum(e, axis=0, keepdims=True)


def softmax_jacobian(a):
    """Jacobian of softmax for one example: J_ij = d a_i / d z_j = a_i (delta_ij - a_j).

    a: (K,) or (K, 1) softmax output of one example -> (K, K), symmetric, every row sums to 0.
    """
    a = np.reshape(a, -1)
    return np.diag(a) - np.outer(a, a)


# ---------------------------------------------------------------------------------------------------
# Losses (not graded exercises; used by the deep network and the notebooks' demonstrations).


def logsumexp(z, axis=0, keepdims=True):
    """log(sum(exp(z))) along ``axis`` without overflow: max + log(sum(exp(z - max))).

    z: (K, m) -> (1, m) with the default axis=0, keepdims=True.
    A slice that is all -inf gives -inf (not nan).
    """
    z = np.asarray(z, dtype=float)
    zmax = np.max(z, axis=axis, keepdims=True)
    # An all -inf slice would give -inf - (-inf) = nan; shifting by 0 there gives log(0) = -inf instead.
    zmax = np.where(np.isfinite(zmax), zmax, 0.0)
    with np.errstate(divide="ignore"):  # log(0) = -inf is the right answer for an all -inf slice
        out = zmax + np.log(np.sum(np.exp(z - zmax), axis=axis, keepdims=True))
    return out if keepdims else np.squeeze(out, axis=axis)


def binary_cross_entropy(A, Y, from_logits=False):
    """Mean binary cross-entropy: -(1/m) sum [Y log A + (1 - Y) log(1 - A)], as a float.

    A: (1, m) predicted probabilities (or logits Z when from_logits=True), Y: (1, m) labels in {0, 1}.
    Probabilities are clipped to [1e-15, 1 - 1e-15], so A exactly 0 or 1 gives a large finite loss
    (about 34.5 per wrong example) instead of inf or nan. With logits nothing is clipped: the loss
    max(z, 0) - z y + log(1 + e^-|z|) is exact and finite for every z.
    """
    m = Y.shape[-1]
    if from_logits:
        Z = np.asarray(A, dtype=float)
        losses = np.maximum(Z, 0) - Z * Y + np.log1p(np.exp(-np.abs(Z)))
        return float(np.sum(losses) / m)
    A = np.clip(A, 1e-15, 1 - 1e-15)
    return float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m)


def softmax_cross_entropy(Z, Y):
    """Mean softmax cross-entropy over the columns: -(1/m) sum_i sum_k Y_ki log softmax(Z)_ki.

    Z: (K, m) logits, Y: (K, m) one-hot labels -> float. Uses log softmax = Z - logsumexp(Z), so it is
    finite even when a softmax probability underflows to 0.
    """
    m = Z.shape[1]
    log_probs = Z - logsumexp(Z, axis=0)
    return float(-np.sum(Y * log_probs) / m)


def softmax_cross_entropy_gradient(Z, Y):
    """dJ/dZ of softmax_cross_entropy: (softmax(Z) - Y) / m.

    Z: (K, m) logits, Y: (K, m) one-hot labels -> (K, m).
    The softmax Jacobian and the derivative of -log collapse into this one subtraction.
    """
    return (softmax(Z) - Y) / Z.shape[1]
