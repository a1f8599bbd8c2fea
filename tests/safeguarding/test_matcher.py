# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Matcher: exact sets, PDQ nearest match at <= 31 bits, quality, coverage wording."""

from __future__ import annotations

import functools
import secrets

import numpy as np
import pytest
from PIL import Image
from synthetic_images import encode, smooth_image

from evidence_vault.safeguarding import (
    NO_LISTS_MESSAGE,
    HashList,
    ImageHashes,
    Matcher,
    PdqCandidate,
    hamming,
    image_hashes,
)
from evidence_vault.safeguarding.hashing import exact_hashes
from evidence_vault.safeguarding.matcher import popcount_table

EMPTY = {"md5": frozenset(), "sha1": frozenset(), "sha256": frozenset(), "pdq": frozenset()}


def hash_list(name: str, **hex_by_type: list[str]) -> HashList:
    entries = dict(EMPTY)
    for kind, values in hex_by_type.items():
        entries[kind] = frozenset(bytes.fromhex(v) for v in values)
    return HashList(name=name, entries=entries, source_sha256="0" * 64)


def flip_bits(hex_hash: str, count: int) -> str:
    """``hex_hash`` with its first ``count`` bits inverted: exactly ``count`` bits away."""
    value = int(hex_hash, 16) ^ (((1 << count) - 1) << (256 - count))
    return f"{value:064x}"


def candidate_hashes(pdq_hex: str, quality: int = 100) -> ImageHashes:
    """An ImageHashes built directly (no picture), to test distances exactly."""
    return ImageHashes(
        md5="0" * 32, sha1="0" * 40, sha256="0" * 64, pdq=pdq_hex, pdq_quality=quality, decoded=True,
        candidates=(PdqCandidate(hex=pdq_hex, quality=quality),), frames=1, frames_hashed=1,
    )


LISTED = secrets.token_hex(32)


@pytest.mark.parametrize(("distance", "matches"), [(0, True), (1, True), (30, True), (31, True), (32, False), (33, False)])
def test_pdq_threshold_edge(distance, matches):
    matcher = Matcher([hash_list("Edge", pdq=[LISTED])])
    assert hamming(flip_bits(LISTED, distance), LISTED) == distance
    match = matcher.examine(candidate_hashes(flip_bits(LISTED, distance))).match
    if matches:
        assert match is not None and match.match_type == "pdq" and match.distance == distance
    else:
        assert match is None


def test_all_256_bits_different_is_not_a_match():
    """A sum of four 64-bit popcounts kept in uint8 would wrap 256 to 0: it must not."""
    opposite = f"{int(LISTED, 16) ^ ((1 << 256) - 1):064x}"
    matcher = Matcher([hash_list("Edge", pdq=[LISTED])])
    assert matcher.nearest_pdq(opposite)[0] == 256
    assert matcher.examine(candidate_hashes(opposite)).match is None


def test_lookup_table_popcount_agrees_with_numpy():
    values = np.random.default_rng(0).integers(0, 2**63, size=1000, dtype=np.uint64) * 2 + 1
    expected = np.array([bin(int(v)).count("1") for v in values])
    assert (popcount_table(values) == expected).all()
    if hasattr(np, "bitwise_count"):
        assert (np.bitwise_count(values) == expected).all()


def test_low_quality_hash_is_not_similarity_matched_but_exact_hashes_still_are():
    data = encode(smooth_image(5))
    listed = image_hashes(data)
    weak = ImageHashes(
        md5=listed.md5, sha1=listed.sha1, sha256=listed.sha256, pdq=listed.pdq, pdq_quality=49,
        decoded=True, candidates=(PdqCandidate(hex=listed.pdq, quality=49),), frames=1, frames_hashed=1,
    )
    by_pdq = Matcher([hash_list("Similar", pdq=[listed.pdq])]).examine(weak)
    assert by_pdq.match is None and by_pdq.pdq_unreliable and by_pdq.pdq_low_quality == 1
    assert "only exact copies" in by_pdq.note
    by_md5 = Matcher([hash_list("Exact", md5=[listed.md5])]).examine(weak)
    assert by_md5.match is not None and by_md5.match.match_type == "md5"
    at_fifty = Matcher([hash_list("Similar", pdq=[listed.pdq])]).examine(candidate_hashes(listed.pdq, quality=50))
    assert at_fifty.match is not None


@pytest.mark.parametrize("kind", ["md5", "sha1", "sha256"])
def test_exact_hashes_match_the_exact_bytes_only(kind):
    data = b"<html>any body at all</html>"
    hashes = image_hashes(data)
    matcher = Matcher([hash_list("Exact", **{kind: [getattr(hashes, kind)]})])
    match = matcher.check(data)
    assert match is not None and (match.list_name, match.match_type, match.distance) == ("Exact", kind, 0)
    assert matcher.check(data + b" ") is None


