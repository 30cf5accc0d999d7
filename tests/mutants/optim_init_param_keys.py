# mutant: initialize_adam
# expect: adam_state_keys
# changes: the moments keyed like the parameters ("W1") instead of the gradients ("dW1")
import numpy as np


def initialize_adam(parameters):
    return {"t": 0, "m": {k: np.zeros_like(v) for k, v in parameters.items()},
            "v": {k: np.zeros_like(v) for k, v in parameters.items()}}
