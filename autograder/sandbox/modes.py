"""Which isolation mode grades here, chosen automatically (docs/security.md has the table of platforms).

- ``bubblewrap``: user namespaces work (a workstation, most CI): bubblewrap's own user, PID, mount,
  network and IPC namespaces, plus the filters of ``filters.py``.
- ``uid``: root without user namespaces (Gradescope's and Docker's default containers): the grader stays
  root and every student's processes run as a dedicated unprivileged uid, plus the filters.
- ``landlock``: unprivileged without user namespaces (a JupyterHub pod, a GitHub runner): the filters
  alone (seccomp + Landlock + limits).
- ``python-only (insecure)``: only when asked for; nothing but Python hooks.

``AUTOGRADER_ISOLATION`` names a mode to use (it is refused if it cannot hold here).
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys

BUBBLEWRAP = "bubblewrap"
UID = "uid"
LANDLOCK = "landlock"
PYTHON_ONLY = "python-only (insecure)"

# ----------------------------------------------------------------------------- isolation


class IsolationUnavailable(RuntimeError):
    """Kernel-level isolation is missing and the Python-only mode was not asked for."""


@functools.lru_cache(maxsize=1)
def _bwrap_problem() -> str | None:
    """None if bubblewrap can make every namespace the sandbox uses here, else why not."""
    if os.environ.get("AUTOGRADER_BWRAP") == "0":
        return "AUTOGRADER_BWRAP=0 is set"
    exe = shutil.which("bwrap")
    if not exe:
        return "bubblewrap (bwrap) is not installed"
    args = [exe, "--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent", "--uid", "4242",
            "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev", "--size", "1048576", "--tmpfs", "/tmp", "true"]
    try:
        done = subprocess.run(args, capture_output=True, timeout=20)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"bubblewrap could not run ({exc})"
    if done.returncode != 0:
        return "bubblewrap cannot create user, PID and network namespaces here: " + \
            done.stderr.decode("utf-8", "replace").strip()[:200]
    return None


@functools.lru_cache(maxsize=1)
def filters_probe() -> dict:
    """What ``filters.py`` can install here, tried in a child process: ``{"seccomp": bool,
    "landlock": ABI version (0: none), "problem": str or None}``."""
    from autograder.sandbox.view import FILTERS

    if os.environ.get("AUTOGRADER_FILTERS") == "0":
        return {"seccomp": False, "landlock": 0, "problem": "AUTOGRADER_FILTERS=0 is set"}
    try:
        done = subprocess.run([os.path.realpath(sys.executable), "-I", "-S", str(FILTERS), "--probe"],
                              capture_output=True, timeout=60, env={"PATH": "/usr/bin:/bin"})
        found = json.loads(done.stdout.decode("utf-8", "replace").strip().splitlines()[-1])
        if type(found) is not dict:
            raise ValueError("not a dict")
    except (OSError, subprocess.SubprocessError, ValueError, IndexError) as exc:
        return {"seccomp": False, "landlock": 0, "problem": f"the filter probe failed ({exc})"}
    return {"seccomp": found.get("seccomp") is True, "landlock": int(found.get("landlock") or 0),
            "problem": found.get("problem") if type(found.get("problem")) is str else None}


PROBE_UID = 64_999  # a uid the uid mode probe switches to (below 65536: mapped in every container)


@functools.lru_cache(maxsize=1)
def _setuid_problem() -> str | None:
    """None when this process is root and a child switched to an unprivileged uid can still read the
    Python runtime and the allowed libraries (so that graded code can import them), else why not."""
    if os.geteuid() != 0:
        return "the grader is not root, so it cannot give each student a uid of their own"
    if os.environ.get("AUTOGRADER_UID_MODE") == "0":
        return "AUTOGRADER_UID_MODE=0 is set"
    import numpy

    needed = [os.path.realpath(sys.executable), os.path.realpath(os.__file__), os.path.realpath(numpy.__file__)]
    pid = os.fork()
    if pid == 0:
        try:
            os.setgroups([])
            os.setgid(PROBE_UID)
            os.setuid(PROBE_UID)
        except BaseException:  # noqa: BLE001
            os._exit(1)
        for path in needed:
            try:
                with open(path, "rb"):
                    pass
            except BaseException:  # noqa: BLE001
                os._exit(2)
        os._exit(0)
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code == 1:
        return "the grader cannot switch to another uid here"
    if code != 0:
        return (f"the Python installation ({os.path.dirname(needed[1])}) or its libraries are not readable by "
                "other users, so a student's uid could not import them: grade with a Python every user can "
                "read (the system's python3, or a venv made from it)")
    return None


def problems() -> dict[str, str | None]:
    """For each kernel-isolated mode, None when it can grade here, else the reason it cannot."""
    probe = filters_probe()
    filters = None if probe["seccomp"] else f"seccomp filters cannot be installed ({probe['problem']})"
    landlock = None if probe["landlock"] >= 1 else "Landlock is not available (Linux 5.13 or newer, enabled)"
    out = {BUBBLEWRAP: _bwrap_problem() or filters}
    out[UID] = _setuid_problem() or filters
    out[LANDLOCK] = filters or landlock
    return out


def layers(mode: str) -> list[str]:
    """The kernel layers ``mode`` applies here, for results.json and the docs' table."""
    if mode == PYTHON_ONLY:
        return ["python audit hook (not a boundary)"]
    probe = filters_probe()
    out = {BUBBLEWRAP: ["user, PID, mount, network and IPC namespaces", "size-capped tmpfs"],
           UID: ["a uid per student"], LANDLOCK: []}[mode]
    out += ["seccomp", "no_new_privs", "rlimits (CPU, memory, files, processes)"]
    if probe["landlock"]:
        out.append(f"landlock (ABI {probe['landlock']})")
    return out


MODE_ENV = "AUTOGRADER_ISOLATION"


def isolation(insecure_python_only: bool = False) -> str:
    """The isolation mode to grade with: the first of bubblewrap, uid and landlock that holds here
    (``AUTOGRADER_ISOLATION`` names one), or PYTHON_ONLY only when asked for explicitly.

    Raises ``IsolationUnavailable`` (with what to do) when none holds and the Python-only mode was not
    asked for: untrusted work is never graded without kernel isolation by surprise."""
    if insecure_python_only:
        return PYTHON_ONLY
    found = problems()
    wanted = os.environ.get(MODE_ENV)
    if wanted:
        if wanted not in found:
            raise IsolationUnavailable(f"{MODE_ENV}={wanted!r} is not a mode: use one of {', '.join(found)}")
        if found[wanted]:
            raise IsolationUnavailable(f"{MODE_ENV}={wanted} cannot hold here: {found[wanted]}")
        return wanted
    for mode, problem in found.items():
        if problem is None:
            return mode
    raise IsolationUnavailable(
        "kernel-level isolation is not available here ("
        + "; ".join(f"{mode}: {p}" for mode, p in found.items())
        + "). Student code must not run without it: grade on a machine that allows user namespaces with "
        "bubblewrap installed (Debian/Ubuntu: apt-get install bubblewrap), as root, or on Linux 5.13+ with "
        "Landlock; or, for submissions you trust, pass --insecure-python-only "
        "(nbgrader: c.SandboxGrade.insecure_python_only = True). See docs/security.md.")


def _default_isolation() -> str:
    return isolation(os.environ.get("AUTOGRADER_INSECURE_PYTHON_ONLY") == "1")


def reset() -> None:
    """Forget what was probed (tests change the environment switches between probes)."""
    for probe in (_bwrap_problem, filters_probe, _setuid_problem):
        probe.cache_clear()
