"""Run every benchmark listed in ``MODULES`` that exists, one after the other, and print its table."""

from __future__ import annotations

import importlib
import sys
import time

# Add new benchmarks here; a name whose module does not exist (yet) is skipped with a note.
MODULES = [
    "bench.reference_vs_torch",
    "bench.sandbox_overhead",
    "bench.grading_throughput",
]


def _generic_table(rows: list[dict]) -> str:
    if not rows:
        return "(no rows)"
    columns = list(rows[0])
    cells = [[str(row.get(c, "")) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths))]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths)) for r in cells]
    return "\n".join(lines)


def main(names: list[str] | None = None) -> int:
    for name in names or MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:  # the module exists but one of its imports is missing: a real error
                raise
            print(f"== {name}: not present, skipped\n")
            continue
        print(f"== {name}")
        start = time.perf_counter()
        rows = module.run()
        print(module.report(rows) if hasattr(module, "report") else _generic_table(rows))
        print(f"({time.perf_counter() - start:.1f} s)\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
