"""Correct notebooks changed the way real students change them, as data: each entry says what the student
did to the answer key, in which notebook, and the score the grader must give (full marks unless a change
is one the grader documents it does not support, such as a library it does not have).

A variant is built from the release notebook with every solution cell holding the answer key's code
(``key_notebook``), then changed by its ``change`` function. It is submitted alone (the other notebooks
are absent), so its expected total is that notebook's points minus ``lost``.
"""

from __future__ import annotations

import ast
import base64
import copy
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import nbformat

from autograder import course

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "source" / course.ASSIGNMENT
RELEASE = REPO / "release" / course.ASSIGNMENT
SOLUTION = re.compile(r"^[ \t]*### (BEGIN|END) SOLUTION[^\n]*\n?", re.MULTILINE)


@dataclass(frozen=True)
class Edge:
    name: str
    notebook: str
    what: str
    change: Callable  # (nb) -> None, changes the notebook in place
    lost: dict = field(default_factory=dict)  # function -> points the change must cost
    feedback: str = ""  # a phrase the student's feedback must contain

    def expected(self) -> float:
        return sum(course.NOTEBOOKS[self.notebook].values()) - sum(self.lost.values())


def _gid(cell):
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def key_notebook(name: str):
    """The release notebook ``name`` with the answer key's code in every solution cell."""
    source = nbformat.read(SOURCE / f"{name}.ipynb", as_version=4)
    answers = {_gid(c): SOLUTION.sub("", c.source) for c in source.cells
               if c.get("metadata", {}).get("nbgrader", {}).get("solution")}
    nb = nbformat.read(RELEASE / f"{name}.ipynb", as_version=4)
    for cell in nb.cells:
        if cell.get("metadata", {}).get("nbgrader", {}).get("solution"):
            cell.source = answers[_gid(cell)]
    return nb


def cell(nb, grade_id):
    return next(c for c in nb.cells if _gid(c) == grade_id)


def at(nb, grade_id) -> int:
    return nb.cells.index(cell(nb, grade_id))


def add(nb, index: int, code: str) -> None:
    nb.cells.insert(index, nbformat.v4.new_code_cell(code))


def into_helper(nb, function: str, wrapper_extra: str = "", before: bool = True, prefix: str = "") -> None:
    """Move the key's ``function`` into a helper ``_<function>_impl`` in a cell the student adds (above the
    solution cell, or below it), and make the solution cell a wrapper that calls it."""
    sol = cell(nb, function)
    tree = ast.parse(sol.source)
    assert any(isinstance(n, ast.FunctionDef) and n.name == function for n in tree.body), function
    helper = re.sub(rf"\bdef {function}\(", f"def _{function}_impl(", sol.source)
    sol.source = (f"{prefix}def {function}(*args, **kwargs):\n{wrapper_extra}"
                  f"    return _{function}_impl(*args, **kwargs)\n")
    add(nb, at(nb, function) + (0 if before else 1), helper)


def replace_def(nb, function: str, code: str) -> None:
    cell(nb, function).source = code


# ----------------------------------------------------------------------------- the changes


def _helper_above_backward(nb):
    into_helper(nb, "backward_propagation")


def _constant_in_added_cell(nb):
    add(nb, at(nb, "leaky_relu"), "ALPHA_DEFAULT = 0.01\nTINY = 1e-12")
    replace_def(nb, "leaky_relu", "def leaky_relu(z, alpha=ALPHA_DEFAULT):\n    return np.where(z > 0, z, alpha * z)\n")


def _import_in_added_cell(nb):
    add(nb, 1, "import math\nfrom numpy import exp as npexp")
    replace_def(nb, "sigmoid", "def sigmoid(z):\n    return 1.0 / (1.0 + npexp(-z))\n")


def _train_plots_its_cost(nb):
    add(nb, at(nb, "train"), "import matplotlib.pyplot as plt")
    into_helper(nb, "train", wrapper_extra="    fig, ax = plt.subplots()\n    ax.plot([3, 2, 1])\n"
                "    ax.set_title('cost')\n    plt.show()\n")


def _train_with_tqdm(nb):
    into_helper(nb, "train", prefix="from tqdm.auto import tqdm\n\n",
                wrapper_extra="    for _ in tqdm(range(50), desc='warming up'):\n        pass\n")


def _future_annotations(nb):
    sol = cell(nb, "forward_propagation")
    assert "def forward_propagation(X, parameters):" in sol.source
    sol.source = ("from __future__ import annotations\n\n" + sol.source.replace(
        "def forward_propagation(X, parameters):",
        "def forward_propagation(X: Matrix, parameters: Params) -> Result:")
        + "\n\nclass Matrix:\n    pass\n\n\nclass Params:\n    pass\n\n\nclass Result:\n    pass\n")


