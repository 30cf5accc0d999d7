"""The instructor's view of a graded class: ``python -m autograder report RESULTS [--out report.html]``.

After the per-student files (``autograder.report``), one page for the whole class: a single self-contained
HTML file (plots as inline PNG data URIs, no script, no network; a Content-Security-Policy forbids
anything else) with

- the score distribution, per notebook and in total, and the points lost per graded function;
- each misconception named in the feedback: how many students, in which functions, one anonymised
  example of the feedback, and the students who share it;
- the submissions that could not be graded fully (refused, not submitted, damaged, timed out, a cell
  skipped), with the reason;
- the isolation mode, the course version and the secret's fingerprint, so two reports can be compared;

and the same figures as CSV files beside it (``<stem>_scores.csv``, ``_functions.csv``,
``_misconceptions.csv``, ``_incomplete.csv``, ``_distribution.csv``).

Two sources give the same class (``load_class``): the CLI's RESULTS folder (``<student>/results.json``,
and ``grading.json``, the run's manifest written by ``after_grading`` at the end of every ``grade``), or
an nbgrader course folder or its ``autograded/`` (``autograder.nbgrader_results``).

Everything a student could have written (ids, folder names, feedback quoting their exceptions) is
untrusted text: it is HTML-escaped everywhere, and a CSV cell that starts like a spreadsheet formula
(``= + - @``, tab, carriage return) gets a leading apostrophe. The work and the page are bounded for a
large class: long texts are cut, the long lists are folded, and the plots do not grow with the class.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import html
import io
import json
import re
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from autograder import course, report

MANIFEST = "grading.json"
DEFAULT_NAME = "report.html"
MAX_TEXT = 400  # characters of one message shown in the page or a CSV cell
TOP_FUNCTIONS = 20  # bars in the plot of points lost
MAX_INCOMPLETE_ROWS = 1000  # rows of the "not graded fully" table (the CSV has them all)
SECRET_FINGERPRINT_SALT = b"autograder secret fingerprint\0"

# What kept a submission from being graded fully, recognised in the notes and the checks' messages.
_INCOMPLETE = [
    ("not submitted", re.compile(r"was not submitted")),
    ("damaged", re.compile(r"could not be read as a notebook|structure the grader cannot read|is too large to grade"
                           r"|is a symbolic link")),
    ("cell skipped", re.compile(r"it was skipped and the other cells ran without it")),
    ("timed out", re.compile(r"did not finish within|used up its \d+ s of grading time")),
]


# ---------------------------------------------------------------------------------------------------
# The run's identity: what two reports must share to be compared.


def secret_fingerprint(secret: str) -> str:
    """12 hex digits that tell two secrets apart and give nothing of the secret away."""
    from autograder.checks import seeds

    digest = hashlib.sha256(SECRET_FINGERPRINT_SALT + secret.encode("utf-8")).hexdigest()[:12]
    return f"{digest} (the public development secret)" if secret == seeds.DEV_SECRET else digest


def _current_fingerprint() -> str:
    """The fingerprint of the course secret set here and now (no warning: the report only names it)."""
    import warnings

    from autograder.checks import seeds

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return secret_fingerprint(seeds.course_secret())


def course_version() -> str:
    """The package version and a digest of what decides a score: the course table, the checks, the
    catalogue and the reference (two runs with the same version grade the same code the same way)."""
    import autograder

    root = Path(autograder.__file__).parent
    digest = hashlib.sha256(json.dumps(course.NOTEBOOKS, sort_keys=True).encode())
    for path in sorted([*root.glob("checks/*.py"), *root.glob("reference/*.py"), root / "diagnose.py"]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return f"{autograder.__version__}+{digest.hexdigest()[:10]}"


def write_manifest(results_dir: str | Path, **facts) -> dict:
    """RESULTS/grading.json: how the class was graded (facts given by ``grade``), for the report and ``explain``."""
    data = {"graded_at": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()), "course_version": course_version(),
            **facts}
    report.atomic_write(Path(results_dir) / MANIFEST, json.dumps(data, indent=1, default=str) + "\n")
    return data


def read_manifest(folder: str | Path) -> dict:
    try:
        data = json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


# ---------------------------------------------------------------------------------------------------
# Reading a class: the CLI's results, or nbgrader's autograded notebooks.


@dataclass
class GradedClass:
    """A graded class in the CLI's results.json form, whatever graded it."""

    students: list[dict]  # results.json contents, sorted by student id
    source: str  # "the command line (RESULTS)" / "nbgrader (autograded/)"
    manifest: dict = field(default_factory=dict)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (student or folder, why) with no results


