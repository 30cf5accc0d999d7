# mutant: dictionary_to_vector
# expect: inputs_mutated
# changes: sets .shape on the caller's arrays
import numpy as np


def dictionary_to_vector(d):
    prefix = "d" if "dW1" in d else ""
    L = len([k for k in d if k.startswith(prefix + "W")])
    pieces = []
    for l in range(1, L + 1):
        for name in (prefix + "W" + str(l), prefix + "b" + str(l)):
            d[name].shape = (-1, 1)
            pieces.append(d[name])
    return np.concatenate(pieces, axis=0)
