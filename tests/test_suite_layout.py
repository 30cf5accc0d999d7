"""The suite's own layout: files that share a class graded once per process run in one xdist worker."""

import re
from pathlib import Path

from conftest import SHARED_CLASSES, work_unit

HERE = Path(__file__).parent
USES = {"attack_class": re.compile(r"\bgraded_class\(\)"), "report_class": re.compile(r"\breport_class\.")}


def test_every_file_that_uses_a_shared_class_is_in_its_group():
    for group, pattern in USES.items():
        users = {p.name for p in HERE.glob("test_*.py") if pattern.search(p.read_text(encoding="utf-8"))}
        assert users, f"no test file uses {group}: the pattern is stale"
        assert users <= SHARED_CLASSES[group], f"{sorted(users - SHARED_CLASSES[group])} use {group}: add them " \
                                               "to SHARED_CLASSES in tests/conftest.py"


def test_make_test_runs_the_groups():
    makefile = (HERE.parent / "Makefile").read_text(encoding="utf-8")
    assert "--dist loadfile" in makefile and "-n $(TEST_WORKERS)" in makefile
    assert work_unit("tests/test_attacks.py::test_x[a]") == work_unit("tests/test_browser.py::test_y") == "attack_class"
    assert work_unit("tests/test_sandbox.py::test_z[bubblewrap]") == "tests/test_sandbox.py"
