"""An error the student's code raised is named only when a twin raises the very same message, which names a number:
for an error with no number in it (a stub's NotImplementedError) no twin runs at all, since none could match."""

from types import SimpleNamespace

from autograder.checks import catalogue
from autograder.checks.engine import StudentError


def _check_with_counting_twin(monkeypatch, raises: str):
    runs = []

    def twin(x):
        runs.append(x)
        raise ValueError(raises)

    monkeypatch.setitem(catalogue.TWINS, ("probe", "probe_mistake"), (twin,))
    check = SimpleNamespace(function="probe", driver=None, misconceptions=("probe_mistake",))
    return check, SimpleNamespace(args=(1,), kwargs={}), runs


def test_no_twin_runs_for_an_error_without_a_number(monkeypatch):
    check, case, runs = _check_with_counting_twin(monkeypatch, "size 3 does not fit")
    for said in ("`probe2` raised NotImplementedError:  (line 4 of code cell 10 (`probe2`)).",
                 "`probe` raised NotImplementedError: write this function"):
        assert catalogue._error_twin(check, StudentError("exception", said), case) is None
    assert runs == []


def test_an_error_with_a_number_is_matched_against_the_twins(monkeypatch):
    check, case, runs = _check_with_counting_twin(monkeypatch, "size 3 does not fit")
    said = "`probe` raised ValueError: size 3 does not fit (line 2 of code cell 5 (`probe`))."
    assert catalogue._error_twin(check, StudentError("exception", said), case) == "probe_mistake"
    other = "`probe` raised ValueError: size 4 does not fit (line 2 of code cell 5 (`probe`))."
    assert catalogue._error_twin(check, StudentError("exception", other), case) is None
    assert len(runs) == 2
