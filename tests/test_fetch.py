"""Fetching editions into the cache, against a real HTTP server on loopback (pytest-httpserver).

Every test talks only to the loopback server, with timeouts of a fraction of a second and no
pause between retries; none asserts on timing.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest
from werkzeug import Request, Response

from wtdiff import cache as cache_mod
from wtdiff import registry, sources
from wtdiff.cache import Cache
from wtdiff.errors import CacheError, ChecksumError, NetworkError, UsageError
from wtdiff.fetch import FetchOptions, ensure, mirrored

from .registry_helpers import (URL_2018, edition, family, file_entry, mirror_path, sha, specimen, write_registry,
                               wt_registry)

A = specimen("specimen-a")


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    """No test can reach beyond loopback or write outside its own folder."""
    monkeypatch.setenv("WTDIFF_CACHE_DIR", str(tmp_path / "user-cache"))
    with socket.socket() as s:  # a loopback port nobody listens on
        s.bind(("127.0.0.1", 0))
        monkeypatch.setenv("WTDIFF_MIRROR", f"http://127.0.0.1:{s.getsockname()[1]}/")
    monkeypatch.delenv("WTDIFF_REGISTRY", raising=False)
    monkeypatch.delenv("WTDIFF_TIMEOUT", raising=False)


@pytest.fixture
def reg(tmp_path):
    return registry.load(wt_registry(tmp_path / "registry"))


@pytest.fixture
def store(tmp_path):
    return Cache(tmp_path / "cache")


@pytest.fixture
def opts(httpserver):
    return FetchOptions(mirror=httpserver.url_for("/"), timeout=0.5, connect_timeout=0.5, retries=1,
                        backoff=0, sleep=lambda s: None)


def files_in(store: Cache, e) -> list[str]:
    """What a user would see in the edition's cache folder (the lock file aside)."""
    folder = store.folder(e)
    return sorted(p.name for p in folder.iterdir() if p.name != ".lock") if folder.is_dir() else []


def requests_to(httpserver, path: str) -> int:
    return sum(1 for req, _ in httpserver.log if req.path == path)


# -- success, and the cache on later use -----------------------------------------------------------

def test_a_download_is_verified_recorded_and_reused(httpserver, reg, store, opts):
    path = mirror_path(URL_2018)
    httpserver.expect_request(path).respond_with_data(A, content_type="text/markdown")
    seen: list[tuple[int, int | None]] = []
    got = ensure(reg.resolve("2018"), cache=store, options=opts, progress=lambda e, d, t: seen.append((d, t)))
    assert got.downloaded and got.file.path.read_bytes() == A
    rec = got.file.record
    assert (rec.sha256, rec.size, rec.origin, rec.method) == (sha(A), len(A), URL_2018, "download")
    assert rec.fetched_from == httpserver.url_for(path)
    assert seen[0] == (0, len(A)) and seen[-1] == (len(A), len(A))
    assert files_in(store, reg.resolve("2018")) == ["md.md", "md.md.json"]

    again = ensure(reg.resolve("2018"), cache=store, options=opts)
    assert not again.downloaded and again.file.path == got.file.path
    assert requests_to(httpserver, path) == 1


def test_the_registry_address_is_used_when_there_is_no_mirror(httpserver, tmp_path, store):
    url = httpserver.url_for("/files/a.md")
    reg = registry.load(wt_registry(tmp_path / "r", url2018=url))
    httpserver.expect_request("/files/a.md").respond_with_data(A)
    got = ensure(reg.resolve("2018"), cache=store, options=FetchOptions(timeout=0.5, retries=0))
    assert got.file.record.origin == url and got.file.path.read_bytes() == A


def test_a_redirect_is_followed(httpserver, reg, store, opts):
    httpserver.expect_request(mirror_path(URL_2018)).respond_with_data(
        "", status=301, headers={"Location": httpserver.url_for("/moved/a.md")})
    httpserver.expect_request("/moved/a.md").respond_with_data(A)
    got = ensure(reg.resolve("2018"), cache=store, options=opts)
    assert got.file.path.read_bytes() == A
    assert got.file.record.fetched_from == httpserver.url_for("/moved/a.md")
    assert got.file.record.origin == URL_2018


def test_a_server_error_is_retried(httpserver, reg, store, opts):
    path = mirror_path(URL_2018)
    httpserver.expect_ordered_request(path).respond_with_data("busy", status=503)
    httpserver.expect_ordered_request(path).respond_with_data(A)
    assert ensure(reg.resolve("2018"), cache=store, options=opts).downloaded
    assert requests_to(httpserver, path) == 2


