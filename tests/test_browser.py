"""JupyterLab in a real browser: Playwright drives Debian's Chromium (/usr/bin/chromium, never a
downloaded one) through what a student does, and opens a feedback page to check its wrapping.

Steps: start ``jupyter lab`` on 127.0.0.1 (a free port, a token) over a copy of release/backprop with
the student's setup (the instructor's panels disabled, README "For students"); open
02_activations.ipynb; Run All and read the visible test's error; write a wrong sigmoid and read the
visible test's message; fix it and see "Visible tests passed."; save and press Validate; open a
feedback page made by ``nbgrader generate_feedback`` and measure that no output line is wider than
its box. A screenshot after each step goes to ``browser_screenshots/`` (git-ignored; the environment
variable BROWSER_SCREENSHOTS moves it), with ``timings.txt``, the seconds of each step.

Skipped, with the reason, where Chromium or the playwright package is missing (``.ci/run`` installs
both). Every wait is on a state of the page, with generous limits for a loaded machine.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from attacks import harness
from autograder import course

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
NOTEBOOK = "02_activations"
WAIT = 90_000  # ms: the longest any one state may take to appear on a loaded 2-core machine
WRONG = "def sigmoid(z): return 1 / (1 + np.exp(z))"
RIGHT = "def sigmoid(z): return 1 / (1 + np.exp(-z))"
INSTRUCTOR_PANELS = ["@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
                     "@jupyter/nbgrader:course-list"]

sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed "
                               "(pip install playwright; it drives the system Chromium)")
if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Steps:
    """Times each step and saves a screenshot after it."""

    def __init__(self, folder: Path, page):
        self.folder, self.page, self.times = folder, page, []
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.png"):
            old.unlink()

    def __call__(self, name: str, action):
        start = time.monotonic()
        value = action()
        elapsed = time.monotonic() - start
        shot = self.folder / f"{len(self.times) + 1:02d}_{name}.png"
        self.page.screenshot(path=str(shot), full_page=False)
        self.times.append((name, elapsed, shot.name))
        return value

    def write(self) -> str:
        text = "\n".join(f"{n:<28} {t:6.1f} s  {shot}" for n, t, shot in self.times)
        (self.folder / "timings.txt").write_text(text + "\n")
        return text


@pytest.fixture(scope="module")
def feedback_page():
    """A feedback page of a student with failures, by nbgrader generate_feedback (the graded class of
    tests/attacks/harness.py, shared with the other nbgrader tests)."""
    graded = harness.graded_class()
    harness.nbgrader("generate_feedback", course.ASSIGNMENT, "--student", "control_a", "--force", cwd=graded.root)
    return graded.root / "feedback" / "control_a" / course.ASSIGNMENT / "03_network.html"


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """``jupyter lab`` over a copy of the release, as a student has it; yields (url, token, work dir)."""
    tmp = tmp_path_factory.mktemp("lab")
    work, home = tmp / "work", tmp / "home"
    shutil.copytree(harness.REPO / "release" / course.ASSIGNMENT, work)
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}
    env.update(HOME=str(home), PATH=f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}")
    env.pop("PYTHONPATH", None)  # the student's environment: no course package on the path
    # the student's setup of README "For students": the instructor's panels switched off
    jupyter = str(Path(sys.executable).parent / "jupyter")
    subprocess.run([jupyter, "labextension", "disable", "--level=user", *INSTRUCTOR_PANELS], env=env, check=True,
                   capture_output=True, timeout=120)
    # not part of the student's setup: the "get notified about Jupyter news?" toast would cover cells
    subprocess.run([jupyter, "labextension", "disable", "--level=user", "@jupyterlab/apputils-extension:announcements"],
                   env=env, check=True, capture_output=True, timeout=120)
    port, token = free_port(), "browser-test-token"
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "jupyter"), "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={work}", "--ServerApp.open_browser=False",
         *(["--allow-root"] if os.geteuid() == 0 else [])],
        cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=open(tmp / "lab.log", "w"))
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + WAIT / 1000
    while True:
        try:
            urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=5).read()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"jupyter lab did not start:\n{(tmp / 'lab.log').read_text()[-3000:]}")
            time.sleep(0.2)
    yield url, token, work
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield b
        b.close()


def cell(page, index: int):
    return page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell").nth(index)


def index_of(grade_id: str) -> int:
    import nbformat

    nb = nbformat.read(harness.REPO / "release" / course.ASSIGNMENT / f"{NOTEBOOK}.ipynb", as_version=4)
    return next(i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def replace_and_run(page, index: int, code: str) -> None:
    """Put ``code`` into cell ``index`` (as a paste: no auto-indent) and run it and the cell after it."""
    import re

    editor = cell(page, index).locator(".cm-content")
    # on a loaded machine the page can move under a click (outputs still rendering) and the keys can outrun it: a
    # click-then-select-all put the code inside the docstring in one CI run, and the click missed the editor in
    # another. So the editor is focused without a click (no coordinates), select-all waits for that focus, and the
    # cell must then hold exactly the code (fill() does not replace CodeMirror's text: it inserts before it)
    editor.focus()
    sync_api.expect(editor).to_be_focused()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(code)
    sync_api.expect(editor).to_have_text(code)
    page.keyboard.press("Shift+Enter")  # runs it, selects the test cell below
    sync_api.expect(cell(page, index + 1)).to_have_class(re.compile(r"\bjp-mod-active\b"))
    page.keyboard.press("Shift+Enter")  # runs the test cell


def test_a_student_session_in_jupyterlab(lab, browser, feedback_page, capsys):
    url, token, work = lab
    folder = Path(os.environ.get("BROWSER_SCREENSHOTS") or harness.REPO / "browser_screenshots")
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.set_default_timeout(WAIT)
    page = context.new_page()
    step = Steps(folder, page)
    test_cell = index_of("test_sigmoid")
    sigmoid_cell = index_of("sigmoid")
    expect = sync_api.expect
    expect.set_options(timeout=WAIT)

    def open_notebook():
        page.goto(f"{url}/lab/tree/{NOTEBOOK}.ipynb?token={token}", wait_until="domcontentloaded")
        expect(cell(page, test_cell)).to_be_attached()
        expect(page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").first).to_be_attached()
    step("open_notebook", open_notebook)

    # the student's JupyterLab: Validate is there, the instructor's panels are not
    expect(page.get_by_role("button", name="Validate").first).to_be_visible()
    assert page.get_by_text("Formgrader").count() == 0 and page.get_by_text("Create Assignment").count() == 0

    def run_all():
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        expect(cell(page, test_cell).locator(".jp-OutputArea-output")).to_contain_text("NotImplementedError")
        # and every cell after it has run: on a loaded machine Run All can still be going when the next step
        # types, and its queued cells would then run after the student's edits
        expect(page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-InputPrompt", has_text="*")).to_have_count(0)
        expect(page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").first).to_be_attached()
    step("run_all_stub_error", run_all)

    def wrong_sigmoid():
        replace_and_run(page, sigmoid_cell, WRONG)
        expect(cell(page, test_cell).locator(".jp-OutputArea-output")).to_contain_text("expected about")
        return cell(page, test_cell).locator(".jp-OutputArea-output").inner_text()
    message = step("visible_test_error", wrong_sigmoid)
    assert "AssertionError" in message and "sigmoid([[-2, 0, 3]])" in message

    def fix_sigmoid():
        replace_and_run(page, sigmoid_cell, RIGHT)
        expect(cell(page, test_cell).locator(".jp-OutputArea-output")).to_have_text("Visible tests passed.")
    step("visible_test_passed", fix_sigmoid)

    def validate():
        page.keyboard.press("Escape")
        page.keyboard.press("Control+s")
        expect(page.locator(".jp-mod-current.jp-mod-dirty")).to_have_count(0)
        page.get_by_role("button", name="Validate").first.click()
        dialog = page.locator(".jp-Dialog")
        expect(dialog).to_contain_text("Validat")  # the results dialog
        expect(dialog.locator(".jp-Dialog-content")).to_contain_text("NotImplementedError")
        return dialog.inner_text()
    report = step("validate", validate)
    # sigmoid passes now; the next stub is what Validate reports
    assert "sigmoid_derivative" in report
    page.keyboard.press("Escape")

    def open_feedback():
        page.set_viewport_size({"width": 1024, "height": 800})  # a laptop's browser window
        page.goto(feedback_page.as_uri(), wait_until="domcontentloaded")
        failing = page.locator(".output_subarea pre", has_text="FAIL").first
        expect(failing).to_be_visible()
        failing.scroll_into_view_if_needed()
        # scrollWidth > clientWidth when a line runs past the box (the box scrolls sideways)
        return page.evaluate("""() => Array.from(document.querySelectorAll('.output_subarea pre'))
            .filter(p => p.textContent.includes('hidden checks'))
            .map(p => [p.scrollWidth, p.clientWidth, p.textContent.split('\\n')[0]])""")
    boxes = step("feedback_page", open_feedback)
    assert len(boxes) == len(course.NOTEBOOKS["03_network"])
    too_wide = [(w, c, first) for w, c, first in boxes if w > c + 1]
    assert not too_wide, f"feedback wider than its box: {too_wide}"
    context.close()
    timings = step.write()
    with capsys.disabled():
        print(f"\nbrowser steps ({folder}):\n{timings}")
    assert [n for n, _, _ in step.times] == ["open_notebook", "run_all_stub_error", "visible_test_error",
                                             "visible_test_passed", "validate", "feedback_page"]
