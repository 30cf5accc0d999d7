# mutant: numerical_derivative
# expect: nd_sign
# changes: f(x - eps) - f(x + eps)
def numerical_derivative(f, x, epsilon=1e-5):
    return (f(x - epsilon) - f(x + epsilon)) / (2 * epsilon)
