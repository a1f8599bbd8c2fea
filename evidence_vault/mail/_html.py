# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""An email's HTML body as plain text, without loading anything it points to.

Why not a browser: an HTML email often carries remote pictures (tracking pixels among them)
whose mere loading tells the sender the email was opened, and when, from where. Evidence
Vault must never do that, so the HTML is only ever *parsed* here, with the standard
library's tokenizer: nothing is fetched, no script runs, no style applies. Each picture is
written as a line saying where it would have come from, and every outside address the HTML
would load is listed, so a reader can see what the sender could have learned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_BLOCK = frozenset({
    "p", "div", "br", "tr", "li", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "pre", "hr", "section", "article", "header", "footer", "dd", "dt",
})
_SKIP = frozenset({"script", "style", "head", "title", "template", "noscript"})
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)""", re.IGNORECASE)
_LOADS = {"img": ("src", "srcset"), "image": ("href", "xlink:href"), "use": ("href", "xlink:href"), "link": ("href",), "script": ("src",),
          "iframe": ("src",), "frame": ("src",), "embed": ("src",), "object": ("data",),
          "video": ("src", "poster"), "audio": ("src",), "source": ("src", "srcset"),
          "input": ("src",), "body": ("background",), "table": ("background",),
          "td": ("background",)}


def is_remote(address: str) -> bool:
    return address.strip().lower().startswith(("http://", "https://", "//", "ftp://"))


@dataclass
class RenderedHtml:
    text: str
    remote: list[str] = field(default_factory=list)   # outside addresses it would load
    pictures: int = 0


class _TextMaker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.remote: list[str] = []
        self.pictures = 0
        self._skip = 0
        self._href: list[str | None] = []

    def _note_remote(self, value: str | None) -> None:
        if not value:
            return
        for candidate in value.split(","):  # srcset: "a.png 1x, b.png 2x"
            address = candidate.strip().split(" ")[0]
            if is_remote(address) and address not in self.remote:
                self.remote.append(address)

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name in _LOADS.get(tag, ()):
            self._note_remote(values.get(name))
        for url in _CSS_URL.findall(values.get("style") or ""):
            self._note_remote(url)
        if tag in _SKIP:
            self._skip += 1
            return
        if tag in _BLOCK:
            self.out.append("\n")
        if tag == "img":
            self.pictures += 1
            src = (values.get("src") or "").strip()
            alt = (values.get("alt") or "").strip()
            where = ("a picture attached to the email" if src.lower().startswith("cid:") else
                     "a picture inside the email" if src.lower().startswith("data:") else
                     f"{src} (not loaded)" if src else "no address")
            self.out.append(f"[picture{': ' + alt if alt else ''} — {where}]")
        elif tag == "a":
            self._href.append(values.get("href"))

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
            return
        if tag == "a" and self._href:
            href = self._href.pop()
            if href and not href.lower().startswith(("mailto:", "#")):
                self.out.append(f" <{href.strip()}>")
        if tag in _BLOCK:
            self.out.append("\n")

    def handle_data(self, data):
        if self._skip:
            for url in _CSS_URL.findall(data):  # <style> may load fonts and backgrounds
                self._note_remote(url)
            return
        self.out.append(re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> RenderedHtml:
    """The readable text of ``html``, its pictures as lines, and what it would load remotely."""
    maker = _TextMaker()
    maker.feed(html)
    maker.close()
    lines = [" ".join(line.split()) for line in "".join(maker.out).split("\n")]
    text, blank = [], False
    for line in lines:
        if line or not blank:
            text.append(line)
        blank = not line
    return RenderedHtml("\n".join(text).strip(), maker.remote, maker.pictures)
