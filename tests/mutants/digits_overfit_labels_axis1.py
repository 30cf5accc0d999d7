# mutant: overfit_check
# expect: overfit_labels_axis
# changes: the true classes as np.argmax(Y, axis=1), one per class instead of one per example
import numpy as np


def overfit_check(X, Y, n_examples=20, n_h=50, learning_rate=1.0, num_iterations=200, seed=0, tolerance=0.01):
    Xs, Ys = X[:, :n_examples], Y[:, :n_examples]
    parameters, _ = train_classifier(Xs, Ys, n_h, learning_rate, num_iterations, seed)
    cost = softmax_cost(classifier_forward(Xs, parameters)[0], Ys)
    accuracy = np.mean(predict_classes(Xs, parameters) == np.argmax(Ys, axis=1))
    return cost, accuracy, cost < tolerance and accuracy == 1
