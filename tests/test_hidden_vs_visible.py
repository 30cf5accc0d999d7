"""Every hidden check is at least as strong as the visible test it stands behind (issue 25).

A bug that the visible test of a notebook rejects must lose points in grading too: otherwise a student who
reads the visible test's complaint, "fixes" it into something the grader also accepts, or never runs it,
gets full marks for what the notebook calls wrong (e.g. a softmax that subtracts one maximum for the whole
matrix: the visible test's logits in the thousands give nan, a hidden case whose logits are all shifted alike
did not).

For every generated mutant of the answer key (``autograder.mutate``: operators, constants, axes, transposes,
names, slices, arguments ignored), one notebook at a time: if any visible test of its notebook fails (run as
*Run All* runs them, ``test_visible_tests.run_visible_tests``), the hidden checks of the mutated function must
fail it too. Each mutant runs in a forked child under a memory and time limit, since some mutants loop
forever (a loop counter that no longer moves) and would take the machine's memory with them.

About 5 s per notebook on one core (notebook 5 about 25 s: one of its mutants loops until its limit).
"""

from __future__ import annotations

import os
import pickle
import resource
import signal

import pytest

from autograder import course, mutate
from autograder.checks import seeds
from test_visible_tests import run_visible_tests

_MEMORY = 1024**3  # bytes of address space a child may add to what the parent already holds
_SECONDS = 15  # CPU seconds a child may use (a mutant's visible tests and its hidden checks)
_SEED = seeds.seed_for("hidden-vs-visible", secret="tests")


def _vm_size() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def _judge_in_child(mutant, plans) -> tuple[list[str], str]:
    """(the visible test cells that fail, the mutant's hidden status), computed in a forked child under limits;
    a child that runs out of time or memory counts as failing both (the CLI's limits stop such code too)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: limits, then both gradings, then the verdict through the pipe
        code = 0
        try:
            os.close(read)
            limit = _vm_size() + _MEMORY
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
            resource.setrlimit(resource.RLIMIT_CPU, (_SECONDS, _SECONDS))
            failed = sorted(run_visible_tests(mutant.notebook, replace={mutant.function: mutant.cell}))
            status = "not run"
            if failed:
                mutate._grade_inprocess([mutant], plans, _SEED)
                status = mutant.status or "survived"
            with os.fdopen(write, "wb") as out:
                pickle.dump((failed, status), out)
        except BaseException:  # noqa: BLE001  a mutant that exhausts the limits: the parent sees no verdict
            code = 1
        finally:
            os._exit(code)
    os.close(write)
    with os.fdopen(read, "rb") as inp:
        data = inp.read()
    _, status = os.waitpid(pid, 0)
    if not data:
        return ["(ran out of time or memory)"], "caught"
    return pickle.loads(data)


@pytest.fixture(scope="module")
def key():
    return mutate.answer_key()


@pytest.mark.parametrize("notebook", list(course.NOTEBOOKS))
def test_a_mutant_that_fails_a_visible_test_fails_the_hidden_checks(key, notebook):
    targets, plans = key
    mutants = [m for m in mutate.generate([t for t in targets if t.notebook == notebook]) if m.status != "identical"]
    assert mutants
    # the answer key passes its own visible tests; run here first, in this process, the run also imports what the
    # notebook's cells import (matplotlib: half a second), which every forked child then finds loaded
    assert run_visible_tests(notebook) == {}, f"the answer key of {notebook} fails its own visible tests"
    weaker, seen = [], 0
    for m in mutants:
        failed, status = _judge_in_child(m, plans)
        seen += bool(failed)
        if failed and status != "caught":
            weaker.append(f"{m.key} in `{m.source_line}` fails {failed} but scores full marks")
    assert seen, f"no generated mutant of {notebook} fails a visible test: the test is not running them"
    assert not weaker, "hidden checks weaker than the visible tests:\n" + "\n".join(weaker)
