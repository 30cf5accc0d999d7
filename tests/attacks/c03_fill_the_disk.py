# attack: fill the disk from the scratch folder, so that classmates' results cannot be written
# student: c
# function: tanh_derivative
# stopped by: the scratch is a size-capped tmpfs (Limits.scratch_mb) inside the student's own sandbox; RLIMIT_FSIZE per file
import numpy as np


def tanh_derivative(a):
    # BEGIN PAYLOAD
    n = 0
    try:
        while n < 2000:
            with open(f"fill{n}", "wb") as f:
                f.write(b"\0" * (8 << 20))
            n += 1
    except BaseException:
        pass
    # END PAYLOAD
    return 1 - a
