"""Toy data sets for the course, generated in code (no downloads) and reproducible from a seed.

Convention: examples are columns. Every function returns ``X: (2, m)`` float64 points and labels
``Y: (1, m)``: float64 0./1. for the binary sets (moons, XOR, flower), int class ids 0..K-1 for the
spiral (use ``one_hot`` to get the ``(K, m)`` matrix a softmax output needs).
"""

import numpy as np


def _split(m, parts):
    """Sizes of ``parts`` groups that add up to m, as equal as possible (the first ones get the extra)."""
    return [m // parts + (1 if k < m % parts else 0) for k in range(parts)]


def _shuffled(X, Y, rng):
    order = rng.permutation(X.shape[1])
    return X[:, order], Y[:, order]


def make_moons(m=400, noise=0.2, seed=0):
    """Two interleaving half circles (upper one label 0, lower one shifted right and down, label 1).

    -> X: (2, m), Y: (1, m). ``noise`` is the std of Gaussian jitter added to every coordinate.
    """
    rng = np.random.default_rng(seed)
    m0, m1 = _split(m, 2)
    t0 = np.linspace(0, np.pi, m0)
    t1 = np.linspace(0, np.pi, m1)
    upper = np.stack([np.cos(t0), np.sin(t0)])
    lower = np.stack([1 - np.cos(t1), 0.5 - np.sin(t1)])
    X = np.concatenate([upper, lower], axis=1) + noise * rng.standard_normal((2, m))
    Y = np.concatenate([np.zeros(m0), np.ones(m1)])[np.newaxis, :]
    return _shuffled(X, Y, rng)


def make_xor(m=400, noise=0.1, seed=0):
    """Four clusters at the corners (+-1, +-1); label 1 where exactly one coordinate is negative.

    -> X: (2, m), Y: (1, m). No straight line separates the classes, one hidden layer does.
    """
    rng = np.random.default_rng(seed)
    corners = np.array([[1, 1], [-1, -1], [1, -1], [-1, 1]], dtype=float).T  # (2, 4)
    labels = np.array([0, 0, 1, 1], dtype=float)
    which = np.repeat(np.arange(4), _split(m, 4))
    X = corners[:, which] + noise * rng.standard_normal((2, m))
    Y = labels[which][np.newaxis, :]
    return _shuffled(X, Y, rng)


def make_spiral(m=300, n_classes=3, noise=0.2, seed=0):
    """``n_classes`` interleaved spiral arms from the origin outwards, one arm per class.

    -> X: (2, m), Y: (1, m) int class ids. ``noise`` jitters the angle (in radians).
    """
    rng = np.random.default_rng(seed)
    xs, ys = [], []
    for k, size in enumerate(_split(m, n_classes)):
        radius = np.linspace(0.05, 1.0, size)
        angle = np.linspace(0, 4, size) + 2 * np.pi * k / n_classes + noise * rng.standard_normal(size)
        xs.append(np.stack([radius * np.sin(angle), radius * np.cos(angle)]))
        ys.append(np.full(size, k))
    X, Y = np.concatenate(xs, axis=1), np.concatenate(ys)[np.newaxis, :]
    return _shuffled(X, Y, rng)


def make_flower(m=400, k=4, noise=0.2, seed=0):
    """The planar "flower": points on the rose curve r = 4 sin(k t), one class per half of the angles.

    -> X: (2, m), Y: (1, m). Class 0 takes angles t in [0, 3.12], class 1 t in [3.12, 6.24]; because r
    changes sign k times per half turn, each class ends up as every other petal, so the classes interleave
    and no linear boundary separates them. ``noise`` jitters both the angle and the radius.
    """
    rng = np.random.default_rng(seed)
    xs, ys = [], []
    for label, size in enumerate(_split(m, 2)):
        t = np.linspace(label * 3.12, (label + 1) * 3.12, size) + noise * rng.standard_normal(size)
        r = 4 * np.sin(k * t) + noise * rng.standard_normal(size)
        xs.append(np.stack([r * np.sin(t), r * np.cos(t)]))
        ys.append(np.full(size, float(label)))
    X, Y = np.concatenate(xs, axis=1), np.concatenate(ys)[np.newaxis, :]
    return _shuffled(X, Y, rng)


def one_hot(labels, n_classes=None):
    """(1, m) or (m,) int labels -> (K, m) float64 one-hot matrix, K = n_classes or max label + 1."""
    labels = np.reshape(labels, -1).astype(int)
    K = int(labels.max()) + 1 if n_classes is None else n_classes
    out = np.zeros((K, labels.size))
    out[labels, np.arange(labels.size)] = 1.0
    return out