def _slow_experiment(nb):
    add(nb, at(nb, "train") + 1, "# a hyper-parameter sweep, slow on purpose\n_rng = np.random.default_rng(0)\n"
        "_W = _rng.standard_normal((16, 16))\nresults = {}\nfor lr in (0.01, 0.1, 1.0):\n"
        "    _A = _rng.standard_normal((16, 8))\n    for _ in range(40_000):\n        _A = np.tanh(_W @ _A)\n"
        "    results[lr] = float(_A.sum())\nprint(results)")


def _guarded_import(nb):
    add(nb, 1, "try:\n    import matplotlib.pyplot as plt\nexcept ImportError:\n    plt = None")
    into_helper(nb, "relu", wrapper_extra="    if plt is not None:\n        plt.close('all')\n")


def _scipy_expit(nb):
    replace_def(nb, "sigmoid", "from scipy.special import expit\n\n\ndef sigmoid(z):\n    return expit(z)\n")


def _helper_defined_after_use(nb):
    replace_def(nb, "relu", "def relu(z):\n    return _positive_part(z)\n")
    add(nb, at(nb, "relu") + 2, "def _positive_part(z):\n    return np.maximum(0, z)")


def _prints_everywhere(nb):
    for fn in course.NOTEBOOKS["02_activations"]:
        into_helper(nb, fn, wrapper_extra=f"    print('calling {fn}', args[0] if args else None)\n")


def _warnings(nb):
    into_helper(nb, "softmax", prefix="import warnings\n\n",
                wrapper_extra="    warnings.warn('remember to subtract the max')\n")


def _magics(nb):
    add(nb, 1, "%matplotlib inline\n%load_ext autoreload\n!pip install numpy")
    sol = cell(nb, "forward_graph")
    sol.source = "%%time\n" + sol.source


def _display_calls(nb):
    add(nb, 1, "display('starting')")
    into_helper(nb, "backward_graph", wrapper_extra="    display(args)\n")


def _class_helper(nb):
    add(nb, at(nb, "dictionary_to_vector"), "class Flattener:\n    def __init__(self, fn):\n        self.fn = fn\n\n"
        "    def __call__(self, d):\n        return self.fn(d)")
    into_helper(nb, "dictionary_to_vector")
    cell(nb, "dictionary_to_vector").source = ("def dictionary_to_vector(d):\n"
                                               "    return Flattener(_dictionary_to_vector_impl)(d)\n")


def _lambda_helper(nb):
    add(nb, at(nb, "dz_dt"), "square = lambda v: v ** 2")
    into_helper(nb, "dz_dt", wrapper_extra="    assert square(2.0) == 4.0\n")


def _failing_top_level_cells(nb):
    add(nb, len(nb.cells), "plt.show()  # plt was never imported")
    add(nb, 1, "undefined_function()")


def _global_seed(nb):
    add(nb, at(nb, "random_mini_batches"), "np.random.seed(1)\nimport random\nrandom.seed(1)")


def _jupyterlab4(nb):
    nb.nbformat_minor = 5
    for i, c in enumerate(nb.cells):
        c["id"] = f"cell-{i:04d}"
        if c.cell_type == "code":
            c.metadata["execution"] = {"iopub.execute_input": "2026-11-30T10:00:00.000Z",
                                       "shell.execute_reply": "2026-11-30T10:00:01.000Z"}
            c.execution_count = i
    png = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * 3000).decode()
    cell(nb, "gradient_check").outputs = [nbformat.v4.new_output(
        "display_data", data={"image/png": png, "text/plain": "<Figure size 640x480 with 1 Axes>"})]
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    nb.metadata["language_info"] = {"name": "python", "version": "3.11.7", "codemirror_mode": {"name": "ipython"}}


def _notebook7(nb):
    nb.metadata["toc-showmarkdowntxt"] = False
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}, "version_major": 2}}
    for c in nb.cells:
        c.metadata["trusted"] = True
        if c.cell_type == "code":
            c.metadata["scrolled"] = True


def _duplicated_solution_cell(nb):
    wrong = copy.deepcopy(cell(nb, "relu"))  # JupyterLab's copy and paste: the metadata, a new cell id
    wrong["id"] = "pasted-relu-copy"
    wrong.source = "def relu(z):\n    return z  # first try\n"
    nb.cells.insert(at(nb, "relu"), wrong)


