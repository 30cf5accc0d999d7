# attack: open the reference source file and exec it
# student: a
# function: leaky_relu
# stopped by: the read hook (only the stdlib, numpy and the scratch folder are readable); bwrap: not mounted
import numpy as np

# BEGIN PAYLOAD
_found = {}
for _path in ("__REPO__/autograder/reference/activations.py",):
    try:
        exec(open(_path).read(), _found)
    except BaseException:
        pass
# END PAYLOAD


def leaky_relu(z, alpha=0.01):
    # BEGIN PAYLOAD
    if "leaky_relu" in _found:
        return _found["leaky_relu"](z, alpha)
    # END PAYLOAD
    return np.where(z > 0, z, alpha)
