# attack: make a device node for the disk and read it; remount; change uid
# student: c
# function: leaky_relu
# stopped by: bubblewrap: a user namespace without capabilities (no mknod, no mount, no setuid); the hook refuses os.mknod politely
import numpy as np


def leaky_relu(z, alpha=0.01):
    # BEGIN PAYLOAD
    import os
    import stat
    try:
        os.mknod("disk", stat.S_IFBLK | 0o600, os.makedev(8, 0))
        with open("disk", "rb") as f:
            f.read(512)
        return np.where(z > 0, z, alpha * z)
    except BaseException:
        pass
    try:
        os.setuid(0)
        return np.where(z > 0, z, alpha * z)
    except BaseException:
        pass
    # END PAYLOAD
    return np.where(z > 0, z, z)
