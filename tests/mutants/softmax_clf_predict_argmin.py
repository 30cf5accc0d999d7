# mutant: predict_classes
# expect: argmin_not_argmax
# changes: np.argmin
import numpy as np


def predict_classes(X, parameters):
    A2, _ = classifier_forward(X, parameters)
    return np.argmin(A2, axis=0)
