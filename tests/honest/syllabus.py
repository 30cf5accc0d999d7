# honest: syllabus
# changes: the syllabus' own NumPy code (seed/backpropagation.md), with its gaps filled: m in train, initialize_parameters, layer_dims in gradient_check.
import numpy as np

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

def sigmoid_derivative(a):
    return a * (1 - a)

def relu(z):
    return np.maximum(0, z)

def relu_derivative(z):
    return (z > 0).astype(float)

def initialize_parameters(layer_dims, seed=0):
    # gap in the syllabus: small random weights, zero biases
    np.random.seed(seed)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters['W' + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01
        parameters['b' + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters

def forward_propagation(X, parameters):
    W1, b1 = parameters['W1'], parameters['b1']
    W2, b2 = parameters['W2'], parameters['b2']

    # Layer 1
    Z1 = np.dot(W1, X) + b1
    A1 = relu(Z1)

    # Layer 2
    Z2 = np.dot(W2, A1) + b2
    A2 = sigmoid(Z2)

    cache = {'Z1': Z1, 'A1': A1, 'Z2': Z2, 'A2': A2}
    return A2, cache

def backward_propagation(X, Y, parameters, cache):
    m = X.shape[1]  # Number of examples
    W1, W2 = parameters['W1'], parameters['W2']
    A1, A2 = cache['A1'], cache['A2']
    Z1 = cache['Z1']

    # Output layer gradients
    dZ2 = A2 - Y
    dW2 = (1/m) * np.dot(dZ2, A1.T)
    db2 = (1/m) * np.sum(dZ2, axis=1, keepdims=True)

    # Hidden layer gradients
    dA1 = np.dot(W2.T, dZ2)
    dZ1 = dA1 * relu_derivative(Z1)
    dW1 = (1/m) * np.dot(dZ1, X.T)
    db1 = (1/m) * np.sum(dZ1, axis=1, keepdims=True)

    gradients = {
        'dW1': dW1, 'db1': db1,
        'dW2': dW2, 'db2': db2
    }

    return gradients

def update_parameters(parameters, gradients, learning_rate):
    parameters['W1'] -= learning_rate * gradients['dW1']
    parameters['b1'] -= learning_rate * gradients['db1']
    parameters['W2'] -= learning_rate * gradients['dW2']
    parameters['b2'] -= learning_rate * gradients['db2']

    return parameters

# Training loop
def train(X, Y, layer_dims, learning_rate=0.01, num_iterations=10000):
    m = X.shape[1]  # gap in the syllabus: m was undefined
    # Initialize parameters
    parameters = initialize_parameters(layer_dims)

    for i in range(num_iterations):
        # Forward propagation
        A2, cache = forward_propagation(X, parameters)

        # Compute cost
        cost = -(1/m) * np.sum(Y * np.log(A2) + (1-Y) * np.log(1-A2))

        # Backward propagation
        gradients = backward_propagation(X, Y, parameters, cache)

        # Update parameters
        parameters = update_parameters(parameters, gradients, learning_rate)

        if i % 1000 == 0:
            print(f'Cost after iteration {i}: {cost:.4f}')

    return parameters

def gradient_check(X, Y, parameters, gradients, epsilon=1e-7):
    """
    Numerical gradient checking to verify backpropagation
    """
    # gap in the syllabus: layer_dims was undefined; read it off the weights
    layer_dims = [parameters['W1'].shape[1], parameters['W1'].shape[0], parameters['W2'].shape[0]]
    params_vector = dictionary_to_vector(parameters)
    grads_vector = dictionary_to_vector(gradients)

    num_params = params_vector.shape[0]
    gradapprox = np.zeros((num_params, 1))

    for i in range(num_params):
        # Compute J(theta + epsilon)
        theta_plus = np.copy(params_vector)
        theta_plus[i] += epsilon
        params_plus = vector_to_dictionary(theta_plus, layer_dims)
        AL_plus, _ = forward_propagation(X, params_plus)
        J_plus = compute_cost(AL_plus, Y)

        # Compute J(theta - epsilon)
        theta_minus = np.copy(params_vector)
        theta_minus[i] -= epsilon
        params_minus = vector_to_dictionary(theta_minus, layer_dims)
        AL_minus, _ = forward_propagation(X, params_minus)
        J_minus = compute_cost(AL_minus, Y)

        # Compute numerical gradient
        gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)

    # Compare with backpropagation gradient
    numerator = np.linalg.norm(grads_vector - gradapprox)
    denominator = np.linalg.norm(grads_vector) + np.linalg.norm(gradapprox)
    difference = numerator / denominator

    if difference < 1e-7:
        print("✓ Gradient check passed!")
    else:
        print(f"✗ Gradient check failed. Difference: {difference}")

    return difference

def stable_softmax(z):
    z_max = np.max(z, axis=0, keepdims=True)
    exp_z = np.exp(z - z_max)
    return exp_z / np.sum(exp_z, axis=0, keepdims=True)

def softmax(z):
    return stable_softmax(z)
