# mutant: dz_dt
# expect: derivative_sign
# changes: d cos/dt = +sin
import numpy as np


def dz_dt(t):
    x, y = np.cos(t), np.exp(t)
    return 2 * x * y * np.sin(t) + x**2 * y
