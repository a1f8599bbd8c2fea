# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Hash list files: every accepted format, every refusal with its line number, storage form."""

from __future__ import annotations

import hashlib
import secrets
import struct

import pytest

from evidence_vault.errors import BlocklistFormatError, IntegrityError, UnsupportedVersionError
from evidence_vault.safeguarding import HashList, load_hash_list, parse_hash_list
from evidence_vault.safeguarding.hashlist import MAGIC

MD5 = "0123456789abcdef0123456789abcdef"
SHA1 = "0123456789abcdef0123456789abcdef01234567"
SHA256 = "a" * 64
PDQ = "f" * 63 + "0"


def parse(text: str | bytes, name: str = "Test list") -> HashList:
    return parse_hash_list(text.encode() if isinstance(text, str) else text, name=name)


def as_hex(hash_list: HashList) -> dict[str, set[str]]:
    return {kind: {d.hex() for d in digests} for kind, digests in hash_list.entries.items()}


# -- CSV -------------------------------------------------------------------------------------


def test_csv_with_every_type():
    hl = parse(f"type,hash\nmd5,{MD5}\nsha1,{SHA1}\nsha256,{SHA256}\npdq,{PDQ}\n")
    assert as_hex(hl) == {"md5": {MD5}, "sha1": {SHA1}, "sha256": {SHA256}, "pdq": {PDQ}}
    assert hl.counts == {"md5": 1, "sha1": 1, "sha256": 1, "pdq": 1} and hl.total == 4
    assert hl.name == "Test list"


def test_csv_extra_columns_any_order_any_case_quotes_and_aliases():
    text = (
        "# exported 2026-01-01\n"
        "Label,HASH,Type,quality\n"
        f'"thing, with comma",{MD5.upper()},MD5,\n'
        f"x,{SHA256},SHA-256,\n"
        f"y,{SHA1},sha-1,\n"
        f"z,{PDQ},pdq,100\n"
    )
    assert as_hex(parse(text)) == {"md5": {MD5}, "sha1": {SHA1}, "sha256": {SHA256}, "pdq": {PDQ}}


def test_bom_crlf_comments_blank_lines_and_duplicates_are_tolerated():
    data = (
        b"\xef\xbb\xbf# list from the police\r\n\r\ntype,hash,label\r\n"
        + f"md5,{MD5},a\r\n# comment\r\n\r\nmd5,{MD5},again\r\n".encode()
    )
    hl = parse(data)
    assert hl.counts["md5"] == 1
    assert hl.source_sha256 == hashlib.sha256(data).hexdigest()  # of the file as given, BOM and all


# -- plain lists -----------------------------------------------------------------------------


def test_plain_list_types_by_length_and_prefix():
    text = f"{MD5}\n{SHA1.upper()}\nsha256:{SHA256}\nPDQ:{PDQ}\n  md5 : {MD5}  \n"
    assert as_hex(parse(text)) == {"md5": {MD5}, "sha1": {SHA1}, "sha256": {SHA256}, "pdq": {PDQ}}


@pytest.mark.parametrize("declared", ["sha256", "pdq", "SHA-256"])
def test_bare_64_hex_lines_need_a_type_declaration(declared):
    hl = parse(f"# a comment first\n# type: {declared}\n{SHA256}\n{PDQ}\nmd5:{MD5}\n")
    kind = "pdq" if declared == "pdq" else "sha256"
    assert as_hex(hl)[kind] == {SHA256, PDQ} and as_hex(hl)["md5"] == {MD5}


def test_bare_64_hex_line_without_declaration_is_refused():
    with pytest.raises(BlocklistFormatError, match=r"^line 3: a 64-digit hash could be SHA-256 or PDQ"):
        parse(f"{MD5}\n\n{SHA256}\n")


# -- refusals, each with its line number ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (f"type,hash\nmd5,{MD5}\nmd5,{MD5[:-1]}g\n", r"^line 3: an MD5 hash is 32 hexadecimal digits"),
        (f"type,hash\nsha1,{MD5}\n", r"^line 2: a SHA-1 hash is 40 hexadecimal digits"),
        (f"type,hash\nmd5,{MD5}\ncrc32,deadbeef\n", r"^line 3: unknown hash type 'crc32'"),
        (f"type,hash\nmd5,{MD5}\n{MD5}\n", r"^line 3: expected at least 2 columns, found 1"),
        (f"# c\nkind,value\nmd5,{MD5}\n", r"^line 2: a CSV hash list must start with a header"),
        (f'type,hash\nmd5,"{MD5}\n', r"^line 2: this CSV line does not parse"),
        (f"{MD5}\n{SHA1}\n{MD5}zz\n", r"^line 3: this is not a hexadecimal hash"),
        (f"{MD5}\nabc123\n", r"^line 2: a hash of 6 hex digits is not MD5"),
        (f"{MD5}\nsha256:{MD5}\n", r"^line 2: a SHA-256 hash is 64 hexadecimal digits"),
        (f"{MD5}\nsha512:{SHA256}{SHA256}\n", r"^line 2: unknown hash type 'sha512'"),
        (f"{MD5}\n# type: pdq\n{PDQ}\n", r"^line 2: a '# type:' line may appear once, before the first hash"),
        (f"# type: pdq\n# type: sha256\n{PDQ}\n", r"^line 2: a '# type:' line may appear once"),
        (f"# type: whirlpool\n{PDQ}\n", r"^line 1: unknown hash type 'whirlpool'"),
        (f"# type: md5\n{MD5}\n{SHA1}\n", r"^line 3: an MD5 hash is 32 hexadecimal digits"),
        (f"{MD5} # the bad one\n", r"^line 1: this is not a hexadecimal hash"),
    ],
)
def test_malformed_lists_name_the_line(text, message):
    with pytest.raises(BlocklistFormatError, match=message):
        parse(text)


