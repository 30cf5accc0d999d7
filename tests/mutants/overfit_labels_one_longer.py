# mutant: overfit_check
# expect: overfit_subset_slices
# changes: the labels are cut one column longer than the examples, Y[:, :n_examples + 1] (an inclusive end)
import numpy as np


def overfit_check(X, Y, n_examples=20, n_h=50, learning_rate=1.0, num_iterations=200, seed=0, tolerance=0.01):
    X_small, Y_small = X[:, :n_examples], Y[:, :n_examples + 1]
    parameters, _ = train_classifier(X_small, Y_small, n_h, learning_rate, num_iterations, seed)
    A2, _ = classifier_forward(X_small, parameters)
    final_cost = softmax_cost(A2, Y_small)
    accuracy = np.mean(predict_classes(X_small, parameters) == np.argmax(Y_small, axis=0))
    return final_cost, accuracy, final_cost < tolerance and accuracy == 1
