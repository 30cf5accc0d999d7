"""Grade a whole class: ``python -m autograder grade SUBMITTED --results RESULTS``.

The pipeline for one student: discover -> extract (per notebook) -> sandbox (``SandboxCall`` per
notebook) -> checks (``run_checks`` with the notebook's functions and the student's seed; the diagnosis
is part of each check's output) -> report (``results.json`` and ``feedback.md``, written atomically).
Students are graded in parallel processes (``--jobs``); each process has its own sandbox zygote.
The class files (``summary.csv``, ``junit.xml``) are rebuilt at the end from the per-student files,
so ``--resume`` after a crash or kill neither loses nor duplicates a student. Submitted files are
only ever read.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import os
import sys
import time
import warnings
import dataclasses
from dataclasses import dataclass
from pathlib import Path

from autograder import course, report
from autograder.discover import Submission, discover
from autograder.extract import Extracted, extract

DEFAULT_SOURCE = Path("source") / course.ASSIGNMENT


class FailingCall:
    """A ``call`` for a notebook that cannot run at all: every check gets the same StudentError."""

    def __init__(self, kind: str, message: str):
        self.kind, self.message = kind, message

    def __call__(self, function, args=(), kwargs=None, provide=(), driver=None):
        from autograder.checks.engine import StudentError

        raise StudentError(self.kind, self.message)


def with_student(cells: list, student: str | None, student_seed: int | None = None) -> list:
    """``cells`` after a first cell that sets ``AUTOGRADER_STUDENT`` to ``student`` and ``AUTOGRADER_BUG_CODE`` to
    the bug-hunt code of ``student_seed`` (``seeds.seed_for(student, secret)``), so that the locked cells compute
    what the student's own notebook computed: notebook 5 draws the colleague's backward pass from the code.
    The checks are then run with the same ``student_id`` and seed (``run_checks``)."""
    from autograder.hidden import BUG_CODE_ENV, STUDENT_ENV  # the one name of each: the notebooks' cells read them
    from autograder.reference.gradient_checking import bug_code

    if student is None:
        return list(cells)
    code = f"import os as _os\n_os.environ[{STUDENT_ENV!r}] = {str(student)!r}\n"
    if student_seed is not None:
        code += f"_os.environ[{BUG_CODE_ENV!r}] = {bug_code(student_seed)!r}\n"
    return [("setup", "the student id", code + "del _os"), *cells]


def grade_extracted(extracted: Extracted, student_seed: int, limits=None, zygote=None,
                    student_id: str | None = None) -> list:
    """Run the checks of one notebook's functions on its extracted program, in the sandbox
    (``zygote``: the student's sandbox; None: this process's shared one), as the student ``student_id``. The notes about the
    notebook's cells (cells that raised, cells skipped for a limit) are added to ``extracted.problems``."""
    from autograder.checks.engine import run_checks
    from autograder.sandbox import SandboxCall

    functions = list(course.NOTEBOOKS[extracted.notebook])
    if extracted.error:
        return run_checks(FailingCall("missing", extracted.error), student_seed, functions=functions,
                          student_id=student_id)
    with SandboxCall(with_student(extracted.cells, student_id, student_seed), limits, zygote) as call:  # ends with the notebook
        results = run_checks(call, student_seed, functions=functions, student_id=student_id)
        extracted.problems.extend(n for n in call.notes() if n not in extracted.problems)
    return results


SPARE_PRELOAD = ("matplotlib", "matplotlib.pyplot")  # what a sandbox started ahead preloads (both lazily: free)
_SPARE: list = []  # [(pid of this process, mode, limits, Zygote)]: a sandbox started ahead for the next student


def start_spare(mode: str, limits=None) -> None:
    """Start a sandbox for this process's next student now, without waiting for it to boot (it never runs
    student code before it is taken; ``close_spare`` ends one nobody took)."""
    from autograder import sandbox

    if mode == sandbox.PYTHON_ONLY or any(pid == os.getpid() for pid, *_ in _SPARE):
        return
    try:
        _SPARE.append((os.getpid(), mode, limits, sandbox.Zygote(mode, preload=SPARE_PRELOAD, limits=limits, wait=False)))
    except (OSError, RuntimeError):
        pass  # the student's own start reports it


