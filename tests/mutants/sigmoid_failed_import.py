# mutant: sigmoid
# expect: import_failed
# changes: imports scipy, which the grading environment does not have
import numpy as np


def sigmoid(z):
    from scipy.special import expit_that_does_not_exist as expit
    return expit(z)
