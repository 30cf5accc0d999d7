"""A regrade request answered: ``python -m autograder explain RESULTS STUDENT [FUNCTION] [--for-student]``.

For each check the student lost points on (or each check of ``FUNCTION``): the hidden case it used,
re-created from the course secret and the student id exactly as grading made it
(``checks.seeds.generator_for(seed, check.name)``), the student's value on it, the expected value, the
entries that differ, and the feedback line. The student's function is run again the only way this
package runs student code: in the sandbox, through ``SandboxCall`` and the engine's own ``run_check``,
so the re-run is the grading run; it must give the recorded result, and the output says when it does
not (another secret, a changed submission, a changed grader).

``--for-student`` prints only what the student may see once the deadline has passed: their own hidden
inputs, their value, the expected value, the differing entries and the feedback they already have; never
the seed, the secret's fingerprint, the diagnosis' private context, a check's internals or anything of
another student.
"""

from __future__ import annotations

import inspect
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from autograder import class_report, course, report

MAX_DIFFERENCES = 8  # differing entries listed per check (the count is always given)


@dataclass
class Explained:
    """One re-run check of one student."""

    check: str
    function: str
    notebook: str
    score: float  # the re-run's
    max_score: float
    feedback: str  # the re-run's message
    recorded: str | None  # the feedback recorded when the class was graded (None: not recorded per check)
    agrees: bool  # the re-run gives the recorded result
    inputs: list[tuple[str, object]]  # (argument name, value) of the hidden case
    context: dict  # the case's context for the diagnosis (instructor only)
    got: object = None  # the student's value (the compared part), when the call gave one
    error: str | None = None  # what the student's code did instead of giving a value
    part: str | None = None  # the part of the value the check compares ("dW1"), None: all of it
    expected: object = None  # the reference's value on the case (None: judged by a property)
    differences: list[str] = field(default_factory=list)
    n_different: int = 0
    property: bool = False  # judged by a property: ``expected`` is the reference's answer, one of the right ones


class ExplainError(Exception):
    """What keeps ``explain`` from answering, in one sentence for the instructor."""


# ---------------------------------------------------------------------------------------------------
# Differences between two plain-data values.


def differences(got, expected, rtol: float, atol: float, path: str = "") -> tuple[int, list[str]]:
    """(how many entries differ, up to MAX_DIFFERENCES lines "path[i, j]: yours a, expected b")."""
    out: list[str] = []
    count = _walk(got, expected, rtol, atol, path, out)
    return count, out[:MAX_DIFFERENCES]


def _walk(got, expected, rtol, atol, path, out) -> int:
    from autograder.checks.compare import as_scalar

    if isinstance(expected, dict):
        if not isinstance(got, dict):
            out.append(f"{path or 'value'}: yours is {_kind(got)}, expected a dict")
            return 1
        n = 0
        for key in expected:
            sub = f"{path}[{key!r}]" if path else str(key)
            if key not in got:
                out.append(f"{sub}: missing")
                n += 1
            else:
                n += _walk(got[key], expected[key], rtol, atol, sub, out)
        return n
    if isinstance(expected, (list, tuple)):
        if not isinstance(got, (list, tuple)) or len(got) != len(expected):
            out.append(f"{path or 'value'}: yours is {_kind(got)}, expected {_kind(expected)}")
            return 1
        return sum(_walk(g, e, rtol, atol, f"{path}[{i}]", out) for i, (g, e) in enumerate(zip(got, expected)))
    if isinstance(expected, np.ndarray) and expected.ndim > 0:
        try:
            g = np.asarray(got, dtype=float)
        except (TypeError, ValueError):
            out.append(f"{path or 'value'}: yours is {_kind(got)}, expected {_kind(expected)}")
            return 1
        if g.shape != expected.shape:
            out.append(f"{path or 'value'}: yours has shape {g.shape}, expected {expected.shape}")
            return 1
        e = expected.astype(float)
        with np.errstate(all="ignore"):
            bad = ~(np.abs(g - e) <= atol + rtol * np.abs(e))
        for index in np.argwhere(bad)[:MAX_DIFFERENCES]:
            where = ", ".join(str(int(i)) for i in index)
            out.append(f"{path}[{where}]: yours {_num(g[tuple(index)])}, expected {_num(e[tuple(index)])}")
        return int(bad.sum())
    if isinstance(expected, (int, float, np.ndarray)) and not isinstance(expected, bool):
        value = as_scalar(got)
        e = float(expected)
        if value is None:
            out.append(f"{path or 'value'}: yours is {_kind(got)}, expected a number")
            return 1
        if not abs(value - e) <= atol + rtol * abs(e):
            out.append(f"{path or 'value'}: yours {_num(value)}, expected {_num(e)}")
            return 1
        return 0
    if got != expected:
        out.append(f"{path or 'value'}: yours {got!r}, expected {expected!r}")
        return 1
    return 0


