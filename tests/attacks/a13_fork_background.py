# attack: start background processes that outlive grading (fork, subprocess, os.system, multiprocessing)
# student: a
# function: initialize_parameters
# stopped by: audit hooks on fork/exec/spawn/system; RLIMIT_NPROC=0 as uid nobody (bwrap); killpg of the session
import numpy as np

# BEGIN PAYLOAD
def _spawn():
    import os
    attempts = [
        lambda: os.system("/bin/sleep 987654 &"),
        lambda: __import__("subprocess").Popen(["/bin/sleep", "987654"]),
        lambda: os.posix_spawn("/bin/sleep", ["/bin/sleep", "987654"], {}),
        lambda: os.fork() == 0 and (os.execv("/bin/sleep", ["/bin/sleep", "987654"])),
        lambda: __import__("multiprocessing").Process(target=__import__("time").sleep, args=(987654,)).start(),
    ]
    for attempt in attempts:
        try:
            attempt()
        except BaseException:
            pass


_spawn()
# END PAYLOAD


def initialize_parameters(layer_dims, seed=0):
    # BEGIN PAYLOAD
    _spawn()
    # END PAYLOAD
    params = {}
    for l in range(1, len(layer_dims)):
        params[f"W{l}"] = np.zeros((layer_dims[l], layer_dims[l - 1]))
        params[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return params
