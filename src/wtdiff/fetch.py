"""Downloading official editions into the cache: timeouts, retries, mirrors, checksums.

:func:`ensure` is the one entry point: it returns the cached copy of an
edition, downloading it first when there is none. A download

* tries each of the edition's files in the registry's order, and for each its
  official address then its web-archive copies — or, with a mirror, only the
  mirror's copy (``MIRROR/<host>/<path>``, the layout ``wget -x`` saves);
* retries what may pass (timeouts, cut connections, 5xx and 429 answers) with
  exponential backoff, and gives up at once on what will not (no route to the
  host, 404), so an offline machine fails within seconds;
* streams into a hidden temporary file, checks the length, that a PDF is a
  PDF, and the registry's SHA-256 when known, then renames the file into place
  under the edition's lock (see :mod:`wtdiff.cache`).

Errors say which edition, which address and what to do — always including
``wtdiff import``, the way round a network that cannot reach GOV.UK. The
library reports progress through an optional callback and never prints.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx

from . import __version__
from .cache import Cache, CachedFile, Record, utc_now
from .errors import ChecksumError, NetworkError, UsageError, WtdiffError
from .registry import Edition, FileEntry

__all__ = ["FetchOptions", "FetchResult", "Progress", "ensure", "mirrored", "get_json"]

log = logging.getLogger(__name__)

#: called with the edition, the bytes received so far and the total (None when not announced)
Progress = Callable[[Edition, int, "int | None"], None]

_CHUNK = 1 << 16
_RETRY_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
_MAGIC = {"pdf": (b"%PDF-", "a PDF"), "docx": (b"PK\x03\x04", "a Word file")}


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchOptions:
    """How to reach the files: mirror, timeouts (seconds), retries.

    :meth:`from_env` fills what is not given from ``WTDIFF_MIRROR`` and
    ``WTDIFF_TIMEOUT``.
    """

    mirror: str | None = None
    #: seconds without a byte before a request is given up (and retried)
    timeout: float = 30.0
    #: seconds to open a connection (not retried: a host that cannot be reached fails fast)
    connect_timeout: float = 10.0
    #: further attempts after a failure that may pass
    retries: int = 2
    #: seconds before the first retry, doubled for each next one
    backoff: float = 1.0
    #: seconds to wait for another process that is saving the same edition
    lock_timeout: float = 600.0
    #: the sleep used between retries (tests replace it)
    sleep: Callable[[float], None] = field(default=time.sleep, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.mirror is not None:
            parts = urlsplit(self.mirror)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise UsageError(f"--mirror {self.mirror}: expected an http:// or https:// address.",
                                 hint="For example --mirror https://intranet.example/wtdiff-mirror/.")
        for name in ("timeout", "connect_timeout", "lock_timeout"):
            if not getattr(self, name) > 0:
                raise UsageError(f"{name.replace('_', ' ')} must be more than 0 seconds.")
        if self.retries < 0 or self.backoff < 0:
            raise UsageError("retries and backoff cannot be negative.")

    @classmethod
    def from_env(cls, *, mirror: str | None = None, timeout: float | None = None, **kwargs: Any) -> FetchOptions:
        """Options from the arguments, else ``WTDIFF_MIRROR`` / ``WTDIFF_TIMEOUT``, else the defaults."""
        mirror = mirror or os.environ.get("WTDIFF_MIRROR") or None
        if timeout is None and os.environ.get("WTDIFF_TIMEOUT"):
            try:
                timeout = float(os.environ["WTDIFF_TIMEOUT"])
            except ValueError:
                raise UsageError(f"WTDIFF_TIMEOUT={os.environ['WTDIFF_TIMEOUT']!r}: expected seconds, "
                                 "such as 30.") from None
        if timeout is not None:
            kwargs["timeout"] = timeout
            kwargs.setdefault("connect_timeout", min(timeout, 10.0))
        return cls(mirror=mirror, **kwargs)


@dataclass(frozen=True, slots=True)
class FetchResult:
    """What :func:`ensure` did: the copy to use, and whether it was just downloaded."""

    file: CachedFile
    downloaded: bool


def mirrored(url: str, mirror: str | None) -> str:
    """The address of ``url`` on ``mirror``: ``MIRROR/<host>/<path>``; ``url`` itself without one."""
    if not mirror:
        return url
    parts = urlsplit(url)
    path = parts.path.lstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{mirror.rstrip('/')}/{parts.netloc}/{path}{query}"


def ensure(edition: Edition, *, cache: Cache | None = None, options: FetchOptions | None = None,
           progress: Progress | None = None, force: bool = False) -> FetchResult:
    """The cached copy of ``edition``, downloaded first if there is none (or if ``force``).

    ``force`` downloads again and forgets every other copy, an imported one
    included. Raises :class:`~wtdiff.errors.NetworkError` when no address
    gives the file, :class:`~wtdiff.errors.ChecksumError` when a file is not
    the expected one, :class:`~wtdiff.errors.CacheError` when the cache cannot
    be written; the cache is left as it was in every case.
    """
    cache = cache or Cache()
    options = options or FetchOptions.from_env()
    if not force:
        found = cache.find(edition)
        if found is not None:
            return FetchResult(found, downloaded=False)
    files = edition.downloadable
    if not files:
        raise NetworkError(
            f"No download address is known for the {edition.ref} edition ({edition.title}).",
            hint=f"If you have a copy, run `wtdiff import {edition.ref} FILE`.")
    with cache.lock(edition, timeout=options.lock_timeout):
        if not force:
            found = cache.find(edition)  # another process may have saved it while we waited
            if found is not None:
                return FetchResult(found, downloaded=False)
        errors: list[WtdiffError] = []
        with _client(options) as client:
            for entry in files:
                for url in entry.urls:
                    try:
                        saved = _download(client, edition, entry, url, cache=cache, options=options,
                                          progress=progress, force=force)
                        return FetchResult(saved, downloaded=True)
                    except (NetworkError, ChecksumError) as exc:
                        log.info("%s", exc)
                        errors.append(exc)
        first = errors[0]
        if len(errors) == 1:
            raise first
        others = f" ({len(errors) - 1} other address(es) failed too.)"
        raise type(first)(first.message + others, hint=first.hint) from first


def get_json(url: str, *, options: FetchOptions, what: str) -> Any:
    """GET ``url`` (through the mirror) as JSON, with the same timeouts and retries as downloads."""
    address = mirrored(url, options.mirror)
    hint = _hint(options, None)
    with _client(options) as client:
        for attempt in range(options.retries + 1):
            try:
                response = client.get(address, headers={"Accept": "application/json"})
                if response.status_code in _RETRY_STATUS and attempt < options.retries:
                    raise _Retry(_status(response))
                if response.status_code != 200:
                    raise NetworkError(f"Could not read {what} from {address}: {_status(response)}.", hint=hint)
                try:
                    return response.json()
                except ValueError:
                    raise NetworkError(f"{address} did not answer with JSON, so it is not {what}.",
                                       hint=hint) from None
            except _Retry:
                pass
            except httpx.HTTPError as exc:
                reason, retry = _describe(exc, options)
                if not retry or attempt >= options.retries:
                    raise NetworkError(f"Could not read {what} from {address}: {reason}.", hint=hint) from exc
            options.sleep(options.backoff * 2 ** attempt)
    raise AssertionError("unreachable")  # pragma: no cover


# -- one address -------------------------------------------------------------------------------------

class _Retry(Exception):
    """A failure that may pass: try the same address again after a pause."""


def _client(options: FetchOptions) -> httpx.Client:
    timeout = httpx.Timeout(options.timeout, connect=options.connect_timeout)
    return httpx.Client(timeout=timeout, follow_redirects=True, max_redirects=10,
                        headers={"User-Agent": f"wtdiff/{__version__}"})


def _download(client: httpx.Client, edition: Edition, entry: FileEntry, url: str, *, cache: Cache,
              options: FetchOptions, progress: Progress | None, force: bool) -> CachedFile:
    address = mirrored(url, options.mirror)
    fail = f"Could not download the {edition.ref} edition from {address}"
    hint = _hint(options, edition)
    for attempt in range(options.retries + 1):
        try:
            return _attempt(client, edition, entry, url, address, cache=cache, options=options,
                            progress=progress, force=force, fail=fail, hint=hint)
        except _Retry as exc:
            if attempt >= options.retries:
                raise NetworkError(f"{fail}: {exc}.", hint=hint) from None
            log.info("%s: %s; trying again", address, exc)
        except httpx.HTTPError as exc:
            reason, retry = _describe(exc, options)
            if not retry or attempt >= options.retries:
                raise NetworkError(f"{fail}: {reason}.", hint=hint) from exc
            log.info("%s: %s; trying again", address, reason)
        options.sleep(options.backoff * 2 ** attempt)
    raise AssertionError("unreachable")  # pragma: no cover


def _attempt(client: httpx.Client, edition: Edition, entry: FileEntry, url: str, address: str, *,
             cache: Cache, options: FetchOptions, progress: Progress | None, force: bool,
             fail: str, hint: str) -> CachedFile:
    with client.stream("GET", address) as response:
        if response.status_code in _RETRY_STATUS:
            raise _Retry(_status(response))
        if response.status_code != 200:
            raise NetworkError(f"{fail}: {_status(response)}.", hint=hint)
        total = _length(response)
        with cache.temporary(edition, entry.id) as (out, tmp):
            digest = hashlib.sha256()
            done = 0
            head = b""
            if progress:
                progress(edition, 0, total)
            for chunk in response.iter_bytes(_CHUNK):
                out.write(chunk)
                digest.update(chunk)
                if len(head) < 1024:
                    head += chunk[:1024]
                done += len(chunk)
                if progress:  # in bytes as sent, like the announced total (which a gzip body would not match)
                    progress(edition, response.num_bytes_downloaded, total)
            if total is not None and response.num_bytes_downloaded < total:
                raise _Retry(f"the connection was cut after {response.num_bytes_downloaded} of {total} bytes")
            out.flush()
            os.fsync(out.fileno())
            out.close()
            _check_kind(entry, head, fail, hint)
            sha = digest.hexdigest()
            if entry.sha256 and sha != entry.sha256:
                raise ChecksumError(
                    f"The file downloaded from {address} for the {edition.ref} edition is not the one "
                    f"the registry describes (SHA-256 {sha[:12]}…, expected {entry.sha256[:12]}…); "
                    "nothing was saved.",
                    hint="It may have been re-issued or altered on the way: run `wtdiff check`, "
                         f"or run `wtdiff import {edition.ref} FILE` with a copy you trust.")
            record = Record(edition=edition.qualified_id, file=entry.id, format=entry.format, sha256=sha,
                            size=done, origin=url, fetched_from=str(response.url), method="download",
                            saved=utc_now())
            return cache.commit(edition, entry.id, entry.extension, tmp, record, replace_all=force)


def _length(response: httpx.Response) -> int | None:
    """The announced size of the body as sent (before any content decoding)."""
    value = response.headers.get("Content-Length")
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _check_kind(entry: FileEntry, head: bytes, fail: str, hint: str) -> None:
    magic = _MAGIC.get(entry.format)
    if magic is None or magic[0] in head[:1024]:
        return
    start = head[:24].decode("latin-1", "replace").strip() or "nothing"
    raise NetworkError(f"{fail}: the server sent something that is not {magic[1]} (it begins {start!r}); "
                       "a proxy or sign-in page may have answered instead.", hint=hint)


def _status(response: httpx.Response) -> str:
    return f"the server answered {response.status_code} {response.reason_phrase}".rstrip()


def _describe(exc: httpx.HTTPError, options: FetchOptions) -> tuple[str, bool]:
    """A reason for the message, and whether trying the same address again may help."""
    if isinstance(exc, httpx.ConnectTimeout):
        return f"no connection within {options.connect_timeout:g} s", False
    if isinstance(exc, httpx.ConnectError):
        return f"cannot connect ({_root_cause(exc)})", False
    if isinstance(exc, httpx.TimeoutException):
        return f"timed out after {options.timeout:g} s", True
    if isinstance(exc, (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError)):
        return f"the connection was cut ({_root_cause(exc)})", True
    if isinstance(exc, httpx.TooManyRedirects):
        return "too many redirects", False
    return f"{type(exc).__name__}: {_root_cause(exc)}", False


def _root_cause(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:160] if text else type(exc).__name__


def _hint(options: FetchOptions, edition: Edition | None) -> str:
    if options.mirror:
        where = f"Check that the mirror {options.mirror} has the file"
        return f"{where}." if edition is None else f"{where}, or run `wtdiff import {edition.ref} FILE`."
    if edition is None:
        return "Check your connection, or set --mirror."
    return f"Check your connection, set --mirror, or run `wtdiff import {edition.ref} FILE`."

