# mutant: backward_graph
# expect: cache_not_used
# changes: recomputes f from x instead of reading the cache
import numpy as np


def backward_graph(cache):
    x = cache["x"]
    f = x**2 + 1
    dy_df = 3 * f**2
    dy_dg = dy_df * 1
    dy_dx = dy_dg * 2 * x
    return {"dy_df": dy_df, "dy_dg": dy_dg, "dy_dx": dy_dx}
