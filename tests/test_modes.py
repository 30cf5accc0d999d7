"""Each isolation mode, with the Python-level hook disarmed first: what is left is what the kernel holds.

The modes that hold in this process are tried side by side: bubblewrap and landlock (seccomp + Landlock +
limits; here as root, which Landlock and seccomp bind alike, though the process cap does not). The uid
mode needs a Python every uid can read; the project's own interpreter may live in a private folder, so
tests/test_deploy.py tries the uid mode (as root without user namespaces, with the system's Python) and
the landlock mode as an unprivileged user, each on the attack corpus.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from autograder import sandbox
from autograder.sandbox import Limits, SandboxCall, Zygote, modes

REPO = Path(__file__).resolve().parent.parent
IN_PROCESS = [sandbox.BUBBLEWRAP, sandbox.LANDLOCK]  # the uid mode: tests/test_deploy.py (a Python every uid reads)


def test_the_modes_this_machine_offers():
    found = modes.problems()
    assert found[sandbox.BUBBLEWRAP] is None and found[sandbox.LANDLOCK] is None, found
    assert found[sandbox.UID] is None or "not readable by other users" in found[sandbox.UID]


def test_the_uid_mode_refuses_a_python_its_students_could_not_read(monkeypatch):
    private = os.stat(os.path.realpath(os.__file__)).st_mode
    readable = all(os.stat(p).st_mode & 0o005 for p in _parents(os.path.realpath(os.__file__)))
    assert (modes.problems()[sandbox.UID] is None) == readable, (oct(private), modes.problems()[sandbox.UID])


def _parents(path: str) -> list[str]:
    out, p = [], os.path.dirname(path)
    while p not in ("/", ""):
        out.append(p)
        p = os.path.dirname(p)
    return out


def test_modes_are_chosen_in_order_and_named_by_the_environment(monkeypatch):
    try:
        assert modes.isolation() == sandbox.BUBBLEWRAP
        monkeypatch.setenv("AUTOGRADER_BWRAP", "0")
        modes.reset()
        expected = sandbox.UID if modes.problems()[sandbox.UID] is None else sandbox.LANDLOCK
        assert modes.isolation() == expected  # root without user namespaces: Gradescope's case
        monkeypatch.setenv("AUTOGRADER_UID_MODE", "0")
        modes.reset()
        assert modes.isolation() == sandbox.LANDLOCK  # unprivileged without them: a runner or a pod
        monkeypatch.setenv("AUTOGRADER_ISOLATION", "bubblewrap")
        with pytest.raises(sandbox.IsolationUnavailable, match="AUTOGRADER_BWRAP=0"):
            modes.isolation()
        monkeypatch.setenv("AUTOGRADER_ISOLATION", "chroot")
        with pytest.raises(sandbox.IsolationUnavailable, match="not a mode"):
            modes.isolation()
    finally:
        monkeypatch.undo()
        modes.reset()
    assert modes.isolation() == sandbox.BUBBLEWRAP


# Every function first disarms the audit hook (the worker's module globals it reads), then tries.
ATTACK_CELLS = [("setup", "code cell 1", "import numpy as np\n"), ("solution", "code cell 2", r"""
import os, sys, signal, socket, time

def disarm():
    w = sys.modules["__main__"]
    w.BLOCKED_EVENTS = ("nothing-is-blocked",)
    w.PATH_EVENTS = {}
    w.BLOCKED_IMPORTS = ()
    import posixpath  # the hook resolves every path with realpath: make it answer "in the scratch folder"
    here = os.getcwd() + "/x"
    posixpath._joinrealpath = lambda *a, **k: (here, True)
    sys.modules.pop("ctypes", None)
    sys.modules.pop("_ctypes", None)

def attempt(f):
    try:
        f()
        return "done"
    except BaseException as exc:
        return type(exc).__name__

def read(path):
    with open(path, "rb") as f:
        return f.read(10)

def write(path):
    with open(path, "w") as f:
        f.write("escaped")

def reads(paths):
    disarm()
    return [attempt(lambda p=p: read(p)) for p in paths]

def writes(paths):
    disarm()
    return [attempt(lambda p=p: write(p)) for p in paths]

def where(x):
    with open("stash.txt", "w") as f:
        f.write("reference code")
    return os.getcwd()

def signals(pids):
    disarm()
    return [attempt(lambda p=p: os.kill(p, signal.SIGTERM)) for p in pids]

def kernel_calls(x):
    disarm()
    import ctypes
    libc = ctypes.CDLL(None, use_errno=True)
    zygote = os.getppid()
    out = {"socket": attempt(lambda: socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)),
           "memfd": attempt(lambda: os.memfd_create("x")),
           "exec": attempt(lambda: os.execv("/bin/sh", ["sh", "-c", "true"])),
           "dev_shm": attempt(lambda: write("/dev/shm/stash")),
           "ptrace_zygote": libc.ptrace(16, zygote, 0, 0)}  # PTRACE_ATTACH: -1 when refused
    return out

def daemon(x):
    disarm()
    pid = os.fork()
    if pid == 0:
        os.setsid()
        if os.fork() == 0:
            time.sleep(600)
        os._exit(0)
    os.waitpid(pid, 0)
    return 1

def bomb(x):
    disarm()
    n = 0
    kids = []
    try:
        while n < 200:
            pid = os.fork()
            if pid == 0:
                time.sleep(5)
                os._exit(0)
            kids.append(pid)
            n += 1
    except OSError:
        pass
    for k in kids:
        os.kill(k, signal.SIGKILL)
        os.waitpid(k, 0)
    return n
