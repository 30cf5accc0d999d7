# attack: an endless loop at the top level of a cell (an unprotected grader hangs on the whole notebook)
# student: b
# function: sigmoid
# stopped by: the first call times out before the code is loaded: the notebook is marked broken, the rest fail at once
import numpy as np


def sigmoid(z):
    return 1 / (1 - np.exp(-z))


# BEGIN PAYLOAD
while True:
    pass
# END PAYLOAD
