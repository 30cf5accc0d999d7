"""The catalogue of misconceptions as one table: a facade over the modules where it lives.

- ``autograder/checks/catalogue.py``: the machinery (``Evidence``, ``Misconception``, ``register``, ``explain``,
  ``fits``, ``hint``, ``message_for``, ``error_fields``, ``twin_gives``), the signatures and the misconceptions that
  hold for any function, and the merged tables ``CATALOGUE``, ``TWINS``, ``TWIN_RTOL``;
- ``autograder/checks/<topic>_catalogue.py``, beside each topic's checks: that topic's misconceptions, its twins
  and their math, registered into the merged tables.

The checks import those modules, never this one. This module re-exports them for the code that imports from here
(``CATALOGUE``, ``TWINS``, ``message_for``, ... and the private helpers such as ``_nonfinite``, ``_missing_key``,
``_dn_forward``): ``CATALOGUE`` and ``TWINS`` here are the very dicts the checks read, so a module that adds
misconceptions the way ``diagnose_added`` did (import from here, merge into ``CATALOGUE`` and ``TWINS``, and be
imported at the end of this module) still joins the catalogue. ``checks.validate`` imports this module before the
first grading, so such a module has joined before any check runs.
"""

from __future__ import annotations

from autograder.checks.catalogue import (  # noqa: F401
    allclose,
    CATALOGUE,
    compare,
    error_fields,
    Evidence,
    explain,
    explain_error,
    Failure,
    fits,
    GENERIC,
    hint,
    message_for,
    Misconception,
    Mismatch,
    RETURN_VALUE,
    select,
    StudentError,
    Trial,
    twin_gives,
    TWIN_RTOL,
    TWINS,
    _all_zero,
    _arrays,
    _BROADCAST,
    _degenerate_ratio,
    _EMPTY,
    _error_text,
    _error_twin,
    _factor,
    _Fields,
    _finite_stand_ins,
    _flattened,
    _floored,
    _IMPORT_ERROR,
    _LAYER_KEY,
    _layers_in,
    _looks_for,
    _missing_key,
    _NONFINITE,
    _nonfinite,
    _nonfinite_telling,
    _offset,
    _output_name,
    _returned_none,
    _run_twin,
    _same,
    _scaled,
    _SHAPE_ERROR,
    _transposed,
    _twin_fits,
)
from autograder.checks.chain_rule_catalogue import (  # noqa: F401
    _bg,
    _dz_dt,
    _fg,
    _fg_powers,
    _put,
    _value_twin,
    _value_twins,
)
from autograder.checks.activations_catalogue import (  # noqa: F401
    _relu,
    _sig,
    _softmax,
)
from autograder.checks.network_catalogue import (  # noqa: F401
    _backward,
    _cache_swapped,
    _cost_terms,
    _entry_not_updated,
    _forward,
    _layer_missing,
    _learning_rate_ignored,
    _missing_deep_layer,
)
from autograder.checks.batches_catalogue import (  # noqa: F401
    _mbgd,
    _per_example,
)
from autograder.checks.gradient_checking_catalogue import (  # noqa: F401
    _bc,
    _d2v,
    _gc,
    _nd_default_of,
    _nd_fixed,
    _v2d,
)
from autograder.checks.deep_network_catalogue import (  # noqa: F401
    _dn_activation_backward,
    _dn_backward,
    _dn_cost,
    _DN_DG,
    _dn_forward,
    _DN_G,
    _dn_l2,
    _dn_linear_backward,
    _lifted_derivative,
)
from autograder.checks.softmax_classifier_catalogue import (  # noqa: F401
    _clf_backward,
    _clf_forward,
    _clf_train,
)

# Modules that add misconceptions and twins through this facade join here, after everything above is importable.
from autograder import diagnose_added as _added  # noqa: E402

if hasattr(_added, "TWINS"):  # else diagnose_added is being imported first, and merges itself when done
    _added.merge_into(CATALOGUE, TWINS)
