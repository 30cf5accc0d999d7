# honest: cost_array
# changes: compute_cost returns a (1, 1) array (np.dot of the labels with the logs), as in many courses.
import numpy as np


def compute_cost(A2, Y):
    m = Y.shape[1]
    return -(np.dot(Y, np.log(A2).T) + np.dot(1 - Y, np.log(1 - A2).T)) / m
