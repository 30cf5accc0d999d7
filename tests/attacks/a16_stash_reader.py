# attack: reuse a reference function stashed by an earlier call (see a17): globals, /tmp, /dev/shm, the cwd
# student: a
# function: backward_propagation
# stopped by: the taint rule (a call runs only in a worker never given a reference the call is not given); writes are confined to the worker's own folder, deleted when it ends
import numpy as np

# BEGIN PAYLOAD
def _stashed():
    import marshal
    import types
    for path in ("/tmp/attack_stash.bin", "/dev/shm/attack_stash.bin", "attack_stash.bin", "../attack_stash.bin",
                 "__MARK__/attack_stash.bin"):
        try:
            with open(path, "rb") as f:
                return types.FunctionType(marshal.loads(f.read()), globals())
        except BaseException:
            pass
    return globals().get("_STASH")
# END PAYLOAD


def backward_propagation(X, Y, parameters, cache):
    # BEGIN PAYLOAD
    ref = _stashed()
    if ref is not None:
        return ref(X, Y, parameters, cache)
    # END PAYLOAD
    m = X.shape[1]
    dZ2 = cache["A2"] - Y
    dZ1 = parameters["W2"].T @ dZ2
    return {"dW1": dZ1 @ X.T, "db1": np.sum(dZ1, axis=1, keepdims=True),
            "dW2": dZ2 @ cache["A1"].T, "db2": np.sum(dZ2, axis=1, keepdims=True)}
