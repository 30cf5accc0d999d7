# attack: ignore every catchable signal at the top level, then sleep
# student: b
# function: random_mini_batches
# stopped by: SIGKILL of the child's process group at the deadline
import numpy as np

# BEGIN PAYLOAD
import signal
import time

for _s in range(1, 32):
    try:
        signal.signal(_s, signal.SIG_IGN)
    except BaseException:
        pass
time.sleep(3600)
# END PAYLOAD


def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    return [(X[:, i:i + mini_batch_size], Y[:, i:i + mini_batch_size]) for i in range(0, X.shape[1], mini_batch_size)]
