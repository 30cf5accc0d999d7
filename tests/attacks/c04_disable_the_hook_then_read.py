# attack: disable the audit hook's checks (rebind what it calls), then read the reference, the course secret and a neighbour's notebook, and write into the results
# student: c
# function: relu_derivative
# stopped by: the kernel: Landlock's read allow-list (every mode), bubblewrap's mounts, the uid mode's permissions; the Python-level hook is disarmed first and is not relied on
import numpy as np


def relu_derivative(z):
    # BEGIN PAYLOAD
    import builtins
    import os
    import posixpath
    import sys
    worker = sys.modules["__main__"]  # the hook reads these globals and resolves paths with realpath
    worker.BLOCKED_EVENTS = ("nothing-is-blocked",)
    worker.PATH_EVENTS = {}
    worker.BLOCKED_IMPORTS = ()
    inside = os.getcwd() + "/x"
    posixpath._joinrealpath = lambda *a, **k: (inside, True)
    found = 0
    for path in ("__REPO__/autograder/reference/network.py", "__REPO__/.autograder_secret",
                 "__SUBMITTED__/__NEIGHBOUR__/backprop/03_network.ipynb", "/proc/1/environ"):
        try:
            with builtins.open(path, "rb") as f:
                found += len(f.read()) > 0
        except BaseException:
            pass
    for path in ("__SUBMITTED__/__NEIGHBOUR__/backprop/02_activations.ipynb", "__REPO__/attack_planted.txt"):
        try:
            with builtins.open(path, "w") as f:
                f.write("{}")
        except BaseException:
            pass
    if found:
        return (z > 0).astype(float)  # the escape worked: the right answer, to be noticed
    # END PAYLOAD
    return (z < 0).astype(float)
