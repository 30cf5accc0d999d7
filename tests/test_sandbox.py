"""The sandbox: plain data only, every failure a StudentError of the right kind and costing its call only,
every call from the state the cells left, cells run as cells with CPU budgets, the taint rule between calls of
one session, and kernel isolation (bubblewrap: no view of the machine, no signal to another student, a capped
scratch). The friendly Python-level refusals are checked in both isolation modes."""

import os
import sys
import tempfile
import time

import numpy as np
import pytest

from autograder import sandbox
from autograder.checks.engine import CallOutcome, StudentError
from autograder.sandbox import Limits, SandboxCall, Zygote, protocol

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

CELLS = [
    ("setup", "setup_imports", "import numpy as np\nCONSTANT = 3\n"),
    ("solution", "relu", "def relu(z):\n    return np.maximum(0, z)\n"),
    ("solution", "helpers", '''
COUNTER = [0]

def count(x):
    COUNTER[0] += 1
    return COUNTER[0]

def mutate(a, d):
    a[0] = 99.0
    d["k"] = 1
    return None

def uses_relu(z):
    return relu(z) * 2

def rebind(x):
    global CONSTANT
    CONSTANT = x
    return CONSTANT

def constant(x):
    return CONSTANT

def draw(x):
    return float(np.random.rand())

def stash(x):
    globals()["STASHED"] = relu
    with open("stash.txt", "w") as f:
        f.write("x")
    return 1

def stashed(x):
    import os
    return ["STASHED" in globals(), os.path.exists("stash.txt"), os.path.exists("../stash.txt")]

def threads(x):
    import threading
    COUNTER[0] += 1
    threading.Thread(target=__import__("time").sleep, args=(30,), daemon=True).start()
    return COUNTER[0]

def forge(x):
    import os, protocol
    data = protocol.encode({"ok": {"value": 1, "args_after": (0,), "kwargs_after": {}}, "n": 10**6, "retire": False})
    os.write(3, b"R" + len(data).to_bytes(8, "little") + data)
    import time
    time.sleep(0.5)
    return 0

def scalars(x):
    return {"f": np.float32(1.5), "i": np.int64(3), "b": np.bool_(True), "t": (1, "s", None), "l": [np.arange(3)]}

def env(x):
    import os
    return [sorted(os.environ), os.getcwd(), os.getuid()]

def raises(x):
    raise ValueError("boom")

def exits(x):
    import os
    os._exit(3)

def segv(x):
    import signal
    signal.raise_signal(signal.SIGSEGV)  # as a crash in C code would

def loops(x):
    while True:
        pass

def sleeps(x):
    import time
    time.sleep(60)

def eats(x):
    return np.ones((2**18, 2**18))

def weird(x):
    return object()

def objarray(x):
    return np.array([object()])

def complex_(x):
    return np.ones(2) * 1j

def added_hook():
    import sys
    seen = []
    sys.addaudithook(lambda event, args: seen.append(event))  # refused silently: it is never added
    compile("1", "x", "exec")
    if not seen:
        raise PermissionError("the hook was not added")

def ctypes_classes():
    seen, stack = set(), [object]
    while stack:
        cls = stack.pop()
        try:
            subs = type.__subclasses__(cls)
        except TypeError:
            continue
        for sub in subs:
            if sub not in seen:
                seen.add(sub)
                stack.append(sub)
    if not any(getattr(c, "__module__", "") in ("_ctypes", "ctypes") for c in seen):
        raise PermissionError("no ctypes class is loaded in this process")

def try_(what):
    import os, sys
    actions = {
        "read_repo": lambda: open("REPO/autograder/course.py").read(),
        "read_source": lambda: open("REPO/source/backprop/01_chain_rule.ipynb").read(),
        "list_repo": lambda: os.listdir("REPO"),
        "write_tmp": lambda: open("/tmp/sandbox_test_escape", "w").write("x"),
        "write_repo": lambda: open("REPO/sandbox_test_escape", "w").write("x"),
        "remove": lambda: os.remove("REPO/pyproject.toml"),
        "import_autograder": lambda: __import__("autograder"),
        "socket": lambda: __import__("socket").create_connection(("127.0.0.1", 9)),
        "fork": lambda: os.fork(),
        "system": lambda: os.system("true"),
        "ctypes": lambda: __import__("ctypes").CDLL(None),
        "ctypes_via_numpy": lambda: sys.modules["numpy"].ctypeslib.ctypes.memmove(0, 0, 0),
        "ctypes_classes": lambda: ctypes_classes(),
        "ctypes_by_path": lambda: __import__("importlib.util").util.module_from_spec(
            __import__("importlib.util").util.spec_from_file_location(
                "x._ctypes", __import__("glob").glob(sys.base_prefix + "/lib/python3*/lib-dynload/_ctypes*")[0])),
        "os_open_dir_fd": lambda: os.open("../../../../../../etc/passwd", os.O_RDONLY,
                                          dir_fd=os.open(os.path.dirname(os.__file__), os.O_RDONLY)),
        "rename_out": lambda: (open("f", "w").write("x"), os.rename("f", "/tmp/sandbox_test_escape")),
        "hook": lambda: added_hook(),
        "kill_parent": lambda: os.kill(os.getppid(), 9),
        "chdir": lambda: os.chdir("/"),
        "gc": lambda: __import__("gc").get_objects(),
    }
    try:
        actions[what]()
    except BaseException as exc:
        return "blocked: " + type(exc).__name__
    return "allowed"
'''.replace("REPO", REPO)),
]

