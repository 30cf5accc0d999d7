# mutant: forward_graph
# expect: graph_order
# changes: builds the graph as f = g^3, y = f + 1
import numpy as np


def forward_graph(x):
    g = x**2
    f = g**3
    y = f + 1
    return y, {"x": x, "g": g, "f": f, "y": y}
