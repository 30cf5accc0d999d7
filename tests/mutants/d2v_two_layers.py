# mutant: dictionary_to_vector
# expect: layers_hardcoded
# changes: W1, b1, W2, b2 by name, whatever the depth
import numpy as np


def dictionary_to_vector(d):
    p = "d" if "dW1" in d else ""
    return np.concatenate([d[p + k].reshape(-1, 1) for k in ("W1", "b1", "W2", "b2")], axis=0)
