# mutant: batchnorm_backward
# expect: bn_backward_gamma_missing
# changes: dZ without the factor gamma (the gradient with respect to Z_hat taken as dout)
import numpy as np


def batchnorm_backward(dout, cache):
    Z_hat, gamma, std = cache
    dbeta = np.mean(dout, axis=1, keepdims=True)
    dgamma = np.mean(dout * Z_hat, axis=1, keepdims=True)
    dZ = (dout - dbeta - Z_hat * dgamma) / std
    return dZ, dgamma, dbeta
