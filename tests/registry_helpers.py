"""Small registries written on the fly, and the loopback addresses the tests serve them from."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from wtdiff.sources import specimen_path

GOVUK_PAGE = "https://www.gov.uk/government/publications/working-together-to-safeguard-children--2"
API_PATH = "/www.gov.uk/api/content/government/publications/working-together-to-safeguard-children--2"
#: official-looking addresses of the test editions; with a mirror they are served from the loopback server
URL_2018 = "https://assets.publishing.service.gov.uk/media/test2018/wt-2018.md"
URL_2023 = "https://assets.publishing.service.gov.uk/media/test2023/wt-2023.md"


def specimen(name: str) -> bytes:
    return specimen_path(name).read_bytes()


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)  # a JSON string is a valid TOML basic string
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    raise TypeError(v)


def toml(table: dict[str, Any]) -> str:
    """TOML for a flat table whose list-of-dict values become arrays of tables."""
    lines = [f"{k} = {_value(v)}" for k, v in table.items()
             if not (isinstance(v, list) and v and isinstance(v[0], dict))]
    for k, v in table.items():
        if isinstance(v, list) and v and isinstance(v[0], dict):
            for item in v:
                lines += ["", f"[[{k}]]"] + [f"{ik} = {_value(iv)}" for ik, iv in item.items()]
    return "\n".join(lines) + "\n"


def file_entry(id: str = "md", *, url: str = "", fmt: str = "markdown", sha256: str = "",
               archive_urls: tuple[str, ...] = (), **over: Any) -> dict[str, Any]:
    entry = {"id": id, "format": fmt, "title": "", "url": url, "archive_urls": list(archive_urls),
             "issued": "", "sha256": sha256, "pages": "", "note": ""}
    entry.update(over)
    return entry


def edition(id: str, *, files: list[dict[str, Any]] | None = None, **over: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": id, "aliases": [], "kind": "edition", "title": f"Test edition {id}", "subtitle": "",
        "publisher": "", "published": "", "replaces": "", "page_url": "", "archived_pages": [],
        "reference": "", "isbn": "", "pages": "", "licence": "OGL-3.0", "attribution": "",
        "notes": "", "sources": ["the test suite"], "files": files or [],
    }
    data.update(over)
    return data


def family(id: str = "working-together", **over: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"id": id, "aliases": ["wt"] if id == "working-together" else [],
                            "title": f"Family {id}", "default": id == "working-together",
                            "description": "", "page_url": GOVUK_PAGE if id == "working-together" else "",
                            "sources": ["the test suite"]}
    data.update(over)
    return data


def write_registry(root: Path, families: dict[str, tuple[dict[str, Any], list[dict[str, Any]]]]) -> Path:
    """Write ``{family_id: (family table, [edition tables])}`` as a registry folder."""
    for fam_id, (fam, editions) in families.items():
        folder = root / fam_id
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "family.toml").write_text(toml(fam), "utf-8")
        for ed in editions:
            (folder / f"{ed['id']}.toml").write_text(toml(ed), "utf-8")
    return root


def wt_registry(root: Path, *, sha2018: str | None = None, url2018: str = URL_2018,
                url2023: str = URL_2023, extra: list[dict[str, Any]] | None = None) -> Path:
    """Editions 2018 and 2023 of Working Together, whose files are the specimen editions (Markdown)."""
    a, b = specimen("specimen-a"), specimen("specimen-b")
    eds = [
        edition("2018", files=[file_entry("md", url=url2018, sha256=sha(a) if sha2018 is None else sha2018)],
                published="2018-07-04", page_url=GOVUK_PAGE),
        edition("2023", files=[file_entry("md", url=url2023, sha256=sha(b))], published="2023-12-15",
                replaces="2018", aliases=["wt23"], page_url=GOVUK_PAGE),
        *(extra or []),
    ]
    kcsie = [edition("2024", files=[file_entry("md", url="https://assets.publishing.service.gov.uk/media/k24/k.md",
                                               sha256=sha(a))], published="2024-09-02"),
             edition("2025", files=[file_entry("md", url="https://assets.publishing.service.gov.uk/media/k25/k.md",
                                               sha256=sha(b))], published="2025-09", replaces="2024")]
    return write_registry(root, {"working-together": (family(), eds),
                                 "kcsie": (family("kcsie"), kcsie)})


def mirror_path(url: str) -> str:
    """The path at which a mirror serves ``url``: /<host>/<path>."""
    return "/" + url.split("://", 1)[1]