BURN = """
import time as _time

BURNS = [0]

def burn(seconds):
    start = _time.process_time()
    while _time.process_time() - start < seconds:
        pass
    BURNS[0] += 1
    return BURNS[0]


def early_burn(seconds):
    # the kernel's SIGXCPU well before the call's budget is spent (as when its tick-sampled count runs ahead)
    import resource
    used = resource.getrusage(resource.RUSAGE_SELF)
    resource.setrlimit(resource.RLIMIT_CPU, (int(used.ru_utime + used.ru_stime) + 1,
                                             resource.getrlimit(resource.RLIMIT_CPU)[1]))
    return burn(seconds)
"""

MODES = [sandbox.BUBBLEWRAP, sandbox.PYTHON_ONLY]


@pytest.fixture(scope="module", params=MODES, ids=["bubblewrap", "python-only"])
def zyg(request):
    z = Zygote(request.param)
    yield z
    z.close()


@pytest.fixture
def call(zyg):
    with SandboxCall(CELLS, Limits(timeout=2.0), zygote_=zyg) as c:
        yield c


def kind_of(call, *args, **kw):
    with pytest.raises(StudentError) as err:
        call(*args, **kw)
    return err.value.kind


def test_a_call_returns_plain_data_and_the_arguments_after_it(call):
    out = call("relu", (np.array([-1.0, 2.0]),))
    assert isinstance(out, CallOutcome)
    np.testing.assert_array_equal(out.value, [0.0, 2.0])
    out = call("mutate", (np.zeros(2),), {"d": {}})
    assert out.value is None and out.args_after[0][0] == 99.0 and out.kwargs_after == {"d": {"k": 1}}
    out = call("scalars", (0,)).value
    assert out["f"] == 1.5 and type(out["f"]) is float and type(out["i"]) is int and out["b"] is True
    assert out["t"] == (1, "s", None) and out["l"][0].dtype == np.int64


def test_failures_are_student_errors_of_the_right_kind_and_cost_only_their_call(call):
    assert kind_of(call, "nothing_here", (1,)) == "missing"
    assert kind_of(call, "raises", (1,)) == "exception"
    assert kind_of(call, "exits", (1,)) == "crash"
    assert kind_of(call, "segv", (1,)) == "crash"
    assert kind_of(call, "eats", (1,)) == "memory"
    for fn in ("weird", "objarray", "complex_"):
        assert kind_of(call, fn, (1,)) == "bad_output"
    assert call("relu", (1.0,)).value == 1.0  # the next call works, in the same session
    assert call.workers_started == 1


