# mutant: overfit_check
# expect: overfit_cost_before_last_step
# changes: the final cost is costs[-1], recorded before the last step
import numpy as np


def overfit_check(X, Y, n_examples=20, n_h=50, learning_rate=1.0, num_iterations=200, seed=0, tolerance=0.01):
    Xs, Ys = X[:, :n_examples], Y[:, :n_examples]
    parameters, costs = train_classifier(Xs, Ys, n_h, learning_rate, num_iterations, seed)
    accuracy = np.mean(predict_classes(Xs, parameters) == np.argmax(Ys, axis=0))
    return costs[-1], accuracy, costs[-1] < tolerance and accuracy == 1
