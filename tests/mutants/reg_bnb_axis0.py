# mutant: batchnorm_backward
# expect: bn_backward_wrong_axis
# changes: the means over axis 0
import numpy as np


def batchnorm_backward(dout, cache):
    Z_hat, gamma, std = cache
    dbeta = np.mean(dout, axis=0, keepdims=True)
    dgamma = np.mean(dout * Z_hat, axis=0, keepdims=True)
    dZ = gamma / std * (dout - dbeta - Z_hat * dgamma)
    return dZ, dgamma, dbeta
