# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""ImageGuard: the Inspector the capture engine calls before anything is written."""

from __future__ import annotations

import base64
import gzip
import json
import re
import urllib.parse

import pytest
from PIL import Image
from synthetic_images import encode, png_with_header, smooth_image

from evidence_vault.errors import SafeguardingBlock
from evidence_vault.safeguarding import (
    NO_LISTS_MESSAGE,
    BlockedImage,
    HashList,
    ImageGuard,
    Matcher,
    UncheckableContent,
    image_hashes,
    safe_url,
)
from evidence_vault.safeguarding.guard import MAX_DEPTH, LimitReached
from evidence_vault.safeguarding.walker import Limits

LISTED_PICTURE = smooth_image(42)
LISTED_PNG = encode(LISTED_PICTURE)
LISTED = image_hashes(LISTED_PNG)
CLEAN_PNG = encode(smooth_image(43))
LISTED_PAGE = b"<html><body>a listed page body</body></html>"
HEX_RUN = re.compile(r"[0-9a-fA-F]{32,}")


def make_guard(**extra_hex) -> ImageGuard:
    entries = {"md5": set(), "sha1": set(), "sha256": {image_hashes(LISTED_PAGE).sha256}, "pdq": {LISTED.pdq}}
    for kind, values in extra_hex.items():
        entries[kind] |= set(values)
    hash_list = HashList(
        name="Synthetic list",
        entries={k: frozenset(bytes.fromhex(v) for v in vs) for k, vs in entries.items()},
        source_sha256="0" * 64,
    )
    return ImageGuard(Matcher([hash_list]))


def inspect(guard: ImageGuard, body: bytes, content_type: str | None = None, kind: str = "response",
            url: str = "https://example.test/picture") -> None:
    guard.inspect(kind=kind, url=url, body=body, content_type=content_type)


def assert_no_hash_in(text: str) -> None:
    assert not HEX_RUN.search(text), f"a hash-like run of hex in: {text!r}"


# -- passing ---------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["response", "data-uri", "mhtml-part", "artefact", "file"])
def test_clean_picture_passes_and_is_counted(kind):
    guard = make_guard()
    inspect(guard, CLEAN_PNG, "image/png", kind=kind)
    record = guard.record()
    assert record["bodies_checked"] == 1 and record["pdq_checked"] == 1
    assert record["lists"] == [{"name": "Synthetic list", "counts": {"md5": 0, "sha1": 0, "sha256": 1, "pdq": 1}}]


def test_record_holds_counts_and_names_but_no_hash():
    guard = make_guard()
    for body, content_type in [(CLEAN_PNG, "image/png"), (b"<p>text</p>", "text/html"), (b"", "image/gif")]:
        inspect(guard, body, content_type)
    record = guard.record()
    assert record["bodies_checked"] == 3 and record["pdq_checked"] == 1
    assert_no_hash_in(json.dumps(record))


def test_empty_body_is_not_a_picture():
    """An empty response labelled image/png holds no picture: it passes and is counted, but is not
    decoded or taken for a damaged picture, as the first bytes of a PNG with nothing after are."""
    guard = make_guard()
    inspect(guard, b"", "image/png")
    assert (guard.record()["bodies_checked"], guard.record()["pdq_checked"]) == (1, 0)
    with pytest.raises(UncheckableContent):
        inspect(guard, b"\x89PNG\r\n\x1a\n", "image/png")


def test_the_same_body_twice_is_decoded_once_but_counted_twice():
    guard = make_guard()
    inspect(guard, CLEAN_PNG, "image/png")
    inspect(guard, CLEAN_PNG, None, kind="mhtml-part")
    assert guard.record()["bodies_checked"] == 2 and guard.record()["pdq_checked"] == 2


