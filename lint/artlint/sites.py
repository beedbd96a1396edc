"""Which site an article belongs to: learned site templates (``sitetemplates``, BP040) are kept
per site. Apart from that module, which a check imports only when it has templates to read."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import urlsplit


def site_of(record: Mapping[str, Any] | None = None, path: PurePath | None = None) -> str:
    """The site an article belongs to: a record's ``site``, else the host of its ``url``,
    else the name of the folder holding the file ('' when none is known)."""
    if record is not None:
        site = record.get("site")
        if isinstance(site, str) and site.strip():
            return site.strip().casefold()
        url = record.get("url")
        if isinstance(url, str) and url:
            try:
                host = urlsplit(url if "//" in url else "//" + url).hostname
            except ValueError:  # not a URL (an unclosed IPv6 bracket, say)
                host = None
            if host:
                return host.casefold()
    if path is not None:
        return Path(path).absolute().parent.name.casefold()
    return ""
