"""Kernel filters for the processes that run student code: seccomp-BPF, Landlock, no_new_privs, dumpable.

Loaded by path on the untrusted side (``worker.py``, before any student code and before ``ctypes`` is
hidden) and imported on the trusted side to probe what this kernel offers. It never imports ``autograder``.

**seccomp.** A small fixed BPF program, written here instruction by instruction, rather than a binding
to libseccomp: the grader then needs nothing beyond the standard library on any platform it runs on
(a venv on Gradescope, a GitHub runner, a JupyterHub pod), and the whole policy is the two tables below,
checked against the kernel's own syscall headers by tests/test_filters.py. The program checks the
architecture (another ABI, x32 included, kills the process), then returns EPERM for every system call
graded code never needs: other processes' memory and file descriptors (ptrace, process_vm_*,
pidfd_getfd, kcmp), namespaces and mounts, keys, bpf, perf, userfaultfd, io_uring, module and kexec
loading, System V and POSIX message IPC, new sockets (the one it is handed is all it uses), memfd
(memory outside RLIMIT_AS) and exec. Signals may go only to the process itself (kill, tgkill,
rt_*sigqueueinfo with its own pid; kill(0) for its own process group); clone may not make namespaces;
clone3 answers ENOSYS so that libc falls back to clone, whose flags a filter can read. The call policy
also refuses new processes (threads stay allowed).

**Landlock** (Linux 5.13+): reads only below an allow-list (the Python runtime, the allowed libraries,
system shared libraries and fonts), writes only in the process's own scratch folder, no execution, no
TCP; from ABI 6 on, no signal and no abstract Unix socket outside the process's own Landlock domain.
"""

from __future__ import annotations

import os
import platform
import struct

# ----------------------------------------------------------------------------- system call numbers
# Only the calls the policy names. x86_64: arch/x86/entry/syscalls/syscall_64.tbl; aarch64 (and the
# other architectures of the generic table): include/uapi/asm-generic/unistd.h.

DENIED = (
    "ptrace", "process_vm_readv", "process_vm_writev", "pidfd_getfd", "pidfd_open", "pidfd_send_signal",
    "kcmp", "unshare", "setns", "mount", "umount2", "pivot_root", "chroot", "open_tree", "move_mount",
    "fsopen", "fsconfig", "fsmount", "fspick", "mount_setattr", "keyctl", "add_key", "request_key", "bpf",
    "perf_event_open", "userfaultfd", "io_uring_setup", "io_uring_enter", "io_uring_register", "kexec_load",
    "kexec_file_load", "init_module", "finit_module", "delete_module", "reboot", "swapon", "swapoff", "acct",
    "quotactl", "syslog", "settimeofday", "clock_settime", "adjtimex", "sethostname", "setdomainname",
    "name_to_handle_at", "open_by_handle_at", "lookup_dcookie", "vhangup", "shmget", "shmat", "shmctl",
    "msgget", "msgsnd", "msgrcv", "msgctl", "semget", "semop", "semctl", "semtimedop", "mq_open",
    "mq_unlink", "mq_timedsend", "mq_timedreceive", "mq_notify", "mq_getsetattr", "socket", "socketpair",
    "memfd_create", "memfd_secret", "execve", "execveat", "personality",
)

