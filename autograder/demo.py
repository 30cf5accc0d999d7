"""``python -m autograder demo``: train the reference 2-layer network on noisy moons and plot it.

Prints the cost every few hundred iterations and the final accuracy, then saves the cost curve and the
decision boundary as PNG files in ``args.out`` and prints their paths.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from autograder.data import make_moons
from autograder.reference import accuracy, predict, train_with_history

N_HIDDEN = 8
NUM_ITERATIONS = 2000
PRINT_EVERY = 250


def _plot_cost(costs: list[float], path: Path) -> None:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 4))
    ax.plot(np.arange(len(costs)), costs)
    ax.set_xlabel("iteration")
    ax.set_ylabel("cost (binary cross-entropy)")
    ax.set_yscale("log")
    ax.set_title("Training cost, 2-layer ReLU network on noisy moons")
    ax.grid(True, alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def _plot_boundary(X: np.ndarray, Y: np.ndarray, parameters: dict, path: Path) -> None:
    import matplotlib.pyplot as plt

    pad = 0.5
    xs = np.linspace(X[0].min() - pad, X[0].max() + pad, 300)
    ys = np.linspace(X[1].min() - pad, X[1].max() + pad, 300)
    gx, gy = np.meshgrid(xs, ys)
    grid = np.stack([gx.ravel(), gy.ravel()])  # (2, 90000): one column per grid point
    labels = predict(grid, parameters).reshape(gx.shape)

    fig, ax = plt.subplots(figsize=(6, 5))
    ax.contourf(gx, gy, labels, levels=[-0.5, 0.5, 1.5], colors=["#c6dbef", "#fdd0a2"])
    ax.scatter(X[0], X[1], c=Y[0], cmap="coolwarm", s=12, edgecolors="k", linewidths=0.3)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title("Decision boundary")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def main(args: argparse.Namespace) -> int:
    import matplotlib

    matplotlib.use("Agg")  # files only: works without a display

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    X, Y = make_moons(m=400, noise=0.2, seed=0)
    print(f"noisy moons: X {X.shape}, Y {Y.shape}; network [2, {N_HIDDEN}, 1], ReLU hidden, sigmoid output")

    parameters, costs = train_with_history(
        X, Y, [2, N_HIDDEN, 1], num_iterations=NUM_ITERATIONS, print_cost=True, print_every=PRINT_EVERY
    )
    print(f"final cost after {len(costs)} iterations: {costs[-1]:.6f}")
    print(f"training accuracy: {accuracy(X, Y, parameters):.1%}")

    cost_path, boundary_path = out / "cost_curve.png", out / "decision_boundary.png"
    _plot_cost(costs, cost_path)
    _plot_boundary(X, Y, parameters, boundary_path)
    print(f"saved {cost_path}")
    print(f"saved {boundary_path}")
    return 0
