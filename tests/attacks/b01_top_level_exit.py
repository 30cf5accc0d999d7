# attack: os._exit(0) at the top level of a cell (ends the kernel or worker before any check runs)
# student: b
# function: forward_graph
# stopped by: the notebook's code never finishes, so every check of the notebook scores 0
def forward_graph(x):
    g = x * 2
    f = g + 1
    return f**3, {"x": x, "g": g, "f": f, "y": f**3}


# BEGIN PAYLOAD
import os

os._exit(0)
# END PAYLOAD
