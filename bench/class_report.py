"""The class report of a large class: how long ``python -m autograder report`` takes and how big the page is.

    python -m bench.class_report RESULTS [--students 300]

RESULTS is a graded class (the demo's ``demo_output/results``); its students' results.json are copied
under new ids, cycling, until the class has ``--students`` students (a synthetic results folder: the
report reads nothing else), and the report is built by the CLI in a fresh process, as an instructor
runs it, three times; the best time and the sizes are printed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from autograder import report


def grow(results: Path, out: Path, students: int) -> None:
    originals = report.collect(results)
    if not originals:
        raise SystemExit(f"no graded student in {results}")
    for i in range(students):
        data = dict(originals[i % len(originals)], student_id=f"student_{i:04d}")
        (out / data["student_id"]).mkdir(parents=True)
        (out / data["student_id"] / report.RESULTS_FILE).write_text(json.dumps(data), encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.class_report", description=__doc__.splitlines()[0])
    parser.add_argument("results", type=Path)
    parser.add_argument("--students", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-class-report-") as tmp:
        big = Path(tmp) / "results"
        grow(args.results, big, args.students)
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "autograder", "report", str(big)], check=True, capture_output=True)
            times.append(time.perf_counter() - start)
        html = big / "report.html"
        csvs = sorted(big.glob("report_*.csv"))
        print(f"{args.students} students: report.html {html.stat().st_size / 1024:.0f} KB, CSV files "
              f"{sum(p.stat().st_size for p in csvs) / 1024:.0f} KB in all; built in {min(times):.2f} s "
              f"(best of {args.runs}: {', '.join(f'{t:.2f}' for t in times)} s, a fresh process each)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
