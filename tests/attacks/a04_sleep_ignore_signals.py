# attack: ignore SIGTERM, SIGINT, SIGXCPU and SIGALRM, then sleep (a grader that sends SIGTERM waits forever)
# student: a
# function: sigmoid
# stopped by: the wall-clock deadline kills with SIGKILL, which cannot be ignored
import numpy as np


def sigmoid(z):
    # BEGIN PAYLOAD
    import signal
    import time
    for s in (signal.SIGTERM, signal.SIGINT, signal.SIGXCPU, signal.SIGALRM, signal.SIGHUP):
        try:
            signal.signal(s, signal.SIG_IGN)
        except Exception:
            pass
    time.sleep(3600)
    # END PAYLOAD
    return 1 / (1 + np.exp(z))