def test_an_archive_copy_is_tried_after_the_official_address(httpserver, tmp_path, store, opts):
    archive = "https://webarchive.nationalarchives.gov.uk/2020/https://assets.publishing.service.gov.uk/x/a.md"
    root = write_registry(tmp_path / "r", {"working-together": (family(), [
        edition("2018", files=[file_entry(url=URL_2018, archive_urls=(archive,))])])})
    httpserver.expect_request(mirror_path(URL_2018)).respond_with_data("gone", status=404)
    httpserver.expect_request(mirror_path(archive)).respond_with_data(A)
    got = ensure(registry.load(root).resolve("2018"), cache=store, options=opts)
    assert got.file.record.origin == archive


# -- failures: a clear message, and the cache as it was ------------------------------------------

def test_404_fails_at_once_and_names_import(httpserver, reg, store, opts):
    path = mirror_path(URL_2018)
    httpserver.expect_request(path).respond_with_data("no", status=404)
    with pytest.raises(NetworkError) as info:
        ensure(reg.resolve("2018"), cache=store, options=opts)
    msg = str(info.value)
    assert msg.startswith(f"Could not download the 2018 edition from {httpserver.url_for(path)}: "
                          "the server answered 404 NOT FOUND.")
    assert "wtdiff import 2018 FILE" in msg and "\n" not in msg
    assert info.value.exit_code == 4
    assert requests_to(httpserver, path) == 1  # a 404 is not retried
    assert files_in(store, reg.resolve("2018")) == []


def test_a_slow_server_times_out_and_leaves_nothing(httpserver, reg, store):
    release = threading.Event()

    def slow(request: Request) -> Response:
        release.wait(10)  # silent until the client has given up
        return Response(A)

    path = mirror_path(URL_2018)
    httpserver.expect_request(path).respond_with_handler(slow)
    opts = FetchOptions(mirror=httpserver.url_for("/"), timeout=0.1, retries=1, backoff=0, sleep=lambda s: None)
    try:
        with pytest.raises(NetworkError, match=r"timed out after 0\.1 s\. Check that the mirror .*"
                                               r"`wtdiff import 2018 FILE`"):
            ensure(reg.resolve("2018"), cache=store, options=opts)
    finally:
        release.set()
        _drain(httpserver, path, 2)
    assert requests_to(httpserver, path) == 2  # a timeout is retried
    assert files_in(store, reg.resolve("2018")) == []


def _drain(httpserver, path: str, count: int) -> None:
    """Wait (bounded) until the one-at-a-time server has answered ``count`` requests, so none spills over."""
    deadline = time.monotonic() + 10
    while requests_to(httpserver, path) < count and time.monotonic() < deadline:
        time.sleep(0.01)


def _truncated(request: Request) -> Response:
    # the body stops short of the announced length and the server closes the connection
    return Response(iter([A[:1000]]), headers={"Content-Length": str(len(A))})


def test_a_truncated_download_is_retried_then_reported(httpserver, reg, store, opts):
    path = mirror_path(URL_2018)
    httpserver.expect_request(path).respond_with_handler(_truncated)
    with pytest.raises(NetworkError, match="the connection was cut"):
        ensure(reg.resolve("2018"), cache=store, options=opts)
    assert requests_to(httpserver, path) == 2
    assert files_in(store, reg.resolve("2018")) == []


def test_a_truncated_download_that_succeeds_on_retry(httpserver, reg, store, opts):
    path = mirror_path(URL_2018)
    httpserver.expect_ordered_request(path).respond_with_handler(_truncated)
    httpserver.expect_ordered_request(path).respond_with_data(A)
    got = ensure(reg.resolve("2018"), cache=store, options=opts)
    assert got.file.path.read_bytes() == A


def test_a_checksum_mismatch_saves_nothing(httpserver, tmp_path, store, opts):
    reg = registry.load(wt_registry(tmp_path / "r", sha2018="0" * 64))
    httpserver.expect_request(mirror_path(URL_2018)).respond_with_data(A)
    with pytest.raises(ChecksumError) as info:
        ensure(reg.resolve("2018"), cache=store, options=opts)
    assert "not the one the registry describes" in str(info.value) and "nothing was saved" in str(info.value)
    assert info.value.exit_code == 5
    assert files_in(store, reg.resolve("2018")) == []


def test_a_page_that_is_not_a_pdf_is_refused(httpserver, tmp_path, store, opts):
    root = write_registry(tmp_path / "r", {"working-together": (family(), [
        edition("2018", files=[file_entry("pdf", url=URL_2018, fmt="pdf")])])})
    httpserver.expect_request(mirror_path(URL_2018)).respond_with_data("<!DOCTYPE html><p>Sign in",
                                                                       content_type="text/html")
    with pytest.raises(NetworkError, match="not a PDF .*'<!DOCTYPE html><p>Sign.*sign-in page"):
        ensure(registry.load(root).resolve("2018"), cache=store, options=opts)


