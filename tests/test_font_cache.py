"""matplotlib's font list: built once per machine and kept (``autograder.sandbox.view._font_cache``), so a grading
run, and Gradescope's one submission per container, does not pay matplotlib's font scan (about a second)."""

import json
import os
import subprocess

import pytest

from autograder.sandbox import view


@pytest.fixture
def kept_in(tmp_path, monkeypatch):
    monkeypatch.setenv(view.FONT_CACHE_ENV, str(tmp_path / "cache"))
    view._font_cache.cache_clear()
    yield tmp_path / "cache"
    view._font_cache.cache_clear()


def _font_list(folder):
    names = [n for n in os.listdir(folder) if n.startswith("fontlist") and n.endswith(".json")]
    assert len(names) == 1, names
    with open(os.path.join(folder, names[0])) as f:
        return json.load(f)


def test_the_font_list_is_built_once_and_then_copied(kept_in, monkeypatch):
    first = view._font_cache()
    assert first is not None and _font_list(first)["ttflist"]  # matplotlib found fonts
    kept = view._kept_font_list()
    assert kept.parent == kept_in and (kept / ".complete").is_file()
    view._font_cache.cache_clear()

    def no_scan(*args, **kwargs):
        raise AssertionError("matplotlib's fonts were scanned again")

    monkeypatch.setattr(subprocess, "run", no_scan)
    second = view._font_cache()
    assert second != first and _font_list(second) == _font_list(first)
    assert oct(os.stat(second).st_mode & 0o777) == "0o755"  # any uid reads it (the uid mode's students)


def test_a_list_left_half_written_is_built_again(kept_in):
    kept = view._kept_font_list()
    kept.mkdir(parents=True)
    (kept / "fontlist-v0.json").write_text("{")  # no .complete: a run that died while keeping it
    folder = view._font_cache()
    assert _font_list(folder)["ttflist"]
    assert (kept / ".complete").is_file() and not (kept / "fontlist-v0.json").exists()  # and kept whole


def test_a_new_matplotlib_or_new_fonts_get_a_list_of_their_own(kept_in, monkeypatch):
    from importlib import metadata

    before = view._kept_font_list()
    monkeypatch.setattr(metadata, "version", lambda name: "99.0")
    assert view._kept_font_list() != before
