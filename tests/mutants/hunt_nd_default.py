# mutant: numerical_derivative
# expect: nd_default
# changes: the default epsilon is 1e-7 instead of the signature's 1e-5
def numerical_derivative(f, x, epsilon=1e-7):
    return (f(x + epsilon) - f(x - epsilon)) / (2 * epsilon)