def test_without_network_it_fails_fast_and_names_import(reg, store):
    with socket.socket() as s:  # a loopback port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    opts = FetchOptions(mirror=f"http://127.0.0.1:{port}/", timeout=5, retries=3, sleep=lambda s: None)
    with pytest.raises(NetworkError) as info:
        ensure(reg.resolve("2018"), cache=store, options=opts)
    assert "cannot connect" in str(info.value) and "wtdiff import 2018 FILE" in str(info.value)


def test_an_edition_without_an_address_asks_for_an_import(tmp_path, store):
    root = write_registry(tmp_path / "r", {"working-together": (family(), [edition("1999")])})
    with pytest.raises(NetworkError, match=r"No download address is known for the 1999 edition .* "
                                           r"run `wtdiff import 1999 FILE`"):
        ensure(registry.load(root).resolve("1999"), cache=store, options=FetchOptions())


def test_two_concurrent_fetches_download_once(httpserver, reg, store, opts):
    path = mirror_path(URL_2018)
    started = threading.Barrier(2)

    def slowish(request: Request) -> Response:
        time.sleep(0.2)  # both fetches have started (barrier): the other one is now at the lock
        return Response(A)

    httpserver.expect_request(path).respond_with_handler(slowish)
    results: list[object] = []

    def run() -> None:
        started.wait(10)
        try:
            results.append(ensure(reg.resolve("2018"), cache=store, options=opts))
        except Exception as exc:  # pragma: no cover - reported by the assertion below
            results.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert all(not isinstance(r, Exception) for r in results), results
    assert sorted(r.downloaded for r in results) == [False, True]  # type: ignore[attr-defined]
    assert requests_to(httpserver, path) == 1
    assert files_in(store, reg.resolve("2018")) == ["md.md", "md.md.json"]


# -- the cache -------------------------------------------------------------------------------------------

def test_a_damaged_cached_copy_is_refused_until_fetched_again(httpserver, reg, store, opts):
    httpserver.expect_request(mirror_path(URL_2018)).respond_with_data(A)
    got = ensure(reg.resolve("2018"), cache=store, options=opts)
    got.file.path.write_bytes(A.replace(b"safeguarding", b"safeguard1ng", 1))
    with pytest.raises(ChecksumError, match=r"has changed since it was saved.*wtdiff fetch --force 2018"):
        ensure(reg.resolve("2018"), cache=store, options=opts)
    again = ensure(reg.resolve("2018"), cache=store, options=opts, force=True)
    assert again.downloaded and again.file.path.read_bytes() == A


def test_a_file_without_its_record_is_not_trusted(httpserver, reg, store, opts):
    e = reg.resolve("2018")
    store.prepare(e)
    (store.folder(e) / "md.md").write_bytes(b"left by a crash before the record was written")
    (store.folder(e) / ".md.abc.part").write_bytes(b"half a file")
    httpserver.expect_request(mirror_path(URL_2018)).respond_with_data(A)
    got = ensure(e, cache=store, options=opts)
    assert got.downloaded and got.file.path.read_bytes() == A
    assert files_in(store, e) == ["md.md", "md.md.json"]  # the stale temporary file was swept


def _fail(*args, **kwargs):
    raise PermissionError(13, "Permission denied")


def _make_read_only(store: Cache, monkeypatch) -> None:
    """Make the cache folder read-only: really when we can, else by failing every write as the OS would."""
    store.root.mkdir(parents=True, exist_ok=True)
    for folder in [store.root, *[p for p in store.root.rglob("*") if p.is_dir()]]:
        folder.chmod(0o555)
    probe = store.root / ".probe"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError:
        return  # really read-only
    for seam in ("_make_dirs", "_make_temp", "_open_lock"):  # running as root: permissions do not bind
        monkeypatch.setattr(cache_mod, seam, _fail)


def test_a_read_only_cache_gives_a_clear_error(reg, store, opts, monkeypatch):
    _make_read_only(store, monkeypatch)
    try:
        with pytest.raises(CacheError) as info:
            ensure(reg.resolve("2018"), cache=store, options=opts)
    finally:
        for p in [store.root, *store.root.rglob("*")]:
            p.chmod(0o755)
    msg = str(info.value)
    assert msg.startswith(f"{store.root}: cannot save the 2018 edition in the cache folder (")
    assert "WTDIFF_CACHE_DIR" in msg and info.value.exit_code == 5