def _kind(x) -> str:
    if isinstance(x, np.ndarray):
        return f"an array of shape {x.shape}"
    if isinstance(x, (list, tuple)):
        return f"a {type(x).__name__} of length {len(x)}"
    return "None" if x is None else f"a {type(x).__name__}"


def _num(x) -> str:
    return f"{float(x):.6g}"


def show(value, indent: str = "    ") -> str:
    """A value as text, arrays summarised by numpy (at most about 60 entries each)."""
    with np.printoptions(precision=6, threshold=60, edgeitems=3, linewidth=100, suppress=False):
        if isinstance(value, dict):
            return "\n".join(_item(f"{k}:", v, indent) for k, v in value.items()) or f"{indent}{{}}"
        if isinstance(value, (list, tuple)) and any(isinstance(v, (np.ndarray, dict, list, tuple)) for v in value):
            return "\n".join(_item(f"[{i}]:", v, indent) for i, v in enumerate(value))
        text = np.array2string(value) if isinstance(value, np.ndarray) else repr(value)
        return "\n".join(indent + line for line in text.splitlines())


def _item(label: str, value, indent: str) -> str:
    """``label value`` on one line when the value fits on one, else the value on the lines below."""
    text = show(value, indent + "  ")
    return f"{indent}{label} {text.strip()}" if "\n" not in text else f"{indent}{label}\n{text}"


# ---------------------------------------------------------------------------------------------------
# Re-running a student's checks.


class _Recording:
    """A ``call`` that passes everything to the sandbox's and keeps what each call gave."""

    def __init__(self, call):
        self.call, self.log = call, []

    def __call__(self, function, args=(), kwargs=None, provide=(), driver=None):
        from autograder.checks.engine import StudentError

        try:
            outcome = self.call(function, args, kwargs, provide, **({"driver": driver} if driver else {}))
        except StudentError as err:
            self.log.append(err)
            raise
        self.log.append(outcome)
        return outcome


def _argument_names(check, n: int) -> list[str]:
    from autograder.checks.engine import driver_function
    from autograder.reference import REFERENCE

    fn = driver_function(check.driver) if check.driver else REFERENCE.get(check.reference or check.function)
    try:
        names = list(inspect.signature(fn).parameters) if fn is not None else []
    except (TypeError, ValueError):
        names = []
    return [names[i] if i < len(names) else f"argument {i + 1}" for i in range(n)]


def _explained(check, result, case, log, recorded, reference) -> Explained:
    """The Explained of one re-run check, from the engine's result and the call it recorded."""
    from autograder.checks import kinds
    from autograder.checks.compare import select
    from autograder.checks.engine import CallOutcome, Trial

    names = _argument_names(check, len(case.args))
    inputs = [*zip(names, case.args), *case.kwargs.items()]
    agrees = recorded is None or (recorded["status"] == result.status and recorded["output"] == result.output)
    item = Explained(check.name, check.function, check.notebook, result.score, result.max_score, result.output,
                     recorded["output"] if recorded else None, agrees, inputs, dict(case.context))
    first = log[0] if log else None
    if not isinstance(first, CallOutcome):
        item.error = getattr(first, "message", None) or "the function was not called"
        return item
    item.got = first.value
    kind = check.kind
    if isinstance(kind, kinds.Values):
        trial = Trial(check, case, first, reference)
        key = kind.key
        item.part = kind.label or (key if isinstance(key, str) else None)
        try:
            item.got = select(first.value, key)
        except (KeyError, IndexError, TypeError):
            item.got = first.value  # the part is missing: the whole value shows why
        item.expected = select(trial.expected, key)
        item.n_different, item.differences = differences(item.got, item.expected, kind.rtol, kind.atol, item.part or "")
    elif isinstance(kind, kinds.Property):  # many right answers: the reference's is one of them
        item.property = True
        try:
            item.expected = Trial(check, case, first, reference).expected
        except Exception:  # noqa: BLE001  a property with no reference value on these inputs
            item.expected = None
    elif isinstance(kind, kinds.Unchanged):
        positions = kind.positions if kind.positions is not None else range(len(case.args))
        for i in positions:
            n, lines = differences(first.args_after[i], case.args[i], 0.0, kind.atol, names[i])
            item.n_different += n
            item.differences += ["changed in place: " + line.replace("yours", "after the call")
                                 .replace("expected", "before") for line in lines]
    return item