def _redefined_later(nb):
    good = cell(nb, "relu").source
    cell(nb, "relu").source = "def relu(z):\n    return abs(z)  # wrong, fixed at the end\n"
    add(nb, len(nb.cells), good)


def _memoised(nb):
    add(nb, at(nb, "random_mini_batches"), "_CALLS = {}")
    into_helper(nb, "random_mini_batches", wrapper_extra="    _CALLS[len(_CALLS)] = True\n")


def _ipython_calls(nb):
    add(nb, 1, "get_ipython().run_line_magic('matplotlib', 'inline')\nip = get_ipython()\nip.magic('load_ext autoreload')")


def _big_output(nb):
    png = base64.b64encode(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8000).decode()
    cell(nb, "train").outputs = [nbformat.v4.new_output("display_data", data={"image/png": png})]


def _sys_exit_at_the_end(nb):
    add(nb, len(nb.cells), "import sys\nsys.exit(0)")


def _main_guard(nb):
    add(nb, at(nb, "random_mini_batches") + 1, "if __name__ == '__main__':\n    _b = random_mini_batches(np.zeros((2, 10)), "
        "np.zeros((1, 10)), 4)\n    print(len(_b))")


def _markdown_changed(nb):
    nb.cells = [c for c in nb.cells if c.cell_type != "markdown"]
    nb.cells.insert(2, nbformat.v4.new_markdown_cell("## My notes\nThe chain rule multiplies local derivatives."))


def _reordered(nb):
    v2d = cell(nb, "vector_to_dictionary")
    nb.cells.remove(v2d)
    nb.cells.insert(at(nb, "dictionary_to_vector"), v2d)


def _unicode_names(nb):
    add(nb, at(nb, "gradient_check"), "ε_default = 1e-7  # the default step\nnoms = 'données'")
    into_helper(nb, "gradient_check", wrapper_extra="    assert ε_default > 0\n")


def _lost_metadata(nb):
    for fn in course.NOTEBOOKS["04_batches"]:
        del cell(nb, fn).metadata["nbgrader"]


def _mini_batch_plots_and_tqdm(nb):
    add(nb, at(nb, "mini_batch_gradient_descent"), "import matplotlib.pyplot as plt\nfrom tqdm.auto import tqdm")
    into_helper(nb, "mini_batch_gradient_descent",
                wrapper_extra="    for _ in tqdm(range(20), desc='epochs'):\n        pass\n"
                "    fig, ax = plt.subplots()\n    ax.plot([3, 2, 1])\n    plt.show()\n")


def _deep_backward_in_helper(nb):
    add(nb, 1, "LAYERS_SHOWN = 3  # a constant of the student's own")
    into_helper(nb, "L_model_backward", wrapper_extra="    assert LAYERS_SHOWN == 3\n")


def _value_method_added_below(nb):
    add(nb, at(nb, "Value") + 1,
        "def _relu(self):\n    out = Value(max(0.0, self.data), (self,), 'relu')\n\n"
        "    def _backward():\n        self.grad += (out.data > 0) * out.grad\n\n"
        "    out._backward = _backward\n    return out\n\n\nValue.relu = _relu  # a method of the student's own\n"
        "import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\nax.plot([Value(t).tanh().data for t in range(-3, 4)])\n"
        "plt.show()")


def _bug_factor_from_own_cell(nb):
    add(nb, at(nb, "bug_report"),
        "Xh, Yh, ph = small_problem()\n_, ch = forward_propagation(Xh, ph)\ngb = backward_b(Xh, Yh, ph, ch)\n"
        "RATIOS = {}\nfor name, value in ph.items():\n"
        "    num = np.array([numerical_derivative(cost_of_entry(ph, name, idx), value[idx])\n"
        "                    for idx in np.ndindex(value.shape)]).reshape(value.shape)\n"
        "    RATIOS['d' + name] = float(np.mean(gb['d' + name] / num))\n"
        "WRONG = max(RATIOS, key=lambda k: abs(RATIOS[k] - 1))\nprint('ratios', RATIOS)")
    replace_def(nb, "bug_report", "def bug_report():\n    return {'gradient': WRONG, 'factor': round(RATIOS[WRONG], 6)}\n")


