# mutant: numerical_derivative
# expect: nd_epsilon_ignored
# changes: a hard-coded step of 1e-5, whatever epsilon says
def numerical_derivative(f, x, epsilon=1e-5):
    h = 1e-5
    return (f(x + h) - f(x - h)) / (2 * h)
