"""Toy data sets (shapes, labels, seeds, difficulty) and the demo command."""

import argparse

import numpy as np
import pytest

from autograder import data, demo

BINARY = [data.make_moons, data.make_xor, data.make_flower]


@pytest.mark.parametrize("make", BINARY, ids=lambda f: f.__name__)
@pytest.mark.parametrize("m", [400, 101])
def test_binary_sets_shapes_labels_and_balance(make, m):
    X, Y = make(m, seed=3)
    assert X.shape == (2, m) and Y.shape == (1, m)
    assert X.dtype == np.float64 and Y.dtype == np.float64
    assert set(np.unique(Y)) == {0.0, 1.0}
    assert abs(Y.sum() - m / 2) <= 1  # balanced up to one odd example
    assert np.all(np.isfinite(X))


@pytest.mark.parametrize("make", BINARY + [data.make_spiral], ids=lambda f: f.__name__)
def test_same_seed_same_data_other_seed_other_data(make):
    X1, Y1 = make(120, seed=0)
    X2, Y2 = make(120, seed=0)
    X3, _ = make(120, seed=1)
    assert np.array_equal(X1, X2) and np.array_equal(Y1, Y2)
    assert not np.allclose(X1, X3)
    assert not np.array_equal(Y1[0, :60], np.sort(Y1[0, :60]))  # classes are shuffled together


def test_spiral_labels_and_one_hot():
    X, labels = data.make_spiral(301, n_classes=4, seed=0)
    assert X.shape == (2, 301) and labels.shape == (1, 301)
    assert sorted(np.unique(labels)) == [0, 1, 2, 3]
    Y = data.one_hot(labels)
    assert Y.shape == (4, 301) and np.array_equal(Y.sum(axis=0), np.ones(301))
    assert np.array_equal(np.argmax(Y, axis=0), labels[0])


def test_no_set_is_linearly_separable():
    """Least-squares linear classifiers stay well below what a hidden layer reaches (> 0.9)."""
    for make in BINARY:
        X, Y = make(400, seed=0)
        A = np.vstack([X, np.ones((1, 400))]).T
        w, *_ = np.linalg.lstsq(A, 2 * Y[0] - 1, rcond=None)
        accuracy = np.mean((A @ w > 0) == (Y[0] == 1))
        assert accuracy < 0.9, make.__name__  # measured: moons 0.86, xor 0.50, flower 0.46-0.51


def test_demo_trains_prints_and_saves_two_pngs(tmp_path, capsys):
    # a class of two students: the demo's grading of a class is tested in tests/test_demo.py
    assert demo.main(argparse.Namespace(out=str(tmp_path / "out"), students=2)) == 0
    printed = capsys.readouterr().out
    assert "cost after iteration 0" in printed and "cost after iteration 1750" in printed
    accuracy = float(printed.split("training accuracy: ")[1].split("%")[0])
    assert accuracy > 95.0
    for name in ("cost_curve.png", "decision_boundary.png"):
        path = tmp_path / "out" / name
        assert str(path) in printed
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 10_000
