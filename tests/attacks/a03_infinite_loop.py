# attack: an endless loop in the function (hangs an unprotected grader)
# student: a
# function: dz_dt
# stopped by: RLIMIT_CPU and the grader's wall-clock deadline (SIGKILL of the child's process group)
import numpy as np


def dz_dt(t):
    # BEGIN PAYLOAD
    while True:
        pass
    # END PAYLOAD
    return -np.sin(t) * np.exp(t)
