"""Shared test helpers: finite differences, relative differences, mutation checks, standard problems.

Everything numeric here is written independently of ``autograder.reference`` so the reference can be
tested against it. Shapes are deliberately non-square (n_x=3, n_h=5, m=7) so a missing or extra
transpose always changes a shape or a value.
"""

import copy
import importlib.util
import os
import shutil
import tempfile

import numpy as np
import pytest

from once import SHARED_ENV

N_X, N_H, M = 3, 5, 7  # all different: a transposed matrix can never pass for the right one
H = 1e-5  # finite-difference step: truncation O(h^2) ~ 1e-10, rounding ~ 1e-16 / h ~ 1e-11
FD_TOL = 1e-7  # norm-based relative difference allowed between analytic and finite differences
AD_TOL = 1e-10  # ... and between analytic and an autodiff engine (both are exact up to rounding)


def rel_diff(a, b):
    """||a - b|| / (||a|| + ||b||), 0.0 when both are zero."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    assert a.shape == b.shape, f"shapes differ: {a.shape} vs {b.shape}"
    denominator = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if denominator == 0 else float(np.linalg.norm(a - b) / denominator)


def numerical_gradient(f, x, h=H):
    """Centered differences of a scalar function f at array x: (f(x + h e_i) - f(x - h e_i)) / 2h, shape of x."""
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        plus = float(f(x.copy()))
        x[i] = old - h
        minus = float(f(x.copy()))
        x[i] = old
        grad[i] = (plus - minus) / (2 * h)
    return grad


def numerical_vjp(f, x, dout, h=H):
    """Centered differences of sum(f() * dout) with respect to every entry of the array x, which f reads (x is
    changed in place and restored): the gradient a backward pass given the upstream dout returns."""
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        old = x[idx]
        x[idx] = old + h
        plus = np.sum(f() * dout)
        x[idx] = old - h
        minus = np.sum(f() * dout)
        x[idx] = old
        g[idx] = (plus - minus) / (2 * h)
    return g


def numerical_derivative(f, x, h=H):
    """Elementwise centered difference of an elementwise function: (f(x + h) - f(x - h)) / 2h."""
    x = np.asarray(x, dtype=float)
    return (f(x + h) - f(x - h)) / (2 * h)


def numerical_jacobian(f, x, h=H):
    """Jacobian J[i, j] = d f_i / d x_j of a vector function of a vector, by centered differences."""
    x = np.array(x, dtype=float).reshape(-1)
    columns = []
    for j in range(x.size):
        step = np.zeros_like(x)
        step[j] = h
        columns.append((np.reshape(f(x + step), -1) - np.reshape(f(x - step), -1)) / (2 * h))
    return np.stack(columns, axis=1)


def numerical_parameter_gradients(cost, parameters, h=H):
    """{"dW1": ..., ...}: centered differences of cost(parameters) with respect to every entry of every array."""
    grads = {}
    for name, value in parameters.items():
        def cost_of(v, name=name):
            nudged = dict(parameters)
            nudged[name] = v
            return cost(nudged)

        grads["d" + name] = numerical_gradient(cost_of, value, h)
    return grads


def dict_rel_diff(a, b, keys=None):
    """Largest rel_diff over the arrays of two gradient dicts (over ``keys`` or all keys of a)."""
    keys = list(a) if keys is None else keys
    return max(rel_diff(a[k], b[k]) for k in keys)


def snapshot(*objects):
    """Deep copies of the arguments, to compare with after a call (see assert_unchanged)."""
    return copy.deepcopy(objects)


def assert_unchanged(before, after, path="argument"):
    """Recursively assert that nested dicts/lists/tuples of arrays are identical (values, shapes, dtypes)."""
    if isinstance(before, dict):
        assert isinstance(after, dict) and before.keys() == after.keys(), f"{path}: keys changed"
        for k in before:
            assert_unchanged(before[k], after[k], f"{path}[{k!r}]")
    elif isinstance(before, (list, tuple)):
        assert len(before) == len(after), f"{path}: length changed"
        for i, (b, a) in enumerate(zip(before, after)):
            assert_unchanged(b, a, f"{path}[{i}]")
    elif isinstance(before, np.ndarray):
        assert isinstance(after, np.ndarray) and before.dtype == after.dtype, f"{path}: type changed"
        assert np.array_equal(before, after), f"{path}: values were modified in place"
    else:
        assert before == after, f"{path}: changed from {before!r} to {after!r}"


def make_problem(layer_dims, m=M, seed=0, weight_std=0.8, labels="binary"):
    """A random (X, Y, parameters) for a network with these layer sizes.

    Weights are large enough (std 0.8) for gradients of order 0.1-1, so relative differences measure the
    math and not rounding. labels: "binary" -> Y (n_L, m) in {0, 1}; "onehot" -> Y (n_L, m) one-hot columns.
    """
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((layer_dims[0], m))
    if labels == "onehot":
        Y = np.eye(layer_dims[-1])[:, rng.integers(0, layer_dims[-1], m)]
    else:
        Y = (rng.random((layer_dims[-1], m)) > 0.5).astype(float)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * weight_std
        parameters[f"b{l}"] = rng.standard_normal((layer_dims[l], 1)) * 0.3
    return X, Y, parameters


def min_abs_preactivation(X, parameters, activation=lambda z: np.maximum(z, 0)):
    """Smallest |Z<l>| over the hidden layers: finite differences cross no ReLU kink when this is >> H."""
    L = len(parameters) // 2
    A, smallest = X, np.inf
    for l in range(1, L):
        Z = parameters[f"W{l}"] @ A + parameters[f"b{l}"]
        smallest = min(smallest, float(np.min(np.abs(Z))))
        A = activation(Z)
    return smallest


@pytest.fixture
def net2():
    """A 2-layer problem (n_x, n_h, m) = (3, 5, 7) away from ReLU kinks: (X, Y, parameters)."""
    X, Y, parameters = make_problem([N_X, N_H, 1], seed=1)
    assert min_abs_preactivation(X, parameters) > 1e3 * H, "pick another seed: a Z1 entry sits on the kink"
    return X, Y, parameters


# Files whose tests share a class graded once per process (an lru_cache'd function): under pytest-xdist they run
# in the same worker, so the class is graded once per run, not once per worker that gets one of them. (The attack
# class of tests/attacks/harness.py is shared another way: the first worker that asks grades it, the others wait
# for it and load it, tests/once.py; so its five files spread over the workers.) ``make test`` runs ``--dist
# loadfile`` with the scheduler below: every other file is a unit of its own, so a module's fixture is made once,
# except the files of SPLIT, whose tests share no module fixture worth keeping together and which are long: their
# tests are dealt into that many units, so that no worker is left with minutes of one file at the end of a run.
SHARED_CLASSES = {
    "report_class": {"test_class_report.py", "test_class_report_browser.py"},  # tests/report_class.py
}
SPLIT = {"test_check_stability.py": 6, "test_hidden_vs_visible.py": 5, "test_visible_tests.py": 2}


def work_unit(nodeid: str) -> str:
    """The xdist work unit of a test: its file, the group of files that share a graded class, or a share of a
    long file of SPLIT (by a hash of the test's id, the same in every process)."""
    import zlib

    path = nodeid.split("::", 1)[0]
    name = path.rsplit("/", 1)[-1]
    if name in SPLIT:
        return f"{path}::share{zlib.crc32(nodeid.encode()) % SPLIT[name]}"
    return next((group for group, files in SHARED_CLASSES.items() if name in files), path)


if importlib.util.find_spec("xdist") is not None:
    @pytest.hookimpl(optionalhook=True)  # optional: `-p no:xdist` runs the suite in one process
    def pytest_xdist_make_scheduler(config, log):
        if config.getvalue("dist") != "loadfile":
            return None
        from xdist.scheduler import LoadScopeScheduling

        class FilesAndSharedClasses(LoadScopeScheduling):
            def _split_scope(self, nodeid):
                return work_unit(nodeid)

        return FilesAndSharedClasses(config, log)


def pytest_configure(config):
    """The run's shared folder (tests/once.py), made by the controlling process before it starts its workers,
    which inherit its environment; removed at the end of the run by the process that made it."""
    if hasattr(config, "workerinput") or os.environ.get(SHARED_ENV):
        return
    os.environ[SHARED_ENV] = tempfile.mkdtemp(prefix="autograder-tests-shared-")
    config._autograder_shared = os.environ[SHARED_ENV]


def pytest_unconfigure(config):
    folder = getattr(config, "_autograder_shared", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
        os.environ.pop(SHARED_ENV, None)
