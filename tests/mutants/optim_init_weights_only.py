# mutant: initialize_adam
# expect: adam_moment_missing
# changes: moments for the weights only (the biases forgotten)
import numpy as np


def initialize_adam(parameters):
    weights = [k for k in parameters if k.startswith("W")]
    return {"t": 0, "m": {"d" + k: np.zeros_like(parameters[k]) for k in weights},
            "v": {"d" + k: np.zeros_like(parameters[k]) for k in weights}}
