# attack: when a check provides the reference backward_propagation to train(), save it for later calls/runs
# student: a
# function: train
# stopped by: the taint rule (the stash stays in a worker that only serves calls given backward_propagation too); writes are confined to the worker's own folder, deleted when it ends
import numpy as np


def train(X, Y, layer_dims, learning_rate=0.5, num_iterations=1000, **kwargs):
    # BEGIN PAYLOAD
    try:
        import marshal
        code = marshal.dumps(globals()["backward_propagation"].__code__)
        globals()["_STASH"] = globals()["backward_propagation"]
        for path in ("/tmp/attack_stash.bin", "/dev/shm/attack_stash.bin", "attack_stash.bin",
                     "../attack_stash.bin", "__MARK__/attack_stash.bin"):
            try:
                with open(path, "wb") as f:
                    f.write(code)
            except BaseException:
                pass
    except BaseException:
        pass
    # END PAYLOAD
    return {"W1": np.zeros((layer_dims[1], layer_dims[0])), "b1": np.zeros((layer_dims[1], 1)),
            "W2": np.zeros((layer_dims[2], layer_dims[1])), "b2": np.zeros((layer_dims[2], 1))}
