"""``SandboxCall``: the check engine's ``call``, backed by untrusted worker processes.

Trusted side of the sandbox. The grader (``autograder.grade`` or the nbgrader preprocessor) keeps
everything that decides a score: it makes the inputs, runs the reference, compares and writes results.
Student code runs only in ``worker.py`` processes (see its docstring, and docs/security.md):

    grader --(control socket)--> zygote (python -I -S, numpy imported, inside bwrap when available)
      |                              | fork per session
      +------(session socket)---> worker: limits, audit hook, the notebook's code once, then calls

What crosses back is one ``protocol`` frame of plain data per call, read with a size cap and a deadline
and validated by ``protocol.decode``; nothing is unpickled. A worker serves the calls of one notebook
as long as the taint rule allows (``SandboxCall``): it never runs a call whose provided reference
functions do not include every reference it has been given before. A call that times out, crashes,
exits, runs out of memory or answers badly costs that call only: its worker is killed and the next
call starts a fresh one from the clean zygote.
"""

from __future__ import annotations

import atexit
import functools
import inspect
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from autograder.checks.engine import CallOutcome, StudentError
from autograder.sandbox import protocol

WORKER = Path(__file__).with_name("worker.py")
PROTOCOL = Path(__file__).with_name("protocol.py")

# Modules the zygote imports once so that students' usual imports cost nothing per call.
PRELOAD = ("math", "random", "copy", "itertools", "functools", "collections", "statistics", "numbers",
           "fractions", "decimal", "heapq", "bisect", "operator", "time", "string", "re", "typing",
           "dataclasses", "warnings", "textwrap", "numpy.random", "numpy.linalg", "numpy.fft")


@dataclass(frozen=True)
class Limits:
    """What one call, and one notebook's calls together, may use."""

    timeout: float = 10.0  # wall-clock seconds per call (plus the notebook's code when a worker starts)
    notebook_timeout: float = 300.0  # wall-clock seconds for all calls of one notebook; a worker's CPU limit
    memory_mb: int = 1024  # address space on top of the zygote's
    file_size_mb: int = 16  # largest file a call may write in its scratch folder
    max_output_mb: int = 64  # largest answer a call may send back


def bwrap_available() -> bool:
    """Whether bubblewrap can be used (env AUTOGRADER_BWRAP=0 turns it off, =1 requires it)."""
    choice = os.environ.get("AUTOGRADER_BWRAP", "auto")
    if choice == "0":
        return False
    ok = _probe_bwrap()
    if choice == "1" and not ok:
        raise RuntimeError("AUTOGRADER_BWRAP=1 but bubblewrap (bwrap) is not usable on this machine")
    return ok


