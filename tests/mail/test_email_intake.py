# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Keeping emails as evidence, through the library over a real vault: what is stored, what is
refused, and what the DKIM check records (issue 9, "Emails")."""

from __future__ import annotations

import hashlib
import json
import urllib.request
from email.message import EmailMessage

import pytest
from mailmaker import DOMAIN, KEY_NAME, RECEIVED, base_message, picture, wire

from evidence_vault import workflows
from evidence_vault.errors import EmailFormatError, SafeguardingBlock
from evidence_vault.mail import DnsUnavailable, dkim_history
from evidence_vault.safeguarding import parse_hash_list
from evidence_vault.safeguarding.actions import add_hash_list


def offline(name: str) -> bytes | None:
    raise DnsUnavailable("no network in this test")


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def files_of(folder) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and "blobs" in p.parts}


def stored(vault, item):
    text = vault.read_artefact(item.id, "text").decode("utf-8")
    meta = json.loads(vault.read_artefact(item.id, "metadata"))
    return text, meta


# -- a plain email ---------------------------------------------------------------------------------

def test_a_plain_email_is_kept_bit_for_bit_with_a_readable_rendering(vault, case, tmp_path):
    raw = wire(base_message())
    item = workflows.add_email(vault, case, write(tmp_path, "threat.eml", raw), dns=offline)

    assert item.kind == "email" and item.case == case.name
    assert vault.read_artefact(item.id, "original") == raw
    assert item.main_sha256 == hashlib.sha256(raw).hexdigest()
    assert [a.role for a in item.artefacts] == ["original", "text", "metadata"]
    text, meta = stored(vault, item)
    for line in ("From:       Pat Sender <pat@sender.example>", "To:         Ms Smith <smith@school.example>",
                 "Cc:         Office <office@school.example>", "Date:       Fri, 27 Nov 2026 16:30:00 +0000",
                 "Subject:    You will regret this", "Message-ID: <20261127163000.1234@sender.example>"):
        assert line in text
    assert f"  1. {RECEIVED[0]}" in text and f"  2. {RECEIVED[1]}" in text
    assert "I know where you park." in text
    assert "No DKIM signature" in text
    assert meta["headers"]["Subject"] == "You will regret this"
    assert meta["received"] == list(RECEIVED)
    assert meta["file"] == {"name": "threat.eml", "size": len(raw), "sha256": hashlib.sha256(raw).hexdigest()}
    assert meta["attachments"] == [] and meta["dkim"]["status"] == "no signature"
    assert item.info["subject"] == "You will regret this" and item.info["dkim"] == "no signature"
    assert vault.verify().ok


# -- HTML with remote pictures: nothing is fetched -------------------------------------------------

def test_remote_pictures_in_html_are_listed_and_never_fetched(vault, case, tmp_path, web):
    msg = base_message()
    msg.add_alternative(
        "<html><head><link rel=stylesheet href='" + web.base + "/style.css'>"
        "<style>body { background: url(" + web.base + "/bg.png) }</style></head><body>"
        "<p>Look at <b>this</b>:</p><img src='" + web.base + "/pixel.png?id=smith' alt='tracker'>"
        "<div style=\"background-image:url('" + web.base + "/div.png')\">"
        "<a href='https://sender.example/more'>more</a></div>"
        "<script src='" + web.base + "/x.js'>var secret = 'SCRIPT-TEXT';</script>"
        "<svg><image xlink:href='" + web.base + "/svg.png'/></svg></body></html>", subtype="html")
    item = workflows.add_email(vault, case, write(tmp_path, "html.eml", wire(msg)), dns=offline)
    text, meta = stored(vault, item)

    assert web.hits == [], f"Evidence Vault fetched {web.hits}"
    expected = [f"{web.base}/style.css", f"{web.base}/bg.png", f"{web.base}/pixel.png?id=smith",
                f"{web.base}/div.png", f"{web.base}/x.js", f"{web.base}/svg.png"]
    assert sorted(meta["remote_content_not_loaded"]) == sorted(expected)
    assert f"[picture: tracker — {web.base}/pixel.png?id=smith (not loaded)]" in text
    assert "Look at this:" in text and "more <https://sender.example/more>" in text
    assert "none of it was loaded" in text and "SCRIPT-TEXT" not in text
    # The server does count a real request, so zero hits above means nothing was asked for.
    urllib.request.urlopen(f"{web.base}/pixel.png?id=smith", timeout=10).read()
    assert web.hits == ["/pixel.png?id=smith"]


# -- attachments ---------------------------------------------------------------------------------

def test_attachments_and_inline_pictures_are_listed_with_their_fingerprints(vault, case, tmp_path):
    msg = base_message()
    msg.add_alternative("<p>See <img src='cid:photo1'></p>", subtype="html")
    photo = picture(11)
    msg.get_payload()[1].add_related(photo, "image", "png", cid="<photo1>", filename="photo.png")
    report = b"%PDF-1.4\n% a report\n" * 50
    msg.add_attachment(report, maintype="application", subtype="pdf", filename="report.pdf")
    forwarded = base_message(subject="Earlier one", body="the earlier message\n")
    forwarded.add_attachment(b"name,score\nsmith,0\n", maintype="text", subtype="csv", filename="list.csv")
    msg.add_attachment(forwarded)
    item = workflows.add_email(vault, case, write(tmp_path, "with-files.eml", wire(msg)), dns=offline)
    text, meta = stored(vault, item)

    by_name = {a["filename"]: a for a in meta["attachments"]}
    assert by_name["photo.png"]["sha256"] == hashlib.sha256(photo).hexdigest()
    assert by_name["photo.png"]["inline"] is True and by_name["photo.png"]["content_id"] == "photo1"
    assert by_name["report.pdf"] == {"filename": "report.pdf", "content_type": "application/pdf",
                                     "size": len(report), "sha256": hashlib.sha256(report).hexdigest(),
                                     "inline": False, "content_id": None}
    assert by_name["list.csv"]["size"] == len(b"name,score\nsmith,0\n")  # inside the forwarded email
    assert f"report.pdf (application/pdf, {len(report):,} bytes), fingerprint " in text
    assert "photo.png (image/png" in text and "shown inside the email" in text
    assert "[picture — a picture attached to the email]" in text
    assert item.info["attachments"] == len(meta["attachments"])


# -- clause 71: a listed picture refuses the whole email ---------------------------------------------

LISTED = picture(71)


def _load_list(vault) -> None:
    text = f"sha256:{hashlib.sha256(LISTED).hexdigest()}\n".encode()
    add_hash_list(vault, parse_hash_list(text, name="Test list"))


def _assert_nothing_of(vault_dir, body: bytes) -> None:
    for path in vault_dir.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert body[:64] not in data and body[-64:] not in data, path


@pytest.mark.parametrize("how", ["attached", "inline", "data-uri", "in-forwarded-email"])
def test_a_listed_picture_anywhere_in_the_email_refuses_it_and_writes_nothing(
        vault, vault_dir, case, tmp_path, how):
    _load_list(vault)
    msg = base_message()
    if how == "attached":
        msg.add_attachment(LISTED, maintype="image", subtype="png", filename="look.png")
    elif how == "inline":
        msg.add_alternative("<img src='cid:p'>", subtype="html")
        msg.get_payload()[1].add_related(LISTED, "image", "png", cid="<p>", filename="look.png")
    elif how == "data-uri":
        import base64
        msg.add_alternative("<img src='data:image/png;base64,"
                            + base64.b64encode(LISTED).decode() + "'>", subtype="html")
    else:
        inner = base_message(subject="fwd")
        inner.add_attachment(LISTED, maintype="image", subtype="png", filename="look.png")
        msg.add_attachment(inner)
    before_blobs = files_of(vault_dir)
    before_events = len(vault.events())
    with pytest.raises(SafeguardingBlock) as refused:
        workflows.add_email(vault, case, write(tmp_path, "bad.eml", wire(msg)), dns=offline)

    assert "Test list" in str(refused.value) and "Nothing from it has been saved" in str(refused.value)
    assert files_of(vault_dir) == before_blobs
    assert vault.items() == []
    events = vault.events()
    assert len(events) == before_events + 1
    refusal = events[-1][2]
    assert refusal.type == "capture_refused" and refusal.artefacts == []
    assert refusal.data["url"].startswith("bad.eml") and refusal.data["matched_list"] == "Test list"
    assert str(tmp_path) not in json.dumps(refusal.data)
    _assert_nothing_of(vault_dir, LISTED)


def test_an_attachment_that_claims_to_be_a_picture_but_is_not_refuses_the_email(vault, vault_dir, case, tmp_path):
    """Fail closed, as for pages: a mail program would try to show it, and it cannot be checked."""
    msg = base_message()
    msg.add_attachment(b"this is not a picture at all" * 10, maintype="image", subtype="png", filename="x.png")
    before = files_of(vault_dir)
    with pytest.raises(SafeguardingBlock, match="could not check this file"):
        workflows.add_email(vault, case, write(tmp_path, "odd.eml", wire(msg)), dns=offline)
    assert files_of(vault_dir) == before and vault.items() == []
    assert vault.events()[-1][2].data["url"] == "odd.eml, attachment x.png"


def test_an_email_with_a_clean_picture_passes_a_loaded_list(vault, case, tmp_path):
    _load_list(vault)
    msg = base_message()
    msg.add_attachment(picture(72), maintype="image", subtype="png", filename="ok.png")
    item = workflows.add_email(vault, case, write(tmp_path, "ok.eml", wire(msg)), dns=offline)
    _text, meta = stored(vault, item)
    assert meta["safeguarding"]["pdq_checked"] >= 1


# -- broken files ------------------------------------------------------------------------------

HEAD = (b"From: a@sender.example\r\nTo: b@school.example\r\nSubject: x\r\nMIME-Version: 1.0\r\n")
BROKEN = {
    "parts never start": HEAD + b'Content-Type: multipart/mixed; boundary="XYZ"\r\n\r\nno parts\r\n',
    "no boundary": HEAD + b"Content-Type: multipart/mixed\r\n\r\n--XYZ\r\n\r\nhi\r\n--XYZ--\r\n",
    "never closed": HEAD + b'Content-Type: multipart/mixed; boundary="XYZ"\r\n\r\n--XYZ\r\n'
                           b"Content-Type: text/plain\r\n\r\nhi\r\n",
    # (base64 that is also a damaged *picture* is refused by the guard first: exit 3, not 2)
    "bad base64": HEAD + b'Content-Type: multipart/mixed; boundary="XYZ"\r\n\r\n--XYZ\r\n'
                         b"Content-Type: text/plain\r\n\r\nhi\r\n--XYZ\r\nContent-Type: application/octet-stream\r\n"
                         b"Content-Disposition: attachment; filename=a.bin\r\n"
                         b"Content-Transfer-Encoding: base64\r\n\r\naGVs!!bG8gd29ybGQ=\r\n--XYZ--\r\n",
}


@pytest.mark.parametrize("what", sorted(BROKEN))
def test_a_broken_mime_structure_is_a_clear_error_and_nothing_is_written(vault, vault_dir, case, tmp_path, what):
    before = files_of(vault_dir), len(vault.events())
    with pytest.raises(EmailFormatError) as error:
        workflows.add_email(vault, case, write(tmp_path, "broken.eml", BROKEN[what]), dns=offline)
    message = str(error.value)
    assert message.startswith("The email file broken.eml is damaged:")
    assert "nothing from it has been saved" in message and "Traceback" not in message
    assert error.value.exit_code == 2
    assert (files_of(vault_dir), len(vault.events())) == before


def test_a_file_that_is_not_an_email_is_refused_in_words(vault, case, tmp_path):
    with pytest.raises(EmailFormatError, match="does not look like an email file"):
        workflows.add_email(vault, case, write(tmp_path, "notes.eml", b"just some notes\n"), dns=offline)
    with pytest.raises(EmailFormatError, match="is not an Outlook email file"):
        workflows.add_email(vault, case, write(tmp_path, "fake.msg", wire(base_message())), dns=offline)


# -- DKIM ------------------------------------------------------------------------------------------

def test_a_signed_email_passes_dkim_and_the_key_record_used_is_kept(vault, case, tmp_path, key):
    raw = key.sign(wire(base_message()))
    item = workflows.add_email(vault, case, write(tmp_path, "signed.eml", raw), dns=key.dns)
    text, meta = stored(vault, item)
    assert item.info["dkim"] == "pass" and item.info["dkim_domain"] == DOMAIN
    assert meta["dkim"]["status"] == "pass"
    assert meta["dkim"]["key_name"] == KEY_NAME
    assert meta["dkim"]["key_record"] == key.record.decode()
    assert meta["dkim"]["selector"] == "s2026"
    assert f"exactly as the mail server of {DOMAIN} sent them" in text
    assert vault.read_artefact(item.id, "original") == raw


def _altered(raw: bytes, old: bytes, new: bytes) -> bytes:
    assert raw.count(old) == 1
    return raw.replace(old, new)


@pytest.mark.parametrize("change", ["subject", "body"])
def test_an_altered_signed_email_fails_dkim_and_is_still_kept(vault, case, tmp_path, key, change):
    raw = key.sign(wire(base_message()))
    altered = (_altered(raw, b"Subject: You will regret this", b"Subject: You will regret that")
               if change == "subject" else _altered(raw, b"where you park", b"where you live"))
    item = workflows.add_email(vault, case, write(tmp_path, "altered.eml", altered), dns=key.dns)
    text, meta = stored(vault, item)
    assert item.info["dkim"] == "fail" and meta["dkim"]["status"] == "fail"
    assert vault.read_artefact(item.id, "original") == altered
    reason = meta["dkim"]["reason"]
    assert reason == ("the text of the email was changed after it was signed" if change == "body"
                      else "the signature does not match the signed headers")
    assert "DKIM fail" in text and "kept as evidence all the same" in text


def test_a_key_the_domain_does_not_publish_fails_with_that_reason(vault, case, tmp_path, key):
    raw = key.sign(wire(base_message()))
    item = workflows.add_email(vault, case, write(tmp_path, "nokey.eml", raw), dns=lambda name: None)
    _text, meta = stored(vault, item)
    assert meta["dkim"]["status"] == "fail"
    assert meta["dkim"]["reason"] == f"no key is published at {KEY_NAME}"


def test_offline_is_not_checked_and_a_recheck_records_a_new_event(vault, case, tmp_path, key):
    raw = key.sign(wire(base_message()))
    item = workflows.add_email(vault, case, write(tmp_path, "later.eml", raw), dns=offline)
    text, meta = stored(vault, item)
    assert item.info["dkim"] == "not checked (offline)" and meta["dkim"]["status"] == "not checked (offline)"
    assert "recheck-email" in text
    before = vault.item(item.id)

    result = workflows.recheck_email(vault, item.id, dns=key.dns)
    assert result.status == "pass" and result.domain == DOMAIN
    after = vault.item(item.id)
    assert after.info == before.info and after.artefacts == before.artefacts  # never altered
    last = vault.events()[-1][2]
    assert last.type == "email_rechecked" and last.data["item_id"] == item.id
    assert last.data["dkim"]["status"] == "pass" and last.data["dkim"]["key_record"] == key.record.decode()
    history = dkim_history(vault, item.id)
    assert [h["status"] for h in history] == ["not checked (offline)", "pass"]
    assert vault.verify().ok


def test_recheck_refuses_an_item_that_is_not_an_email(vault, case, tmp_path):
    from evidence_vault.errors import UsageError
    incident = vault.add_incident(case, kind="other", text="x", occurred_at="2026-11-27T16:30:00Z")
    with pytest.raises(UsageError, match="is not an email"):
        workflows.recheck_email(vault, incident.id, dns=offline)


def test_a_plain_text_message_object_round_trips_without_html(vault, case, tmp_path):
    msg = EmailMessage()
    msg["From"] = "x@sender.example"
    msg["Subject"] = "=?utf-8?q?Caf=C3=A9_tonight?="
    msg.set_content("see you\n")
    item = workflows.add_email(vault, case, write(tmp_path, "cafe.eml", msg.as_bytes()), dns=offline)
    assert item.info["subject"] == "Café tonight"
    text, _meta = stored(vault, item)
    assert "To:         (not given)" in text


def test_with_two_signatures_one_that_verifies_is_a_pass_and_both_are_recorded(vault, case, tmp_path, key):
    import dkim as dkimpy
    from mailmaker import SigningKey
    other = SigningKey.generate()
    raw = key.sign(wire(base_message()))
    second = dkimpy.sign(raw, b"list", b"lists.example", other.private_pem,
                         include_headers=[b"from", b"subject"])
    item = workflows.add_email(vault, case, write(tmp_path, "two.eml", second + raw), dns=key.dns)
    _text, meta = stored(vault, item)
    assert meta["dkim"]["status"] == "pass" and meta["dkim"]["domain"] == DOMAIN
    assert [(s["domain"], s["status"]) for s in meta["dkim"]["signatures"]] == [
        ("lists.example", "fail"), (DOMAIN, "pass")]
    assert meta["dkim"]["signatures"][0]["reason"] == "no key is published at list._domainkey.lists.example"


def test_the_same_email_twice_names_the_first_item_unless_again(vault, case, tmp_path):
    from evidence_vault.errors import DuplicateFileError
    path = write(tmp_path, "twice.eml", wire(base_message()))
    first = workflows.add_email(vault, case, path, dns=offline)
    with pytest.raises(DuplicateFileError, match=f"already in the vault as item {first.id}"):
        workflows.add_email(vault, case, path, dns=offline)
    with pytest.raises(DuplicateFileError):
        workflows.add_file(vault, case, path)  # add-file hands it to the same intake
    again = workflows.add_email(vault, case, path, dns=offline, again=True)
    assert again.id != first.id and again.kind == "email"
