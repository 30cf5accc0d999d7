"""Notebook 10: real data. Notebook 7's softmax classifier on the UCI handwritten digits (8 x 8 images, 10 classes):
a validation split, the two sanity checks graded (the first cost near log C, a tiny subset learnt by heart), the
accuracy on held-out data and the misclassified examples."""

import textwrap

import numpy as np

from authoring.cells import demo, markdown, provided, setup, setup_imports, solution, tests
from authoring.nb07_softmax_classifier import CELLS as _NB07
from autograder.reference import softmax_classifier as _ref7

# Notebook 7's five exercises, as its solution cells have them: the cell where the student pastes their own.
CLASSIFIER = ("softmax_cost", "classifier_forward", "classifier_backward", "predict_classes", "train_classifier")
_PASTE = "\n\n\n".join(text for kind, text, meta in _NB07 if kind == "solution" and meta["grade_id"] in CLASSIFIER)


def _probes() -> str:
    """The probe of the pasted classifier: fixed small inputs, and what notebook 7's functions give on them."""
    rng = np.random.default_rng(2030)  # a seed whose predictions are not all one class
    X = np.round(rng.normal(0, 1, (3, 4)), 2)
    Y = np.eye(3)[:, [0, 2, 1, 2]]
    p = {"W1": np.round(rng.normal(0, 1, (5, 3)), 2), "b1": np.round(rng.normal(0, 0.5, (5, 1)), 2),
         "W2": np.round(rng.normal(0, 1, (3, 5)), 2), "b2": np.round(rng.normal(0, 0.5, (3, 1)), 2)}
    A2, cache = _ref7.classifier_forward(X, p)
    grads = _ref7.classifier_backward(X, Y, p, cache)
    trained, costs = _ref7.train_classifier(X, Y, 4, learning_rate=0.5, num_iterations=3, seed=1)
    r = lambda a: repr(np.round(np.asarray(a, dtype=float), 8).tolist())  # noqa: E731
    return f'''PROBE_X = np.array({r(X)})
PROBE_Y = np.array({r(Y)})
PROBE_P = {{k: np.array(v) for k, v in {{"W1": {r(p["W1"])}, "b1": {r(p["b1"])},
                                        "W2": {r(p["W2"])}, "b2": {r(p["b2"])}}}.items()}}
PROBE_CACHE = {{k: np.array(v) for k, v in {{"Z1": {r(cache["Z1"])}, "A1": {r(cache["A1"])},
                                            "Z2": {r(cache["Z2"])}, "A2": {r(A2)}}}.items()}}
# name -> (call on the probe, what notebook 7's function gives there, to 8 decimals)
CLASSIFIER_PROBES = {{
    "softmax_cost": (lambda: softmax_cost(np.array({r(A2)}), PROBE_Y), {float(np.round(_ref7.softmax_cost(A2, Y), 8))!r}),
    "classifier_forward": (lambda: classifier_forward(PROBE_X, PROBE_P)[0], {r(A2)}),
    "classifier_backward": (lambda: classifier_backward(PROBE_X, PROBE_Y, PROBE_P, PROBE_CACHE)["dW1"],
                            {r(grads["dW1"])}),
    "predict_classes": (lambda: predict_classes(PROBE_X, PROBE_P), {r(np.argmax(A2, axis=0))}),
    "train_classifier": (lambda: train_classifier(PROBE_X, PROBE_Y, 4, learning_rate=0.5, num_iterations=3,
                                                  seed=1)[1], {r(costs)}),
}}'''


