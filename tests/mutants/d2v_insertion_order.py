# mutant: dictionary_to_vector
# expect: dict_order
# also: key_order
# changes: stacks the arrays in the dict's insertion order
import numpy as np


def dictionary_to_vector(d):
    return np.concatenate([v.reshape(-1, 1) for v in d.values()], axis=0)
