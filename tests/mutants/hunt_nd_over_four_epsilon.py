# mutant: numerical_derivative
# expect: nd_width
# changes: divided by 2 * (2 * epsilon): exactly half the centred difference
def numerical_derivative(f, x, epsilon=1e-5):
    width = 2 * epsilon
    return (f(x + epsilon) - f(x - epsilon)) / (2 * width)