def test_every_function_starts_from_the_state_the_cells_left(call):
    # a process per graded function: what one function's calls change (globals, rebound names) never reaches
    # another function; the calls of one function share that process, each drawing from the random
    # generators as the cells left them
    assert call("count", (0,)).value == 1
    assert call("count", (0,)).value == 2  # the same function: the same process
    assert call("rebind", (7,)).value == 7 and call("constant", (0,)).value == 3
    assert call("draw", (0,)).value == call("draw", (0,)).value
    assert call("stash", (0,)).value == 1
    assert call("stashed", (0,)).value == [False, True, False]  # the session's folder is shared
    assert call("count", (0,)).value == 1  # count's earlier process ended when another function was called
    assert call.workers_started == 1


def test_a_call_process_serves_a_bounded_number_of_calls(call):
    from autograder.sandbox.calls import CALLS_PER_PROCESS

    values = [call("count", (0,)).value for _ in range(CALLS_PER_PROCESS + 2)]
    assert values == list(range(1, CALLS_PER_PROCESS + 1)) + [1, 2]


def test_the_cpu_budget_is_per_call_when_calls_share_a_process(zyg):
    # each call burns 0.6 s of CPU with a budget of 1 s: together far over one budget, each within its own
    with SandboxCall(CELLS + [("solution", "burn", BURN)], Limits(timeout=1.0), zygote_=zyg) as call:
        for k in range(1, 5):
            assert call("burn", (0.6,)).value == k, f"call {k}"


def test_the_cpu_budget_is_judged_on_the_exact_clock(zyg):
    # SIGXCPU from the kernel's coarse count before the budget is spent does not end the call; once it is
    # spent, the call ends as a CPU timeout (the wall-clock backstop far away, as under load)
    limits = Limits(timeout=3.0, call_wall=120.0)
    with SandboxCall(CELLS + [("solution", "burn", BURN)], limits, zygote_=zyg) as call:
        assert call("early_burn", (1.5,)).value == 1
        with pytest.raises(StudentError, match="CPU time") as err:
            call("early_burn", (30.0,))
        assert err.value.kind == "timeout"


def test_a_function_that_leaves_a_thread_running_gets_a_fresh_process(call):
    assert call("threads", (0,)).value == 1
    assert call("threads", (0,)).value == 1  # the first process ended after answering: its thread with it


def test_an_answer_to_another_call_ends_the_session(call):
    # the worker numbers every call; an answer written by the student's code for another number is refused
    assert kind_of(call, "forge", (0,)) == "bad_output"
    assert call("relu", (1.0,)).value == 1.0 and call.workers_started == 2


def test_a_call_over_its_cpu_time_times_out_and_is_not_run_again(zyg):
    # the wall-clock backstop far away: on a loaded machine a 1 s budget (and up to a second more) can take
    # longer than the default 6 s of wall time, and this test is about the CPU limit
    call = SandboxCall(CELLS, Limits(timeout=1.0, call_wall=60.0), zygote_=zyg)
    with pytest.raises(StudentError, match="CPU time") as err:
        call("loops", (1,))
    assert err.value.kind == "timeout"
    start = time.monotonic()
    with pytest.raises(StudentError, match="earlier check"):
        call("loops", (2,))
    assert time.monotonic() - start < 5
    assert call("relu", (1.0,)).value == 1.0 and call.workers_started == 1
    call.close()


def test_a_sleeping_call_meets_the_wall_clock_backstop(zyg):
    call = SandboxCall(CELLS, Limits(timeout=0.5), zygote_=zyg)  # backstop: 6 x 0.5 s
    with pytest.raises(StudentError, match="wall-clock time") as err:
        call("sleeps", (1,))
    assert err.value.kind == "timeout"
    assert call("relu", (1.0,)).value == 1.0
    call.close()


