# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Outlook .msg files, written by msgforge (an independent implementation of MS-CFB and
MS-OXMSG) and read back through the intake with extract-msg."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone

import olefile
import pytest
from mailmaker import picture
from msgforge import Message

from evidence_vault import workflows
from evidence_vault.errors import EmailFormatError, SafeguardingBlock
from evidence_vault.safeguarding import parse_hash_list
from evidence_vault.safeguarding.actions import add_hash_list


def outlook_message(*attachments: tuple[str, bytes], html: str | None = None) -> bytes:
    msg = Message(
        subject="Meeting tomorrow", text_body="Come alone. Do not tell the office.",
        html_body=html, sender=("pat@sender.example", "Pat Sender"),
        to=[("smith@school.example", "Ms Smith")], cc=[("office@school.example", "Office")],
        sent=datetime(2026, 11, 27, 16, 30, tzinfo=timezone.utc),
    )
    for name, data in attachments:
        msg.attach_bytes(name, data)
    return msg.as_bytes()


def test_the_fixture_is_a_real_compound_file():
    data = outlook_message(("a.txt", b"x"))
    assert olefile.isOleFile(data)
    with olefile.OleFileIO(data) as ole:
        assert ole.exists("__properties_version1.0")
        assert any(entry[0].startswith("__attach_version1.0_") for entry in ole.listdir())


def test_an_outlook_email_is_kept_with_its_attachments(vault, case, tmp_path):
    report = b"%PDF-1.4\n" + bytes(range(256)) * 8
    photo = picture(21)
    data = outlook_message(("report.pdf", report), ("photo.png", photo),
                           html="<p>Come <b>alone</b>.</p><img src='http://192.0.2.1/t.gif'>")
    path = tmp_path / "Meeting tomorrow.msg"
    path.write_bytes(data)
    item = workflows.add_email(vault, case, path, dns=lambda name: pytest.fail("no DNS for .msg"))

    assert item.kind == "email" and item.info["media_type"] == "application/vnd.ms-outlook"
    assert vault.read_artefact(item.id, "original") == data
    assert item.info["subject"] == "Meeting tomorrow" and item.info["dkim"] == "not possible"
    text = vault.read_artefact(item.id, "text").decode()
    meta = json.loads(vault.read_artefact(item.id, "metadata"))
    assert "Pat Sender <pat@sender.example>" in text and "Ms Smith <smith@school.example>" in text
    assert "Subject:    Meeting tomorrow" in text
    assert "Come alone. Do not tell the office." in text
    assert "http://192.0.2.1/t.gif (not loaded)" in text
    assert "DKIM not possible" in text
    by_name = {a["filename"]: a for a in meta["attachments"]}
    assert by_name["report.pdf"]["sha256"] == hashlib.sha256(report).hexdigest()
    assert by_name["photo.png"]["size"] == len(photo)
    assert meta["source"] == "msg" and meta["dkim"]["status"] == "not possible"

    again = workflows.recheck_email(vault, item.id, dns=lambda name: pytest.fail("no DNS for .msg"))
    assert again.status == "not possible"


def test_a_listed_picture_in_an_outlook_email_refuses_it(vault, vault_dir, case, tmp_path):
    listed = picture(71)
    add_hash_list(vault, parse_hash_list(f"sha256:{hashlib.sha256(listed).hexdigest()}\n".encode(),
                                         name="Test list"))
    path = tmp_path / "bad.msg"
    path.write_bytes(outlook_message(("fine.txt", b"hello"), ("look.png", listed)))
    with pytest.raises(SafeguardingBlock):
        workflows.add_email(vault, case, path)
    assert vault.items() == []
    refusal = vault.events()[-1][2]
    assert refusal.type == "capture_refused" and refusal.data["url"] == "bad.msg, attachment look.png"
    for stored in vault_dir.rglob("*"):
        if stored.is_file():
            assert listed[-64:] not in stored.read_bytes()


def test_a_damaged_outlook_file_is_a_clear_error(vault, case, tmp_path):
    data = outlook_message(("a.txt", b"x"))
    path = tmp_path / "cut.msg"
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(EmailFormatError, match="could not be read as an Outlook email"):
        workflows.add_email(vault, case, path)
    assert vault.items() == []
