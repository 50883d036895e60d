"""The registry commands end to end: editions, fetch, import, check, and compare/parse by edition id.

A test registry whose "official files" are the specimen editions (Markdown) is served by a
loopback HTTP server acting as the mirror, so ``wtdiff compare 2018 2023`` runs as it would
against GOV.UK: fetch, verify, cache, report — and a second run uses the cache.
"""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from wtdiff import cache as cache_mod
from wtdiff import registry
from wtdiff.cli import main

from .registry_helpers import API_PATH, GOVUK_PAGE, URL_2018, URL_2023, mirror_path, sha, specimen, wt_registry

A, B = specimen("specimen-a"), specimen("specimen-b")
ROOT = Path(__file__).parents[1]


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    """The cache in the test's folder; any address not given explicitly is a dead loopback port."""
    monkeypatch.setenv("WTDIFF_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("WTDIFF_MIRROR", f"http://127.0.0.1:{_closed_port()}/")
    monkeypatch.setenv("WTDIFF_TIMEOUT", "2")
    monkeypatch.delenv("WTDIFF_REGISTRY", raising=False)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def reg_dir(tmp_path) -> Path:
    return wt_registry(tmp_path / "registry")


@pytest.fixture
def served(httpserver):
    """The mirror serving both test editions; returns the global options that point at it."""
    httpserver.expect_request(mirror_path(URL_2018)).respond_with_data(A, content_type="text/markdown")
    httpserver.expect_request(mirror_path(URL_2023)).respond_with_data(B, content_type="text/markdown")
    return httpserver


def wt(runner, reg_dir, httpserver, *args):
    return runner.invoke(main, ["--registry", str(reg_dir), "--mirror", httpserver.url_for("/"), *args])


def requests(httpserver) -> int:
    return len(httpserver.log)


# -- wtdiff editions -----------------------------------------------------------------------------------

def test_editions_lists_every_edition(runner):
    r = runner.invoke(main, ["editions"])
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert lines[0].split() == ["ID", "PUBLISHED", "PAGES", "FILES", "CACHED", "TITLE"]
    ids = [line.split()[0] for line in lines[1:] if line and not line[0].isspace()][:21]
    assert ids == ["1999", "2006", "2010", "2013", "2015", "2018", "2018-2020", "2023-draft", "2023", "2026",
                   *[f"kcsie:{y}" for y in range(2015, 2026)]]
    assert "2010-03-17    393" in r.stdout and "wtdiff import ID FILE" in r.stdout


def test_editions_json_and_details_carry_the_sources(runner):
    data = json.loads(runner.invoke(main, ["editions", "--json"]).stdout)
    assert len(data["editions"]) == 21
    for e in data["editions"]:
        assert e["sources"] and e["cached"] == "no" and e["licence"] == "OGL-3.0"
    r = runner.invoke(main, ["editions", "2023", "kcsie:2024"])
    assert r.exit_code == 0
    assert "https://assets.publishing.service.gov.uk/media/6849a7b67cba25f610c7db3f/" in r.stdout
    assert "replaces:    2018-2020" in r.stdout and "replaced by: 2026" in r.stdout
    assert "sources:" in r.stdout and "kcsie:2024: Keeping children safe in education 2024" in r.stdout
    kcsie = json.loads(runner.invoke(main, ["editions", "--family", "kcsie", "--json"]).stdout)
    assert [e["ref"] for e in kcsie["editions"]][-1] == "kcsie:2025"


def test_an_unknown_edition_is_a_usage_error_with_suggestions(runner):
    r = runner.invoke(main, ["editions", "2024"])
    assert r.exit_code == 2
    assert r.stderr.startswith("wtdiff: error: 2024: not a file, and not an edition wtdiff knows. "
                               "Did you mean kcsie:2024? Known editions: 1999, 2006,")
    assert len(r.stderr.strip().splitlines()) == 1
    r = runner.invoke(main, ["compare", "2019", "2023"])
    assert r.exit_code == 2 and "Did you mean kcsie:2019?" in r.stderr


# -- wtdiff compare / parse by edition id --------------------------------------------------------------

def test_compare_fetches_verifies_caches_and_reports_then_uses_the_cache(runner, reg_dir, served, tmp_path):
    out = tmp_path / "changes.html"
    r = wt(runner, reg_dir, served, "compare", "2018", "2023", "-o", str(out))
    assert r.exit_code == 0, r.output
    assert out.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert "Downloading the 2018 edition" in r.stderr and "Downloading the 2023 edition" in r.stderr
    assert requests(served) == 2
    cached = tmp_path / "cache" / "editions" / "working-together"
    assert json.loads((cached / "2018" / "md.md.json").read_text())["sha256"] == sha(A)
    assert (cached / "2023" / "md.md").read_bytes() == B

    md = wt(runner, reg_dir, served, "compare", "wt:2018", "wt23")
    assert md.exit_code == 0 and md.stdout.startswith("# What changed")
    assert f"({URL_2018})" in md.stdout  # the report names the official address, not the cache
    assert "Downloading" not in md.stderr
    assert requests(served) == 2  # the second run used the cache

    same = runner.invoke(main, ["compare", "specimen-a", "specimen-b"])
    body = slice(4, -3)  # the same changes as from the files (the header and licence line differ)
    assert md.stdout.splitlines()[body] == same.stdout.splitlines()[body]


def test_a_second_family_works_the_same_way(runner, reg_dir, httpserver):
    for path, body in (("/assets.publishing.service.gov.uk/media/k24/k.md", A),
                       ("/assets.publishing.service.gov.uk/media/k25/k.md", B)):
        httpserver.expect_request(path).respond_with_data(body)
    r = wt(runner, reg_dir, httpserver, "compare", "kcsie:2024", "kcsie:2025", "-f", "json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert (data["old"]["edition"], data["new"]["edition"]) == ("kcsie:2024", "kcsie:2025")


def test_parse_accepts_an_edition_id(runner, reg_dir, served):
    r = wt(runner, reg_dir, served, "parse", "2018", "--format", "json")
    assert r.exit_code == 0, r.output
    tree = json.loads(r.stdout)
    assert tree["edition"] == "working-together:2018" and tree["sha256"] == sha(A)


def test_without_network_compare_fails_fast_naming_import(runner, reg_dir, tmp_path):
    r = runner.invoke(main, ["--registry", str(reg_dir), "compare", "2018", "2023", "-o", str(tmp_path / "c.md")])
    assert r.exit_code == 4
    assert r.stderr.startswith("wtdiff: error: Could not download the 2018 edition from http://127.0.0.1:")
    assert "cannot connect" in r.stderr and "`wtdiff import 2018 FILE`" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    assert not (tmp_path / "c.md").exists()


# -- wtdiff fetch / import -------------------------------------------------------------------------------

def test_fetch_downloads_once_and_editions_shows_it_cached(runner, reg_dir, served, tmp_path):
    r = wt(runner, reg_dir, served, "fetch", "2018", "2023")
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert lines[0].startswith(f"2018: downloaded {URL_2018} to {tmp_path / 'cache'}")
    assert lines[0].endswith(f"(SHA-256 {sha(A)}).")
    again = wt(runner, reg_dir, served, "fetch", "2018")
    assert again.stdout.startswith("2018: already in the cache, verified:")
    assert requests(served) == 2
    table = wt(runner, reg_dir, served, "editions")
    assert [line.split()[4] for line in table.stdout.splitlines()[1:3]] == ["yes", "yes"]
    forced = wt(runner, reg_dir, served, "fetch", "--force", "2018")
    assert forced.exit_code == 0 and "downloaded" in forced.stdout and requests(served) == 3


def test_import_registers_a_local_copy_for_offline_use(runner, reg_dir, tmp_path):
    (tmp_path / "wt2018.md").write_bytes(A)
    (tmp_path / "wt2023.md").write_bytes(B)
    base = ["--registry", str(reg_dir)]
    r = runner.invoke(main, [*base, "import", "2018", str(tmp_path / "wt2018.md")])
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith(f"Imported {tmp_path / 'wt2018.md'} as the 2018 edition:")
    assert "It is the official file md." in r.stdout
    (tmp_path / "other.md").write_bytes(A + b"\nA local note.\n")
    r = runner.invoke(main, [*base, "import", "2023", str(tmp_path / "other.md")])
    assert r.exit_code == 0 and "not any official file" in r.stderr
    runner.invoke(main, [*base, "import", "2023", str(tmp_path / "wt2023.md")])
    assert [line.split()[4] for line in runner.invoke(main, [*base, "editions"]).stdout.splitlines()[1:3]] == [
        "imported", "imported"]
    report = runner.invoke(main, [*base, "compare", "2018", "2023", "-f", "json"])  # the mirror is unreachable
    assert report.exit_code == 0, report.output
    assert json.loads(report.stdout)["old"]["source"] == str((tmp_path / "wt2018.md").resolve())
    missing = runner.invoke(main, [*base, "import", "2018", str(tmp_path / "nope.pdf")])
    assert missing.exit_code == 3 and "no such file" in missing.stderr


@pytest.mark.parametrize("case", ["checksum", "404", "read-only"])
def test_failures_are_one_line_with_their_exit_code_and_leave_the_cache_clean(runner, tmp_path, httpserver,
                                                                               monkeypatch, case):
    reg_dir = wt_registry(tmp_path / "registry", sha2018="0" * 64 if case == "checksum" else None)
    httpserver.expect_request(mirror_path(URL_2018)).respond_with_data(
        A if case != "404" else b"not here", status=404 if case == "404" else 200)
    if case == "read-only":
        def fail(*args, **kwargs):
            raise PermissionError(13, "Permission denied")

        for seam in ("_make_dirs", "_make_temp", "_open_lock"):
            monkeypatch.setattr(cache_mod, seam, fail)
    r = wt(runner, reg_dir, httpserver, "fetch", "2018")
    expected = {"checksum": (5, "is not the one the registry describes"),
                "404": (4, "the server answered 404 NOT FOUND"),
                "read-only": (5, "cannot save the 2018 edition in the cache folder (Permission denied)")}[case]
    assert (r.exit_code, expected[1] in r.stderr) == (expected[0], True), r.stderr
    errors = [line for line in r.stderr.splitlines() if line.startswith("wtdiff:")]
    assert len(errors) == 1 and expected[1] in errors[0] and "Traceback" not in r.stderr
    folder = tmp_path / "cache" / "editions" / "working-together" / "2018"
    assert sorted(p.name for p in folder.iterdir() if p.name != ".lock") == [] if folder.exists() else True


def test_a_bad_mirror_address_is_a_usage_error(runner, reg_dir):
    r = runner.invoke(main, ["--registry", str(reg_dir), "--mirror", "ftp://files.example", "fetch", "2018"])
    assert r.exit_code == 2 and "expected an http:// or https:// address" in r.stderr


def test_a_broken_registry_names_the_file_and_key(runner, tmp_path, reg_dir):
    path = reg_dir / "working-together" / "2023.toml"
    path.write_text(path.read_text("utf-8").replace('published = "2023-12-15"', 'published = "Dec 2023"'))
    r = runner.invoke(main, ["--registry", str(reg_dir), "editions"])
    assert r.exit_code == 3 and f"{path}: published: expected a date" in r.stderr
    ok = runner.invoke(main, ["--registry", str(reg_dir), "compare", "specimen-a", "specimen-b", "-f", "json"])
    assert ok.exit_code == 0  # files and specimens do not need the registry


# -- wtdiff check ----------------------------------------------------------------------------------------

def content_item(*urls: str) -> dict:
    return {
        "base_path": "/government/publications/working-together-to-safeguard-children--2",
        "title": "Working together to safeguard children", "document_type": "statutory_guidance",
        "schema_name": "publication", "public_updated_at": "2026-05-06T10:00:00.000+01:00",
        "details": {
            "body": "<p>…</p>", "documents": [], "political": False,
            "attachments": [
                {"attachment_type": "file", "id": str(i), "title": f"Document {i}", "url": u,
                 "content_type": "application/pdf", "filename": u.rsplit("/", 1)[-1], "number_of_pages": 100 + i}
                for i, u in enumerate(urls)],
            "change_history": [
                {"public_timestamp": "2015-03-26T00:00:00.000+00:00", "note": "First published."},
                {"public_timestamp": "2026-05-06T10:00:00.000+01:00", "note": "Corrected a link."}],
        },
    }


def test_check_reports_documents_the_registry_lacks(runner, reg_dir, httpserver):
    new = "https://assets.publishing.service.gov.uk/media/0123456789abcdef01234567/WT_2027.pdf"
    httpserver.expect_request(API_PATH).respond_with_json(content_item(URL_2018, URL_2023, new))
    r = wt(runner, reg_dir, httpserver, "check")
    assert r.exit_code == 1, r.output
    assert r.stdout.splitlines() == [
        f"{GOVUK_PAGE} (last updated 2026-05-06T10:00:00.000+01:00): 3 document(s), 1 not in the registry.",
        "Latest change (2026-05-06T10:00:00.000+01:00): Corrected a link.",
        f"new: Document 2 <{new}> (application/pdf, 102 pages)",
    ]
    data = json.loads(wt(runner, reg_dir, httpserver, "check", "--json").stdout)
    assert [d["url"] for d in data["new"]] == [new] and len(data["documents"]) == 3
    assert data["fetched_from"] == httpserver.url_for(API_PATH)


def test_check_exits_0_when_everything_is_known(runner, reg_dir, httpserver):
    httpserver.expect_request(API_PATH).respond_with_json(content_item(URL_2018, "http://" + URL_2023[8:]))
    r = wt(runner, reg_dir, httpserver, "check")
    assert r.exit_code == 0 and "2 document(s), all in the registry." in r.stdout


def test_the_real_registry_knows_what_the_page_lists(runner, httpserver):
    urls = [f.url for e in registry.load().in_family("working-together") for f in e.files]
    related = "https://assets.publishing.service.gov.uk/media/65797f1e0467eb000d55f689/" \
              "Working_together_to_safeguard_children_2023_-_statutory_framework.pdf"
    httpserver.expect_request(API_PATH).respond_with_json(content_item(*urls, related))
    r = runner.invoke(main, ["--mirror", httpserver.url_for("/"), "check"])
    assert r.exit_code == 0, r.output


@pytest.mark.parametrize("respond, message", [
    (lambda h: h.respond_with_data("no", status=404), "the server answered 404 NOT FOUND"),
    (lambda h: h.respond_with_data("<html>proxy</html>", content_type="text/html"), "did not answer with JSON"),
    (lambda h: h.respond_with_json({"title": "x"}), "not a GOV.UK content item"),
])
def test_check_failures_are_exit_4(runner, reg_dir, httpserver, respond, message):
    respond(httpserver.expect_request(API_PATH))
    r = wt(runner, reg_dir, httpserver, "check")
    assert r.exit_code == 4 and message in r.stderr, r.stderr


def test_check_needs_a_publication_page(runner, reg_dir, httpserver):
    r = wt(runner, reg_dir, httpserver, "check", "kcsie")
    assert r.exit_code == 2 and "No GOV.UK publication page is recorded for kcsie" in r.stderr


def test_the_readme_documents_the_registry_commands():
    readme = (ROOT / "README.md").read_text("utf-8")
    for text in ("wtdiff editions", "wtdiff fetch", "wtdiff import", "wtdiff check", "--mirror", "--registry",
                 "WTDIFF_CACHE_DIR", "WTDIFF_MIRROR"):
        assert text in readme, text
