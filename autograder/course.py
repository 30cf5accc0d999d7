"""The course layout: one assignment, its notebooks, and the graded exercises of each.

This table is the single home of the exercise list and of the points. The notebook generator
(``authoring/``) writes one solution cell ``<function>`` and one graded test cell ``test_<function>``
per exercise, with these points; the checks (``autograder.checks``) scale their own relative
weights to these points, so the CLI and nbgrader agree on every score.
"""

ASSIGNMENT = "backprop"

# notebook name -> {student function (or class): points}; order is the order in the notebook. About 100 points in
# all; a one-line activation is worth 1, a backward pass 4 or 5.
NOTEBOOKS: dict[str, dict[str, int]] = {
    "01_chain_rule": {
        "forward_graph": 2,
        "backward_graph": 3,
        "dz_dt": 2,
        "Value": 8,
    },
    "02_activations": {
        "sigmoid": 1,
        "sigmoid_derivative": 1,
        "tanh_derivative": 1,
        "relu": 1,
        "relu_derivative": 1,
        "leaky_relu": 1,
        "leaky_relu_derivative": 1,
        "softmax": 3,
        "softmax_jacobian": 2,
    },
    "03_network": {
        "initialize_parameters": 2,
        "forward_propagation": 3,
        "compute_cost": 2,
        "backward_propagation": 5,
        "update_parameters": 2,
        "train": 3,
    },
    "04_batches": {
        "per_example_gradients": 2,
        "random_mini_batches": 3,
        "mini_batch_gradient_descent": 4,
    },
    "05_gradient_checking": {
        "numerical_derivative": 2,  # a warm-up before 5.2, so first in the notebook's order
        "dictionary_to_vector": 1,
        "vector_to_dictionary": 1,
        "gradient_check": 4,
        "bug_report": 2,
        "backward_corrected": 3,
    },
    "06_deep_network": {
        "linear_forward": 1,
        "linear_backward": 3,
        "activation_forward": 2,
        "activation_backward": 3,
        "initialize_he": 2,
        "L_model_forward": 3,
        "compute_cost_l2": 2,
        "L_model_backward": 4,
        "layer_gradient_norms": 3,
    },
    "07_softmax_classifier": {
        "softmax_cost": 2,
        "classifier_forward": 3,
        "classifier_backward": 4,
        "predict_classes": 1,
        "train_classifier": 3,
    },
    "08_optimizers": {
        "momentum_step": 3,
        "initialize_adam": 1,
        "adam_step": 4,
    },
    "09_regularization": {
        "dropout_forward": 2,
        "dropout_backward": 1,
        "batchnorm_forward": 3,
        "batchnorm_backward": 4,
    },
    "10_digits": {
        "train_validation_split": 2,
        "initial_loss_check": 2,
        "overfit_check": 3,
    },
}

# notebook name -> the minutes a median student needs for it (exercises, reading and the experiments), stated in
# its first cell (re-measured by a reviewer's median: notebook 3 takes 2 to 2.5 hours); the course adds up to 8 to
# 12 hours, and past 12 the README offers it in two parts (PARTS).
MINUTES: dict[str, int] = {
    "01_chain_rule": 100,
    "02_activations": 45,
    "03_network": 135,
    "04_batches": 90,
    "05_gradient_checking": 85,
    "06_deep_network": 130,
    "07_softmax_classifier": 70,
    "08_optimizers": 60,
    "09_regularization": 90,  # the batch-norm backward derived on paper, and the held-out experiments
    "10_digits": 60,
}


# Two parts for a course that releases the notebooks with two deadlines (README, "Releasing the course in two
# parts"): the syllabus' five topics, then deep networks and training.
PARTS: dict[str, tuple[str, ...]] = {
    "the syllabus' five topics": ("01_chain_rule", "02_activations", "03_network", "04_batches", "05_gradient_checking"),
    "deep networks and training": ("06_deep_network", "07_softmax_classifier", "08_optimizers",
                                   "09_regularization", "10_digits"),
}


def part_summary(part: str) -> str:
    """"notebooks 01 to 05, 66 points, about 7.58 hours": one part as the README states it."""
    names = PARTS[part]
    points = sum(sum(NOTEBOOKS[nb].values()) for nb in names)
    return (f"notebooks {names[0][:2]} to {names[-1][:2]}, {points} points, about "
            f"{hours(sum(MINUTES[nb] for nb in names))}")


def exercises() -> list[tuple[str, str, int]]:
    """Every graded exercise as ``(notebook, function, points)``, in course order."""
    return [(nb, fn, pts) for nb, table in NOTEBOOKS.items() for fn, pts in table.items()]


def notebook_of(function: str) -> str:
    """The notebook whose solution cell defines ``function``; KeyError if it is not graded."""
    for nb, table in NOTEBOOKS.items():
        if function in table:
            return nb
    raise KeyError(f"{function!r} is not a graded exercise; see autograder.course.NOTEBOOKS")


def total_points() -> int:
    return sum(pts for _, _, pts in exercises())


def hours(minutes: int) -> str:
    """"1.5 hours", "45 minutes": a time estimate as the notebooks state it."""
    if minutes < 60:
        return f"{minutes} minutes"
    value = f"{minutes / 60:.2f}".rstrip("0").rstrip(".")
    return f"{value} hour" + ("" if value == "1" else "s")


def time_estimate(notebook: str) -> str:
    return hours(MINUTES[notebook])


def course_time() -> str:
    return hours(sum(MINUTES[nb] for nb in NOTEBOOKS))


def readme_table() -> str:
    """The README's course table (between its COURSE TABLE markers): one row per notebook, from this module."""
    rows = ["| notebook | points | time | graded exercises (points) |", "|---|---|---|---|"]
    rows += [f"| `{nb}` | {sum(t.values())} | {time_estimate(nb)} | " + ", ".join(f"`{fn}` {p}" for fn, p in t.items())
             + " |" for nb, t in NOTEBOOKS.items()]
    return "\n".join(rows)


def summary() -> dict[str, str]:
    """The course's counts as the README and docs state them (tests/test_course_facts.py holds them to it)."""
    words = {5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"}
    names = list(NOTEBOOKS)
    return {"notebooks": words.get(len(names), str(len(names))), "points": str(total_points()),
            "functions": str(len(exercises())), "time": course_time(), "first": names[0], "last": names[-1]}
