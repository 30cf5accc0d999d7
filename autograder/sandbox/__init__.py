"""``SandboxCall``: the check engine's ``call``, backed by untrusted processes under kernel isolation.

Trusted side of the sandbox. The grader (``autograder.grade`` or the nbgrader preprocessor) keeps
everything that decides a score: it makes the inputs, runs the reference, compares and writes results.
Student code runs only in ``worker.py`` processes (see its docstring, and docs/security.md):

    grader --(control socket)--> zygote (python -I -S, inside bubblewrap: own user/PID/mount/net/IPC ns)
      |                              | fork, one session per notebook (a few when the taint rule says so)
      +------(session socket)---> session: runs the notebook's cells once
                                     | fork, one per call, from the state the cells left
                                     +--> call process: one request, one answer, exit

One ``Zygote`` (one bubblewrap instance, one scratch tmpfs) serves one student: students graded at the
same time never share a PID namespace, a uid or a scratch folder. Without bubblewrap the grader
refuses to run unless the instructor asks for the Python-only mode explicitly (``isolation()``).

What crosses back is tagged ``protocol`` frames of plain data, read with size caps and deadlines and
validated by ``protocol.decode``; nothing is unpickled. Time limits that decide a grade are CPU time
(the cells' budget and each call's), enforced by the kernel, so the load of the machine does not
change a grade; wall-clock limits are backstops far above them.
"""

from __future__ import annotations

import atexit
import builtins
import functools
import inspect
import itertools
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path

from autograder.checks.engine import CallOutcome, StudentError
from autograder.sandbox import protocol

WORKER = Path(__file__).with_name("worker.py")
PROTOCOL = Path(__file__).with_name("protocol.py")
BUBBLEWRAP = "bubblewrap"
PYTHON_ONLY = "python-only (insecure)"
# Libraries graded code may import besides the standard library (with what they need to run).
STUDENT_LIBRARIES = ("numpy", "matplotlib", "tqdm")
LIB_MOUNT = "/opt/autograder-lib"  # where the allowed libraries appear inside bubblewrap
SCRATCH_MOUNT = "/tmp"  # the size-capped tmpfs inside bubblewrap


@dataclass(frozen=True)
class Limits:
    """What one call, one notebook's cells and one notebook's calls may use (docs/grading.md)."""

    timeout: float = 10.0  # CPU seconds per call of a student function (kernel: RLIMIT_CPU)
    load_cpu: float = 60.0  # CPU seconds for running the notebook's cells once (kernel: RLIMIT_CPU)
    call_wall: float | None = None  # wall-clock backstop per call (a call that sleeps): 6 x timeout
    load_wall: float | None = None  # wall-clock backstop for running the cells: 5 x load_cpu
    notebook_timeout: float = 900.0  # wall-clock backstop for one notebook, cells and calls together
    memory_mb: int = 1024  # address space on top of the zygote's
    file_size_mb: int = 16  # largest file a call may write
    scratch_mb: int = 256  # all files of one student together (bubblewrap's tmpfs)
    max_output_mb: int = 64  # largest answer a call may send back
    processes: int = 64  # processes of one student at once (RLIMIT_NPROC, bubblewrap only)
    max_skipped_cells: int = 3  # cells skipped for going over the cells' budget before giving up

    def __post_init__(self):
        if self.call_wall is None:
            object.__setattr__(self, "call_wall", 6 * self.timeout)
        if self.load_wall is None:
            object.__setattr__(self, "load_wall", 5 * self.load_cpu)


# ----------------------------------------------------------------------------- isolation


class IsolationUnavailable(RuntimeError):
    """Kernel-level isolation is missing and the Python-only mode was not asked for."""


@functools.lru_cache(maxsize=1)
def _bwrap_problem() -> str | None:
    """None if bubblewrap can make every namespace the sandbox uses here, else why not."""
    if os.environ.get("AUTOGRADER_BWRAP") == "0":
        return "AUTOGRADER_BWRAP=0 is set"
    exe = shutil.which("bwrap")
    if not exe:
        return "bubblewrap (bwrap) is not installed"
    args = [exe, "--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent", "--uid", "4242",
            "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev", "--size", "1048576", "--tmpfs", "/tmp", "true"]
    try:
        done = subprocess.run(args, capture_output=True, timeout=20)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"bubblewrap could not run ({exc})"
    if done.returncode != 0:
        return "bubblewrap cannot create user, PID and network namespaces here: " + \
            done.stderr.decode("utf-8", "replace").strip()[:200]
    return None


def kernel_isolation_problem() -> str | None:
    """None when graded code can run under kernel-level isolation (bubblewrap), else the reason."""
    return _bwrap_problem()


