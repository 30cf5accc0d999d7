# attack: os._exit(0) inside the function: the process ends "successfully" before any comparison
# student: a
# function: backward_graph
# stopped by: no answer frame means no value; the worker is killed and the next call starts a fresh one
def backward_graph(cache):
    # BEGIN PAYLOAD
    import os
    os._exit(0)
    # END PAYLOAD
    return {"dy_df": 3 * cache["f"] ** 2, "dy_dg": 3 * cache["f"] ** 2, "dy_dx": 3 * cache["f"] ** 2}
