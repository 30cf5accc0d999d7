# mutant: backward_graph
# expect: chain_not_multiplied
# changes: dy_dx is the local derivative 2x alone
import numpy as np


def backward_graph(cache):
    dy_df = 3 * cache["f"] ** 2
    dy_dg = dy_df * 1
    dy_dx = 2 * cache["x"]
    return {"dy_df": dy_df, "dy_dg": dy_dg, "dy_dx": dy_dx}
