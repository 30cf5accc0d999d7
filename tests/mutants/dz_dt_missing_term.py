# mutant: dz_dt
# expect: missing_chain_term
# changes: keeps only the path through x
import numpy as np


def dz_dt(t):
    x, y = np.cos(t), np.exp(t)
    return 2 * x * y * (-np.sin(t))
