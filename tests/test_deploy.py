"""Gradescope and GitHub Classroom, graded as they grade, in stand-ins for their machines (tests/platforms.py).

A clean virtual environment is built from the system's Python with exactly ``requirements-grading.txt``
(the list ``setup.sh`` and the Classroom workflow install), in a folder every uid can read. Then:

- Gradescope: the zip laid out as /autograder, ``setup.sh``'s permissions applied, ``run_autograder`` run as
  root with Docker's default capabilities and no user namespaces, once per upload (one container per
  submission): the answer key and a notebook whose ``train`` draws its cost curve get full marks, a wrong
  one partial marks, and results.json says the uid mode graded them.
- Classroom: the workflow's grading command run as an unprivileged user without user namespaces (an
  Ubuntu 24.04 runner): the answer key gets full marks in the landlock mode.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pytest

import platforms
from attacks import harness
from autograder import course, gradescope, requirements

SECRET = "deploy-test-secret"
pytestmark = pytest.mark.skipif(not Path(platforms.SYSTEM_PYTHON).exists() or shutil.which("setpriv") is None,
                                reason="needs the system's python3 and setpriv (util-linux)")


@pytest.fixture(scope="module")
def world():
    """A folder every uid can enter, with a clean venv of the grading requirements; removed at the end."""
    root = Path(tempfile.mkdtemp(prefix="autograder-deploy-"))
    os.chmod(root, 0o755)
    venv = root / "venv"
    subprocess.run([platforms.SYSTEM_PYTHON, "-m", "venv", str(venv)], check=True, timeout=300)
    done = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "-r",
                           str(requirements.ROOT / "requirements-grading.txt")], capture_output=True, text=True,
                          timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    subprocess.run(["chmod", "-R", "a+rX", str(venv)], check=True)
    yield root
    shutil.rmtree(root, ignore_errors=True)


def test_setup_sh_installs_the_one_list_and_hides_the_grader():
    assert "-r /autograder/source/requirements-grading.txt" in gradescope.SETUP_SH
    assert "chmod -R go-rwx /autograder/source" in gradescope.SETUP_SH
    text = (requirements.ROOT / "requirements-grading.txt").read_text()
    for name, _ in requirements.STUDENT_LIBRARIES:
        assert f"\n{name}" in text  # matplotlib among them: graded code may import it
    workflow = (requirements.ROOT / "classroom" / "github-workflow.yml").read_text()
    assert "pip install --quiet -r course/requirements-grading.txt" in workflow
    assert "secrets.AUTOGRADER_CLASSROOM_SECRET" in workflow and "secrets.AUTOGRADER_SECRET" not in workflow


def test_the_requirements_files_are_generated_from_the_list():
    for name in requirements.FILES:
        assert (requirements.ROOT / name).read_text() == requirements.render(name), name


def _plotting_train(cells: dict[str, str]) -> dict[str, str]:
    cells = dict(cells)
    cells["train"] = cells["train"].replace("def train(", "def _train_quietly(") + (
        "\n\nimport matplotlib.pyplot as plt\n\n"
        "def train(X, Y, layer_dims, *args, **kwargs):\n"
        "    parameters = _train_quietly(X, Y, layer_dims, *args, **kwargs)\n"
        "    plt.figure()\n"
        "    plt.plot([0, 1, 2], [0.7, 0.4, 0.3])\n"
        "    plt.title('cost')\n"
        "    plt.show()\n"
        "    return parameters\n")
    return cells


def _gradescope(world: Path, name: str, notebooks: Path, sid: str) -> dict:
    root = world / name / "autograder"
    zip_path = world / name / "autograder.zip"
    (world / name).mkdir()
    (world / name / "secret").write_text(SECRET + "\n")
    gradescope.build(zip_path, source_dir=harness.REPO / "source" / course.ASSIGNMENT,
                     secret_file=world / name / "secret")
    with zipfile.ZipFile(zip_path) as zf:
        zf.extractall(root / "source")
    (root / "submission").mkdir()
    (root / "results").mkdir()
    for nb in course.NOTEBOOKS:
        shutil.copy(notebooks / f"{nb}.ipynb", root / "submission" / f"{nb}.ipynb")
    (root / "submission_metadata.json").write_text(json.dumps({"users": [{"sid": sid, "email": "s@example.edu"}]}))
    shutil.copy(root / "source" / "run_autograder", root / "run_autograder")
    os.chmod(root / "run_autograder", 0o755)
    os.chmod(root, 0o755)
    subprocess.run(["chmod", "-R", "go-rwx", str(root / "source")], check=True)  # as setup.sh does
    env = {"PATH": "/usr/bin:/bin", "GRADESCOPE_ROOT": str(root), "AUTOGRADER_PYTHON": str(world / "venv/bin/python"),
           "LANG": "C.UTF-8", "HOME": str(world / name)}
    done = subprocess.run(platforms.docker_root([str(root / "run_autograder")]), env=env, capture_output=True,
                          text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads((root / "results" / "results.json").read_text())


def test_gradescope_grades_as_root_without_user_namespaces(world):
    total = course.total_points()
    key = _gradescope(world, "key", harness.REPO / "solutions" / course.ASSIGNMENT, "_alice")
    assert key["score"] == pytest.approx(total), key.get("output")
    assert key["extra_data"]["isolation"] == "uid"
    assert "seccomp" in key["extra_data"]["isolation_layers"]
    assert key["output_format"] == "text"

    folder = world / "plots-notebooks"
    harness.write_submission(folder, _plotting_train(harness.baseline_sources()))
    plots = _gradescope(world, "plots", folder, ".bob")
    assert plots["score"] == pytest.approx(total), [t["output"] for t in plots["tests"] if t["status"] != "passed"]

    folder = world / "wrong-notebooks"
    harness.write_submission(folder, harness.buggy_sources())
    wrong = _gradescope(world, "wrong", folder, "carol")
    assert 0 < wrong["score"] < total - 1


def test_classroom_grades_as_an_unprivileged_user_without_user_namespaces(world):
    base = world / "runner"
    (base / "course" / "source").mkdir(parents=True)
    shutil.copytree(harness.REPO / "autograder", base / "course" / "autograder",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(harness.REPO / "classroom", base / "course" / "classroom")
    shutil.copytree(harness.REPO / "source" / course.ASSIGNMENT, base / "course" / "source" / course.ASSIGNMENT)
    harness.copy_notebooks(harness.REPO / "solutions" / course.ASSIGNMENT, base / "submission")
    (base / "tmp").mkdir()
    subprocess.run(["chown", "-R", f"{platforms.NOBODY}:{platforms.NOBODY}", str(base)], check=True)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(base), "TMPDIR": str(base / "tmp"), "LANG": "C.UTF-8",
           "AUTOGRADER_SECRET": SECRET}
    done = subprocess.run(platforms.runner_user([str(world / "venv/bin/python"), "course/classroom/grade.py",
                                                 "submission", "--course", "course", "--student", "dana",
                                                 "--json", "result.json"]),
                          cwd=base, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Isolation: landlock" in done.stdout, done.stdout[-2000:]
    result = json.loads((base / "result.json").read_text())
    assert sum(t["score"] for t in result["tests"]) == pytest.approx(course.total_points()), \
        [t["message"] for t in result["tests"] if t["status"] != "pass"]


# ----------------------------------------------------------------------------- the attack corpus in each mode


def _attack_class(world: Path, name: str, owner: int | None) -> dict:
    """The attack corpus (tests/attacks/) graded through the CLI in a copy of the course, with the clean
    venv's Python, by a stand-in user; what test_attacks.py checks under bubblewrap, checked here."""
    base = world / name
    course_dir, submitted, results, mark, tmp = (base / "course", base / "submitted", base / "results",
                                                  base / "marks", base / "tmp")
    for d in (course_dir / "source", mark, tmp):
        d.mkdir(parents=True)
    shutil.copytree(harness.REPO / "autograder", course_dir / "autograder", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(harness.REPO / "source" / course.ASSIGNMENT, course_dir / "source" / course.ASSIGNMENT)
    cells = harness.baseline_sources()
    server = harness.start_server(cells)
    harness._Server.hits.clear()
    site = next((world / "venv" / "lib").glob("python3*/site-packages"))
    places = {"__REPO__": str(course_dir), "__SUBMITTED__": str(submitted), "__NEIGHBOUR__": harness.KEY_STUDENT,
              "__RESULTS__": str(results), "__SITE__": str(site), "__PORT__": str(server.server_address[1]),
              "__MARK__": str(mark)}
    attacks = harness.load_attacks()
    harness.copy_notebooks(harness.REPO / "solutions" / course.ASSIGNMENT, submitted / harness.KEY_STUDENT / course.ASSIGNMENT)
    for student in sorted({a.student for a in attacks}):
        for payload, who in ((True, f"attacker_{student}"), (False, f"control_{student}")):
            mine = dict(cells)
            for a in attacks:
                if a.student == student:
                    mine[a.function] = a.source(payload, places)
            harness.write_submission(submitted / who / course.ASSIGNMENT, mine, notebooks=set(course.NOTEBOOKS))
    site_before = sorted(str(p) for p in site.rglob("*"))
    hashes_before = harness.hash_tree(submitted)
    os.chmod(mark, 0o777)  # a write that escaped would land here, whoever made it
    if owner is not None:
        subprocess.run(["chown", "-R", f"{owner}:{owner}", str(base)], check=True)
        os.chmod(mark, 0o777)
    cmd = [str(world / "venv/bin/python"), "-m", "autograder", "grade", str(submitted), "--results", str(results),
           "--timeout", str(harness.TIMEOUT), "--cells-timeout", str(harness.CELLS_TIMEOUT), "--quiet", "--jobs", "2"]
    env = {"PATH": "/usr/bin:/bin", "HOME": str(base), "TMPDIR": str(tmp), "LANG": "C.UTF-8", "AUTOGRADER_SECRET": SECRET}
    wrap = platforms.docker_root if owner is None else platforms.runner_user
    try:
        done = subprocess.run(wrap(cmd), cwd=course_dir, env=env, capture_output=True, text=True, timeout=1200)
    finally:
        server.shutdown()
    assert done.returncode == 0, done.stderr[-3000:]
    scores = harness.cli_scores(results)
    modes_seen = {json.loads(p.read_text())["extra_data"]["isolation"] for p in results.glob("*/results.json")}
    return {"scores": scores, "attacks": attacks, "modes": modes_seen, "results": results, "mark": mark,
            "leftover": harness.sandbox_processes(tmp), "hits": list(harness._Server.hits),
            "site_changed": sorted(str(p) for p in site.rglob("*")) != site_before,
            "submitted_changed": harness.hash_tree(submitted) != hashes_before}


def _assert_attacks_earn_nothing(graded: dict, mode: str) -> None:
    scores = graded["scores"]
    assert graded["modes"] == {mode}
    assert sum(scores[harness.KEY_STUDENT].values()) == pytest.approx(course.total_points())
    for a in graded["attacks"]:
        functions = [a.function] if a.student in "ac" else list(course.NOTEBOOKS[a.notebook])
        for fn in functions:
            got, without = scores[f"attacker_{a.student}"][fn], scores[f"control_{a.student}"][fn]
            assert got <= without + 1e-9, f"{mode}: {a.name}: {fn} scored {got} > {without} without the payload"
    assert graded["leftover"] == [] and graded["hits"] == []
    assert list(graded["mark"].iterdir()) == [] and not graded["site_changed"] and not graded["submitted_changed"]
    md = (graded["results"] / "attacker_c" / "feedback.md").read_text()
    assert "<script" not in md and "<provided" not in md and "LEAKED" not in md


def test_the_attacks_earn_nothing_in_the_uid_mode(world):
    _assert_attacks_earn_nothing(_attack_class(world, "attacks-uid", None), "uid")


def test_the_attacks_earn_nothing_in_the_landlock_mode(world):
    _assert_attacks_earn_nothing(_attack_class(world, "attacks-landlock", platforms.NOBODY), "landlock")
