"""GitHub Classroom: the workflow template's grading command, run locally on a student's repository,
reports the CLI's points in the format of GitHub Classroom's grading reporter."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from attacks import harness
from autograder import course

yaml = pytest.importorskip("yaml")

WORKFLOW = harness.REPO / "classroom" / "github-workflow.yml"


def grade_step() -> dict:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    (job,) = workflow["jobs"].values()
    return next(s for s in job["steps"] if s.get("id") == "backprop")


def test_the_workflow_reports_the_grading_step_to_classroom():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    (job,) = workflow["jobs"].values()
    assert job["name"] == "Autograding Tests"  # the check run the reporter looks up
    reporter = job["steps"][-1]
    assert reporter["uses"].startswith("classroom-resources/autograding-grading-reporter@")
    assert reporter["with"]["runners"] == "backprop"
    assert reporter["env"]["BACKPROP_RESULTS"] == "${{ steps.backprop.outputs.result }}"
    assert "secrets.AUTOGRADER_CLASSROOM_SECRET" in grade_step()["env"]["AUTOGRADER_SECRET"]  # its own secret


def test_the_grading_command_reports_points_for_a_student_repository(tmp_path):
    base = harness.baseline_sources()
    repo = tmp_path / "work" / "submission"
    harness.write_submission(repo / "notebooks", {fn: base[fn] for fn in course.NOTEBOOKS["02_activations"]})
    (tmp_path / "work" / "course").symlink_to(harness.REPO)
    command = grade_step()["run"].replace("${{ github.actor }}", "octocat")
    output = tmp_path / "github_output"
    env = dict(os.environ, GITHUB_OUTPUT=str(output), AUTOGRADER_SECRET="classroom-test-secret",
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    proc = subprocess.run(["bash", "-c", command], cwd=tmp_path / "work", env=env, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    (line,) = [l for l in output.read_text().splitlines() if l.startswith("result=")]
    result = json.loads(base64.b64decode(line[len("result="):]))
    assert result["version"] == 1 and result["status"] == "fail" and result["max_score"] == course.total_points()
    assert [t["name"] for t in result["tests"]] == [f"{nb}: {fn}" for nb, fn, _ in course.exercises()]
    scores = {t["name"].split(": ")[1]: t["score"] for t in result["tests"]}
    assert scores == pytest.approx({fn: (pts if nb == "02_activations" else 0) for nb, fn, pts in course.exercises()})
    assert all(t["status"] == "pass" for t in result["tests"] if t["filename"] == "02_activations.ipynb")
    train = next(t for t in result["tests"] if t["name"] == "03_network: train")  # a stub in the release
    assert train["message"] == "`train` is not implemented yet: it still raises NotImplementedError."
    assert f"Points {float(sum(course.NOTEBOOKS['02_activations'].values()))}/{course.total_points()}" in proc.stdout
