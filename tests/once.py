"""Build something expensive once per test run, whichever pytest-xdist worker asks first.

``make test`` runs the test files in several worker processes. A graded class that several files need (the attack
class of tests/attacks/harness.py) is built by the first worker that asks for it, while the others wait for it on a
file lock, then every worker loads the same pickled result. ``tests/conftest.py`` gives the run a folder
(``SHARED_ENV``); without one (a single test file run on its own with its own process) the class is simply built.
"""

from __future__ import annotations

import fcntl
import os
import pickle
import shutil
import time
import traceback
from pathlib import Path

SHARED_ENV = "AUTOGRADER_TESTS_SHARED"
WAIT = 3600.0  # seconds a worker waits for another's build (a class graded beside the rest of the suite)


class BuildFailed(AssertionError):
    """The build failed in the worker that ran it; its traceback, for every test that needed it."""


def shared_folder() -> Path | None:
    folder = os.environ.get(SHARED_ENV)
    return Path(folder) if folder and Path(folder).is_dir() else None


def once_per_run(name: str, build):
    """``build(folder)``'s result, built once per run in ``folder`` (under the run's shared folder) and loaded by
    every worker; a failed build is not repeated: every worker raises ``BuildFailed`` with its traceback."""
    shared = shared_folder()
    if shared is None:
        raise RuntimeError(f"{SHARED_ENV} names no folder: call the build directly")
    done, failed = shared / f"{name}.pickle", shared / f"{name}.failed"
    with open(shared / f"{name}.lock", "a") as lock:
        deadline = time.monotonic() + WAIT
        while True:  # a bounded wait: never a lock held forever by a worker that hangs
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"{name} was not built within {WAIT:.0f} s by another worker") from None
                time.sleep(0.5)
        try:
            if not done.exists() and not failed.exists():
                work = shared / name
                shutil.rmtree(work, ignore_errors=True)  # what a worker that died while building left
                work.mkdir()
                try:
                    value = build(work)
                except Exception:  # noqa: BLE001
                    failed.write_text(traceback.format_exc())
                else:
                    partial = shared / f"{name}.pickle.partial"
                    partial.write_bytes(pickle.dumps(value))
                    partial.rename(done)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    if failed.exists():
        raise BuildFailed(f"building {name} failed in the worker that built it:\n{failed.read_text()}")
    return pickle.loads(done.read_bytes())
