# mutant: predict_classes
# expect: one_hot_returned
# changes: a one-hot matrix
import numpy as np


def predict_classes(X, parameters):
    A2, _ = classifier_forward(X, parameters)
    return (A2 == A2.max(axis=0, keepdims=True)).astype(float)
