"""The sandbox: plain data only, every failure a StudentError of the right kind, the taint rule between
calls of one worker, and none of the grader's files within reach. Runs with bubblewrap when the machine has it and
always also without it (the Python-level layers alone)."""

import os
import signal
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
    import sys
    sys.setrecursionlimit(10**8)
    nested = []
    for _ in range(10**6):
        nested = [nested]
    return repr(nested)  # C recursion past the C stack: SIGSEGV

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

MODES = ["python-only"] + (["bwrap"] if sandbox.bwrap_available() else [])


@pytest.fixture(scope="module", params=MODES)
def zyg(request):
    z = Zygote(use_bwrap=request.param == "bwrap")
    yield z
    z.close()


@pytest.fixture
def call(zyg):
    return SandboxCall(CELLS, Limits(timeout=1.0), zygote_=zyg)


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


def test_failures_are_student_errors_of_the_right_kind(call):
    assert kind_of(call, "nothing_here", (1,)) == "missing"
    assert kind_of(call, "raises", (1,)) == "exception"
    assert kind_of(call, "exits", (1,)) == "crash"
    assert kind_of(call, "segv", (1,)) == "crash"
    assert kind_of(call, "eats", (1,)) == "memory"
    for fn in ("weird", "objarray", "complex_"):
        assert kind_of(call, fn, (1,)) == "bad_output"
    assert call("relu", (1.0,)).value == 1.0  # and the next call works


def test_endless_and_sleeping_calls_time_out():
    call = SandboxCall(CELLS, Limits(timeout=1.0))
    start = time.monotonic()
    assert kind_of(call, "loops", (1,)) == "timeout"
    assert kind_of(call, "sleeps", (1,)) == "timeout"
    assert time.monotonic() - start < 5
    assert call("relu", (1.0,)).value == 1.0


def test_a_failing_setup_cell_is_kind_setup(zyg):
    cells = CELLS[:2] + [("solution", "x", "np = None\n"), ("setup", "setup_later", "np.zeros(1)\n")]
    assert kind_of(SandboxCall(cells, Limits(timeout=1.0), zygote_=zyg), "relu", (1.0,)) == "setup"


def test_a_hanging_notebook_fails_fast_after_the_first_timeout():
    cells = CELLS[:2] + [("solution", "x", "while True:\n    pass\n")]
    call = SandboxCall(cells, Limits(timeout=0.5))
    assert kind_of(call, "relu", (1.0,)) == "timeout"
    start = time.monotonic()
    assert kind_of(call, "relu", (1.0,)) == "timeout"
    assert time.monotonic() - start < 0.1


def test_the_notebook_budget_stops_further_calls():
    call = SandboxCall(CELLS, Limits(timeout=0.5, notebook_timeout=0.8))
    kind_of(call, "sleeps", (1,))
    kind_of(call, "sleeps", (1,))
    start = time.monotonic()
    with pytest.raises(StudentError, match="grading time") as err:
        call("relu", (1.0,))
    assert err.value.kind == "timeout" and time.monotonic() - start < 0.1


def test_state_of_one_worker_and_what_is_reset_between_calls(call):
    # mutated objects carry over between the calls one worker serves (as in-process); rebound globals,
    # provided functions and the global generators are put back after every call
    assert call("count", (0,)).value == 1
    assert call("count", (0,)).value == 2
    assert call("rebind", (7,)).value == 7 and call("constant", (0,)).value == 3
    assert call("draw", (0,)).value == call("draw", (0,)).value
    assert call.workers_started == 1
    # a worker that was given a reference is not used for a call without it: a fresh one starts
    assert call("stash", (0,), provide=("sigmoid",)).value == 1
    assert call("stashed", (0,)).value == [False, False, False]
    assert call.workers_started == 2 and call("count", (0,)).value == 1


