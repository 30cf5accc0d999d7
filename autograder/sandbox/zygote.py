"""``Zygote``: one student's sandbox, a process that forks that student's sessions (trusted side)."""

from __future__ import annotations

import atexit
import itertools
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from autograder.sandbox.cgroups import StudentGroup
from autograder.sandbox.limits import Limits
from autograder.sandbox.modes import BUBBLEWRAP, PYTHON_ONLY, UID, _default_isolation, filters_probe, layers
from autograder.sandbox.view import (FILTERS, LIB_MOUNT, PROTOCOL, SCRATCH_MOUNT, SCRATCH_PREFIX, WORKER, _font_cache,
                                     _stdlib_dirs, _symlink_library, library_entries)

def _bwrap_command(uid: int, scratch_bytes: int, fonts: str | None) -> list[str]:
    cmd = ["bwrap", "--unshare-all", "--unshare-user", "--disable-userns", "--uid", str(uid), "--gid", str(uid),
           "--die-with-parent", "--new-session", "--cap-drop", "ALL", "--ro-bind", "/usr", "/usr"]
    for top in ("/lib", "/lib64", "/lib32", "/bin", "/sbin"):
        if os.path.islink(top):
            cmd += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            cmd += ["--ro-bind", top, top]
    # /dev is bubblewrap's own small tmpfs: read-only, so that it is no writable space beside the capped /tmp
    cmd += ["--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache", "--proc", "/proc", "--dev", "/dev",
            "--remount-ro", "/dev", "--size", str(scratch_bytes), "--tmpfs", SCRATCH_MOUNT]
    prefix = os.path.realpath(sys.base_prefix)
    if not prefix.startswith("/usr/"):
        cmd += ["--ro-bind", prefix, prefix]
    for name, path in library_entries():
        cmd += ["--ro-bind", path, f"{LIB_MOUNT}/{name}"]
    for path in (WORKER, PROTOCOL, FILTERS):
        cmd += ["--ro-bind", str(path), f"/opt/autograder-worker/{path.name}"]
    if fonts:
        cmd += ["--ro-bind", fonts, "/opt/autograder-fonts"]
    cmd += ["--chdir", SCRATCH_MOUNT]
    return cmd


_SERIAL = itertools.count()
SYSTEM_LIBRARIES = ("/usr/lib64", "/lib64", "/etc/ld.so.cache", "/usr/share/fonts", "/usr/share/fontconfig",
                    "/etc/fonts")  # and the multiarch folders below: what a lazily loaded .so may need


def _system_read_roots() -> list[str]:
    out = list(SYSTEM_LIBRARIES)
    for base in ("/usr/lib", "/lib"):
        try:
            out += [os.path.join(base, d) for d in os.listdir(base) if d.endswith("-linux-gnu")]
        except OSError:
            pass
    return [p for p in out if os.path.exists(p)]


def _sandbox_uid() -> int:
    """The uid graded code runs as inside bubblewrap: different for every grading process at a time."""
    return 100_000 + os.getpid() % 800_000


def _student_uid() -> int:
    """The uid mode's uid for the next student of this grading process: unused by any account and by
    any running process, below 65536 (mapped in every container)."""
    import pwd

    busy = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                busy.add(os.stat(f"/proc/{entry}").st_uid)
            except OSError:
                pass
    start = 20_000 + (os.getpid() * 7 + next(_SERIAL)) % 40_000
    for k in range(40_000):
        uid = 20_000 + (start - 20_000 + k) % 40_000
        if uid in busy:
            continue
        try:
            pwd.getpwuid(uid)
        except KeyError:
            return uid
    raise RuntimeError("no free uid for the uid mode between 20000 and 60000")


MAX_CONTROL_MESSAGE = 4096  # the zygote's messages are short JSON objects


class SandboxLost(RuntimeError):
    """The zygote broke the control protocol, went silent past a deadline or ended: this student's sandbox
    is gone (it is closed; the caller starts another or reports the student's remaining checks)."""


