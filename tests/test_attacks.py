"""The attack corpus (tests/attacks/): no payload earns a point, through the CLI or nbgrader autograde.

Each attack is a wrong implementation plus a payload; ``harness.graded_class()`` grades, once per session,
a class holding every attack (students attacker_a/attacker_b), the same code without the payloads
(control_a/control_b), the answer key and the release, through both paths.
"""

from pathlib import Path

import pytest

from attacks import harness
from autograder import course

ATTACKS = harness.load_attacks()
EPS = 1e-9


@pytest.fixture(scope="module")
def graded():
    return harness.graded_class()


def test_the_corpus_covers_the_attacks_of_the_brief():
    assert len(ATTACKS) >= 25
    for a in ATTACKS:
        assert a.student in "abcd" and a.function in dict((fn, nb) for nb, fn, _ in course.exercises())
        assert "# BEGIN PAYLOAD" in a.path.read_text() and a.source(False, {}) != a.source(True, {})
    for student in "ac":
        functions = [a.function for a in ATTACKS if a.student == student]
        assert len(set(functions)) == len(functions), "two function-level attacks share a solution cell"
    for student in "bd":
        notebooks = [a.notebook for a in ATTACKS if a.student == student]
        assert len(set(notebooks)) == len(notebooks), "two top-level attacks share a notebook"


def test_the_cli_ran(graded):
    assert graded.cli_proc.returncode == 0, graded.cli_proc.stderr[-3000:]


@pytest.mark.parametrize("attack", ATTACKS, ids=[a.name for a in ATTACKS])
def test_the_payload_earns_nothing(graded, attack):
    attacker, control = f"attacker_{attack.student}", f"control_{attack.student}"
    # a top-level payload may break its whole notebook: every function of it must not gain
    functions = [attack.function] if attack.student in "ac" else list(course.NOTEBOOKS[attack.notebook])
    for fn in functions:
        for path, scores in (("CLI", graded.cli), ("nbgrader", graded.nbgrader)):
            got, without = scores[attacker][fn], graded.cli[control][fn]
            assert got <= without + EPS, f"{attack.name} via {path}: {fn} scored {got} > {without} without the payload"


def test_classmates_graded_beside_the_attacks_keep_their_marks(graded):
    for path, scores in (("CLI", graded.cli), ("nbgrader", graded.nbgrader), ("CLI again", graded.again)):
        key = scores[harness.KEY_STUDENT]
        assert sum(key.values()) == pytest.approx(course.total_points()), (path, key)
        for student in ("control_a", "control_b", "control_c", "control_d"):
            assert scores[student] == pytest.approx(graded.cli[student]), (path, student)


def test_a_second_run_after_the_attacks_works_and_gives_the_same_grades(graded):
    assert graded.again_proc.returncode == 0, graded.again_proc.stderr[-3000:]
    assert set(graded.again) == set(graded.cli)
    for student, scores in graded.cli.items():
        assert graded.again[student] == pytest.approx(scores, abs=1e-9), student


def test_no_reference_and_no_forged_line_reaches_the_feedback(graded):
    text = (graded.results / "attacker_c" / "feedback.md").read_text() + \
        (graded.results / "attacker_c" / "results.json").read_text()
    assert "<provided" not in text and "LEAKED" not in text
    md = (graded.results / "attacker_c" / "feedback.md").read_text()
    assert "<script" not in md and "<img" not in md  # c11: no markup
    assert "[click here](" not in md and "\\[click here\\](" in md  # and no link: its brackets escaped
    assert "&lt;script&gt;" in md  # the message is shown, as text
    feedback = (graded.results / "attacker_c" / "feedback.md").read_text().splitlines()
    assert not any(line.startswith("### `relu`: 1.00") for line in feedback)
    assert not any(line.startswith("**Total: 52") for line in feedback)
    data = (graded.results / "attacker_c" / "results.json").read_text()
    assert '"isolation": "bubblewrap"' in data


def test_no_attack_reached_the_network(graded):
    assert graded.server_hits == []


def test_no_process_outlives_grading(graded):
    assert graded.leftover_after_cli == []
    assert graded.leftover_after_nbgrader == []


def test_no_write_escaped_the_scratch_folder(graded):
    assert list(graded.mark.iterdir()) == []
    for path in (harness.REPO / "attack_planted.txt", harness.REPO / "attack_planted.txt.d",
                 graded.submitted / "attack_planted.txt", Path("/tmp/attack_planted.txt"),
                 Path("/tmp/attack_stash.bin"), Path("/dev/shm/attack_stash.bin")):
        assert not path.exists(), f"an attack wrote {path}"
    assert graded.site_after == graded.site_before, "an attack planted files in site-packages"


def test_submitted_files_are_never_modified(graded):
    assert graded.hashes_after == graded.hashes_before


def test_the_grader_never_unpickled_the_reduce_payload(graded):
    assert not (graded.mark / "reduce_ran").exists()
    assert not (graded.mark / "detached_alive").exists()
    feedback = (graded.results / "attacker_a" / "feedback.md").read_text()
    assert "not plain data" in feedback  # the __reduce__ object and the custom object are bad_output