def take_zygote(mode: str, preload: tuple, limits=None):
    """A booted sandbox for one student: the one started ahead when it fits (same mode, limits and
    preloads), else a new one."""
    from autograder import sandbox

    spare = None
    for entry in [e for e in _SPARE if e[0] == os.getpid()]:
        _SPARE.remove(entry)
        _, m, lim, z = entry
        if spare is None and m == mode and lim == limits and set(preload) <= set(z.preload):
            spare = z
        else:
            z.close()
    if spare is not None:
        try:
            spare.ready()
            return spare
        except RuntimeError:
            pass  # it did not boot: start one the usual way, which says why if it fails again
    zygote = sandbox.Zygote(mode, preload=preload, limits=limits)
    return zygote


def close_spare() -> None:
    """End this process's sandbox started ahead, if nobody took it (the end of a run)."""
    for entry in [e for e in _SPARE if e[0] == os.getpid()]:
        _SPARE.remove(entry)
        entry[3].close()


def grade_submission(sub: Submission, source_dir: Path, secret: str, limits=None, isolation: str | None = None,
                     more: bool = False, lanes: int = 1) -> dict:
    """Grade every notebook of one submission in a sandbox of its own; the results.json content. ``more``:
    this process grades another student next (its sandbox is started ahead). ``lanes`` > 1: the notebooks are
    shared among that many grading processes, each with a sandbox of its own for this student (a lone student,
    as on Gradescope, on a machine with more than one CPU); the results are the same."""
    from autograder import sandbox
    from autograder.checks import seeds

    start = time.monotonic()
    seed = seeds.seed_for(sub.student_id, secret=secret)
    mode = isolation or sandbox.isolation(False)
    extracted = {nb: extract(sub.notebooks.get(nb), source_dir / f"{nb}.ipynb", nb) for nb in course.NOTEBOOKS}
    preload = sandbox.preload_for(code for e in extracted.values() for _, _, code in e.cells)
    runnable = [nb for nb, e in extracted.items() if not e.error]
    groups = _lanes(runnable, lanes)
    by_notebook: dict = {}
    zygote = None
    children: list = []
    try:
        if runnable:
            children = [_fork_lane(group, extracted, seed, limits, mode, preload, sub.student_id)
                        for group in groups[1:]]
            zygote = take_zygote(mode, preload, limits)
            if more:
                start_spare(mode, limits)  # the next student's sandbox boots while this one is graded
            mine = groups[0] if groups else []
            zygote = _grade_notebooks(mine, extracted, seed, limits, mode, preload, sub.student_id, zygote, by_notebook)
            for i, group in enumerate(groups[1:]):
                child, children[i] = children[i], None
                got = _join_lane(child, group, limits)
                if got is None:  # that process failed or ran out of time: its notebooks are graded here
                    zygote = _grade_notebooks(group, extracted, seed, limits, mode, preload, sub.student_id, zygote,
                                              by_notebook)
                else:
                    for nb, (results, problems) in got.items():
                        by_notebook[nb] = results
                        extracted[nb].problems[:] = problems
    finally:
        for child in children:  # not joined: this process failed while they graded; they end with it
            _end_lane(child)
        if zygote is not None:
            zygote.close()
    results, problems = [], {}
    for nb, e in extracted.items():
        # a notebook that cannot run gets its failures without a sandbox; every other one was graded above
        results += grade_extracted(e, seed, limits, None, sub.student_id) if e.error else by_notebook[nb]
        if e.error:
            problems[nb] = [e.error]
        elif e.problems:
            problems[nb] = list(e.problems)
    data = report.results_json(sub.student_id, results, problems, time.monotonic() - start)
    data["extra_data"] = {**data.get("extra_data", {}), "isolation": mode,
                          "isolation_layers": sandbox.modes.layers(mode) if zygote is None else zygote.layers}
    return data


def _grade_notebooks(names, extracted, seed, limits, mode, preload, student_id, zygote, out):
    """Grade the notebooks ``names`` in ``zygote`` (a new one when a notebook's code ended it) into ``out``
    (notebook -> results); the zygote in use at the end."""
    from autograder import sandbox

    for nb in names:
        if zygote is None or not zygote.alive():  # a notebook's code ended its own sandbox
            if zygote is not None:
                zygote.close()
            zygote = sandbox.Zygote(mode, preload=preload, limits=limits)
        out[nb] = grade_extracted(extracted[nb], seed, limits, zygote, student_id)
    return zygote