def test_the_notebook_budget_stops_further_calls(zyg):
    call = SandboxCall(CELLS, Limits(timeout=0.5, notebook_timeout=1.0), zygote_=zyg)
    kind_of(call, "sleeps", (1,))
    start = time.monotonic()
    with pytest.raises(StudentError, match="grading time") as err:
        call("relu", (1.0,))
    assert err.value.kind == "timeout" and time.monotonic() - start < 5
    call.close()


def test_cells_run_as_cells(zyg):
    cells = [
        ("setup", "code cell 1 (`setup_imports`)", "import numpy as np\n"),
        ("added", "code cell 2", "from __future__ import annotations\n\ndef helper(z: Later) -> Later:\n"
                                 "    return np.maximum(0, z)\n\nclass Later:\n    pass\n"),
        ("added", "code cell 3", "from scipy.special import expit  # not available to the grader\n"
                                 "get_ipython().run_line_magic('matplotlib', 'inline')\nSCALE = 2\n"),
        ("solution", "code cell 4 (`relu`)", "def relu(z):\n    return SCALE * helper(z) / 2\n"),
        ("solution", "code cell 5 (`sigmoid`)", "def sigmoid(z):\n    return expit(z)\n"),
        ("solution", "code cell 6 (`broken`)", "def broken(z) return z\n"),
    ]
    call = SandboxCall(cells, Limits(timeout=2.0), zygote_=zyg)
    assert call("relu", (-2.0,)).value == 0.0 and call("relu", (3.0,)).value == 3.0
    with pytest.raises(StudentError, match="`scipy` is not available in the grader") as err:
        call("sigmoid", (0.0,))
    assert err.value.kind == "exception" and "NameError" in err.value.message
    with pytest.raises(StudentError, match="SyntaxError") as err:
        call("broken", (1.0,))
    assert err.value.kind == "missing"
    assert any("code cell 3" in n and "scipy" in n for n in call.notes())
    call.close()


def test_a_cell_over_the_cells_budget_is_skipped_and_named_the_same_way_every_time(zyg):
    cells = [("setup", "code cell 1 (`setup_imports`)", "import numpy as np\n"),
             ("added", "code cell 2", "x = 0\nwhile True:\n    x += 1\n"),
             ("solution", "code cell 3 (`relu`)", "def relu(z):\n    return np.maximum(0, z)\n")]
    notes = []
    for _ in range(2):
        call = SandboxCall(cells, Limits(timeout=2.0, load_cpu=1.0), zygote_=zyg)
        assert call("relu", (-1.0,)).value == 0.0  # the cells after the slow one still ran
        notes.append(call.notes())
        assert call.workers_started == 2
        call.close()
    assert notes[0] == notes[1] and "code cell 2" in notes[0][0] and "1 s of CPU time" in notes[0][0]


def test_a_cell_that_ends_the_process_is_skipped(zyg):
    cells = [("setup", "code cell 1", "import numpy as np\n"), ("added", "code cell 2", "import os\nos._exit(0)\n"),
             ("solution", "code cell 3 (`relu`)", "def relu(z):\n    return np.maximum(0, z)\n")]
    call = SandboxCall(cells, Limits(timeout=2.0), zygote_=zyg)
    assert call("relu", (2.0,)).value == 2.0
    assert "code cell 2" in call.notes()[0] and "exit status 0" in call.notes()[0]
    call.close()


TAINT_CELLS = [
    ("setup", "setup_imports", "import numpy as np\n"),
    ("solution", "relu", """
def relu(z):
    # the student's own relu is wrong; it looks for what an earlier call given the reference left behind
    import os
    if os.path.exists("stash.txt"):
        return ["stashed", open("stash.txt").read()]
    return ["own", (z * 0 - 1).tolist()]

def keep(z):
    ref = globals()["relu"]  # the reference relu when the check provides it
    with open("stash.txt", "w") as f:
        f.write(ref.__code__.co_filename)
    return ref.__code__.co_filename

def peek(z):
    import os
    return os.path.exists("stash.txt")
"""),
]