def test_bytes_passed_as_text_are_asked_again_when_they_claim_to_be_a_picture():
    guard = make_guard()
    inspect(guard, b"<html>Not found</html>", "text/html")
    with pytest.raises(UncheckableContent):
        inspect(guard, b"<html>Not found</html>", "image/png")


def test_unknown_kind_is_a_bug_not_a_block():
    with pytest.raises(ValueError):
        make_guard().inspect(kind="screenshot", url="x", body=CLEAN_PNG, content_type=None)


# -- blocking --------------------------------------------------------------------------------


@pytest.mark.parametrize("content_type", ["image/png", None, "application/octet-stream", "text/html"])
def test_listed_picture_is_blocked_whatever_the_header_says(content_type):
    with pytest.raises(BlockedImage) as caught:
        inspect(make_guard(), LISTED_PNG, content_type)
    block = caught.value
    assert isinstance(block, SafeguardingBlock) and block.exit_code == 3
    assert (block.list_name, block.match_type, block.kind) == ("Synthetic list", "pdq", "response")
    assert block.url == "https://example.test/picture"


def test_block_message_is_plain_and_holds_no_hash_or_pixel():
    with pytest.raises(BlockedImage) as caught:
        inspect(make_guard(), LISTED_PNG, "image/png")
    message = str(caught.value)
    assert "Nothing from this page has been saved" in message
    assert "safeguarding lead" in message and "police" in message
    assert_no_hash_in(message)
    assert_no_hash_in(json.dumps(caught.value.as_record()))


def test_resized_recompressed_copy_on_a_page_is_blocked():
    half = LISTED_PICTURE.resize((320, 240), Image.Resampling.BILINEAR)
    with pytest.raises(BlockedImage, match="Synthetic list"):
        inspect(make_guard(), encode(half, "JPEG", quality=70), "image/jpeg")


def test_listed_non_picture_body_is_blocked_by_exact_hash():
    with pytest.raises(BlockedImage) as caught:
        inspect(make_guard(), LISTED_PAGE, "text/html")
    assert caught.value.match_type == "sha256"


def test_animated_gif_with_a_listed_frame_is_blocked():
    frames = [smooth_image(s) for s in (1, 2)] + [LISTED_PICTURE] + [smooth_image(3)]
    gif = encode(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=80, loop=0)
    with pytest.raises(BlockedImage):
        inspect(make_guard(), gif, "image/gif")
    # the same animation without the listed frame passes
    clean = [smooth_image(s) for s in (1, 2, 3)]
    inspect(make_guard(), encode(clean[0], "GIF", save_all=True, append_images=clean[1:]), "image/gif")


def _svg_with(href: str) -> bytes:
    return (f'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
            f'xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="{href}" '
            'width="640" height="480"/></svg>').encode()


def test_svg_with_an_embedded_listed_picture_is_blocked():
    svg = _svg_with("data:image/png;base64," + base64.encodebytes(LISTED_PNG).decode())  # with line breaks
    with pytest.raises(BlockedImage) as caught:
        inspect(make_guard(), svg, "image/svg+xml", url="https://example.test/logo.svg")
    assert caught.value.embedded and caught.value.url == "https://example.test/logo.svg"


def test_compressed_svg_is_opened_and_checked():
    svgz = gzip.compress(_svg_with("data:image/png;base64," + base64.b64encode(LISTED_PNG).decode()))
    with pytest.raises(BlockedImage):
        inspect(make_guard(), svgz, "image/svg+xml")


def test_svg_inside_a_data_uri_inside_css_is_unpacked():
    inner = _svg_with("data:image/png;base64," + base64.b64encode(LISTED_PNG).decode())
    css = b".bg { background: url(\"data:image/svg+xml," + urllib.parse.quote(inner).encode() + b"\"); }"
    with pytest.raises(BlockedImage):
        inspect(make_guard(), css, "text/css")


def test_html_with_a_listed_data_uri_is_blocked():
    html = b'<img alt="" src="data:image/png;base64,' + base64.b64encode(LISTED_PNG) + b'">'
    with pytest.raises(BlockedImage):
        inspect(make_guard(), html, "text/html")


