"""A class graded by nbgrader, read as the CLI's results: ``load(course_root)`` for ``report`` and ``explain``.

nbgrader keeps, per student and notebook, the autograded notebook (``autograded/<student>/backprop/``) and
the gradebook's scores; ``SandboxGrade`` wrote under each graded test cell ``test_<function>`` the
feedback text and the score (``nbgrader_plugin.feedback_text``). Each function becomes one test of a
results.json-like dict: its score (the gradebook's when there is one, so formgrader's manual changes
count), its failed messages, and the misconceptions recognised in them by their catalogue sentence
(``misconception_in``: the entry's sentence with each ``{field}`` matching any text). nbgrader keeps no
per-check results. A student submitted but not autograded (nbgrader fails the whole student on one
damaged notebook) is listed as refused.
"""

from __future__ import annotations

import re
from pathlib import Path

from autograder import class_report, course
from autograder.class_report import GradedClass


def _catalogue_patterns() -> list[tuple[str, re.Pattern, int]]:
    """(misconception id, a regex of its filled-in sentence, how many literal characters it has)."""
    from autograder.diagnose import CATALOGUE

    out = []
    for mid, entry in CATALOGUE.items():
        parts = re.split(r"\{[^}]*\}", entry.message)
        literal = sum(len(p.strip()) for p in parts)
        if literal < 15:
            continue
        body = ".+?".join(r"\s+".join(re.escape(w) for w in p.split()) for p in parts)
        out.append((mid, re.compile(body, re.IGNORECASE | re.DOTALL), literal))
    return sorted(out, key=lambda t: -t[2])


def misconception_in(message: str, patterns=None) -> str | None:
    """The catalogue misconception whose sentence ``message`` holds (the most specific one), or None."""
    for mid, pattern, _ in patterns if patterns is not None else _catalogue_patterns():
        if pattern.search(message):
            return mid
    return None


def parse_feedback(text: str) -> tuple[list[str], list[str]]:
    """The FAIL messages and the notes of a test cell's feedback (``nbgrader_plugin.feedback_text``),
    each with its wrapped lines joined."""
    fails, notes, current = [], [], None
    for line in text.splitlines():
        if line.startswith("  FAIL "):
            current = [line[len("  FAIL "):].strip()]
            fails.append(current)
        elif line.startswith("  note: "):
            current = [line[len("  note: "):].strip()]
            notes.append(current)
        elif line.startswith("  ok "):
            current = None
        elif line.startswith("   ") and current is not None:
            current.append(line.strip())
        else:
            current = None
    return [" ".join(m) for m in fails], [" ".join(n) for n in notes]


def load(root: Path) -> GradedClass:
    import nbformat

    autograded, submitted = root / "autograded", root / "submitted"
    ids = sorted({p.name for folder in (autograded, submitted) if folder.is_dir() for p in folder.iterdir()
                  if p.is_dir() and not p.name.startswith(".")})
    patterns = _catalogue_patterns()
    book = _gradebook(root)
    students, refused = [], []
    for sid in ids:
        graded_dir = autograded / sid / course.ASSIGNMENT
        if not graded_dir.is_dir():
            refused.append((sid, "submitted but not autograded (see the log of `nbgrader autograde`)"))
            continue
        tests, notes = [], []
        for nb_name, table in course.NOTEBOOKS.items():
            path = graded_dir / f"{nb_name}.ipynb"
            cells = {}
            if path.is_file():
                try:
                    nb = nbformat.read(path, as_version=4)
                    cells = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in nb.cells}
                except Exception as exc:  # noqa: BLE001  an autograded file nbgrader left damaged
                    notes.append(f"{nb_name}: the autograded notebook could not be read ({type(exc).__name__})")
            elif (submitted / sid / course.ASSIGNMENT / f"{nb_name}.ipynb").exists():
                notes.append(f"{nb_name}: {nb_name}.ipynb was submitted but not autograded; nbgrader could not "
                             "process it (see the log of `nbgrader autograde`)")
            else:
                notes.append(f"{nb_name}: {nb_name}.ipynb was not submitted, so every check of it scores 0")
            for fn, maximum in table.items():
                score, text = 0.0, ""
                for out in (cells.get(f"test_{fn}") or {}).get("outputs", []):
                    if out.get("output_type") == "stream":
                        text += out.get("text", "")
                    elif out.get("output_type") == "execute_result":
                        try:
                            score = float(out.get("data", {}).get("text/plain", "0"))
                        except ValueError:
                            score = 0.0
                score = book.get(sid, {}).get(fn, score)  # the gradebook's, with formgrader's manual changes
                fails, fn_notes = parse_feedback(text)
                notes += [f"{nb_name}: {n}" for n in fn_notes if f"{nb_name}: {n}" not in notes]
                tags = sorted({m for m in (misconception_in(f, patterns) for f in fails) if m})
                passed = score >= maximum - 1e-9
                tests.append({"name": fn, "number": f"{nb_name}/{fn}", "score": score, "max_score": float(maximum),
                              "status": "passed" if passed else "failed",
                              "output": " ".join(fails) if fails else ("" if passed else "no feedback recorded"),
                              **({"tags": tags} if tags else {})})
        students.append({"student_id": sid, "score": round(sum(t["score"] for t in tests), 9),
                         "max_score": float(course.total_points()),
                         "output": "\n".join(notes) if notes else "All notebooks were graded.", "tests": tests})
    return GradedClass(students, f"nbgrader ({autograded})", class_report.read_manifest(root), refused)


def _gradebook(root: Path) -> dict[str, dict[str, float]]:
    """{student: {function: score}} from the course's gradebook.db (manual grades included), or {}."""
    if not (root / "gradebook.db").is_file():
        return {}
    try:
        from autograder.nbgrader_plugin import gradebook_scores

        return gradebook_scores(root)
    except Exception:  # noqa: BLE001  no nbgrader here, or another gradebook: the notebooks' scores stand
        return {}
