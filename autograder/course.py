"""The course layout: one assignment, five notebooks, and the graded exercises of each.

This table is the single home of the exercise list and of the points. The notebook generator
(``authoring/``) writes one solution cell ``<function>`` and one graded test cell ``test_<function>``
per exercise, with these points; the checks (``autograder.checks``) scale their own relative
weights to these points, so the CLI and nbgrader agree on every score.
"""

ASSIGNMENT = "backprop"

# notebook name -> {student function: points}; order is the order in the notebook.
NOTEBOOKS: dict[str, dict[str, int]] = {
    "01_chain_rule": {
        "forward_graph": 2,
        "backward_graph": 3,
        "dz_dt": 2,
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
        "softmax_jacobian": 3,
    },
    "03_network": {
        "initialize_parameters": 2,
        "forward_propagation": 3,
        "compute_cost": 2,
        "backward_propagation": 6,
        "update_parameters": 2,
        "train": 4,
    },
    "04_batches": {
        "random_mini_batches": 4,
    },
    "05_gradient_checking": {
        "dictionary_to_vector": 2,
        "vector_to_dictionary": 2,
        "gradient_check": 5,
    },
}


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
