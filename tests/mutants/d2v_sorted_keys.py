# mutant: dictionary_to_vector
# expect: key_order
# changes: stacks in sorted key order: W1, W2, b1, b2
import numpy as np


def dictionary_to_vector(d):
    return np.concatenate([d[k].reshape(-1, 1) for k in sorted(d)])