SYSCALLS = {
    "x86_64": dict(
        read=0, shmget=29, shmat=30, shmctl=31, socket=41, socketpair=53, clone=56, fork=57, vfork=58,
        execve=59, kill=62, semget=64, semop=65, semctl=66, msgget=68, msgsnd=69, msgrcv=70, msgctl=71,
        ptrace=101, syslog=103, rt_sigqueueinfo=129, personality=135, vhangup=153, pivot_root=155,
        adjtimex=159, chroot=161, acct=163, settimeofday=164, mount=165, umount2=166, swapon=167,
        swapoff=168, reboot=169, sethostname=170, setdomainname=171, init_module=175, delete_module=176,
        quotactl=179, tkill=200, lookup_dcookie=212, semtimedop=220, clock_settime=227, tgkill=234,
        mq_open=240, mq_unlink=241, mq_timedsend=242, mq_timedreceive=243, mq_notify=244, mq_getsetattr=245,
        kexec_load=246, add_key=248, request_key=249, keyctl=250, unshare=272, rt_tgsigqueueinfo=297,
        perf_event_open=298, name_to_handle_at=303, open_by_handle_at=304, setns=308, process_vm_readv=310,
        process_vm_writev=311, kcmp=312, finit_module=313, memfd_create=319, kexec_file_load=320, bpf=321,
        execveat=322, userfaultfd=323, pidfd_send_signal=424, io_uring_setup=425, io_uring_enter=426,
        io_uring_register=427, open_tree=428, move_mount=429, fsopen=430, fsconfig=431, fsmount=432,
        fspick=433, pidfd_open=434, clone3=435, pidfd_getfd=438, mount_setattr=442, memfd_secret=447,
    ),
    "aarch64": dict(
        read=63, lookup_dcookie=18, umount2=39, mount=40, pivot_root=41, chroot=51, vhangup=58,
        quotactl=60, acct=89, personality=92, unshare=97, kexec_load=104, init_module=105,
        delete_module=106, clock_settime=112, syslog=116, ptrace=117, kill=129, tkill=130, tgkill=131,
        rt_sigqueueinfo=138, reboot=142, sethostname=161, setdomainname=162, settimeofday=170,
        adjtimex=171, mq_open=180, mq_unlink=181, mq_timedsend=182, mq_timedreceive=183, mq_notify=184,
        mq_getsetattr=185, msgget=186, msgctl=187, msgrcv=188, msgsnd=189, semget=190, semctl=191,
        semtimedop=192, semop=193, shmget=194, shmctl=195, shmat=196, socket=198, socketpair=199,
        add_key=217, request_key=218, keyctl=219, clone=220, execve=221, swapon=224, swapoff=225,
        rt_tgsigqueueinfo=240, perf_event_open=241, name_to_handle_at=264, open_by_handle_at=265,
        setns=268, process_vm_readv=270, process_vm_writev=271, kcmp=272, finit_module=273,
        memfd_create=279, bpf=280, execveat=281, userfaultfd=282, kexec_file_load=294,
        pidfd_send_signal=424, io_uring_setup=425, io_uring_enter=426, io_uring_register=427,
        open_tree=428, move_mount=429, fsopen=430, fsconfig=431, fsmount=432, fspick=433, pidfd_open=434,
        clone3=435, pidfd_getfd=438, mount_setattr=442, memfd_secret=447,
    ),
}
AUDIT_ARCH = {"x86_64": 0xC000003E, "aarch64": 0xC00000B7}
X32_BIT = 0x40000000  # x86_64: system calls of the x32 ABI carry this bit

CLONE_THREAD = 0x00010000
CLONE_NAMESPACES = 0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000 | 0x20000000 | 0x40000000

# BPF opcodes and seccomp return values (linux/filter.h, linux/seccomp.h)
_LD_ABS_W, _JEQ, _JGE, _JSET, _RET = 0x20, 0x15, 0x35, 0x45, 0x06
_RET_KILL_PROCESS, _RET_ALLOW, _RET_ERRNO = 0x80000000, 0x7FFF0000, 0x00050000
EPERM, ENOSYS = 1, 38
_OFF_NR, _OFF_ARCH, _OFF_ARG0 = 0, 4, 16  # struct seccomp_data; arg0's low 32 bits (little-endian)


def machine() -> str | None:
    """The architecture key of SYSCALLS for this machine, or None when the policy has no table for it."""
    m = platform.machine().lower()
    m = {"amd64": "x86_64", "arm64": "aarch64"}.get(m, m)
    return m if m in SYSCALLS else None


def _ins(code: int, k: int, jt: int = 0, jf: int = 0) -> bytes:
    return struct.pack("<HBBI", code, jt, jf, k & 0xFFFFFFFF)


def program(arch: str, *, pid: int, allow_fork: bool, restrict_signals: bool = True) -> bytes:
    """The filter for a process whose pid is ``pid``: ``allow_fork`` for a session (which forks its call
    processes), not for a call process; ``restrict_signals`` where nothing else keeps its signals home
    (the landlock mode without Landlock's signal scope: it shares the grader's uid). The pid check
    also binds the processes it forks, whose own signals to themselves then fail. Returns the BPF
    instructions (8 bytes each)."""
    nr = SYSCALLS[arch]
    deny = _ins(_RET, _RET_ERRNO | EPERM)
    allow = _ins(_RET, _RET_ALLOW)
    out = [_ins(_LD_ABS_W, _OFF_ARCH), _ins(_JEQ, AUDIT_ARCH[arch], 1, 0), _ins(_RET, _RET_KILL_PROCESS),
           _ins(_LD_ABS_W, _OFF_NR)]
    if arch == "x86_64":
        out += [_ins(_JGE, X32_BIT, 0, 1), _ins(_RET, _RET_KILL_PROCESS)]
    for name in DENIED:
        if name in nr:
            out += [_ins(_JEQ, nr[name], 0, 1), deny]
    out += [_ins(_JEQ, nr["clone3"], 0, 1), _ins(_RET, _RET_ERRNO | ENOSYS)]
    for name in ("fork", "vfork", "tkill"):
        if name in nr and (name == "tkill" or not allow_fork):
            out += [_ins(_JEQ, nr[name], 0, 1), deny]
    # clone: never new namespaces; in a call process, threads only
    block = [_ins(_LD_ABS_W, _OFF_ARG0), _ins(_JSET, CLONE_NAMESPACES, 0, 1), deny]
    block += [allow] if allow_fork else [_ins(_JSET, CLONE_THREAD, 1, 0), deny, allow]
    out += [_ins(_JEQ, nr["clone"], 0, len(block))] + block
    # signals: only to itself (and, with kill, to its own process group)
    for name in ("kill", "tgkill", "rt_sigqueueinfo", "rt_tgsigqueueinfo") if restrict_signals else ():
        block = [_ins(_LD_ABS_W, _OFF_ARG0), _ins(_JEQ, pid, 0, 1), allow]
        if name == "kill":
            block += [_ins(_JEQ, 0, 0, 1), allow]
        block += [deny]
        out += [_ins(_JEQ, nr[name], 0, len(block))] + block
    out.append(allow)
    return b"".join(out)