# How much grading each notebook takes, roughly (its checks' calls and its cells), for sharing them among lanes
_NOTEBOOK_WEIGHT = {"01_chain_rule": 3, "02_activations": 2, "03_network": 4, "04_batches": 3,
                    "05_gradient_checking": 4, "06_deep_network": 6, "07_softmax_classifier": 4, "08_optimizers": 3,
                    "09_regularization": 5, "10_digits": 4}


def _lanes(names: list, lanes: int) -> list[list]:
    """``names`` shared among at most ``lanes`` groups, the heaviest first to the lightest group; each group in
    course order; the first group is the largest (this process grades it while the others are forked)."""
    lanes = max(1, min(lanes, len(names)))
    groups: list[list] = [[] for _ in range(lanes)]
    load = [0] * lanes
    for nb in sorted(names, key=lambda n: -_NOTEBOOK_WEIGHT.get(n, 3)):
        i = load.index(min(load))
        groups[i].append(nb)
        load[i] += _NOTEBOOK_WEIGHT.get(nb, 3)
    order = {nb: i for i, nb in enumerate(course.NOTEBOOKS)}
    groups = [sorted(g, key=order.get) for g in groups if g]
    return sorted(groups, key=lambda g: -sum(_NOTEBOOK_WEIGHT.get(n, 3) for n in g)) if groups else []


LANE_RESULT_LIMIT = 64 * 2**20  # bytes a lane's results may take (a notebook's results are a few KB)
LANE_GRACE = 30.0  # seconds a lane may take beyond its notebooks' wall-clock budgets


def _fork_lane(group, extracted, seed, limits, mode, preload, student_id):
    """A forked grading process (the grader's own code, no student code runs in it) that grades ``group`` in a
    sandbox of its own and writes ``{notebook: (results, problems)}``, pickled, to a pipe; (pid, read end), or
    None where it could not be forked (the notebooks are then graded here)."""
    import pickle

    r, w = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(r)
        os.close(w)
        return None
    if pid == 0:  # never returns
        code = 1
        try:
            os.close(r)
            out: dict = {}
            zygote = _grade_notebooks(group, extracted, seed, limits, mode, preload, student_id, None, out)
            zygote.close()
            data = pickle.dumps({nb: (out[nb], list(extracted[nb].problems)) for nb in group})
            with os.fdopen(w, "wb") as pipe:
                pipe.write(data)
            code = 0
        finally:
            os._exit(code)
    os.close(w)
    return pid, r


def _end_lane(child) -> None:
    if child is None:
        return
    import signal

    pid, r = child
    os.close(r)
    try:
        os.kill(pid, signal.SIGKILL)
    except OSError:
        pass
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass


def _join_lane(child, group, limits) -> dict | None:
    """The forked lane's results, or None (it failed, or was still running after every notebook of its group
    could have used its whole wall-clock budget: then it is killed)."""
    import pickle
    import select
    import signal

    from autograder.sandbox import Limits

    if child is None:
        return None
    pid, r = child
    budget = (limits or Limits()).notebook_timeout * len(group) + LANE_GRACE
    deadline = time.monotonic() + budget
    chunks, size, ok = [], 0, True
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([r], [], [], left)[0]:
                ok = False
                break
            chunk = os.read(r, 1 << 20)
            if not chunk:
                break
            size += len(chunk)
            if size > LANE_RESULT_LIMIT:
                ok = False
                break
            chunks.append(chunk)
    finally:
        os.close(r)
        if not ok:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        _, status = os.waitpid(pid, 0)
    if not ok or os.waitstatus_to_exitcode(status) != 0:
        return None
    try:
        got = pickle.loads(b"".join(chunks))
    except Exception:  # noqa: BLE001
        return None
    return got if type(got) is dict and set(got) == set(group) else None


@dataclass(frozen=True)
class _Job:
    submission: Submission
    source_dir: Path
    results_dir: Path
    secret: str
    limits: object
    isolation: str
    more: bool = True  # this process grades another student after this one
    lanes: int = 1  # grading processes for this student's notebooks (a lone student)


