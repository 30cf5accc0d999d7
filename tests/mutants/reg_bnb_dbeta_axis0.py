# mutant: batchnorm_backward
# expect: bn_backward_wrong_axis
# changes: dbeta averaged over axis 0 (dgamma right)
import numpy as np


def batchnorm_backward(dout, cache):
    Z_hat, gamma, std = cache
    dbeta = dout.mean(axis=0, keepdims=True)
    dgamma = (dout * Z_hat).mean(axis=1, keepdims=True)
    return gamma / std * (dout - dbeta - Z_hat * dgamma), dgamma, dbeta
