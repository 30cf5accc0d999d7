# mutant: batchnorm_backward
# expect: bn_backward_params_summed
# also: not_averaged
# changes: dgamma and dbeta summed over the examples (as CS231n, whose upstream is the mean's); dZ right
import numpy as np


def batchnorm_backward(dout, cache):
    Z_hat, gamma, std = cache
    m = dout.shape[1]
    dbeta = np.sum(dout, axis=1, keepdims=True)
    dgamma = np.sum(dout * Z_hat, axis=1, keepdims=True)
    dZ = gamma / (m * std) * (m * dout - dbeta - Z_hat * dgamma)
    return dZ, dgamma, dbeta
