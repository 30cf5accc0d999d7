# attack: sys.exit inside the function, hoping the harness counts a clean exit as a pass
# student: a
# function: forward_graph
# stopped by: SystemExit is caught in the worker and counts as an exception
def forward_graph(x):
    # BEGIN PAYLOAD
    import sys
    sys.exit(0)
    # END PAYLOAD
    g = x**2
    f = g + 1
    return f**2, {"x": x, "g": g, "f": f, "y": f**2}
