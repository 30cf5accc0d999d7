"""Where the catalogue of misconceptions lives: the machinery in ``autograder/checks/catalogue.py``, each topic's
misconceptions and twins beside its checks (``autograder/checks/<topic>_catalogue.py``), ``autograder.diagnose`` a
facade over them. One home per entry, and no import circle."""

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from autograder import diagnose
from autograder.checks import catalogue

TOPICS = ("chain_rule", "activations", "network", "batches", "gradient_checking", "deep_network",
          "softmax_classifier", "optimizers", "regularization", "digits")
CATALOGUES = [importlib.import_module(f"autograder.checks.{t}_catalogue") for t in TOPICS]


def test_each_topic_has_its_checks_and_its_catalogue_side_by_side():
    for topic, module in zip(TOPICS, CATALOGUES):
        assert importlib.import_module(f"autograder.checks.{topic}").CHECKS
        assert module.MISCONCEPTIONS or module.TWINS, topic


def test_every_entry_is_in_the_merged_catalogue_and_defined_once():
    seen: dict = {}
    for module in (catalogue, *CATALOGUES):
        for m in module.MISCONCEPTIONS:
            assert m.id not in seen, f"{m.id} is defined in {seen[m.id]} and in {module.__name__}"
            seen[m.id] = module.__name__
            assert catalogue.CATALOGUE[m.id] is m
    twins: dict = {}
    for module in CATALOGUES:
        for key, value in module.TWINS.items():
            assert key not in twins, f"the twins of {key} are defined in {twins[key]} and in {module.__name__}"
            twins[key] = module.__name__
            assert catalogue.TWINS[key] is value
    assert set(seen) <= set(catalogue.CATALOGUE) and set(twins) <= set(catalogue.TWINS)
    # every twin belongs to a known misconception, and every check's misconceptions are known
    assert all(mid in catalogue.CATALOGUE for _, mid in catalogue.TWINS)


def test_register_refuses_an_entry_that_another_module_defines():
    with pytest.raises(ValueError, match="define it once"):
        catalogue.register("somewhere_else", [catalogue.CATALOGUE["transposed"]])
    catalogue.register(catalogue.__name__, [catalogue.CATALOGUE["transposed"]])  # the owner again: a no-op


def test_the_facade_hands_out_the_tables_the_checks_read():
    assert diagnose.CATALOGUE is catalogue.CATALOGUE and diagnose.TWINS is catalogue.TWINS
    assert diagnose.TWIN_RTOL is catalogue.TWIN_RTOL
    # what other modules import from autograder.diagnose (and diagnose_added) keeps working
    from autograder.diagnose import (  # noqa: F401
        GENERIC, Evidence, Misconception, _DN_DG, _DN_G, _dn_activation_backward, _dn_forward, _dn_linear_backward,
        _missing_key, _nonfinite, _value_twin, error_fields, explain, explain_error, fits, hint, message_for,
        twin_gives)
    from autograder import diagnose_added

    assert {m.id for m in diagnose_added.MISCONCEPTIONS} <= set(diagnose.CATALOGUE)
    assert all(diagnose.TWINS[k] is v for k, v in diagnose_added.TWINS.items())
    # notebooks 9 and 10's catalogues moved beside their checks; their old modules still hand out the same entries
    from autograder import diagnose_digits, diagnose_regularization

    for old in (diagnose_regularization, diagnose_digits):
        assert all(catalogue.CATALOGUE[m.id] is m for m in old.MISCONCEPTIONS)
        assert all(catalogue.TWINS[k] is v for k, v in old.TWINS.items())


_FRESH = """
import importlib, sys
for name in sys.argv[1:]:
    for loaded in [m for m in sys.modules if m == "autograder" or m.startswith("autograder.")]:
        del sys.modules[loaded]
    importlib.import_module(name)
    from autograder.checks import catalogue
    assert len(catalogue.CATALOGUE) >= {n} and len(catalogue.TWINS) >= {t}, (name, len(catalogue.CATALOGUE))
"""


def test_every_module_imports_first_with_the_whole_catalogue():
    """No import circle: each module of the checks and the catalogue imports on its own, in a fresh interpreter,
    and leaves the merged catalogue complete."""
    import autograder.checks as checks

    names = ["autograder.checks.catalogue", *(m.__name__ for m in CATALOGUES), *(m.__name__ for m in checks._MODULES),
             "autograder.checks.engine", "autograder.checks.kinds", "autograder.checks.compare",
             "autograder.diagnose", "autograder.diagnose_added", "autograder.diagnose_regularization",
             "autograder.diagnose_digits"]
    code = _FRESH.format(n=len(catalogue.CATALOGUE), t=len(catalogue.TWINS))
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-c", code, *names], capture_output=True, text=True, timeout=300, cwd=root)
    assert done.returncode == 0, done.stderr[-2000:]
