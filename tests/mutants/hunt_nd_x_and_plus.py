# mutant: numerical_derivative
# expect: nd_points
# changes: evaluates f at x + eps and x only, over 2 eps
def numerical_derivative(f, x, epsilon=1e-5):
    return (f(x + epsilon) - f(x)) / (2 * epsilon)
