# attack: write files outside the scratch folder: the results folder, the repository, the submissions, /tmp
# student: a
# function: update_parameters
# stopped by: the write hook; bwrap: only the scratch folder is writable
import numpy as np

# BEGIN PAYLOAD
import os

for _path in ("__MARK__/escaped_write", "__REPO__/attack_planted.txt", "__SUBMITTED__/attack_planted.txt",
              "/tmp/attack_planted.txt"):
    try:
        with open(_path, "w") as _f:
            _f.write("x")
    except BaseException:
        pass
    try:
        os.mkdir(_path + ".d")
    except BaseException:
        pass
# END PAYLOAD


def update_parameters(parameters, gradients, learning_rate):
    return {k: v + learning_rate * gradients["d" + k] for k, v in parameters.items()}
