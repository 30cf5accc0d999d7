"""The trusted side never waits or grows on a student's word: the zygote's control socket (deadlines, size
caps, an unexpected message ends that sandbox), notebooks bounded in memory, not only in bytes."""

from __future__ import annotations

import json
import socket
import sys
import threading
import time
import tracemalloc

import pytest

from autograder import extract
from autograder.sandbox.zygote import SandboxLost, Zygote

zygote_module = sys.modules[Zygote.__module__]


class _Proc:
    pid = 0

    def poll(self):
        return 0

    def wait(self, timeout=None):
        return 0

    def kill(self):
        pass


def _fake_zygote():
    """A Zygote whose control socket's other end the test holds (what student code would hold if it took
    the zygote's socket)."""
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    z = Zygote.__new__(Zygote)
    z.ctl, z.proc, z.scratch, z.student_uid, z.group = ours, _Proc(), None, None, None
    z._status, z._live, z._forget = {}, set(), set()
    return z, theirs


def test_a_silent_zygote_is_given_up_at_the_deadline(monkeypatch):
    monkeypatch.setattr(zygote_module, "_killpg", lambda pid: None)
    z, theirs = _fake_zygote()
    z._live.add(42)
    start = time.monotonic()
    with pytest.raises(SandboxLost, match="in time"):
        z.wait(42, 0.3)
    assert time.monotonic() - start < 5
    theirs.close()


def test_a_trickle_does_not_keep_the_grader_waiting(monkeypatch):
    """One message every 0.1 s for a pid the grader never asked about: the first one ends the sandbox."""
    monkeypatch.setattr(zygote_module, "_killpg", lambda pid: None)
    z, theirs = _fake_zygote()
    z._live.add(42)
    stop = threading.Event()

    def trickle():
        while not stop.is_set():
            try:
                theirs.send(json.dumps({"pid": 7, "exit": 0}).encode() + b"\n")
            except OSError:
                return
            time.sleep(0.1)

    t = threading.Thread(target=trickle, daemon=True)
    t.start()
    start = time.monotonic()
    with pytest.raises(SandboxLost, match="answers nothing asked"):
        z.wait(42, 60)
    assert time.monotonic() - start < 5
    stop.set()
    theirs.close()


@pytest.mark.parametrize("message", [b"x" * 100_000, b'{"pid": 42, "exit": 0}', b"[1, 2]\n", b"not json\n",
                                     b'{"pid": 42, "exit": 0, "more": "' + b"y" * 5000 + b'"}\n'])
def test_malformed_or_oversized_messages_end_the_sandbox(monkeypatch, message):
    monkeypatch.setattr(zygote_module, "_killpg", lambda pid: None)
    z, theirs = _fake_zygote()
    z._live.add(42)
    theirs.send(message)
    with pytest.raises(SandboxLost):
        z.wait(42, 5)
    assert z.ctl.fileno() == -1  # closed: nothing more is read from it
    theirs.close()


def test_a_flood_of_statuses_does_not_grow_the_grader(monkeypatch):
    monkeypatch.setattr(zygote_module, "_killpg", lambda pid: None)
    z, theirs = _fake_zygote()
    z._live.update({42, 43})
    theirs.send(json.dumps({"pid": 43, "exit": 0}).encode() + b"\n")  # a real session ending: recorded
    for pid in range(1000, 1100):  # then statuses of sessions never forked
        theirs.send(json.dumps({"pid": pid, "exit": 0}).encode() + b"\n")
    with pytest.raises(SandboxLost):
        z.wait(42, 5)
    assert set(z._status) <= {43}
    theirs.close()


def test_a_notebook_of_tiny_json_values_is_refused_before_it_is_parsed(tmp_path):
    path = tmp_path / "01_chain_rule.ipynb"
    path.write_bytes(b'{"cells": [' + b"{}," * 3_000_000 + b'{}], "nbformat": 4, "nbformat_minor": 5, "metadata": {}}')
    tracemalloc.start()
    try:
        with pytest.raises(extract.NotebookTooLarge, match="JSON values"):
            extract.read_notebook(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 3 * path.stat().st_size  # the bytes once or twice, never a parsed tree of millions
    got = extract.extract(path, extract.Path(__file__).resolve().parent.parent / "source" / "backprop" /
                          "01_chain_rule.ipynb", "01_chain_rule")
    assert got.error and "too large to grade" in got.error


def test_an_answer_of_too_many_values_is_refused_before_the_checks_see_it():
    from autograder.checks.engine import StudentError
    from autograder.sandbox import Limits, SandboxCall

    cells = [("setup", "code cell 1", "import numpy as np\n"), ("solution", "random_mini_batches", (
        "def random_mini_batches(X, Y, mini_batch_size=64, seed=0):\n"
        "    return [(X[:, :1], Y[:, :1])] * 60000\n"))]
    import numpy as np

    with SandboxCall(cells, Limits(timeout=5.0)) as call:
        with pytest.raises(StudentError, match="more than 20000 values") as info:
            call("random_mini_batches", (np.zeros((3, 10)), np.zeros((1, 10))))
    assert info.value.kind == "bad_output"
