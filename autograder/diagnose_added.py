"""Misconceptions and twins of the exercises added last: notebook 6's ``layer_gradient_norms`` and notebook 8's
optimisers (``momentum_step``, ``initialize_adam``, ``adam_step``).

They now live beside their checks, in ``autograder/checks/deep_network_catalogue.py`` and
``autograder/checks/optimizers_catalogue.py``, registered into the merged catalogue there. This module stays
importable with its old names; ``merge_into`` adds its entries to a catalogue and twins table (idempotent).
"""

from __future__ import annotations

from autograder.checks import deep_network_catalogue as _deep, optimizers_catalogue as _optimizers
from autograder.checks.catalogue import Misconception, _missing_key, _nonfinite  # noqa: F401
from autograder.checks.deep_network_catalogue import (  # noqa: F401
    _DN_DG, _DN_G, _dn_activation_backward, _dn_forward, _dn_linear_backward, _dn_norms)
from autograder.checks.optimizers_catalogue import _opt_adam, _opt_init, _opt_momentum  # noqa: F401

MISCONCEPTIONS = [m for m in _deep.MISCONCEPTIONS if m.id.startswith("norms_")] + list(_optimizers.MISCONCEPTIONS)
TWINS = {**_optimizers.TWINS, **{k: v for k, v in _deep.TWINS.items() if k[0] == "layer_gradient_norms"}}


def merge_into(catalogue: dict, twins: dict) -> None:
    """Add these misconceptions and twins to diagnose's tables (idempotent)."""
    catalogue.update({m.id: m for m in MISCONCEPTIONS})
    twins.update(TWINS)
