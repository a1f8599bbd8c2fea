# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Pictures carried inside text: data: URIs, uuencoded files, base64 and hex runs.

Why a real parser *and* views of the whole text: a browser decodes character references
(``data&colon;image/png``, ``&#105;VBOR…``), XML entities declared in the document, and CSS
escapes (``d\\61ta:``) before it reads a URI, and it sniffs a ``data:`` URI's bytes whatever
its label (``application/octet-stream``). So:

* in markup (HTML, SVG, XML, and parts declared text/html, image/svg+xml or text/css) the
  standard library's HTML parser, or expat for XML (which expands the document's own
  entities, never external ones), gives every attribute value and every ``<style>`` text
  decoded as the browser sees them; each ``data:`` URI there is *strict*: a picture by its
  bytes that does not decode is refused, as a browser would try to show it;
* every text, markup or not, is also searched as written, with character references decoded
  (``html.unescape``) and with CSS and JSON escapes decoded; what is found there only is
  *lenient* (checked if it decodes): a chat export quoting a cut-off ``data:`` URI is text,
  and no program shows a picture from it (issue 18, finding 14);
* uuencoded files (``begin 644 name``), and runs of base64 or (in RTF) hex long enough to be a
  file, are decoded and handed back when their first bytes name a picture or a container.

Every ``data:`` URI is decoded whatever its media type, and the walker decides by the bytes.
"""

from __future__ import annotations

import binascii
import html
import re
import urllib.parse
import xml.parsers.expat
from html.parser import HTMLParser
from typing import Iterator

from . import identify as ident
from ._mime import forgiving_base64, uudecode
from ._parts import Child

_MARKUP_TYPES = ("text/html", "application/xhtml+xml", "image/svg+xml", "text/xml", "application/xml")
_DATA = re.compile(r"data:([^,\"'()<>]{0,256}?),", re.I)
_BASE64_FLAG = re.compile(r";\s*base64\s*$", re.I)
_BASE64_PAYLOAD = re.compile(r"[A-Za-z0-9+/=%\r\n\t]*")
_PLAIN_PAYLOAD = re.compile(r"[^\s\"'()<>]*")
_CLOSERS = {'"': '"', "'": "'", "(": ")"}
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\r\n\f]?|(.))", re.S)
_JSON_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|(/))")
# A run starts where the word before it ends, so that it is read from its first character.
_BASE64_RUN = re.compile(r"(?<![A-Za-z0-9+/])(?:[A-Za-z0-9+/]{4}[ \t\r\n]*){16,}(?:[A-Za-z0-9+/]{2,4}={0,2})?")
_HEX_RUN = re.compile(r"(?<![0-9a-fA-F])(?:[0-9a-fA-F]{2}[ \t\r\n]*){64,}")
_UU_BEGIN = re.compile(rb"^begin(-base64)? +[0-7]{3,4} +\S[^\r\n]*\r?$", re.M)
_UU_END = re.compile(rb"^(?:end|====)[ \t]*\r?$", re.M)
_TEXT_PICTURES = (b"/* XPM */", b"#define", b"P1", b"P2", b"P3", b"Pf", b"PF")
#: Kinds a decoded run of base64/hex must be for the walker to look at it.
_WORTH_A_LOOK = frozenset({ident.PICTURE, ident.SVG, ident.ZIP, ident.GZIP, ident.BZIP2, ident.XZ,
                           ident.TAR, ident.PDF, ident.OLE, ident.RTF, ident.MIME})


def text_children(walk, data: bytes, kind: str, declared: str | None) -> Iterator[Child]:
    """Everything inside the text ``data`` that may be a file of its own."""
    text = decode_text(data)
    media_type = (declared or "").split(";", 1)[0].strip().lower()
    unescaped = html.unescape(text) if "&" in text else text
    views = [text, unescaped]
    if "\\" in unescaped:
        views += [_CSS_ESCAPE.sub(_css_char, unescaped), _JSON_ESCAPE.sub(_json_char, unescaped)]
    has_uri = any("data:" in view.lower() for view in views)
    seen: set[bytes] = set()
    if has_uri and (kind in (ident.SVG, ident.HTML, ident.XML) or media_type in _MARKUP_TYPES):
        for value in rendered_values(data, xml_first=kind in (ident.SVG, ident.XML)):
            for media, payload in data_uris(value, whole=True):
                if payload not in seen:
                    seen.add(payload)
                    yield Child(payload, declared=_svg_or_none(media))
    if has_uri and media_type == "text/css":
        for media, payload in data_uris(_CSS_ESCAPE.sub(_css_char, text)):
            if payload not in seen:
                seen.add(payload)
                yield Child(payload, declared=_svg_or_none(media))
    if has_uri:
        for view in dict.fromkeys(views):
            for media, payload in data_uris(view):
                if payload not in seen:
                    seen.add(payload)
                    yield Child(payload, declared=_svg_or_none(media), strict=False)
    yield from _uuencoded(walk, data)
    yield from _runs(walk, unescaped, _BASE64_RUN, _from_base64, seen)
    if kind == ident.RTF:
        yield from _runs(walk, text, _HEX_RUN, _from_hex, seen)


def decode_text(data: bytes) -> str:
    """Text from bytes: by its byte order mark, else UTF-8, else Latin-1 (every byte kept)."""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"),
                       (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def utf16_text(data: bytes) -> bytes | None:
    """UTF-16 text without a byte order mark (Windows exports, Outlook), as UTF-8; else None."""
    head = data[:4096]
    if len(head) < 64:
        return None
    for start, codec in ((1, "utf-16-le"), (0, "utf-16-be")):
        zeros = head[start::2].count(0)
        if zeros > 0.9 * (len(head) // 2) and head[1 - start::2].count(0) < 0.1 * (len(head) // 2):
            return data[: len(data) // 2 * 2].decode(codec, errors="replace").encode("utf-8")
    return None


def may_be_text_picture(data: bytes) -> bool:
    """Text that Pillow might read as a picture (XPM, XBM, plain PBM/PGM/PPM, PFM)."""
    return data.lstrip()[:9].startswith(_TEXT_PICTURES)


# -- data: URIs ------------------------------------------------------------------------------

def data_uris(text: str, *, whole: bool = False) -> Iterator[tuple[str, bytes]]:
    """(media type, decoded bytes) of every ``data:`` URI in ``text``.

    With ``whole`` (an attribute value), a value that *is* a ``data:`` URI runs to its end, as
    the browser reads it. Elsewhere a URI ends at the quote or bracket that opened it, or (for
    base64) where the base64 alphabet ends.
    """
    lowered = text.lower()
    start = lowered.find("data:")
    while start >= 0:
        found = _DATA.match(text, start)
        if found is not None:
            header = found.group(1)
            is_base64 = bool(_BASE64_FLAG.search(header))
            begin = found.end()
            if whole and start == len(text) - len(text.lstrip()):
                raw = text[begin:].strip()
            else:
                closer = _CLOSERS.get(text[start - 1]) if start else None
                if closer is not None:
                    end = text.find(closer, begin)
                    raw = text[begin: end if end >= 0 else len(text)]
                else:
                    raw = (_BASE64_PAYLOAD if is_base64 else _PLAIN_PAYLOAD).match(text, begin).group(0)
            payload = _decode_payload(raw, is_base64)
            if payload:
                yield header.split(";", 1)[0].strip().lower(), payload
        start = lowered.find("data:", start + 5)


def _decode_payload(raw: str, is_base64: bool) -> bytes:
    data = urllib.parse.unquote_to_bytes(raw)
    if not is_base64:
        return data
    try:
        return forgiving_base64(data)
    except binascii.Error:
        return b""


def _svg_or_none(media: str) -> str | None:
    return "image/svg+xml" if media == "image/svg+xml" else None


def _css_char(found: re.Match) -> str:
    if found.group(1):
        code = int(found.group(1), 16)
        return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
    return found.group(2)


def _json_char(found: re.Match) -> str:
    return chr(int(found.group(1), 16)) if found.group(1) else "/"


# -- what a browser reads: attribute values and style sheets ------------------------------------

class _Values(HTMLParser):
    """Every attribute value (entities decoded) and the text of every <style>, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.values: list[str] = []
        self._style = 0

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value:
                self.values.append(_CSS_ESCAPE.sub(_css_char, value) if name == "style" else value)
        if tag == "style":
            self._style += 1

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "style":
            self._style = max(0, self._style - 1)

    def handle_data(self, data):
        if self._style:
            self.values.append(_CSS_ESCAPE.sub(_css_char, data))