@pytest.mark.parametrize("seed", range(5))
def test_resized_and_recompressed_copy_is_caught(seed):
    original = smooth_image(seed)
    listed = image_hashes(encode(original))
    matcher = Matcher([hash_list("Synthetic", pdq=[listed.pdq])])
    half = original.resize((original.width // 2, original.height // 2), Image.Resampling.BILINEAR)
    copy = encode(half, "JPEG", quality=70)
    match = matcher.check(copy)
    assert match is not None and match.match_type == "pdq"
    assert match.distance <= 20  # well inside 31: this is a robust catch, not a lucky one


@functools.cache
def five_listed_pictures() -> Matcher:
    return Matcher([hash_list("Synthetic", pdq=[image_hashes(encode(smooth_image(s))).pdq for s in range(5)])])


@pytest.mark.parametrize("seed", range(100, 105))
def test_a_different_random_picture_is_not_caught(seed):
    matcher = five_listed_pictures()
    body = encode(smooth_image(seed))
    distance, _name = matcher.nearest_pdq(image_hashes(body).pdq)
    assert distance > 64, "unrelated pictures should be far apart (about 128 bits)"
    assert matcher.check(body) is None


def test_match_names_the_first_list_loaded_and_never_shows_a_hash():
    data = encode(smooth_image(9))
    hashes = image_hashes(data)
    matcher = Matcher([hash_list("First", pdq=[hashes.pdq]), hash_list("Second", pdq=[hashes.pdq], md5=[hashes.md5])])
    match = matcher.check(data)
    assert match.list_name == "Second" and match.match_type == "md5"  # exact hashes are asked first
    nearest = Matcher([hash_list("First", pdq=[hashes.pdq]), hash_list("Second", pdq=[hashes.pdq])]).check(data)
    assert nearest.list_name == "First"
    for text in (str(match), repr(match), str(match.as_record()), str(nearest), repr(nearest)):
        for value in (hashes.md5, hashes.sha1, hashes.sha256, hashes.pdq):
            assert value not in text
    assert "\u201cSecond\u201d" in str(match)


def test_two_lists_with_one_name_are_refused():
    with pytest.raises(ValueError):
        Matcher([hash_list("Same", md5=["0" * 32]), hash_list("Same", md5=["1" * 32])])


def test_no_list_says_so_and_claims_nothing():
    matcher = Matcher.empty()
    assert matcher.is_empty
    assert matcher.coverage() == NO_LISTS_MESSAGE
    assert NO_LISTS_MESSAGE == (
        "No hash lists are loaded: Evidence Vault cannot recognise known images; "
        "only your own judgement protects you."
    )
    assert matcher.check(encode(smooth_image(1))) is None
    assert matcher.summary() == []


def test_coverage_names_the_lists_and_their_limits():
    exact_only = Matcher([hash_list("Police", md5=["0" * 32, "1" * 32])])
    assert "Police (2 MD5)" in exact_only.coverage()
    assert "only exact files" in exact_only.coverage()
    both = Matcher([hash_list("Police", md5=["0" * 32]), hash_list("Hash body", pdq=[LISTED])])
    text = both.coverage()
    assert "2 hash lists" in text and "Hash body (1 PDQ)" in text and "look very like one" in text
    assert "your own judgement" in text
    assert both.summary() == [
        {"name": "Police", "counts": {"md5": 1, "sha1": 0, "sha256": 0, "pdq": 0}},
        {"name": "Hash body", "counts": {"md5": 0, "sha1": 0, "sha256": 0, "pdq": 1}},
    ]


def test_nearest_match_in_a_hundred_thousand_hashes():
    """Correctness at list scale; the speed is measured in bench/guard_overhead.py, not here."""
    rng = np.random.default_rng(1)
    listed = [rng.bytes(32).hex() for _ in range(100_000)]
    matcher = Matcher([hash_list("Big", pdq=listed)])
    assert matcher.nearest_pdq(flip_bits(listed[77_777], 20)) == (20, "Big")
    assert matcher.nearest_pdq(listed[3]) == (0, "Big")


def test_a_hash_on_several_lists_is_reported_for_the_first_list_loaded():
    body = b"a body on three lists"
    exact = exact_hashes(body)
    lists = [hash_list(name, md5=[exact.md5], sha256=[exact.sha256]) for name in ("One", "Two", "Three")]
    assert Matcher(lists).match_exact(exact).list_name == "One"
    assert Matcher(lists[::-1]).match_exact(exact).list_name == "Three"
    assert Matcher([lists[1], lists[0]]).match_exact(exact).list_name == "Two"
