# mutant: dictionary_to_vector
# expect: layer_past_the_end
# changes: the layer loop runs one layer too far, range(1, L + 2): KeyError for W<L+1>
import numpy as np


def dictionary_to_vector(d):
    prefix = "d" if "dW1" in d else ""
    L = len(d) // 2
    pieces = []
    for l in range(1, L + 2):
        pieces.append(d[prefix + "W" + str(l)].reshape(-1, 1))
        pieces.append(d[prefix + "b" + str(l)].reshape(-1, 1))
    return np.concatenate(pieces, axis=0)
