# mutant: batchnorm_backward
# expect: axis_past_the_last
# changes: the means over the examples are taken over axis=2, the columns counted from 1
import numpy as np


def batchnorm_backward(dout, cache):
    Z_hat, gamma, std = cache
    dbeta = np.mean(dout, axis=2, keepdims=True)
    dgamma = np.mean(dout * Z_hat, axis=2, keepdims=True)
    dZ = gamma / std * (dout - dbeta - Z_hat * dgamma)
    return dZ, dgamma, dbeta