def test_line_number_counts_every_line_of_a_long_file():
    lines = ["type,hash"] + [f"md5,{secrets.token_hex(16)}" for _ in range(15)] + ["md5,nothex"]
    with pytest.raises(BlocklistFormatError, match=r"^line 17: "):
        parse("\n".join(lines))


@pytest.mark.parametrize("text", ["", "\n\n", "# only comments\n", "type,hash\n# nothing\n", "\ufeff"])
def test_a_list_with_no_hash_is_refused(text):
    with pytest.raises(BlocklistFormatError, match="no hashes"):
        parse(text)


@pytest.mark.parametrize("name", ["", "   ", "x" * 101, "bad\nname"])
def test_a_list_needs_a_usable_name(name):
    with pytest.raises(BlocklistFormatError, match="name"):
        parse(f"{MD5}\n", name=name)


def test_load_from_a_file_names_the_list_after_it(tmp_path):
    path = tmp_path / "Police force list.csv"
    path.write_text(f"type,hash\nmd5,{MD5}\n")
    assert load_hash_list(path).name == "Police force list"
    assert load_hash_list(path, name="Other").name == "Other"
    with pytest.raises(BlocklistFormatError, match="no file called"):
        load_hash_list(tmp_path / "missing.csv")


# -- stored form -----------------------------------------------------------------------------


def test_round_trip_and_canonical_bytes():
    a = parse(f"type,hash\nmd5,{MD5}\npdq,{PDQ}\nsha256,{SHA256}\nmd5,{MD5}\n")
    b = HashList.from_bytes(a.to_bytes())
    assert b == a and b.counts == a.counts and b.source_sha256 == a.source_sha256
    reordered = HashList(name=a.name, entries=dict(reversed(list(a.entries.items()))), source_sha256=a.source_sha256)
    assert reordered.to_bytes() == a.to_bytes()
    assert a.to_bytes().startswith(MAGIC)


def _stored() -> bytes:
    return parse(f"{MD5}\nmd5:{'1' * 32}\n").to_bytes()


def test_stored_form_from_a_newer_version_is_refused_as_such():
    data = _stored().replace(b"/v1\n", b"/v2\n", 1)
    with pytest.raises(UnsupportedVersionError):
        HashList.from_bytes(data)


@pytest.mark.parametrize(
    ("damage", "problem"),
    [
        (lambda d: b"not a list" + d, "header"),
        (lambda d: d[:-1], "shorter"),
        (lambda d: d + b"\x00", "after its end"),
        # swap the two md5 digests: no longer sorted
        (lambda d: d[:-16 * 2 - 12] + d[-16 - 12 : -12] + d[-16 * 2 - 12 : -16 - 12] + d[-12:], "canonical order"),
        # duplicate: first digest written twice
        (lambda d: d[:-16 - 12] + d[-16 * 2 - 12 : -16 - 12] + d[-12:], "canonical order"),
        # a count far beyond the data: must be refused before anything is sliced
        (lambda d: d[: len(MAGIC) + 2 + 9 + 32] + struct.pack(">I", 2**32 - 1) + d[len(MAGIC) + 2 + 9 + 32 + 4 :], "shorter"),
    ],
)
def test_stored_form_must_be_exactly_canonical(damage, problem):
    with pytest.raises(IntegrityError) as caught:
        HashList.from_bytes(damage(_stored()))
    assert any(problem in p for p in caught.value.problems)


def test_stored_form_with_no_hash_is_refused():
    empty = MAGIC + struct.pack(">H", 1) + b"x" + b"\x00" * 32 + b"\x00" * 16
    with pytest.raises(IntegrityError):
        HashList.from_bytes(empty)


def test_hundred_thousand_entries_round_trip():
    """How fast is bench/guard_overhead.py's business (no timed assertions in tests)."""
    rows = ["type,hash"] + [f"pdq,{secrets.token_hex(32)}" for _ in range(50_000)]
    rows += [f"md5,{secrets.token_hex(16)}" for _ in range(25_000)]
    rows += [f"sha256,{secrets.token_hex(32)}" for _ in range(25_000)]
    hl = parse_hash_list("\n".join(rows).encode(), name="Big")
    again = HashList.from_bytes(hl.to_bytes())
    assert again.total == 100_000 and again == hl
