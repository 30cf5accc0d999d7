# honest: printing
# changes: prints shapes and progress in every function, and warns on stderr.
import sys
import numpy as np


def sigmoid(z):
    print("sigmoid of", np.shape(z))
    return 1 / (1 + np.exp(-z))


def softmax(z):
    print("softmax", z.shape, file=sys.stderr)
    e = np.exp(z - z.max(axis=0))
    return e / e.sum(axis=0)


def backward_propagation(X, Y, parameters, cache):
    print("backprop on", X.shape[1], "examples")
    m = X.shape[1]
    dZ2 = cache["A2"] - Y
    dZ1 = (parameters["W2"].T @ dZ2) * relu_derivative(cache["Z1"])
    grads = {"dW1": dZ1 @ X.T / m, "db1": np.sum(dZ1, 1, keepdims=True) / m,
             "dW2": dZ2 @ cache["A1"].T / m, "db2": np.sum(dZ2, 1, keepdims=True) / m}
    for k, v in grads.items():
        print(k, v.shape)
    return grads


def train(X, Y, layer_dims, learning_rate=1.2, num_iterations=5000, print_cost=True, **kwargs):
    parameters = initialize_parameters(layer_dims)
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        if print_cost and i % 100 == 0:
            print(f"cost after iteration {i}: {compute_cost(A2, Y):.4f}")
        parameters = update_parameters(parameters, backward_propagation(X, Y, parameters, cache), learning_rate)
    return parameters


def gradient_check(X, Y, parameters, gradients, epsilon=1e-7):
    layer_dims = [parameters["W1"].shape[1], parameters["W1"].shape[0], parameters["W2"].shape[0]]
    theta, grad = dictionary_to_vector(parameters), dictionary_to_vector(gradients)
    approx = np.zeros_like(theta)
    for i in range(len(theta)):
        step = np.zeros_like(theta)
        step[i] = epsilon
        Jp = compute_cost(forward_propagation(X, vector_to_dictionary(theta + step, layer_dims))[0], Y)
        Jm = compute_cost(forward_propagation(X, vector_to_dictionary(theta - step, layer_dims))[0], Y)
        approx[i] = (Jp - Jm) / (2 * epsilon)
    difference = np.linalg.norm(grad - approx) / (np.linalg.norm(grad) + np.linalg.norm(approx))
    print("difference:", difference)
    return difference
