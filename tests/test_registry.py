"""The edition registry: every shipped file valid against the schema, the loader's checks, lookup."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import jsonschema
import pytest

import wtdiff
from wtdiff import registry
from wtdiff.errors import RegistryError, UnknownEditionError, UsageError

from .registry_helpers import edition, family, file_entry, write_registry

ROOT = Path(__file__).parents[1]
VERSIONS = ROOT / "versions"
SCHEMAS = Path(wtdiff.__file__).parent / "schemas"
EDITION_FILES = sorted(p for p in VERSIONS.glob("*/*.toml") if p.name != "family.toml")
FAMILY_FILES = sorted(VERSIONS.glob("*/family.toml"))


def _validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMAS / name).read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("path", EDITION_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_edition_file_is_valid_against_the_schema(path):
    data = tomllib.loads(path.read_text("utf-8"))
    errors = sorted(_validator("edition.schema.json").iter_errors(data), key=lambda e: list(e.path))
    assert not errors, "; ".join(f"{'/'.join(map(str, e.path))}: {e.message}" for e in errors)
    assert data["id"] == path.stem


@pytest.mark.parametrize("path", FAMILY_FILES, ids=lambda p: p.parent.name)
def test_every_family_file_is_valid_against_the_schema(path):
    data = tomllib.loads(path.read_text("utf-8"))
    assert not list(_validator("family.schema.json").iter_errors(data))
    assert data["id"] == path.parent.name


def test_the_registry_knows_every_edition_the_issue_lists():
    reg = registry.load(VERSIONS)
    wt = [e.id for e in reg.in_family("working-together")]
    assert wt == ["1999", "2006", "2010", "2013", "2015", "2018", "2018-2020", "2023-draft", "2023", "2026"]
    assert [e.ref for e in reg.in_family("kcsie")] == [f"kcsie:{y}" for y in range(2015, 2026)]
    assert reg.default_family.id == "working-together"
    for e in reg:
        assert e.sources and e.licence == "OGL-3.0" and e.attribution, e.ref
        assert e.replaces is None or reg.find(f"{e.family}:{e.replaces}") is not None


def test_facts_come_with_their_sources_and_nothing_is_invented():
    """Spot checks against ../shared/research/editions.md; empty where the research found nothing."""
    reg = registry.load(VERSIONS)
    e2010 = reg.resolve("2010")
    assert (e2010.reference, e2010.isbn, e2010.pages, e2010.published) == (
        "DCSF-00305-2010", "978-1-84775-715-9", 393, "2010-03-17")
    assert reg.resolve("2013").pages is None  # sources disagree (96 / 97)
    assert reg.resolve("2018").reference is None  # "DFE-00195-2018" was never verified
    e2023 = reg.resolve("2023")
    assert e2023.files[0].sha256 == "7926118cc517744de98b36bf6040c9d63aab3c0fe29604b3238638e9e7345c31"
    assert all(f.url and f.url.startswith("https://assets.publishing.service.gov.uk/")
               for e in reg for f in e.files if f.url)
    # a checksum is recorded only where a byte-for-byte copy of the file was checked
    assert sorted(f.sha256[:8] for e in reg for f in e.files if f.sha256) == ["34a4b4dc", "7926118c"]


def test_the_packaged_registry_is_found_from_the_package_or_the_checkout(monkeypatch):
    monkeypatch.delenv("WTDIFF_REGISTRY", raising=False)
    found = registry.default_directory()
    assert (found / "working-together" / "family.toml").is_file()
    monkeypatch.setenv("WTDIFF_REGISTRY", "/somewhere/else")
    assert registry.default_directory() == Path("/somewhere/else")


def test_the_readme_describes_the_format():
    text = (VERSIONS / "README.md").read_text("utf-8")
    for key in ("sources", "sha256", "archive_urls", "replaces", "format", "family.toml", "edition.schema.json"):
        assert key in text


# -- lookup ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("ref, expected", [
    ("2018", "working-together:2018"), ("wt:2018", "working-together:2018"),
    ("WORKING-TOGETHER:2018", "working-together:2018"), ("2020", "working-together:2018-2020"),
    ("2023-consultation", "working-together:2023-draft"), ("kcsie:2024", "kcsie:2024"),
    ("keeping-children-safe-in-education:2025", "kcsie:2025"), (" 2023 ", "working-together:2023"),
])
def test_references_resolve_by_id_alias_and_family_prefix(ref, expected):
    assert registry.load(VERSIONS).resolve(ref).qualified_id == expected


@pytest.mark.parametrize("ref, suggestion", [("2024", "kcsie:2024"), ("2023draft", "2023-draft"),
                                             ("kcsie:2030", "kcsie:"), ("nope:2018", "2018")])
def test_an_unknown_edition_lists_the_known_ones_and_suggests(ref, suggestion):
    with pytest.raises(UnknownEditionError) as info:
        registry.load(VERSIONS).resolve(ref)
    err = info.value
    assert isinstance(err, UsageError) and err.exit_code == 2
    assert suggestion in (err.hint or "") and "Did you mean" in str(err)
    assert "1999" in err.known and "kcsie:2025" in err.known
    assert "\n" not in str(err) and "wtdiff editions" in str(err)


# -- the loader's checks name the file and the key -----------------------------------------------------

def _one(tmp_path: Path, **over) -> Path:
    return write_registry(tmp_path, {"working-together": (family(), [edition("2018", **over)])})


@pytest.mark.parametrize("over, key, words", [
    ({"published": "July 2018"}, "published", "YYYY-MM-DD"),
    ({"published": "2018-02-30"}, "published", "not a real date"),
    ({"pages": 0}, "pages", "page count"),
    ({"pages": "116"}, "pages", "page count"),
    ({"kind": "version"}, "kind", "edition, update, draft"),
    ({"licence": "CC-BY"}, "licence", "OGL-3.0"),
    ({"page_url": "www.gov.uk/x"}, "page_url", "https://"),
    ({"replaces": "2015"}, "replaces", "not an edition"),
    ({"sources": []}, "sources", "at least one source"),
    ({"title": ""}, "title", "must not be empty"),
    ({"files": [file_entry(fmt="rtf")]}, "files[0].format", "pdf, html"),
    ({"files": [file_entry(sha256="abc")]}, "files[0].sha256", "64"),
    ({"files": [file_entry(url="ftp://x/y.pdf")]}, "files[0].url", "https://"),
    ({"files": [file_entry("a"), file_entry("a")]}, "files[1].id", "already used"),
    ({"isbn": "12"}, "isbn", "ISBN"),
    ({"publishr": "DfE"}, "publishr", "Did you mean 'publisher'"),
])
def test_a_bad_value_is_reported_with_the_file_and_the_key(tmp_path, over, key, words):
    _check_reported(tmp_path, over, key, words)


def test_an_unquoted_toml_date_is_explained(tmp_path):
    root = _one(tmp_path)
    path = root / "working-together" / "2018.toml"
    path.write_text(path.read_text("utf-8").replace('published = ""', "published = 2018-07-04"), "utf-8")
    with pytest.raises(RegistryError, match=r'2018.toml: published: write the date as a string, in quotes: '
                                            r'"2018-07-04"'):
        registry.load(root)


def _check_reported(tmp_path, over, key, words):
    root = _one(tmp_path, **over)
    with pytest.raises(RegistryError) as info:
        registry.load(root)
    message = str(info.value)
    assert f"2018.toml: {key}:" in message and words in message
    assert info.value.exit_code == 3


def test_the_schema_rejects_what_the_loader_rejects(tmp_path):
    validator = _validator("edition.schema.json")
    good = edition("2018")
    assert not list(validator.iter_errors(good))
    for bad in ({"published": "July 2018"}, {"pages": 0}, {"kind": "version"}, {"licence": "CC-BY"},
                {"files": [file_entry(fmt="rtf")]}, {"files": [file_entry(sha256="abc")]}, {"sources": []},
                {"publishr": "DfE"}):
        assert list(validator.iter_errors({**good, **bad})), bad
    missing = dict(good)
    del missing["isbn"]
    assert list(validator.iter_errors(missing))


@pytest.mark.parametrize("mutate, words", [
    (lambda root: (root / "working-together" / "2018.toml").rename(root / "working-together" / "2019.toml"),
     "must be the file's name"),
    (lambda root: (root / "working-together" / "2018.toml").write_text("id = \"2018\"\ntitle = [", "utf-8"),
     "not valid TOML"),
    (lambda root: (root / "working-together" / "2018.toml").write_text("id = \"2018\"\n", "utf-8"),
     "aliases: missing"),
])
def test_broken_files_are_reported(tmp_path, mutate, words):
    root = _one(tmp_path)
    mutate(root)
    with pytest.raises(RegistryError, match=re.escape(words)):
        registry.load(root)


def test_exactly_one_default_family_and_unique_names(tmp_path):
    root = write_registry(tmp_path / "a", {"working-together": (family(default=False), [edition("2018")])})
    with pytest.raises(RegistryError, match="exactly one family"):
        registry.load(root)
    root = write_registry(tmp_path / "b", {"working-together": (family(), [edition("2018"),
                                                                         edition("2020", aliases=["2018"])])})
    with pytest.raises(RegistryError, match="already used"):
        registry.load(root)
    with pytest.raises(RegistryError, match="does not exist"):
        registry.load(tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(RegistryError, match="no family"):
        registry.load(tmp_path / "empty")


def test_editions_are_ordered_by_family_then_date(tmp_path):
    root = write_registry(tmp_path, {
        "working-together": (family(), [edition("2023", published="2023-12-15"), edition("2010", published="2010")]),
        "aaa": (family("aaa"), [edition("1", published="2001")]),
    })
    reg = registry.load(root)
    assert [e.ref for e in reg] == ["2010", "2023", "aaa:1"]
    assert reg.family("wt") is reg.default_family
    assert reg.default_family.content_api_url == (
        "https://www.gov.uk/api/content/government/publications/working-together-to-safeguard-children--2")