def is_nbgrader_course(path: str | Path) -> bool:
    path = Path(path)
    return (path / "gradebook.db").is_file() or (path / "autograded").is_dir() or path.name == "autograded"


def load_class(path: str | Path) -> GradedClass:
    """The class graded in ``path``: a CLI RESULTS folder, an nbgrader course folder or its ``autograded/``."""
    path = Path(path)
    if not path.is_dir():
        raise FileNotFoundError(f"{path} is not a folder: give the RESULTS folder of `python -m autograder grade` "
                                "or an nbgrader course folder (with autograded/)")
    if is_nbgrader_course(path):
        from autograder import nbgrader_results

        return nbgrader_results.load(path.parent if path.name == "autograded" else path)
    manifest = read_manifest(path)
    students = report.collect(path)
    refused = [(str(n), str(w)) for n, w in manifest.get("rejected", [])]
    refused += [(str(f).split(":", 1)[0], "the grader failed on it: " + str(f).split(":", 1)[-1].strip())
                for f in manifest.get("failures", [])]
    return GradedClass(students, f"the command line ({path})", manifest, refused)


# ---------------------------------------------------------------------------------------------------
# The figures, as data.


def notebook_scores(data: dict) -> dict[str, float]:
    out = {nb: 0.0 for nb in course.NOTEBOOKS}
    for t in data["tests"]:
        nb = t["number"].split("/")[0]
        if nb in out:
            out[nb] += t["score"]
    return out


def function_losses(students: list[dict]) -> list[dict]:
    """Per graded function, in course order: points, the class's mean score, the points lost in all and
    how many students lost any."""
    lost: dict[str, list[float]] = {fn: [] for _, fn, _ in course.exercises()}
    for data in students:
        per = {fn: 0.0 for fn in lost}
        for t in data["tests"]:
            fn = t["number"].split("/")[-1]
            if fn in per:
                per[fn] += t["score"]
        for fn, score in per.items():
            lost[fn].append(score)
    rows = []
    for nb, fn, points in course.exercises():
        scores = lost[fn]
        rows.append({"function": fn, "notebook": nb, "points": points,
                     "mean_score": statistics.fmean(scores) if scores else 0.0,
                     "points_lost": sum(points - s for s in scores),
                     "students_losing_points": sum(s < points - 1e-9 for s in scores)})
    return rows


def _scrub(text: str, ids: list[str]) -> str:
    """``text`` without any student id in it (as a whole word; ids shorter than 4 characters would hit
    ordinary words, and the grader never writes an id into feedback), cut to ``MAX_TEXT`` characters."""
    for sid in ids:
        if len(sid) >= 4 and sid in text:
            text = re.sub(rf"(?<![\w.@+-]){re.escape(sid)}(?![\w.@+-])", "<student>", text)
    text = " ".join(text.split())
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT - 3] + "..."


def misconceptions(students: list[dict]) -> list[dict]:
    """Each misconception named in the feedback, most students first: id, label, students, functions
    (with how many students each) and the most common wording of its feedback, anonymised."""
    from autograder import demo  # the demo's counting and labels: one definition of "students with it"

    counts = demo.misconception_counts(students)
    where = demo.misconception_functions(students)
    ids = [d["student_id"] for d in students]
    rows = []
    for mid, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        wordings: Counter = Counter()
        who = []
        for data in students:
            mine = [t["output"] for t in data["tests"] if t["status"] != "passed" and mid in t.get("tags", ())]
            if mine:
                who.append(data["student_id"])
                wordings.update(set(mine))
        example = min(wordings.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0] if wordings else ""
        rows.append({"id": mid, "label": demo._label(mid), "students": n,
                     "functions": where.get(mid, Counter()).most_common(), "example": _scrub(example, ids),
                     "who": who})
    return rows