def _secret_and_seed(student: str, manifest: dict) -> tuple[str, int]:
    from autograder.checks import seeds
    from autograder.grade import _secret

    secret = _secret()
    recorded = manifest.get("secret_fingerprint")
    if recorded and recorded != class_report.secret_fingerprint(secret):
        raise ExplainError(f"the course secret here (fingerprint {class_report.secret_fingerprint(secret)}) is not "
                           f"the one the class was graded with ({recorded}): set AUTOGRADER_SECRET or "
                           ".autograder_secret to that secret and run again")
    return secret, seeds.seed_for(student, secret=secret)


def _student_results(results: Path, student: str) -> tuple[dict, dict, bool]:
    """(the student's results.json-like dict, the run's manifest, recorded per check?)."""
    if class_report.is_nbgrader_course(results):
        graded = class_report.load_class(results)
        data = next((d for d in graded.students if d["student_id"] == student), None)
        per_check = False
    else:
        graded = None
        data = report.read_student(results / student / report.RESULTS_FILE)
        per_check = True
    if data is None:
        raise ExplainError(f"no graded results for {student!r} in {results}: check the student id (the folder name "
                           "under submitted/)")
    return data, (graded.manifest if graded else class_report.read_manifest(results)), per_check


def explain_student(results: str | Path, student: str, function: str | None = None, *, submitted=None,
                    source=None, insecure_python_only: bool = False) -> tuple[list[Explained], dict]:
    """Re-run, in the sandbox, the checks ``student`` lost points on (all checks of ``function`` if given)
    on the hidden cases grading used; (what each check gave, facts about the run)."""
    from autograder import sandbox
    from autograder.checks import seeds
    from autograder.checks.engine import _weights, checks_for, run_check
    from autograder.discover import discover
    from autograder.extract import extract
    from autograder.grade import FailingCall, with_student
    from autograder.reference import REFERENCE
    from autograder.sandbox import Limits

    results = Path(results)
    if function is not None:
        try:
            course.notebook_of(function)
        except KeyError:
            raise ExplainError(f"{function!r} is not a graded function; the graded functions are listed in "
                               "autograder/course.py") from None
    data, manifest, per_check = _student_results(results, student)
    nbgrader = class_report.is_nbgrader_course(results)
    root = results.parent if results.name == "autograded" else results
    lost = [t for t in data["tests"] if t["status"] != "passed"]
    functions = [function] if function else list(dict.fromkeys(t["number"].split("/")[1] for t in lost))
    secret, seed = _secret_and_seed(student, manifest)
    facts = {"student": student, "seed": seed, "secret_fingerprint": class_report.secret_fingerprint(secret),
             "course_version": class_report.course_version(), "recorded_version": manifest.get("course_version"),
             "functions": functions}
    if not functions:
        return [], facts
    submitted = Path(submitted or manifest.get("submitted") or (root / "submitted" if nbgrader else "submitted"))
    source = Path(source or manifest.get("source") or (root / "source" / course.ASSIGNMENT if nbgrader else
                                                       Path("source") / course.ASSIGNMENT))
    folder = submitted / student
    if not folder.is_dir():
        raise ExplainError(f"{student}'s submission is not in {submitted}: pass --submitted SUBMITTED")
    subs = [s for s in discover(folder) if s.student_id == student]
    if not subs:
        raise ExplainError(f"no submission of {student} was found in {folder}")
    sub = subs[0]
    mode = sandbox.isolation(insecure_python_only)
    facts["isolation"] = mode
    limits = Limits(**{k: v for k, v in (("timeout", manifest.get("timeout")),
                                         ("load_cpu", manifest.get("cells_timeout"))) if v})
    recorded_by_name = {t["name"]: t for t in data["tests"]}
    items: list[Explained] = []
    by_notebook: dict[str, list[str]] = {}
    for fn in functions:
        by_notebook.setdefault(course.notebook_of(fn), []).append(fn)
    for nb, fns in by_notebook.items():
        extracted = extract(sub.notebooks.get(nb), source / f"{nb}.ipynb", nb)
        zygote = call = None
        try:
            if extracted.error:
                call = FailingCall("missing", extracted.error)  # what grading did with this notebook
            else:
                zygote = sandbox.Zygote(mode, preload=sandbox.preload_for(c for _, _, c in extracted.cells),
                                        limits=limits)
                call = sandbox.SandboxCall(with_student(extracted.cells, student, seed), limits, zygote)
            for fn in fns:
                checks = checks_for(fn)
                total, rerun = _weights(checks)[fn], 0.0
                for check in checks:
                    recording = _Recording(call)
                    maximum = course.NOTEBOOKS[nb][fn] * check.weight / total
                    result = run_check(check, recording, seed, REFERENCE, maximum, student)
                    rerun += result.score
                    recorded = recorded_by_name.get(check.name) if per_check else None
                    if result.status == "passed" and (recorded is None or recorded["status"] == "passed"):
                        continue
                    case = check.inputs(seeds.generator_for(seed, check.name))  # as run_check made it
                    items.append(_explained(check, result, case, recording.log, recorded, REFERENCE))
                    if per_check and recorded is None:  # a check the grading run did not have
                        items[-1].agrees = False
                if not per_check:  # nbgrader records a function's score and feedback, not each check's
                    want = next((t for t in data["tests"] if t["name"] == fn), None)
                    for i in items:
                        if i.function == fn:
                            i.agrees = want is not None and abs(rerun - want["score"]) < 1e-6
                            i.recorded = want["output"] if want else None
        finally:
            if isinstance(call, sandbox.SandboxCall):
                call.close()
            if zygote is not None:
                zygote.close()
    return items, facts


