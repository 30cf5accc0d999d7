"""The Gradescope autograder zip, run as Gradescope runs it: unpacked into a folder laid out as
/autograder (GRADESCOPE_ROOT), the package imported from the zip's copy, run_autograder on an upload."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from attacks import harness
from autograder import course, gradescope
from autograder.cli import main as cli

SECRET = "gradescope-test-secret"


def layout(tmp: Path, zip_path: Path, upload: dict[str, Path] | None, metadata: dict | None) -> Path:
    """tmp/autograder as Gradescope makes it: source/ (the zip), run_autograder, submission/, results/."""
    root = tmp / "autograder"
    with zipfile.ZipFile(zip_path) as zf:
        zf.extractall(root / "source")
    shutil.copy(root / "source" / "run_autograder", root / "run_autograder")
    os.chmod(root / "run_autograder", 0o755)
    (root / "submission").mkdir()
    (root / "results").mkdir()
    for name, path in (upload or {}).items():
        shutil.copy(path, root / "submission" / name)
    if metadata is not None:
        (root / "submission_metadata.json").write_text(json.dumps(metadata))
    return root


def run_autograder(root: Path, tmp: Path, **extra_env) -> subprocess.CompletedProcess:
    bin_dir = tmp / "bin"
    bin_dir.mkdir(exist_ok=True)
    python3 = bin_dir / "python3"  # Gradescope's python3 is the test's interpreter (a symlink would leave its venv)
    python3.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    python3.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k != "AUTOGRADER_SECRET"}
    env.update(GRADESCOPE_ROOT=str(root), PYTHONPATH=str(root / "source"),  # the zip's package, not the repo's
               PATH=f"{bin_dir}{os.pathsep}{env['PATH']}", **extra_env)
    return subprocess.run([str(root / "run_autograder")], env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("gradescope")
    (tmp / "secret").write_text(SECRET + "\n")
    out = tmp / "autograder.zip"
    assert cli(["gradescope", "--out", str(out), "--source", str(harness.REPO / "source" / course.ASSIGNMENT),
                "--secret", str(tmp / "secret")]) == 0
    return out


def test_the_zip_holds_what_gradescope_needs(built):
    with zipfile.ZipFile(built) as zf:
        names = set(zf.namelist())
        modes = {i.filename: (i.external_attr >> 16) & 0o777 for i in zf.infolist()}
        run = zf.read("run_autograder").decode()
    assert {"setup.sh", "run_autograder", "pyproject.toml", "autograder/grade.py", ".autograder_secret"} <= names
    assert {f"source/{course.ASSIGNMENT}/{nb}.ipynb" for nb in course.NOTEBOOKS} <= names
    assert modes["setup.sh"] == modes["run_autograder"] == 0o755
    assert gradescope.INSECURE_ENV not in run  # only with --insecure-python-only
    assert not any("__pycache__" in n or n.startswith(("tests/", "solutions/")) for n in names)


def test_the_secret_is_left_out_unless_given(tmp_path):
    out = tmp_path / "a.zip"
    gradescope.build(out, source_dir=harness.REPO / "source" / course.ASSIGNMENT, insecure=True)
    with zipfile.ZipFile(out) as zf:
        assert ".autograder_secret" not in zf.namelist()
        assert f"export {gradescope.INSECURE_ENV}=1" in zf.read("run_autograder").decode()


def test_run_autograder_grades_an_upload_like_the_cli(built, tmp_path):
    base = harness.baseline_sources()
    work = tmp_path / "work"
    harness.write_submission(work, {fn: base[fn] for fn in course.NOTEBOOKS["02_activations"]})
    upload = {f"{nb}.ipynb": work / f"{nb}.ipynb" for nb in ("01_chain_rule", "02_activations")}
    root = layout(tmp_path, built, upload, {"users": [{"email": "ada@example.edu", "sid": "s-042", "name": "Ada"}]})
    proc = run_autograder(root, tmp_path)
    assert proc.returncode == 0, proc.stderr
    data = json.loads((root / "results" / "results.json").read_text())
    assert data["score"] == pytest.approx(sum(course.NOTEBOOKS["02_activations"].values()))
    assert data["max_score"] == course.total_points()
    assert len({t["number"] for t in data["tests"]}) == len(list(course.exercises()))
    assert "03_network.ipynb was not submitted" in data["output"]
    # the same submission through the CLI, with the same secret and student id: the same scores
    (tmp_path / "cli" / "s-042").mkdir(parents=True)
    shutil.copytree(work, tmp_path / "cli" / "s-042" / course.ASSIGNMENT, ignore=shutil.ignore_patterns("0[345]*"))
    env = dict(os.environ, AUTOGRADER_SECRET=SECRET)
    subprocess.run([sys.executable, "-m", "autograder", "grade", str(tmp_path / "cli"), "--results",
                    str(tmp_path / "results"), "--quiet", "--jobs", "1"], check=True, env=env, cwd=harness.REPO,
                   capture_output=True)
    cli_data = json.loads((tmp_path / "results" / "s-042" / "results.json").read_text())
    assert [t["score"] for t in data["tests"]] == [t["score"] for t in cli_data["tests"]]
    assert "warning: no course secret" not in proc.stderr  # the zip's secret was found


def test_an_upload_without_notebooks_gets_a_clear_message(built, tmp_path):
    (tmp_path / "notes.txt").write_text("my answers")
    root = layout(tmp_path, built, {"notes.txt": tmp_path / "notes.txt"}, None)
    proc = run_autograder(root, tmp_path)
    assert proc.returncode == 0, proc.stderr
    data = json.loads((root / "results" / "results.json").read_text())
    assert data["score"] == 0 and "No notebook of the course was found" in data["output"]
