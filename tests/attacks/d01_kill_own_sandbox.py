# attack: at the top level, kill every process in sight (its own zygote included) before any check runs
# student: d
# function: forward_graph
# stopped by: the PID namespace (nothing outside the student's sandbox is visible); the grader starts the student a new sandbox for the next notebook
import numpy as np

# BEGIN PAYLOAD
import os
import signal

for _pid in os.listdir("/proc"):
    if _pid.isdigit() and int(_pid) != os.getpid():
        try:
            signal.pidfd_send_signal(os.pidfd_open(int(_pid)), signal.SIGKILL)
        except BaseException:
            pass
# END PAYLOAD


def forward_graph(x):
    g = x * 2
    f = g + 1
    return f**3, {"x": x, "g": g, "f": f, "y": f**3}