def _grade_one(job: _Job) -> str | None:
    """Grade and write one student; None, or what went wrong in the grader itself (not the student)."""
    try:
        data = grade_submission(job.submission, job.source_dir, job.secret, job.limits, job.isolation, job.more,
                                job.lanes)
        report.write_student(job.results_dir, data)
    except Exception as exc:  # noqa: BLE001  a grader bug must not stop the class: report it, resume later
        return f"{job.submission.student_id}: the grader failed ({type(exc).__name__}: {exc})"
    return None


def _init_pool_worker() -> None:
    from multiprocessing import util

    from autograder import sandbox

    from autograder.sandbox import view

    util.Finalize(None, sandbox.shutdown, exitpriority=10)  # pool workers skip atexit
    util.Finalize(None, close_spare, exitpriority=10)
    util.Finalize(None, view.cleanup, exitpriority=5)  # then the caches this worker made


def _secret() -> str:
    from autograder.checks import seeds

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        secret = seeds.course_secret()
    for w in caught:
        print(f"warning: {w.message}", file=sys.stderr)
    return secret


def grade_class(submitted: str | Path, results_dir: str | Path, *, jobs: int | None = None, resume: bool = False,
                source_dir: str | Path = DEFAULT_SOURCE, timeout: float | None = None, quiet: bool = False,
                insecure_python_only: bool = False, cells_timeout: float | None = None,
                class_report: bool = True) -> int:
    """Grade every submission under ``submitted`` into ``results_dir``; the process exit code (``class_report``:
    also write report.html, the class's figures)."""
    from autograder import sandbox
    from autograder.sandbox import Limits

    try:
        mode = sandbox.isolation(insecure_python_only)
    except sandbox.IsolationUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if mode == sandbox.PYTHON_ONLY:
        print(f"warning: grading WITHOUT kernel-level isolation ({mode}): student code can read and change "
              "anything this user can. Only for submissions you trust; results.json records the mode.",
              file=sys.stderr)
    elif not quiet:
        print(f"isolation: {mode} ({', '.join(sandbox.modes.layers(mode))})", file=sys.stderr)
    try:
        subs = discover(submitted)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for name, why in getattr(subs, "rejected", []):
        print(f"warning: the folder {report.printable(name)!r} in {submitted} was not graded: {why}", file=sys.stderr)
    source_dir = Path(source_dir)
    missing = [nb for nb in course.NOTEBOOKS if not (source_dir / f"{nb}.ipynb").is_file()]
    if missing:
        print(f"error: the source notebooks {missing} are not in {source_dir}; run from the course root or pass "
              "--source", file=sys.stderr)
        return 2
    results_dir = Path(results_dir)
    if results_dir.resolve() == Path(submitted).resolve() or Path(submitted).resolve() in results_dir.resolve().parents:
        print("error: the results folder must not be inside the submissions folder", file=sys.stderr)
        return 2
    results_dir.mkdir(parents=True, exist_ok=True)
    limits = Limits(**{k: v for k, v in (("timeout", timeout), ("load_cpu", cells_timeout)) if v})
    if (jobs or default_jobs()) == 1 or len(subs) <= 1:
        start_spare(mode, limits)  # the first student's sandbox boots while the grader reads the notebooks
    secret = _secret()
    todo = [s for s in subs if not (resume and report.read_student(results_dir / report.folder_name(s.student_id) / report.RESULTS_FILE))]
    if not quiet and resume and len(todo) < len(subs):
        print(f"resuming: {len(subs) - len(todo)} of {len(subs)} students already graded", file=sys.stderr)
    lanes = lone_lanes(jobs) if len(todo) == 1 else 1  # one student: their notebooks shared among processes
    job_list = [_Job(s, source_dir, results_dir, secret, limits, mode, lanes=lanes) for s in todo]
    jobs = max(1, jobs or default_jobs())
    bar = _progress(len(job_list), quiet)
    failures: list[str] = []
    if jobs == 1 or len(job_list) <= 1:
        try:
            for i, job in enumerate(job_list):
                failures.append(_grade_one(dataclasses.replace(job, more=i + 1 < len(job_list))))
                bar.update(1)
        finally:
            close_spare()
    else:
        close_spare()  # never inherited by the pool's processes
        failures += _grade_in_pool(job_list, jobs, bar)
    bar.close()
    failures = [f for f in failures if f]
    all_results = report.write_class(results_dir, [s.student_id for s in subs])
    if not quiet:
        _print_table(all_results)
    from autograder import class_report as reporting  # the run's manifest and the class's report.html

    reporting.after_grading(results_dir, quiet=quiet, report=class_report, isolation=mode,
                               secret_fingerprint=reporting.secret_fingerprint(secret),
                               submitted=str(Path(submitted).resolve()), source=str(source_dir.resolve()),
                               rejected=getattr(subs, "rejected", []), failures=failures,
                               timeout=limits.timeout, cells_timeout=limits.load_cpu)
    for failure in failures:
        print(f"error: {failure}; run again with --resume to grade the students left", file=sys.stderr)
    return 1 if failures else 0


