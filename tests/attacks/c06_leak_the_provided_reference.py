# attack: read the reference functions a check provides and put them into an error message, which reaches the feedback
# student: c
# function: backward_propagation
# stopped by: messages of calls given references show only the student's own words (and Python's); the taint rule
import numpy as np


def backward_propagation(X, Y, parameters, cache):
    # BEGIN PAYLOAD
    leaked = []
    for name, value in list(globals().items()):
        code = getattr(value, "__code__", None)
        if code is not None and code.co_filename.startswith("<p"):
            leaked += [code.co_filename, *code.co_names, *code.co_varnames]
    if leaked:
        raise ValueError("LEAK" + "ED " + " ".join(leaked))
    # END PAYLOAD
    raise ValueError("no reference here")
