"""Gradescope: build the autograder zip (``python -m autograder gradescope --out autograder.zip``) and
grade one uploaded submission inside Gradescope's container (``python -m autograder.gradescope run``).

Gradescope unpacks the zip into ``/autograder/source``, runs ``setup.sh`` once to build the image, then
for each submission copies the student's files to ``/autograder/submission`` and runs
``/autograder/run_autograder``, which must leave ``/autograder/results/results.json``. Each submission
gets its own container, so a class of any size is graded in parallel by Gradescope. The grading is the
CLI's (``autograder.grade.grade_class``), so the scores are those of ``python -m autograder grade``.

``GRADESCOPE_ROOT`` (default ``/autograder``) moves the whole layout, for testing it outside Gradescope.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

from autograder import course, report

ROOT_ENV = "GRADESCOPE_ROOT"
INSECURE_ENV = "AUTOGRADER_INSECURE_PYTHON_ONLY"
PACKAGE = Path(__file__).resolve().parent

SETUP_SH = """\
#!/usr/bin/env bash
# Gradescope runs this once, as root, to build the autograder image (Ubuntu with Python 3).
set -euo pipefail
apt-get update -qq
apt-get install -y -qq python3 python3-venv bubblewrap
# What grading installs: requirements-grading.txt, generated from autograder/requirements.py.
python3 -m venv /autograder/venv
/autograder/venv/bin/python -m pip install --quiet --upgrade pip
/autograder/venv/bin/python -m pip install --quiet -r /autograder/source/requirements-grading.txt
# matplotlib's font list, built once here rather than in every submission's time (autograder.sandbox.view)
(cd /autograder/source && /autograder/venv/bin/python -c "from autograder.sandbox import view; view.warm()")
# The grader runs from this folder (never installed where graded code could import it): only root reads it.
chmod -R go-rwx /autograder/source
"""

RUN_AUTOGRADER = """\
#!/usr/bin/env bash
# Gradescope runs this for every submission (as root, in a container of its own): grade
# /autograder/submission/*.ipynb in the sandbox and write /autograder/results/results.json. The sandbox
# mode is chosen automatically: bubblewrap where user namespaces work, else a uid per student with
# seccomp and Landlock (docs/security.md).
set -uo pipefail
cd "${{GRADESCOPE_ROOT:-/autograder}}/source"
PYTHON="${{AUTOGRADER_PYTHON:-/autograder/venv/bin/python}}"
[ -x "$PYTHON" ] || PYTHON=python3
{insecure}exec "$PYTHON" -m autograder.gradescope run
"""

INSECURE_LINE = (
    "# Asked for when the zip was built: grade with the Python-level hooks only (not a sandbox).\n"
    f"export {INSECURE_ENV}=1\n"
)


def _zip_text(zf: zipfile.ZipFile, name: str, text: str, mode: int = 0o644) -> None:
    info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
    info.external_attr = (0o100000 | mode) << 16  # a regular file with these permissions
    info.compress_type = zipfile.ZIP_DEFLATED
    zf.writestr(info, text)


def build(out: str | Path, *, source_dir: str | Path = Path("source") / course.ASSIGNMENT,
          secret_file: str | Path | None = None, insecure: bool = False) -> Path:
    """Write the autograder zip: setup.sh, run_autograder, the package, pyproject.toml and the source
    notebooks; the course secret only when ``secret_file`` is given (else the instructor adds it)."""
    source_dir, out = Path(source_dir), Path(out)
    missing = [nb for nb in course.NOTEBOOKS if not (source_dir / f"{nb}.ipynb").is_file()]
    if missing:
        raise FileNotFoundError(f"the source notebooks {missing} are not in {source_dir}; run from the course "
                                "root or pass --source")
    repo = PACKAGE.parent
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w") as zf:
        _zip_text(zf, "setup.sh", SETUP_SH, 0o755)
        _zip_text(zf, "run_autograder", RUN_AUTOGRADER.format(insecure=INSECURE_LINE if insecure else ""), 0o755)
        for name in ("pyproject.toml", "README.md", "requirements-grading.txt"):
            _zip_text(zf, name, (repo / name).read_text(encoding="utf-8"))
        for path in sorted(PACKAGE.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                zf.write(path, f"autograder/{path.relative_to(PACKAGE).as_posix()}")
        for nb in course.NOTEBOOKS:
            zf.write(source_dir / f"{nb}.ipynb", f"source/{course.ASSIGNMENT}/{nb}.ipynb")
        if secret_file is not None:
            _zip_text(zf, ".autograder_secret", Path(secret_file).read_text(encoding="utf-8"), 0o600)
    return out


def _student_id(root: Path) -> str:
    """The student's id from Gradescope's submission_metadata.json (its student id field ``sid``, else
    the e-mail address, else Gradescope's user id): it seeds the student's hidden inputs."""
    try:
        users = json.loads((root / "submission_metadata.json").read_text(encoding="utf-8"))["users"]
        user = users[0]
    except (OSError, ValueError, KeyError, IndexError, TypeError):
        return "student"
    for key in ("sid", "email", "id"):
        if user.get(key):  # any id: the folder under results/ is report.folder_name(id)
            return re.sub(r"[/\x00]", "_", str(user[key]))[:200]
    return "student"


def _write(root: Path, data: dict) -> Path:
    path = root / "results" / "results.json"
    report.atomic_write(path, json.dumps(data, indent=1) + "\n")
    return path


def grade_upload(upload: str | Path, student: str, source_dir: str | Path) -> dict:
    """Grade the course's notebooks found anywhere under ``upload`` (by file name) as ``student``, with
    ``autograder.grade.grade_class`` (so the CLI's scores); the results.json content. Set
    AUTOGRADER_INSECURE_PYTHON_ONLY=1 to grade where bubblewrap cannot run."""
    from autograder import grade

    found: dict[str, Path] = {}
    for path in sorted(Path(upload).rglob("*.ipynb")):
        if path.stem in course.NOTEBOOKS and ".ipynb_checkpoints" not in path.parts and not path.is_symlink():
            found.setdefault(path.stem, path)
    with tempfile.TemporaryDirectory(prefix="autograder-upload-") as tmp:
        folder = Path(tmp) / "submitted" / student / course.ASSIGNMENT
        folder.mkdir(parents=True)
        for nb, path in found.items():
            shutil.copy(path, folder / f"{nb}.ipynb")
        options = {}
        if os.environ.get(INSECURE_ENV):
            options["insecure_python_only"] = True
        # jobs None: one student, so the notebooks are shared among one grading process per CPU (at most four)
        code = grade.grade_class(Path(tmp) / "submitted", Path(tmp) / "results", jobs=None, quiet=True, class_report=False,
                                 source_dir=Path(source_dir), **options)
        data = report.read_student(Path(tmp) / "results" / report.folder_name(student) / report.RESULTS_FILE)
    if data is None:
        return {"student_id": student, "score": 0.0, "max_score": float(course.total_points()),
                "visibility": "visible", "tests": [],
                "output": f"The grader could not grade this submission (exit code {code}); tell your instructor."}
    if not found:
        data["output"] = ("No notebook of the course was found in the submission: hand in "
                          + ", ".join(f"{nb}.ipynb" for nb in course.NOTEBOOKS) + ".")
    return data


def run(root: str | Path | None = None) -> int:
    """Grade ``ROOT/submission`` into ``ROOT/results/results.json`` (ROOT: GRADESCOPE_ROOT or /autograder)."""
    root = Path(root or os.environ.get(ROOT_ENV) or "/autograder")
    data = grade_upload(root / "submission", _student_id(root), root / "source" / "source" / course.ASSIGNMENT)
    _write(root, data)
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] != ["run"]:
        print("usage: python -m autograder.gradescope run   (inside Gradescope's container; "
              f"{ROOT_ENV} moves /autograder)", file=sys.stderr)
        return 2
    return run()


if __name__ == "__main__":
    sys.exit(main())