@functools.lru_cache(maxsize=1)
def _probe_bwrap() -> bool:
    exe = shutil.which("bwrap")
    if not exe:
        return False
    try:
        args = [exe, "--ro-bind", "/", "/", "--unshare-net", "--die-with-parent", "true"]
        return subprocess.run(args, capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def _numpy_dirs() -> tuple[str, list[str]]:
    """numpy's site-packages folder, and the folders inside it the worker may read."""
    pkg = Path(np.__file__).resolve().parent
    site = pkg.parent
    dirs = [str(pkg)] + [str(p) for p in site.glob("numpy.libs")] + [str(p) for p in site.glob("numpy-*.dist-info")]
    return str(site), dirs


def _stdlib_dirs() -> list[str]:
    paths = sysconfig.get_paths()
    return sorted({os.path.realpath(paths["stdlib"]), os.path.realpath(paths["platstdlib"])})


def _bwrap_command(scratch: str, site: str, numpy_dirs: list[str]) -> list[str]:
    cmd = ["bwrap", "--die-with-parent", "--new-session", "--unshare-net", "--unshare-ipc", "--unshare-uts",
           "--unshare-cgroup-try", "--ro-bind", "/usr", "/usr"]
    for top in ("/lib", "/lib64", "/lib32", "/bin", "/sbin"):
        if os.path.islink(top):
            cmd += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            cmd += ["--ro-bind", top, top]
    cmd += ["--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache", "--dev", "/dev", "--tmpfs", "/tmp"]
    prefix = os.path.realpath(sys.base_prefix)
    binds = ([] if prefix.startswith("/usr/") else [prefix]) + list(numpy_dirs) + [str(WORKER), str(PROTOCOL)]
    made: set[str] = {"/", "/usr", "/tmp", "/dev"}
    for path in binds + [scratch]:
        # bwrap makes missing parents 0700: make them 0755 so that uid nobody can reach the binds
        for parent in reversed(Path(path).parents):
            if str(parent) not in made and not str(parent).startswith(("/usr/", "/dev/")):
                cmd += ["--perms", "0755", "--dir", str(parent)]
                made.add(str(parent))
    for path in binds:
        cmd += ["--ro-bind", path, path]
    cmd += ["--bind", scratch, scratch, "--chdir", scratch]
    return cmd


class Zygote:
    """One worker zygote process; forks the children that run calls. Not thread-safe: one per process."""

    def __init__(self, use_bwrap: bool | None = None):
        self.use_bwrap = bwrap_available() if use_bwrap is None else use_bwrap
        _sweep_stale_scratch()
        self.scratch = tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-")
        os.chmod(self.scratch, 0o711)
        site, numpy_dirs = _numpy_dirs()
        ctl, child_end = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        config = {
            "ctl": child_end.fileno(),
            "paths": [site],
            "scratch": self.scratch,
            "read_roots": _stdlib_dirs() + numpy_dirs,
            "preload": list(PRELOAD),
            "memory_mb": Limits.memory_mb,
            "drop_uid": os.environ.get("AUTOGRADER_DROP_UID", "1") != "0",
        }
        python = os.path.realpath(sys.executable)
        cmd = [python, "-I", "-S", "-B", str(WORKER), json.dumps(config)]
        if self.use_bwrap:
            cmd = _bwrap_command(self.scratch, site, numpy_dirs) + cmd
        env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1",
               "MKL_NUM_THREADS": "1", "HOME": self.scratch, "TMPDIR": self.scratch}
        self._log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(cmd, pass_fds=[child_end.fileno()], env=env, cwd=self.scratch,
                                     stdin=subprocess.DEVNULL, stdout=self._log, stderr=self._log,
                                     start_new_session=True)
        child_end.close()
        self.ctl = ctl
        self._lines = ctl.makefile("rb")
        ctl.settimeout(60)
        try:
            hello = self._read_line()
        except (OSError, ValueError) as exc:
            self.close()
            raise RuntimeError(f"the sandbox worker did not start: {exc}; its log: {self._log_text()}") from None
        self.pid = hello["pid"]
        self.drop_uid = hello["drop_uid"]
        self.base_vm = _vm_size(self.pid)
        self._status: dict[int, dict] = {}
        self._forget: set[int] = set()

    def _log_text(self) -> str:
        self._log.seek(0)
        return self._log.read()[-2000:].decode("utf-8", "replace")

    def _read_line(self) -> dict:
        line = self._lines.readline(65536)
        if not line:
            raise EOFError("the sandbox worker closed its control socket")
        return json.loads(line)

    def alive(self) -> bool:
        return self.proc.poll() is None and self.ctl.fileno() >= 0

    def fork(self, call_end: socket.socket, limits: Limits) -> int:
        """Start one session worker on ``call_end`` (a socket whose other end the caller keeps); its pid.

        Its CPU limit is the notebook's budget (it serves many calls; the grader's per-call deadline
        catches loops). The zygote kills it itself only once it has lived far longer than any session
        may (the grader kills it when done; the zygote kills every worker when the grader goes away)."""
        request = {
            "cpu": max(1, int(limits.notebook_timeout + 0.999)),
            "wall": 2 * limits.notebook_timeout + limits.timeout + 60,
            "address_space": self.base_vm + limits.memory_mb * 2**20,
            "file_size": limits.file_size_mb * 2**20,
        }
        self.ctl.settimeout(30)
        socket.send_fds(self.ctl, [json.dumps(request).encode()], [call_end.fileno()])
        while True:
            line = self._read_line()
            if "pid" in line and len(line) == 1:
                return int(line["pid"])
            self._ended(line)

    def _ended(self, report: dict) -> None:
        pid = report.get("pid")
        if pid in self._forget:
            self._forget.discard(pid)
        else:
            self._status[pid] = report

    def forget(self, pid: int) -> None:
        """The caller does not need to know how child ``pid`` ends."""
        if self._status.pop(pid, None) is None:
            self._forget.add(pid)

    def wait(self, pid: int, timeout: float) -> dict:
        """How child ``pid`` ended: {"exit": code} or {"signal": number}."""
        self.ctl.settimeout(timeout)
        while pid not in self._status:
            line = self._read_line()
            if "pid" in line and len(line) == 1:
                raise RuntimeError("the sandbox worker answered a request that was not made")
            self._ended(line)
        return self._status.pop(pid)

    def close(self) -> None:
        try:
            self.ctl.shutdown(socket.SHUT_RDWR)  # the zygote sees EOF, kills its children and exits
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
        shutil.rmtree(self.scratch, ignore_errors=True)


