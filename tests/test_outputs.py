"""Reports and cache entries appear whole or not at all, whatever happens while they are written."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from wtdiff.cli import main
from wtdiff.errors import OutputError
from wtdiff.fileio import write_atomic


def test_a_disk_that_fills_up_gives_a_clear_error_and_no_partial_file(tmp_path, monkeypatch):
    target = tmp_path / "changes.html"
    target.write_text("the previous report")

    def full(fd):  # the data is flushed when the file is synced: that is where a full disk says so
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OutputError, match=r"changes.html: cannot write the file \(No space left on device\)"):
        write_atomic(target, "x" * 100_000)
    monkeypatch.undo()
    assert target.read_text() == "the previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["changes.html"]  # no temporary file left


def test_reports_are_readable_by_others(tmp_path):
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "r.html", "<p>report</p>")
    finally:
        os.umask(old)
    assert (tmp_path / "r.html").stat().st_mode & 0o777 == 0o644


_WRITER = """
import sys
from wtdiff.fileio import write_atomic
block = ("x" * 1023 + "\\n")
for n in range(1000):
    write_atomic(sys.argv[1], block * (2000 + n))
"""


def test_a_writer_killed_mid_write_leaves_a_whole_file_or_none(tmp_path):
    """SIGKILL at varied moments: the report is always absent or one complete version."""
    target = tmp_path / "report.md"
    for delay in (0.05, 0.15, 0.3, 0.5):
        proc = subprocess.Popen([sys.executable, "-c", _WRITER, str(target)])
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if target.exists():
            data = target.read_bytes()
            assert len(data) % 1024 == 0 and data.endswith(b"\n") and set(data) <= {ord("x"), ord("\n")}


def test_two_runs_at_once_share_the_parse_cache(tmp_path):
    env = {**os.environ, "WTDIFF_CACHE_DIR": str(tmp_path / "cache")}
    cmd = [sys.executable, "-m", "wtdiff", "compare", "specimen-a", "specimen-b", "-f", "json"]
    procs = [subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    assert outs[0][0] == outs[1][0]


def test_a_closed_pipe_is_not_an_error():
    r = subprocess.run(f"{sys.executable} -m wtdiff compare specimen-a specimen-b | head -1",
                       shell=True, capture_output=True, text=True, timeout=120)
    assert r.stdout.startswith("# What changed") and "error" not in r.stderr


def test_output_folder_missing_is_exit_5(tmp_path):
    r = CliRunner().invoke(main, ["compare", "specimen-a", "specimen-b", "-o", str(tmp_path / "no" / "x.html")])
    assert r.exit_code == 5 and "Check that the folder exists" in r.stderr


def test_output_does_not_depend_on_the_hash_seed(tmp_path):
    """Same inputs, same bytes — whatever order Python happens to give sets and dicts of strings."""
    outs = set()
    for seed in ("0", "5", "11"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "WTDIFF_NO_CACHE": "1"}
        r = subprocess.run([sys.executable, "-m", "wtdiff", "compare", "specimen-a", "specimen-b", "-f", "json"],
                           env=env, capture_output=True, timeout=120)
        assert r.returncode == 0, r.stderr
        outs.add(r.stdout)
    assert len(outs) == 1
