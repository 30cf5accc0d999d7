"""Build class folders of submissions and grade them through the CLI and through nbgrader autograde.

Shared by tests/test_attacks.py, tests/test_grade_cli.py and tests/test_nbgrader_autograde.py. The
expensive part (one nbgrader course with generate_assignment, one autograde run and one CLI run over
the same class) is built once per test session by ``graded_class()``.
"""

from __future__ import annotations

import atexit
import dataclasses
import functools
import hashlib
import http.server
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import nbformat

from autograder import course
from autograder.nbgrader_plugin import gradebook_scores as nbgrader_scores
from autograder.report import function_scores as cli_scores

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
VENV_BIN = Path(sys.executable).parent
PAYLOAD = re.compile(r"^[ \t]*# BEGIN PAYLOAD\n.*?^[ \t]*# END PAYLOAD\n", re.MULTILINE | re.DOTALL)
KEY_STUDENT = "answer_key"
DAMAGED = "damaged"  # 02 not submitted, 03 without two cells (see make_damaged)
BUGGY = "buggy"  # the answer key but for one mutant of each class or function-taking exercise (see BUGGY_MUTANTS)
# a realistic bug in each exercise graded through a driver or built of several solution regions, so that the
# CLI-nbgrader agreement also covers those paths (one mutant per function; its other functions are the baseline's)
BUGGY_MUTANTS = ("engine_assign_grads", "hunt_nd_forward", "hunt_bug_db1", "hunt_bc_not_averaged")
TIMEOUT = 1.0  # CPU seconds per call while the attacks are graded (the loops and sleeps cost this much)
CELLS_TIMEOUT = 2.0  # CPU seconds for a notebook's cells (the top-level loops cost this much)


@dataclass(frozen=True)
class Attack:
    name: str
    path: Path
    student: str  # "a", "c": acts inside its function; "b", "d": acts at the top level of its cell
    function: str
    what: str

    @property
    def notebook(self) -> str:
        return course.notebook_of(self.function)

    def source(self, payload: bool, places: dict[str, str]) -> str:
        text = self.path.read_text(encoding="utf-8")
        if not payload:
            text = PAYLOAD.sub("", text)
        for key, value in places.items():
            text = text.replace(key, value)
        return text


def load_attacks() -> list[Attack]:
    attacks = []
    for path in sorted(HERE.glob("[a-d][0-9]*.py")):
        head = dict(re.findall(r"^# (attack|student|function): (.*)$", path.read_text(encoding="utf-8"), re.MULTILINE))
        attacks.append(Attack(path.stem, path, head["student"].strip(), head["function"].strip(), head["attack"]))
    return attacks


def baseline_sources() -> dict[str, str]:
    sys.path.insert(0, str(REPO / "tests"))
    try:
        import corpus
    finally:
        sys.path.pop(0)
    return {**corpus.submission_sources(), "bug_report": corpus.MEASURED_BUG_REPORT}  # right for every student id


def buggy_sources() -> dict[str, str]:
    """The baseline with the functions of BUGGY_MUTANTS replaced by those mutants' (helpers included)."""
    sys.path.insert(0, str(REPO / "tests"))
    try:
        import corpus
    finally:
        sys.path.pop(0)
    cells = {**corpus.submission_sources(), "bug_report": corpus.MEASURED_BUG_REPORT}
    mutants = {v.name: v for v in corpus.load_mutants()}
    for name in BUGGY_MUTANTS:
        mine = corpus.submission_sources(mutants[name])
        cells.update({fn: mine[fn] for fn in mutants[name].functions if fn in mine})
    return cells


def write_submission(folder: Path, cells: dict[str, str], notebooks=None, others: bool = True) -> None:
    """``folder/<nb>.ipynb`` for every notebook: the release, with ``cells`` (function -> source) put into
    the solution cells of the notebooks in ``notebooks`` (default: those ``cells`` touches). ``others``
    False: only those notebooks are submitted (the others missing, as a student who hands in one part)."""
    folder.mkdir(parents=True, exist_ok=True)
    fill = set(notebooks) if notebooks is not None else {course.notebook_of(fn) for fn in cells}
    for nb_name in course.NOTEBOOKS:
        if not others and nb_name not in fill:
            continue
        nb = nbformat.read(REPO / "release" / course.ASSIGNMENT / f"{nb_name}.ipynb", as_version=4)
        if nb_name in fill:
            for cell in nb.cells:
                grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
                if cell.metadata.get("nbgrader", {}).get("solution") and grade_id in cells:
                    cell.source = cells[grade_id]
        nbformat.write(nb, folder / f"{nb_name}.ipynb")


