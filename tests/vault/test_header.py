# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The vault header: version line, damage vs wrong passphrase, KDF bounds, canonical JSON, MAC,
and telling "no vault here" apart from "not a vault" (docs/vault-format.md, "Header")."""

from __future__ import annotations

import hashlib
import json
import re

import pytest

from evidence_vault import (
    IntegrityError, UnsupportedVersionError, Vault, VaultNotFoundError, WrongPassphraseError,
)
from evidence_vault._canonical import canonical_json
from evidence_vault.crypto.keys import unwrap_key
from evidence_vault.vault.header import HEADER_NAME, read_header
from evidence_vault.vault.core import PASS_AAD

from .helpers import PASSPHRASE, flip_byte, snapshot


def header_lines(folder) -> list[bytes]:
    return (folder / HEADER_NAME).read_bytes().split(b"\n")


def write_body(folder, body: bytes) -> None:
    """Replace line 2 and recompute the plain checksum, as a careful forger would."""
    lines = header_lines(folder)
    lines[1] = body
    lines[2] = b"sha256 " + hashlib.sha256(body).hexdigest().encode()
    (folder / HEADER_NAME).write_bytes(b"\n".join(lines))


def edit_body(folder, mutate) -> None:
    body = json.loads(header_lines(folder)[1])
    mutate(body)
    write_body(folder, canonical_json(body))


def test_written_header_has_the_specified_layout(vault_dir):
    raw = (vault_dir / HEADER_NAME).read_bytes()
    lines = raw.split(b"\n")
    assert len(raw) <= 16 * 1024 and len(lines) == 5 and lines[4] == b""
    assert lines[0] == b"evidence-vault/2"
    body = json.loads(lines[1])
    assert canonical_json(body) == lines[1]
    assert set(body) == {"created_at", "kdf", "passphrase_wrap", "recovery_wrap", "vault_id"}
    assert body["kdf"]["alg"] == "argon2id"
    assert (body["kdf"]["memory_kib"], body["kdf"]["iterations"], body["kdf"]["lanes"]) == (65536, 3, 4)
    assert re.fullmatch(r"[0-9a-f]{32}", body["vault_id"])
    assert lines[2] == b"sha256 " + hashlib.sha256(lines[1]).hexdigest().encode()
    assert re.fullmatch(rb"mac [0-9a-f]{64}", lines[3])


@pytest.mark.parametrize("version", [b"evidence-vault/3", b"evidence-vault/10", b"evidence-vault/999999"])
def test_newer_format_version_is_refused_before_any_key_work(vault_dir, version):
    lines = header_lines(vault_dir)
    lines[0] = version
    (vault_dir / HEADER_NAME).write_bytes(b"\n".join(lines))
    before = snapshot(vault_dir)
    with pytest.raises(UnsupportedVersionError, match=r"newer version of Evidence Vault \(format "
                       + version.split(b"/")[1].decode() + r"\).*nothing has been changed"):
        Vault.open(vault_dir, PASSPHRASE)
    assert snapshot(vault_dir) == before


def test_format_version_zero_is_damage(vault_dir):
    lines = header_lines(vault_dir)
    lines[0] = b"evidence-vault/0"
    (vault_dir / HEADER_NAME).write_bytes(b"\n".join(lines))
    with pytest.raises(IntegrityError) as caught:
        read_header(vault_dir)
    assert caught.value.problems == ["header: unknown format version 0"]


@pytest.mark.parametrize("passphrase", [PASSPHRASE, "not the passphrase at all"])
def test_flipped_body_byte_is_damage_not_a_wrong_passphrase(vault_dir, passphrase):
    path = vault_dir / HEADER_NAME
    raw = path.read_bytes()
    path.write_bytes(flip_byte(raw, raw.index(b"salt") + 9))
    before = snapshot(vault_dir)
    with pytest.raises(IntegrityError, match="The vault header file is damaged") as caught:
        Vault.open(vault_dir, passphrase)
    assert caught.value.problems == ["header: its checksum does not match"]
    assert snapshot(vault_dir) == before


def test_intact_header_and_wrong_passphrase_is_wrong_passphrase(vault_dir):
    with pytest.raises(WrongPassphraseError, match="That passphrase did not unlock this vault"):
        Vault.open(vault_dir, "not the passphrase at all")


def test_every_single_byte_flip_of_the_header_is_caught(template, tmp_path):
    """Flip each byte of a real header (low bit, and high bit): the reader must refuse it as
    damaged / not a vault / newer, or, where only the MAC line changed, the MAC check must."""
    raw = (template.path / HEADER_NAME).read_bytes()
    parsed = read_header(template.path)
    header = parsed.header
    data_key = unwrap_key(header.kdf.derive(PASSPHRASE), header.passphrase_wrap,
                          PASS_AAD + header.vault_id, what="passphrase")
    parsed.check_mac(data_key)  # the untouched header passes
    mac_start = raw.index(b"\nmac ") + 1
    folder = tmp_path
    outcomes = {}
    for offset in range(len(raw)):
        for mask in (0x01, 0x80):
            (folder / HEADER_NAME).write_bytes(flip_byte(raw, offset, mask))
            try:
                flipped = read_header(folder)
            except (IntegrityError, VaultNotFoundError, UnsupportedVersionError) as exc:
                outcomes[type(exc).__name__] = outcomes.get(type(exc).__name__, 0) + 1
                continue
            assert offset > mac_start + 3, f"byte {offset} ^ {mask:#x} was accepted before the MAC"
            with pytest.raises(IntegrityError, match="header has been altered"):
                flipped.check_mac(data_key)
            outcomes["mac"] = outcomes.get("mac", 0) + 1
    # every kind of refusal occurred: the test saw the paths it claims to cover
    assert set(outcomes) == {"IntegrityError", "VaultNotFoundError", "UnsupportedVersionError", "mac"}, outcomes


@pytest.mark.parametrize("field, value, problem", [
    ("memory_kib", 1024, "header: memory_kib=1024 is outside the accepted range 65536..262144"),
    ("memory_kib", 1 << 40, f"header: memory_kib={1 << 40} is outside the accepted range 65536..262144"),
    ("iterations", 1, "header: iterations=1 is outside the accepted range 3..7"),
    ("iterations", 1_000_000, "header: iterations=1000000 is outside the accepted range 3..7"),
    ("lanes", 1, "header: lanes=1 is outside the accepted range 4..16"),
    ("lanes", 255, "header: lanes=255 is outside the accepted range 4..16"),
])
def test_kdf_params_outside_floor_or_cap_are_refused_without_running_the_kdf(vault_dir, field, value, problem):
    # A KDF run with 1 TiB of memory or a million passes could not return IntegrityError in
    # this test's lifetime: refusal here shows the bounds are checked first.
    edit_body(vault_dir, lambda body: body["kdf"].__setitem__(field, value))
    with pytest.raises(IntegrityError, match="The vault header file is damaged") as caught:
        Vault.open(vault_dir, PASSPHRASE)
    assert caught.value.problems == [problem]


@pytest.mark.parametrize("rewrite, problem", [
    (lambda b: json.dumps(json.loads(b), sort_keys=True).encode(), "header: not canonical JSON"),
    (lambda b: b.replace(b'{"created_at"', b'{ "created_at"'), "header: not canonical JSON"),
    (lambda b: b.replace(b'"argon2id"', b'"\\u0061rgon2id"'), "header: not canonical JSON"),
    (lambda b: json.dumps(dict(reversed(list(json.loads(b).items()))), separators=(",", ":")).encode(),
     "header: not canonical JSON"),
    (lambda b: b + b" ", "header: not canonical JSON"),
    (lambda b: b"[]", "header: list indices must be integers"),   # Python's own words follow
    (lambda b: b"{", "header: Expecting property name"),
    (lambda b: b"\xff{}", "header: 'utf-8' codec can't decode byte 0xff"),
])
def test_non_canonical_or_malformed_body_is_refused(vault_dir, rewrite, problem):
    write_body(vault_dir, rewrite(header_lines(vault_dir)[1]))
    with pytest.raises(IntegrityError, match="The vault header file is damaged") as caught:
        read_header(vault_dir)
    assert len(caught.value.problems) == 1 and caught.value.problems[0].startswith(problem)


@pytest.mark.parametrize("mutate, problem", [
    (lambda b: b.pop("kdf"), "header: 'kdf'"),
    (lambda b: b.__setitem__("kdf", "argon2id"), "header: kdf is not an object"),
    (lambda b: b.__setitem__("vault_id", b["vault_id"].upper()), "header: vault_id is not 32 lowercase hex digits"),
    (lambda b: b["recovery_wrap"].pop("salt"), "header: recovery salt is missing"),
])
def test_malformed_fields_are_refused(vault_dir, mutate, problem):
    edit_body(vault_dir, mutate)
    with pytest.raises(IntegrityError) as caught:
        Vault.open(vault_dir, PASSPHRASE)
    assert caught.value.problems == [problem]


@pytest.mark.parametrize("change, problem", [
    (lambda raw: raw + b"extra\n", "header: wrong number of lines"),
    (lambda raw: raw[:-1], "header: wrong number of lines"),
    (lambda raw: raw.replace(b"\nmac ", b"\nmac  "), "header: its seal line is malformed"),
    (lambda raw: raw.replace(b"\nmac ", b"\nMAC "), "header: its seal line is malformed"),
    (lambda raw: raw + b" " * (16 * 1024), "header: it is larger than any vault header"),
])
def test_malformed_layout_is_refused(vault_dir, change, problem):
    path = vault_dir / HEADER_NAME
    path.write_bytes(change(path.read_bytes()))
    with pytest.raises(IntegrityError) as caught:
        read_header(vault_dir)
    assert caught.value.problems == [problem]


def test_mac_line_with_a_non_ascii_byte_is_damage(vault_dir):
    path = vault_dir / HEADER_NAME
    raw = path.read_bytes()
    path.write_bytes(flip_byte(raw, raw.index(b"\nmac ") + 10, 0x80))
    with pytest.raises(IntegrityError) as caught:
        read_header(vault_dir)
    assert caught.value.problems == ["header: its seal line is malformed"]


def test_edited_header_with_recomputed_checksum_fails_the_mac_after_unlock(vault_dir):
    edit_body(vault_dir, lambda body: body.__setitem__("created_at", "2020-01-01T00:00:00.000Z"))
    read_header(vault_dir)  # the plain checksum is right: only the MAC can catch this
    with pytest.raises(IntegrityError, match="The vault header has been altered") as caught:
        Vault.open(vault_dir, PASSPHRASE)
    assert caught.value.problems == ["header: MAC does not match"]


def test_header_of_another_vault_is_refused(vault_dir, tmp_path):
    other, _ = Vault.create(tmp_path / "other", PASSPHRASE, owner_name="B", owner_role="C")
    other.close()
    (vault_dir / HEADER_NAME).write_bytes((tmp_path / "other" / HEADER_NAME).read_bytes())
    with pytest.raises(IntegrityError, match="belongs to a different vault") as caught:
        Vault.open(vault_dir, PASSPHRASE)
    assert caught.value.problems == ["database: vault_id does not match the header"]


def test_missing_empty_and_foreign_folders_are_told_apart(tmp_path):
    messages = set()
    with pytest.raises(VaultNotFoundError, match="the folder does not exist") as caught:
        Vault.open(tmp_path / "nowhere", PASSPHRASE)
    messages.add(str(caught.value))
    (tmp_path / "empty").mkdir()
    with pytest.raises(VaultNotFoundError, match="is empty: no vault has been created there yet") as caught:
        Vault.open(tmp_path / "empty", PASSPHRASE)
    messages.add(str(caught.value))
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "holiday.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(VaultNotFoundError, match="is not an Evidence Vault \\(it has no vault header\\)") as caught:
        Vault.open(tmp_path / "photos", PASSPHRASE)
    messages.add(str(caught.value))
    (tmp_path / "odd").mkdir()
    (tmp_path / "odd" / HEADER_NAME).write_bytes(b"some other program/1\n")
    with pytest.raises(VaultNotFoundError, match="does not hold an Evidence Vault \\(unrecognised header\\)") as caught:
        Vault.open(tmp_path / "odd", PASSPHRASE)
    messages.add(str(caught.value))
    assert len(messages) == 4
    assert sorted(p.name for p in (tmp_path / "photos").iterdir()) == ["holiday.jpg"]  # no lock left
