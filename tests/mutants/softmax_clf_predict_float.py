# mutant: predict_classes
# expect: labels_not_integers
# changes: labels as floats
import numpy as np


def predict_classes(X, parameters):
    A2, _ = classifier_forward(X, parameters)
    return np.argmax(A2, axis=0).astype(float)
