"""The class report in a real browser: Playwright drives the system Chromium (/usr/bin/chromium, never a
downloaded one, as in tests/test_browser.py) over the page opened from disk.

For the report of the CLI's results (with a hostile student added: an id and feedback made of HTML), for
the report of the same class graded by nbgrader and for a class of 300: every plot loads, nothing overflows its box (the
page, each section, each table cell, with every folded list unfolded), no request leaves the page, no
script runs and the hostile text is shown as text. A full-page screenshot of each goes to
``browser_screenshots/`` (``BROWSER_SCREENSHOTS`` moves it).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import report_class as rc
from attacks import harness
from autograder import class_report, report

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
WIDTH = 1024

sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed "
                               "(pip install playwright; it drives the system Chromium)")
if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)

# Measured in the page: the images, and every box whose content is wider than the box.
MEASURE = """() => {
  const images = [...document.images].map(i => ({complete: i.complete, width: i.naturalWidth,
      shown: i.getBoundingClientRect().width, box: i.parentElement.getBoundingClientRect().width}));
  const over = [];
  for (const el of document.querySelectorAll('main, section, table, td, th, dd, dt, p, li, details, summary, img')) {
    const r = el.getBoundingClientRect(), box = el.closest('section') || document.querySelector('main');
    const b = box.getBoundingClientRect();
    if (el.scrollWidth > el.clientWidth + 1 && el.tagName !== 'IMG')
      over.push(el.tagName + ': content ' + el.scrollWidth + ' > box ' + el.clientWidth + ' ' + el.textContent.slice(0, 60));
    if (el !== box && (r.right > b.right + 1 || r.left < b.left - 1))
      over.push(el.tagName + ' sticks out of its section: ' + el.textContent.slice(0, 60));
  }
  return {images, over, pageWidth: document.documentElement.scrollWidth, viewport: window.innerWidth,
          scripts: document.scripts.length,
          handlers: [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
          text: document.body.innerText};
}"""


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """The hostile CLI report, the nbgrader report of the same class, and a class of 300 (the hostile
    class's students copied under new ids, the hostile one's id kept in its first copy)."""
    out = tmp_path_factory.mktemp("reports")
    cli = class_report.build(rc.hostile_results(), out / "cli" / "report.html")["html"]
    nbg = class_report.build(rc.graded().root, out / "nbgrader" / "report.html")["html"]
    originals = report.collect(rc.hostile_results())
    for i in range(300):
        data = dict(originals[i % len(originals)])
        if data["student_id"] != rc.HOSTILE_ID or i >= len(originals):
            data["student_id"] = f"student_{i:03d}"
        (out / "large" / "results" / f"s{i:03d}").mkdir(parents=True)
        (out / "large" / "results" / f"s{i:03d}" / "results.json").write_text(json.dumps(data), encoding="utf-8")
    large = class_report.build(out / "large" / "results", out / "large" / "report.html")["html"]
    return {"cli": cli, "nbgrader": nbg, "large": large}


@pytest.mark.parametrize("which", ["cli", "nbgrader", "large"])
def test_the_report_renders_with_every_plot_and_nothing_overflowing(browser, reports, which):
    path: Path = reports[which]
    page = browser.new_page(viewport={"width": WIDTH, "height": 900})
    requests, dialogs, errors = [], [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(path.as_uri(), wait_until="load", timeout=60_000)
        for summary in page.locator("summary").all():  # unfold every folded list and table
            summary.click()
        page.wait_for_function("() => [...document.images].every(i => i.complete)", timeout=60_000)
        seen = page.evaluate(MEASURE)
        folder = Path(os.environ.get("BROWSER_SCREENSHOTS", harness.REPO / "browser_screenshots"))
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / f"class_report_{which}.png"), full_page=True)
    finally:
        page.close()
    assert len(seen["images"]) == 3
    for img in seen["images"]:
        assert img["complete"] and img["width"] > 300, img  # decoded
        assert img["shown"] <= img["box"] + 1, img  # scaled into its box
    assert seen["over"] == []
    assert seen["pageWidth"] <= seen["viewport"]
    assert [u for u in requests if not u.startswith(("file:", "data:"))] == []
    assert dialogs == [] and errors == [] and seen["scripts"] == 0 and seen["handlers"] == 0
    if which in ("cli", "large"):
        assert rc.HOSTILE_ID in seen["text"]  # shown as text
        assert '<script>alert("feedback")</script>' in seen["text"]
    else:
        assert rc.HOSTILE_FOLDER in seen["text"] and "nbgrader" in seen["text"]
