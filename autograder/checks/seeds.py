"""Per-student random inputs: a student's seed is a hash of the course secret and the student id.

The secret comes from the environment variable ``AUTOGRADER_SECRET``, else from the file
``.autograder_secret`` in the course root (the current directory or the first parent that has one), else
a fixed development secret, with a warning: anyone who knows the secret can compute the hidden inputs.
Every check derives its own generator from the student seed and the check's name, so adding a check
never changes the inputs of another.
"""

from __future__ import annotations

import hashlib
import os
import warnings
from pathlib import Path

import numpy as np

SECRET_ENV = "AUTOGRADER_SECRET"
SECRET_FILE = ".autograder_secret"
DEV_SECRET = "backprop-development-secret"


def course_secret(start: str | os.PathLike | None = None) -> str:
    """The course secret: env AUTOGRADER_SECRET, else .autograder_secret in ``start`` (cwd) or a parent."""
    secret = os.environ.get(SECRET_ENV, "").strip()
    if secret:
        return secret
    here = Path(start or os.getcwd()).resolve()
    for folder in (here, *here.parents):
        path = folder / SECRET_FILE
        if path.is_file():
            secret = path.read_text(encoding="utf-8").strip()
            if secret:
                return secret
    warnings.warn(
        f"no course secret: set {SECRET_ENV} or write one line to {SECRET_FILE} in the course root; "
        "using the public development secret, so students could compute their hidden inputs",
        stacklevel=2,
    )
    return DEV_SECRET


def seed_for(student_id: str, secret: str | None = None) -> int:
    """The student's seed: a 63-bit int from sha256(secret, student id)."""
    secret = course_secret() if secret is None else secret
    digest = hashlib.sha256(f"{secret}\0{student_id}".encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") >> 1


def generator_for(student_seed: int, check_name: str) -> np.random.Generator:
    """The generator of one check for one student, from the student seed and the check's name."""
    name_key = int.from_bytes(hashlib.sha256(check_name.encode("utf-8")).digest()[:8], "big")
    return np.random.default_rng([int(student_seed) & (2**64 - 1), name_key])
