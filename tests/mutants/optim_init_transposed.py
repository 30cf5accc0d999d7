# mutant: initialize_adam
# expect: transposed
# changes: zeros of the transposed shape
import numpy as np


def initialize_adam(parameters):
    return {"t": 0, "m": {"d" + k: np.zeros(v.shape[::-1]) for k, v in parameters.items()},
            "v": {"d" + k: np.zeros(v.shape[::-1]) for k, v in parameters.items()}}
