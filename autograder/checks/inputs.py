"""Input makers shared by the check modules: random, non-square, away from the kinks.

Every maker takes the check's ``np.random.Generator`` first, so a check's inputs depend only on the
student seed and the check's name.
"""

from __future__ import annotations

import numpy as np

KINK_MARGIN = 1e-3  # test points stay this far from ReLU's kink at 0


def away_from_zero(rng: np.random.Generator, shape, low: float = 0.05, high: float = 3.0) -> np.ndarray:
    """Random signs times magnitudes in [low, high]: no entry near ReLU's kink."""
    return rng.choice([-1.0, 1.0], size=shape) * rng.uniform(low, high, size=shape)


def distinct_sizes(rng: np.random.Generator, *ranges: tuple[int, int]) -> list[int]:
    """One int from each inclusive range, all different (so a transposed product never fits by chance)."""
    while True:
        sizes = [int(rng.integers(lo, hi + 1)) for lo, hi in ranges]
        if len(set(sizes)) == len(sizes):
            return sizes


def labels(rng: np.random.Generator, m: int) -> np.ndarray:
    """(1, m) binary labels as floats with both classes present."""
    Y = (rng.random((1, m)) < 0.5).astype(float)
    Y[0, 0], Y[0, 1] = 0.0, 1.0
    return Y[:, rng.permutation(m)]


def network_sizes(rng: np.random.Generator) -> tuple[int, int, int]:
    """(n_x, n_h, m) of a small 2-layer network, all different."""
    n_x, n_h, m = distinct_sizes(rng, (3, 5), (6, 8), (9, 14))
    return n_x, n_h, m


def parameters(rng: np.random.Generator, layer_dims, scale: float = 1.0) -> dict:
    """Random W<l> (n_l, n_{l-1}) and b<l> (n_l, 1), not small, so every term of a formula matters."""
    out = {}
    for l in range(1, len(layer_dims)):
        out[f"W{l}"] = rng.normal(0, scale, (layer_dims[l], layer_dims[l - 1]))
        out[f"b{l}"] = rng.normal(0, scale, (layer_dims[l], 1))
    return out


def unsaturated(X: np.ndarray, params: dict, limit: float = 3.0) -> dict:
    """``params`` with W2, b2 scaled down so that |Z2| <= limit: a sigmoid output near 0 or 1 makes the
    cost lose digits (1 - A2), and finite differences of it noisy."""
    Z2 = params["W2"] @ np.maximum(0, params["W1"] @ X + params["b1"]) + params["b2"]
    peak = float(np.max(np.abs(Z2)))
    if peak > limit:
        params = dict(params, W2=params["W2"] * (limit / peak), b2=params["b2"] * (limit / peak))
    return params


def shuffled(rng: np.random.Generator, d: dict) -> dict:
    """``d`` with its keys in a random order that is never the sorted or the layer order: a function that
    relies on the insertion order of its dict argument gets it wrong."""
    keys = list(d)
    if len(keys) < 3:
        return dict(d)
    natural = [keys, sorted(keys)]
    while True:
        order = [keys[i] for i in rng.permutation(len(keys))]
        if order not in natural:
            return {k: d[k] for k in order}
