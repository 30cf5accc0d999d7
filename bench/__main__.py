"""``python -m bench``: every benchmark of the project, measured in one run and printed as one table.

Parts (``--parts``, default all): ``reference`` (the reference forward + backward pass against PyTorch and the
matmul floor, ``bench.reference_vs_torch``) and the class-level grading parts of ``bench.grading``:
``throughput``, ``overhead``, ``breakdown``, ``latency``, ``memory``, ``notebooks``, ``layers`` (the class in
each isolation mode, the filters' and the cgroup's own cost). Every figure and every
ratio comes from this run. ``--markdown`` prints the table as Markdown (docs/benchmarks.md is one such run).

    python -m bench                              # everything, 200 students (about 15 minutes)
    python -m bench --students 50 --parts throughput,latency
    python -m bench --parts reference --sizes 2,64,400 784,256,256
"""

from __future__ import annotations

import argparse
import datetime
import platform
import subprocess
import sys
import time

from bench import grading

PARTS = ("reference",) + grading.PARTS
COLUMNS = ("part", "figure", "value", "goal", "met", "note")


def reference_rows(sizes=None) -> list[dict]:
    """bench.reference_vs_torch's rows in the table's columns."""
    from bench import reference_vs_torch as rvt

    rows = []
    for r in rvt.run(sizes) if sizes else rvt.run():
        size = f"({r['n_x']}, {r['n_h']}, {r['m']})"
        if r["torch_ms"] is None:
            vs_torch = rvt.TORCH_MISSING
        else:
            vs_torch = f"torch {r['torch_ms']:.4f} ms, ref/torch {r['reference/torch']:.3g}"
        rows.append({"part": "reference", "figure": f"forward + backward, (n_x, n_h, m) = {size}",
                     "value": f"{r['reference_ms']:.4f} ms", "goal": "", "met": "",
                     "note": f"{vs_torch}; matmul floor {r['floor_ms']:.4f} ms, ref/floor {r['reference/floor']:.3g}"})
    if rows:
        rows[0]["note"] += f" ({r['torch']})"
    return rows


def machine() -> list[str]:
    """What the figures were measured on."""
    import numpy

    lines = [f"date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC",
             f"python {platform.python_version()}, numpy {numpy.__version__}, nbgrader {_version('nbgrader')}, "
             f"torch {_version('torch')}"]
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, timeout=10).stdout.splitlines()
        lines += [line for line in lscpu if line.split(":")[0].strip() in
                  ("Architecture", "CPU(s)", "Model name", "Thread(s) per core", "Core(s) per socket", "L3")]
    except OSError:
        lines.append(f"cpu: {platform.processor() or platform.machine()}")
    with open("/proc/meminfo") as f:
        lines.append("memory: " + f.readline().split(":")[1].strip())
    with open("/proc/loadavg") as f:
        lines.append("load average at the start: " + " ".join(f.read().split()[:3]))
    return lines


def _version(name: str) -> str:
    try:
        from importlib.metadata import version

        return version(name)
    except Exception:  # noqa: BLE001  not installed
        return "not installed"


def table(rows: list[dict], markdown: bool = False) -> str:
    if markdown:
        lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
        lines += ["| " + " | ".join(str(r[c]).replace("|", "\\|") for c in COLUMNS) + " |" for r in rows]
        return "\n".join(lines)
    widths = {c: max(len(c), *(len(str(r[c])) for r in rows)) for c in COLUMNS[:-1]}
    lines = ["  ".join(c.ljust(widths[c]) for c in COLUMNS[:-1]) + "  note"]
    lines += ["  ".join(str(r[c]).ljust(widths[c]) for c in COLUMNS[:-1]) + "  " + r["note"] for r in rows]
    return "\n".join(lines)


def _size(text: str) -> tuple[int, int, int]:
    try:
        n_x, n_h, m = (int(v) for v in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"a size is n_x,n_h,m (three integers), not {text!r}") from None
    return n_x, n_h, m


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__.split("\n\n", 2)[2])
    parser.add_argument("--parts", default=",".join(PARTS), help=f"comma-separated, of: {', '.join(PARTS)}")
    parser.add_argument("--students", type=int, default=grading.STUDENTS, help="size of the synthetic class (200)")
    parser.add_argument("--stock-students", type=int, default=grading.STOCK_STUDENTS,
                        help="students graded by stock nbgrader (a kernel per notebook), extrapolated (20)")
    parser.add_argument("--sizes", type=_size, nargs="+", default=None, metavar="N_X,N_H,M",
                        help="network sizes of the reference part (default: bench.reference_vs_torch.SIZES)")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.add_argument("--save", default=None, metavar="FILE", help="also write the machine and the table, in Markdown, to FILE")
    parser.add_argument("--keep", default=None, metavar="DIR", help="grade in DIR and keep it (default: a temporary folder)")
    args = parser.parse_args(argv)
    parts = [p.strip() for p in args.parts.split(",") if p.strip()]
    unknown = sorted(set(parts) - set(PARTS))
    if unknown:
        parser.error(f"unknown parts {unknown}; choose from {', '.join(PARTS)}")

    start = time.perf_counter()
    header = machine()
    rows: list[dict] = []
    if "reference" in parts:  # first, while nothing else has warmed or loaded the machine
        rows += reference_rows(args.sizes)
    class_parts = [p for p in parts if p in grading.PARTS]
    if class_parts:
        rows += grading.run(args.students, args.stock_students, class_parts, keep=args.keep)
    footer = f"(all figures measured in this run, {time.perf_counter() - start:.0f} s)"
    print("\n".join(("- " if args.markdown else "") + line for line in header))
    print()
    print(table(rows, args.markdown))
    print(f"\n{footer}")
    if args.save:
        with open(args.save, "w", encoding="utf-8") as f:
            f.write("\n".join(f"- {line}" for line in header) + "\n\n" + table(rows, True) + f"\n\n{footer}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
