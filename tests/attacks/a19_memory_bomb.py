# attack: allocate far more memory than the machine has (takes the grader down with it)
# student: a
# function: random_mini_batches
# stopped by: RLIMIT_AS: the allocation fails at once with MemoryError ("memory")
import numpy as np


def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    # BEGIN PAYLOAD
    hog = [np.ones(2**27) for _ in range(1000)]  # 1 GB each, 1 TB in all
    big = bytearray(2**40)
    # END PAYLOAD
    return [(X, Y)]
