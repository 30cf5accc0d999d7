"""The misconceptions and twins of notebook 9's regularisation layers, kept importable under their old name: they live beside their
checks in ``autograder/checks/regularization_catalogue.py`` and are registered into the merged catalogue there.
``merge_into`` adds them to a catalogue and twins table (idempotent).
"""

from __future__ import annotations

from autograder.checks.regularization_catalogue import *  # noqa: F401,F403
from autograder.checks.regularization_catalogue import MISCONCEPTIONS, TWINS


def merge_into(catalogue: dict, twins: dict) -> None:
    """Add these misconceptions and twins to diagnose's tables (idempotent)."""
    catalogue.update({m.id: m for m in MISCONCEPTIONS})
    twins.update(TWINS)
