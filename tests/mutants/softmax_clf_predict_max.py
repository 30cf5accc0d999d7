# mutant: predict_classes
# expect: max_not_argmax
# changes: np.max for np.argmax
import numpy as np


def predict_classes(X, parameters):
    A2, _ = classifier_forward(X, parameters)
    return np.max(A2, axis=0)
