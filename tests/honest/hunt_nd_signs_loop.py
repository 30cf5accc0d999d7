# honest: hunt_nd_signs_loop
# changes: numerical_derivative with a loop over the two sides (sign times epsilon) and a helper
def _side(f, x, sign, epsilon):
    return f(x + sign * epsilon)


def numerical_derivative(f, x, epsilon=1e-5):
    values = [_side(f, x, sign, epsilon) for sign in (1, -1)]
    return float((values[0] - values[1]) / (epsilon + epsilon))