JOB_MEMORY = 1 << 30  # what one grading process may need at once: its sandbox's calls, sessions and itself


def default_jobs(cpus: int | None = None, available: int | None = None) -> int:
    """Two grading processes per CPU (each alternates between the trusted side's checks and its sandbox, so
    one per CPU leaves cores idle about half the time), no more than the available memory (bytes) holds at
    JOB_MEMORY each. ``cpus`` and ``available``: this machine's when None."""
    if cpus is None:
        cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if available is None:
        try:
            with open("/proc/meminfo") as f:
                available = next(int(line.split()[1]) * 1024 for line in f if line.startswith("MemAvailable:"))
        except (OSError, StopIteration, ValueError):
            available = 2 * cpus * JOB_MEMORY
        from autograder.sandbox.cgroups import memory_room

        room = memory_room()
        if room is not None:  # a container's limit (Gradescope's, a pod's): /proc/meminfo shows the host's
            available = min(available, room)
    return max(1, min(2 * cpus, available // JOB_MEMORY))


def lone_lanes(jobs: int | None = None, cpus: int | None = None) -> int:
    """Grading processes for a lone student's notebooks: ``jobs`` if given, else one per CPU, at most four and as
    memory allows (``default_jobs``)."""
    if jobs:
        return max(1, min(jobs, 4))
    if cpus is None:
        cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cpus, 4, default_jobs(cpus)))


def _grade_in_pool(job_list: list[_Job], jobs: int, bar) -> list[str | None]:
    """Grade ``job_list`` in ``jobs`` processes. A grading process that dies (killed for memory, say)
    breaks the pool for the students it held at that moment: each of those is graded again alone, so a
    lost process costs at most the student that killed it."""
    ctx = multiprocessing.get_context("fork")
    failures: list[str | None] = []
    lost: list[_Job] = []
    with cf.ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init_pool_worker) as pool:
        futures = {pool.submit(_grade_one, job): job for job in job_list}
        for future in cf.as_completed(futures):
            try:
                failures.append(future.result())
            except Exception:  # noqa: BLE001  BrokenProcessPool: a grading process died
                lost.append(futures[future])
                continue
            bar.update(1)
    for job in lost:
        with cf.ProcessPoolExecutor(max_workers=1, mp_context=ctx, initializer=_init_pool_worker) as alone:
            try:
                failures.append(alone.submit(_grade_one, job).result())
            except Exception as exc:  # noqa: BLE001  it died again, alone: this student's submission did it
                failures.append(f"{report.printable(job.submission.student_id)}: the grading process died "
                                f"({type(exc).__name__}) while grading this student, twice")
        bar.update(1)
    return failures


def _progress(total: int, quiet: bool):
    from tqdm import tqdm

    return tqdm(total=total, unit="student", desc="grading", file=sys.stderr, disable=quiet or total == 0)


def _print_table(all_results: list[dict]) -> None:
    if not all_results:
        print("no submissions found")
        return
    ids = [report.printable(d["student_id"]) for d in all_results]
    width = max(len("student"), *(len(i) for i in ids))
    print(f"{'student':<{width}}  {'score':>7}  {'max':>5}")
    for i, d in zip(ids, all_results):
        print(f"{i:<{width}}  {d['score']:>7.2f}  {d['max_score']:>5g}")