def rendered_values(data: bytes, *, xml_first: bool) -> list[str]:
    """Attribute values and style sheets of a markup document, as a browser decodes them: by
    expat for XML (SVG), with the document's own entities expanded; by the HTML parser
    otherwise, or when the XML is not well formed (a browser reads SVG inside HTML as HTML)."""
    if xml_first:
        values = _xml_values(data)
        if values is not None:
            return values
    parser = _Values()
    parser.feed(decode_text(data))
    parser.close()
    return parser.values


def _xml_values(data: bytes) -> list[str] | None:
    values: list[str] = []
    style = [0]
    parser = xml.parsers.expat.ParserCreate()
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def start(name, attrs):
        for key, value in attrs.items():
            values.append(_CSS_ESCAPE.sub(_css_char, value) if key == "style" else value)
        if name.rsplit(":", 1)[-1] == "style":
            style[0] += 1

    def end(name):
        if name.rsplit(":", 1)[-1] == "style":
            style[0] = max(0, style[0] - 1)

    def text(chunk):
        if style[0]:
            values.append(_CSS_ESCAPE.sub(_css_char, chunk))

    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, text
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError:
        return None
    return values


# -- files written out as text ------------------------------------------------------------------

def _uuencoded(walk, data: bytes) -> Iterator[Child]:
    for begin in _UU_BEGIN.finditer(data):
        walk.tick()
        end = _UU_END.search(data, begin.end())
        body = data[begin.end(): end.start() if end else len(data)]
        lines = body.splitlines()
        decoded = forgiving_base64(b"".join(lines)) if begin.group(1) else uudecode(lines)
        walk.take(len(decoded))
        yield Child(decoded, strict=False)


def _runs(walk, text: str, pattern: re.Pattern, decode, seen: set[bytes]) -> Iterator[Child]:
    for run in pattern.finditer(text):
        walk.tick()
        chunk = run.group(0)
        head = decode(chunk[:96])
        if not head or ident.identify(head).kind not in _WORTH_A_LOOK:
            continue
        body = decode(chunk)
        if body in seen:
            continue
        seen.add(body)
        walk.take(len(body))
        yield Child(body, strict=False)


def _from_base64(chunk: str) -> bytes:
    try:
        return forgiving_base64(chunk.encode("ascii"))
    except (binascii.Error, UnicodeEncodeError):
        return b""


def _from_hex(chunk: str) -> bytes:
    digits = re.sub(r"\s", "", chunk)
    try:
        return binascii.unhexlify(digits[: len(digits) // 2 * 2])
    except binascii.Error:
        return b""
