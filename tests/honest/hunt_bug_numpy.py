# honest: hunt_bug_numpy
# changes: bug_report with an np.float64 factor and an extra key explaining the line
import numpy as np


def bug_report():
    return {"gradient": "dW1", "factor": np.float64(0.2),
            "why": "dZ2 already holds the 1/m, so the '/ m' of dW1 divides by m a second time"}