SCRATCH_PREFIX = "autograder-sandbox-"


def _sweep_stale_scratch() -> None:
    """Delete the scratch folders of graders that died without cleaning up (kill -9)."""
    for path in Path(tempfile.gettempdir()).glob(f"{SCRATCH_PREFIX}*-*"):
        owner = path.name[len(SCRATCH_PREFIX):].split("-", 1)[0]
        if owner.isdigit() and not Path(f"/proc/{owner}").exists():
            shutil.rmtree(path, ignore_errors=True)


def _vm_size(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 512 * 2**20


def _killpg(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


_ZYGOTE: Zygote | None = None
_ZYGOTE_PID: int | None = None


def zygote() -> Zygote:
    """This process's zygote, started on first use and again if it died."""
    global _ZYGOTE, _ZYGOTE_PID
    if _ZYGOTE is not None and (_ZYGOTE_PID != os.getpid() or not _ZYGOTE.alive()):
        if _ZYGOTE_PID == os.getpid():
            _ZYGOTE.close()
        _ZYGOTE = None  # a forked grader process gets its own
    if _ZYGOTE is None:
        try:
            _ZYGOTE = Zygote()
        except RuntimeError:
            if not bwrap_available() or os.environ.get("AUTOGRADER_BWRAP") == "1":
                raise
            import warnings

            warnings.warn("the sandbox could not start inside bubblewrap; using its Python-level layers only")
            _ZYGOTE = Zygote(use_bwrap=False)
        _ZYGOTE_PID = os.getpid()
    return _ZYGOTE


def shutdown() -> None:
    """Stop this process's zygote (and with it every child still running)."""
    global _ZYGOTE
    if _ZYGOTE is not None and _ZYGOTE_PID == os.getpid():
        _ZYGOTE.close()
    _ZYGOTE = None


atexit.register(shutdown)


@functools.lru_cache(maxsize=None)
def reference_source(name: str) -> str:
    """The source of reference function ``name``, to execute into the student's namespace."""
    from autograder.reference import STUDENT_FUNCTIONS

    return textwrap.dedent(inspect.getsource(STUDENT_FUNCTIONS[name]))


_SIGNALS = {signal.SIGXCPU: "timeout", signal.SIGKILL: "crash", signal.SIGSEGV: "crash"}
_KEEP = ("exception", "missing", "setup")  # answers after which the worker goes on serving
MAX_WORKERS = 2  # live workers per notebook: a clean one can wait while another serves provided calls


@dataclass
class _Session:
    """One worker serving the calls of one notebook."""

    pid: int
    sock: socket.socket
    zygote: Zygote
    taint: frozenset = frozenset()  # every reference function whose source this worker has been given
    loaded: bool = False  # the notebook's cells have run (the worker sent "L")


class SandboxCall:
    """``call(function, args, kwargs, provide) -> CallOutcome`` for one notebook of one submission.

    ``cells`` is what ``autograder.extract`` gives: ``[(kind, name, source), ...]`` in notebook order,
    kind "setup" or "solution". A session worker forked from the clean zygote runs them once and then
    serves calls: for each, the provided reference sources, then the function; ``StudentError`` (see
    docs/design.md) when no value comes back.

    The taint rule (docs/security.md): a worker's taint is the set of reference functions it has ever
    been given. A call providing ``P`` may run in a worker only if taint <= P. Up to ``MAX_WORKERS``
    workers stay alive; a call goes to the one with the largest taint that fits (so a clean worker
    stays clean while it can), and when none fits a fresh worker starts (the least recently used one
    is killed if there are too many). So no student function ever runs in a process that has seen a
    reference it is not given in that very call. A call that times out, crashes, exits, runs out of
    memory or answers badly also ends its worker. ``workers_started`` counts the workers started.
    Call ``close()`` (or use ``with``) when done; the zygote also ends every worker when it stops.
    """

    def __init__(self, cells, limits: Limits | None = None, zygote_: Zygote | None = None):
        self.cells = [list(c) for c in cells]
        self.limits = limits or Limits()
        self._zygote = zygote_
        self.spent = 0.0
        self.calls = 0
        self.workers_started = 0
        self._broken: StudentError | None = None
        self._sessions: list[_Session] = []  # live workers, least recently used first
        self._init: bytes | None = None

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
        """End every worker (kill its process group); the zygote deletes their scratch folders."""
        sessions, self._sessions = self._sessions, []
        for session in sessions:
            _end(session, kill=True)

    def _drop(self, session: _Session, kill: bool = True) -> None:
        if session in self._sessions:
            self._sessions.remove(session)
            if kill:
                _end(session, kill=True)

    def __call__(self, function: str, args: tuple = (), kwargs: dict | None = None,
                 provide: tuple[str, ...] = ()) -> CallOutcome:
        if function in provide:
            raise ValueError(f"a check may not provide the function under test ({function!r})")
        if self._broken is not None:
            raise self._broken
        if self.spent >= self.limits.notebook_timeout:
            self.close()
            raise StudentError("timeout", f"the notebook used up its {self.limits.notebook_timeout:.0f} s of "
                               "grading time, so the remaining checks were not run")
        provided = frozenset(provide)
        request = {
            "function": function,
            "provide": [[name, reference_source(name)] for name in provide],
            "args": protocol.to_plain(tuple(args)),
            "kwargs": protocol.to_plain(dict(kwargs or {})),
        }
        frame = protocol.encode(request)
        start = time.monotonic()
        try:
            return self._run(function, provided, frame)
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
            except (OSError, ValueError, RuntimeError):
                if self._zygote is not None:
                    raise
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

    def _run(self, function: str, provided: frozenset, frame: bytes) -> CallOutcome:
        limits = self.limits
        prefix = b""
        s = choose_worker(self._sessions, provided)  # the taint rule
        if s is None:
            while len(self._sessions) >= MAX_WORKERS:
                self._drop(self._sessions[0])
            s = self._start()
            if self._init is None:
                self._init = _framed(protocol.encode({"cells": self.cells}))
            prefix = self._init
        else:
            self._sessions.remove(s)
        self._sessions.append(s)  # most recently used last
        s.taint = s.taint | provided  # from now on the worker may have seen them
        deadline = time.monotonic() + min(limits.timeout, limits.notebook_timeout - self.spent) + 0.5
        cap = limits.max_output_mb * 2**20 + protocol.MAX_HEADER + 10
        was_loaded = s.loaded
        data, timed_out = _exchange(s.sock, prefix + _framed(frame), deadline, cap, was_loaded)
        s.loaded = was_loaded or data[:1] == b"L"
        answer = None if timed_out else _reply_frame(data, was_loaded)
        if answer is not None:
            try:
                reply = protocol.decode(answer, max_bytes=limits.max_output_mb * 2**20)
                return self._reply(function, reply)
            except protocol.ProtocolError as exc:
                self._drop(s)
                raise StudentError("bad_output", f"`{function}` sent back something that is not plain data: {exc}")
            except StudentError as err:
                if err.kind not in _KEEP:
                    self._drop(s)
                raise
        # no whole answer: the worker is stuck, flooding, or gone; it is killed in every case
        self._drop(s, kill=False)
        if timed_out or len(data) > cap:
            _end(s, kill=True)
            status = {}
        else:
            s.sock.close()
            _killpg(s.pid)  # EOF but maybe alive (it may have closed its socket): it goes now
            try:
                status = s.zygote.wait(s.pid, 10)
            except (OSError, ValueError, RuntimeError):
                if self._zygote is None:
                    shutdown()
                status = {}
        return self._failure(function, data, timed_out, status, s.loaded)

    def _failure(self, function: str, data: bytes, timed_out: bool, status: dict, loaded: bool):
        limits = self.limits
        if timed_out:
            if not loaded:
                self._broken = StudentError(
                    "timeout", f"the notebook's code did not finish running within {limits.timeout:g} s "
                    "(an endless loop or a long computation at the top level of a cell?), so no check could run")
                raise self._broken
            raise StudentError("timeout", f"`{function}` did not finish within {limits.timeout:g} s")
        if len(data) > limits.max_output_mb * 2**20 + protocol.MAX_HEADER + 10:
            raise StudentError("bad_output", f"`{function}` returned more than {limits.max_output_mb} MB of data")
        sig = status.get("signal")
        if sig == signal.SIGXCPU:
            error = StudentError("timeout", f"the worker running `{function}` used up the notebook's "
                                 f"{limits.notebook_timeout:g} s of CPU time")
        elif sig == signal.SIGKILL:
            error = StudentError("crash", f"the Python process running `{function}` ended without answering "
                                 "(killed, or the code closed its connection to the grader)")
        elif sig is not None:
            name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
            error = StudentError("crash", f"the Python process running `{function}` was killed by {name}")
        elif "exit" in status:
            error = StudentError("crash", f"the code ended the Python process (exit status {status['exit']}; "
                                 "sys.exit or os._exit?) instead of returning a value")
        else:
            error = StudentError("crash", "the sandbox lost the process running the code")
        if not loaded:
            error = StudentError(error.kind, "the notebook's code could not run to the end: " + error.message)
            self._broken = error
        raise error

    @staticmethod
    def _reply(function: str, reply) -> CallOutcome:
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
        raise StudentError(kind, message[:600])


def choose_worker(sessions: list[_Session], provided: frozenset) -> _Session | None:
    """The taint rule: among the live workers whose taint is within ``provided``, the one with the
    largest taint (the most recently used among equals); None if no worker may serve the call."""
    fits = [s for s in sessions if s.taint <= provided]
    return max(reversed(fits), key=lambda s: len(s.taint)) if fits else None


def _end(session: _Session, kill: bool) -> None:
    try:
        session.sock.close()
    except OSError:
        pass
    if kill:
        _killpg(session.pid)
    session.zygote.forget(session.pid)


def _framed(frame: bytes) -> bytes:
    return len(frame).to_bytes(8, "little") + frame


def _reply_frame(data: bytes, loaded: bool) -> bytes | None:
    """The answer frame in what a worker sent (``L`` if it had not loaded yet, then ``R``, a u64
    length and the frame), or None while incomplete or malformed."""
    pos = 0 if loaded else 1
    if not loaded and data[:1] != b"L":
        return None
    if len(data) < pos + 9 or data[pos:pos + 1] != b"R":
        return None
    n = int.from_bytes(data[pos + 1:pos + 9], "little")
    end = pos + 9 + n
    return data[pos + 9:end] if len(data) >= end else None


def _exchange(sock: socket.socket, request: bytes, deadline: float, cap: int, loaded: bool) -> tuple[bytes, bool]:
    """Send ``request``, then read until a whole answer, EOF, the deadline or ``cap`` bytes;
    (data, timed_out). A worker reads its whole request before it answers, so a blocking send with
    the deadline as its timeout is enough (one that floods instead of reading just times out)."""
    try:
        sock.settimeout(max(deadline - time.monotonic(), 1e-3))
        sock.sendall(request)
    except (socket.timeout, BlockingIOError):
        return b"", True
    except OSError:
        pass  # the worker is gone: read what it left
    head = 1 + 9 if not loaded else 9
    chunks: list[bytes] = []
    size = 0
    need = None  # the answer's total length, once its header is in
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return b"".join(chunks), True
        try:
            sock.settimeout(remaining)
            chunk = sock.recv(1 << 20)
        except (socket.timeout, BlockingIOError):
            return b"".join(chunks), True
        except InterruptedError:
            continue
        except OSError:
            chunk = b""
        if not chunk:
            return b"".join(chunks), False
        chunks.append(chunk)
        size += len(chunk)
        if size > cap:
            return b"".join(chunks), False
        if need is None and size >= head:
            data = b"".join(chunks)
            chunks = [data]
            if (not loaded and data[:1] != b"L") or data[head - 9:head - 8] != b"R":
                return data, False  # not an answer: the caller finds no frame in it
            need = head + int.from_bytes(data[head - 8:head], "little")
        if need is not None and size >= need:
            return b"".join(chunks), False
