"""Checks with a driver (``Check.driver``): a student class (or a function taking a function) is exercised by a
harness executed into the student's namespace, the same way in process (nbgrader's hidden cells) and in the
sandbox (the CLI); the expected value is the same harness run over the reference; the harness never taints a
session; a missing class, an exception in the student's method, a wrong value each give the usual feedback."""

import numpy as np
import pytest

from autograder import checks
from autograder.checks import engine
from autograder.checks.engine import Case, Check, InProcessCall, StudentError, run_driver
from autograder.checks.kinds import Values
from autograder.sandbox import SandboxCall


def drive_counter(steps, start):
    """Build a Counter(start), call .step(k) for each k, return [value after each step, the final value]."""
    counter = Counter(start)
    trace = []
    for k in steps:
        counter.step(k)
        trace.append(float(counter.value))
    return {"trace": trace, "final": float(counter.value)}


class ReferenceCounter:
    def __init__(self, start):
        self.value = start

    def step(self, k):
        self.value = self.value + 2 * k


STUDENT = '''
class Counter:
    def __init__(self, start):
        self.value = start

    def step(self, k):
        self.value = self.value + 2 * k
'''
WRONG = STUDENT.replace("2 * k", "3 * k")
BROKEN = STUDENT.replace("self.value + 2 * k", "self.valu + 2 * k")


@pytest.fixture(autouse=True)
def registered(monkeypatch):
    monkeypatch.setitem(checks.DRIVERS, "drive_counter", drive_counter)


def _check():
    return Check("Counter.values", "Counter", lambda rng: Case(([1.0, 2.5, -1.0], 4.0)), Values(key="trace"),
                 driver="drive_counter")


def _namespace(source):
    ns = {"np": np}
    exec(source, ns)
    return ns


def test_run_driver_gives_plain_data_from_the_implementation_given():
    assert run_driver("drive_counter", {"Counter": ReferenceCounter}, ([1.0, 2.0], 0.0)) == {
        "trace": [2.0, 6.0], "final": 6.0}


def test_in_process_call_runs_the_driver_over_the_students_class_and_restores_the_namespace():
    ns = _namespace(STUDENT)
    outcome = InProcessCall(ns)("Counter", ([1.0], 1.0), driver="drive_counter")
    assert outcome.value == {"trace": [3.0], "final": 3.0}
    assert "drive_counter" not in ns  # the harness was only there for the call
    ns_wrong = _namespace(WRONG)
    assert InProcessCall(ns_wrong)("Counter", ([1.0], 1.0), driver="drive_counter").value["final"] == 4.0


def test_missing_class_and_students_exception():
    with pytest.raises(StudentError) as err:
        InProcessCall({"np": np})("Counter", ([1.0], 1.0), driver="drive_counter")
    assert err.value.kind == "missing"
    with pytest.raises(StudentError) as err:
        InProcessCall(_namespace(BROKEN))("Counter", ([1.0], 1.0), driver="drive_counter")
    assert err.value.kind == "exception" and "valu" in err.value.message


def test_the_engine_compares_with_the_driver_over_the_reference(monkeypatch):
    from autograder import course

    monkeypatch.setitem(course.NOTEBOOKS["01_chain_rule"], "Counter", 2)
    check = _check()
    reference = {"Counter": ReferenceCounter}
    right = engine.run_check(check, InProcessCall(_namespace(STUDENT)), 1, reference, 2.0)
    wrong = engine.run_check(check, InProcessCall(_namespace(WRONG)), 1, reference, 2.0)
    assert (right.status, right.score) == ("passed", 2.0)
    assert wrong.status == "failed" and wrong.score == 0 and "`trace`" in wrong.output


def test_sandbox_call_runs_the_driver_and_it_does_not_taint_the_session():
    cells = [("setup", "setup_imports", "import numpy as np"), ("solution", "Counter", STUDENT)]
    with SandboxCall(cells) as call:
        outcome = call("Counter", ([1.0, 2.0], 0.5), driver="drive_counter")
        assert outcome.value == {"trace": [2.5, 6.5], "final": 6.5}
        call("Counter", ([1.0], 0.0), driver="drive_counter")
        assert call.workers_started == 1 and all(not s.taint for s in call._sessions)
    with SandboxCall([("solution", "Counter", BROKEN)]) as call:
        with pytest.raises(StudentError) as err:
            call("Counter", ([1.0], 0.0), driver="drive_counter")
        assert err.value.kind == "exception" and "valu" in err.value.message
    with SandboxCall([("setup", "setup_imports", "import numpy as np")]) as call:
        with pytest.raises(StudentError) as err:
            call("Counter", ([1.0], 0.0), driver="drive_counter")
        assert err.value.kind == "missing"


def test_validate_refuses_an_unknown_driver():
    bad = Check("relu.driven", "relu", lambda rng: Case((1.0,)), Values(), driver="no_such_driver")
    with pytest.raises(ValueError, match="driver"):
        checks.validate([*checks.CHECKS, bad])


def test_the_numerical_derivative_driver_builds_its_functions_and_returns_an_array():
    """Notebook 5's driver (registered in autograder.checks.DRIVERS): a cubic's centred difference is 3x² - 2 + eps²,
    the kink of |t| averages to 0 and that of max(0, t) to 0.5; a student's None comes back as None."""
    from autograder.reference import numerical_derivative

    calls = [["cubic", 1.5, 0.1], ["abs", 0.0, 0.2], ["relu", 0.0, 0.2], ["sine", 0.3, None]]
    values = run_driver("drive_numerical_derivative", {"numerical_derivative": numerical_derivative}, (calls,))
    assert isinstance(values, np.ndarray) and values.shape == (4,)
    np.testing.assert_allclose(values[:3], [3 * 1.5**2 - 2 + 0.01, 0.0, 0.5], rtol=1e-12, atol=1e-15)
    assert abs(values[3] - (3 * np.cos(0.9) + 0.6)) < 1e-8
    assert run_driver("drive_numerical_derivative", {"numerical_derivative": lambda f, x, epsilon=1e-5: None},
                      (calls,)) is None