def test_clean_svg_and_script_prefixes_pass():
    guard = make_guard()
    inspect(guard, _svg_with("data:image/png;base64," + base64.b64encode(CLEAN_PNG).decode()), "image/svg+xml")
    inspect(guard, b'var u = "data:image/png;base64," + b64; var v = "data:image/jpeg;base64,AAAA";', "text/javascript")
    assert guard.record()["embedded_checked"] == 2


def test_mhtml_document_parts_are_checked():
    encoded = base64.encodebytes(LISTED_PNG).decode()
    mhtml = (
        "From: <Saved by Blink>\r\nSnapshot-Content-Location: https://example.test/\r\n"
        "MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n"
        "\tboundary=\"----B\"\r\n\r\n------B\r\nContent-Type: text/html\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n\r\n<html>hi</html>\r\n------B\r\n"
        "Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n"
        f"Content-Location: https://example.test/a.png\r\n\r\n{encoded}\r\n------B--\r\n"
    ).encode()
    with pytest.raises(BlockedImage):
        inspect(make_guard(), mhtml, "multipart/related", kind="artefact", url="capture.mhtml")


def test_video_is_checked_by_exact_hash_only():
    mp4 = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + b"\x00" * 200
    guard = make_guard()
    inspect(guard, mp4, "image/gif")  # a "gifv": the bytes say video, so no decode is demanded
    assert guard.record()["exact_only"] == 1
    with pytest.raises(BlockedImage) as caught:
        inspect(make_guard(sha256=[image_hashes(mp4).sha256]), mp4, "video/mp4")
    assert caught.value.match_type == "sha256"


# -- failing closed --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "content_type", "reason"),
    [
        (b"<html>Not found</html>", "image/png", "cannot read"),
        (LISTED_PNG[: len(LISTED_PNG) // 2], "image/png", "damaged or incomplete"),
        (encode(smooth_image(3), "JPEG")[:3000], None, "damaged or incomplete"),
        (png_with_header(100_000, 100_000), "image/png", "too large"),
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64, None, "cannot read"),
        (b"\xff\x0a" + b"\x00" * 64, "image/jxl", "cannot read"),
    ],
    ids=["html-as-png", "truncated-png", "truncated-jpeg", "bomb", "heic", "jpeg-xl"],
)
def test_a_picture_that_cannot_be_checked_blocks(body, content_type, reason):
    with pytest.raises(UncheckableContent) as caught:
        inspect(make_guard(), body, content_type)
    assert reason in caught.value.reason and reason in str(caught.value)
    assert "nothing from the page has been saved" in str(caught.value)
    assert "screenshot" in str(caught.value)  # it tells them *not* to take one


def test_failing_closed_does_not_need_a_list():
    guard = ImageGuard(Matcher.empty())
    with pytest.raises(UncheckableContent):
        inspect(guard, LISTED_PNG[:100], "image/png")
    assert guard.record()["coverage"] == NO_LISTS_MESSAGE and guard.record()["lists"] == []


def test_embedded_truncated_picture_blocks():
    html = b'<img src="data:image/png;base64,' + base64.b64encode(CLEAN_PNG[:500]) + b'">'
    with pytest.raises(UncheckableContent):
        inspect(make_guard(), html, "text/html")


def test_pictures_nested_too_deeply_block():
    body = encode(smooth_image(44, size=(64, 48)))
    for _ in range(MAX_DEPTH + 1):
        body = _svg_with("data:image/svg+xml," + urllib.parse.quote(body))
    with pytest.raises(LimitReached, match=f"nested more than {MAX_DEPTH} levels deep") as caught:
        inspect(make_guard(), body, "image/svg+xml")
    assert caught.value.limit == "depth"


