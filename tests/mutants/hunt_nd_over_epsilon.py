# mutant: numerical_derivative
# expect: nd_width
# changes: divided by epsilon instead of 2 * epsilon (twice the derivative)
def numerical_derivative(f, x, epsilon=1e-5):
    return (f(x + epsilon) - f(x - epsilon)) / epsilon
