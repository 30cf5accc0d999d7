# attack: hoard memory outside the per-process limits and the scratch quota: big files in /dev and /dev/shm (a tmpfs of half the machine), an anonymous memfd written without mapping it, System V shared memory
# student: c
# function: dz_dt
# stopped by: /dev is read-only under bubblewrap and unreachable under Landlock; seccomp refuses memfd_create and System V IPC; the student's cgroup counts tmpfs pages
import numpy as np


def dz_dt(t):
    # BEGIN PAYLOAD
    import os
    held = 0
    chunk = b"\0" * (16 << 20)
    for path in ("/dev/shm/hoard", "/dev/hoard", "/run/hoard", "/var/tmp/hoard"):
        try:
            with open(path, "wb") as f:
                for _ in range(64):
                    f.write(chunk)
                    held += len(chunk)
        except BaseException:
            pass
    try:
        fd = os.memfd_create("hoard")
        for _ in range(64):
            os.write(fd, chunk)
            held += len(chunk)
    except BaseException:
        pass
    if held >= (1 << 30):  # it hoarded a gigabyte: the right answer, to be noticed
        return 2 * np.cos(t) * np.exp(t) * (-np.sin(t)) + np.cos(t) ** 2 * np.exp(t)
    # END PAYLOAD
    return np.cos(t) ** 2 * np.exp(t)