_LIBC = []


def _libc():
    """(ctypes, libc), loaded once: the worker hides ``ctypes`` from graded code after loading this module."""
    if not _LIBC:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.syscall.restype = ctypes.c_long
        libc.prctl.restype = ctypes.c_int
        _LIBC.append((ctypes, libc))
    return _LIBC[0]


PR_SET_DUMPABLE, PR_SET_NO_NEW_PRIVS, PR_SET_SECCOMP, PR_SET_CHILD_SUBREAPER = 4, 38, 22, 36
SECCOMP_MODE_FILTER = 2


def _prctl(option: int, arg: int = 0) -> None:
    ctypes, libc = _libc()
    if libc.prctl(option, ctypes.c_ulong(arg), ctypes.c_ulong(0), ctypes.c_ulong(0), ctypes.c_ulong(0)) != 0:
        raise OSError(ctypes.get_errno(), f"prctl({option}) failed: {os.strerror(ctypes.get_errno())}")


def no_new_privs() -> None:
    """No setuid, file capability or other privilege gain from here on (also required by the filters)."""
    _prctl(PR_SET_NO_NEW_PRIVS, 1)


def not_dumpable() -> None:
    """Processes of the same uid can no longer ptrace this one or open its /proc files."""
    _prctl(PR_SET_DUMPABLE, 0)


def child_subreaper() -> None:
    """Orphaned descendants become this process's children (so it can find and end every one)."""
    _prctl(PR_SET_CHILD_SUBREAPER, 1)


