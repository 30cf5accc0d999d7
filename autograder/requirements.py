"""The one list of what grading installs and what graded code may import.

``setup.sh`` of the Gradescope zip, the GitHub Classroom workflow (through ``requirements-grading.txt``),
``requirements-student.txt`` and the sandbox's allowed libraries all come from here;
``python -m autograder.requirements`` rewrites the two files and tests/test_deploy.py keeps them equal
to this list.
"""

from __future__ import annotations

import sys
from pathlib import Path

# What graded code may import besides the standard library (the sandbox mounts exactly these and what
# they require), and so what every grading machine must install.
STUDENT_LIBRARIES = (("numpy", ">=1.24"), ("matplotlib", ">=3.7"), ("tqdm", ">=4.60"))
# What the grader itself needs beyond them (reading notebooks).
GRADER_LIBRARIES = (("nbformat", ">=5.9"),)
# What students work with, not needed to grade.
STUDENT_TOOLS = (("jupyterlab", ">=4"), ("nbgrader", ">=0.9"))

ROOT = Path(__file__).resolve().parent.parent
FILES = {
    "requirements-grading.txt": (
        "# What a grading machine installs (Gradescope's setup.sh, the GitHub Classroom workflow):\n"
        "#   pip install -r requirements-grading.txt\n"
        "# Generated from autograder/requirements.py (python -m autograder.requirements); do not edit.\n",
        STUDENT_LIBRARIES + GRADER_LIBRARIES),
    "requirements-student.txt": (
        "# What a student needs to work on the course notebooks: pip install -r requirements-student.txt\n"
        "# (JupyterLab, NumPy, Matplotlib, tqdm, and nbgrader for its Validate button and Assignment List).\n"
        "# Then switch off the instructor's panels that nbgrader also installs (README, \"For students\"):\n"
        "#   jupyter labextension disable --level=user @jupyter/nbgrader:formgrader "
        "@jupyter/nbgrader:create-assignment @jupyter/nbgrader:course-list\n"
        "# Generated from autograder/requirements.py (python -m autograder.requirements); do not edit.\n",
        STUDENT_TOOLS + STUDENT_LIBRARIES),
}


def student_library_names() -> tuple[str, ...]:
    return tuple(name for name, _ in STUDENT_LIBRARIES)


def grading() -> list[str]:
    """pip requirement strings of a grading machine."""
    return [f"{name}{spec}" for name, spec in STUDENT_LIBRARIES + GRADER_LIBRARIES]


def render(name: str) -> str:
    header, packages = FILES[name]
    return header + "".join(f"{n}{spec}\n" for n, spec in packages)


def main() -> int:
    for name in FILES:
        (ROOT / name).write_text(render(name), encoding="utf-8")
        print(f"wrote {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