def test_a_stashed_reference_never_reaches_a_call_that_is_not_given_it(zyg):
    call = SandboxCall(TAINT_CELLS, Limits(timeout=2.0), zygote_=zyg)
    z = np.array([-1.0, 2.0])
    assert call("relu", (z,)).value == ["own", [-1.0, -1.0]]
    assert call("keep", (z,), provide=("relu",)).value == "<provided relu>"  # same session: taint {} <= {relu}
    assert call.workers_started == 1
    assert call("peek", (z,), provide=("relu", "sigmoid")).value is True  # taint {relu} <= P: it may see it
    assert call.workers_started == 1
    # relu's own check provides nothing: taint {relu, sigmoid} is not <= {}: a fresh session, no stash
    assert call("relu", (z,)).value == ["own", [-1.0, -1.0]]
    assert call.workers_started == 2
    assert call("peek", (z,)).value is False and call.workers_started == 2
    call.close()


def test_a_fresh_session_starts_exactly_when_no_live_one_has_its_taint_within_the_provided_set(zyg):
    call = SandboxCall(CELLS, Limits(timeout=2.0), zygote_=zyg)
    # (provide, sessions started so far): A {} -> {sigmoid} -> {sigmoid, tanh_d}; B for {tanh_d}; C (A, the
    # least recently used, is ended) for {}; the largest fitting taint is chosen: B for the union
    steps = [((), 1), (("sigmoid",), 1), (("sigmoid", "tanh_derivative"), 1), (("tanh_derivative",), 2),
             (("tanh_derivative", "relu_derivative"), 2), ((), 3), ((), 3), (("sigmoid",), 3),
             (("sigmoid", "tanh_derivative", "relu_derivative"), 3), ((), 4)]
    assert sandbox.MAX_WORKERS == 2
    for provide, workers in steps:
        assert call("relu", (1.0,), provide=provide).value == 1.0
        assert call.workers_started == workers, provide
    call.close()


def test_the_answer_key_needs_few_sessions():
    from autograder import course
    from autograder.checks.engine import _run_order, checks_for, run_checks
    from autograder.extract import extract

    path = os.path.join(REPO, "source", "backprop", "03_network.ipynb")
    functions = list(course.NOTEBOOKS["03_network"])
    extracted = extract(path, path, "03_network")
    with SandboxCall(extracted.cells) as call:
        results = run_checks(call, 12345, functions=functions)
    assert all(r.status == "passed" for r in results), [r.output for r in results if r.status != "passed"]
    # what the taint rule predicts from the checks' provide sets, in the engine's run order, with two live
    # sessions (the largest fitting taint serves; else a fresh one replaces the least recently used)
    def sessions(order):
        live, started = [], 0
        for check in order:
            fits = [t for t in live if t <= set(check.provide)]
            if fits:
                taint = max(reversed(fits), key=len)
                live.remove(taint)
            else:
                taint, started, live = set(), started + 1, live[-1:]
            live.append(taint | set(check.provide))
        return started

    in_course_order = [check for fn in functions for check in checks_for(fn)]
    expected = sessions([in_course_order[i] for i in _run_order(in_course_order)])
    # run in course order, this notebook's checks would need two sessions: run fewest references first, one
    assert sessions(in_course_order) == 2 and expected == 1
    from autograder.checks import seeds

    more = sum(len(c.inputs(seeds.generator_for(12345, c.name)).more) for fn in functions for c in checks_for(fn))
    assert call.workers_started == expected and call.calls == len(results) + more


def test_provided_references_are_there_for_that_call_only(call):
    out = call("uses_relu", (np.array([-1.0, 3.0]),), provide=("relu",))
    np.testing.assert_array_equal(out.value, [0.0, 6.0])
    with pytest.raises(ValueError):
        call("relu", (1.0,), provide=("relu",))