class Prepared:
    """A filter built ahead (its BPF program and the kernel's struct pointing at it), installed later with
    ``install()``: a session prepares its call processes' filter once, and each call process, forked from it,
    only makes the system call (building the program per call process cost about a millisecond each)."""

    def __init__(self, *, allow_fork: bool, restrict_signals: bool, pid: int):
        arch = machine()
        if arch is None:
            raise RuntimeError(f"no seccomp policy for the {platform.machine()} architecture")
        ctypes, self._libc = _libc()
        self._ctypes = ctypes
        code = program(arch, pid=pid, allow_fork=allow_fork, restrict_signals=restrict_signals)
        self._buf = ctypes.create_string_buffer(code, len(code))

        class _Prog(ctypes.Structure):
            _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

        self._prog = _Prog(len(code) // 8, ctypes.cast(self._buf, ctypes.c_void_p))
        self._args = (ctypes.c_ulong(SECCOMP_MODE_FILTER), ctypes.byref(self._prog), ctypes.c_ulong(0),
                      ctypes.c_ulong(0))
        self.name = "seccomp-session" if allow_fork else "seccomp-call"

    def install(self) -> str:
        """Install it on this process (and everything it forks); OSError where the kernel refuses."""
        no_new_privs()
        if self._libc.prctl(PR_SET_SECCOMP, *self._args) != 0:
            err = self._ctypes.get_errno()
            raise OSError(err, f"seccomp could not be installed: {os.strerror(err)}")
        return self.name


def install_seccomp(*, allow_fork: bool, restrict_signals: bool = True) -> str:
    """Install the policy on this process (and everything it forks); returns its name for the records.
    Raises OSError where the kernel refuses (no seccomp) and RuntimeError on an unknown architecture."""
    return Prepared(allow_fork=allow_fork, restrict_signals=restrict_signals, pid=os.getpid()).install()


# ----------------------------------------------------------------------------- Landlock

_LL_CREATE, _LL_ADD_RULE, _LL_RESTRICT = 444, 445, 446  # the same number on every architecture
_LL_VERSION = 1
_RULE_PATH_BENEATH = 1
FS_EXECUTE, FS_WRITE_FILE, FS_READ_FILE, FS_READ_DIR = 1 << 0, 1 << 1, 1 << 2, 1 << 3
FS_REFER, FS_TRUNCATE, FS_IOCTL_DEV = 1 << 13, 1 << 14, 1 << 15
SCOPE_ABSTRACT_UNIX_SOCKET, SCOPE_SIGNAL = 1 << 0, 1 << 1
_FS_V1 = (1 << 13) - 1  # EXECUTE .. MAKE_SYM


def landlock_abi() -> int:
    """Landlock's ABI version on this kernel, 0 when it is missing, disabled or refused (a container's
    seccomp profile may refuse the call)."""
    try:
        ctypes, libc = _libc()
        v = libc.syscall(ctypes.c_long(_LL_CREATE), None, ctypes.c_size_t(0), ctypes.c_uint32(_LL_VERSION))
    except (OSError, AttributeError):
        return 0
    return int(v) if v > 0 else 0


def _handled_fs(abi: int) -> int:
    fs = _FS_V1
    if abi >= 2:
        fs |= FS_REFER
    if abi >= 3:
        fs |= FS_TRUNCATE
    if abi >= 5:
        fs |= FS_IOCTL_DEV
    return fs


def install_landlock(read_paths, write_paths, rw_files=()) -> str:
    """Restrict this process (and its future children) to reading below ``read_paths``, reading and
    writing below ``write_paths`` (no execution anywhere) and ``rw_files`` (single files such as
    /dev/null). Paths that do not exist are skipped. Returns a name for the records, e.g.
    ``landlock-abi7``. Raises OSError when the kernel refuses."""
    abi = landlock_abi()
    if abi < 1:
        raise OSError("Landlock is not available on this kernel")
    ctypes, libc = _libc()
    fs = _handled_fs(abi)
    fields = [fs]
    if abi >= 4:
        fields.append(0b11)  # handled_access_net: bind and connect TCP, no rule allows either
    if abi >= 6:
        fields.append(SCOPE_ABSTRACT_UNIX_SOCKET | SCOPE_SIGNAL)
    attr = struct.pack(f"<{len(fields)}Q", *fields)
    ruleset = libc.syscall(ctypes.c_long(_LL_CREATE), ctypes.c_char_p(attr), ctypes.c_size_t(len(attr)),
                           ctypes.c_uint32(0))
    if ruleset < 0:
        err = ctypes.get_errno()
        raise OSError(err, f"landlock_create_ruleset failed: {os.strerror(err)}")
    ruleset = int(ruleset)
    read = FS_READ_FILE | FS_READ_DIR
    write = fs & ~FS_EXECUTE
    file_rw = FS_READ_FILE | FS_WRITE_FILE | (fs & FS_TRUNCATE) | (fs & FS_IOCTL_DEV)
    try:
        for paths, access in ((read_paths, read), (write_paths, write), (rw_files, file_rw)):
            for path in paths:
                try:
                    fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
                except OSError:
                    continue
                try:
                    rights = access if os.path.isdir(path) else access & (FS_READ_FILE | FS_WRITE_FILE | FS_TRUNCATE |
                                                             FS_IOCTL_DEV | FS_EXECUTE)
                    rule = struct.pack("<Qi", rights, fd)
                    if libc.syscall(ctypes.c_long(_LL_ADD_RULE), ctypes.c_int(ruleset), ctypes.c_int(_RULE_PATH_BENEATH),
                                    ctypes.c_char_p(rule), ctypes.c_uint32(0)) != 0:
                        err = ctypes.get_errno()
                        raise OSError(err, f"landlock_add_rule({path}) failed: {os.strerror(err)}")
                finally:
                    os.close(fd)
        no_new_privs()
        if libc.syscall(ctypes.c_long(_LL_RESTRICT), ctypes.c_int(ruleset), ctypes.c_uint32(0)) != 0:
            err = ctypes.get_errno()
            raise OSError(err, f"landlock_restrict_self failed: {os.strerror(err)}")
    finally:
        os.close(ruleset)
    return f"landlock-abi{abi}"


# ----------------------------------------------------------------------------- probe


def _probe() -> dict:
    """Install both filters on this (throwaway) process and check that they hold."""
    import socket

    found = {"seccomp": False, "landlock": landlock_abi(), "problem": None}
    try:
        if found["landlock"]:
            install_landlock([os.path.dirname(os.path.abspath(__file__))], [], ["/dev/null"])
            try:
                open("/etc/passwd", "rb").close()
                found.update(landlock=0, problem="Landlock did not refuse a read outside its allow-list")
            except PermissionError:
                pass
        install_seccomp(allow_fork=True)
        try:
            socket.socket(socket.AF_UNIX, socket.SOCK_STREAM).close()
            found["problem"] = "the seccomp filter did not refuse a new socket"
        except PermissionError:
            found["seccomp"] = True
    except (OSError, RuntimeError) as exc:
        found["problem"] = str(exc)
    return found


if __name__ == "__main__":
    import json
    import sys

    if sys.argv[1:] == ["--probe"]:
        print(json.dumps(_probe()))