def _classifier_sweep_with_tqdm(nb):
    add(nb, at(nb, "train_classifier"), "import matplotlib.pyplot as plt\nfrom tqdm.auto import tqdm")
    into_helper(nb, "train_classifier")
    add(nb, at(nb, "train_classifier") + 1,
        "Xs, ys = make_spiral(60, seed=3)\nlosses = []\n"
        "for n_h in tqdm([2, 4, 8], desc='hidden sizes'):\n"
        "    losses.append(train_classifier(Xs, one_hot(ys.ravel(), 3), n_h, num_iterations=30)[1][-1])\n"
        "assert len(losses) == 3 and losses[-1] < 1.2, losses\n"
        "fig, ax = plt.subplots()\nax.plot([2, 4, 8], losses)\nplt.show()")


def _helper_below(nb):
    into_helper(nb, "update_parameters", before=False)


def _compute_cost_uses_added_helper(nb):
    add(nb, 1, "def clip_probabilities(A, eps=1e-12):\n    return np.clip(A, eps, 1 - eps)")
    into_helper(nb, "compute_cost", wrapper_extra="    clip_probabilities(args[0])\n")


def _adam_in_helper_with_a_sweep(nb):
    add(nb, at(nb, "momentum_step"), "import matplotlib.pyplot as plt\nfrom tqdm.auto import tqdm")
    into_helper(nb, "adam_step")
    add(nb, at(nb, "adam_step") + 1,
        "fig, ax = plt.subplots()\nfor lr in tqdm([0.01, 0.1, 1.0], desc='learning rates'):\n"
        "    ax.plot([0, 1, 2], [1.0, 1.0 - lr / 2, 1.0 - lr])\nax.set_xscale('linear')\nplt.show()")


def _batchnorm_backward_in_helper_with_a_check(nb):
    add(nb, at(nb, "dropout_forward"), "import matplotlib.pyplot as plt\nKEEP = 0.8")
    into_helper(nb, "batchnorm_backward")
    add(nb, at(nb, "batchnorm_backward") + 1,
        "Zc = np.random.default_rng(0).normal(size=(3, 5))\n"
        "_, c, _ = batchnorm_forward(Zc, np.ones((3, 1)), np.zeros((3, 1)), "
        "{'mean': np.zeros((3, 1)), 'var': np.ones((3, 1))})\n"
        "assert np.allclose(batchnorm_backward(np.ones((3, 5)), c)[0], 0)\n"
        "fig, ax = plt.subplots()\nax.plot(dropout_forward(np.ones((1, 8)), KEEP, seed=1)[0].ravel())\nplt.show()")


def _digits_loaded_in_own_cell(nb):
    into_helper(nb, "overfit_check")
    add(nb, at(nb, "train_validation_split") + 1,
        "X_mine, labels_mine = load_digits()  # the data file is not there in grading: this cell fails there\n"
        "print(X_mine.shape, np.bincount(labels_mine))")