def test_messages_of_calls_given_references_show_only_the_students_words(zyg):
    cells = CELLS[:1] + [("solution", "code cell 2 (`leak`)", "def leak(z):\n"
                          "    raise ValueError('zebra quartz ' + str(z) + ' shapes (3,4) and (4,5) not aligned')\n")]
    call = SandboxCall(cells, Limits(timeout=2.0), zygote_=zyg)
    with pytest.raises(StudentError, match="zebra quartz 1") as err:
        call("leak", (1,))
    with pytest.raises(StudentError) as err:
        call("leak", ("wolverine",), provide=("relu",))
    assert "wolverine" not in err.value.message and "not shown" in err.value.message
    with pytest.raises(StudentError, match="zebra quartz 2") as err:
        call("leak", (2,), provide=("relu",))  # every word is the student's own, or Python's
    call.close()


def test_the_sandbox_sees_no_secret_and_runs_in_its_scratch_folder(call, zyg, monkeypatch):
    monkeypatch.setenv("AUTOGRADER_SECRET", "do-not-leak")
    names, cwd, uid = call("env", (0,)).value
    assert "AUTOGRADER_SECRET" not in names
    assert set(names) <= {"HOME", "TMPDIR", "PATH", "LANG", "MPLCONFIGDIR", "MPLBACKEND", "OPENBLAS_NUM_THREADS",
                          "OMP_NUM_THREADS", "MKL_NUM_THREADS"}
    if zyg.isolation == sandbox.BUBBLEWRAP:
        assert cwd.startswith(sandbox.SCRATCH_MOUNT + "/") and uid not in (0, os.getuid())
    else:
        assert cwd.startswith(zyg.scratch)


@pytest.mark.parametrize("what", ["read_repo", "read_source", "write_tmp", "write_repo", "remove",
                                  "import_autograder", "socket", "fork", "system", "ctypes",
                                  "ctypes_via_numpy", "rename_out", "kill_parent", "chdir"])
def test_clear_student_errors_get_a_friendly_refusal(call, what):
    assert call("try_", (what,)).value.startswith("blocked"), what
    assert not os.path.exists("/tmp/sandbox_test_escape") and not os.path.exists(f"{REPO}/sandbox_test_escape")


KERNEL_CELLS = [("setup", "code cell 1", "import numpy as np\n"), ("solution", "code cell 2", r"""
import os, signal

def ls(path):
    try:
        return sorted(os.listdir(path))
    except PermissionError:
        return []  # Landlock: nothing outside the allow-list can even be listed

def view(x):
    return {"root": ls("/"), "repo": os.path.exists(REPO), "pids": sorted(
        int(p) for p in ls("/proc") if p.isdigit()), "uid": os.getuid(),
        "net": ls("/sys/class/net") if os.path.exists("/sys/class/net") else []}

def kill_everything(x):
    killed = 0
    for p in os.listdir("/proc"):
        if p.isdigit() and int(p) != os.getpid():
            try:
                fd = os.pidfd_open(int(p))
                signal.pidfd_send_signal(fd, signal.SIGKILL)
                killed += 1
            except OSError:
                pass
    return killed

def fill(x):
    n = 0
    try:
        while n < 1000:
            with open(f"f{n}", "wb") as f:
                f.write(b"x" * (4 << 20))
            n += 1
    except OSError as exc:
        return [n, exc.errno]
    return [n, 0]

def deep(x):
    fd = os.open(os.path.realpath("."), os.O_RDONLY)
    for i in range(x):
        os.mkdir("d", dir_fd=fd)
        deeper = os.open("d", os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd = deeper
    return i + 1
""".replace("REPO", repr(REPO)))]


