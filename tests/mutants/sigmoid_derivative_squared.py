# mutant: sigmoid_derivative
# expect: sigmoid_derivative_formula
# changes: a * (1 - a) ** 2
import numpy as np


def sigmoid_derivative(a):
    return a * (1 - a) ** 2