def copy_notebooks(src: Path, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for nb_name in course.NOTEBOOKS:
        shutil.copy(src / f"{nb_name}.ipynb", folder / f"{nb_name}.ipynb")


def make_damaged(folder: Path, base: dict[str, str]) -> None:
    """A correct submission with damage nbgrader tolerates: 02_activations not submitted; in 03_network
    the solution cell of compute_cost deleted and the test cell of train deleted."""
    write_submission(folder, base, notebooks=set(course.NOTEBOOKS))
    (folder / "02_activations.ipynb").unlink()
    path = folder / "03_network.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") not in ("compute_cost", "test_train")]
    nbformat.write(nb, path)


class _Server(http.server.BaseHTTPRequestHandler):
    """Serves the baseline's code for any function: an attack that reaches it would score."""

    hits: list[str] = []
    sources: dict[str, str] = {}

    def do_GET(self):  # noqa: N802
        type(self).hits.append(self.path)
        body = self.sources.get(self.path.strip("/"), "").encode()
        self.send_response(200)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def start_server(sources: dict[str, str]):
    _Server.sources = sources
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Server)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def hash_tree(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def site_packages() -> Path:
    return Path(sysconfig.get_paths()["purelib"])


def run_cli(submitted: Path, results: Path, *extra: str, timeout=TIMEOUT, cwd=REPO, tmp=None,
            wait: float = 600) -> subprocess.CompletedProcess:
    """The CLI on ``submitted``; ``wait``: the seconds it may take (a class of hundreds needs more beside a suite)."""
    cmd = [sys.executable, "-m", "autograder", "grade", str(submitted), "--results", str(results),
           "--timeout", str(timeout), "--cells-timeout", str(CELLS_TIMEOUT), "--quiet", *extra]
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=wait, env=_env(tmp))


def grading_secret() -> str:
    """The course secret the grading subprocesses use (the environment's, else the tests' own)."""
    return _env()["AUTOGRADER_SECRET"]


def _env(tmp: Path | None = None) -> dict:
    """The environment of a grading subprocess; ``tmp`` becomes its TMPDIR, so that its sandbox
    processes can be told from those of anything else running on the machine."""
    env = dict(os.environ)
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
    env.setdefault("AUTOGRADER_SECRET", "test-secret")
    if tmp is not None:
        Path(tmp).mkdir(parents=True, exist_ok=True)
        env["TMPDIR"] = str(tmp)
    return env


def make_course(root: Path, timeout=TIMEOUT) -> Path:
    """An nbgrader course folder at ``root``: this repo's source notebooks and config, the assignment
    generated (gradebook.db), and ``submitted/`` empty."""
    shutil.copytree(REPO / "source", root / "source")
    config = (REPO / "nbgrader_config.py").read_text(encoding="utf-8")
    config += f"\nc.SandboxGrade.timeout = {timeout}\nc.SandboxGrade.load_cpu = {CELLS_TIMEOUT}\n"
    (root / "nbgrader_config.py").write_text(config, encoding="utf-8")
    nbgrader("generate_assignment", course.ASSIGNMENT, "--force", cwd=root)
    (root / "submitted").mkdir()
    return root


def nbgrader(*args: str, cwd: Path, tmp=None) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(VENV_BIN / "nbgrader"), *args], cwd=cwd, capture_output=True, text=True,
                          timeout=900, env=_env(tmp))
    if proc.returncode != 0:
        raise AssertionError(f"nbgrader {' '.join(args)} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-5000:]}")
    return proc


