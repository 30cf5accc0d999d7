"""``python -m autograder demo``: the course's main job on a bundled class: grade it and plot what it got wrong.

1. Writes a synthetic class of ``--students`` (default 30) into ``OUT/submitted`` in nbgrader's layout
   (``autograder.synthetic``: the release notebooks filled with the answer key's code, stubs and
   realistic bugs from the mutant corpus, seeded), and the plan of who got what in ``OUT/class_plan.json``.
2. Grades it with the real grader (``autograder.grade.grade_class``: sandbox, checks, diagnosis), with a
   progress bar and the score table; per-student ``results.json`` and ``feedback.md`` go to ``OUT/results``.
3. Saves ``OUT/score_histogram.png`` (the class's totals) and ``OUT/misconceptions.png`` (how many students
   each misconception of the catalogue was found in, from the results' tags), and the reference network's
   training on noisy moons (``OUT/cost_curve.png``, ``OUT/decision_boundary.png``), and prints their paths.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sys
import time
import warnings
from collections import Counter
from pathlib import Path

import numpy as np

from autograder import course, report, synthetic

STUDENTS = 30
SEED = 0
DEMO_SECRET = "demo-class-secret"  # only when the course has none: the demo's inputs need not be secret
N_HIDDEN = 8
NUM_ITERATIONS = 2000
PRINT_EVERY = 250
TOP_MISCONCEPTIONS = 12


def misconception_counts(all_results: list[dict]) -> Counter:
    """How many students each misconception id was named for (once per student)."""
    counts: Counter = Counter()
    for data in all_results:
        counts.update({tag for t in data["tests"] if t["status"] != "passed" for tag in t.get("tags", ())})
    return counts


def misconception_functions(all_results: list[dict]) -> dict[str, Counter]:
    """For each misconception id, how many students it was named for in each function."""
    out: dict[str, Counter] = {}
    for data in all_results:
        for mid, fn in {(tag, t["number"].split("/")[1]) for t in data["tests"] if t["status"] != "passed"
                        for tag in t.get("tags", ())}:
            out.setdefault(mid, Counter())[fn] += 1
    return out


def _plot_scores(all_results: list[dict], path: Path) -> None:
    import matplotlib.pyplot as plt

    total = course.total_points()
    scores = [d["score"] for d in all_results]
    fig, ax = plt.subplots(figsize=(6.4, 4))
    ax.hist(scores, bins=np.linspace(0, total, 14), color="#4c72b0", edgecolor="white")
    ax.axvline(float(np.median(scores)), color="#dd8452", linestyle="--", label=f"median {np.median(scores):.1f}")
    ax.set_xlim(0, total)
    ax.set_xlabel(f"score (out of {total} points)")
    ax.set_ylabel("students")
    ax.set_title(f"Scores of the demo class ({len(scores)} students)")
    ax.legend(loc="upper left")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def _label(misconception: str) -> str:
    """A readable label for a catalogue id: ``not_averaged`` -> "Not averaged", ``relu_min_max`` -> "ReLU min max"."""
    words = misconception.split("_")
    text = " ".join({"relu": "ReLU", "xor": "XOR"}.get(w, w) for w in words)
    return text[:1].upper() + text[1:]


def _plot_misconceptions(counts: Counter, where: dict[str, Counter], students: int, path: Path) -> None:
    import matplotlib.pyplot as plt

    top = counts.most_common(TOP_MISCONCEPTIONS)[::-1]  # the most common at the top
    labels = [f"{_label(name)} ({', '.join(fn for fn, _ in where[name].most_common(2))})" for name, _ in top]
    fig, ax = plt.subplots(figsize=(8, 0.4 * max(len(top), 3) + 1.4))
    if top:
        ax.barh(labels, [n for _, n in top], color="#c44e52")
        for i, (_, n) in enumerate(top):
            ax.text(n, i, f" {n}", va="center")
        ax.set_xlim(0, max(n for _, n in top) * 1.15)
    else:
        ax.text(0.5, 0.5, "no misconception found", ha="center", va="center", transform=ax.transAxes)
    ax.set_xlabel(f"students (of {students}) whose feedback names it")
    fig.suptitle("Most common misconceptions in the class (and the functions where found)")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def _plot_training(out: Path) -> list[Path]:
    """The reference network trained on noisy moons: the cost curve and the decision boundary."""
    import matplotlib.pyplot as plt

    from autograder.data import make_moons
    from autograder.reference import accuracy, predict, train_with_history

    X, Y = make_moons(m=400, noise=0.2, seed=0)
    print(f"the reference network on noisy moons: X {X.shape}, Y {Y.shape}; network [2, {N_HIDDEN}, 1], "
          "ReLU hidden, sigmoid output")
    parameters, costs = train_with_history(X, Y, [2, N_HIDDEN, 1], num_iterations=NUM_ITERATIONS, print_cost=True,
                                           print_every=PRINT_EVERY)
    print(f"final cost after {len(costs)} iterations: {costs[-1]:.6f}")
    print(f"training accuracy: {accuracy(X, Y, parameters):.1%}")

    cost_path, boundary_path = out / "cost_curve.png", out / "decision_boundary.png"
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.plot(np.arange(len(costs)), costs)
    ax.set(xlabel="iteration", ylabel="cost (binary cross-entropy)", yscale="log",
           title="Training cost, 2-layer ReLU network on noisy moons")
    ax.grid(True, alpha=0.3)
    fig.tight_layout()
    fig.savefig(cost_path, dpi=100)
    plt.close(fig)

    pad = 0.5
    gx, gy = np.meshgrid(np.linspace(X[0].min() - pad, X[0].max() + pad, 200),
                         np.linspace(X[1].min() - pad, X[1].max() + pad, 200))
    labels = predict(np.stack([gx.ravel(), gy.ravel()]), parameters).reshape(gx.shape)  # (2, 40000) columns
    fig, ax = plt.subplots(figsize=(6, 5))
    ax.contourf(gx, gy, labels, levels=[-0.5, 0.5, 1.5], colors=["#c6dbef", "#fdd0a2"])
    ax.scatter(X[0], X[1], c=Y[0], cmap="coolwarm", s=12, edgecolors="k", linewidths=0.3)
    ax.set(xlabel="$x_1$", ylabel="$x_2$", title="Decision boundary")
    fig.tight_layout()
    fig.savefig(boundary_path, dpi=100)
    plt.close(fig)
    return [cost_path, boundary_path]


@contextlib.contextmanager
def _secret():
    """The course secret if there is one; otherwise, while grading, a fixed demo secret (no warning)."""
    from autograder.checks import seeds

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        seeds.course_secret()
    if not caught:
        yield
        return
    os.environ[seeds.SECRET_ENV] = DEMO_SECRET
    try:
        yield
    finally:
        os.environ.pop(seeds.SECRET_ENV, None)


def run(out: str | Path, students: int = STUDENTS, seed: int = SEED, *, plans=None, jobs: int | None = None,
        training: bool = True) -> dict[str, Path]:
    """Generate, grade and plot a class in ``out``; the paths written (see the module docstring).

    ``plans`` grades exactly those students (``autograder.synthetic.StudentPlan``) instead of ``students``
    drawn from ``seed``. ``OUT/submitted`` and ``OUT/results`` are replaced on every run.
    """
    import matplotlib

    matplotlib.use("Agg")  # files only: works without a display
    from autograder import grade

    out = Path(out)
    submitted, results = out / "submitted", out / "results"
    for folder in (submitted, results):
        shutil.rmtree(folder, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)

    start = time.perf_counter()
    with _secret():  # the secret the class is graded with: its right bug reports name each student's own bug
        plans = synthetic.make_class(submitted, students, seed, plans=plans)
    synthetic.save_plans(out / "class_plan.json", plans)
    print(f"synthetic class in {submitted}: {synthetic.describe(plans)} ({time.perf_counter() - start:.1f} s)")

    start = time.perf_counter()
    with _secret():
        code = grade.grade_class(submitted, results, jobs=jobs, source_dir=synthetic.ROOT / "source" / course.ASSIGNMENT)
    if code != 0:
        raise RuntimeError(f"grading the demo class failed (exit code {code})")
    all_results = report.collect(results, [p.student_id for p in plans])
    print(f"graded {len(all_results)} students in {time.perf_counter() - start:.1f} s; "
          f"feedback in {results}/<student>/feedback.md")

    paths = {"submitted": submitted, "results": results, "plan": out / "class_plan.json",
             "histogram": out / "score_histogram.png", "misconceptions": out / "misconceptions.png"}
    counts = misconception_counts(all_results)
    _plot_scores(all_results, paths["histogram"])
    _plot_misconceptions(counts, misconception_functions(all_results), len(all_results), paths["misconceptions"])
    if counts:
        print("most common misconceptions: " + ", ".join(f"{name} ({n})" for name, n in counts.most_common(5)))
    if training:
        paths["cost_curve"], paths["decision_boundary"] = _plot_training(out)
    for key in ("histogram", "misconceptions", "cost_curve", "decision_boundary"):
        if key in paths:
            print(f"saved {paths[key]}")
    return paths


def main(args: argparse.Namespace) -> int:
    try:
        run(args.out, getattr(args, "students", STUDENTS), getattr(args, "seed", SEED), jobs=getattr(args, "jobs", None))
    except (FileNotFoundError, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0