CELLS = [
    markdown(r"""
    # 10. Real data: handwritten digits

    Every data set of this course so far was drawn by a formula, and a "new" set was the same formula with new
    noise. Here the data are real: **1797 images of handwritten digits**, 8 by 8 pixels each, from the UCI data set
    *Optical Recognition of Handwritten Digits* (E. Alpaydin and C. Kaynak, 1998, https://doi.org/10.24432/C50P49,
    CC BY 4.0; the file and its licence are in the folder `data/` next to this notebook). Each pixel counts the ink
    in a 4 x 4 block of a 32 x 32 scan, from 0 to 16. There are $C = 10$ classes, the digits 0 to 9.

    The classifier is notebook 7's: a ReLU hidden layer and a softmax output. What is new is the discipline of
    working with real data:

    * `train_validation_split`: keep a **validation set** apart, which training never sees, and measure the
      accuracy there;
    * `initial_loss_check` and `overfit_check`: the two **sanity checks** of notebook 7, now as functions you
      write and can run on any network: the first cost must be about $\log C$, and a small subset must be learnt
      by heart;
    * then the accuracy on the validation set, and the digits the network gets wrong.

    **Points and time:** this notebook is worth **{NOTEBOOK_POINTS}** points of the course's **{COURSE_POINTS}**, and takes
    about **{NOTEBOOK_TIME}** (the whole course: about {COURSE_TIME}).

    **Conventions.** As in notebook 7: examples are columns, `X` has shape $(64, m)$ (the 64 pixels of an image,
    row by row, scaled to $[0, 1]$), `labels` is a 1-D integer array of shape $(m,)$, and `Y = one_hot(labels)` has
    shape $(10, m)$.

    {GRADING_RULES}
    """, grade_id="intro"),
    setup_imports("os"),
    setup("setup_data", r'''
    def load_digits(path="data/digits.csv.gz"):
        """The 1797 digits: X (64, 1797), each column an image's 8 x 8 pixels row by row, divided by 16 (so in
        [0, 1]); labels (1797,) ints 0 .. 9. Reads the file of the UCI data set (65 integers per line)."""
        if not os.path.exists(path):
            raise FileNotFoundError(
                f"{path} not found: it comes with this notebook, in its folder data/. The grader runs your cells "
                "without it, so load the data in the notebook's own cells (section 10.1), not in a cell of yours")
        raw = np.loadtxt(path, delimiter=",", dtype=int)
        return raw[:, :64].T / 16.0, raw[:, 64]


    def one_hot(labels, n_classes=10):
        """(m,) int labels -> (n_classes, m) one-hot float matrix."""
        labels = np.reshape(labels, -1).astype(int)
        out = np.zeros((n_classes, labels.size))
        out[labels, np.arange(labels.size)] = 1.0
        return out
    '''),
    markdown(r"""
    ## 10.0 Your classifier from notebook 7

    Copy your `softmax_cost`, `classifier_forward`, `classifier_backward`, `predict_classes` and
    `train_classifier` of notebook 7 into the cell below (only the function bodies are missing). This cell is not
    graded: when the grader calls your functions of this notebook, it gives them correct versions of these five,
    so a mistake made in notebook 7 never costs points twice.

    Nothing stops if you have not pasted them yet: the cell after them prints what is missing or wrong, and the
    visible tests of `initial_loss_check` and `overfit_check` (which use them) fail with the same message, while
    `train_validation_split` can be tested right away.
    """),
    solution("classifier_from_notebook_7", _PASTE, graded=False),
    provided("provided_classifier_check", _probes() + "\n\n\n" + textwrap.dedent(r'''
    def classifier_problems(names=CLASSIFIER_PROBES):
        """What is missing or wrong in the classifier of section 10.0, one sentence each ([] when none)."""
        problems = []
        for name in names:
            call, expected = CLASSIFIER_PROBES[name]
            try:
                got = call()
            except NotImplementedError:
                problems.append(f"{name} is not pasted yet (it still raises NotImplementedError)")
                continue
            except Exception as error:
                problems.append(f"{name} raised {type(error).__name__}: {error}")
                continue
            if np.shape(got) != np.shape(expected) or not np.allclose(got, expected, rtol=1e-6, atol=1e-7):
                problems.append(f"{name} gives other values than notebook 7's on a small example")
        return problems


    def require_classifier(*names):
        """For a visible test: fail with one clear message while a function it needs is missing or wrong."""
        problems = classifier_problems(names or tuple(CLASSIFIER_PROBES))
        assert not problems, ("this test needs your classifier of section 10.0: " + "; ".join(problems)
                              + ". Paste your notebook 7 versions into the cell of section 10.0 and run it.")
    ''').strip("\n")),
    demo(r"""
    # Checks the functions pasted above (not graded). It prints rather than stops, so Run All goes on.
    problems = classifier_problems()
    print("Classifier looks right." if not problems else "Classifier not ready:\n  " + "\n  ".join(problems))
    """),
    markdown(r"""
    ## 10.1 The data, and a validation set

    The file has one line per image: the 64 pixel values, then the digit. `load_digits` reads it with NumPy alone
    and scales the pixels to $[0, 1]$. (The notebook's own cells load it; the grader does not read the file, it
    calls your functions with arrays of its own, so keep `load_digits()` out of your solution cells.) Here are the
    first 24 images with their labels (the first 30 images of the file are the digits 0 to 9 three times over: the
    file is not in a random order):
    """),
    demo(r"""
    import matplotlib.pyplot as plt

    X, labels = load_digits()
    print(f"X {X.shape}, labels {labels.shape}; images per digit: {np.bincount(labels).tolist()}")

    fig, axes = plt.subplots(3, 8, figsize=(8, 3.4))
    for j, ax in enumerate(axes.flat):
        ax.imshow(X[:, j].reshape(8, 8), cmap="gray_r", vmin=0, vmax=1)
        ax.set_title(str(labels[j]), fontsize=10)
        ax.axis("off")
    plt.tight_layout()
    plt.show()
    """),
    markdown(r"""
    A network can learn its training examples by heart (you will make it do exactly that in 10.3), so its accuracy
    on them says little about digits it has not seen. The honest measure is the accuracy on examples kept apart
    from the start: a **validation set**. The split must be random (a file may be sorted by writer or by digit, and
    this one starts with three rounds of 0 to 9) and reproducible (a fixed seed), and every image must keep its own label.

    Write `train_validation_split(X, labels, validation_fraction=0.2, seed=0)`:

    * `order = np.random.default_rng(seed).permutation(m)`, with `m = X.shape[1]`;
    * `n_val = int(round(validation_fraction * m))` examples for validation: the columns `order[:n_val]`;
    * the rest, `order[n_val:]`, for training;
    * return `(X_train, labels_train, X_val, labels_val)`, each set in the order of `order`.

    (scikit-learn's `train_test_split` returns its four arrays in another order, `X_train, X_test, y_train,
    y_test`; this course keeps each set's images next to their labels.)

    {RULES:train_validation_split}
    """),
    solution("train_validation_split", r'''
    def train_validation_split(X, labels, validation_fraction=0.2, seed=0):
        """X: (n_x, m), labels: (m,) -> (X_train, labels_train, X_val, labels_val), shuffled with the seed."""
        ### BEGIN SOLUTION
        m = X.shape[1]
        order = np.random.default_rng(seed).permutation(m)
        n_val = int(round(validation_fraction * m))
        validation, training = order[:n_val], order[n_val:]
        return X[:, training], labels[training], X[:, validation], labels[validation]
        ### END SOLUTION
    '''),
    tests("train_validation_split", r"""
    X_toy = np.arange(22.0).reshape(2, 11)           # column j is (j, 11 + j): a column names its example
    labels_toy = np.arange(100, 111)                  # label 100 + j belongs to column j
    parts = train_validation_split(X_toy, labels_toy, validation_fraction=0.3, seed=4)
    assert isinstance(parts, tuple) and len(parts) == 4, "return the tuple (X_train, labels_train, X_val, labels_val)"
    X_tr, l_tr, X_va, l_va = parts
    order = np.random.default_rng(4).permutation(11)
    assert np.shape(X_va) == (2, 3), f"X_val has shape {np.shape(X_va)}: 0.3 * 11 = 3.3 rounds to 3 validation examples"
    assert np.shape(X_tr) == (2, 8), f"X_train has shape {np.shape(X_tr)}, expected (2, 8)"
    expect_close("X_val (the columns order[:n_val])", X_va, X_toy[:, order[:3]])
    expect_close("X_train (the columns order[n_val:])", X_tr, X_toy[:, order[3:]])
    expect_close("labels_val", l_va, labels_toy[order[:3]])
    expect_close("labels_train", l_tr, labels_toy[order[3:]])
    X_tr, l_tr, X_va, l_va = train_validation_split(X_toy, labels_toy)
    assert np.shape(X_va) == (2, 2), f"with the default fraction 0.2, 2.2 rounds to 2 validation examples, got {np.shape(X_va)}"
    expect_close("labels_val with the defaults (seed 0)", l_va, labels_toy[np.random.default_rng(0).permutation(11)[:2]])
    X_tr, l_tr, X_va, l_va = train_validation_split(X_toy, labels_toy, validation_fraction=0.25)
    assert np.shape(X_va) == (2, 3), f"0.25 * 11 = 2.75 rounds to 3 validation examples, got {np.shape(X_va)[1:]}"
    assert np.array_equal(X_toy, np.arange(22.0).reshape(2, 11)), "X was changed: index it, do not shuffle it in place"
    print("Visible tests passed.")
    """),
    demo(r"""
    X_train, labels_train, X_val, labels_val = train_validation_split(X, labels)
    Y_train, Y_val = one_hot(labels_train), one_hot(labels_val)
    print(f"training {X_train.shape[1]} images, validation {X_val.shape[1]}")
    print("validation images per digit:", np.bincount(labels_val, minlength=10).tolist())
    """),
    markdown(r"""
    With 1797 images and the default fraction, $0.2 \cdot 1797 = 359.4$: 359 validation images and 1438 for
    training. The random split leaves each digit between 28 and 42 times in the validation set, not exactly
    36 each: a stratified split (the same share of every class) would even that out; with ten balanced classes and
    hundreds of images the plain random split is good enough.

    ## 10.2 Sanity check 1: the first cost

    Before any training, notebook 7's start has tiny output weights (`W2` scaled by 0.01), so every logit is close
    to 0 and the softmax gives every class a probability close to $1/C$. The cost of a uniform guess is
    $-\log(1/C) = \log C$, whatever the labels: for the ten digits $\log 10 \approx 2.303$. A first cost far from
    it, above or below, means a bug in the forward pass or the cost before any gradient is computed (a cost far
    below $\log C$ before training is as suspicious as one far above: the network cannot know the labels yet).

    Write `initial_loss_check(X, Y, parameters, tolerance=0.1)`: compute the cost of `parameters` on `(X, Y)` with
    your `classifier_forward` and `softmax_cost`, and return `(cost, log_C, passed)` where `log_C` is the natural
    logarithm of the number of classes $C$ (the rows of `Y`), and `passed` is `True` when
    $|\text{cost} - \log C| < \text{tolerance}$.

    {RULES:initial_loss_check}
    """),
    solution("initial_loss_check", r'''
    def initial_loss_check(X, Y, parameters, tolerance=0.1):
        """X: (n_x, m), Y: (C, m) one-hot -> (cost, log C, passed: |cost - log C| < tolerance)."""
        ### BEGIN SOLUTION
        A2, _ = classifier_forward(X, parameters)
        cost = softmax_cost(A2, Y)
        log_C = float(np.log(Y.shape[0]))
        return cost, log_C, bool(abs(cost - log_C) < tolerance)
        ### END SOLUTION
    '''),
    tests("initial_loss_check", r"""
    require_classifier("softmax_cost", "classifier_forward")
    rng = np.random.default_rng(5)
    X_toy, Y_toy = rng.normal(0, 1, (6, 9)), one_hot(np.arange(9) % 4, 4)     # 6 features, C = 4 classes, 9 examples
    near = {"W1": rng.normal(0, 1, (5, 6)), "b1": np.zeros((5, 1)), "W2": rng.normal(0, 0.01, (4, 5)),
            "b2": np.zeros((4, 1))}
    result = initial_loss_check(X_toy, Y_toy, near)
    assert isinstance(result, tuple) and len(result) == 3, "return the tuple (cost, log_C, passed)"
    cost, log_C, passed = result
    expect_close("cost", cost, softmax_cost(classifier_forward(X_toy, near)[0], Y_toy))
    expect_close("log_C for C = 4 classes (the rows of Y, natural log)", log_C, np.log(4))
    assert passed is True or passed is np.True_, f"the cost {cost:.4f} is within 0.1 of log 4: passed should be True"
    far = dict(near, W2=near["W2"] * 500)
    assert not initial_loss_check(X_toy, Y_toy, far)[2], "a cost far above log C should not pass"
    knows = {"W1": np.eye(5, 6), "b1": np.zeros((5, 1)), "W2": 8 * np.eye(4, 5), "b2": np.zeros((4, 1))}
    low_cost, _, low_passed = initial_loss_check(np.vstack([Y_toy, np.zeros((2, 9))]), Y_toy, knows)
    assert low_cost < 0.01 and not low_passed, (
        f"a network that already knows the labels has cost {low_cost:.4f}, far BELOW log 4: that should not pass either")
    gap = abs(initial_loss_check(X_toy, Y_toy, far)[0] - np.log(4))
    assert initial_loss_check(X_toy, Y_toy, far, tolerance=gap + 1)[2], "use the tolerance argument"
    print("Visible tests passed.")
    """),
    demo(r"""
    start, _ = train_classifier(X_train, Y_train, 32, num_iterations=0)        # notebook 7's stated start
    cost, log_C, passed = initial_loss_check(X_train, Y_train, start)
    print(f"first cost {cost:.4f}, log 10 = {log_C:.4f}: passed {passed}")
    loud = dict(start, W2=start["W2"] * 300)                                   # output weights far too large
    cost, log_C, passed = initial_loss_check(X_train, Y_train, loud)
    print(f"with W2 300 times larger: cost {cost:.2f}, passed {passed}")
    """),
    markdown(r"""
    ## 10.3 Sanity check 2: learn a tiny subset by heart

    A network with 50 hidden units has thousands of parameters; 20 images are few enough for it to memorise. If
    the cost on them does not go almost to 0, something is broken in the gradients or in the update, whatever the
    full data set does, and no amount of tuning will fix it. This is the cheapest test of a backward pass on real
    data.

    Write `overfit_check(X, Y, n_examples=20, n_h=50, learning_rate=1.0, num_iterations=200, seed=0,
    tolerance=0.01)`:

    * take the first `n_examples` columns of `X` and `Y`;
    * train on them alone with your `train_classifier(X_small, Y_small, n_h, learning_rate, num_iterations, seed)`;
    * on those same examples, compute the **final cost**, the cost of the trained parameters (with
      `classifier_forward` and `softmax_cost`; the last entry of `costs` is the cost *before* the last step), and
      the **accuracy**, the fraction of them that `predict_classes` gets right (a float between 0 and 1);
    * return `(final_cost, accuracy, passed)` with `passed` `True` when the final cost is below `tolerance` **and**
      every example is right.

    {RULES:overfit_check}
    """),
    solution("overfit_check", r'''
    def overfit_check(X, Y, n_examples=20, n_h=50, learning_rate=1.0, num_iterations=200, seed=0, tolerance=0.01):
        """Train on the first n_examples columns alone -> (final cost, accuracy on them, passed)."""
        ### BEGIN SOLUTION
        X_small, Y_small = X[:, :n_examples], Y[:, :n_examples]
        parameters, _ = train_classifier(X_small, Y_small, n_h, learning_rate, num_iterations, seed)
        A2, _ = classifier_forward(X_small, parameters)
        final_cost = softmax_cost(A2, Y_small)
        accuracy = float(np.mean(predict_classes(X_small, parameters) == np.argmax(Y_small, axis=0)))
        return final_cost, accuracy, bool(final_cost < tolerance and accuracy == 1.0)
        ### END SOLUTION
    '''),
    tests("overfit_check", r"""
    require_classifier()
    rng = np.random.default_rng(6)
    X_toy, Y_toy = rng.normal(0, 1, (4, 15)), one_hot(rng.permutation(np.arange(15) % 3), 3)
    result = overfit_check(X_toy, Y_toy, n_examples=6, n_h=8, learning_rate=1.0, num_iterations=4, seed=2,
                           tolerance=2.0)
    assert isinstance(result, tuple) and len(result) == 3, "return the tuple (final_cost, accuracy, passed)"
    trained, costs = train_classifier(X_toy[:, :6], Y_toy[:, :6], 8, 1.0, 4, 2)
    want_cost = softmax_cost(classifier_forward(X_toy[:, :6], trained)[0], Y_toy[:, :6])
    want_accuracy = np.mean(predict_classes(X_toy[:, :6], trained) == np.argmax(Y_toy[:, :6], axis=0))
    expect_close("final_cost (after the last step, on the first 6 examples)", result[0], want_cost)
    assert abs(result[0] - costs[-1]) > 1e-6, "the final cost is the cost after training: costs[-1] is before the last step"
    expect_close("accuracy (a fraction between 0 and 1)", result[1], want_accuracy)
    assert want_accuracy < 1 and not result[2], (
        f"the accuracy is {want_accuracy:.2f}, not 1: passed should be False even with a cost below the tolerance")
    cost, accuracy, passed = overfit_check(X_toy, Y_toy, n_examples=6, n_h=8, num_iterations=150, seed=2)
    assert accuracy == 1 and cost < 0.01 and passed, (
        f"150 iterations on 6 examples: cost {cost:.4f}, accuracy {accuracy}, passed {passed}; expected a cost below "
        "0.01, every example right and passed True")
    print("Visible tests passed.")
    """),
    demo(r"""
    cost, accuracy, passed = overfit_check(X_train, Y_train)
    print(f"20 training images, 200 iterations: final cost {cost:.5f}, accuracy {accuracy:.0%}, passed {passed}")
    cost, accuracy, passed = overfit_check(X_train, Y_train, learning_rate=0.001)
    print(f"the same with a learning rate 1000 times smaller: final cost {cost:.3f}, accuracy {accuracy:.0%}, "
          f"passed {passed}")
    """),
    markdown(r"""
    A learning rate 1000 times too small fails the check as a wrong gradient would: after 200 steps the cost is
    still 2.24, close to $\log 10 \approx 2.30$, and 6 of the 20 images are right. The check does not tell what is
    wrong, only that training as it stands cannot even memorise 20 images.

    ## 10.4 Training, and the accuracy on held-out data

    Both checks pass, so the classifier is trained on the 1438 training images (32 hidden units, learning rate 1,
    300 full-batch iterations), and measured on both sets:
    """),
    demo(r"""
    parameters, costs = train_classifier(X_train, Y_train, 32, learning_rate=1.0, num_iterations=300)
    train_accuracy = np.mean(predict_classes(X_train, parameters) == labels_train)
    predicted_val = predict_classes(X_val, parameters)
    val_accuracy = np.mean(predicted_val == labels_val)
    print(f"cost {costs[0]:.3f} -> {costs[-1]:.3f}; accuracy: training {train_accuracy:.1%}, "
          f"validation {val_accuracy:.1%} ({np.sum(predicted_val != labels_val)} of {labels_val.size} wrong)")
    parameters_2, costs_2 = train_classifier(X_train, Y_train, 32, learning_rate=2.0, num_iterations=300)
    predicted_2 = predict_classes(X_val, parameters_2)
    print(f"the same at learning rate 2: cost {costs_2[0]:.3f} -> {costs_2[-1]:.3f}; validation accuracy "
          f"{np.mean(predicted_2 == labels_val):.1%}, predicted digits {np.unique(predicted_2).tolist()}")
    plt.figure(figsize=(5, 3))
    plt.semilogy(costs, label="learning rate 1")
    plt.semilogy(costs_2, label="learning rate 2")
    plt.xlabel("iteration")
    plt.ylabel("training cost")
    plt.legend(fontsize=8)
    plt.show()
    """),
    markdown(r"""
    The training accuracy is 99.6%, the validation accuracy about 3 points lower (96.9%, 11 images wrong): the gap
    is the part of the training accuracy that does not carry over to new images, and the validation accuracy is the number to report. It is
    measured on 359 images, so it moves by about one point when three or four of them change: a difference of a
    point between two networks is no evidence that one is better. The cost curve jumps up several times in the
    first 70 iterations and recovers each time: a learning rate of 1 is near the edge. The same run at learning rate
    2 fails: its cost ends at 2.302, about $\log 10$, and it predicts the same digit, 0, for every validation image
    (7.8% right, the share of the zeros), so a rate that works and one that
    does not work at all can be a factor of 2 apart: notebook 8's sweep is how to choose one.

    ## 10.5 What the network gets wrong

    The validation images the network misclassifies, each titled with its true label and the prediction:
    """),
    demo(r"""
    wrong = np.flatnonzero(predicted_val != labels_val)
    shown = wrong[:16]
    fig, axes = plt.subplots(2, 8, figsize=(8, 2.6))
    for ax in axes.flat:
        ax.axis("off")
    for ax, j in zip(axes.flat, shown):
        ax.imshow(X_val[:, j].reshape(8, 8), cmap="gray_r", vmin=0, vmax=1)
        ax.set_title(f"{labels_val[j]} -> {predicted_val[j]}", fontsize=9)
    plt.suptitle("validation images misclassified (true -> predicted)", fontsize=10)
    plt.tight_layout()
    plt.show()
    pairs = {}
    for j in wrong:
        pairs[(int(labels_val[j]), int(predicted_val[j]))] = pairs.get((int(labels_val[j]), int(predicted_val[j])), 0) + 1
    print("true -> predicted: count", sorted(pairs.items(), key=lambda item: -item[1]))
    """),
    markdown(r"""
    Eleven validation images are wrong, and the digit 1 is in six of those mistakes, as the true label (1 taken for
    9 twice, for 3 once) or as the prediction (a 9, a 2 and a 6 taken for 1). Some of these images are ambiguous at
    8 by 8 pixels to a person as well (the 7 taken for a 4 has a 4's crossbar); others, like the 6 taken for a 1,
    are not: those are the network's own mistakes. Looking at the mistakes is how you tell the two kinds apart.

    ## Summary

    * Keep a validation set apart before training, drawn at random with a fixed seed, each image with its label;
      report the accuracy there, not on the training set.
    * Two checks before a long training run: the first cost is about $\log C$ (a uniform guess), and a small subset
      is learnt to a cost near 0. Each fails for a bug no accuracy figure would explain.
    * Look at the mistakes: on real data they show what the network cannot tell apart, and where the data itself is
      ambiguous.
    """),
    markdown(r"""
    ## What the course has taught you

    This is the last notebook; looking back over all ten:

    * The chain rule, applied node by node on a computational graph, is all backpropagation is; caching the
      forward values makes the backward pass cost about as much as the forward pass (notebook 1).
    * Activation derivatives decide how well gradients flow (notebooks 2 and 6); sigmoid with binary
      cross-entropy and softmax with cross-entropy both give the output gradient $A - Y$ (notebooks 3 and 7).
    * Gradients flow backward layer by layer: $dZ$, then $dW$, $db$ and the signal $W^T dZ$ for the layer below,
      with the $\frac1m$ of the mean applied once, in $dW$ and $db$ (notebooks 3, 6 and 9).
    * A batch gradient is the mean of per-example gradients; mini-batches trade gradient noise for speed and
      memory (notebook 4).
    * A gradient check tells you whether your own backward pass is right, and finds the gradient a bug is in
      (notebook 5); frameworks automate the rest.
    * Deep networks train only from a good start: the size of every layer's gradient is a product over the
      layers, which He initialisation keeps near 1 (notebook 6).
    * Momentum and Adam carry a state from step to step, and every optimiser has its own range of learning
      rates, found with a sweep (notebook 8).
    * Dropout and batch normalisation are layers with a forward and a backward pass like any other; only
      held-out data shows whether a change helps (notebooks 9 and 10), and two sanity checks, the first cost and
      a tiny subset learnt by heart, catch bugs before a long run (notebooks 7 and 10).
    """),
]
