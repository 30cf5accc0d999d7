# mutant: numerical_derivative
# expect: nd_one_sided
# changes: (f(x) - f(x - eps)) / eps, a backward difference
def numerical_derivative(f, x, epsilon=1e-5):
    return (f(x) - f(x - epsilon)) / epsilon
