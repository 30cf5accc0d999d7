"""The suite's own layout: files that share a class graded once per process run in one xdist worker; the attack
class is graded once per run whichever worker asks first; long files are dealt into several units."""

import re
from pathlib import Path

from conftest import SHARED_CLASSES, SPLIT, work_unit

HERE = Path(__file__).parent
USES = {"report_class": re.compile(r"\breport_class\.")}


def test_every_file_that_uses_a_shared_class_is_in_its_group():
    for group, pattern in USES.items():
        users = {p.name for p in HERE.glob("test_*.py") if pattern.search(p.read_text(encoding="utf-8"))}
        assert users, f"no test file uses {group}: the pattern is stale"
        assert users <= SHARED_CLASSES[group], f"{sorted(users - SHARED_CLASSES[group])} use {group}: add them " \
                                               "to SHARED_CLASSES in tests/conftest.py"


def test_make_test_runs_the_groups():
    makefile = (HERE.parent / "Makefile").read_text(encoding="utf-8")
    assert "--dist loadfile" in makefile and "-n $(TEST_WORKERS)" in makefile
    assert work_unit("tests/test_class_report.py::test_x[a]") == work_unit("tests/test_class_report_browser.py::test_y") \
        == "report_class"
    assert work_unit("tests/test_attacks.py::test_x[a]") == "tests/test_attacks.py"
    shares = {work_unit(f"tests/test_check_stability.py::test_m[{i}]") for i in range(200)}
    assert len(shares) == SPLIT["test_check_stability.py"] and all(s.startswith("tests/test_check_stability.py::") for s in shares)
    assert work_unit("tests/test_check_stability.py::test_m[7]") == work_unit("tests/test_check_stability.py::test_m[7]")
    assert work_unit("tests/test_sandbox.py::test_z[bubblewrap]") == "tests/test_sandbox.py"


def _build_counting(folder):
    import os
    import time

    with open(folder.parent / "builds", "a") as f:
        f.write(f"{os.getpid()}\n")
    time.sleep(0.3)  # the other process asks meanwhile
    return {"built by": os.getpid()}


def _build_failing(folder):
    with open(folder.parent / "failures", "a") as f:
        f.write("x\n")
    raise ValueError("the class could not be graded")


def _ask(name, build, out):
    import once

    try:
        out.put(("value", once.once_per_run(name, build)))
    except once.BuildFailed as exc:
        out.put(("failed", str(exc)))


def test_a_class_shared_by_the_workers_is_built_once_and_a_failure_is_not_repeated(tmp_path, monkeypatch):
    import multiprocessing

    import once

    monkeypatch.setenv(once.SHARED_ENV, str(tmp_path))
    ctx = multiprocessing.get_context("fork")
    for name, build in (("counted", _build_counting), ("failing", _build_failing)):
        out = ctx.Queue()
        workers = [ctx.Process(target=_ask, args=(name, build, out)) for _ in range(3)]
        for w in workers:
            w.start()
        got = [out.get(timeout=60) for _ in workers]
        for w in workers:
            w.join(timeout=60)
        if name == "counted":
            assert len((tmp_path / "builds").read_text().split()) == 1
            assert len({str(v) for _, v in got}) == 1 and all(kind == "value" for kind, _ in got)
        else:
            assert (tmp_path / "failures").read_text() == "x\n"
            assert all(kind == "failed" and "the class could not be graded" in text for kind, text in got)


def test_the_venv_make_builds_imports_nbformat_without_building_grammars():
    """``make``'s venv leaves out rfc3987-syntax (Makefile): with it, every process that imports nbformat (each
    nbgrader command, each notebook run) spent about a second building its grammars."""
    import subprocess
    import sys

    makefile = (HERE.parent / "Makefile").read_text(encoding="utf-8")
    assert "pip uninstall --quiet --yes rfc3987-syntax" in makefile
    code = "import sys, nbformat; print('rfc3987_syntax' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "False", out.stdout + out.stderr
