# mutant: initialize_adam
# expect: adam_moments_not_zero
# changes: np.ones_like for the moments
import numpy as np


def initialize_adam(parameters):
    return {"t": 0, "m": {"d" + k: np.ones_like(v) for k, v in parameters.items()},
            "v": {"d" + k: np.ones_like(v) for k, v in parameters.items()}}