def isolation(insecure_python_only: bool = False) -> str:
    """The isolation mode to grade with: BUBBLEWRAP, or PYTHON_ONLY only when asked for explicitly.

    Raises ``IsolationUnavailable`` (with what to do) when bubblewrap is missing and the Python-only
    mode was not asked for: untrusted work is never graded without kernel isolation by surprise."""
    if insecure_python_only:
        return PYTHON_ONLY
    problem = kernel_isolation_problem()
    if problem:
        raise IsolationUnavailable(
            f"kernel-level isolation is not available: {problem}. Student code must not run without it: "
            "install bubblewrap (Debian/Ubuntu: apt-get install bubblewrap) on a machine that allows user "
            "namespaces, or, for submissions you trust, pass --insecure-python-only "
            "(nbgrader: c.SandboxGrade.insecure_python_only = True). See docs/security.md.")
    return BUBBLEWRAP


def _default_isolation() -> str:
    return isolation(os.environ.get("AUTOGRADER_INSECURE_PYTHON_ONLY") == "1")


# ----------------------------------------------------------------------------- what the sandbox may read


def _site_dir() -> Path:
    import numpy

    return Path(numpy.__file__).resolve().parent.parent


@functools.lru_cache(maxsize=1)
def library_entries() -> tuple[tuple[str, str], ...]:
    """``(name, real path)`` of every top-level file or folder of the allowed libraries and of what
    they require (numpy, matplotlib, tqdm, pillow, ...): all that graded code can import besides the
    standard library, the same with and without bubblewrap."""
    from importlib import metadata

    try:
        from packaging.requirements import Requirement
    except ImportError:  # pragma: no cover  (matplotlib requires packaging)
        Requirement = None
    todo, seen, entries = list(STUDENT_LIBRARIES), set(), {}
    while todo:
        name = todo.pop()
        key = name.lower().replace("_", "-")
        if key in seen:
            continue
        seen.add(key)
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        for req in dist.requires or []:
            if Requirement is None:
                continue
            try:
                r = Requirement(req)
            except Exception:  # noqa: BLE001
                continue
            if r.marker is None or r.marker.evaluate({"extra": ""}):
                todo.append(r.name)
        base = Path(dist.locate_file("")).resolve()
        for f in dist.files or []:
            top = f.parts[0] if f.parts else ""
            if not top or top in ("..", "__pycache__") or top.endswith((".dist-info", ".egg-info", ".pth")):
                continue
            path = base / top
            if path.exists() and top not in entries:
                entries[top] = str(path.resolve())
    return tuple(sorted(entries.items()))


def _stdlib_dirs() -> list[str]:
    paths = sysconfig.get_paths()
    return sorted({os.path.realpath(paths["stdlib"]), os.path.realpath(paths["platstdlib"])})


@functools.lru_cache(maxsize=1)
def _symlink_library() -> str:
    """For the Python-only mode: a folder of links to exactly the allowed libraries, so that graded
    code can import the same modules as under bubblewrap (which mounts only those)."""
    root = tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}lib-{os.getpid()}-")
    for name, path in library_entries():
        os.symlink(path, os.path.join(root, name))
    os.chmod(root, 0o755)
    atexit.register(shutil.rmtree, root, True)
    return root


