"""Command line: ``python -m autograder <command>``.

Each command is a small function registered in ``COMMANDS``; ``--help`` lists them.
"""

from __future__ import annotations

import argparse
import sys


def _demo(args: argparse.Namespace) -> int:
    from autograder import demo

    return demo.main(args)


def _add_demo(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="grade a synthetic class in the sandbox and plot its scores and misconceptions")
    p.add_argument("--out", default="demo_output", help="folder for the class, results and PNG files (default: demo_output)")
    p.add_argument("--students", type=int, default=30, help="size of the synthetic class (default: 30)")
    p.add_argument("--seed", type=int, default=0, help="seed of the synthetic class (default: 0)")
    p.add_argument("--jobs", type=int, default=None, help="students graded in parallel (default: two per CPU, "
                   "as memory allows)")
    p.set_defaults(func=_demo)


def _grade(args: argparse.Namespace) -> int:
    from autograder import grade

    return grade.grade_class(args.submitted, args.results, jobs=args.jobs, resume=args.resume,
                             source_dir=args.source, timeout=args.timeout, quiet=args.quiet,
                             insecure_python_only=args.insecure_python_only, cells_timeout=args.cells_timeout)


def _add_grade(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("grade", help="grade every submission in the sandbox and write Gradescope results")
    p.add_argument("submitted", metavar="SUBMITTED",
                   help="nbgrader's submitted/ folder (<SUBMITTED>/<student>/backprop/*.ipynb) or one student's folder")
    p.add_argument("--results", required=True, metavar="RESULTS",
                   help="output folder: <student>/results.json, <student>/feedback.md, summary.csv, junit.xml")
    p.add_argument("--jobs", type=int, default=None, help="students graded in parallel (default: two per CPU, "
                   "as memory allows)")
    p.add_argument("--resume", action="store_true", help="skip students whose results.json already exists")
    p.add_argument("--source", default="source/backprop", help="the source notebooks (default: source/backprop)")
    p.add_argument("--timeout", type=float, default=None,
                   help="CPU seconds per call of a student function (default: 10)")
    p.add_argument("--cells-timeout", type=float, default=None,
                   help="CPU seconds for running one notebook's cells (default: 60)")
    p.add_argument("--insecure-python-only", action="store_true",
                   help="grade without kernel-level isolation (bubblewrap): only for submissions you trust")
    p.add_argument("--quiet", action="store_true", help="no progress bar and no score table")
    p.set_defaults(func=_grade)


def _gradescope(args: argparse.Namespace) -> int:
    from autograder import gradescope

    try:
        out = gradescope.build(args.out, source_dir=args.source, secret_file=args.secret,
                               insecure=args.insecure_python_only)
    except (FileNotFoundError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {out}: upload it as the assignment's autograder on Gradescope")
    if args.secret is None:
        print("note: the course secret is not in it; add it with `zip -j " + str(out) + " .autograder_secret` "
              "(or pass --secret FILE), else every student's hidden inputs come from the public development secret")
    return 0


def _add_gradescope(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gradescope", help="build a Gradescope autograder zip that grades uploaded notebooks")
    p.add_argument("--out", default="autograder.zip", help="the zip to write (default: autograder.zip)")
    p.add_argument("--source", default="source/backprop", help="the source notebooks (default: source/backprop)")
    p.add_argument("--secret", default=None, metavar="FILE",
                   help="put this course secret file into the zip as .autograder_secret (default: leave it out)")
    p.add_argument("--insecure-python-only", action="store_true",
                   help="grade without bubblewrap in Gradescope's container (when it has no user namespaces)")
    p.set_defaults(func=_gradescope)


def _report(args: argparse.Namespace) -> int:
    from autograder import class_report

    return class_report.main(args)


def _add_report(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="one HTML page (and CSV files) of what a graded class got wrong")
    p.add_argument("results", metavar="RESULTS",
                   help="the RESULTS folder of `grade`, or an nbgrader course folder (with autograded/)")
    p.add_argument("--out", default=None, help="the HTML file to write (default: RESULTS/report.html); the CSV "
                   "files go beside it")
    p.set_defaults(func=_report)


def _explain(args: argparse.Namespace) -> int:
    from autograder import explain

    return explain.main(args)


def _add_explain(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("explain", help="for a regrade request: the hidden cases a student's lost checks used, "
                       "re-run in the sandbox")
    p.add_argument("results", metavar="RESULTS", help="the RESULTS folder of `grade`, or an nbgrader course folder")
    p.add_argument("student", metavar="STUDENT", help="the student id")
    p.add_argument("function", metavar="FUNCTION", nargs="?", default=None,
                   help="only this graded function (default: every function that lost points)")
    p.add_argument("--for-student", action="store_true",
                   help="print only what the student may see after the deadline")
    p.add_argument("--submitted", default=None, help="the submissions folder (default: the one the run recorded, "
                   "or COURSE/submitted for nbgrader)")
    p.add_argument("--source", default=None, help="the source notebooks (default: the run's, else source/backprop)")
    p.add_argument("--insecure-python-only", action="store_true",
                   help="run the student's code without kernel-level isolation (bubblewrap): only for code you trust")
    p.set_defaults(func=_explain)


def _bug_codes(args: argparse.Namespace) -> int:
    from autograder import bug_codes

    return bug_codes.main(args)


def _add_bug_codes(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("bug-codes", help="each student's bug-hunt code for notebook 5, from the course secret "
                       "(ID<TAB>CODE lines)")
    p.add_argument("ids", metavar="ID", nargs="*", help="student ids, as they are graded")
    p.add_argument("--roster", action="append", metavar="FILE",
                   help="a file of student ids, one a line (may be given more than once)")
    p.add_argument("--gradebook", metavar="COURSE", default=None,
                   help="also every student in the nbgrader gradebook.db of this course folder")
    p.add_argument("--csv", action="store_true", help="CSV with a header row (student_id,bug_code) instead")
    p.set_defaults(func=_bug_codes)


# Each entry adds one subcommand to the parser.
COMMANDS = [_add_demo, _add_grade, _add_gradescope, _add_report, _add_explain, _add_bug_codes]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m autograder",
        description="Backpropagation course: reference implementation and grader.",
    )
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    for add in COMMANDS:
        add(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "func"):
        parser.print_help(sys.stderr)
        return 2
    return int(args.func(args) or 0)
