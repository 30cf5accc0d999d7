# mutant: batchnorm_backward
# expect: bn_backward_variance_term_missing
# changes: the term from the variance (Z_hat * dgamma) left out
import numpy as np


def batchnorm_backward(dout, cache):
    Z_hat, gamma, std = cache
    dbeta = np.mean(dout, axis=1, keepdims=True)
    dgamma = np.mean(dout * Z_hat, axis=1, keepdims=True)
    dZ = gamma / std * (dout - dbeta)
    return dZ, dgamma, dbeta
