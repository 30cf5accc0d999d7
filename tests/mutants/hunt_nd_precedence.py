# mutant: numerical_derivative
# expect: nd_quotient
# changes: / 2 * epsilon without parentheses
def numerical_derivative(f, x, epsilon=1e-5):
    return (f(x + epsilon) - f(x - epsilon)) / 2 * epsilon
