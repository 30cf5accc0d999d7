# mutant: predict_classes
# expect: labels_shape
# changes: a (1, m) row
import numpy as np


def predict_classes(X, parameters):
    A2, _ = classifier_forward(X, parameters)
    return np.argmax(A2, axis=0).reshape(1, -1)