class Zygote:
    """One sandbox: a zygote process that forks the sessions of one student. Not thread-safe.

    ``isolation`` is one of ``modes``' BUBBLEWRAP, UID, LANDLOCK (the default: the first that holds here;
    see ``modes.isolation()``) or PYTHON_ONLY. ``preload`` names modules to import once in the zygote
    (matplotlib when the student uses it).

    The control socket carries one JSON object per message. Every read has an absolute deadline and a
    size cap; a message that is not an answer to what was asked closes the sandbox (``SandboxLost``)."""

    def __init__(self, isolation_: str | None = None, preload: tuple[str, ...] = (), limits: Limits | None = None,
                 wait: bool = True):
        self.isolation = isolation_ or _default_isolation()
        self.tag = f"{tempfile.gettempdir()}/{SCRATCH_PREFIX}{os.getpid()}-{next(_SERIAL)}"
        self.layers = layers(self.isolation)
        limits = limits or Limits()
        self.limits = limits
        _sweep_stale_scratch()
        fonts = _font_cache() if any(m.startswith("matplotlib") for m in preload) else None
        ctl, child_end = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)  # one message a request
        python = os.path.realpath(sys.executable)
        env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1",
               "MKL_NUM_THREADS": "1", "MPLBACKEND": "Agg"}
        self.student_uid = None
        if self.isolation == BUBBLEWRAP:
            self.scratch = None  # a tmpfs inside the sandbox: it ends with it
            scratch, lib, worker = SCRATCH_MOUNT, LIB_MOUNT, "/opt/autograder-worker/worker.py"
            read_roots = _stdlib_dirs() + [LIB_MOUNT, "/usr/share/fonts", "/opt/autograder-fonts"]
            cmd = _bwrap_command(_sandbox_uid(), limits.scratch_mb * 2**20, fonts)
            fonts_inside = "/opt/autograder-fonts" if fonts else None
            system_roots = _system_read_roots() + ["/opt/autograder-worker"]
        else:
            self.scratch = tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-")
            os.chmod(self.scratch, 0o711)
            scratch, lib, worker = self.scratch, _symlink_library(), str(WORKER)
            read_roots = _stdlib_dirs() + [path for _, path in library_entries()] + ["/usr/share/fonts", lib]
            read_roots += [fonts] if fonts else []
            cmd, fonts_inside = [], fonts
            system_roots = _system_read_roots() + [str(WORKER.parent)]
            if self.isolation == UID:
                self.student_uid = _student_uid()
                self.layers = [f"uid {self.student_uid}"] + self.layers[1:]
        self.group = None
        if self.isolation != PYTHON_ONLY:  # one cgroup for all of this student's processes, where possible
            self.group = StudentGroup.create(os.path.basename(self.tag), processes=limits.processes + 4,
                                             memory_bytes=(limits.memory_mb + limits.scratch_mb + 768) * 2**20)
            if self.group is not None:
                self.layers = self.layers + [self.group.layer]
        mpl = os.path.join(scratch, "mplconfig")
        config = {
            "ctl": child_end.fileno(),
            "paths": [lib],
            "scratch": scratch,
            "read_roots": [os.path.realpath(p).rstrip("/") + "/" for p in read_roots] + [mpl + "/"],
            "system_roots": system_roots,
            "preload": list(preload),
            "memory_mb": limits.memory_mb,
            "fonts": fonts_inside,
            "env": {**env, "MPLCONFIGDIR": mpl, "HOME": scratch, "TMPDIR": scratch},
            "mode": self.isolation,
            "filters": self.isolation != PYTHON_ONLY,  # a session that cannot install them never runs cells
            "landlock_abi": filters_probe()["landlock"] if self.isolation != PYTHON_ONLY else 0,
            "student_uid": self.student_uid,
            # no tmpfs caps the scratch outside bubblewrap: the zygote measures it (worker._over_quota)
            "scratch_quota": None if self.isolation == BUBBLEWRAP else limits.scratch_mb * 2**20,
            "drop_uid": self.isolation == PYTHON_ONLY and os.environ.get("AUTOGRADER_DROP_UID", "1") != "0",
            "tag": self.tag,  # tells this sandbox's processes apart (tests, clean-up)
        }
        cmd = cmd + [python, "-I", "-S", "-B", worker, json.dumps(config)]
        self._log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(cmd, pass_fds=[child_end.fileno()], env=env, cwd=self.scratch or "/",
                                     stdin=subprocess.DEVNULL, stdout=self._log, stderr=self._log,
                                     start_new_session=True,
                                     preexec_fn=self.group.join_self if self.group is not None else None)
        child_end.close()
        self.ctl = ctl
        self._status: dict[int, dict] = {}
        self._live: set[int] = set()  # sessions forked and not yet reported ended
        self._forget: set[int] = set()
        self.preload = tuple(preload)
        self.pid = None
        if wait:
            self.ready()

    def ready(self) -> None:
        """Wait for the zygote's first message (``wait=False`` started it without waiting: it boots while the
        grader does other work); RuntimeError if it did not start."""
        if self.pid is not None:
            return
        try:
            hello = self._read(time.monotonic() + 120)
            if hello.get("ready") is not True or type(hello.get("pid")) is not int:
                raise SandboxLost(f"an unexpected first message {str(hello)[:100]}")
        except (SandboxLost, OSError) as exc:
            self.close()
            raise RuntimeError(f"the sandbox did not start: {exc}; its log: {self._log_text()}") from None
        self.pid = hello["pid"]
        vm = hello.get("vm")
        self.base_vm = vm if type(vm) is int and 0 < vm < 2**40 else 512 * 2**20

    def _log_text(self) -> str:
        self._log.seek(0, os.SEEK_END)
        size = self._log.tell()
        self._log.seek(max(0, size - 2000))
        return self._log.read(2000).decode("utf-8", "replace")

    def _read(self, deadline: float) -> dict:
        """The zygote's next message, by ``deadline`` (monotonic); SandboxLost otherwise."""
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise SandboxLost("the sandbox did not answer in time")
        try:
            self.ctl.settimeout(remaining)
            msg = self.ctl.recv(MAX_CONTROL_MESSAGE + 1)
        except socket.timeout:
            raise SandboxLost("the sandbox did not answer in time") from None
        except (OSError, ValueError) as exc:
            raise SandboxLost(f"the sandbox's control socket failed ({exc})") from None
        if not msg:
            raise SandboxLost("the sandbox closed its control socket")
        if len(msg) > MAX_CONTROL_MESSAGE or not msg.endswith(b"\n"):
            raise SandboxLost("the sandbox sent a malformed message")
        try:
            data = json.loads(msg)
        except ValueError:
            raise SandboxLost("the sandbox sent a malformed message") from None
        if type(data) is not dict:
            raise SandboxLost("the sandbox sent a malformed message")
        return data

    def _lost(self, why: str) -> SandboxLost:
        self.close()
        return SandboxLost(why)

    def alive(self) -> bool:
        """Whether the zygote still serves (a student's code can kill its own sandbox)."""
        if self.proc.poll() is not None or self.ctl.fileno() < 0:
            return False
        if self.pid is None:  # still booting: its first message is not consumed here
            return True
        import select

        try:
            readable, _, _ = select.select([self.ctl], [], [], 0)
            return not readable or self.ctl.recv(1, socket.MSG_PEEK) != b""  # readable with no data: EOF
        except (OSError, ValueError):
            return False

    def fork(self, session_end: socket.socket, limits: Limits) -> int:
        """Start one session on ``session_end`` (a socket whose other end the caller keeps); its pid
        as the zygote sees it. SandboxLost when the zygote does not answer as it must."""
        self.ready()
        request = {
            "load_cpu": limits.load_cpu,
            "call_cpu": limits.timeout,
            "wall": limits.notebook_timeout + limits.load_wall + 60,
            "address_space": self.base_vm + limits.memory_mb * 2**20,
            "file_size": limits.file_size_mb * 2**20,
            "processes": limits.processes,
        }
        deadline = time.monotonic() + 60
        try:
            self.ctl.settimeout(30)
            socket.send_fds(self.ctl, [json.dumps(request).encode()], [session_end.fileno()])
        except OSError as exc:
            raise self._lost(f"the sandbox's control socket failed ({exc})") from None
        while True:
            try:
                line = self._read(deadline)
            except SandboxLost as exc:
                raise self._lost(str(exc)) from None
            if set(line) == {"pid"}:
                pid = line["pid"]
                if type(pid) is not int or pid <= 0 or pid in self._live:
                    raise self._lost("the sandbox reported an impossible pid")
                self._live.add(pid)
                return pid
            self._ended(line)

    def kill(self, pid: int) -> None:
        """Kill session ``pid`` and its process group (the zygote does it: pids are its namespace's)."""
        try:
            self.ctl.settimeout(10)
            self.ctl.sendall(json.dumps({"kill": pid}).encode())
        except (OSError, ValueError):
            pass

    def _ended(self, report: dict) -> None:
        """Record how a session ended; anything but the report of a live session loses the sandbox."""
        pid = report.get("pid")
        keys = set(report) - {"pid"}
        value = report.get("exit", report.get("signal"))
        if pid not in self._live or keys not in ({"exit"}, {"signal"}) or type(value) is not int:
            raise self._lost("the sandbox sent a message that answers nothing asked")
        self._live.discard(pid)
        if pid in self._forget:
            self._forget.discard(pid)
        else:
            self._status[pid] = {k: report[k] for k in keys}

    def forget(self, pid: int) -> None:
        """The caller does not need to know how session ``pid`` ends."""
        if self._status.pop(pid, None) is None and pid in self._live:
            self._forget.add(pid)

    def wait(self, pid: int, timeout: float) -> dict:
        """How session ``pid`` ended: {"exit": code} or {"signal": number}; SandboxLost past ``timeout``."""
        deadline = time.monotonic() + timeout
        while pid not in self._status:
            if pid not in self._live:
                raise self._lost("the grader waited for a session the sandbox does not know")
            try:
                line = self._read(deadline)
            except SandboxLost as exc:
                raise self._lost(str(exc)) from None
            if "pid" in line and len(line) == 1:
                raise self._lost("the sandbox answered a request that was not made")
            self._ended(line)
        return self._status.pop(pid)

    def close(self) -> None:
        try:
            self.ctl.shutdown(socket.SHUT_RDWR)  # the zygote sees EOF, kills its sessions and exits
        except OSError:
            pass
        try:
            self.ctl.close()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            pass
        _killpg(self.proc.pid)
        self.proc.kill()
        self.proc.wait()
        if self.student_uid is not None:
            _kill_uid(self.student_uid)  # whatever of this student's escaped its sessions' groups
        if getattr(self, "group", None) is not None:
            self.group.remove()  # and whatever is left in the student's cgroup
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


def _kill_uid(uid: int) -> None:
    """Kill every process of ``uid`` (the uid mode's student): a child switches to it and sends
    SIGKILL to -1, which reaches exactly the processes that uid may signal."""
    if os.geteuid() != 0 or uid < 1000:
        return
    pid = os.fork()
    if pid == 0:
        try:
            os.setgroups([])
            os.setgid(uid)
            os.setuid(uid)
            for _ in range(3):
                os.kill(-1, signal.SIGKILL)
        except BaseException:  # noqa: BLE001
            pass
        os._exit(0)
    os.waitpid(pid, 0)


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