def sandbox_processes(tmp: Path) -> list[str]:
    """Command lines of live processes that grading with TMPDIR ``tmp`` may have left behind (and the
    attacks' ``sleep 987654``)."""
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            cmd = (Path("/proc") / pid / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if "987654" in cmd or "detached_alive" in cmd or ("autograder-sandbox-" in cmd and str(tmp) in cmd):
            found.append(f"{pid}: {cmd[:200]}")
    return found


@dataclass
class GradedClass:
    root: Path  # the nbgrader course folder (submitted/, gradebook.db, feedback/ ...)
    submitted: Path
    results: Path  # the CLI's RESULTS folder
    cli: dict  # {student: {function: score}}
    nbgrader: dict
    attacks: list
    places: dict
    hashes_before: dict
    hashes_after: dict
    site_before: set
    site_after: set
    server_hits: list
    cli_proc: subprocess.CompletedProcess
    leftover_after_cli: list
    leftover_after_nbgrader: list
    mark: Path
    again_proc: subprocess.CompletedProcess  # a second CLI run, one student at a time, after the attacks
    again: dict


@functools.lru_cache(maxsize=1)
def graded_class() -> GradedClass:
    """The attack class graded twice by the CLI and once by nbgrader autograde, once per test run (the first of
    the test processes that asks grades it, the others wait for it: tests/once.py), with a course folder of this
    process's own (its tests run nbgrader generate_feedback in it)."""
    sys.path.insert(0, str(HERE.parent))
    try:
        import once
    finally:
        sys.path.pop(0)
    if once.shared_folder() is None:
        tmp = Path(tempfile.mkdtemp(prefix="autograder-attack-class-"))
        atexit.register(shutil.rmtree, tmp, True)
        return _grade_attack_class(tmp)
    graded = once.once_per_run("attack-class", _grade_attack_class)
    mine = Path(tempfile.mkdtemp(prefix="autograder-attack-course-"))
    atexit.register(shutil.rmtree, mine, True)
    shutil.copytree(graded.root, mine / "course", symlinks=True)
    return dataclasses.replace(graded, root=mine / "course")


def _grade_attack_class(tmp: Path) -> GradedClass:
    root = make_course(tmp / "course")
    submitted = root / "submitted"
    mark = tmp / "marks"
    mark.mkdir()
    base = baseline_sources()
    server = start_server(base)
    results = tmp / "results"
    places = {"__REPO__": str(REPO), "__SUBMITTED__": str(submitted), "__NEIGHBOUR__": KEY_STUDENT,
              "__RESULTS__": str(results),
              "__SITE__": str(site_packages()), "__PORT__": str(server.server_address[1]), "__MARK__": str(mark)}
    attacks = load_attacks()
    copy_notebooks(REPO / "solutions" / course.ASSIGNMENT, submitted / KEY_STUDENT / course.ASSIGNMENT)
    copy_notebooks(REPO / "release" / course.ASSIGNMENT, submitted / "release" / course.ASSIGNMENT)
    for student in sorted({a.student for a in attacks}):
        mine = [a for a in attacks if a.student == student]
        for payload, who in ((True, f"attacker_{student}"), (False, f"control_{student}")):
            cells = dict(base)
            for a in mine:
                cells[a.function] = a.source(payload, places)
            write_submission(submitted / who / course.ASSIGNMENT, cells, notebooks=set(course.NOTEBOOKS))
    make_damaged(submitted / DAMAGED / course.ASSIGNMENT, base)
    write_submission(submitted / BUGGY / course.ASSIGNMENT, buggy_sources(), notebooks=set(course.NOTEBOOKS))
    site_before = {str(p) for p in site_packages().rglob("*")}
    hashes_before = hash_tree(submitted)
    try:
        cli_proc = run_cli(submitted, results, "--jobs", "2", tmp=tmp / "cli-tmp")
        leftover_cli = sandbox_processes(tmp / "cli-tmp")
        again = run_cli(submitted, tmp / "results-again", "--jobs", "1", tmp=tmp / "cli-tmp-again")
        nbgrader("autograde", course.ASSIGNMENT, cwd=root, tmp=tmp / "nbgrader-tmp")
        leftover_nbg = sandbox_processes(tmp / "nbgrader-tmp")
        hashes_after = hash_tree(submitted)
        site_after = {str(p) for p in site_packages().rglob("*")}
    finally:
        server.shutdown()
    return GradedClass(root, submitted, results, cli_scores(results), nbgrader_scores(root), attacks, places,
                       hashes_before, hashes_after, site_before, site_after, list(_Server.hits), cli_proc,
                       leftover_cli, leftover_nbg, mark, again, cli_scores(tmp / "results-again"))
