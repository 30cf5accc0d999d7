# attack: plant code in site-packages (sitecustomize, a .pth file, a patched numpy module) for later runs
# student: a
# function: compute_cost
# stopped by: the write hook (writes only in the call's scratch folder); bwrap: site-packages is read-only
import numpy as np

# BEGIN PAYLOAD
for _name, _text in (("sitecustomize.py", "import os\n"), ("zz_attack.pth", "import os\n"),
                     ("numpy/attack_planted.py", "x = 1\n")):
    try:
        with open("__SITE__/" + _name, "w") as _f:
            _f.write(_text)
    except BaseException:
        pass
# END PAYLOAD


def compute_cost(A2, Y):
    return float(np.sum((A2 - Y) ** 2))
