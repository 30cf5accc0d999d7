# mutant: numerical_derivative
# expect: nd_one_sided
# changes: (f(x + eps) - f(x)) / eps, a forward difference
def numerical_derivative(f, x, epsilon=1e-5):
    return (f(x + epsilon) - f(x)) / epsilon
