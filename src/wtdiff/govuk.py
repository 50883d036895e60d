"""Watching GOV.UK for documents the registry does not know: ``wtdiff check``.

The GOV.UK Content API serves every page as JSON at ``/api/content`` + the
page's path. For a publication page, ``details.attachments`` lists its
documents (``url``, ``title``, ``content_type``, ``filename``,
``number_of_pages``…) and ``details.change_history`` its dated change notes.
A document whose address is neither a file, a web-archive copy nor a related
document of some edition of the family is reported as new: a new edition, or
a corrected re-issue (GOV.UK gives a re-uploaded file a new address).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from .errors import NetworkError, UsageError
from .fetch import FetchOptions, get_json, mirrored
from .registry import Family, Registry

__all__ = ["Attachment", "CheckReport", "check", "known_urls"]

_GOVUK = "https://www.gov.uk/"


@dataclass(frozen=True, slots=True)
class Attachment:
    """One document listed on the publication page."""

    title: str
    url: str
    content_type: str | None = None
    filename: str | None = None
    pages: int | None = None
    kind: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "url": self.url, "content_type": self.content_type,
                "filename": self.filename, "pages": self.pages, "attachment_type": self.kind}


@dataclass(frozen=True, slots=True)
class CheckReport:
    """What the publication page lists, and which of its documents the registry lacks."""

    family: str
    page_url: str
    api_url: str
    #: the address actually asked (the mirror's, when one is set)
    fetched_from: str
    title: str | None
    public_updated_at: str | None
    latest_note: str | None
    latest_note_at: str | None
    documents: tuple[Attachment, ...]
    new: tuple[Attachment, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "family": self.family, "page_url": self.page_url, "api_url": self.api_url,
            "fetched_from": self.fetched_from, "title": self.title,
            "public_updated_at": self.public_updated_at,
            "latest_change": {"note": self.latest_note, "public_timestamp": self.latest_note_at},
            "documents": [d.to_dict() for d in self.documents],
            "new": [d.to_dict() for d in self.new],
        }

    def to_lines(self) -> list[str]:
        """The report as ``wtdiff check`` prints it: the page and its count of documents, the
        latest change noted, and a line per document not in the registry."""
        updated = f" (last updated {self.public_updated_at})" if self.public_updated_at else ""
        count = f"{len(self.documents)} document(s)"
        state = f"{len(self.new)} not in the registry" if self.new else "all in the registry"
        lines = [f"{self.page_url}{updated}: {count}, {state}."]
        if self.latest_note:
            lines.append(f"Latest change ({self.latest_note_at or 'undated'}): {self.latest_note}")
        for d in self.new:
            facts = ", ".join(x for x in (d.content_type or d.kind or "", f"{d.pages} pages" if d.pages else "")
                              if x)
            lines.append(f"new: {d.title} <{d.url}>" + (f" ({facts})" if facts else ""))
        return lines


def known_urls(registry: Registry, family: Family) -> set[str]:
    """Every address the registry records for the family, normalised for comparison."""
    urls: set[str] = set()
    for e in registry.in_family(family.id):
        urls.update(u for f in e.files for u in f.urls)
        urls.update(r.url for r in e.related)
        urls.update(e.archived_pages)
        if e.page_url:
            urls.add(e.page_url)
    return {_norm(u) for u in urls}


def check(registry: Registry, family: Family | None = None, *, options: FetchOptions | None = None) -> CheckReport:
    """Ask the Content API for the family's publication page and compare its documents with the registry."""
    family = family or registry.default_family
    options = options or FetchOptions.from_env()
    api = family.content_api_url
    if not family.page_url or api is None:
        raise UsageError(f"No GOV.UK publication page is recorded for {family.id}, so it cannot be checked.",
                         hint=f"Add page_url to versions/{family.id}/family.toml.")
    data = get_json(api, options=options, what="the GOV.UK Content API page")
    if not isinstance(data, dict) or not isinstance(data.get("details"), dict):
        raise NetworkError(f"{mirrored(api, options.mirror)}: the answer is not a GOV.UK content item "
                           "(no 'details').", hint="Check the address, or the mirror's copy of it.")
    details: dict[str, Any] = data["details"]
    documents = tuple(_attachments(details))
    known = known_urls(registry, family)
    new = tuple(d for d in documents if _norm(d.url) not in known)
    notes = [n for n in details.get("change_history") or [] if isinstance(n, dict)]
    latest = max(notes, key=lambda n: str(n.get("public_timestamp", "")), default={})
    return CheckReport(
        family=family.id, page_url=family.page_url, api_url=api, fetched_from=mirrored(api, options.mirror),
        title=_str(data.get("title")), public_updated_at=_str(data.get("public_updated_at")),
        latest_note=_str(latest.get("note")), latest_note_at=_str(latest.get("public_timestamp")),
        documents=documents, new=new,
    )


def _attachments(details: dict[str, Any]) -> list[Attachment]:
    found: list[Attachment] = []
    for item in details.get("attachments") or []:
        if not isinstance(item, dict) or not isinstance(item.get("url"), str):
            continue
        pages = item.get("number_of_pages")
        found.append(Attachment(
            title=_str(item.get("title")) or item["url"], url=urljoin(_GOVUK, item["url"]),
            content_type=_str(item.get("content_type")), filename=_str(item.get("filename")),
            pages=pages if isinstance(pages, int) and not isinstance(pages, bool) else None,
            kind=_str(item.get("attachment_type"))))
    if not found:  # older items: only the pre-rendered HTML of each document
        for html in details.get("documents") or []:
            if isinstance(html, str):
                for href in re.findall(r'href="([^"#]+)"', html):
                    url = urljoin(_GOVUK, href)
                    if url not in {a.url for a in found}:
                        found.append(Attachment(title=url.rsplit("/", 1)[-1], url=url))
    return found


def _norm(url: str) -> str:
    """Scheme, query and fragment dropped, host lower-cased, no trailing slash."""
    parts = urlsplit(url)
    return f"{parts.netloc.lower()}{parts.path.rstrip('/')}"


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None
