"""The corpora through the real grading path: notebooks in nbgrader's layout, graded by the CLI.

tests/test_mutants.py and tests/test_honest.py prove the checks in-process, fast, under many seeds.
Here every mutant and every honest variant becomes a real submission (the release notebooks with the
variant's code in the solution cells), and one run of ``python -m autograder grade`` grades them all in
the sandbox, exactly as an instructor would. The verdicts must be the same.
"""

import json
import sys
from pathlib import Path

import pytest

import corpus
from autograder import course

sys.path.insert(0, str(Path(__file__).parent / "attacks"))
import harness  # noqa: E402  (tests/attacks/harness.py: submissions from sources, running the CLI)

sys.path.pop(0)

MUTANTS = corpus.load_mutants()
HONEST = corpus.load_honest()


def _packed(variants) -> list[list]:
    """The variants shared among as few students as can hold them: a student holds variants of different notebooks
    only, so each notebook of a student is one variant's (a student with a bug in two notebooks, as students
    have). A bug costs points in its own function only (tests/test_mutants.py proves it of every function), and
    every notebook runs in sessions of its own, so a variant's verdicts are those it would get alone; the sandbox's
    start and the student's other costs are paid once per student instead of once per variant."""
    students: list[tuple[set, list]] = []
    for v in sorted(variants, key=lambda v: -len(_notebooks(v))):
        notebooks = _notebooks(v)
        home = next((s for s in students if not s[0] & notebooks), None)
        if home is None:
            home = (set(), [])
            students.append(home)
        home[0].update(notebooks)
        home[1].append(v)
    return [members for _, members in students]


def _label(v) -> str:
    return f"{v.kind}-{v.name}"


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """{variant label ("mutant-<name>", "honest-<name>"): the results.json of the student who holds it}: one class
    holding every mutant and every honest variant, packed into students (``_packed``)."""
    root = tmp_path_factory.mktemp("corpus_class")
    submitted, results = root / "submitted", root / "results"
    # each student holds only the notebooks its variants change: the others, stubs or the baseline, would be
    # graded hundreds of times for nothing
    holds = {}
    for i, members in enumerate(_packed([*MUTANTS, *HONEST])):
        sid = student(f"class-{i:03d}")
        for v in members:
            harness.write_submission(submitted / sid / course.ASSIGNMENT, corpus.submission_sources(v),
                                     notebooks=_notebooks(v), others=False)
            holds[_label(v)] = sid
    proc = harness.run_cli(submitted, results, tmp=root / "tmp", wait=3600)  # about 100 students beside the suite
    assert proc.returncode == 0, proc.stderr[-3000:]
    by_student = {json.loads(p.read_text())["student_id"]: json.loads(p.read_text()) for p in results.glob("*/results.json")}
    return {label: by_student[sid] for label, sid in holds.items()}


def test_the_class_packs_the_variants_into_few_students_with_one_variant_per_notebook():
    packed = _packed([*MUTANTS, *HONEST])
    assert sorted(_label(v) for members in packed for v in members) == sorted(_label(v) for v in [*MUTANTS, *HONEST])
    for members in packed:
        notebooks = [nb for v in members for nb in _notebooks(v)]
        assert len(notebooks) == len(set(notebooks)), [v.name for v in members]
    assert len(packed) < (len(MUTANTS) + len(HONEST)) / 2


def student(name: str) -> str:
    """A student id for ``name`` whose planted bug in notebook 5 is version 0, the one the corpus files' bug reports
    answer, under the secret the harness grades with (the id, then the id with a suffix: the version follows from
    the bug-hunt code of the secret and the id, autograder.reference.gradient_checking)."""
    from autograder.checks import seeds
    from autograder.reference.gradient_checking import bug_code, colleague_index

    secret = harness.grading_secret()
    return next(sid for sid in (name, *(f"{name}~v{k}" for k in range(1, 400)))
                if colleague_index(bug_code(seeds.seed_for(sid, secret=secret))) == 0)


def _notebooks(variant) -> set[str]:
    graded = {fn: nb for nb, table in course.NOTEBOOKS.items() for fn in table}
    return {graded[fn] for fn in variant.functions if fn in graded} or set(course.NOTEBOOKS)


def _tests_of(result: dict, functions) -> list[dict]:
    return [t for t in result["tests"] if t["number"].split("/")[1] in set(functions)]


@pytest.mark.parametrize("name", [v.name for v in MUTANTS])
def test_every_mutant_loses_points_and_is_named_through_the_cli(graded, name):
    variant = next(v for v in MUTANTS if v.name == name)
    tests = _tests_of(graded[f"mutant-{name}"], variant.functions)
    assert tests, f"no checks of {variant.functions} in the results of mutant {name}"
    failed = [t for t in tests if t["status"] == "failed"]
    assert failed and sum(t["score"] for t in tests) < sum(t["max_score"] for t in tests), (
        f"mutant {name} ({variant.changes}) kept full marks through the CLI")
    named = {tag for t in failed for tag in t.get("tags", [])}
    assert variant.expect in named and named <= variant.allowed, (
        f"mutant {name}: expected {variant.expect!r}, feedback named {sorted(named)}")


@pytest.mark.parametrize("name", [v.name for v in HONEST])
def test_every_honest_variant_earns_full_marks_through_the_cli(graded, name):
    variant = next(v for v in HONEST if v.name == name)
    notebooks = _notebooks(variant)
    tests = [t for t in graded[f"honest-{name}"]["tests"] if course.notebook_of(t["number"].split("/")[1]) in notebooks]
    lost = [f"{t['name']}: {t['output']}" for t in tests if t["status"] != "passed"]
    points = sum(course.NOTEBOOKS[nb][fn] for nb in notebooks for fn in course.NOTEBOOKS[nb])
    assert tests and not lost and sum(t["score"] for t in tests) == pytest.approx(points), lost


def test_mutation_score_and_precision_through_the_cli(graded, capsys):
    caught = named_right = 0
    for v in MUTANTS:
        tests = _tests_of(graded[f"mutant-{v.name}"], v.functions)
        failed = [t for t in tests if t["status"] == "failed"]
        caught += bool(failed)
        tags = {tag for t in failed for tag in t.get("tags", [])}
        named_right += bool(failed) and v.expect in tags and tags <= v.allowed
    with capsys.disabled():
        print(f"\nthrough the CLI: mutation score {caught}/{len(MUTANTS)}, diagnosis precision "
              f"{named_right}/{caught}, honest variants {len(HONEST)} at full marks")
    assert caught == len(MUTANTS) and named_right == caught
