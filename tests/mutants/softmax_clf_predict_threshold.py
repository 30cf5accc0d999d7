# mutant: predict_classes
# expect: threshold_not_argmax
# changes: the binary rule: the first class whose probability is above 0.5 (class 0 when none is)
import numpy as np


def predict_classes(X, parameters):
    A2, _ = classifier_forward(X, parameters)
    return np.argmax(A2 > 0.5, axis=0)
