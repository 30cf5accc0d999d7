# mutant: batchnorm_backward
# expect: bn_keepdims_dropped
# changes: dbeta without keepdims, an (n,) vector
import numpy as np


def batchnorm_backward(dout, cache):
    Z_hat, gamma, std = cache
    dbeta = np.mean(dout, axis=1)
    dgamma = np.mean(dout * Z_hat, axis=1, keepdims=True)
    dZ = gamma / std * (dout - dbeta - Z_hat * dgamma)
    return dZ, dgamma, dbeta
