# honest: chain_rule_alt
# changes: chain-rule functions written differently: (g + 1) for f, y ** (2/3) for f^2, np.power, a local-derivative table.
import numpy as np


def forward_graph(x):
    cache = {"x": x}
    cache["g"] = np.power(x, 2)
    cache["f"] = cache["g"] + 1
    cache["y"] = np.power(cache["f"], 3)
    return cache["y"], cache


def backward_graph(cache):
    local = {"df_dg": 1.0, "dg_dx": 2 * cache["x"]}
    dy_df = 3 * (cache["g"] + 1) ** 2
    dy_dg = dy_df * local["df_dg"]
    return {"dy_df": dy_df, "dy_dg": dy_dg, "dy_dx": dy_dg * local["dg_dx"]}


def dz_dt(t):
    x, y = np.cos(t), np.exp(t)
    dz_dx, dz_dy = 2 * x * y, x**2
    dx_dt, dy_dt = -np.sin(t), np.exp(t)
    return dz_dx * dx_dt + dz_dy * dy_dt
