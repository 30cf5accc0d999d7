"""Notebook 10's reference and data: the digits file is what its README says (1797 images of 64 pixels in 0..16,
ten digits with the stated counts, the stated sha256); the split is a seeded partition that keeps every label with
its column and has round(fraction * m) validation examples; the first cost at notebook 7's start is log C within
0.01 and fails the check far above and far below it; a tiny subset is learnt by heart, and stopping early fails."""

import copy
import hashlib
from pathlib import Path

import numpy as np
import pytest

from autograder.reference import digits as ref
from autograder.reference import softmax_classifier as ref7

DATA = Path(__file__).resolve().parent.parent / "source" / "backprop" / "data"


def one_hot(labels, C):
    return np.eye(C)[:, labels]


def test_the_data_file_is_the_one_its_readme_describes():
    path = DATA / "digits.csv.gz"
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert digest in readme and f"{path.stat().st_size:,} bytes" in readme
    raw = np.loadtxt(path, delimiter=",", dtype=int)
    assert raw.shape == (1797, 65)
    assert raw[:, :64].min() == 0 and raw[:, :64].max() == 16
    counts = np.bincount(raw[:, 64]).tolist()
    assert counts == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]
    assert ", ".join(map(str, counts)) in readme
    assert "10.24432/C50P49" in readme and "CC BY 4.0" in readme


@pytest.mark.parametrize("m, fraction, n_val", [(11, 0.3, 3), (11, 0.25, 3), (1797, 0.2, 359), (10, 0.0, 0)])
def test_the_split_is_a_seeded_partition_with_pairs_kept(m, fraction, n_val):
    X = np.vstack([np.arange(m), -np.arange(m)]).astype(float)
    labels = np.arange(m) * 7
    before = copy.deepcopy((X, labels))
    X_tr, l_tr, X_va, l_va = ref.train_validation_split(X, labels, validation_fraction=fraction, seed=3)
    assert X_va.shape == (2, n_val) and X_tr.shape == (2, m - n_val) and l_va.shape == (n_val,)
    assert sorted(np.concatenate([X_tr[0], X_va[0]]).tolist()) == list(range(m))  # a partition of the columns
    assert np.array_equal(l_tr, 7 * X_tr[0]) and np.array_equal(l_va, 7 * X_va[0])  # each label with its column
    order = np.random.default_rng(3).permutation(m)
    assert np.array_equal(X_va[0], order[:n_val]) and np.array_equal(X_tr[0], order[n_val:])
    assert np.array_equal(before[0], X) and np.array_equal(before[1], labels)
    again = ref.train_validation_split(X, labels, validation_fraction=fraction, seed=3)
    assert all(np.array_equal(a, b) for a, b in zip(again, (X_tr, l_tr, X_va, l_va)))
    if m > 10:
        other = ref.train_validation_split(X, labels, validation_fraction=fraction, seed=4)
        assert not np.array_equal(other[2], X_va)


def test_the_first_cost_is_log_c_at_notebook_7s_start():
    rng = np.random.default_rng(0)
    for C in (3, 5, 10):
        X, Y = rng.normal(0, 1, (6, 40)), one_hot(rng.integers(0, C, 40), C)
        start, _ = ref7.train_classifier(X, Y, 8, num_iterations=0, seed=1)
        cost, log_C, passed = ref.initial_loss_check(X, Y, start)
        assert log_C == pytest.approx(np.log(C)) and abs(cost - np.log(C)) < 0.01 and passed is True
        loud = dict(start, W2=start["W2"] * 1000)
        assert ref.initial_loss_check(X, Y, loud)[2] is False
        trained, _ = ref7.train_classifier(X, Y, 30, learning_rate=1.0, num_iterations=500, seed=1)
        low, _, passed = ref.initial_loss_check(X, Y, trained)
        assert low < np.log(C) - 0.5 and passed is False  # far below log C fails too
        assert ref.initial_loss_check(X, Y, trained, tolerance=np.log(C))[2] is True


def test_a_tiny_subset_is_learnt_by_heart_and_stopping_early_fails():
    rng = np.random.default_rng(1)
    X, Y = rng.normal(0, 1, (5, 30)), one_hot(rng.integers(0, 4, 30), 4)
    before = copy.deepcopy((X, Y))
    cost, accuracy, passed = ref.overfit_check(X, Y, n_examples=8, n_h=20, num_iterations=300, seed=2)
    assert cost < 0.01 and accuracy == 1.0 and passed is True
    params, costs = ref7.train_classifier(X[:, :8], Y[:, :8], 20, 1.0, 300, 2)
    assert cost == pytest.approx(ref7.softmax_cost(ref7.classifier_forward(X[:, :8], params)[0], Y[:, :8]))
    assert cost < costs[-1]  # measured after the last step
    cost, accuracy, passed = ref.overfit_check(X, Y, n_examples=8, n_h=20, num_iterations=2, seed=2, tolerance=10.0)
    assert accuracy < 1 and cost < 10 and passed is False  # a cost under the tolerance is not enough
    assert np.array_equal(before[0], X) and np.array_equal(before[1], Y)