@functools.lru_cache(maxsize=1)
def _font_cache() -> str | None:
    """matplotlib's font list, built once per grading process (a second of CPU) and copied into each
    sandbox, so that ``import matplotlib`` in graded code costs what it costs on a warm machine."""
    folder = tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}mpl-{os.getpid()}-")
    atexit.register(shutil.rmtree, folder, True)
    code = ("import sys; sys.path.append(sys.argv[1]); import matplotlib; matplotlib.use('Agg'); "
            "import matplotlib.font_manager")
    env = {"MPLCONFIGDIR": folder, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    try:
        subprocess.run([os.path.realpath(sys.executable), "-I", "-S", "-c", code, str(_site_dir())], env=env,
                       capture_output=True, timeout=120, check=True)
    except (OSError, subprocess.SubprocessError):
        return None
    os.chmod(folder, 0o755)
    for f in Path(folder).iterdir():
        os.chmod(f, 0o644)
    return folder


def _bwrap_command(uid: int, scratch_bytes: int, fonts: str | None) -> list[str]:
    cmd = ["bwrap", "--unshare-all", "--unshare-user", "--disable-userns", "--uid", str(uid), "--gid", str(uid),
           "--die-with-parent", "--new-session", "--cap-drop", "ALL", "--ro-bind", "/usr", "/usr"]
    for top in ("/lib", "/lib64", "/lib32", "/bin", "/sbin"):
        if os.path.islink(top):
            cmd += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            cmd += ["--ro-bind", top, top]
    cmd += ["--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache", "--proc", "/proc", "--dev", "/dev",
            "--size", str(scratch_bytes), "--tmpfs", SCRATCH_MOUNT]
    prefix = os.path.realpath(sys.base_prefix)
    if not prefix.startswith("/usr/"):
        cmd += ["--ro-bind", prefix, prefix]
    for name, path in library_entries():
        cmd += ["--ro-bind", path, f"{LIB_MOUNT}/{name}"]
    cmd += ["--ro-bind", str(WORKER), "/opt/autograder-worker/worker.py",
            "--ro-bind", str(PROTOCOL), "/opt/autograder-worker/protocol.py"]
    if fonts:
        cmd += ["--ro-bind", fonts, "/opt/autograder-fonts"]
    cmd += ["--chdir", SCRATCH_MOUNT]
    return cmd


SCRATCH_PREFIX = "autograder-sandbox-"
_SERIAL = itertools.count()


def _sandbox_uid() -> int:
    """The uid graded code runs as inside bubblewrap: different for every grading process at a time."""
    return 100_000 + os.getpid() % 800_000


class Zygote:
    """One sandbox: a zygote process that forks the sessions of one student. Not thread-safe.

    ``isolation`` is BUBBLEWRAP (the default when available; see ``isolation()``) or PYTHON_ONLY.
    ``preload`` names modules to import once in the zygote (matplotlib when the student uses it)."""

    def __init__(self, isolation_: str | None = None, preload: tuple[str, ...] = (), limits: Limits | None = None):
        self.isolation = isolation_ or _default_isolation()
        self.tag = f"{tempfile.gettempdir()}/{SCRATCH_PREFIX}{os.getpid()}-{next(_SERIAL)}"
        limits = limits or Limits()
        _sweep_stale_scratch()
        fonts = _font_cache() if any(m.startswith("matplotlib") for m in preload) else None
        ctl, child_end = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)  # one message a request
        python = os.path.realpath(sys.executable)
        env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1",
               "MKL_NUM_THREADS": "1", "MPLBACKEND": "Agg"}
        if self.isolation == BUBBLEWRAP:
            self.scratch = None  # a tmpfs inside the sandbox: it ends with it
            scratch, lib, worker = SCRATCH_MOUNT, LIB_MOUNT, "/opt/autograder-worker/worker.py"
            read_roots = _stdlib_dirs() + [LIB_MOUNT, "/usr/share/fonts", "/opt/autograder-fonts"]
            cmd = _bwrap_command(_sandbox_uid(), limits.scratch_mb * 2**20, fonts)
            fonts_inside = "/opt/autograder-fonts" if fonts else None
        else:
            self.scratch = tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-")
            os.chmod(self.scratch, 0o711)
            scratch, lib, worker = self.scratch, _symlink_library(), str(WORKER)
            read_roots = _stdlib_dirs() + [path for _, path in library_entries()] + ["/usr/share/fonts"]
            read_roots += [fonts] if fonts else []
            cmd, fonts_inside = [], fonts
        mpl = os.path.join(scratch, "mplconfig")
        config = {
            "ctl": child_end.fileno(),
            "paths": [lib],
            "scratch": scratch,
            "read_roots": [os.path.realpath(p).rstrip("/") + "/" for p in read_roots] + [mpl + "/"],
            "preload": list(preload),
            "memory_mb": limits.memory_mb,
            "fonts": fonts_inside,
            "env": {**env, "MPLCONFIGDIR": mpl, "HOME": scratch, "TMPDIR": scratch},
            "drop_uid": os.environ.get("AUTOGRADER_DROP_UID", "1") != "0",
            "tag": self.tag,  # tells this sandbox's processes apart (tests, clean-up)
        }
        cmd = cmd + [python, "-I", "-S", "-B", worker, json.dumps(config)]
        self._log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(cmd, pass_fds=[child_end.fileno()], env=env, cwd=self.scratch or "/",
                                     stdin=subprocess.DEVNULL, stdout=self._log, stderr=self._log,
                                     start_new_session=True)
        child_end.close()
        self.ctl = ctl
        self._lines = ctl.makefile("rb")
        ctl.settimeout(120)
        try:
            hello = self._read_line()
        except (OSError, ValueError) as exc:
            self.close()
            raise RuntimeError(f"the sandbox did not start: {exc}; its log: {self._log_text()}") from None
        self.pid = hello["pid"]
        self.base_vm = hello.get("vm", 0) or 512 * 2**20
        self._status: dict[int, dict] = {}
        self._forget: set[int] = set()

    def _log_text(self) -> str:
        self._log.seek(0)
        return self._log.read()[-2000:].decode("utf-8", "replace")

    def _read_line(self) -> dict:
        line = self._lines.readline(65536)
        if not line:
            raise EOFError("the sandbox closed its control socket")
        return json.loads(line)

    def alive(self) -> bool:
        """Whether the zygote still serves (a student's code can kill its own sandbox)."""
        if self.proc.poll() is not None or self.ctl.fileno() < 0:
            return False
        import select

        try:
            readable, _, _ = select.select([self.ctl], [], [], 0)
            return not readable or self.ctl.recv(1, socket.MSG_PEEK) != b""  # readable with no data: EOF
        except (OSError, ValueError):
            return False

    def fork(self, session_end: socket.socket, limits: Limits) -> int:
        """Start one session on ``session_end`` (a socket whose other end the caller keeps); its pid
        as the zygote sees it."""
        request = {
            "load_cpu": limits.load_cpu,
            "call_cpu": limits.timeout,
            "wall": limits.notebook_timeout + limits.load_wall + 60,
            "address_space": self.base_vm + limits.memory_mb * 2**20,
            "file_size": limits.file_size_mb * 2**20,
            "processes": limits.processes,
        }
        self.ctl.settimeout(30)
        socket.send_fds(self.ctl, [json.dumps(request).encode()], [session_end.fileno()])
        while True:
            line = self._read_line()
            if "pid" in line and len(line) == 1:
                return int(line["pid"])
            self._ended(line)

    def kill(self, pid: int) -> None:
        """Kill session ``pid`` and its process group (the zygote does it: pids are its namespace's)."""
        try:
            self.ctl.settimeout(10)
            self.ctl.sendall(json.dumps({"kill": pid}).encode())
        except OSError:
            pass

    def _ended(self, report: dict) -> None:
        pid = report.get("pid")
        if pid in self._forget:
            self._forget.discard(pid)
        else:
            self._status[pid] = report

    def forget(self, pid: int) -> None:
        """The caller does not need to know how session ``pid`` ends."""
        if self._status.pop(pid, None) is None:
            self._forget.add(pid)

    def wait(self, pid: int, timeout: float) -> dict:
        """How session ``pid`` ended: {"exit": code} or {"signal": number}."""
        self.ctl.settimeout(timeout)
        while pid not in self._status:
            line = self._read_line()
            if "pid" in line and len(line) == 1:
                raise RuntimeError("the sandbox answered a request that was not made")
            self._ended(line)
        return self._status.pop(pid)

    def close(self) -> None:
        try:
            self.ctl.shutdown(socket.SHUT_RDWR)  # the zygote sees EOF, kills its sessions and exits
        except OSError:
            pass
        for f in (getattr(self, "_lines", None), self.ctl):
            try:
                f.close() if f is not None else None
            except OSError:
                pass
        try:
            self.proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            pass
        _killpg(self.proc.pid)
        self.proc.kill()
        self.proc.wait()
        if self.scratch:
            remove_tree(self.scratch)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def remove_tree(path: str) -> None:
    """Delete ``path`` with ``rm`` (iterative and symlink-safe whatever a student left there: a chain of
    thousands of folders does not make it recurse), then whatever ``rm`` could not."""
    try:
        subprocess.run(["rm", "-rf", "--one-file-system", "--", path], capture_output=True, timeout=120)
    except (OSError, subprocess.SubprocessError):
        pass
    if os.path.lexists(path):
        shutil.rmtree(path, ignore_errors=True)


