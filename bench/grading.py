"""How fast, and how lean, is grading a whole class?

One synthetic class (``autograder.synthetic``, seeded) is graded every way below, in one run:

- throughput: ``python -m autograder grade --jobs 2`` against ``nbgrader autograde backprop`` in a copy of the
  course (its Execute step replaced by ``SandboxGrade``, as this course configures it), on the same N
  students; and stock nbgrader (Execute: a fresh kernel per notebook, the hidden tests in-kernel) on a
  sample, extrapolated per student. Students whose scores differ between the CLI and nbgrader are counted
  from nbgrader's gradebook.
- overhead: the CLI's core-seconds (wall time x jobs) over the seconds the checks' own computations take
  (``run_checks`` with ``InProcessCall`` on the same extracted code, one process, no sandbox).
- latency: one student end to end, interpreter start included.
- memory: the peak RSS of the sandbox processes (zygote and per-call children, from getrusage of the
  reaped process tree) over a normal sample and for a memory bomb, and the machine's available memory.
- notebooks: each answer-key notebook run top to bottom in a Jupyter kernel (nbclient).

Run: ``python -m bench.grading --students 200`` (or ``python -m bench`` for every benchmark).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from autograder import course, synthetic
from autograder.nbgrader_plugin import gradebook_scores as nbgrader_scores
from autograder.report import function_scores as cli_scores

REPO = Path(__file__).resolve().parents[1]
PY = sys.executable
VENV_BIN = str(Path(PY).parent)
SECRET = "bench-secret"
STUDENTS = 200
STOCK_STUDENTS = 20
MEMORY_STUDENTS = 20
JOBS = 2  # the earlier runs' setting, kept as a second throughput row; the main row uses the CLI's default
CORES = len(os.sched_getaffinity(0))
LAYERS_STUDENTS = 30  # the class graded once in each isolation mode
PARTS = ("throughput", "overhead", "breakdown", "latency", "memory", "notebooks", "layers")
BREAKDOWN_STUDENTS = 20
NOOP = ("solution", "bench_noop", "def bench_noop():\n    return None\n")
STOCK_PREPROCESSORS = [  # nbgrader 0.9's default autograde steps: Execute runs the notebook in a kernel
    "nbgrader.preprocessors.Execute", "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor", "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades", "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]
BOMB = '''import numpy as np


def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    hog = []
    while True:  # 100 MB more each turn until the allocation fails
        hog.append(np.ones(100 * 2**20 // 8))
'''


def _env() -> dict:
    env = dict(os.environ)
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
    env["AUTOGRADER_SECRET"] = SECRET
    return env


def _run(cmd: list[str], cwd: Path = REPO, preexec_fn=None, **env) -> tuple[float, float]:
    """Run ``cmd``; (wall seconds, CPU seconds of it and every process it started and reaped)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env={**_env(), **env}, capture_output=True, text=True, preexec_fn=preexec_fn)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:4])} failed ({proc.returncode}):\n{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _grade_cli(submitted: Path, results: Path, jobs: int | None = JOBS, preexec_fn=None) -> tuple[float, float]:
    cmd = [PY, "-m", "autograder", "grade", str(submitted), "--results", str(results), "--quiet"]
    return _run(cmd + (["--jobs", str(jobs)] if jobs else []), preexec_fn=preexec_fn)


def differing(a: dict, b: dict, students=None) -> int:
    """How many students (of ``students``, default all of ``a``) have some function scored differently."""
    return sum(any(abs(a[s][fn] - b.get(s, {}).get(fn, 0.0)) > 1e-6 for fn in a[s]) for s in (students or a))


def make_course(root: Path, submitted: Path, students: list[str], stock: bool = False) -> Path:
    """An nbgrader course at ``root`` (this course's source and config, the assignment generated) whose
    submitted/ holds ``students`` from ``submitted``; ``stock`` puts nbgrader's Execute step back."""
    root.mkdir(parents=True)
    for folder in ("source", "release"):
        shutil.copytree(REPO / folder, root / folder)
    config = (REPO / "nbgrader_config.py").read_text(encoding="utf-8")
    if stock:
        config += f"\nc.Autograde.autograde_preprocessors = {STOCK_PREPROCESSORS!r}\nc.Execute.timeout = 120\n"
    (root / "nbgrader_config.py").write_text(config, encoding="utf-8")
    _run([str(Path(VENV_BIN) / "nbgrader"), "generate_assignment", course.ASSIGNMENT, "--force"], cwd=root)
    for sid in students:
        shutil.copytree(submitted / sid, root / "submitted" / sid)
    return root


# ----------------------------------------------------------------------------- the parts


def _proc_stat() -> tuple[float, float, float]:
    """The machine's (user, system, idle) CPU seconds so far, all cores, from /proc/stat: unlike rusage it
    counts every process, those that die inside a sandbox's PID namespace included."""
    hz = os.sysconf("SC_CLK_TCK")
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    user, nice, system, idle, iowait, irq, softirq = (fields + [0] * 7)[:7]
    return (user + nice) / hz, (system + irq + softirq) / hz, (idle + iowait) / hz


class CpuGroup:
    """A cgroup of its own for one command (cgroup v1's cpuacct, or v2), whose CPU it counts: user and system
    time of every process the command starts, in every namespace, whatever else runs on the machine. None of
    it where the bench cannot make one (then /proc/stat on an idle machine is the figure)."""

    def __init__(self, name: str):
        self.path = None
        v1 = Path("/sys/fs/cgroup/cpuacct")
        try:
            if (v1 / "cpuacct.stat").exists():
                self.path, self.v1 = v1 / name, True
            elif Path("/sys/fs/cgroup/cgroup.controllers").exists():
                own = Path("/proc/self/cgroup").read_text().split("::", 1)[1].strip()
                self.path, self.v1 = Path("/sys/fs/cgroup") / own.lstrip("/") / name, False
            if self.path is not None:
                self.path.mkdir(exist_ok=True)
        except (OSError, IndexError):
            self.path = None

    def join(self) -> None:  # preexec_fn of the command
        if self.path is not None:
            (self.path / ("tasks" if self.v1 else "cgroup.procs")).write_text(str(os.getpid()))

    def times(self) -> tuple[float, float] | None:
        """(user, system) CPU seconds of everything that ran in the group."""
        if self.path is None:
            return None
        try:
            fields = dict(line.split() for line in (self.path / ("cpuacct.stat" if self.v1 else "cpu.stat")).read_text().splitlines())
            if self.v1:
                hz = os.sysconf("SC_CLK_TCK")
                return int(fields["user"]) / hz, int(fields["system"]) / hz
            return int(fields["user_usec"]) / 1e6, int(fields["system_usec"]) / 1e6
        except (OSError, KeyError, ValueError):
            return None

    def remove(self) -> None:
        if self.path is not None:
            try:
                self.path.rmdir()
            except OSError:
                pass


def throughput(tmp: Path, submitted: Path, students: list[str], stock_n: int) -> tuple[list[dict], dict]:
    n = len(students)
    rows, facts = [], {}
    from autograder.grade import default_jobs

    group = CpuGroup(f"autograder-bench-{os.getpid()}")
    before = _proc_stat()
    cli_wall, cli_cpu = _grade_cli(submitted, tmp / "cli-results", jobs=None, preexec_fn=group.join)
    facts["machine"] = [b - a for a, b in zip(before, _proc_stat())]
    facts["group"] = group.times()
    group.remove()
    cli = cli_scores(tmp / "cli-results")
    facts.update(cli_wall=cli_wall, cli_cpu=cli_cpu, cli=cli)
    rows.append(_row("throughput", f"CLI `grade` (default: --jobs {default_jobs()} on {CORES} cores), {n} students",
                     f"{cli_wall:.1f} s",
                     f"{n / cli_wall:.2f} students/s; {cli_wall / n * 1e3:.0f} ms per student; CPU {cli_cpu:.1f} s"))
    two_wall, _ = _grade_cli(submitted, tmp / "cli-results-2", jobs=JOBS)
    rows.append(_row("throughput", f"CLI `grade --jobs {JOBS}`, {n} students (the earlier runs' setting)",
                     f"{two_wall:.1f} s", f"{two_wall / n * 1e3:.0f} ms per student; scored differently from the "
                     f"default run: {differing(cli, cli_scores(tmp / 'cli-results-2'))}"))

    course_root = make_course(tmp / "nbgrader", submitted, students)
    nbg_wall, _ = _run([str(Path(VENV_BIN) / "nbgrader"), "autograde", course.ASSIGNMENT], cwd=course_root)
    nbg = nbgrader_scores(course_root)
    diff = differing(cli, nbg)
    rows.append(_row("throughput", f"nbgrader autograde + SandboxGrade, {n} students", f"{nbg_wall:.1f} s",
                     f"{n / nbg_wall:.2f} students/s; CLI is {nbg_wall / cli_wall:.1f}x faster"))
    rows.append(_row("throughput", "students scored differently, CLI vs nbgrader+SandboxGrade", str(diff),
                     f"of {n}; per function, from gradebook.db", goal="0", met=diff == 0))

    if stock_n:
        sample = students[:stock_n]
        stock_root = make_course(tmp / "stock", submitted, sample, stock=True)
        stock_wall, _ = _run([str(Path(VENV_BIN) / "nbgrader"), "autograde", course.ASSIGNMENT], cwd=stock_root)
        per = stock_wall / len(sample)
        stock = nbgrader_scores(stock_root)
        speedup = per * n / cli_wall
        rows.append(_row("throughput", f"stock nbgrader autograde (Execute, kernel), {len(sample)} students",
                         f"{stock_wall:.1f} s", f"{per:.2f} s per student; {per * n:.0f} s extrapolated to {n}"))
        rows.append(_row("throughput", "CLI throughput / stock nbgrader throughput", f"{speedup:.1f}x",
                         f"students/s, CLI on {n} vs stock per-student time on {len(sample)}; with --jobs {JOBS}: "
                         f"{per * n / two_wall:.1f}x", goal=">= 60x", met=speedup >= 60))
        rows.append(_row("throughput", "students scored differently, CLI vs stock nbgrader (info)",
                         str(differing(cli, stock, sample)),
                         f"of {len(sample)}: in a kernel a failing visible assert stops the cell before the hidden checks"))
    return rows, facts


def checks_in_process(submitted: Path, students: list[str]) -> dict:
    """run_checks with InProcessCall on each notebook's extracted code: the checks' own time, no sandbox."""
    import contextlib
    import io
    import warnings

    from autograder.checks import seeds
    from autograder.checks.engine import InProcessCall, run_checks
    from autograder.discover import discover
    from autograder.extract import extract

    wanted = set(students)
    subs = [s for s in discover(submitted) if s.student_id in wanted]
    source = REPO / "source" / course.ASSIGNMENT
    t_extract = t_exec = t_checks = c_checks = 0.0
    for sub in subs:
        seed = seeds.seed_for(sub.student_id, secret=SECRET)
        for nb_name, functions in course.NOTEBOOKS.items():
            start = time.perf_counter()
            ex = extract(sub.notebooks.get(nb_name), source / f"{nb_name}.ipynb", nb_name)
            t_extract += time.perf_counter() - start
            ns: dict = {"__name__": "__main__"}
            start = time.perf_counter()
            with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                for _, name, code in ex.cells:
                    try:
                        exec(compile(code, f"<cell {name}>", "exec"), ns)
                    except Exception:  # noqa: BLE001  a failing cell does not stop the notebook
                        pass
            t_exec += time.perf_counter() - start
            start, cpu = time.perf_counter(), time.process_time()
            run_checks(InProcessCall(ns), seed, functions=list(functions))
            t_checks += time.perf_counter() - start
            c_checks += time.process_time() - cpu
    return {"extract": t_extract, "exec": t_exec, "checks": t_checks, "checks_cpu": c_checks, "students": len(subs)}


def overhead(facts: dict, submitted: Path, students: list[str]) -> list[dict]:
    own = checks_in_process(submitted, students)
    n = len(students)
    core_seconds = facts["cli_wall"] * CORES
    ratio = core_seconds / own["checks_cpu"]
    cpu_ratio = facts["cli_cpu"] / own["checks_cpu"]
    user, system, idle = facts["machine"]
    floor = own["checks_cpu"] + own["exec"]
    machine_ratio = (user + system) / floor
    rows = []
    if facts.get("group"):
        g_user, g_system = facts["group"]
        group_ratio = (g_user + g_system) / floor
        rows.append(_row("overhead", "overhead = the CLI's CPU (its own cgroup: every process, every namespace) / floor",
                         f"{group_ratio:.2f}", f"user {g_user:.1f} s + system {g_system:.1f} s = "
                         f"{(g_user + g_system) / n * 1e3:.0f} ms per student; floor {floor:.1f} s = checks' own CPU "
                         f"{own['checks_cpu']:.1f} s + cells run once {own['exec']:.1f} s", goal="<= 1.5",
                         met=group_ratio <= 1.5))
    return rows + [
        _row("overhead", "machine CPU while the CLI graded (/proc/stat, all processes, every namespace)",
             f"{user + system:.1f} s", f"user {user:.1f} s, system {system:.1f} s, idle {idle:.1f} s (core-seconds; "
             "valid on an otherwise idle machine)"),
        _row("overhead", "overhead = machine CPU / floor (checks' own CPU + each notebook's cells run once)",
             f"{machine_ratio:.2f}", f"{user + system:.1f} s / ({own['checks_cpu']:.1f} s + {own['exec']:.1f} s)",
             goal="<= 1.5", met=machine_ratio <= 1.5),
        _row("overhead", f"checks' own time: run_checks in-process, one process, {n} students",
             f"{own['checks_cpu']:.1f} s CPU", f"{own['checks_cpu'] / n * 1e3:.0f} ms per student (wall "
             f"{own['checks']:.1f} s); not counted: notebook parsing {own['extract']:.1f} s, cell exec {own['exec']:.1f} s"),
        _row("overhead", f"overhead = CLI wall x {CORES} cores / checks' own CPU time", f"{ratio:.2f}",
             f"{facts['cli_wall']:.1f} s x {CORES} / {own['checks_cpu']:.1f} s; floor 1.0", goal="<= 1.5",
             met=ratio <= 1.5),
        _row("overhead", "CLI CPU by rusage / checks' own CPU (info: misses processes reaped inside a sandbox)",
             f"{cpu_ratio:.2f}", f"{facts['cli_cpu']:.1f} s / {own['checks_cpu']:.1f} s"),
    ]


def _median_ms(fn, repeat: int) -> float:
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e3


def breakdown(tmp: Path, submitted: Path, students: list[str]) -> list[dict]:
    """Where a student's grading time goes, measured piece by piece in this process (sandbox on)."""
    import contextlib
    import io
    import warnings

    from autograder import report
    from autograder.checks import seeds
    from autograder.checks.engine import InProcessCall, run_checks
    from autograder.discover import discover
    from autograder.extract import extract
    from autograder.sandbox import SandboxCall, Zygote, protocol, shutdown, zygote

    start = time.perf_counter()
    Zygote().close()
    zygote_start = time.perf_counter() - start
    shutdown()
    zygote()
    rows = [_row("breakdown", "sandbox start (once per student)", f"{zygote_start * 1e3:.0f} ms",
                 "bwrap, python -I -S worker.py, numpy and the preloads imported")]

    wanted = set(students)
    subs = [s for s in discover(submitted) if s.student_id in wanted]
    source = REPO / "source" / course.ASSIGNMENT
    t_extract = t_sandbox = t_inproc = t_report = 0.0
    calls = workers = 0
    heavy = None
    for sub in subs:
        seed = seeds.seed_for(sub.student_id, secret=SECRET)
        results = []
        for nb_name, functions in course.NOTEBOOKS.items():
            start = time.perf_counter()
            ex = extract(sub.notebooks.get(nb_name), source / f"{nb_name}.ipynb", nb_name)
            t_extract += time.perf_counter() - start
            if nb_name == "03_network" and heavy is None and not ex.error:
                heavy = ex
            call = SandboxCall(ex.cells)
            start = time.perf_counter()
            results += run_checks(call, seed, functions=list(functions))
            t_sandbox += time.perf_counter() - start
            calls += call.calls
            workers += getattr(call, "workers_started", call.calls)
            call.close()
            ns: dict = {"__name__": "__main__"}
            with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                for _, name, code in ex.cells:
                    try:
                        exec(compile(code, f"<cell {name}>", "exec"), ns)
                    except Exception:  # noqa: BLE001
                        pass
            start = time.perf_counter()
            run_checks(InProcessCall(ns), seed, functions=list(functions))
            t_inproc += time.perf_counter() - start
        data = report.results_json(sub.student_id, results, {}, 0.0)
        start = time.perf_counter()
        report.write_student(tmp / "breakdown-results", data)
        t_report += time.perf_counter() - start
    n = len(subs)
    per_call = (t_sandbox - t_inproc) / calls * 1e3
    empty = SandboxCall([NOOP])
    in_worker = _median_ms(lambda: empty("bench_noop"), 100)
    empty.close()
    cells = list(heavy.cells) + [NOOP] if heavy else [NOOP]

    def first_call(cells=cells):
        call = SandboxCall(cells)
        call("bench_noop")
        call.close()

    start_empty = _median_ms(lambda: first_call([NOOP]), 20)
    start_heavy = _median_ms(first_call, 20)
    request = {"cells": [list(c) for c in cells], "function": "bench_noop", "provide": [], "args": (), "kwargs": {}}
    codec = _median_ms(lambda: protocol.decode(protocol.encode(request)), 200)
    rows += [
        _row("breakdown", f"sandbox calls per student ({n} students)", f"{calls / n:.1f}",
             f"served by {workers / n:.1f} worker processes per student ({len(course.NOTEBOOKS)} notebooks; a new worker when the "
             "taint rule or a failed call asks for one)"),
        _row("breakdown", "checks through the sandbox, per student", f"{t_sandbox / n * 1e3:.0f} ms",
             f"in-process run_checks on the same code: {t_inproc / n * 1e3:.0f} ms; "
             f"difference per call {per_call:.2f} ms"),
        _row("breakdown", "per call in a running worker (empty notebook)", f"{in_worker:.2f} ms",
             "request and answer through the session socket, provided sources, the call"),
        _row("breakdown", "worker start (fork, set-up, first call), empty notebook", f"{start_empty:.2f} ms",
             "zygote fork, setsid, limits, audit hook, the cells, then one call in a process of its own"),
        _row("breakdown", "worker start with 03_network's cells", f"{start_heavy:.2f} ms",
             f"{len(cells) - 1} setup and solution cells compiled and run once per worker"),
        _row("breakdown", "request encode + decode (03_network's cells)", f"{codec:.3f} ms", "protocol frames"),
        _row("breakdown", "notebook parsing (extract: JSON, the source plans cached), per student",
             f"{t_extract / n * 1e3:.1f} ms", f"{len(course.NOTEBOOKS)} notebooks"),
        _row("breakdown", "results.json + feedback.md written (fsync), per student", f"{t_report / n * 1e3:.1f} ms",
             "atomic writes"),
    ]
    import_all = statistics.median(_run([PY, "-c", "import autograder.grade, autograder.checks, numpy"])[0]
                                   for _ in range(3))
    import_numpy = statistics.median(_run([PY, "-c", "import numpy"])[0] for _ in range(3))
    import_schema = statistics.median(_run([PY, "-c", "import jsonschema"])[0] for _ in range(3))
    rows.append(_row("breakdown", "grader start: interpreter + imports", f"{import_all:.2f} s",
                     f"python + numpy alone {import_numpy:.2f} s; `import jsonschema` (pulled in by nbformat, "
                     f"builds rfc3987 grammars) {import_schema:.2f} s"))
    return rows


def _gradescope_root(root: Path, notebooks: Path, student: str) -> Path:
    """/autograder as Gradescope lays it out for one submission (the course's source notebooks under source/)."""
    (root / "submission").mkdir(parents=True)
    (root / "results").mkdir()
    shutil.copytree(REPO / "source" / course.ASSIGNMENT, root / "source" / "source" / course.ASSIGNMENT)
    for nb in notebooks.glob("*.ipynb"):
        shutil.copy(nb, root / "submission" / nb.name)
    (root / "submission_metadata.json").write_text(json.dumps({"users": [{"sid": student}]}))
    return root


def latency(tmp: Path, submitted: Path, student: str) -> list[dict]:
    """One student end to end as Gradescope and Classroom grade one (no class report), interpreter included;
    and the CLI on a folder of one student (it also writes the class's report.html)."""
    walls = []
    for i in range(5):
        root = _gradescope_root(tmp / f"gradescope-{i}", submitted / student / course.ASSIGNMENT, student)
        walls.append(_run([PY, "-m", "autograder.gradescope", "run"], GRADESCOPE_ROOT=str(root))[0])
        score = json.loads((root / "results" / "results.json").read_text())["score"]
    cli = [_grade_cli(submitted / student, tmp / f"one-{i}", jobs=None)[0] for i in range(3)]
    imports = [_run([PY, "-c", "import autograder.grade, autograder.checks, numpy"])[0] for _ in range(5)]
    return [_row("latency", "one student end to end, as Gradescope runs it (`python -m autograder.gradescope run`)",
                 f"{statistics.median(walls):.2f} s",
                 f"median of 5 (min {min(walls):.2f} s), score {score:g}; interpreter + the grader's imports alone: "
                 f"median {statistics.median(imports):.2f} s", goal="<= 0.6 s", met=statistics.median(walls) <= 0.6),
            _row("latency", "one student with `python -m autograder grade DIR` (info: also writes report.html)",
                 f"{statistics.median(cli):.2f} s", "median of 3")]


def _sandbox_peak(submitted: Path, results: Path, tmpdir: Path) -> dict:
    """Grade ``submitted`` in one fresh process (jobs 1); the peak RSS of the grader and of each sandbox process.

    The sandbox processes (zygote, sessions, call processes) are told apart by the tag in their command line,
    which names the grader's TMPDIR; their VmHWM is sampled from /proc every few milliseconds (getrusage's maxrss would
    not do: it keeps the high-water mark of the process that started them across exec).
    """
    code = (
        "import json\n"
        "from autograder import grade, sandbox\n"
        f"grade.grade_class({str(submitted)!r}, {str(results)!r}, jobs=1, quiet=True)\n"
        "sandbox.shutdown()\n"
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')][0].split()[1]\n"
        "print(json.dumps({'grader_mb': int(hwm) / 1024}))\n"
    )
    tmpdir.mkdir(parents=True, exist_ok=True)
    marker = str(tmpdir)
    peaks: dict[int, int] = {}
    seen: dict[int, bool] = {}
    low = [_mem_available()]
    done = threading.Event()

    def ours(pid: int) -> bool:
        if pid not in seen:
            try:
                cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
                seen[pid] = b"worker.py" in cmd and marker.encode() in cmd and not cmd.startswith(b"bwrap")
            except OSError:
                seen[pid] = False
        return seen[pid]

    def sample():
        while not done.wait(0.003):
            for name in os.listdir("/proc"):
                if name.isdigit() and ours(int(name)):
                    try:
                        for line in Path(f"/proc/{name}/status").read_text().splitlines():
                            if line.startswith("VmHWM:"):
                                peaks[int(name)] = max(peaks.get(int(name), 0), int(line.split()[1]) * 1024)
                    except OSError:
                        pass
            low[0] = min(low[0], _mem_available())

    before = _mem_available()
    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        env = _env()
        env["TMPDIR"] = marker
        proc = subprocess.run([PY, "-c", code], cwd=REPO, env=env, capture_output=True, text=True)
    finally:
        done.set()
        thread.join()
    if proc.returncode != 0:
        raise RuntimeError(f"grading for the memory benchmark failed:\n{proc.stderr[-3000:]}")
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    out.update(sandbox_mb=max(peaks.values(), default=0) / 2**20, processes=len(peaks),
               available_before_mb=before / 2**20, available_low_mb=low[0] / 2**20)
    return out


def _mem_available() -> int:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) * 1024
    return 0