def test_a_worker_scratch_folder_goes_with_the_worker(zyg):
    call = SandboxCall(CELLS, Limits(timeout=2.0), zygote_=zyg)
    assert call("stash", (0,)).value == 1
    cwd = call("env", (0,)).value[1]
    assert os.path.exists(os.path.join(cwd, "stash.txt"))
    call.close()
    for _ in range(100):
        if not os.path.exists(cwd):
            break
        time.sleep(0.02)
    assert not os.path.exists(cwd)


def test_a_failed_call_costs_only_itself(call):
    assert call("count", (0,)).value == 1
    assert kind_of(call, "raises", (1,)) == "exception"  # an exception keeps the worker
    assert call("count", (0,)).value == 2 and call.workers_started == 1
    for fn, kind in (("exits", "crash"), ("segv", "crash"), ("eats", "memory"), ("weird", "bad_output")):
        assert kind_of(call, fn, (1,)) == kind
        assert call("count", (0,)).value == 1  # a fresh worker, which works
    assert call.workers_started == 5


TAINT_CELLS = [
    ("setup", "setup_imports", "import numpy as np\n"),
    ("solution", "relu", '''
def relu(z):
    # the student's own relu is wrong; it looks for a reference relu stashed by an earlier call
    import builtins, sys
    for found in (getattr(builtins, "_STASH", None), getattr(sys.modules.get("_stash"), "relu", None),
                  keep.__defaults__[0], globals().get("_STASH")):
        if found is not None and found is not relu:
            return ["stashed", found(z).tolist()]
    return ["own", (z * 0 - 1).tolist()]

def keep(z, _saved=None):
    import builtins, sys, types
    ref = globals()["relu"]  # the reference relu when the check provides it
    builtins._STASH = ref
    module = types.ModuleType("_stash")
    module.relu = ref
    sys.modules["_stash"] = module
    keep.__defaults__ = (ref,)
    globals()["_STASH"] = ref
    return ref.__code__.co_filename

def peek(z):
    import builtins
    return getattr(builtins, "_STASH", None) is not None
'''),
]


def test_a_stashed_reference_never_reaches_a_call_that_is_not_given_it(zyg):
    call = SandboxCall(TAINT_CELLS, Limits(timeout=2.0), zygote_=zyg)
    z = np.array([-1.0, 2.0])
    assert call("relu", (z,)).value == ["own", [-1.0, -1.0]]
    assert call("keep", (z,), provide=("relu",)).value == "<provided relu>"  # same worker: taint {} <= {relu}
    assert call.workers_started == 1
    assert call("peek", (z,), provide=("relu", "sigmoid")).value is True  # taint {relu} <= P: it may see it
    assert call.workers_started == 1
    # relu's own check provides nothing: taint {relu, sigmoid} is not <= {}: a fresh worker, no stash
    assert call("relu", (z,)).value == ["own", [-1.0, -1.0]]
    assert call.workers_started == 2
    assert call("peek", (z,)).value is False and call.workers_started == 2
    call.close()


def test_a_fresh_worker_starts_exactly_when_no_live_worker_has_its_taint_within_the_provided_set(zyg):
    call = SandboxCall(CELLS, Limits(timeout=2.0), zygote_=zyg)
    # (provide, workers started so far): A {} -> {sigmoid} -> {sigmoid, tanh_d}; B for {tanh_d}; C (A, the
    # least recently used, is killed) for {}; the largest fitting taint is chosen: B for the union
    steps = [((), 1), (("sigmoid",), 1), (("sigmoid", "tanh_derivative"), 1), (("tanh_derivative",), 2),
             (("tanh_derivative", "relu_derivative"), 2), ((), 3), ((), 3), (("sigmoid",), 3),
             (("sigmoid", "tanh_derivative", "relu_derivative"), 3), ((), 4)]
    assert sandbox.MAX_WORKERS == 2
    for provide, workers in steps:
        assert call("count", (0,), provide=provide).value >= 1
        assert call.workers_started == workers, provide
    call.close()


