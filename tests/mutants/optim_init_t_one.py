# mutant: initialize_adam
# expect: adam_t_starts_at_one
# changes: the step count starts at 1
import numpy as np


def initialize_adam(parameters):
    return {"t": 1, "m": {"d" + k: np.zeros_like(v) for k, v in parameters.items()},
            "v": {"d" + k: np.zeros_like(v) for k, v in parameters.items()}}