def test_a_compressed_svg_that_unpacks_past_the_limit_blocks():
    svgz = gzip.compress(b"<svg>" + b" " * (4 * 1024 * 1024) + b"</svg>")
    guard = ImageGuard(make_guard().matcher, limits=Limits(expanded_bytes=1024 * 1024))
    with pytest.raises(LimitReached, match="would unpack to more than 1 MB") as caught:
        inspect(guard, svgz, "image/svg+xml")
    assert caught.value.limit == "expanded_bytes" and "nothing from the page has been saved" in str(caught.value)


def test_unreadable_body_blocks_and_keeps_the_detail_out_of_the_message():
    with pytest.raises(UncheckableContent) as caught:
        make_guard().unreadable(kind="response", url="https://example.test/x.jpg", reason="net::ERR_ABORTED 0xdeadbeef")
    assert caught.value.detail == "net::ERR_ABORTED 0xdeadbeef"
    assert "ERR_ABORTED" not in str(caught.value)


def test_data_uri_addresses_are_cut_to_their_type():
    url = "data:image/png;base64," + base64.b64encode(LISTED_PNG).decode()
    with pytest.raises(BlockedImage) as caught:
        inspect(make_guard(), LISTED_PNG, "image/png", kind="data-uri", url=url)
    assert caught.value.url == "data:image/png (picture embedded in the page)"
    assert safe_url("https://example.test/a\nb") == "https://example.test/ab"


def test_upper_case_data_uri_is_found_too():
    html = b"<IMG SRC='DATA:IMAGE/PNG;BASE64," + base64.b64encode(LISTED_PNG) + b"'>"
    with pytest.raises(BlockedImage):
        inspect(make_guard(), html, "text/html")


def test_guard_satisfies_the_capture_engines_inspector_protocol():
    from evidence_vault.capture._types import Inspector

    assert isinstance(make_guard(), Inspector)


# -- the stitched screenshot: its pixels hashed, not decoded again ---------------------------


def tall_screenshot(seed: int) -> Image.Image:
    return smooth_image(seed, size=(1280, 20000), grid=(200, 16))


def test_pixels_give_exactly_the_hashes_of_decoding_the_png():
    from evidence_vault.safeguarding.hashing import own_png_hashes

    picture = tall_screenshot(7)
    png = encode(picture, compress_level=1)
    assert own_png_hashes(png, picture.copy()).candidates == image_hashes(png).candidates
    assert own_png_hashes(png, picture.copy()).sha256 == image_hashes(png).sha256


def test_listed_screenshot_is_refused_from_its_pixels():
    picture = tall_screenshot(8)
    png = encode(picture, compress_level=1)
    guard = make_guard(pdq={image_hashes(png).pdq})
    with pytest.raises(BlockedImage):
        guard.inspect_picture(kind="artefact", url="screenshot.png", body=png, content_type="image/png",
                              pixels=picture.copy())
    assert guard.record()["bodies_checked"] == 1


def test_pixels_that_do_not_match_the_png_are_not_trusted():
    """Pixels of another size (or a body that is no PNG) fall back to decoding the body: a
    listed picture is refused even when clean pixels come with it."""
    guard = make_guard()
    with pytest.raises(BlockedImage):
        guard.inspect_picture(kind="artefact", url="screenshot.png", body=LISTED_PNG, content_type="image/png",
                              pixels=smooth_image(43, size=(20, 20)))
    jpeg = encode(LISTED_PICTURE, "JPEG", quality=95)
    with pytest.raises(BlockedImage):
        guard.inspect_picture(kind="artefact", url="screenshot.png", body=jpeg, content_type="image/jpeg",
                              pixels=LISTED_PICTURE.copy().convert("RGB"))
    with pytest.raises(BlockedImage):
        guard.inspect_picture(kind="artefact", url="screenshot.png", body=LISTED_PNG, content_type="image/png",
                              pixels=LISTED_PICTURE.convert("RGBA"))