def test_a_read_only_cache_that_has_the_edition_still_works(httpserver, reg, store, opts, monkeypatch):
    httpserver.expect_request(mirror_path(URL_2018)).respond_with_data(A)
    ensure(reg.resolve("2018"), cache=store, options=opts)
    _make_read_only(store, monkeypatch)
    try:
        got = ensure(reg.resolve("2018"), cache=store, options=opts)
    finally:
        for p in [store.root, *store.root.rglob("*")]:
            p.chmod(0o755)
    assert not got.downloaded and got.file.path.read_bytes() == A


def test_an_imported_copy_is_used_first_and_force_goes_back_to_the_official_file(httpserver, reg, store, opts,
                                                                                    tmp_path):
    e = reg.resolve("2018")
    mine = tmp_path / "my copy.md"
    mine.write_bytes(A)
    saved = store.import_file(e, mine)
    assert saved.record.method == "import" and saved.record.sha256 == sha(A)
    assert saved.path.name == "local.md" and store.status(e) == "imported"
    got = ensure(e, cache=store, options=opts)
    assert not got.downloaded and got.file.path == saved.path
    assert httpserver.log == []

    httpserver.expect_request(mirror_path(URL_2018)).respond_with_data(A)
    forced = ensure(e, cache=store, options=opts, force=True)
    assert forced.downloaded and files_in(store, e) == ["md.md", "md.md.json"]
    assert store.status(e) == "yes"


def test_importing_a_missing_or_empty_file_is_refused(reg, store, tmp_path):
    e = reg.resolve("2018")
    with pytest.raises(Exception, match="no such file"):
        store.import_file(e, tmp_path / "nope.pdf")
    (tmp_path / "empty.pdf").write_bytes(b"")
    with pytest.raises(UsageError, match="empty"):
        store.import_file(e, tmp_path / "empty.pdf")


# -- loading through sources, options ------------------------------------------------------------------

def test_sources_load_fetches_on_demand_and_reads_the_cached_copy(httpserver, reg, store, opts):
    httpserver.expect_request(mirror_path(URL_2018)).respond_with_data(A)
    doc = sources.load("wt:2018", registry=reg, cache=store, options=opts)
    assert doc.edition == "working-together:2018" and doc.source == URL_2018 and doc.sha256 == sha(A)
    assert doc.title == sources.load("specimen-a").title
    assert sources.load("2018", registry=reg, cache=store, options=opts).sha256 == sha(A)
    assert requests_to(httpserver, mirror_path(URL_2018)) == 1


def test_paths_and_specimens_still_load_without_the_registry(tmp_path, monkeypatch):
    monkeypatch.setenv("WTDIFF_REGISTRY", str(tmp_path / "no-registry-here"))
    (tmp_path / "x.md").write_bytes(A)
    assert sources.load(tmp_path / "x.md").sha256 == sha(A)
    assert sources.load("specimen-a").edition == "specimen-a"
    with pytest.raises(Exception, match="nope.md: no such file"):
        sources.load("nope.md")


def test_mirror_addresses_keep_the_host_and_path():
    url = "https://assets.publishing.service.gov.uk/media/abc/WT_2023.pdf"
    assert mirrored(url, "http://127.0.0.1:8000/m/") == (
        "http://127.0.0.1:8000/m/assets.publishing.service.gov.uk/media/abc/WT_2023.pdf")
    assert mirrored(url, "http://mirror") == "http://mirror/assets.publishing.service.gov.uk/media/abc/WT_2023.pdf"
    assert mirrored(url, None) == url


def test_options_come_from_the_environment_and_are_checked(monkeypatch):
    monkeypatch.setenv("WTDIFF_MIRROR", "http://127.0.0.1:8123/")
    monkeypatch.setenv("WTDIFF_TIMEOUT", "2.5")
    o = FetchOptions.from_env()
    assert (o.mirror, o.timeout, o.connect_timeout) == ("http://127.0.0.1:8123/", 2.5, 2.5)
    assert FetchOptions.from_env(mirror="http://127.0.0.1:1/", timeout=1).mirror == "http://127.0.0.1:1/"
    with pytest.raises(UsageError, match="--mirror"):
        FetchOptions(mirror="ftp://x")
    with pytest.raises(UsageError):
        FetchOptions(timeout=0)
    monkeypatch.setenv("WTDIFF_TIMEOUT", "soon")
    with pytest.raises(UsageError, match="WTDIFF_TIMEOUT"):
        FetchOptions.from_env()


def test_the_cache_folder_defaults_to_the_user_cache_dir(monkeypatch):
    monkeypatch.delenv("WTDIFF_CACHE_DIR")
    from platformdirs import user_cache_dir

    assert Cache().root == Path(user_cache_dir("wtdiff", appauthor=False))
    monkeypatch.setenv("WTDIFF_CACHE_DIR", os.path.join("~", "wt-cache"))
    assert Cache().root == Path("~/wt-cache").expanduser()
