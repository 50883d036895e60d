"""The command line: one call per command, one-line errors, documented exit codes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import wtdiff
from wtdiff.cli import main

README = (Path(__file__).parents[1] / "README.md").read_text("utf-8")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_compare_writes_the_report_and_says_what_it_found(runner, tmp_path):
    out = tmp_path / "changes.html"
    r = runner.invoke(main, ["compare", "specimen-a", "specimen-b", "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert out.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert re.search(r"Wrote .*changes.html: \d+ modified, \d+ added, \d+ deleted, \d+ moved", r.stderr)


@pytest.mark.parametrize("name, fmt, start", [("c.json", None, "{"), ("c.md", None, "# What changed"),
                                               ("c.txt", "json", "{")])
def test_format_follows_the_extension_or_the_option(runner, tmp_path, name, fmt, start):
    args = ["compare", "specimen-a", "specimen-b", "-o", str(tmp_path / name)] + (["-f", fmt] if fmt else [])
    assert runner.invoke(main, args).exit_code == 0
    assert (tmp_path / name).read_text("utf-8").startswith(start)


def test_markdown_goes_to_standard_output_by_default(runner):
    r = runner.invoke(main, ["compare", "specimen-a", "specimen-b"])
    assert r.exit_code == 0 and r.stdout.startswith("# What changed")


def test_check_exits_1_only_when_the_editions_differ(runner):
    assert runner.invoke(main, ["compare", "specimen-a", "specimen-b", "--check", "-f", "json"]).exit_code == 1
    assert runner.invoke(main, ["compare", "specimen-a", "specimen-a", "--check", "-f", "json"]).exit_code == 0


def test_parse_prints_the_tree(runner):
    xml = runner.invoke(main, ["parse", "specimen-a", "--format", "xml"])
    assert xml.exit_code == 0 and 'kind="chapter"' in xml.stdout
    tree = json.loads(runner.invoke(main, ["parse", "specimen-a", "--format", "json"]).stdout)
    assert tree["title"].startswith("Working Together")
    text = runner.invoke(main, ["parse", "specimen-a"]).stdout
    assert text.startswith("# Working Together") and "\n1. " in text


def test_specimen_copies_the_editions(runner, tmp_path):
    r = runner.invoke(main, ["specimen", str(tmp_path / "s")])
    assert r.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "s").iterdir()) == ["specimen-a.md", "specimen-b.md"]
    assert wtdiff.parse(tmp_path / "s" / "specimen-a.md").title == wtdiff.parse("specimen-a").title


@pytest.mark.parametrize("args, code, message", [
    (["compare", "nope.md", "specimen-b"], 3, "wtdiff: error: nope.md: no such file."),
    (["compare", "specimen-a"], 2, "Missing argument"),
    (["compare", "specimen-a", "specimen-b", "-f", "pdf"], 2, "Invalid value"),
])
def test_errors_are_one_line_with_an_exit_code(runner, args, code, message):
    r = runner.invoke(main, args)
    assert r.exit_code == code
    assert message in r.stderr
    assert "Traceback" not in r.stderr


def test_unreadable_input_names_the_file_and_writes_nothing(runner, tmp_path):
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4 not really")
    out = tmp_path / "out.html"
    r = runner.invoke(main, ["compare", str(bad), "specimen-b", "-o", str(out)])
    assert r.exit_code == 3 and "scan.pdf" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_unwritable_output_is_exit_5(runner, tmp_path):
    r = runner.invoke(main, ["compare", "specimen-a", "specimen-b", "-o", str(tmp_path / "no" / "dir" / "x.md")])
    assert r.exit_code == 5 and "cannot write" in r.stderr


def test_debug_shows_the_traceback(runner):
    r = runner.invoke(main, ["--debug", "compare", "nope.md", "specimen-b"])
    assert r.exit_code != 0 and isinstance(r.exception, wtdiff.WtdiffError)


def test_every_command_has_help_and_is_in_the_readme(runner):
    assert runner.invoke(main, ["--help"]).exit_code == 0
    for name, command in main.commands.items():
        r = runner.invoke(main, [name, "--help"])
        assert r.exit_code == 0 and command.help
        assert f"wtdiff {name}" in README, f"the README does not mention `wtdiff {name}`"


def test_version():
    assert wtdiff.__version__ in CliRunner().invoke(main, ["--version"]).stdout


def test_installed_tool_finds_its_templates_from_any_directory(tmp_path):
    """Run as a user would, outside the checkout: the report templates ship in the package."""
    r = subprocess.run([sys.executable, "-m", "wtdiff", "compare", "specimen-a", "specimen-b", "-f", "html"],
                       cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "<!DOCTYPE html>" in r.stdout


def test_packaged_data_is_inside_the_installed_package():
    from wtdiff.report.html import templates_dir

    package = Path(wtdiff.__file__).parent
    assert (templates_dir() / "report.html.j2").is_file()
    if (package / "templates").is_dir():  # a regular (non-editable) install, as in CI
        assert templates_dir() == package / "templates"
        assert (package / "versions").is_dir()
    assert (package / "schemas" / "comparison.schema.json").is_file()
    assert (package / "specimens" / "specimen-a.md").is_file()


def test_public_api_is_small_and_documented():
    assert sorted(wtdiff.__all__) == sorted([
        "__version__", "parse", "compare", "Document", "Section", "Block", "Comparison", "Change",
        "SectionChange", "WtdiffError"])
    for name in wtdiff.__all__:
        if name != "__version__":
            assert getattr(wtdiff, name).__doc__


def test_a_compare_at_a_terminal_says_it_is_comparing_then_clears_the_line(capsys):
    """Once the reading bar is full, two long editions take seconds to compare: at a terminal the
    command says so on standard error, and clears the line when done; off a terminal (or with
    --quiet, no bars) it writes nothing."""
    from wtdiff.cli.support import Settings

    at_terminal = Settings(None, None, None, None, bars=True)
    with at_terminal.status("Comparing kcsie-2024.pdf with kcsie-2025.pdf"):
        assert capsys.readouterr().err == "Comparing kcsie-2024.pdf with kcsie-2025.pdf…"
    assert capsys.readouterr().err == "\r\x1b[K"
    with pytest.raises(RuntimeError), at_terminal.status("Comparing a with b"):
        raise RuntimeError("cleared on an error too")
    assert capsys.readouterr().err.endswith("\r\x1b[K")
    with Settings(None, None, None, None, bars=False).status("Comparing a with b"):
        pass
    assert capsys.readouterr().err == ""
