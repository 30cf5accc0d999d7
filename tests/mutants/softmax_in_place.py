# mutant: softmax
# expect: inputs_mutated
# changes: z -= max changes the caller's logits
import numpy as np


def softmax(z):
    z -= np.max(z, axis=0, keepdims=True)
    e = np.exp(z)
    return e / np.sum(e, axis=0, keepdims=True)