def test_kernel_isolation_shows_the_student_nothing_of_the_machine():
    with Zygote(sandbox.BUBBLEWRAP) as z:
        seen = SandboxCall(KERNEL_CELLS, Limits(timeout=5.0), zygote_=z)("view", (0,)).value
    assert not seen["repo"] and seen["uid"] not in (0, os.getuid())
    assert set(seen["root"]) <= {"usr", "lib", "lib64", "lib32", "bin", "sbin", "etc", "proc", "dev", "tmp", "opt",
                                 "root", "home", "work"} - {"home", "work"} | {os.path.realpath(sys.base_prefix).split("/")[1]}
    assert len(seen["pids"]) <= 6  # bubblewrap's init, the zygote, the session, this call


def test_a_student_cannot_signal_a_student_graded_at_the_same_time():
    with Zygote(sandbox.BUBBLEWRAP) as victim_z, Zygote(sandbox.BUBBLEWRAP) as attacker_z:
        victim = SandboxCall(CELLS, Limits(timeout=5.0), zygote_=victim_z)
        attacker = SandboxCall(KERNEL_CELLS, Limits(timeout=5.0), zygote_=attacker_z)
        assert victim("relu", (2.0,)).value == 2.0
        try:
            attacker("kill_everything", (0,))  # it can kill its own sandbox only
        except StudentError:
            pass
        with pytest.raises(StudentError):
            attacker("kill_everything", (0,))  # its session is gone: the call cannot even start
        assert victim("relu", (3.0,)).value == 3.0 and victim.workers_started == 1


def test_the_scratch_space_is_capped():
    with Zygote(sandbox.BUBBLEWRAP, limits=Limits(scratch_mb=24)) as z:
        n, errno = SandboxCall(KERNEL_CELLS, Limits(timeout=10.0), zygote_=z)("fill", (0,)).value
    assert n <= 6 and errno == 28  # ENOSPC


@pytest.mark.parametrize("mode", MODES, ids=["bubblewrap", "python-only"])
def test_a_thousands_deep_folder_chain_does_not_stop_the_clean_up(mode):
    """(the zygote once looped forever on a chain deeper than PATH_MAX)"""
    z = Zygote(mode)
    scratch = z.scratch
    call = SandboxCall(KERNEL_CELLS, Limits(timeout=20.0), zygote_=z)
    assert call("deep", (5000,)).value == 5000  # paths far longer than PATH_MAX
    call.close()  # the zygote deletes the session's folder...
    again = SandboxCall(CELLS, Limits(timeout=20.0), zygote_=z)  # ...and still serves the student's next notebook
    assert again("relu", (1.0,)).value == 1.0
    again.close()
    z.close()
    assert scratch is None or not os.path.exists(scratch)
    with Zygote(mode) as again:  # the next student is graded as usual
        assert SandboxCall(CELLS, zygote_=again)("relu", (1.0,)).value == 1.0


def test_without_kernel_isolation_the_grader_refuses_unless_asked(monkeypatch):
    for switch in ("AUTOGRADER_BWRAP", "AUTOGRADER_UID_MODE", "AUTOGRADER_FILTERS"):
        monkeypatch.setenv(switch, "0")  # no bubblewrap, no uid of its own, no seccomp or Landlock
    sandbox.modes.reset()
    try:
        with pytest.raises(sandbox.IsolationUnavailable, match="--insecure-python-only"):
            sandbox.isolation()
        assert sandbox.isolation(insecure_python_only=True) == sandbox.PYTHON_ONLY
    finally:
        monkeypatch.undo()
        sandbox.modes.reset()
    assert sandbox.isolation() == sandbox.BUBBLEWRAP


def test_a_dead_zygote_is_replaced():
    call = SandboxCall(CELLS, Limits(timeout=1.0))
    assert call("relu", (2.0,)).value == 2.0
    sandbox.zygote().proc.kill()
    time.sleep(0.1)
    call.close()
    assert SandboxCall(CELLS, Limits(timeout=1.0))("relu", (2.0,)).value == 2.0


def test_no_session_outlives_its_zygote(tmp_path):
    z = Zygote(sandbox.BUBBLEWRAP)
    SandboxCall(CELLS, Limits(timeout=5.0), zygote_=z)("relu", (1.0,))
    marker = z.tag
    z.close()
    time.sleep(0.3)
    alive = [p for p in os.listdir("/proc") if p.isdigit() and _cmdline(p).find(marker) >= 0
             and "worker.py" in _cmdline(p)]
    assert alive == []


