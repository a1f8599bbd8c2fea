# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""image_hashes(): exact hashes, PDQ per frame, every web format, and failing closed."""

from __future__ import annotations

import hashlib
import os
import tempfile

import pytest
from PIL import Image
from synthetic_images import encode, png_with_header, smooth_image

from evidence_vault.safeguarding import hamming, hashing, image_hashes
from evidence_vault.safeguarding.hashing import DAMAGED, TOO_LARGE, TOO_MANY_FRAMES
from evidence_vault.safeguarding.pdq import pdq_of_image


def _reference(data: bytes) -> str:
    """What Meta's Python reference does: open, thumbnail 512 on the image as opened, RGB."""
    import io

    return pdq_of_image(Image.open(io.BytesIO(data)))[0]


def test_exact_hashes_are_of_the_exact_bytes():
    data = encode(smooth_image(1))
    hashes = image_hashes(data)
    assert hashes.md5 == hashlib.md5(data).hexdigest()
    assert hashes.sha1 == hashlib.sha1(data).hexdigest()
    assert hashes.sha256 == hashlib.sha256(data).hexdigest()
    assert hashes.decoded and hashes.pdq_quality == 100 and len(hashes.pdq) == 64


def test_repr_shows_no_hash():
    hashes = image_hashes(encode(smooth_image(1)))
    text = repr(hashes)
    for value in (hashes.md5, hashes.sha1, hashes.sha256, hashes.pdq):
        assert value not in text


def test_not_a_picture_has_exact_hashes_only():
    hashes = image_hashes(b"<!doctype html><title>hello</title>")
    assert not hashes.decoded and hashes.pdq is None and hashes.pdq_quality is None
    assert hashes.failure is None  # simply not a picture
    assert hashes.sha256 == hashlib.sha256(b"<!doctype html><title>hello</title>").hexdigest()


def test_nothing_is_written_to_disk(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    for seed in range(3):
        image_hashes(encode(smooth_image(seed), "JPEG"))
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize(
    ("mode", "fmt", "options"),
    [
        ("RGB", "PNG", {}),
        ("RGBA", "PNG", {}),
        ("LA", "PNG", {}),
        ("L", "PNG", {}),
        ("1", "PNG", {}),
        ("P", "PNG", {}),
        ("P", "GIF", {}),
        ("RGB", "JPEG", {"quality": 90}),
        ("L", "JPEG", {}),
        ("CMYK", "JPEG", {}),
        ("RGB", "WEBP", {"quality": 80}),
        ("RGBA", "WEBP", {"lossless": True}),
        ("RGB", "BMP", {}),
        ("RGB", "TIFF", {}),
        ("RGBA", "ICO", {"sizes": [(128, 128)]}),
        ("RGB", "AVIF", {}),
    ],
)
def test_web_formats_and_modes_decode_like_the_reference(mode, fmt, options):
    image = smooth_image(7)
    image = image.convert(mode) if mode not in ("P", "1") else image.convert(mode, dither=Image.Dither.NONE)
    if mode in ("RGBA", "LA"):
        alpha = Image.linear_gradient("L").resize(image.size)
        image.putalpha(alpha)
    data = encode(image, fmt, **options)
    hashes = image_hashes(data)
    assert hashes.decoded, f"{mode} {fmt} did not decode"
    assert hashes.pdq == _reference(data)


def test_large_picture_is_shrunk_first_like_the_reference():
    data = encode(smooth_image(3, size=(2400, 1800)), "JPEG", quality=90)
    hashes = image_hashes(data)
    assert hashes.pdq == _reference(data)
    # and the shrink does not change what the picture is: close to the small version's hash
    small = image_hashes(encode(smooth_image(3, size=(640, 480)), "PNG"))
    assert hamming(hashes.pdq, small.pdq) <= 16


def test_decompression_bomb_refused_before_decoding():
    hashes = image_hashes(png_with_header(100_000, 100_000))  # 10 gigapixels
    assert not hashes.decoded and hashes.failure == TOO_LARGE


def test_our_pixel_limit_refuses_at_the_limit():
    data = encode(smooth_image(1, size=(200, 100)))
    assert image_hashes(data, max_pixels=20_000).decoded
    hashes = image_hashes(data, max_pixels=19_999)
    assert not hashes.decoded and hashes.failure == TOO_LARGE


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "GIF", "WEBP"])
def test_truncated_picture_is_damaged(fmt):
    data = encode(smooth_image(2), fmt)
    hashes = image_hashes(data[: len(data) // 2])
    assert not hashes.decoded and hashes.failure == DAMAGED


def test_eps_is_never_opened_but_other_formats_pillow_decodes_are():
    """Pillow could open EPS (by running Ghostscript on it); we never let it. Formats no
    browser shows are still pictures a person can save and open (issue 18, finding 11)."""
    eps = b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\nshowpage\n"
    assert not image_hashes(eps).decoded
    picture = encode(smooth_image(1))
    for fmt in ("PPM", "TGA", "PCX", "QOI"):
        hashes = image_hashes(encode(smooth_image(1), fmt))
        assert hashes.decoded, fmt
        assert hamming(hashes.pdq, image_hashes(picture).pdq) <= 8, fmt


def _animation(frames: list[Image.Image], fmt: str = "GIF") -> bytes:
    return encode(frames[0], fmt, save_all=True, append_images=frames[1:], duration=100, loop=0)


def test_every_frame_of_a_short_animation_is_hashed():
    frames = [smooth_image(seed) for seed in range(10, 15)]
    hashes = image_hashes(_animation(frames))
    assert hashes.frames == 5 and hashes.frames_hashed == 5
    third = image_hashes(encode(frames[3].convert("P", palette=Image.Palette.ADAPTIVE), "GIF"))
    assert min(hamming(c.hex, third.pdq) for c in hashes.candidates if c.frame == 3) <= 8


@pytest.mark.parametrize("fmt", ["WEBP", "PNG"])
def test_animated_webp_and_apng_frames_are_hashed(fmt):
    frames = [smooth_image(seed) for seed in range(20, 23)]
    hashes = image_hashes(_animation(frames, fmt))
    assert hashes.frames == 3 and hashes.frames_hashed == 3


def test_every_frame_is_hashed_up_to_the_frame_limit_and_past_it_none_is():
    """Sampling would let a listed picture hide in a frame that is not sampled (finding 9)."""
    frames = [Image.new("RGB", (32, 32), (i, 255 - i, 0)) for i in range(0, 200, 2)]  # 100 frames
    hashes = image_hashes(_animation(frames))
    assert hashes.frames == 100 and hashes.frames_hashed == 100
    hashes = image_hashes(_animation(frames), max_frames=99)
    assert not hashes.decoded and hashes.failure == TOO_MANY_FRAMES


def test_animation_bomb_is_refused(monkeypatch):
    """Many frames of a large canvas: refused as a whole, before decoding frame after frame."""
    frames = [Image.new("RGB", (64, 64), (i * 40, 0, 0)) for i in range(5)]
    data = _animation(frames)
    assert image_hashes(data).decoded
    monkeypatch.setattr(hashing, "MAX_ANIMATION_PIXELS", 64 * 64 * 5 - 1)
    hashes = image_hashes(data)
    assert not hashes.decoded and hashes.failure == TOO_LARGE
