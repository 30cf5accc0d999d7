"""The synthetic class generator: deterministic, a realistic mix, notebooks as planned, release/ untouched."""

import hashlib
import re
import statistics
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from autograder import course, synthetic

REPO = Path(__file__).resolve().parents[1]
RELEASE = REPO / "release" / course.ASSIGNMENT
SECRET = "synthetic-test-secret"  # the secret the class would be graded with: it sets each student's planted bug


def tree_hashes(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def cells_by_id(path: Path) -> dict[str, str]:
    nb = nbformat.read(path, as_version=4)
    return {c.metadata.get("nbgrader", {}).get("grade_id", f"#{i}"): c.source for i, c in enumerate(nb.cells)}


@pytest.fixture(scope="module")
def corpora():
    return synthetic.Corpora()


@pytest.fixture(scope="module")
def written(tmp_path_factory, corpora):
    out = tmp_path_factory.mktemp("class")
    before = tree_hashes(RELEASE)
    plans = synthetic.make_class(out, 8, seed=5, secret=SECRET)
    return out, plans, before


def test_the_same_seed_gives_the_same_class_byte_for_byte(written, tmp_path):
    out, plans, _ = written
    again = synthetic.make_class(tmp_path, 8, seed=5, secret=SECRET)
    assert [p.exercises for p in again] == [p.exercises for p in plans]
    assert tree_hashes(tmp_path) == tree_hashes(out)
    assert synthetic.plan_class(8, seed=6)[0].student_id != plans[0].student_id or \
        [p.kinds() for p in synthetic.plan_class(8, seed=6)] != [p.kinds() for p in plans]


def test_the_mix_is_realistic(corpora):
    plans = synthetic.plan_class(300, seed=1, corpora=corpora)
    ids = [p.student_id for p in plans]
    assert len(set(ids)) == len(ids) and all(re.fullmatch(r"[a-z]+_[a-z]+\d*", s) for s in ids)
    share = [sum(c.kind == "correct" for c in p.exercises.values()) / len(p.exercises) for p in plans]
    assert statistics.median(share) >= 0.8  # most students get most exercises right
    kinds = [c.kind for p in plans for c in p.exercises.values()]
    assert 0.7 < kinds.count("correct") / len(kinds) < 0.92
    assert kinds.count("stub") > 0.03 * len(kinds) and kinds.count("mutant") > 0.02 * len(kinds)
    bugs = [sum(c.kind == "mutant" for c in p.exercises.values()) for p in plans]
    assert max(bugs) <= synthetic.MAX_BUGS and statistics.mean(bugs) >= 0.8
    assert any(s == 1 for s in share) and any(s == 0 for s in share)
    for p in plans:
        assert list(p.exercises) == [fn for _, fn, _ in course.exercises()]
        for fn, c in p.exercises.items():
            if c.kind == "mutant":
                assert any(name == c.variant and e == c.expect for name, e, _ in corpora.mutants[fn])
    assert any(c.variant for p in plans for c in p.exercises.values() if c.kind == "correct")  # honest styles


def test_notebooks_hold_what_the_plan_says_and_release_is_untouched(written, corpora):
    out, plans, before = written
    assert sorted(p.name for p in out.iterdir()) == sorted(p.student_id for p in plans)
    release = {nb: cells_by_id(RELEASE / f"{nb}.ipynb") for nb in course.NOTEBOOKS}
    for plan in plans:
        folder = out / plan.student_id / course.ASSIGNMENT
        assert (folder / "timestamp.txt").is_file()
        for nb in course.NOTEBOOKS:
            cells = cells_by_id(folder / f"{nb}.ipynb")
            assert cells.keys() == release[nb].keys()
            for gid, src in cells.items():
                choice = plan.exercises.get(gid)
                if choice is None:
                    if gid != synthetic.ACTIVATIONS_CELL:
                        assert src == release[nb][gid], (plan.student_id, gid)  # every other cell as released
                elif choice.kind == "stub":
                    assert src == release[nb][gid]
                elif gid == "bug_report" and choice.kind == "correct":  # the numbers of the student's own planted bug
                    assert src == synthetic._bug_report(plan.student_id, SECRET).strip("\n")
                else:
                    assert src == corpora.code(gid, choice).strip("\n")
                    assert "NotImplementedError" not in src and "### BEGIN SOLUTION" not in src
    assert tree_hashes(RELEASE) == before


def test_answer_key_and_notebook_3_activations(corpora, tmp_path):
    assert set(corpora.key) >= {fn for _, fn, _ in course.exercises()} | {synthetic.ACTIVATIONS_CELL}
    assert not any("### BEGIN SOLUTION" in code or "### END SOLUTION" in code for code in corpora.key.values())
    assert corpora.activations == ["sigmoid", "sigmoid_derivative", "tanh_derivative", "relu", "relu_derivative"]
    plans = [synthetic.uniform_plan("key", "correct"), synthetic.uniform_plan("blank", "stub"),
             synthetic.uniform_plan("buggy", "correct", corpora, mutant="backward_not_averaged")]
    synthetic.make_class(tmp_path, plans=plans)
    act = {p.student_id: cells_by_id(tmp_path / p.student_id / course.ASSIGNMENT / "03_network.ipynb")
           [synthetic.ACTIVATIONS_CELL] for p in plans}
    assert act["key"] == corpora.key[synthetic.ACTIVATIONS_CELL].strip("\n") or all(
        f"def {fn}(" in act["key"] for fn in corpora.activations)
    assert "NotImplementedError" not in act["key"] and "NotImplementedError" in act["blank"]
    assert plans[2].exercises["backward_propagation"] == synthetic.Choice("mutant", "backward_not_averaged", "not_averaged")
    assert plans[2].expected_points() == course.total_points() - course.NOTEBOOKS["03_network"]["backward_propagation"]


def test_plans_round_trip_through_json(written, tmp_path):
    _, plans, _ = written
    synthetic.save_plans(tmp_path / "plans.json", plans)
    assert [(p.student_id, p.exercises) for p in synthetic.load_plans(tmp_path / "plans.json")] == \
        [(p.student_id, p.exercises) for p in plans]


def test_a_missing_corpus_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="full clone"):
        synthetic.Corpora(tmp_path)


def test_importing_the_package_does_not_import_tests():
    code = "import sys, autograder.synthetic, autograder.demo; print(sorted(m for m in sys.modules if 'corpus' in m))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True).stdout
    assert out.strip() == "[]"
