# attack: read the answer-key student's submitted notebook and run their solution
# student: a
# function: dictionary_to_vector
# stopped by: the read hook (submitted/ is not readable); bwrap: not mounted
import numpy as np

# BEGIN PAYLOAD
_theirs = {"np": np}
try:
    import json
    with open("__SUBMITTED__/__NEIGHBOUR__/backprop/05_gradient_checking.ipynb") as _f:
        for _cell in json.load(_f)["cells"]:
            if _cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "dictionary_to_vector":
                exec("".join(_cell["source"]), _theirs)
except BaseException:
    pass
# END PAYLOAD


def dictionary_to_vector(d):
    # BEGIN PAYLOAD
    if "dictionary_to_vector" in _theirs:
        return _theirs["dictionary_to_vector"](d)
    # END PAYLOAD
    return np.concatenate([np.ravel(v) for v in d.values()]).reshape(1, -1)