def incomplete(graded: GradedClass) -> list[dict]:
    """Submissions not graded fully: (student, notebook, what, reason), the refused ones first."""
    rows = [{"student": name, "notebook": "", "what": "refused", "reason": why} for name, why in graded.refused]
    for data in graded.students:
        seen = set()
        notes = [] if data.get("output") == "All notebooks were graded." else str(data.get("output", "")).splitlines()
        items = [(n.split(": ", 1)[0] if ": " in n else "", n.split(": ", 1)[-1]) for n in notes]
        items += [(t["number"].split("/")[0], t["output"]) for t in data["tests"] if t["status"] != "passed"]
        for nb, text in items:
            what = next((label for label, pattern in _INCOMPLETE if pattern.search(text)), None)
            if what is None:
                continue
            # a notebook's problem once (each of its checks repeats it); a timeout once per function
            key = (nb, what, text.split("`")[1] if what == "timed out" and "`" in text else "")
            if key in seen:
                continue
            seen.add(key)
            rows.append({"student": data["student_id"], "notebook": nb, "what": what, "reason": text})
    return rows


def isolation_modes(graded: GradedClass) -> str:
    modes = Counter(str(d.get("extra_data", {}).get("isolation", "")) for d in graded.students)
    modes.pop("", None)
    if not modes and graded.manifest.get("isolation"):
        return str(graded.manifest["isolation"])
    if not modes:
        try:
            from autograder import sandbox

            return f"{sandbox.isolation(False)} (what this machine gives now; the run did not record it)"
        except Exception:  # noqa: BLE001  no bubblewrap here: say so rather than guess
            return "not recorded"
    return ", ".join(f"{m} ({n} students)" if len(modes) > 1 else m for m, n in modes.most_common())


# ---------------------------------------------------------------------------------------------------
# Plots: PNG bytes, the same size whatever the class.


def _png(fig) -> bytes:
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=80)
    plt.close(fig)
    return buf.getvalue()


def _bins(maximum: float) -> list[float]:
    import numpy as np

    return list(np.linspace(0, maximum, min(int(maximum), 12) + 1 if maximum >= 2 else 3))


