# mutant: batchnorm_backward
# expect: bn_backward_params_swapped
# changes: dgamma and dbeta returned in each other's place
import numpy as np


def batchnorm_backward(dout, cache):
    Z_hat, gamma, std = cache
    dbeta = np.mean(dout, axis=1, keepdims=True)
    dgamma = np.mean(dout * Z_hat, axis=1, keepdims=True)
    dZ = gamma / std * (dout - dbeta - Z_hat * dgamma)
    return dZ, dbeta, dgamma
