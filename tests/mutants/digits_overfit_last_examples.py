# mutant: overfit_check
# expect: overfit_last_examples
# changes: the subset is the last n_examples columns
import numpy as np


def overfit_check(X, Y, n_examples=20, n_h=50, learning_rate=1.0, num_iterations=200, seed=0, tolerance=0.01):
    Xs, Ys = X[:, -n_examples:], Y[:, -n_examples:]
    parameters, _ = train_classifier(Xs, Ys, n_h, learning_rate, num_iterations, seed)
    cost = softmax_cost(classifier_forward(Xs, parameters)[0], Ys)
    accuracy = np.mean(predict_classes(Xs, parameters) == np.argmax(Ys, axis=0))
    return cost, accuracy, cost < tolerance and accuracy == 1