def plot_distributions(students: list[dict]) -> bytes:
    """Histograms of the totals and of each notebook's scores, with the median marked."""
    import matplotlib.pyplot as plt
    import numpy as np

    panels = [("total", course.total_points(), [d["score"] for d in students])]
    per = [notebook_scores(d) for d in students]
    panels += [(nb, sum(t.values()), [p[nb] for p in per]) for nb, t in course.NOTEBOOKS.items()]
    cols = 4
    fig, axes = plt.subplots((len(panels) + cols - 1) // cols, cols, figsize=(11, 5.2))
    for ax, (name, maximum, scores) in zip(axes.flat, panels):
        ax.hist(scores, bins=_bins(maximum), color="#4c72b0" if name != "total" else "#2f4b7c", edgecolor="white")
        if scores:
            ax.axvline(float(np.median(scores)), color="#dd8452", linestyle="--")
        ax.set_xlim(0, maximum)
        ax.set_title(f"{name} (median {np.median(scores):.3g} / {maximum:g})" if scores else name, fontsize=9)
        ax.tick_params(labelsize=8)
    for ax in list(axes.flat)[len(panels):]:
        ax.axis("off")
    fig.supxlabel("points", fontsize=9)
    fig.supylabel("students", fontsize=9)
    fig.tight_layout()
    return _png(fig)


def plot_losses(rows: list[dict], students: int) -> bytes:
    """Mean points lost per student for the ``TOP_FUNCTIONS`` functions that lost the most, the largest at
    the top (the page's table and the CSV have every function)."""
    import matplotlib.pyplot as plt

    shown = sorted((r for r in rows if r["points_lost"] > 1e-9), key=lambda r: r["points_lost"])[-TOP_FUNCTIONS:]
    fig, ax = plt.subplots(figsize=(11, 0.24 * max(len(shown), 3) + 1.2))
    if shown:
        mean = [r["points_lost"] / max(students, 1) for r in shown]
        ax.barh([f"{r['function']} ({r['notebook'][:2]})" for r in shown], mean, color="#c44e52")
        for i, (r, m) in enumerate(zip(shown, mean)):
            ax.text(m, i, f" {m:.2f} of {r['points']}", va="center", fontsize=7)
        ax.set_xlim(0, max(mean) * 1.25)
    else:
        ax.text(0.5, 0.5, "no points lost", ha="center", va="center", transform=ax.transAxes)
    ax.tick_params(labelsize=8)
    ax.set_xlabel(f"mean points lost per student (of {students}); the {len(shown)} functions that lost the most",
                  fontsize=9)
    fig.tight_layout()
    return _png(fig)


def plot_misconceptions(students: list[dict]) -> bytes:
    """The demo's chart of the most common misconceptions (``demo._plot_misconceptions``), as PNG bytes."""
    import matplotlib.pyplot as plt

    from autograder import demo

    buf = io.BytesIO()
    demo._plot_misconceptions(demo.misconception_counts(students), demo.misconception_functions(students),
                              len(students), buf)
    plt.close("all")
    return buf.getvalue()


# ---------------------------------------------------------------------------------------------------
# CSV files.


def csv_cell(value) -> str:
    """A value for a CSV cell; text that a spreadsheet would run as a formula starts with an apostrophe."""
    if isinstance(value, float):
        return f"{value:.6g}"
    return report.spreadsheet_cell(str(value))


def _csv(header: list[str], rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return out.getvalue()


def csv_files(graded: GradedClass, losses, found, problems) -> dict[str, str]:
    """suffix -> CSV text: the figures of the page as data."""
    import numpy as np

    students = graded.students
    per = [notebook_scores(d) for d in students]
    scores = _csv(["student_id", "score", "max_score", *course.NOTEBOOKS],
                  ([d["student_id"], float(d["score"]), float(d["max_score"]),
                    *[float(p[nb]) for nb in course.NOTEBOOKS]] for d, p in zip(students, per)))
    dist_rows = []
    for name, maximum, values in [("total", course.total_points(), [d["score"] for d in students]),
                                  *[(nb, sum(t.values()), [p[nb] for p in per]) for nb, t in course.NOTEBOOKS.items()]]:
        counts, edges = np.histogram(values, bins=_bins(maximum))
        dist_rows += [[name, float(lo), float(hi), int(n)] for lo, hi, n in zip(edges[:-1], edges[1:], counts)]
    return {
        "scores": scores,
        "distribution": _csv(["notebook", "from", "to", "students"], dist_rows),
        "functions": _csv(["notebook", "function", "points", "mean_score", "points_lost", "students_losing_points"],
                          ([r["notebook"], r["function"], r["points"], float(r["mean_score"]), float(r["points_lost"]),
                            r["students_losing_points"]] for r in losses)),
        "misconceptions": _csv(["misconception", "label", "students", "functions", "example", "student_ids"],
                               ([m["id"], m["label"], m["students"], " ".join(f"{fn}:{n}" for fn, n in m["functions"]),
                                 m["example"], " ".join(m["who"])] for m in found)),
        "incomplete": _csv(["student_id", "notebook", "what", "reason"],
                           ([r["student"], r["notebook"], r["what"], _scrub(r["reason"], [])] for r in problems)),
    }


# ---------------------------------------------------------------------------------------------------
# The page.

_CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1d2430}
main{max-width:1000px;margin:0 auto;padding:16px}
section{background:#fff;border:1px solid #d9dde3;border-radius:6px;padding:12px 16px;margin:14px 0;overflow:hidden}
h1{font-size:22px;margin:8px 0} h2{font-size:17px;margin:4px 0 8px}
table{border-collapse:collapse;width:100%;table-layout:fixed}
th,td{border-bottom:1px solid #e4e7eb;padding:4px 6px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#eef1f5;font-weight:600}
img{display:block;max-width:100%;height:auto;margin:6px 0}
code{font-size:12px;overflow-wrap:anywhere}
.num{text-align:right;width:7em} .small{font-size:12px;color:#4a5563} .example{font-size:12px}
dl.meta{display:grid;grid-template-columns:13em 1fr;gap:2px 12px;margin:0}
dl.meta dt{font-weight:600} dl.meta dd{margin:0;overflow-wrap:anywhere}
details summary{cursor:pointer;color:#2f4b7c}
"""


def _e(value) -> str:
    return html.escape(str(value), quote=True)


def _img(png: bytes, alt: str) -> str:
    return f'<img alt="{_e(alt)}" src="data:image/png;base64,{base64.b64encode(png).decode("ascii")}">'


def _table(header: list[str], rows: list[list[str]], numeric: set[int] = frozenset(), widths=None) -> str:
    """An HTML table; every cell in ``rows`` is already escaped HTML."""
    cols = "".join(f'<col style="width:{w}">' for w in widths) if widths else ""
    head = "".join(f'<th{" class=num" if i in numeric else ""}>{_e(h)}</th>' for i, h in enumerate(header))
    body = "".join("<tr>" + "".join(f'<td{" class=num" if i in numeric else ""}>{c}</td>' for i, c in enumerate(row))
                   + "</tr>" for row in rows)
    return f"<table><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _students_list(ids: list[str]) -> str:
    inner = ", ".join(f"<code>{_e(s)}</code>" for s in ids)
    return f"<details><summary>{len(ids)} student{'s' if len(ids) != 1 else ''}</summary>{inner}</details>"


def render_html(graded: GradedClass, csv_names: dict[str, str]) -> str:
    """The report page (plots inline, every student-written text escaped)."""
    students = graded.students
    n = len(students)
    losses = function_losses(students)
    found = misconceptions(students)
    problems = incomplete(graded)
    total = course.total_points()
    scores = [d["score"] for d in students]
    per = [notebook_scores(d) for d in students]
    manifest = graded.manifest
    secret = manifest.get("secret_fingerprint") or f"{_current_fingerprint()} (the secret where this report was " \
        "built; the run did not record its own)"
    meta = [("graded by", graded.source), ("students", str(n)), ("isolation", isolation_modes(graded)),
            ("course version", manifest.get("course_version") or f"{course_version()} (this checkout; the run "
                                                                    "did not record it)"),
            ("secret fingerprint", secret), ("graded at", manifest.get("graded_at", "not recorded")),
            ("report built", time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()))]
    parts = [f"<h1>Class report: {_e(course.ASSIGNMENT)}</h1>",
             "<section id=run><h2>The run</h2><dl class=meta>"
             + "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in meta) + "</dl></section>"]

    rows = [["total", f"{total:g}", *(_stats(scores, total) if scores else ["", "", ""])]]
    rows += [[nb, f"{sum(t.values()):g}", *(_stats([p[nb] for p in per], sum(t.values())) if per else ["", "", ""])]
             for nb, t in course.NOTEBOOKS.items()]
    parts.append("<section id=scores><h2>Scores, per notebook and in total</h2>"
                 + (_img(plot_distributions(students), "histograms of the scores, in total and per notebook") if n else
                    "<p>No graded student.</p>")
                 + _table(["", "points", "mean", "median", "students with full marks"],
                          [[_e(c) for c in r] for r in rows], {1, 2, 3, 4}) + "</section>")

    lossy = sorted((r for r in losses if r["points_lost"] > 1e-9), key=lambda r: -r["points_lost"])
    parts.append("<section id=functions><h2>Where the class lost points</h2>"
                 + (_img(plot_losses(losses, n), "mean points lost per student, per graded function") if n else "")
                 + "<details><summary>the table</summary>"
                 + _table(["function", "notebook", "points", "mean score", "points lost", "students losing points"],
                          [[f"<code>{_e(r['function'])}</code>", _e(r["notebook"]), _e(r["points"]),
                            f"{r['mean_score']:.2f}", f"{r['points_lost']:.2f}", _e(r["students_losing_points"])]
                           for r in lossy], {2, 3, 4, 5}) + "</details></section>")

    mrows = [[f"{_e(m['label'])}<br><code class=small>{_e(m['id'])}</code>", _e(m["students"]),
              "<br>".join(f"<code>{_e(fn)}</code> ({k})" for fn, k in m["functions"][:6])
              + (f"<br>and {len(m['functions']) - 6} more" if len(m["functions"]) > 6 else ""),
              f"<span class=example>{_e(m['example'])}</span>", _students_list(m["who"])] for m in found]
    parts.append("<section id=misconceptions><h2>Misconceptions named in the feedback</h2>"
                 + (_img(plot_misconceptions(students), "the most common misconceptions") if found else "")
                 + (_table(["misconception", "students", "functions", "an example of the feedback", "who"], mrows,
                           {1}, ["17%", "9%", "20%", "36%", "18%"]) if found else
                    "<p>No misconception was named in this class's feedback.</p>") + "</section>")

    shown = problems[:MAX_INCOMPLETE_ROWS]
    prow = [[f"<code>{_e(r['student'])}</code>", _e(r["notebook"]), _e(r["what"]), _e(_scrub(r["reason"], []))]
            for r in shown]
    more = (f"<p class=small>{len(problems) - len(shown)} more rows in {_e(csv_names['incomplete'])}</p>"
            if len(problems) > len(shown) else "")
    parts.append("<section id=incomplete><h2>Submissions not graded fully</h2>"
                 + (_table(["student", "notebook", "what", "reason"], prow, set(), ["18%", "16%", "12%", "54%"]) + more
                    if problems else "<p>Every submission was graded fully.</p>") + "</section>")

    links = "".join(f'<li><a href="{_e(name)}">{_e(name)}</a></li>' for name in csv_names.values())
    parts.append(f"<section id=csv><h2>The same figures as CSV</h2><ul>{links}</ul></section>")
    policy = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
    return ("<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8>"
            f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
            '<meta name=viewport content="width=device-width,initial-scale=1">'
            f"<title>Class report: {_e(course.ASSIGNMENT)}</title><style>{_CSS}</style></head>"
            f"<body><main>{''.join(parts)}</main></body></html>\n")


def _stats(values: list[float], maximum: float) -> list[str]:
    """Mean, median and how many have full marks."""
    return [f"{statistics.fmean(values):.2f}", f"{statistics.median(values):.2f}",
            str(sum(v >= maximum - 1e-9 for v in values))]


def build(path: str | Path, out: str | Path | None = None) -> dict[str, Path]:
    """Write the report of the class graded in ``path`` (default ``<path>/report.html``) and its CSV files
    beside it; {"html": ..., "<suffix>": ...}."""
    import matplotlib

    matplotlib.use("Agg")
    graded = load_class(path)
    out = Path(out) if out else Path(path) / DEFAULT_NAME
    stem = out.name[:-len(out.suffix)] if out.suffix else out.name
    names = {k: f"{stem}_{k}.csv" for k in ("scores", "distribution", "functions", "misconceptions", "incomplete")}
    page = render_html(graded, names)
    files = csv_files(graded, function_losses(graded.students), misconceptions(graded.students), incomplete(graded))
    written = {}
    for key, text in files.items():
        report.atomic_write(out.parent / names[key], text)
        written[key] = out.parent / names[key]
    report.atomic_write(out, page)
    written["html"] = out
    return written


def after_grading(results_dir: str | Path, *, quiet: bool = False, report: bool = True, **facts) -> Path | None:
    """The end of ``grade``: the run's manifest and the class report; never fails the run. Without
    matplotlib, or with ``report=False`` (one student on Gradescope or Classroom: no class to show, and
    two seconds saved per submission), only the manifest is written."""
    import importlib.util

    try:
        write_manifest(results_dir, **facts)
        if not report:
            return None
        if importlib.util.find_spec("matplotlib") is None:
            if not quiet:
                print("note: no class report: it draws its plots with matplotlib, which is not installed",
                      file=sys.stderr)
            return None
        path = build(results_dir)["html"]
    except Exception as exc:  # noqa: BLE001  the grades are written; a report problem must not hide them
        print(f"warning: the class report could not be written ({type(exc).__name__}: {exc}); run "
              f"`python -m autograder report {results_dir}` to retry", file=sys.stderr)
        return None
    if not quiet:
        print(f"class report: {path}")
    return path


def main(args) -> int:
    start = time.perf_counter()
    try:
        written = build(args.results, args.out)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    size = written["html"].stat().st_size
    print(f"wrote {written['html']} ({size / 1024:.0f} KB, {time.perf_counter() - start:.1f} s) and "
          + ", ".join(p.name for k, p in written.items() if k != "html"))
    return 0
