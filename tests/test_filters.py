"""The kernel filters of autograder/sandbox/filters.py: the syscall tables against the kernel's own
headers, and what each filter refuses, tried on real processes (a filter cannot be removed, so each
try runs in a child process of its own)."""

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.sandbox import filters

FILTERS = Path(filters.__file__)
HEADERS = {"x86_64": Path("/usr/include/x86_64-linux-gnu/asm/unistd_64.h"),
           "aarch64": Path("/usr/include/asm-generic/unistd.h")}


def _header_numbers(path: Path) -> dict[str, int]:
    found = {}
    for name, number in re.findall(r"#define __NR(?:3264)?_(\w+)\s+(\d+)\b", path.read_text()):
        found.setdefault(name, int(number))
    return found


@pytest.mark.parametrize("arch", sorted(filters.SYSCALLS))
def test_the_syscall_tables_match_the_kernel_headers(arch):
    if not HEADERS[arch].exists():
        pytest.skip(f"{HEADERS[arch]} is not installed (Debian: linux-libc-dev)")
    kernel = _header_numbers(HEADERS[arch])
    ours = filters.SYSCALLS[arch]
    assert {name: kernel.get(name) for name in ours} == ours
    missing = [n for n in filters.DENIED if n not in ours and n in kernel]
    assert not missing, f"{arch}: denied calls the kernel has but the table lacks: {missing}"


@pytest.mark.parametrize("arch", sorted(filters.SYSCALLS))
def test_the_programs_are_whole_bpf_within_the_kernel_limit(arch):
    for allow_fork in (True, False):
        code = filters.program(arch, pid=4242, allow_fork=allow_fork)
        assert len(code) % 8 == 0 and 10 < len(code) // 8 < 4096
        # every jump lands inside the program
        for i in range(0, len(code), 8):
            op, jt, jf = code[i] | code[i + 1] << 8, code[i + 2], code[i + 3]
            if op & 0x07 == 0x05:  # BPF_JMP
                assert i // 8 + 1 + max(jt, jf) < len(code) // 8


TRY = r"""
import ctypes, errno, json, os, socket, sys, threading
sys.path.insert(0, sys.argv[1])
import filters
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
scratch, policy, restrict = sys.argv[2], sys.argv[3], sys.argv[4] == "1"
nr = filters.SYSCALLS[filters.machine()]

def outcome(f):
    try:
        r = f()
        return "ok" if r is None or r is True or (isinstance(r, int) and r >= 0) else "errno %d" % ctypes.get_errno()
    except OSError as e:
        return "errno %d" % e.errno
    except RuntimeError as e:
        return "refused: " + str(e)

def sys_(name, *args):
    return lambda: libc.syscall(ctypes.c_long(nr[name]), *[ctypes.c_long(a) for a in args])

def fork_and_reap():
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)

def thread():
    t = threading.Thread(target=lambda: None)
    t.start()
    t.join()

if policy in ("landlock", "both"):
    filters.install_landlock([os.path.dirname(os.__file__), sys.argv[1]], [scratch], ["/dev/null"])
if policy in ("session", "both"):
    filters.install_seccomp(allow_fork=True, restrict_signals=restrict)
if policy == "call":
    filters.install_seccomp(allow_fork=True, restrict_signals=restrict)
    filters.install_seccomp(allow_fork=False, restrict_signals=False)
parent = os.getppid()
print(json.dumps({
    "socket": outcome(lambda: socket.socket(socket.AF_UNIX, socket.SOCK_STREAM).close()),
    "socketpair": outcome(lambda: [s.close() for s in socket.socketpair()] and None),
    "memfd": outcome(lambda: os.close(os.memfd_create("x"))),
    "exec": outcome(lambda: os.execv("/bin/true", ["true"])) if policy != "none" else "not tried",
    # without a filter these would stop the test runner (ptrace) or run this script twice (clone)
    "ptrace": outcome(sys_("ptrace", 16, parent, 0, 0)) if policy != "none" else "not tried",
    "process_vm_readv": outcome(sys_("process_vm_readv", parent, 0, 0, 0, 0, 0)),
    "pidfd_open": outcome(sys_("pidfd_open", parent, 0)),
    "unshare_user": outcome(sys_("unshare", 0x10000000)),
    "clone_newpid": outcome(sys_("clone", 0x20000000 | 17, 0, 0, 0, 0)) if policy != "none" else "not tried",
    "clone3": outcome(sys_("clone3", 0, 0)),
    "mount": outcome(sys_("mount", 0, 0, 0, 0, 0)),
    "keyctl": outcome(sys_("keyctl", 0, 0, 0, 0, 0)),
    "bpf": outcome(sys_("bpf", 0, 0, 0)),
    "perf_event_open": outcome(sys_("perf_event_open", 0, 0, 0, 0, 0)),
    "userfaultfd": outcome(sys_("userfaultfd", 0)),
    "io_uring_setup": outcome(sys_("io_uring_setup", 1, 0)),
    "shmget": outcome(sys_("shmget", 0, 4096, 0o1600)),
    "kill_parent": outcome(lambda: os.kill(parent, 0)),
    "kill_self": outcome(lambda: os.kill(os.getpid(), 0)),
    "fork": outcome(fork_and_reap),
    "thread": outcome(thread),
    "read_etc": outcome(lambda: open("/etc/hostname", "rb").close()),
    "list_root": outcome(lambda: os.listdir("/") and None),
    "write_scratch": outcome(lambda: open(os.path.join(scratch, "f"), "w").write("x")),
    "write_outside": outcome(lambda: open(os.path.join(os.path.dirname(scratch), "escaped"), "w").write("x")),
    "read_stdlib": outcome(lambda: open(os.__file__, "rb").close()),
}))
"""

