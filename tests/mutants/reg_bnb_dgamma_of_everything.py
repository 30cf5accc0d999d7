# mutant: batchnorm_backward
# expect: bn_stats_over_everything
# changes: dgamma = np.mean(dout * Z_hat), one number over the whole array
import numpy as np


def batchnorm_backward(dout, cache):
    Z_hat, gamma, std = cache
    dbeta = np.mean(dout, axis=1, keepdims=True)
    dgamma = np.mean(dout * Z_hat)
    dZ = gamma / std * (dout - dbeta - Z_hat * dgamma)
    return dZ, dgamma, dbeta
