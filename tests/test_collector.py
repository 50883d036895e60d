"""The cyclic garbage collector is paused while a comparison and its report are built, and
restored as it was after — whatever happens inside."""

from __future__ import annotations

import gc

import pytest

import wtdiff
from wtdiff import collector, comparison, regions
from wtdiff.report import json as json_report


@pytest.fixture(autouse=True)
def _collector_restored():
    running = gc.isenabled()
    yield
    (gc.enable if running else gc.disable)()


def test_a_pause_restores_the_collector_as_it_was_even_on_an_error():
    gc.enable()
    with collector.paused():
        assert not gc.isenabled()
        with collector.paused():  # nested: the outer pause decides
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector.paused():
        raise RuntimeError("a stage failed")
    assert gc.isenabled()
    gc.disable()  # a caller that stopped it itself keeps it stopped
    with collector.paused():
        pass
    assert not gc.isenabled()


def test_the_comparison_and_its_report_run_with_the_collector_paused(monkeypatch):
    seen: list[tuple[str, bool]] = []
    judge, render = regions.judge, json_report.render

    def judging(*args, **kwargs):
        seen.append(("judge", gc.isenabled()))
        return judge(*args, **kwargs)

    def rendering(*args, **kwargs):
        seen.append(("render", gc.isenabled()))
        return render(*args, **kwargs)

    monkeypatch.setattr(comparison, "judge", judging)
    monkeypatch.setattr(json_report, "render", rendering)
    gc.enable()
    result = wtdiff.compare("specimen-a", "specimen-b")
    assert gc.isenabled()
    result.to_json()
    assert gc.isenabled()
    assert seen == [("judge", False), ("render", False)]
