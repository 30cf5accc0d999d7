"""What the sandbox may read: the Python runtime, the allowed libraries (and what they require), fonts."""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

from autograder.requirements import student_library_names

WORKER = Path(__file__).with_name("worker.py")
PROTOCOL = Path(__file__).with_name("protocol.py")
FILTERS = Path(__file__).with_name("filters.py")
# Libraries graded code may import besides the standard library (with what they need to run).
STUDENT_LIBRARIES = student_library_names()
LIB_MOUNT = "/opt/autograder-lib"  # where the allowed libraries appear inside bubblewrap
SCRATCH_MOUNT = "/tmp"  # the size-capped tmpfs inside bubblewrap
SCRATCH_PREFIX = "autograder-sandbox-"

# ----------------------------------------------------------------------------- what the sandbox may read


def _site_dir() -> Path:
    import numpy

    return Path(numpy.__file__).resolve().parent.parent


@functools.lru_cache(maxsize=1)
def library_entries() -> tuple[tuple[str, str], ...]:
    """``(name, real path)`` of every top-level file or folder of the allowed libraries and of what
    they require (numpy, matplotlib, tqdm, pillow, ...): all that graded code can import besides the
    standard library, the same with and without bubblewrap."""
    from importlib import metadata

    try:
        from packaging.requirements import Requirement
    except ImportError:  # pragma: no cover  (matplotlib requires packaging)
        Requirement = None
    todo, seen, entries = list(STUDENT_LIBRARIES), set(), {}
    while todo:
        name = todo.pop()
        key = name.lower().replace("_", "-")
        if key in seen:
            continue
        seen.add(key)
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        for req in dist.requires or []:
            if Requirement is None:
                continue
            try:
                r = Requirement(req)
            except Exception:  # noqa: BLE001
                continue
            if r.marker is None or r.marker.evaluate({"extra": ""}):
                todo.append(r.name)
        base = Path(dist.locate_file("")).resolve()
        for f in dist.files or []:
            top = f.parts[0] if f.parts else ""
            if not top or top in ("..", "__pycache__") or top.endswith((".dist-info", ".egg-info", ".pth")):
                continue
            path = base / top
            if path.exists() and top not in entries:
                entries[top] = str(path.resolve())
    return tuple(sorted(entries.items()))


def _stdlib_dirs() -> list[str]:
    paths = sysconfig.get_paths()
    return sorted({os.path.realpath(paths["stdlib"]), os.path.realpath(paths["platstdlib"])})


@functools.lru_cache(maxsize=1)
def _symlink_library() -> str:
    """For the Python-only mode: a folder of links to exactly the allowed libraries, so that graded
    code can import the same modules as under bubblewrap (which mounts only those)."""
    root = tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}lib-{os.getpid()}-")
    for name, path in library_entries():
        os.symlink(path, os.path.join(root, name))
    os.chmod(root, 0o755)
    _made(root)
    return root


FONT_CACHE_ENV = "AUTOGRADER_FONT_CACHE"  # where matplotlib's font list is kept between runs (default ~/.cache)


def _kept_font_list() -> Path:
    """Where this machine keeps the font list between runs: one folder per Python, matplotlib and set of
    font folders (their mtimes), so that a new matplotlib or a new font makes a new list."""
    import hashlib
    from importlib import metadata

    base = os.environ.get(FONT_CACHE_ENV) or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "autograder")
    try:
        version = metadata.version("matplotlib")
    except metadata.PackageNotFoundError:
        version = "none"
    stamp = [os.path.realpath(sys.executable), version]
    for folder in ("/usr/share/fonts", "/usr/local/share/fonts", str(_site_dir() / "matplotlib" / "mpl-data" / "fonts")):
        try:
            stamp.append(f"{folder}:{os.stat(folder).st_mtime_ns}")
        except OSError:
            pass
    return Path(base) / f"mpl-fonts-{hashlib.sha256(chr(0).join(stamp).encode()).hexdigest()[:16]}"


def _keep_font_list(folder: str, kept: Path) -> None:
    """Save a freshly built font list for the next runs (atomically; never an error)."""
    staging = None
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=kept.name + ".", dir=kept.parent))
        for f in Path(folder).iterdir():
            shutil.copy(f, staging / f.name)
        (staging / ".complete").write_text("")
        if kept.is_dir() and not (kept / ".complete").is_file():
            shutil.rmtree(kept, ignore_errors=True)  # what a run that died while keeping it left
        os.rename(staging, kept)  # another process may have kept one first: then this one is dropped
    except OSError:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)


@functools.lru_cache(maxsize=1)
def _font_cache() -> str | None:
    """matplotlib's font list for the sandboxes of this grading process, readable by any uid: copied from
    the one this machine keeps (``_kept_font_list``), else built (a second of CPU: matplotlib scans the
    fonts) and kept for the next runs. Graded code that plots then finds it as on a warm machine."""
    folder = tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}mpl-{os.getpid()}-")
    _made(folder)
    kept = _kept_font_list()
    if (kept / ".complete").is_file():
        try:
            for f in kept.iterdir():
                if f.is_file() and f.name != ".complete":
                    shutil.copy(f, os.path.join(folder, f.name))
        except OSError:
            kept = None
    else:
        code = ("import sys; sys.path.append(sys.argv[1]); import matplotlib; matplotlib.use('Agg'); "
                "import matplotlib.font_manager")
        env = {"MPLCONFIGDIR": folder, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
        try:
            subprocess.run([os.path.realpath(sys.executable), "-I", "-S", "-c", code, str(_site_dir())], env=env,
                           capture_output=True, timeout=120, check=True)
        except (OSError, subprocess.SubprocessError):
            return None
        _keep_font_list(folder, kept)
    os.chmod(folder, 0o755)
    for f in Path(folder).iterdir():
        os.chmod(f, 0o644)
    return folder


def warm() -> None:
    """Build and keep this machine's font list now (Gradescope's setup.sh: not in every submission's time)."""
    _font_cache()


_MADE: list[tuple[int, str]] = []  # (pid, folder) made by _symlink_library and _font_cache


def _made(folder: str) -> None:
    if not _MADE:
        atexit.register(cleanup)
    _MADE.append((os.getpid(), folder))


def cleanup() -> None:
    """Remove the folders this process made (atexit; grading pool workers, which skip atexit, call it at
    their end): a cache a forked child inherited is its parent's to remove."""
    me = os.getpid()
    for pid, folder in list(_MADE):
        if pid == me:
            shutil.rmtree(folder, ignore_errors=True)
            _MADE.remove((pid, folder))
