"""How fast is the reference 2-layer forward + backward pass?

For each size (n_x, n_h, m) the table gives the median time of
- reference: ``forward_propagation`` then ``backward_propagation`` (autograder.reference.network);
- torch: the same network in PyTorch CPU autograd, float64 (forward, mean BCE-with-logits, ``autograd.grad``);
- floor: the five matrix products of one forward + backward pass alone (W1 X, W2 A1, dZ2 A1^T, W2^T dZ2,
  dZ1 X^T), the cost no implementation can avoid;
and the ratios reference/torch (< 1: faster than torch) and reference/floor, all measured in the same run:
reference and floor take turns within each repeat (reference/floor is the median of the per-repeat ratios),
torch is timed right after them with a pause in between, and reference/torch is the ratio of the medians.
Run: ``python -m bench.reference_vs_torch`` (or ``python -m bench`` for every benchmark).

Where the reference loses time against the floor (measured with getrusage, numpy 2.4 / glibc): at
(784, 256, 256) each pass takes ~800 minor page faults (~1.3 ms of kernel time), at (1024, 1024, 512)
~2900 (~8 ms), because glibc hands the freed (n_h, m) arrays back to the kernel between calls and
touching fresh pages faults; the floor's products reuse one block and fault 0 times. Running with
``MALLOC_TRIM_THRESHOLD_=268435456 MALLOC_MMAP_THRESHOLD_=268435456`` removes the faults for every
contender. Below ~10^4 elements per array the gap is instead numpy's per-call overhead (~1-5 us per
elementwise op, and the pass needs about a dozen of them besides the five products).
"""

from __future__ import annotations

import statistics
import time

import numpy as np

from autograder.reference.network import backward_propagation, forward_propagation

SIZES = [(2, 3, 4), (2, 64, 400), (784, 256, 256), (1024, 1024, 512)]
REPEATS = 9
MIN_REPEAT_SECONDS = 0.05  # each repeat loops the call until it lasts this long, then divides
THREAD_REST_SECONDS = 0.5  # pause between numpy and torch timings (see _interleaved_seconds)
TORCH_MISSING = "torch not installed: pip install torch==2.13.0"


def _calibrated(fn) -> int:
    """How many calls of fn make one repeat of about MIN_REPEAT_SECONDS (after a warm-up call)."""
    fn()  # warm-up: first-call allocations, BLAS thread start, torch dispatch caches
    start = time.perf_counter()
    fn()
    once = max(time.perf_counter() - start, 1e-7)
    return max(1, int(MIN_REPEAT_SECONDS / once))


def _interleaved_seconds(fns: dict) -> dict:
    """Per-call times of several functions, measured in turn within each repeat.

    Interleaving makes a burst of load from other processes hit every contender of a repeat alike, so the
    per-repeat ratios stay meaningful on a shared machine. -> {name: list of REPEATS per-call times}.
    Only interleave functions that share one thread pool: OpenBLAS and torch's OpenMP workers both spin for
    a while after each call, and alternating between them makes them fight over the cores.
    """
    numbers = {name: _calibrated(fn) for name, fn in fns.items()}
    times = {name: [] for name in fns}
    for _ in range(REPEATS):
        for name, fn in fns.items():
            start = time.perf_counter()
            for _ in range(numbers[name]):
                fn()
            times[name].append((time.perf_counter() - start) / numbers[name])
    return times


def _median_ratio(a: list, b: list) -> float:
    return statistics.median(x / y for x, y in zip(a, b))


def _problem(n_x: int, n_h: int, m: int):
    rng = np.random.default_rng(0)
    X = rng.standard_normal((n_x, m))
    Y = (rng.random((1, m)) > 0.5).astype(float)
    parameters = {
        "W1": rng.standard_normal((n_h, n_x)) / np.sqrt(n_x),
        "b1": rng.standard_normal((n_h, 1)) * 0.1,
        "W2": rng.standard_normal((1, n_h)) / np.sqrt(n_h),
        "b2": np.zeros((1, 1)),
    }
    return X, Y, parameters


