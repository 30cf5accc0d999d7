"""``SandboxCall``: the check engine's ``call``, one notebook's sessions and the call protocol (trusted side)."""

from __future__ import annotations

import builtins
import functools
import inspect
import json
import re
import signal
import socket
import textwrap
import time
from dataclasses import dataclass, field

from autograder.checks.engine import CallOutcome, StudentError
from autograder.sandbox import protocol
from autograder.sandbox.limits import Limits
from autograder.sandbox.zygote import Zygote, shutdown, zygote

ANSWER_VALUES = 20_000  # values in one answer: every graded function returns far fewer; bounds the grader's work
FILTERS_FAILED = 76  # worker.FILTERS_FAILED: the session exited before running any cell

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
CALLS_PER_PROCESS = 16  # worker.CALLS_PER_PROCESS: the most calls one call process serves
_END = None  # the frame that ends a session's call process (built on first use)


@dataclass
class _Session:
    """One session process serving the calls of one notebook."""

    pid: int
    sock: socket.socket
    zygote: Zygote
    taint: frozenset = frozenset()  # every reference function whose source this session may have seen
    buf: bytearray = field(default_factory=bytearray)
    idle: tuple | None = None  # (function, provided, driver) of the call process waiting for its next call
    served: int = 0  # calls that call process has answered
    pending: bool = False  # a call process was told to end (or said it would): its S is still to be read
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
    cells run again without it), then serves calls, each graded function's in a process forked for it from
    the state the cells left (``CALLS_PER_PROCESS`` calls at most; docs/security.md): so every function's
    calls start from the same state, and a call that crashes or runs out of time costs that call only. ``StudentError`` (docs/design.md) when no value comes back.

    The taint rule (docs/security.md): a session's taint is the set of reference functions whose source
    it may have seen (every call process is the student's, and can pass what it is given to its
    session). A call providing ``P`` may run in a session only if taint <= P; up to ``MAX_WORKERS``
    sessions stay alive, a call goes to the one with the largest taint that fits, and when none fits a
    fresh session starts. So no student function ever runs where a reference it is not given in that
    very call could be found. Messages of calls given references show only the student's own words.
    ``workers_started`` counts the sessions started. Call ``close()`` (or use ``with``) when done.
    """

    copies_arguments = True  # they are only serialised: run_check need not copy them first

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
        serial = self.calls + 1
        request["n"] = serial
        frame = protocol.encode(request)
        start = time.monotonic()
        try:
            return self._run(function, provided, _framed(frame), (function, provided, driver), serial)
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
            if status.get("exit") == FILTERS_FAILED:
                self._broken = StudentError("crash", "the grader could not apply its kernel filters on this "
                                            "machine, so no cell ran; tell your instructor")
            else:
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

    def _run(self, function: str, provided: frozenset, request: bytes, key: tuple, serial: int) -> CallOutcome:
        limits = self.limits
        s = self._session_for(provided)
        self._given = bool(provided)
        s.taint = s.taint | provided  # from now on the session may have seen them
        remaining = limits.notebook_timeout - self.spent
        deadline = time.monotonic() + max(min(limits.call_wall, remaining), 0.5)
        cap = limits.max_output_mb * 2**20 + protocol.MAX_HEADER + 10
        answer = status = None
        try:
            if s.idle is not None and (s.idle != key or s.served >= CALLS_PER_PROCESS):
                s.sock.settimeout(max(deadline - time.monotonic(), 1e-3))
                s.sock.sendall(_end_frame())  # the next call needs a call process of its own
                s.idle, s.served, s.pending = None, 0, True
            while s.pending:  # that process has ended by now (or ends while we wait)
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
                    break
                elif tag == b"S":
                    status = protocol.decode(payload, max_bytes=4096)
                    s.idle, s.served = None, 0
                else:
                    raise _Closed()
        except _Late:
            self._drop(s)
            raise StudentError("timeout", f"`{function}` had not finished after {limits.call_wall:g} s of "
                               f"wall-clock time, the grader's backstop for code that sleeps or waits (its CPU "
                               f"budget is {limits.timeout:g} s)") from None
        except _TooLarge:
            self._drop(s)
            raise StudentError("bad_output", f"`{function}` returned more than {limits.max_output_mb} MB of data") from None
        except (_Closed, OSError, protocol.ProtocolError):
            self._drop(s)
            raise StudentError("crash", f"the Python process running `{function}` ended without answering "
                               "(the notebook's code closed or broke its connection to the grader)") from None
        if answer is not None:
            try:
                reply = protocol.decode(answer, max_bytes=limits.max_output_mb * 2**20, max_nodes=ANSWER_VALUES)
            except protocol.ProtocolError as exc:
                self._drop(s)  # its process is in an unknown state
                raise StudentError("bad_output", f"`{function}` sent back something that is not plain data: {exc}") from None
            if type(reply) is not dict or reply.get("n") != serial or type(reply.get("retire")) is not bool:
                self._drop(s)  # an answer to another call, or none the worker wrote: the session is not trusted on
                raise StudentError("bad_output", f"`{function}` sent back a malformed answer")
            if reply.pop("retire"):
                s.idle, s.served, s.pending = None, 0, True  # it ends now; its S comes before the next call's answer
            else:
                s.idle, s.served = key, s.served + 1
            reply.pop("n")
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
                                "over the CPU, memory or scratch-space limit?)")
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


def _end_frame() -> bytes:
    global _END
    if _END is None:
        _END = _framed(protocol.encode({"end": True}))
    return _END
