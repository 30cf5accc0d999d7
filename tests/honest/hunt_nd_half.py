# honest: hunt_nd_half
# changes: numerical_derivative as one half of (f(x + eps) - f(x - eps)) / eps, printing the step
def numerical_derivative(f, x, epsilon=1e-5):
    print(f"step {epsilon:g} at x = {x:g}")
    return 0.5 * (f(x + epsilon) - f(x - epsilon)) / epsilon
