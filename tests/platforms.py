"""Stand-ins for the platforms courses grade on, for tests on a machine that allows everything.

- ``docker_root(cmd)``: root in a container without user namespaces, as Gradescope runs each submission:
  Docker's default capability set and a seccomp filter that refuses what Docker's default profile refuses
  of namespaces (unshare, setns, clone with a namespace flag, mount; clone3 answers ENOSYS).
- ``runner_user(cmd)``: an unprivileged user without user namespaces, as on a GitHub runner (Ubuntu 24.04's
  AppArmor default) or in a JupyterHub pod: the same filter, uid and gid 65534, no capabilities.

Run as a script (``python platforms.py deny-namespaces -- CMD...``) it installs the filter and execs CMD;
it needs only the standard library, and the wrappers pass its text with ``-c``, so the stand-in user needs
no access to the repository's folder (a clone under a private home still works).
"""

from __future__ import annotations

import ctypes
import os
import platform
import struct
import sys
from pathlib import Path

HERE = Path(__file__).resolve() if "__file__" in globals() else None  # None when run with -c
SYSTEM_PYTHON = "/usr/bin/python3"  # readable by every uid (the project's own interpreter may not be)
DOCKER_CAPS = ("chown", "dac_override", "fowner", "fsetid", "kill", "setgid", "setuid", "setpcap",
               "net_bind_service", "net_raw", "sys_chroot", "mknod", "audit_write", "setfcap")
NOBODY = 65534

_NR = {"x86_64": dict(unshare=272, setns=308, mount=165, clone=56, clone3=435),
       "aarch64": dict(unshare=97, setns=268, mount=40, clone=220, clone3=435)}
_ARCH = {"x86_64": 0xC000003E, "aarch64": 0xC00000B7}
_NAMESPACE_FLAGS = 0x7E020000  # CLONE_NEWNS | NEWCGROUP | NEWUTS | NEWIPC | NEWUSER | NEWPID | NEWNET


def _ins(code, k, jt=0, jf=0):
    return struct.pack("<HBBI", code, jt, jf, k & 0xFFFFFFFF)


def no_namespaces_program(arch: str) -> bytes:
    """BPF: EPERM for unshare, setns, mount and clone with a namespace flag; ENOSYS for clone3."""
    nr, deny = _NR[arch], _ins(0x06, 0x00050001)
    out = [_ins(0x20, 4), _ins(0x15, _ARCH[arch], 1, 0), _ins(0x06, 0x7FFF0000), _ins(0x20, 0)]
    for name in ("unshare", "setns", "mount"):
        out += [_ins(0x15, nr[name], 0, 1), deny]
    out += [_ins(0x15, nr["clone3"], 0, 1), _ins(0x06, 0x00050026)]
    out += [_ins(0x15, nr["clone"], 0, 3), _ins(0x20, 16), _ins(0x45, _NAMESPACE_FLAGS, 0, 1), deny]
    out.append(_ins(0x06, 0x7FFF0000))
    return b"".join(out)


def _deny_namespaces() -> None:
    arch = {"amd64": "x86_64", "arm64": "aarch64"}.get(platform.machine().lower(), platform.machine().lower())
    code = no_namespaces_program(arch)
    libc = ctypes.CDLL(None, use_errno=True)
    buf = ctypes.create_string_buffer(code, len(code))

    class Prog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    prog = Prog(len(code) // 8, ctypes.cast(buf, ctypes.c_void_p))
    if libc.prctl(38, 1, 0, 0, 0) != 0 or libc.prctl(22, 2, ctypes.byref(prog), 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "could not install the no-namespaces filter")


def docker_root(cmd: list[str]) -> list[str]:
    caps = ",".join(f"+{c}" for c in DOCKER_CAPS)
    return ["setpriv", f"--bounding-set=-all,{caps}", "--", *_self(), "deny-namespaces", "--", *cmd]


def runner_user(cmd: list[str], uid: int = NOBODY) -> list[str]:
    return ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", "--bounding-set=-all",
            "--inh-caps=-all", "--", *_self(), "deny-namespaces", "--", *cmd]


def _self() -> list[str]:
    return [SYSTEM_PYTHON, "-c", HERE.read_text(encoding="utf-8")]


if __name__ == "__main__":  # as a file, or as ``python -c TEXT`` (then argv[0] is "-c")
    if sys.argv[1:2] != ["deny-namespaces"] or "--" not in sys.argv:
        sys.exit("usage: platforms.py deny-namespaces -- CMD...")
    cmd = sys.argv[sys.argv.index("--") + 1:]
    _deny_namespaces()
    os.execvp(cmd[0], cmd)