EDGES = [
    Edge("digits_loaded_in_own_cell", "10_digits", "overfit_check in a helper cell, and the digits loaded in a cell "
         "of the student's (the grader has no data file: that cell fails, nothing is lost)", _digits_loaded_in_own_cell),
    Edge("batchnorm_backward_in_helper_with_a_check", "09_regularization", "batchnorm_backward in a helper cell, "
         "a check of its own and a plot in an added cell, a constant in another", _batchnorm_backward_in_helper_with_a_check),
    Edge("adam_in_helper_with_a_sweep", "08_optimizers", "adam_step in a helper cell, a learning-rate sweep with "
         "a progress bar and a plot", _adam_in_helper_with_a_sweep),
    Edge("value_method_added_below", "01_chain_rule", "a relu method added to Value in a cell below, and a plot",
         _value_method_added_below),
    Edge("bug_factor_from_own_cell", "05_gradient_checking", "bug_report's factor computed in a cell of the student's",
         _bug_factor_from_own_cell),
    Edge("classifier_sweep_with_tqdm", "07_softmax_classifier",
         "train_classifier in a helper, a hidden-size sweep with a progress bar and a plot", _classifier_sweep_with_tqdm),
    Edge("mini_batch_plots_and_tqdm", "04_batches", "mini-batch gradient descent with a progress bar and a plot",
         _mini_batch_plots_and_tqdm),
    Edge("deep_backward_in_helper", "06_deep_network", "L_model_backward in a helper cell, with a constant of its own",
         _deep_backward_in_helper),
    Edge("helper_above_backward", "03_network", "backward_propagation moved to a helper in a cell above", _helper_above_backward),
    Edge("constant_in_added_cell", "02_activations", "a default from a constant defined in an added cell", _constant_in_added_cell),
    Edge("import_in_added_cell", "02_activations", "an alias imported in an added cell", _import_in_added_cell),
    Edge("train_plots_its_cost", "03_network", "train draws a matplotlib figure and calls plt.show()", _train_plots_its_cost),
    Edge("train_with_tqdm", "03_network", "train shows a tqdm progress bar", _train_with_tqdm),
    Edge("future_annotations", "03_network", "from __future__ import annotations and forward-referenced hints", _future_annotations),
    Edge("slow_experiment", "03_network", "a few seconds of experiments below train", _slow_experiment),
    Edge("guarded_import", "02_activations", "try: import matplotlib / except ImportError", _guarded_import),
    Edge("scipy_expit", "02_activations", "sigmoid from scipy.special.expit (scipy is not allowed)", _scipy_expit,
         lost={"sigmoid": course.NOTEBOOKS["02_activations"]["sigmoid"]}, feedback="`scipy` is not available in the grader"),
    Edge("helper_defined_after_use", "02_activations", "relu calls a helper defined in a later cell", _helper_defined_after_use),
    Edge("prints_everywhere", "02_activations", "every function prints", _prints_everywhere),
    Edge("warnings", "02_activations", "softmax issues a warning", _warnings),
    Edge("magics", "01_chain_rule", "%matplotlib, !pip and %%time", _magics),
    Edge("display_calls", "01_chain_rule", "IPython's display() in a cell and in a function", _display_calls),
    Edge("class_helper", "05_gradient_checking", "a class defined in an added cell", _class_helper),
    Edge("lambda_helper", "01_chain_rule", "a lambda defined in an added cell", _lambda_helper),
    Edge("failing_top_level_cells", "02_activations", "added cells that raise NameError", _failing_top_level_cells),
    Edge("global_seed", "04_batches", "np.random.seed and random.seed in an added cell", _global_seed),
    Edge("jupyterlab4_format", "05_gradient_checking", "saved by JupyterLab 4: cell ids, execution metadata, a PNG output",
         _jupyterlab4),
    Edge("notebook7_format", "04_batches", "saved by Notebook 7: trusted, scrolled, widget state", _notebook7),
    Edge("duplicated_solution_cell", "02_activations", "a copy of relu's cell (a wrong first try) left above it",
         _duplicated_solution_cell),
    Edge("redefined_later", "02_activations", "a wrong relu fixed by a definition at the end", _redefined_later),
    Edge("memoised", "04_batches", "a function that writes into a global dict", _memoised),
    Edge("ipython_calls", "03_network", "get_ipython() calls", _ipython_calls),
    Edge("big_output", "03_network", "a 2 MB image in train's outputs", _big_output),
    Edge("sys_exit_at_the_end", "05_gradient_checking", "sys.exit(0) in the last cell", _sys_exit_at_the_end),
    Edge("main_guard", "04_batches", "an if __name__ == '__main__' experiment", _main_guard),
    Edge("markdown_changed", "01_chain_rule", "markdown cells deleted, one added", _markdown_changed),
    Edge("reordered", "05_gradient_checking", "vector_to_dictionary's cell moved above dictionary_to_vector's", _reordered),
    Edge("unicode_names", "05_gradient_checking", "non-ASCII names in an added cell", _unicode_names),
    Edge("lost_metadata", "04_batches", "the solution cell lost its nbgrader metadata", _lost_metadata),
    Edge("helper_below", "03_network", "update_parameters' helper in a cell below it", _helper_below),
    Edge("added_helper_for_cost", "03_network", "compute_cost calls a helper from an added cell", _compute_cost_uses_added_helper),
]


def write_class(submitted: Path, edges=EDGES) -> dict[str, Edge]:
    """One student per edge (``edge-<name>``), with only the changed notebook; and ``edge-solutions``, the
    executed answer key of solutions/ handed in as it is (all five notebooks)."""
    students = {}
    for edge in edges:
        nb = key_notebook(edge.notebook)
        edge.change(nb)
        folder = submitted / f"edge-{edge.name}" / course.ASSIGNMENT
        folder.mkdir(parents=True, exist_ok=True)
        text = json.dumps(nb, indent=1, ensure_ascii=False) + "\n"
        (folder / f"{edge.notebook}.ipynb").write_text(text, encoding="utf-8")
        students[f"edge-{edge.name}"] = edge
    folder = submitted / "edge-solutions" / course.ASSIGNMENT
    folder.mkdir(parents=True, exist_ok=True)
    for name in course.NOTEBOOKS:
        (folder / f"{name}.ipynb").write_bytes((REPO / "solutions" / course.ASSIGNMENT / f"{name}.ipynb").read_bytes())
    return students