""")]

SECRET_FILE = REPO / ".autograder_secret_test_modes"


@pytest.fixture(scope="module", params=IN_PROCESS)
def mode(request):
    problem = modes.problems()[request.param]
    if problem:
        pytest.skip(f"the {request.param} mode does not hold here: {problem}")
    return request.param


@pytest.fixture(scope="module")
def planted():
    SECRET_FILE.write_text("course secret")
    yield
    SECRET_FILE.unlink(missing_ok=True)


def test_the_grader_files_and_the_machine_are_unreadable(mode, planted):
    with Zygote(mode) as z:
        got = SandboxCall(ATTACK_CELLS, Limits(timeout=5.0), zygote_=z)("reads", ([
            str(REPO / "autograder" / "reference" / "network.py"), str(SECRET_FILE), "/etc/passwd",
            f"/proc/{os.getpid()}/environ", str(REPO / "source" / "backprop" / "03_network.ipynb")],)).value
    assert got == ["PermissionError"] * 3 + ["FileNotFoundError" if mode == sandbox.BUBBLEWRAP else "PermissionError"] \
        + ["PermissionError"] if mode != sandbox.BUBBLEWRAP else all(g in ("PermissionError", "FileNotFoundError")
                                                                    for g in got), got


def test_nothing_is_written_outside_the_calls_scratch(mode, tmp_path):
    os.chmod(tmp_path, 0o777)
    targets = [str(tmp_path / "escaped"), str(REPO / "escaped_by_test_modes"), "/tmp/escaped_by_test_modes"]
    with Zygote(mode) as z:
        got = SandboxCall(ATTACK_CELLS, Limits(timeout=5.0), zygote_=z)("writes", (targets,)).value
    assert not any(os.path.exists(t) for t in targets), got
    assert set(got) <= {"PermissionError", "FileNotFoundError", "OSError"}


def test_nothing_crosses_from_a_session_given_references_to_another(mode):
    with Zygote(mode) as z:
        call = SandboxCall(ATTACK_CELLS, Limits(timeout=5.0), zygote_=z)
        tainted = call("where", (0,), provide=("relu",)).value  # a session that saw reference code
        clean = call("reads", ([os.path.join(tainted, "stash.txt")],)).value  # another session (taint rule)
        assert call.workers_started == 2
    assert clean == ["PermissionError"], clean


def test_the_kernel_refuses_sockets_memfd_exec_and_ptrace(mode):
    with Zygote(mode) as z:
        got = SandboxCall(ATTACK_CELLS, Limits(timeout=5.0), zygote_=z)("kernel_calls", (0,)).value
    assert got["socket"] == got["memfd"] == got["exec"] == "PermissionError", got
    assert got["ptrace_zygote"] == -1
    assert got["dev_shm"] in ("PermissionError", "FileNotFoundError", "OSError"), got


def test_no_signal_reaches_the_grader_or_a_classmate(mode):
    with Zygote(mode) as victim_z, Zygote(mode) as z:
        victim = SandboxCall(ATTACK_CELLS[:1] + [("solution", "relu", "def relu(z):\n    return np.maximum(0, z)\n")],
                             Limits(timeout=5.0), zygote_=victim_z)
        assert victim("relu", (2.0,)).value == 2.0
        pids = [os.getpid(), victim_z.proc.pid]
        got = SandboxCall(ATTACK_CELLS, Limits(timeout=5.0), zygote_=z)("signals", (pids,)).value
        assert victim("relu", (3.0,)).value == 3.0
    assert all(g in ("PermissionError", "ProcessLookupError") for g in got), got


def _processes_of(tag: str) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if tag.encode() in Path(f"/proc/{entry}/cmdline").read_bytes():
                    found.append(int(entry))
            except OSError:
                pass
    return found


def _python_processes_of(tag: str) -> list[int]:
    """The sandbox's Python processes (bubblewrap's own two processes left out)."""
    return [p for p in _processes_of(tag) if not _cmdline(p).startswith("bwrap")]


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


DAEMON_CELLS = [ATTACK_CELLS[0], ("solution", "code cell 2", ATTACK_CELLS[1][2] + "\n\ndaemon(0)\n")]


def test_a_detached_process_dies_with_its_session(mode):
    with Zygote(mode) as z:
        call = SandboxCall(DAEMON_CELLS, Limits(timeout=5.0), zygote_=z)
        assert call("where", (0,)).value  # the cells ran: a setsid, double-forked sleeper was left
        call.close()
        deadline = time.monotonic() + 30
        while len(_python_processes_of(z.tag)) > 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(_python_processes_of(z.tag)) == 1, [_cmdline(p)[:80] for p in _python_processes_of(z.tag)]
    assert _processes_of(z.tag) == []  # the zygote and bubblewrap too


BOMB_CELLS = [ATTACK_CELLS[0], ("solution", "code cell 2", ATTACK_CELLS[1][2] + "\n\nFORKED = bomb(0)\n\n"
                                "def forked(x):\n    return FORKED\n")]


def test_a_fork_bomb_in_the_cells_meets_the_process_cap(mode):
    if os.getuid() == 0 and mode == sandbox.LANDLOCK:
        pytest.skip("the kernel does not apply RLIMIT_NPROC to root (tests/test_deploy.py: as a user)")
    limits = Limits(timeout=5.0, processes=8)
    with Zygote(mode, limits=limits) as z:
        forked = SandboxCall(BOMB_CELLS, limits, zygote_=z)("forked", (0,)).value
    assert 0 <= forked <= 8