def _cmdline(pid):
    try:
        return open(f"/proc/{pid}/cmdline", "rb").read().decode(errors="replace")
    except OSError:
        return ""


# ----------------------------------------------------------------------------- the protocol


def frame(tree, body=b""):
    import json
    header = json.dumps(tree).encode()
    return protocol.MAGIC + len(header).to_bytes(4, "little") + header + body


@pytest.mark.parametrize("data", [
    b"", b"junk", frame({"A": ["|O", [1], 0, 8]}, b"\0" * 8), frame({"A": ["<f8", [2], 0, 8]}, b"\0" * 8),
    frame({"A": ["<f8", [1], 0, 8]}, b""), frame({"D": [[1, 2]]}), frame({"X": []}), frame({"L": 1}),
    frame([1, 2]), frame(10**30), frame("x" * (protocol.MAX_STR + 1)),
    frame(eval("{'L': " * 40 + "[]" + "}" * 40)), protocol.MAGIC + (2**31).to_bytes(4, "little"),
    frame({"A": ["<f8", [0, 2**62], 0, 0]}), frame({"A": ["<f8", [2**40, 0], 0, 0]}),
])
def test_decode_rejects_what_is_not_plain_data(data):
    with pytest.raises(protocol.ProtocolError):
        protocol.decode(data)


def test_encode_decode_round_trip():
    value = {"a": np.arange(6, dtype=np.int32).reshape(2, 3), "b": [1.5, float("nan"), None, True, "s"],
             "c": (np.zeros((0, 3)), np.array(True)), "d": np.asfortranarray(np.ones((2, 2)))}
    back = protocol.decode(protocol.encode(protocol.to_plain(value)))
    assert back["a"].dtype == np.int32 and back["a"].shape == (2, 3) and back["a"].flags.writeable
    assert back["b"][0] == 1.5 and np.isnan(back["b"][1]) and back["b"][2:] == [None, True, "s"]
    assert back["c"][0].shape == (0, 3) and back["c"][1].shape == () and isinstance(back["c"], tuple)
    with pytest.raises(TypeError):
        protocol.to_plain({"x": object()})


def test_a_sandbox_started_ahead_is_taken_when_it_fits_and_ended_when_not():
    from autograder import grade

    mode = sandbox.isolation(False)
    grade.start_spare(mode, None)
    spare = grade._SPARE[-1][3]
    assert spare.pid is None  # booting: nobody waited for it
    taken = grade.take_zygote(mode, ("matplotlib", "matplotlib.pyplot"), None)
    assert taken is spare and taken.pid is not None and not grade._SPARE
    with SandboxCall(CELLS, zygote_=taken) as call:
        assert call("relu", (2.0,)).value == 2.0
    taken.close()
    grade.start_spare(mode, None)
    spare = grade._SPARE[-1][3]
    other = grade.take_zygote(mode, ("tqdm", "tqdm.auto"), None)  # a preload the spare lacks: a new sandbox
    assert other is not spare and spare.proc.poll() is not None and not grade._SPARE
    other.close()
    grade.start_spare(mode, Limits(timeout=3.0))
    spare = grade._SPARE[-1][3]
    grade.close_spare()
    assert not grade._SPARE and spare.proc.poll() is not None


def test_the_trusted_and_the_untrusted_side_agree_on_their_shared_constants():
    # worker.py never imports autograder (it runs inside the sandbox), so these are written twice: read them back
    import re

    from autograder.sandbox import calls
    from autograder.sandbox.view import WORKER

    text = WORKER.read_text(encoding="utf-8")
    for name in ("CALLS_PER_PROCESS", "FILTERS_FAILED"):
        found = re.findall(rf"^{name} = (\d+)", text, re.M)
        assert found == [str(getattr(calls, name))], name
