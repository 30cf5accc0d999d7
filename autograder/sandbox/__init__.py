"""``SandboxCall``: the check engine's ``call``, backed by untrusted processes under kernel isolation.

Trusted side of the sandbox. The grader (``autograder.grade`` or the nbgrader preprocessor) keeps
everything that decides a score: it makes the inputs, runs the reference, compares and writes results.
Student code runs only in ``worker.py`` processes (see its docstring, and docs/security.md):

    grader --(control socket)--> zygote (python -I -S, inside bubblewrap: own user/PID/mount/net/IPC ns)
      |                              | fork, one session per notebook (a few when the taint rule says so)
      +------(session socket)---> session: runs the notebook's cells once
                                     | fork, one per call, from the state the cells left
                                     +--> call process: one request, one answer, exit

One ``Zygote`` (one bubblewrap instance, one scratch tmpfs) serves one student: students graded at the
same time never share a PID namespace, a uid or a scratch folder. Without bubblewrap the grader
refuses to run unless the instructor asks for the Python-only mode explicitly (``isolation()``).

What crosses back is tagged ``protocol`` frames of plain data, read with size caps and deadlines and
validated by ``protocol.decode``; nothing is unpickled. Time limits that decide a grade are CPU time
(the cells' budget and each call's), enforced by the kernel, so the load of the machine does not
change a grade; wall-clock limits are backstops far above them.
"""

from autograder.sandbox.calls import (MAX_WORKERS, SandboxCall, choose_worker, driver_source,  # noqa: F401
                                      reference_source)
from autograder.sandbox.limits import Limits  # noqa: F401
from autograder.sandbox.modes import (BUBBLEWRAP, LANDLOCK, PYTHON_ONLY, UID, IsolationUnavailable,  # noqa: F401
                                      isolation)
from autograder.sandbox import modes  # noqa: F401
from autograder.sandbox.view import LIB_MOUNT, SCRATCH_MOUNT, STUDENT_LIBRARIES, library_entries  # noqa: F401
from autograder.sandbox.zygote import Zygote, preload_for, remove_tree, shutdown, zygote  # noqa: F401
