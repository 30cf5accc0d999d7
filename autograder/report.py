"""Write what the grading found: per student ``results.json`` (Gradescope) and ``feedback.md``; per class
``summary.csv`` and ``junit.xml``.

Last stage of the grading pipeline. Every file is written atomically (a temporary file in the same
folder, then ``os.replace``), so a grader killed at any moment leaves each file whole or absent. The
class files are rebuilt from the per-student ``results.json`` files, never appended to, so a resumed
run neither loses nor duplicates a student.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
import textwrap
from pathlib import Path
from xml.etree import ElementTree as ET

from autograder import course

RESULTS_FILE = "results.json"
FEEDBACK_FILE = "feedback.md"
WIDTH = 90  # characters per line of feedback: nbgrader's HTML output boxes and formgrader do not wrap
STUB = re.compile(r"raised NotImplementedError\b")


def points(score: float) -> str:
    """A score as every report prints it: rounded to 2 decimals and printed as nbgrader's feedback pages
    and formgrader print theirs (Jinja's ``float | round(2)``): ``18.21``, ``1.5``, ``52.0``."""
    return str(round(float(score), 2))


def wrap(text: str, first: str = "", rest: str | None = None, width: int = WIDTH) -> list[str]:
    """``text`` in lines of at most ``width`` characters, the first prefixed by ``first``, the others by
    ``rest`` (default: spaces as wide as ``first``); a word longer than a line is broken."""
    rest = " " * len(first) if rest is None else rest
    return textwrap.wrap(" ".join(text.split()), width=width, initial_indent=first, subsequent_indent=rest,
                         break_on_hyphens=False) or [first.rstrip()]


def _split_mistake(output: str, misconception: str | None) -> tuple[str | None, str]:
    """A failed check's message as (the catalogue's sentence naming the mistake, the facts), or
    (None, message) when the message does not hold that sentence.

    The checks write "<facts>. <Misconception sentence>."; the sentence is found by the catalogue
    entry's fixed opening words, so a message is split only when the named misconception's sentence
    is really there."""
    if not misconception:
        return None, output
    from autograder.diagnose import CATALOGUE

    entry = CATALOGUE.get(misconception)
    opening = entry.message.split("{", 1)[0].strip().lower() if entry else ""
    if len(opening) < 3:
        return None, output
    for match in re.finditer(r"\. ", output):
        tail = output[match.end():]
        if tail.lower().startswith(opening):
            return tail.rstrip(), output[:match.start() + 1]
    return None, output


def check_messages(tests: list[dict]) -> list[str]:
    """What went wrong in one function's checks (``tests``: dicts with status, output and optionally
    tags/misconception), in order, each thing once: a stub ("raised NotImplementedError") is one line
    for the function; a named mistake comes first, followed by the facts of every check it explains;
    a message repeated by several checks is printed once with their count."""
    counts: dict[str, int] = {}
    facts: dict[str, list[str]] = {}  # a mistake's sentence -> the facts of the checks it explains
    for t in tests:
        if t["status"] == "passed":
            continue
        if STUB.search(t["output"]):
            function = t.get("function") or t["number"].split("/")[-1]
            key = f"`{function}` is not implemented yet: it still raises NotImplementedError."
            counts[key] = 1
            continue
        mistake, fact = _split_mistake(t["output"], t.get("misconception") or (t.get("tags") or [None])[0])
        if mistake is None:
            counts[fact] = counts.get(fact, 0) + 1
        else:
            counts.setdefault(mistake, 1)
            facts.setdefault(mistake, [])
            if fact not in facts[mistake]:
                facts[mistake].append(fact)
    out = []
    for text, n in counts.items():
        if text in facts:
            out.append(" ".join([text, *facts[text]]))
        else:
            out.append(text if n == 1 else f"{text} ({n} checks)")
    return out


def atomic_write(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the whole new one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


_PLAIN_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@+-]{0,99}")
_CLASS_FILES = frozenset({"summary.csv", "junit.xml", "results.json", "feedback.md"})


def folder_name(student_id: str) -> str:
    """The folder of ``student_id`` under RESULTS: the id itself when it is a plain name, else
    ``_id-<hash>-<the id's plain characters>`` (never a class file's name, never hidden, no character a
    shell or a spreadsheet reads specially): every student is graded, whatever the id."""
    if _PLAIN_ID.fullmatch(student_id) and student_id not in _CLASS_FILES:
        return student_id
    import hashlib

    digest = hashlib.sha256(student_id.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    slug = re.sub(r"[^A-Za-z0-9.@+-]+", "_", student_id).strip("._")[:40]
    return f"_id-{digest}-{slug}" if slug else f"_id-{digest}"


def printable(text: str) -> str:
    """``text`` safe for a terminal or a log: control, format (bidi overrides) and other non-printing
    characters shown as escapes."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in str(text))


def inert(text: str) -> str:
    """``text`` as Markdown that renders as the same words and nothing else: no HTML (``<script>``,
    entities), no links, images, headings or tables made of a student's words."""
    text = printable(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\[\]#|!])", r"\\\1", text)


def spreadsheet_cell(text: str) -> str:
    """A CSV cell a spreadsheet shows as text: a leading = + - @, tab or carriage return (a formula) gets a
    quote before it."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def xml_text(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot hold replaced (ElementTree escapes the rest)."""
    return re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]", "\ufffd", str(text))


def results_json(student_id: str, results, problems: dict[str, list[str]], execution_time: float) -> dict:
    """Gradescope's results format for one student (``results``: CheckResults in course order)."""
    tests = [
        {
            "name": r.name,
            "number": f"{r.notebook}/{r.function}",
            "score": float(r.score),
            "max_score": float(r.max_score),
            "status": r.status,
            "output": r.output,
            "visibility": "visible",
            **({"tags": [r.misconception]} if r.misconception else {}),
        }
        for r in results
    ]
    notes = [f"{nb}: {p}" for nb, ps in problems.items() for p in ps]
    return {
        "student_id": student_id,
        "score": round(sum(t["score"] for t in tests), 9),
        "max_score": float(course.total_points()),
        "execution_time": round(execution_time, 3),
        "output": "\n".join(notes) if notes else "All notebooks were graded.",
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "output_format": "text",  # Gradescope shows outputs as text: nothing a student wrote renders
        "test_output_format": "text",
        "tests": tests,
    }


def feedback_markdown(data: dict, misconception_titles: dict[str, str] | None = None) -> str:
    """The student's feedback: total, then per notebook and function the score and what went wrong
    (lines of at most ``WIDTH`` characters, each message once, the mistake's sentence first)."""
    lines = [f"# Feedback for {inert(data['student_id'])}", "",
             f"**Total: {points(data['score'])} / {points(data['max_score'])} points**", ""]
    if data.get("output") and data["output"] != "All notebooks were graded.":
        lines += ["## Notes", ""]
        for line in data["output"].splitlines():
            lines += wrap(inert(line), "- ", "  ")
        lines.append("")
    by_function: dict[str, list[dict]] = {}
    for t in data["tests"]:
        by_function.setdefault(t["number"], []).append(t)
    for nb, table in course.NOTEBOOKS.items():
        lines += [f"## {nb}", ""]
        for fn, maximum in table.items():
            tests = by_function.get(f"{nb}/{fn}", [])
            score = sum(t["score"] for t in tests)
            mark = "passed" if tests and all(t["status"] == "passed" for t in tests) else "needs work"
            lines.append(f"### `{fn}`: {points(score)} / {points(maximum)} ({mark})")
            lines.append("")
            messages = check_messages(tests)
            for message in messages:
                lines += wrap(inert(message), "- ", "  ")
            if messages:
                lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def write_student(results_dir: str | Path, data: dict) -> Path:
    """Write RESULTS/<student>/feedback.md, then results.json (its presence marks the student done)."""
    folder = Path(results_dir) / folder_name(data["student_id"])
    atomic_write(folder / FEEDBACK_FILE, feedback_markdown(data))
    atomic_write(folder / RESULTS_FILE, json.dumps(data, indent=1) + "\n")
    return folder / RESULTS_FILE


def read_student(path: str | Path) -> dict | None:
    """A student's results.json, or None if it is missing or not whole."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and "tests" in data and "student_id" in data else None


def collect(results_dir: str | Path, students: list[str] | None = None) -> list[dict]:
    """The results.json of every graded student in ``results_dir`` (or of ``students``), sorted by id."""
    root = Path(results_dir)
    names = students if students is not None else [p.name for p in root.iterdir() if p.is_dir()] if root.is_dir() else []
    if students is not None:
        names = [folder_name(s) for s in students]
    found = [read_student(root / s / RESULTS_FILE) for s in sorted(set(names))]
    return [d for d in found if d is not None]


def summary_csv(all_results: list[dict]) -> str:
    """One row per student, one column per check (its score), plus the total."""
    columns: list[str] = []
    seen = set()
    for data in all_results:
        for t in data["tests"]:
            if t["name"] not in seen:
                seen.add(t["name"])
                columns.append(t["name"])
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["student_id", "score", "max_score", *columns])
    for data in all_results:
        scores = {t["name"]: t["score"] for t in data["tests"]}
        writer.writerow([spreadsheet_cell(printable(data["student_id"])), f"{data['score']:g}", f"{data['max_score']:g}",
                         *[f"{scores[c]:g}" if c in scores else "" for c in columns]])
    return out.getvalue()


def junit_xml(all_results: list[dict]) -> str:
    """JUnit XML: one testsuite per student, one testcase per check, a failure per failed check."""
    suites = ET.Element("testsuites", name=course.ASSIGNMENT)
    for data in all_results:
        failed = sum(t["status"] != "passed" for t in data["tests"])
        sid = xml_text(printable(data["student_id"]))
        suite = ET.SubElement(suites, "testsuite", name=sid, tests=str(len(data["tests"])),
                              failures=str(failed), time=f"{data.get('execution_time', 0):.3f}")
        for t in data["tests"]:
            case = ET.SubElement(suite, "testcase", classname=f"{sid}.{t['number'].replace('/', '.')}",
                                 name=t["name"])
            ET.SubElement(case, "properties").append(
                ET.Element("property", name="score", value=f"{points(t['score'])}/{points(t['max_score'])}"))
            if t["status"] != "passed":
                failure = ET.SubElement(case, "failure", message=xml_text(t["output"][:500]))
                failure.text = xml_text(t["output"])
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def write_class(results_dir: str | Path, students: list[str] | None = None) -> list[dict]:
    """Rebuild RESULTS/summary.csv and RESULTS/junit.xml from the per-student files."""
    all_results = collect(results_dir, students)
    atomic_write(Path(results_dir) / "summary.csv", summary_csv(all_results))
    atomic_write(Path(results_dir) / "junit.xml", junit_xml(all_results))
    return all_results


def function_scores(results_dir: str | Path) -> dict[str, dict[str, float]]:
    """{student: {function: score}} from ``RESULTS/<student>/results.json`` (0 for a function not graded)."""
    out: dict[str, dict[str, float]] = {}
    for path in sorted(Path(results_dir).glob("*/results.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        per = out.setdefault(data["student_id"], {fn: 0.0 for _, fn, _ in course.exercises()})
        for t in data["tests"]:
            per[t["number"].split("/")[1]] += t["score"]
    return out