def memory(tmp: Path, submitted: Path, students: list[str]) -> list[dict]:
    import nbformat

    normal = tmp / "memory-class"
    for sid in students:
        shutil.copytree(submitted / sid, normal / sid)
    peak = _sandbox_peak(normal, tmp / "memory-results", tmp / "memory-tmp")
    bomb = tmp / "bomb-class"
    plan = synthetic.uniform_plan("memory_bomb", "correct")
    synthetic.make_class(bomb, plans=[plan], secret=SECRET)
    path = bomb / "memory_bomb" / course.ASSIGNMENT / "04_batches.ipynb"
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "random_mini_batches":
            cell.source = BOMB
    nbformat.write(nb, path)
    boom = _sandbox_peak(bomb, tmp / "bomb-results", tmp / "bomb-tmp")
    data = json.loads((tmp / "bomb-results" / "memory_bomb" / "results.json").read_text())
    bombed = [t for t in data["tests"] if t["number"].endswith("/random_mini_batches")]
    others = [t for t in data["tests"] if not t["number"].endswith("/random_mini_batches")]
    from autograder.sandbox import Limits

    cap = Limits().memory_mb
    ok_bomb = all(t["score"] == 0 for t in bombed) and all(t["status"] == "passed" for t in others)
    return [
        _row("memory", f"peak RSS of a sandbox process, {len(students)} students", f"{peak['sandbox_mb']:.0f} MB",
             f"VmHWM of {peak['processes']} zygote and worker processes, sampled every 3 ms; the trusted "
             f"grader process (--jobs 1): {peak['grader_mb']:.0f} MB",
             goal="<= 300 MB", met=peak["sandbox_mb"] <= 300),
        _row("memory", "memory bomb (100 MB more per turn, forever)", f"{boom['sandbox_mb']:.0f} MB peak",
             f"cap: zygote + {cap} MB address space; random_mini_batches "
             f"{sum(t['score'] for t in bombed):g}/{sum(t['max_score'] for t in bombed):g}, other checks "
             f"{sum(t['status'] == 'passed' for t in others)}/{len(others)} passed; MemAvailable "
             f"{boom['available_before_mb']:.0f} -> lowest {boom['available_low_mb']:.0f} MB",
             goal="stopped, 0 for it", met=ok_bomb),
    ]


