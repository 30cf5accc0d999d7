# mutant: dictionary_to_vector
# expect: flatten_order
# changes: flattens column by column
import numpy as np


def dictionary_to_vector(d):
    prefix = "d" if "dW1" in d else ""
    L = len([k for k in d if k.startswith(prefix + "W")])
    return np.concatenate([d[prefix + c + str(l)].reshape((-1, 1), order="F") for l in range(1, L + 1) for c in "Wb"])
