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
    p = sub.add_parser("demo", help="run the course's main job on bundled data and save its plots")
    p.add_argument("--out", default="demo_output", help="folder for the PNG files and results (default: demo_output)")
    p.set_defaults(func=_demo)


# Each entry adds one subcommand to the parser.
COMMANDS = [_add_demo]


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