# ---------------------------------------------------------------------------------------------------
# Printing.


def render(items: list[Explained], facts: dict, for_student: bool = False) -> str:
    lines = []
    if for_student:
        lines += [f"The hidden checks of {facts['student']} that lost points, with the inputs they used "
                  "(shown after the deadline)."]
    else:
        lines += [f"explain {facts['student']}: seed {facts['seed']}, "
                  f"secret fingerprint {facts['secret_fingerprint']}, "
                  f"isolation {facts.get('isolation', '?')}, course version {facts['course_version']}"]
        if facts.get("recorded_version") and facts["recorded_version"] != facts["course_version"]:
            lines.append(f"warning: the class was graded with course version {facts['recorded_version']}; the "
                         "re-run uses this checkout's checks, so results may differ")
    if not facts["functions"]:
        lines.append("No check lost points: nothing to explain.")
    for fn in facts["functions"]:
        mine = [i for i in items if i.function == fn and (not for_student or i.agrees)]
        if not mine:
            lines += ["", f"== `{fn}`: every check passes on the re-run"]
            continue
        if all(i.error is not None and i.error == mine[0].error for i in mine):
            # the same reason for every check (a stub, a notebook not submitted): one line, not one per check
            lost = report.points(sum(i.max_score - i.score for i in mine))
            lines += ["", f"== `{fn}` ({mine[0].notebook}): {lost} points lost on {len(mine)} checks, each time "
                      f"because: {mine[0].error}"]
            continue
        for i in mine:
            score = f"{report.points(i.score)} / {report.points(i.max_score)} points"
            lines += ["", f"== {i.check} ({i.notebook}): {score}"]
            if not for_student:
                if i.recorded is not None and i.recorded != i.feedback and i.agrees:
                    lines.append(f"recorded feedback: {i.recorded}")
                lines.append(f"feedback: {i.feedback}")
                lines.append("re-run: gives the recorded result" if i.agrees else
                             f"re-run: DIFFERS from the recorded result ({i.recorded!r}): was the submission, the "
                             "secret or the grader changed since grading?")
            else:  # only checks whose re-run gives the recorded result reach here: the feedback they had
                lines.append(f"feedback: {i.feedback}")
            lines.append("inputs (the hidden case):")
            lines += [_item(f"{name} =", value, "  ") for name, value in i.inputs] or ["  (none)"]
            if i.context and not for_student:
                lines.append("context (for the diagnosis, never shown to students): "
                             + ", ".join(f"{k}={v!r}" for k, v in i.context.items() if not isinstance(v, np.ndarray)))
            if i.error is not None:
                lines.append(f"your function gave no value: {i.error}")
                continue
            part = f" ({i.part})" if i.part else ""
            lines += [f"your value{part}:", show(i.got)]
            if i.expected is not None and i.property:
                lines += ["the reference's value (the check tests a property, which other values may have too):",
                          show(i.expected)]
            elif i.expected is not None:
                lines += [f"expected{part}:", show(i.expected)]
            else:
                lines.append("expected: no single value (the check tests a property: see the feedback)")
            if i.n_different:
                lines.append(f"differing entries ({i.n_different}):")
                lines += [f"  {d}" for d in i.differences]
                if i.n_different > len(i.differences):
                    lines.append(f"  ... and {i.n_different - len(i.differences)} more")
    if for_student and any(not i.agrees for i in items):
        lines += ["", "Some checks could not be reproduced; your instructor will look at them."]
    # a returned dict's keys are the student's text: no control character reaches the terminal
    return "\n".join("".join(ch if ch.isprintable() else "?" for ch in line) for line in lines) + "\n"


def main(args) -> int:
    from autograder import sandbox

    try:
        items, facts = explain_student(args.results, args.student, args.function, submitted=args.submitted,
                                       source=args.source, insecure_python_only=args.insecure_python_only)
    except (ExplainError, sandbox.IsolationUnavailable, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(render(items, facts, args.for_student))
    return 0
