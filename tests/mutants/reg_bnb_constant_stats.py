# mutant: batchnorm_backward
# expect: bn_backward_batch_terms_missing
# changes: mu and var treated as constants: dZ = gamma / std * dout
import numpy as np


def batchnorm_backward(dout, cache):
    Z_hat, gamma, std = cache
    m = dout.shape[1]
    dgamma = np.sum(dout * Z_hat, axis=1, keepdims=True) / m
    dbeta = np.sum(dout, axis=1, keepdims=True) / m
    return dout * gamma / std, dgamma, dbeta