def notebooks() -> list[dict]:
    import nbformat
    from nbclient import NotebookClient

    folder = REPO / "solutions" / course.ASSIGNMENT

    def execute(nb) -> float:
        start = time.perf_counter()
        client = NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(folder)}})
        client.execute(stderr=subprocess.DEVNULL)  # the kernels' start-up warnings are not ours to print
        return time.perf_counter() - start

    trivial = [execute(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")])) for _ in range(4)]
    empty = statistics.median(trivial[1:])  # the first start reads everything from disk
    rows = [_row("notebooks", "kernel start + one trivial cell (nbclient)", f"{empty:.2f} s",
                 f"median of 3 after a first start of {trivial[0]:.2f} s")]
    for nb_name in course.NOTEBOOKS:
        runs = [execute(nbformat.read(folder / f"{nb_name}.ipynb", as_version=4)) for _ in range(3)]
        total = min(runs)
        rows.append(_row("notebooks", f"solutions/{nb_name}.ipynb top to bottom", f"{total:.2f} s",
                         f"best of 3 (median {statistics.median(runs):.2f} s), a fresh kernel each, its start "
                         f"included; {max(total - empty, 0):.2f} s without it", goal="< 5 s", met=total < 5))
    return rows


# ----------------------------------------------------------------------------- what each layer costs

_FILTER_CHILD = """
import os, sys, time
sys.path.insert(0, sys.argv[1])
import filters
filters._libc()
scratch = sys.argv[2]
install = sys.argv[3] == "1"
n = int(sys.argv[4])
times = []
for _ in range(n):
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        if install:
            filters.install_landlock([os.path.dirname(os.__file__)], [scratch], ["/dev/null"])
            filters.install_seccomp(allow_fork=True, restrict_signals=False)
        os._exit(0)
    os.waitpid(pid, 0)
    times.append(time.perf_counter() - start)
times.sort()
print(times[len(times) // 2])
"""


def layers(tmp: Path, submitted: Path, students: list[str]) -> list[dict]:
    """The class graded in each isolation mode this machine offers (the same students, the same grades),
    and the setup cost of the layers themselves: the filters per session, the cgroup per student."""
    from autograder.sandbox import cgroups, modes

    n = len(students)
    rows, base = [], None
    found = modes.problems()
    for mode in ("bubblewrap", "uid", "landlock", "python-only (insecure)"):
        if found.get(mode):
            rows.append(_row("layers", f"class of {n} in the {mode} mode", "not run", found[mode][:120]))
            continue
        results = tmp / f"layers-{mode.split()[0]}"
        cmd = [PY, "-m", "autograder", "grade", str(submitted), "--results", str(results), "--quiet", "--jobs", str(JOBS)]
        env = {"AUTOGRADER_ISOLATION": mode} if mode in found else {}
        wall, _ = _run(cmd + (["--insecure-python-only"] if mode not in found else []), **env)
        scores = cli_scores(results)
        base = base or (wall, scores)
        diff = differing(base[1], scores)
        rows.append(_row("layers", f"class of {n} in the {mode} mode", f"{wall:.1f} s",
                         f"{wall / n * 1e3:.0f} ms per student, {wall / base[0]:.2f}x the bubblewrap mode; "
                         f"students scored differently: {diff}", goal="0 differences", met=diff == 0))
    from autograder.sandbox.view import FILTERS

    scratch = tmp / "filters-scratch"
    scratch.mkdir(exist_ok=True)
    got = {}
    for install in ("0", "1"):
        done = subprocess.run([PY, "-I", "-c", _FILTER_CHILD, str(FILTERS.parent), str(scratch), install, "200"],
                              capture_output=True, text=True, timeout=300)
        got[install] = float(done.stdout.strip()) if done.returncode == 0 else float("nan")
    rows.append(_row("layers", "seccomp + Landlock installed in a forked session", f"{(got['1'] - got['0']) * 1e3:.2f} ms",
                     f"median of 200 forks: {got['1'] * 1e3:.2f} ms with, {got['0'] * 1e3:.2f} ms without"))
    times = []
    for i in range(20):
        start = time.perf_counter()
        group = cgroups.StudentGroup.create(f"bench-{os.getpid()}-{i}", processes=20, memory_bytes=2**30)
        if group is None:
            break
        group.remove()
        times.append(time.perf_counter() - start)
    rows.append(_row("layers", "a cgroup made and removed per student",
                     f"{statistics.median(times) * 1e3:.2f} ms" if times else "not available",
                     "median of 20" if times else "no writable cgroup tree here"))
    return rows


# ----------------------------------------------------------------------------- driver and table


def _row(part: str, figure: str, value: str, note: str = "", goal: str = "", met: bool | None = None) -> dict:
    return {"part": part, "figure": figure, "value": value, "goal": goal,
            "met": "" if met is None else ("yes" if met else "NO"), "note": note}


def run(students: int = STUDENTS, stock_students: int = STOCK_STUDENTS, parts=PARTS, seed: int = 0,
        keep: str | None = None) -> list[dict]:
    """Every part in ``parts`` on one synthetic class of ``students``; rows of the table."""
    tmp = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="bench-grading-"))
    tmp.mkdir(parents=True, exist_ok=True)
    try:
        submitted = tmp / "class"
        start = time.perf_counter()
        plans = synthetic.make_class(submitted, students, seed, secret=SECRET)
        ids = [p.student_id for p in plans]
        rows = [_row("class", f"synthetic class, seed {seed}", f"{students} students",
                     f"{synthetic.describe(plans).split(': ', 1)[1]}; written in {time.perf_counter() - start:.1f} s")]
        facts: dict = {}
        if "throughput" in parts or "overhead" in parts:
            more, facts = throughput(tmp, submitted, ids, stock_students if "throughput" in parts else 0)
            rows += more if "throughput" in parts else []
        if "overhead" in parts:
            rows += overhead(facts, submitted, ids)
        if "breakdown" in parts:
            rows += breakdown(tmp, submitted, ids[:BREAKDOWN_STUDENTS])
        if "latency" in parts:
            perfect = next((p.student_id for p in plans if all(c.kind == "correct" for c in p.exercises.values())), ids[0])
            rows += latency(tmp, submitted, perfect)
        if "memory" in parts:
            rows += memory(tmp, submitted, ids[:MEMORY_STUDENTS])
        if "notebooks" in parts:
            rows += notebooks()
        if "layers" in parts:
            rows += layers(tmp, submitted, ids[:LAYERS_STUDENTS])
        return rows
    finally:
        if not keep:
            shutil.rmtree(tmp, ignore_errors=True)


def report(rows: list[dict]) -> str:
    columns = ["part", "figure", "value", "goal", "met", "note"]
    widths = {c: max(len(c), *(len(str(r[c])) for r in rows)) for c in columns[:-1]}
    lines = ["  ".join(c.ljust(widths[c]) for c in columns[:-1]) + "  note"]
    lines += ["  ".join(str(r[c]).ljust(widths[c]) for c in columns[:-1]) + "  " + r["note"] for r in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.grading", description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=STUDENTS)
    parser.add_argument("--stock-students", type=int, default=STOCK_STUDENTS)
    parser.add_argument("--parts", default=",".join(PARTS), help=f"comma-separated, of {', '.join(PARTS)}")
    parser.add_argument("--keep", default=None, help="work in this folder and keep it")
    args = parser.parse_args(argv)
    print(report(run(args.students, args.stock_students, args.parts.split(","), keep=args.keep)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
