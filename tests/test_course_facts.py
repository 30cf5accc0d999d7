"""Every count the README and the docs state about the course (notebooks, points, graded functions, time, the
corpora) is the one ``autograder/course.py`` and the repository give: a number changed in one place fails here
until the prose follows."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

import corpus
from autograder import course

ROOT = Path(__file__).resolve().parent.parent
TEXTS = {path.relative_to(ROOT).as_posix(): path.read_text(encoding="utf-8")
         for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]}
FACTS = course.summary()
WORDS = {"five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def test_the_summary_is_the_course_table():
    assert FACTS["points"] == str(sum(p for _, _, p in course.exercises()))
    assert FACTS["functions"] == str(len(course.exercises()))
    assert WORDS[FACTS["notebooks"]] == len(course.NOTEBOOKS)
    assert FACTS["last"] == list(course.NOTEBOOKS)[-1]


@pytest.mark.parametrize("name", list(TEXTS))
def test_notebook_counts_and_ranges(name):
    text = TEXTS[name]
    for word in re.findall(r"\b(five|six|seven|eight|nine|ten)\s+(?:Jupyter\s+)?notebooks\b", text, re.I):
        assert word.lower() == FACTS["notebooks"], f"{name} says {word} notebooks; the course has {FACTS['notebooks']}"
    for last in re.findall(r"`01_chain_rule` to `(\w+)`", text):
        assert last == FACTS["last"], f"{name}: the notebooks run from 01_chain_rule to {FACTS['last']}, not {last}"


@pytest.mark.parametrize("name", list(TEXTS))
def test_points_functions_and_time(name):
    text = TEXTS[name]
    for points, functions in re.findall(r"(\d+) points over (\d+) graded functions", text):
        assert (points, functions) == (FACTS["points"], FACTS["functions"]), name
    for points, time in re.findall(r"notebooks, (\d+) points, about ([\d.]+ hours|\d+ minutes)", text, re.I):
        assert (points, time) == (FACTS["points"], FACTS["time"]), name


def test_the_readme_states_the_corpora_as_they_are():
    text = TEXTS["README.md"]
    mutants = re.findall(r"(\d+) bug mutants", text)
    honest = re.findall(r"(\d+) correct submissions", text)
    assert mutants and honest
    assert all(int(n) == len(corpus.load_mutants()) for n in mutants)
    # the baseline is the reference submission; the others are the variants written differently
    assert all(int(n) == len(corpus.load_honest()) - 1 for n in honest)


def test_the_readme_states_the_number_of_tests_pytest_collects():
    stated = re.findall(r"runs the whole suite \((\d+) tests", TEXTS["README.md"])
    assert stated, "the README's Development section states how many tests the suite has"
    out = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
                         cwd=ROOT, capture_output=True, text=True, timeout=300).stdout
    collected = re.search(r"(\d+) tests? collected", out)
    assert collected, out[-500:]
    assert stated == [collected.group(1)], (
        f"README.md says {stated[0]} tests; pytest collects {collected.group(1)}: update the README")


def test_the_two_parts_cover_the_course_once_and_the_readme_states_them():
    in_parts = [nb for names in course.PARTS.values() for nb in names]
    assert in_parts == list(course.NOTEBOOKS)
    for part in course.PARTS:
        assert f"{part} ({course.part_summary(part)})" in TEXTS["README.md"], part