def _reference(X, Y, parameters):
    def step():
        _, cache = forward_propagation(X, parameters)
        return backward_propagation(X, Y, parameters, cache)

    return step


def _floor(X, Y, parameters):
    W1, W2 = parameters["W1"], parameters["W2"]
    A1 = np.maximum(W1 @ X, 0)
    dZ2 = np.ones((1, X.shape[1]))
    dZ1 = np.ones_like(A1)

    def products():
        W1 @ X
        W2 @ A1
        dZ2 @ A1.T
        W2.T @ dZ2
        dZ1 @ X.T

    return products


def _torch(X, Y, parameters):
    import torch

    Xt, Yt = torch.from_numpy(X), torch.from_numpy(Y)
    leaves = [torch.from_numpy(parameters[k]).clone().requires_grad_(True) for k in ("W1", "b1", "W2", "b2")]
    bce = torch.nn.functional.binary_cross_entropy_with_logits

    def step():
        W1, b1, W2, b2 = leaves
        Z2 = W2 @ torch.relu(W1 @ Xt + b1) + b2
        return torch.autograd.grad(bce(Z2, Yt), leaves)

    return step


def _check_same_gradients(X, Y, parameters) -> None:
    """The benchmark compares like with like only if both compute the same numbers."""
    ours = _reference(X, Y, parameters)()
    theirs = _torch(X, Y, parameters)()
    for name, g in zip(("dW1", "db1", "dW2", "db2"), theirs):
        if not np.allclose(ours[name], g.numpy(), rtol=1e-9, atol=1e-12):
            raise AssertionError(f"reference and torch disagree on {name}; the timing would be meaningless")


def run(sizes=SIZES) -> list[dict]:
    """One row per size: times in milliseconds and the ratios, all measured in this run."""
    try:
        import torch

        torch_info = f"torch {torch.__version__}, {torch.get_num_threads()} threads"
    except ImportError:
        torch = None
        torch_info = TORCH_MISSING
    rows = []
    for n_x, n_h, m in sizes:
        X, Y, parameters = _problem(n_x, n_h, m)
        t = _interleaved_seconds({"reference": _reference(X, Y, parameters), "floor": _floor(X, Y, parameters)})
        if torch is not None:
            _check_same_gradients(X, Y, parameters)
            time.sleep(THREAD_REST_SECONDS)  # let the spinning OpenBLAS workers go to sleep
            t.update(_interleaved_seconds({"torch": _torch(X, Y, parameters)}))
            time.sleep(THREAD_REST_SECONDS)
        row = {"n_x": n_x, "n_h": n_h, "m": m,
               "reference_ms": statistics.median(t["reference"]) * 1e3,
               "floor_ms": statistics.median(t["floor"]) * 1e3,
               "reference/floor": _median_ratio(t["reference"], t["floor"]),
               "torch_ms": None, "reference/torch": None, "torch": torch_info}
        if torch is not None:
            row.update({"torch_ms": statistics.median(t["torch"]) * 1e3,
                        "reference/torch": statistics.median(t["reference"]) / statistics.median(t["torch"])})
        rows.append(row)
    return rows


def report(rows: list[dict]) -> str:
    """The rows as an aligned text table; the torch columns say how to install it when it is missing."""
    header = ["(n_x, n_h, m)", "reference ms", "torch ms", "floor ms", "ref/torch", "ref/floor"]
    table = [header]
    for r in rows:
        missing = r["torch_ms"] is None
        table.append([
            f"({r['n_x']}, {r['n_h']}, {r['m']})",
            f"{r['reference_ms']:.4f}",
            TORCH_MISSING if missing else f"{r['torch_ms']:.4f}",
            f"{r['floor_ms']:.4f}",
            "-" if missing else f"{r['reference/torch']:.2f}",
            f"{r['reference/floor']:.2f}",
        ])
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    lines = [f"numpy {np.__version__}; {rows[0]['torch'] if rows else ''}"]
    lines += ["  ".join(cell.rjust(w) for cell, w in zip(line, widths)) for line in table]
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(run()))