def _sweep_stale_scratch() -> None:
    """Delete the scratch folders of graders that died without cleaning up (kill -9)."""
    for path in Path(tempfile.gettempdir()).glob(f"{SCRATCH_PREFIX}*-*"):
        owner = path.name[len(SCRATCH_PREFIX):].split("-")
        pid = next((p for p in owner if p.isdigit()), None)
        if pid and not Path(f"/proc/{pid}").exists():
            remove_tree(str(path))


def _killpg(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


_ZYGOTE: Zygote | None = None
_ZYGOTE_PID: int | None = None


def zygote() -> Zygote:
    """This process's shared zygote (for ``SandboxCall`` without one), started on first use and again
    if it died. The grader gives every student a zygote of its own instead (``autograder.grade``)."""
    global _ZYGOTE, _ZYGOTE_PID
    if _ZYGOTE is not None and (_ZYGOTE_PID != os.getpid() or not _ZYGOTE.alive()):
        if _ZYGOTE_PID == os.getpid():
            _ZYGOTE.close()
        _ZYGOTE = None  # a forked grader process gets its own
    if _ZYGOTE is None:
        _ZYGOTE = Zygote(preload=("matplotlib", "matplotlib.pyplot", "tqdm", "tqdm.auto"))
        _ZYGOTE_PID = os.getpid()
    return _ZYGOTE


def shutdown() -> None:
    """Stop this process's shared zygote (and with it every session still running)."""
    global _ZYGOTE
    if _ZYGOTE is not None and _ZYGOTE_PID == os.getpid():
        _ZYGOTE.close()
    _ZYGOTE = None


atexit.register(shutdown)


def preload_for(sources) -> tuple[str, ...]:
    """The libraries worth importing once in a student's zygote, from the text of their cells."""
    text = "\n".join(sources)
    mods: tuple[str, ...] = ()
    if "matplotlib" in text or "pyplot" in text:
        mods += ("matplotlib", "matplotlib.pyplot")
    if "tqdm" in text:
        mods += ("tqdm", "tqdm.auto")
    return mods


@functools.lru_cache(maxsize=None)
def reference_source(name: str) -> str:
    """The source of reference function ``name``, to execute into the call's namespace."""
    from autograder.reference import REFERENCE

    return textwrap.dedent(inspect.getsource(REFERENCE[name]))


@functools.lru_cache(maxsize=None)
def driver_source(name: str) -> str:
    """The source of the checks' driver ``name`` (``Check.driver``), executed into the call's namespace."""
    from autograder.checks.engine import driver_function

    return textwrap.dedent(inspect.getsource(driver_function(name)))


MAX_WORKERS = 2  # live sessions per notebook: a clean one can wait while another serves provided calls


@dataclass
class _Session:
    """One session process serving the calls of one notebook."""

    pid: int
    sock: socket.socket
    zygote: Zygote
    taint: frozenset = frozenset()  # every reference function whose source this session may have seen
    buf: bytearray = field(default_factory=bytearray)
    pending: bool = False  # the last call answered; how its process ended (S) is still to be read
    status: dict = field(default_factory=dict)  # how the session ended, once ``_end(..., status=True)`` knew


class _Closed(Exception):
    pass


class _Late(Exception):
    pass


class _TooLarge(Exception):
    pass


_SIZES = {b"C": 4, b"L": None, b"R": None, b"S": None}


def _read_message(s: _Session, deadline: float, cap: int) -> tuple[bytes, bytes]:
    """The next message from session ``s``: (tag, payload). Raises _Late at the deadline, _Closed at
    EOF or on a malformed stream, _TooLarge past ``cap`` bytes."""
    while True:
        buf = s.buf
        if buf:
            tag = bytes(buf[:1])
            if tag not in _SIZES:
                raise _Closed()
            fixed = _SIZES[tag]
            if fixed is not None and len(buf) >= 1 + fixed:
                payload = bytes(buf[1:1 + fixed])
                del buf[:1 + fixed]
                return tag, payload
            if fixed is None and len(buf) >= 9:
                n = int.from_bytes(buf[1:9], "little")
                if n > cap:
                    raise _TooLarge()
                if len(buf) >= 9 + n:
                    payload = bytes(buf[9:9 + n])
                    del buf[:9 + n]
                    return tag, payload
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise _Late()
        try:
            s.sock.settimeout(remaining)
            chunk = s.sock.recv(1 << 20)
        except (socket.timeout, BlockingIOError):
            raise _Late() from None
        except InterruptedError:
            continue
        except OSError:
            chunk = b""
        if not chunk:
            raise _Closed()
        buf += chunk


# Words of the error messages of Python and numpy: a message shown after a call that was given
# reference functions may use these and the student's own words only (docs/security.md).
_VOCABULARY = set("""
a an the of and or not is are be to in on for with by at as from has have no can could cannot must was were
object objects type types name names defined attribute attributes index indices out bounds axis size sizes
dimension dimensions dim shape shapes operands broadcast broadcasting together aligned mismatch input inputs
operand core dimensions signature matmul gufunc array arrays scalar scalars argument arguments positional
keyword required missing unexpected takes given got value values invalid literal int float str list dict tuple
bool none NoneType ndarray numpy np only integer integers slices ellipsis valid unsupported operand operation
division zero by modulo key keys unhashable iterable iterate callable subscriptable support supports item items
assignment convert converted cannot reshape into too many few unpack expected length sequence element elements
setting dtype dtypes casting rule same kind ufunc loop encountered overflow underflow local variable referenced
before referenced free recursion maximum depth exceeded while calling python arithmetic math domain error
raised recursed deeply returned which plain data numbers lists tuples dicts them line cell code after running
your notebook cells sandbox worker failed ran memory allows MB grader available use rest standard library
matplotlib tqdm ModuleNotFoundError different different input output requires sequence inhomogeneous detected
part non broadcastable specified found length requested new old total cannot reshape array size shape into
mismatch its core dimension gufunc signature size is different from operands could not be broadcast together
remapped shapes original arg args kwarg kwargs function functions method methods module has no attribute
got multiple values for unexpected keyword argument positional arguments but were given takes exactly
truth value ambiguous use any all empty singleton along concatenation concatenate stack match except
""".split()) | {n for n in dir(builtins) if n.endswith(("Error", "Exception", "Warning", "Interrupt", "Exit"))}
_WORD = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")


class SandboxCall:
    """``call(function, args, kwargs, provide) -> CallOutcome`` for one notebook of one submission.

    ``cells`` is what ``autograder.extract`` gives: ``[(kind, name, source), ...]`` in the order
    Restart & Run All runs them. A session forked from the clean zygote runs them once (budget:
    ``Limits.load_cpu`` of CPU time; a cell that goes over it is reported and skipped, and the other
    cells run again without it), then serves calls, each in a process forked for it from the state the
    cells left: so every call of the notebook starts from the same state, and a call that crashes or
    runs out of time costs that call only. ``StudentError`` (docs/design.md) when no value comes back.

    The taint rule (docs/security.md): a session's taint is the set of reference functions whose source
    it may have seen (every call process is the student's, and can pass what it is given to its
    session). A call providing ``P`` may run in a session only if taint <= P; up to ``MAX_WORKERS``
    sessions stay alive, a call goes to the one with the largest taint that fits, and when none fits a
    fresh session starts. So no student function ever runs where a reference it is not given in that
    very call could be found. Messages of calls given references show only the student's own words.
    ``workers_started`` counts the sessions started. Call ``close()`` (or use ``with``) when done.
    """

    def __init__(self, cells, limits: Limits | None = None, zygote_: Zygote | None = None):
        self.cells = [list(c) for c in cells]
        self.limits = limits or Limits()
        self._zygote = zygote_
        self.spent = 0.0
        self.calls = 0
        self.workers_started = 0
        self._broken: StudentError | None = None
        self._sessions: list[_Session] = []  # live sessions, least recently used first
        self._skipped: dict[int, str] = {}  # cell index -> why it was not run
        self._load_errors: list[tuple[int, str]] | None = None
        self._timed_out: dict[str, str] = {}  # function -> the message of its first timeout
        self._words: set[str] | None = None
        self._given = False  # the call in flight was given reference functions

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:  # noqa: BLE001  interpreter shutdown
            pass

    def close(self) -> None:
        """End every session (the zygote kills its process group)."""
        sessions, self._sessions = self._sessions, []
        for session in sessions:
            _end(session)

    # -- what the student reads about the notebook's cells

    def notes(self) -> list[str]:
        """Facts about the notebook's cells for the feedback: cells skipped for a limit, cells that raised."""
        out = [why for _, why in sorted(self._skipped.items())]
        for index, message in self._load_errors or []:
            out.append(f"{self._cell_label(index)} raised {message}")
        return out

    def _cell_label(self, index: int) -> str:
        kind, name, source = self.cells[index]
        first = next((line.strip() for line in source.splitlines() if line.strip()), "")
        first = _one_line(first if len(first) <= 60 else first[:57] + "...").replace("`", "'")
        return name if "`" in name or not first else f"{name} (`{first}`)"

    # -- calls

    def __call__(self, function: str, args: tuple = (), kwargs: dict | None = None,
                 provide: tuple[str, ...] = (), driver: str | None = None) -> CallOutcome:
        if function in provide:
            raise ValueError(f"a check may not provide the function under test ({function!r})")
        if self._broken is not None:
            raise self._broken
        if function in self._timed_out:
            raise StudentError("timeout", self._timed_out[function])
        if self.spent >= self.limits.notebook_timeout:
            self.close()
            raise StudentError("timeout", f"the notebook used up its {self.limits.notebook_timeout:.0f} s of "
                               "grading time, so the remaining checks were not run")
        provided = frozenset(provide)
        request = {
            "function": function,
            "provide": [[name, reference_source(name)] for name in provide],
            # a driver is the checks' own harness, not an answer: it does not taint the session
            "driver": [driver, driver_source(driver)] if driver else None,
            "args": protocol.to_plain(tuple(args)),
            "kwargs": protocol.to_plain(dict(kwargs or {})),
        }
        frame = protocol.encode(request)
        start = time.monotonic()
        try:
            return self._run(function, provided, _framed(frame))
        except StudentError as err:
            if err.kind == "timeout" and not self._broken:
                self._timed_out[function] = err.message + " (on an earlier check; not run again)"
            raise err from None
        finally:
            self.spent += time.monotonic() - start
            self.calls += 1

    call = __call__

    def _start(self) -> _Session:
        z = self._zygote or zygote()
        mine, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            try:
                pid = z.fork(theirs, self.limits)
            except (OSError, ValueError, RuntimeError, EOFError, json.JSONDecodeError):
                if self._zygote is not None:  # the student's own sandbox: its code ended it
                    self._broken = StudentError(
                        "crash", "the sandbox running this notebook was ended by the notebook's own code "
                        "(it killed its processes), so the remaining checks could not run")
                    raise self._broken from None
                shutdown()  # the zygote never runs student code, so this is rare: start a new one
                z = zygote()
                pid = z.fork(theirs, self.limits)
        except BaseException:
            mine.close()
            raise
        finally:
            theirs.close()
        self.workers_started += 1
        return _Session(pid, mine, z)

    def _session_for(self, provided: frozenset) -> _Session:
        s = choose_worker(self._sessions, provided)  # the taint rule
        if s is not None:
            self._sessions.remove(s)
            self._sessions.append(s)
            return s
        while len(self._sessions) >= MAX_WORKERS:
            _end(self._sessions.pop(0))
        while True:
            s = self._start()
            if self._load(s):
                self._sessions.append(s)
                return s

    def _load(self, s: _Session) -> bool:
        """Run the cells in session ``s``; True when they ran, False when a cell went over a limit (it
        is then skipped and the caller starts another session). Raises when the notebook cannot run."""
        limits = self.limits
        cells = [c for i, c in enumerate(self.cells) if i not in self._skipped]
        index_of = [i for i in range(len(self.cells)) if i not in self._skipped]
        deadline = time.monotonic() + min(limits.load_wall, max(limits.notebook_timeout - self.spent, 1.0))
        current = None
        try:
            s.sock.settimeout(30)
            s.sock.sendall(_framed(protocol.encode({"cells": cells})))
            while True:
                tag, payload = _read_message(s, deadline, 4 * 2**20)
                if tag == b"C":
                    current = int.from_bytes(payload, "little")
                    if current >= len(index_of):
                        raise _Closed()
                elif tag == b"L":
                    report = protocol.decode(payload, max_bytes=2**20)
                    if self._load_errors is None:
                        self._load_errors = _load_errors(report, index_of)
                    return True
                else:
                    raise _Closed()
        except (_Late, _Closed, _TooLarge, OSError, protocol.ProtocolError) as exc:
            late = isinstance(exc, _Late)
        _end(s, status=not late)
        status = s.status
        if current is None:
            self._broken = StudentError("crash", "the sandbox could not start running the notebook's cells")
            raise self._broken
        cell = index_of[current]
        label = self._cell_label(cell)
        if late:
            why = (f"{label} was still running after {limits.load_wall:g} s (the wall-clock limit for running "
                   "a notebook's cells)")
        elif status.get("signal") == signal.SIGXCPU:
            why = f"{label} went over the {limits.load_cpu:g} s of CPU time allowed for running a notebook's cells"
        elif "exit" in status:
            why = f"{label} ended the Python process (exit status {status['exit']})"
        else:
            sig = status.get("signal")
            name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else "a signal"
            why = f"{label} killed the Python process ({name})"
        if len(self._skipped) >= limits.max_skipped_cells:
            self._broken = StudentError("timeout" if late or status.get("signal") == signal.SIGXCPU else "crash",
                                        f"the notebook's cells could not run: {why}")
            raise self._broken
        self._skipped[cell] = f"{why}; it was skipped and the other cells ran without it"
        return False

    def _run(self, function: str, provided: frozenset, request: bytes) -> CallOutcome:
        limits = self.limits
        s = self._session_for(provided)
        self._given = bool(provided)
        s.taint = s.taint | provided  # from now on the session may have seen them
        remaining = limits.notebook_timeout - self.spent
        deadline = time.monotonic() + max(min(limits.call_wall, remaining), 0.5)
        cap = limits.max_output_mb * 2**20 + protocol.MAX_HEADER + 10
        answer = status = None
        try:
            while s.pending:  # the previous call's process has ended by now (or ends while we wait)
                tag, _ = _read_message(s, deadline, 4096)
                if tag != b"S":
                    raise _Closed()
                s.pending = False
            s.sock.settimeout(max(deadline - time.monotonic(), 1e-3))
            s.sock.sendall(request)
            while status is None:
                tag, payload = _read_message(s, deadline, cap)
                if tag == b"R" and answer is None:
                    answer = payload
                    s.pending = True  # answered: its process's exit overlaps with the grader's own work
                    break
                elif tag == b"S":
                    status = protocol.decode(payload, max_bytes=4096)
                else:
                    raise _Closed()
        except _Late:
            self._drop(s)
            raise StudentError("timeout", f"`{function}` did not finish within {limits.call_wall:g} s "
                               "(wall clock: it waited or slept)") from None
        except _TooLarge:
            self._drop(s)
            raise StudentError("bad_output", f"`{function}` returned more than {limits.max_output_mb} MB of data") from None
        except (_Closed, OSError, protocol.ProtocolError):
            self._drop(s)
            raise StudentError("crash", f"the Python process running `{function}` ended without answering "
                               "(the notebook's code closed or broke its connection to the grader)") from None
        if answer is not None:
            try:
                reply = protocol.decode(answer, max_bytes=limits.max_output_mb * 2**20)
            except protocol.ProtocolError as exc:
                raise StudentError("bad_output", f"`{function}` sent back something that is not plain data: {exc}") from None
            return self._reply(function, reply)
        raise self._failure(function, status if type(status) is dict else {})

    def _drop(self, s: _Session) -> None:
        if s in self._sessions:
            self._sessions.remove(s)
        _end(s)

    def _failure(self, function: str, status: dict) -> StudentError:
        limits = self.limits
        sig = status.get("signal")
        if sig == signal.SIGXCPU:
            return StudentError("timeout", f"`{function}` did not finish within {limits.timeout:g} s of CPU time")
        if sig == signal.SIGKILL:
            return StudentError("crash", f"the Python process running `{function}` was killed (SIGKILL: "
                                "over the CPU or memory limit?)")
        if type(sig) is int:
            name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
            return StudentError("crash", f"the Python process running `{function}` was killed by {name}")
        if type(status.get("exit")) is int:
            return StudentError("crash", f"the code ended the Python process (exit status {status['exit']}; "
                                "sys.exit or os._exit?) instead of returning a value")
        return StudentError("crash", f"the Python process running `{function}` ended without answering")

    def _reply(self, function: str, reply) -> CallOutcome:
        if type(reply) is not dict:
            raise StudentError("bad_output", f"`{function}` sent back a malformed answer")
        if "ok" in reply:
            ok = reply["ok"]
            if type(ok) is not dict or not {"value", "args_after", "kwargs_after"} <= set(ok):
                raise StudentError("bad_output", f"`{function}` sent back a malformed answer")
            args_after, kwargs_after = ok["args_after"], ok["kwargs_after"]
            if type(args_after) is not tuple or type(kwargs_after) is not dict:
                raise StudentError("bad_output", f"`{function}` sent back a malformed answer")
            return CallOutcome(ok["value"], args_after, kwargs_after)
        kind, message = reply.get("error"), reply.get("message")
        if kind not in StudentError.KINDS or type(message) is not str:
            raise StudentError("bad_output", f"`{function}` sent back a malformed answer")
        message = _one_line(message)[:600]
        if self._given:
            message = self._safe(message)
        if kind in ("missing", "exception"):
            message += self._related_errors(function, message)
        raise StudentError(kind, message)

    def _related_errors(self, function: str, message: str) -> str:
        """The load errors that explain a missing function or a NameError: its own cell's, failed imports."""
        found = []
        for index, error in self._load_errors or []:
            source = self.cells[index][2]
            if (f"def {function}" in source or f"class {function}" in source or "ModuleNotFoundError" in error
                    or "ImportError" in error):
                found.append(f"{self._cell_label(index)} raised {error}")
        for index, why in sorted(self._skipped.items()):
            if f"def {function}" in self.cells[index][2] or f"class {function}" in self.cells[index][2]:
                found.append(why)
        return "".join(f"; {f}" for f in found[:2])

    def _safe(self, message: str) -> str:
        """``message`` if every word in it is the student's own or a word of Python's and numpy's error
        messages; otherwise only its first words. A call given reference functions could put their
        source into its error message, and messages reach the student."""
        if self._words is None:
            own = "\n".join(f"{c[1]}\n{c[2]}" for c in self.cells)
            self._words = set(_WORD.findall(own)) | _VOCABULARY
        bad = [w for w in _WORD.findall(message) if len(w) > 2 and w not in self._words
               and w.lower() not in self._words]
        if not bad:
            return message
        head = message.split(":", 1)[0] if ":" in message else "the call failed"
        head = " ".join(w for w in head.split() if all(len(x) <= 2 or x in self._words or x.lower() in self._words
                                                       for x in _WORD.findall(w)))
        return f"{head}: (the rest of the message is not shown: it holds words that are not in your code)"


def _one_line(text: str) -> str:
    """No line breaks or control characters: a message cannot forge lines of the feedback."""
    return "".join(ch if ch.isprintable() else " " for ch in text)


def _load_errors(report, index_of: list[int]) -> list[tuple[int, str]]:
    out = []
    errors = report.get("errors") if type(report) is dict else None
    for item in errors if type(errors) is list else []:
        if type(item) is list and len(item) == 2 and type(item[0]) is int and type(item[1]) is str \
                and 0 <= item[0] < len(index_of):
            out.append((index_of[item[0]], _one_line(item[1])[:400]))
    return out[:20]


def choose_worker(sessions: list[_Session], provided: frozenset) -> _Session | None:
    """The taint rule: among the live sessions whose taint is within ``provided``, the one with the
    largest taint (the most recently used among equals); None if no session may serve the call."""
    fits = [s for s in sessions if s.taint <= provided]
    return max(reversed(fits), key=lambda s: len(s.taint)) if fits else None


def _end(session: _Session, status: bool = False) -> None:
    """End a session: close its socket, have the zygote kill it; with ``status``, wait for how it
    ended (``session.status``)."""
    try:
        session.sock.close()
    except OSError:
        pass
    z = session.zygote
    if status:
        z.kill(session.pid)  # a session that already ended keeps its status
        try:
            session.status = z.wait(session.pid, 10)
            return
        except (OSError, ValueError, RuntimeError, EOFError):
            session.status = {}
    z.kill(session.pid)
    z.forget(session.pid)


def _framed(frame: bytes) -> bytes:
    return len(frame).to_bytes(8, "little") + frame
