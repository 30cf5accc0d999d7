"""``Limits``: what one student's code may use, and which kernel mechanism enforces each (docs/security.md)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """What one call, one notebook's cells and one notebook's calls may use (docs/grading.md)."""

    timeout: float = 10.0  # CPU seconds per call of a student function (kernel: RLIMIT_CPU)
    load_cpu: float = 60.0  # CPU seconds for running the notebook's cells once (kernel: RLIMIT_CPU)
    call_wall: float | None = None  # wall-clock backstop per call (a call that sleeps): 6 x timeout
    load_wall: float | None = None  # wall-clock backstop for running the cells: 5 x load_cpu
    notebook_timeout: float = 900.0  # wall-clock backstop for one notebook, cells and calls together
    memory_mb: int = 1024  # address space on top of the zygote's
    file_size_mb: int = 16  # largest file a call may write
    scratch_mb: int = 256  # all files of one student together (bubblewrap's tmpfs; counted in its cgroup's memory)
    max_output_mb: int = 64  # largest answer a call may send back
    processes: int = 16  # processes of one student at once (its cgroup's pids.max; RLIMIT_NPROC of a non-root uid)
    max_skipped_cells: int = 3  # cells skipped for going over the cells' budget before giving up

    def __post_init__(self):
        if self.call_wall is None:
            object.__setattr__(self, "call_wall", 6 * self.timeout)
        if self.load_wall is None:
            object.__setattr__(self, "load_wall", 5 * self.load_cpu)

