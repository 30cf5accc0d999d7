"""A cgroup per student, where the grader can make one: processes, memory (tmpfs included) and a fair
share of the CPU for all of one student's processes together, and killed as a whole at the end.

cgroup v2 (one hierarchy, ``cgroup.kill``) where its controllers can be enabled below the grader's own
group; else cgroup v1's ``pids``, ``memory`` and ``cpu`` hierarchies (a hybrid machine). Where neither is
writable (an unprivileged user, Docker's read-only cgroupfs) ``StudentGroup.create`` returns None and the
per-process limits hold alone (docs/security.md). Trusted side only.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

MOUNT = Path("/sys/fs/cgroup")


def _own_paths(membership: str | None = None) -> dict[str, str]:
    """{controller or "" (v2): this process's cgroup path} from /proc/self/cgroup (or ``membership``, its text)."""
    out = {}
    try:
        if membership is None:
            membership = Path("/proc/self/cgroup").read_text()
        for line in membership.splitlines():
            _, controllers, path = line.split(":", 2)
            for c in controllers.split(",") if controllers else [""]:
                out[c] = path
    except (OSError, ValueError):
        pass
    return out


def memory_room(mount: Path = MOUNT, membership: str | None = None) -> int | None:
    """Bytes this process's cgroup may still use (its memory limit less its usage), cgroup v2 or v1; None where
    no limit is set or none can be read (a container's limit: /proc/meminfo shows the host's memory)."""
    own = _own_paths(membership)
    for controller, limit_file, usage_file in (("", "memory.max", "memory.current"),
                                               ("memory", "memory.limit_in_bytes", "memory.usage_in_bytes")):
        if controller not in own:
            continue
        folder = Path(mount) / (controller or ".") / own[controller].lstrip("/")
        try:
            limit = (folder / limit_file).read_text().strip()
            used = int((folder / usage_file).read_text().strip())
        except (OSError, ValueError):
            continue
        if limit.isdigit() and int(limit) < 1 << 60:  # "max", or v1's huge number: no limit
            return max(0, int(limit) - used)
    return None


def _write(path: Path, text: str) -> None:
    with open(path, "w") as f:
        f.write(text)


class StudentGroup:
    """One student's cgroup(s). ``join_self()`` is meant for ``Popen(preexec_fn=...)``: the sandbox's
    first process joins before it runs, so everything it forks is counted."""

    def __init__(self, dirs: list[Path], version: int):
        self.dirs = dirs
        self.version = version
        self.layer = f"cgroup v{version} (processes, memory, CPU share)"

    @classmethod
    def create(cls, name: str, *, processes: int, memory_bytes: int) -> StudentGroup | None:
        if os.environ.get("AUTOGRADER_CGROUPS") == "0" or os.geteuid() != 0:
            return None
        own = _own_paths()
        made: list[Path] = []
        try:
            if (MOUNT / "cgroup.controllers").exists() and "" in own:  # v2 mounted at /sys/fs/cgroup
                parent = MOUNT / own[""].lstrip("/")
                enabled = (parent / "cgroup.subtree_control").read_text().split()
                missing = [c for c in ("pids", "memory", "cpu") if c not in enabled]
                if missing:
                    _write(parent / "cgroup.subtree_control", " ".join(f"+{c}" for c in missing))
                group = parent / name
                group.mkdir()
                made.append(group)
                _write(group / "pids.max", str(processes))
                _write(group / "memory.max", str(memory_bytes))
                _write(group / "memory.swap.max", "0")
                return cls(made, 2)
            for controller, settings in (("pids", {"pids.max": str(processes)}),
                                         ("memory", {"memory.limit_in_bytes": str(memory_bytes)}),
                                         ("cpu", {})):
                if controller not in own or not (MOUNT / controller).is_dir():
                    raise OSError(f"no v1 {controller} hierarchy")
                group = MOUNT / controller / own[controller].lstrip("/") / name
                group.mkdir()
                made.append(group)
                for key, value in settings.items():
                    _write(group / key, value)
            return cls(made, 1)
        except OSError:
            cls(made, 0).remove()
            return None

    def join_self(self) -> None:
        for d in self.dirs:
            _write(d / "cgroup.procs", "0")

    def pids(self) -> set[int]:
        found = set()
        for d in self.dirs:
            try:
                found |= {int(p) for p in (d / "cgroup.procs").read_text().split()}
            except (OSError, ValueError):
                pass
        return found

    def kill(self) -> None:
        """SIGKILL every process in the group (v2: the kernel's cgroup.kill; v1: until none is left)."""
        if self.version == 2:
            try:
                _write(self.dirs[0] / "cgroup.kill", "1")
                return
            except OSError:
                pass
        for _ in range(100):  # the pids limit bounds what a fork bomb can add between two rounds
            left = self.pids()
            if not left:
                return
            for pid in left:
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass

    def remove(self) -> None:
        """Kill what is left and remove the group's folders (a folder still busy is left to the next run)."""
        if self.dirs:
            self.kill()
        for d in reversed(self.dirs):
            for _ in range(50):
                try:
                    d.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    import time

                    time.sleep(0.02)  # the last killed processes are still being reaped
