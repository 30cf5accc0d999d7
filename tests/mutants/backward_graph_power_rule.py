# mutant: backward_graph
# expect: power_rule
# changes: dy_df = 3 f instead of 3 f^2
import numpy as np


def backward_graph(cache):
    dy_df = 3 * cache["f"]
    dy_dg = dy_df * 1
    dy_dx = dy_dg * 2 * cache["x"]
    return {"dy_df": dy_df, "dy_dg": dy_dg, "dy_dx": dy_dx}
