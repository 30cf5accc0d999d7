# mutant: overfit_check
# expect: overfit_whole_set
# changes: trains and measures on every example, not the first n_examples
import numpy as np


def overfit_check(X, Y, n_examples=20, n_h=50, learning_rate=1.0, num_iterations=200, seed=0, tolerance=0.01):
    parameters, _ = train_classifier(X, Y, n_h, learning_rate, num_iterations, seed)
    cost = softmax_cost(classifier_forward(X, parameters)[0], Y)
    accuracy = np.mean(predict_classes(X, parameters) == np.argmax(Y, axis=0))
    return cost, accuracy, cost < tolerance and accuracy == 1
