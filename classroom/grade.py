"""Grade a student's GitHub Classroom repository and report the points as GitHub Classroom reads them.

    python classroom/grade.py STUDENT_REPO --course COURSE_ROOT [--student ID] [--json FILE]

Grades the course notebooks found in STUDENT_REPO (by file name, anywhere in it) with the course's
grader (``autograder.gradescope.grade_upload``: the CLI's scores), prints the student's feedback, and
writes the result in the format of GitHub Classroom's grading reporter
(``classroom-resources/autograding-grading-reporter``): JSON with ``version``, ``status``,
``max_score`` and one test per graded function, base64-encoded as the step output ``result`` (in
``$GITHUB_OUTPUT``). Exits 0 whenever grading ran, like ``python -m autograder grade``.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import sys
from pathlib import Path


def classroom_result(data: dict) -> dict:
    """results.json (Gradescope's format) -> the reporter's format: one test per graded function."""
    from autograder import course, report

    by_function: dict[str, list[dict]] = {}
    for t in data["tests"]:
        by_function.setdefault(t["number"], []).append(t)
    tests = []
    for nb, fn, maximum in course.exercises():
        mine = by_function.get(f"{nb}/{fn}", [])
        score = round(sum(t["score"] for t in mine), 2)
        passed = bool(mine) and all(t["status"] == "passed" for t in mine)
        tests.append({"name": f"{nb}: {fn}", "status": "pass" if passed else "fail", "score": score,
                      "max_score": maximum, "message": "\n".join(report.check_messages(mine)),
                      "test_code": f"hidden checks of {fn}", "filename": f"{nb}.ipynb", "line_no": 0,
                      "execution_time": ""})
    if not data["tests"]:
        status = "error"
    else:
        status = "pass" if all(t["status"] == "pass" for t in tests) else "fail"
    return {"version": 1, "status": status, "max_score": course.total_points(), "tests": tests}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("repo", help="the student's repository (its notebooks, anywhere in it)")
    parser.add_argument("--course", required=True, help="the course folder: the autograder package and source/backprop")
    parser.add_argument("--student", default=os.environ.get("GITHUB_ACTOR") or "student",
                        help="the student id that seeds the hidden inputs (default: $GITHUB_ACTOR)")
    parser.add_argument("--json", default=None, help="also write the reporter's JSON to this file")
    args = parser.parse_args(argv)
    course_root = Path(args.course).resolve()
    sys.path.insert(0, str(course_root))
    from autograder import course, gradescope, report

    data = gradescope.grade_upload(args.repo, args.student, course_root / "source" / course.ASSIGNMENT)
    print(report.feedback_markdown(data))
    result = classroom_result(data)
    text = json.dumps(result)
    if args.json:
        Path(args.json).write_text(text + "\n", encoding="utf-8")
    if os.environ.get("GITHUB_OUTPUT"):
        with open(os.environ["GITHUB_OUTPUT"], "a", encoding="utf-8") as out:
            out.write(f"result={base64.b64encode(text.encode()).decode()}\n")
    isolation = (data.get("extra_data") or {}).get("isolation", "not recorded")
    print(f"Isolation: {isolation}")
    print(f"Points {report.points(sum(t['score'] for t in result['tests']))}/{result['max_score']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