SECCOMP_DENIED = ("socket", "socketpair", "memfd", "exec", "ptrace", "process_vm_readv", "pidfd_open",
                  "unshare_user", "clone_newpid", "mount", "keyctl", "bpf", "perf_event_open", "userfaultfd",
                  "io_uring_setup", "shmget")


def _try(tmp_path, policy, restrict_signals=True) -> dict:
    scratch = tmp_path / "scratch"
    scratch.mkdir(exist_ok=True)
    done = subprocess.run([sys.executable, "-I", "-c", TRY, str(FILTERS.parent), str(scratch), policy,
                           "1" if restrict_signals else "0"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_without_a_filter_the_probes_work(tmp_path):
    got = _try(tmp_path, "none")  # so that each refusal below is the filter's doing
    for name in ("socket", "socketpair", "memfd", "kill_parent", "fork", "thread", "read_etc", "write_outside",
                 "shmget", "list_root", "pidfd_open"):
        assert got[name] == "ok", (name, got[name])


def test_the_session_filter_refuses_what_graded_code_never_needs(tmp_path):
    got = _try(tmp_path, "session")
    for name in SECCOMP_DENIED:
        assert got[name] == "errno 1", (name, got[name])  # EPERM
    assert got["clone3"] == "errno 38"  # ENOSYS: libc falls back to clone, whose flags the filter reads
    assert got["kill_parent"] == "errno 1" and got["kill_self"] == "ok"
    assert got["fork"] == "ok" and got["thread"] == "ok"  # a session forks its call processes
    assert got["read_etc"] == "ok"  # files are Landlock's and the mount namespace's, not seccomp's


def test_signals_stay_home_only_where_nothing_else_keeps_them(tmp_path):
    assert _try(tmp_path, "session", restrict_signals=False)["kill_parent"] == "ok"


def test_the_call_filter_also_refuses_new_processes_but_not_threads(tmp_path):
    got = _try(tmp_path, "call")
    assert got["fork"] == "errno 1" and got["thread"] == "ok"


def test_landlock_reads_only_the_allow_list_and_writes_only_the_scratch(tmp_path):
    if filters.landlock_abi() < 1:
        pytest.skip("this kernel has no Landlock")
    got = _try(tmp_path, "landlock")
    assert got["read_etc"] == "errno 13" and got["list_root"] == "errno 13"  # EACCES
    assert got["write_outside"] == "errno 13" and not (tmp_path / "escaped").exists()
    assert got["write_scratch"] == "ok" and got["read_stdlib"] == "ok"
    assert got["exec"] == "errno 13"


def test_landlock_scopes_signals_from_abi_6(tmp_path):
    if filters.landlock_abi() < 6:
        pytest.skip("this kernel's Landlock has no signal scope (ABI < 6)")
    got = _try(tmp_path, "landlock")
    assert got["kill_parent"] in ("errno 1", "errno 3") and got["kill_self"] == "ok"  # EPERM or ESRCH


@pytest.mark.skipif(filters.machine() != "x86_64", reason="the x32 ABI exists on x86_64 only")
def test_another_abi_kills_the_process():
    code = ("import ctypes, sys; sys.path.insert(0, sys.argv[1]); import filters; "
            "filters.install_seccomp(allow_fork=True); libc = ctypes.CDLL(None); "
            "libc.syscall(ctypes.c_long(0x40000000 | 39)); print('survived')")
    done = subprocess.run([sys.executable, "-I", "-c", code, str(FILTERS.parent)], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == -signal.SIGSYS and "survived" not in done.stdout


def test_the_probe_reports_this_machine():
    done = subprocess.run([sys.executable, "-I", "-S", str(FILTERS), "--probe"], capture_output=True, text=True,
                          timeout=60, env={"PATH": os.environ.get("PATH", "/usr/bin")})
    found = json.loads(done.stdout)
    assert found["seccomp"] is True and found["problem"] is None
    assert found["landlock"] == filters.landlock_abi()
