# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Build the held-out corpus of real saved pages, outside the repository, to serve offline.

    python bench/make_corpus.py SOURCE_DIR OUT_DIR

``SOURCE_DIR`` is the ``test/test-pages`` folder of Mozilla's Readability
(https://github.com/mozilla/readability, Apache License 2.0): real news, blog and forum
pages saved by its maintainers as ``<name>/source.html``. Their pictures, stylesheets and
scripts were not saved with them. So that a page served from 127.0.0.1 behaves as it would
on a locked-down school PC (nothing reachable but the page's own server) and still has its
pictures, each page is copied to ``OUT_DIR/<name>/index.html`` with:

- every picture address (``img``/``source`` ``src``, ``srcset``, ``data-src`` and the other
  lazy-loading attributes, ``poster``, ``url(...)`` in styles) pointing at a generated
  stand-in picture under ``OUT_DIR/<name>/_saved/``, of the size the markup gives (else
  400x300) and the format its address names (JPEG otherwise); all the addresses of one
  ``img`` (its ``src`` and every ``srcset`` candidate) share one stand-in;
- stylesheets and scripts that were loaded from an address served as empty files (their
  content was never saved), frames as a one-line local page; inline scripts and styles are
  kept as they were (their requests to other hosts fail, as they would offline);
- ``<base>`` and ``<meta http-equiv=refresh>`` removed (they would send the browser away).

``OUT_DIR/manifest.json`` lists, per page, the ``img`` stand-ins (the bench counts the ones
a capture never asked for as pictures missing). Never commit ``OUT_DIR``: it is third-party
content; the bench takes it as an argument.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import re
import sys
from pathlib import Path

from PIL import Image

PAGES = [
    "aclu", "aktualne", "bbc-1", "blogger", "breitbart", "buzzfeed-1", "citylab-1", "cnet", "cnn",
    "dropbox-blog", "engadget", "folha", "guardian-1", "heise", "lemonde-1", "liberation-1",
    "lifehacker-post-comment-load", "medium-1", "nytimes-1", "nytimes-5", "pixnet", "royal-road",
    "salon-1", "seattletimes-1", "spiceworks", "telegraph", "theverge", "tmz-1", "wapo-1",
    "wikipedia", "wordpress", "yahoo-2",
]

TAG_RE = re.compile(r"<(img|source|script|iframe|video|link|input|embed|audio|picture)\b[^>]*>", re.I | re.S)
ATTR_RE = re.compile(r"""(\s)([\w:-]+)(\s*=\s*)("[^"]*"|'[^']*'|[^\s"'>]+)""", re.S)
CSS_URL_RE = re.compile(r"""url\(\s*(['"]?)(?!data:)([^'")]+)\1\s*\)""", re.I)
PICTURE_ATTRS = {"src", "data-src", "data-original", "data-lazy-src", "data-lazy", "data-url",
                 "data-hi-res-src", "data-full-src", "poster", "data-srcset", "srcset"}
IMAGE_EXT = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".gif": "GIF", ".webp": "WEBP"}


def _loaded_url(value: str) -> bool:
    value = value.strip()
    return bool(value) and not value.lower().startswith(("data:", "javascript:", "#", "about:", "blob:"))


def _size(attrs: dict) -> tuple[int, int]:
    def number(name: str, default: int) -> int:
        m = re.match(r"\s*(\d+)", attrs.get(name, ""))
        return max(16, min(1600, int(m.group(1)))) if m else default
    return number("width", 400), number("height", 300)


class PageBuilder:
    def __init__(self, name: str, out: Path) -> None:
        self.name, self.out = name, out
        self.saved = out / name / "_saved"
        self.saved.mkdir(parents=True, exist_ok=True)
        self.pictures: list[str] = []

    def _path(self, url: str, ext: str) -> str:
        digest = hashlib.sha1(f"{self.name} {url}".encode()).hexdigest()[:16]
        return f"/{self.name}/_saved/{digest}{ext}"

    def picture(self, url: str, size: tuple[int, int]) -> str:
        ext = Path(re.sub(r"[?#].*", "", url)).suffix.lower()
        ext = ext if ext in IMAGE_EXT or ext == ".svg" else ".jpg"
        local = self._path(url, ext)
        target = self.out / local.lstrip("/")
        if not target.exists():
            if ext == ".svg":
                w, h = size
                target.write_text(f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}">'
                                  f'<rect width="{w}" height="{h}" fill="#{local[-10:-4]}"/></svg>')
            else:
                seed = int(hashlib.sha1(local.encode()).hexdigest()[:8], 16)
                colour = (seed % 200 + 30, (seed >> 8) % 200 + 30, (seed >> 16) % 200 + 30)
                image = Image.new("RGB", size, colour)
                buf = io.BytesIO()
                image.save(buf, IMAGE_EXT[ext], **({"quality": 80} if IMAGE_EXT[ext] == "JPEG" else {}))
                target.write_bytes(buf.getvalue())
        return local

    def empty(self, url: str, ext: str, body: bytes = b"") -> str:
        local = self._path(url, ext)
        (self.out / local.lstrip("/")).write_bytes(body)
        return local

    def rewrite_tag(self, match: re.Match) -> str:
        tag = match.group(0)
        name = match.group(1).lower()
        attrs = {m.group(2).lower(): html.unescape(m.group(4).strip("\"'")) for m in ATTR_RE.finditer(tag)}
        shared: list[str] = []  # one stand-in for every address of this img

        def standin(url: str) -> str:
            if name == "img":
                if not shared:
                    shared.append(self.picture(url, _size(attrs)))
                    self.pictures.append(shared[0])
                return shared[0]
            return self.picture(url, _size(attrs))

        def replace(m: re.Match) -> str:
            attr, raw = m.group(2).lower(), html.unescape(m.group(4).strip("\"'"))
            if name in ("img", "source", "video", "input", "embed") and attr in PICTURE_ATTRS:
                if attr.endswith("srcset"):
                    parts = []
                    for candidate in raw.split(","):
                        bits = candidate.strip().split()
                        if bits and _loaded_url(bits[0]):
                            bits[0] = standin(bits[0])
                        parts.append(" ".join(bits))
                    new = ", ".join(p for p in parts if p)
                elif _loaded_url(raw):
                    new = standin(raw)
                else:
                    return m.group(0)
            elif name == "script" and attr == "src" and _loaded_url(raw):
                new = self.empty(raw, ".js")
            elif name == "link" and attr == "href" and _loaded_url(raw):
                rel = attrs.get("rel", "").lower()
                if "stylesheet" in rel:
                    new = self.empty(raw, ".css")
                elif "icon" in rel:
                    new = self.picture(raw, (32, 32))
                else:
                    return m.group(1) + "data-saved-href" + m.group(3) + m.group(4)  # preconnect, preload...
            elif name in ("iframe", "embed") and attr == "src" and _loaded_url(raw):
                new = self.empty(raw, ".html", b"<!doctype html><p>embedded frame (not saved)</p>")
            elif attr == "style":
                new = CSS_URL_RE.sub(lambda u: f"url({self.picture(u.group(2), (400, 300))})", raw)
            else:
                return m.group(0)
            return f'{m.group(1)}{m.group(2)}{m.group(3)}"{html.escape(new, quote=True)}"'

        return ATTR_RE.sub(replace, tag)

    def build(self, source: str) -> str:
        text = re.sub(r"<base\b[^>]*>", "", source, flags=re.I)
        text = re.sub(r"<meta[^>]+http-equiv\s*=\s*[\"']?refresh[^>]*>", "", text, flags=re.I)
        text = TAG_RE.sub(self.rewrite_tag, text)
        text = re.sub(r"(<style\b[^>]*>)(.*?)(</style>)",
                      lambda m: m.group(1) + CSS_URL_RE.sub(
                          lambda u: f"url({self.picture(u.group(2), (400, 300))})", m.group(2)) + m.group(3),
                      text, flags=re.I | re.S)
        return text


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__.splitlines()[2].strip(), file=sys.stderr)
        return 2
    source, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    manifest = {"source": "https://github.com/mozilla/readability test/test-pages (Apache License 2.0)",
                "pages": {}}
    for name in PAGES:
        page_source = source / name / "source.html"
        if not page_source.exists():
            print(f"skipped {name}: no {page_source}", file=sys.stderr)
            continue
        builder = PageBuilder(name, out)
        text = builder.build(page_source.read_text(encoding="utf-8", errors="replace"))
        (out / name / "index.html").write_text(text, encoding="utf-8")
        manifest["pages"][name] = {"path": f"/{name}/index.html", "pictures": sorted(set(builder.pictures))}
        print(f"{name}: {len(set(builder.pictures))} pictures")
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