def test_the_answer_key_needs_few_workers():
    from autograder import course
    from autograder.checks.engine import checks_for, run_checks
    from autograder.extract import extract

    path = os.path.join(REPO, "source", "backprop", "03_network.ipynb")
    functions = list(course.NOTEBOOKS["03_network"])
    extracted = extract(path, path, "03_network")
    with SandboxCall(extracted.cells) as call:
        results = run_checks(call, 12345, functions=functions)
    assert all(r.status == "passed" for r in results), [r.output for r in results if r.status != "passed"]
    # what the taint rule predicts from the checks' provide sets, in the engine's order, with two live
    # workers (the largest fitting taint serves; else a fresh one replaces the least recently used)
    live, expected = [], 0
    for fn in functions:
        for check in checks_for(fn):
            fits = [t for t in live if t <= set(check.provide)]
            if fits:
                taint = max(reversed(fits), key=len)
                live.remove(taint)
            else:
                taint, expected, live = set(), expected + 1, live[-1:]
            live.append(taint | set(check.provide))
    assert call.workers_started == expected == 2 and call.calls == len(results)


def test_provided_references_are_there_for_that_call_only(call):
    out = call("uses_relu", (np.array([-1.0, 3.0]),), provide=("relu",))
    np.testing.assert_array_equal(out.value, [0.0, 6.0])
    with pytest.raises(ValueError):
        call("relu", (1.0,), provide=("relu",))


def test_the_worker_sees_no_secret_and_runs_in_its_scratch_folder(call, zyg, monkeypatch):
    monkeypatch.setenv("AUTOGRADER_SECRET", "do-not-leak")
    names, cwd, uid = call("env", (0,)).value
    assert "AUTOGRADER_SECRET" not in names and set(names) <= {"HOME", "TMPDIR", "PATH", "LANG"}
    assert cwd.startswith(zyg.scratch)
    if zyg.use_bwrap:
        assert uid == 65534


@pytest.mark.parametrize("what", ["read_repo", "read_source", "list_repo", "write_tmp", "write_repo", "remove",
                                  "import_autograder", "socket", "fork", "system", "ctypes", "hook",
                                  "ctypes_via_numpy", "ctypes_classes", "ctypes_by_path", "rename_out", "os_open_dir_fd",
                                  "kill_parent", "chdir", "gc"])
def test_forbidden_actions_are_blocked(call, what):
    assert call("try_", (what,)).value.startswith("blocked"), what
    assert not os.path.exists("/tmp/sandbox_test_escape") and not os.path.exists(f"{REPO}/sandbox_test_escape")


def test_a_dead_zygote_is_replaced():
    call = SandboxCall(CELLS, Limits(timeout=1.0))
    assert call("relu", (2.0,)).value == 2.0
    os.kill(sandbox.zygote().pid, signal.SIGKILL)
    time.sleep(0.1)
    assert call("relu", (2.0,)).value == 2.0


def test_no_worker_outlives_its_zygote():
    z = Zygote()
    SandboxCall(CELLS, Limits(timeout=5.0), zygote_=z)
    pid = z.pid
    z.close()
    time.sleep(0.2)
    assert not os.path.exists(f"/proc/{pid}") or "Z" in open(f"/proc/{pid}/stat").read().split()[2]


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


def test_a_failing_statement_stops_only_itself(zyg):
    cell = ("import matplotlib.pyplot as plt  # not available to the grader\n"
            "get_ipython().run_line_magic('matplotlib', 'inline')\n"
            "def relu(z):\n    return np.maximum(0, z)\n"
            "plt.plot([1, 2])\n")
    call = SandboxCall([CELLS[0], ("solution", "relu", cell)], Limits(timeout=1.0), zygote_=zyg)
    assert call("relu", (-2.0,)).value == 0.0
    broken = SandboxCall([CELLS[0], ("solution", "relu", "def relu(z) return z\n")], zygote_=zyg)
    with pytest.raises(StudentError, match="SyntaxError") as err:
        broken("relu", (1.0,))
    assert err.value.kind == "missing"
