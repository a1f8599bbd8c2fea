# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Issue 20 §2: every item says when it happened, not only when it was filed.

What the file says is offered with its source and never filled in silently; what the person
gives (``--at`` in the UK date words of ``note``) is stored with its source; ``list`` is
ordered by it. Real files, a real vault, the real command in a subprocess (and on a pty).
"""

from __future__ import annotations

import io
import json
import os
from datetime import datetime, timezone

import pytest
from PIL import Image

from evidence_vault import workflows
from evidence_vault.file_times import from_name, time_hints
from evidence_vault.vault.when import GIVEN_BY_PERSON, Happened, in_time_order, timeline_time
from tests.vault.helpers import PASSPHRASE, run_cli

LONDON = {"TZ": "Europe/London", "LANG": "en_GB.UTF-8"}


def ok(result):
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture
def london(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/London")


def phone_photo(taken: str, offset: str | None = None) -> bytes:
    image = Image.new("RGB", (64, 48), (200, 40, 40))
    exif = Image.Exif()
    sub = exif.get_ifd(0x8769)
    sub[0x9003] = taken
    if offset:
        sub[0x9011] = offset
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


@pytest.mark.parametrize("name, at", [
    ("Screenshot_20261119-163012.png", "2026-11-19T16:30:12Z"),
    ("IMG_20261119_163012.jpg", "2026-11-19T16:30:12Z"),
    ("PXL_20261119_163012345.jpg", "2026-11-19T16:30:12Z"),
    ("Screenshot 2026-11-19 at 16.30.12.png", "2026-11-19T16:30:12Z"),
    ("WhatsApp Image 2026-11-19 at 16.30.12.jpeg", "2026-11-19T16:30:12Z"),
    ("Screenshot from 2026-06-19 16-30-12.png", "2026-06-19T15:30:12Z"),  # BST: local time
    ("minutes 2026-11-19.pdf", "2026-11-19"),
])
def test_a_date_in_the_file_name_is_read_as_local_time_and_named_as_such(london, name, at):
    hint = from_name(name)
    assert hint.source == "file_name" and hint.at == at
    if "T" in at:
        assert hint.according_to == f"according to the file's name ({name}; read as local time on this computer)"
    else:
        assert hint.time_unknown and hint.words().startswith("Thu 19 Nov 2026, time not known, according to")


@pytest.mark.parametrize("name", ["IMG_2041.png", "20261340_991234.jpg", "report-2026.pdf", "1202611191630.png"])
def test_names_without_a_real_date_offer_nothing(name):
    assert from_name(name) is None


def test_everything_the_file_says_is_offered_best_first_each_with_its_source(london, tmp_path):
    path = tmp_path / "Screenshot_20261119-163012.jpg"
    data = phone_photo("2026:11:19 16:29:58", "+00:00")
    path.write_bytes(data)
    changed = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc).timestamp()
    os.utime(path, (changed, changed))
    hints = time_hints(path, data)
    assert [h.source for h in hints] == ["file_data", "file_name", "file_modified"]
    assert [h.at for h in hints] == ["2026-11-19T16:29:58Z", "2026-11-19T16:30:12Z", "2026-12-01T09:00:00Z"]
    assert hints[0].words() == ("Thu 19 Nov 2026, 16:29 GMT, according to the picture's own data "
                                "(EXIF DateTimeOriginal with OffsetTimeOriginal)")
    assert hints[2].words() == ("Tue 1 Dec 2026, 09:00 GMT, when the file was last changed, according to "
                                "this computer (a copied file may show when it was copied)")
    picked = hints[1].happened()
    assert picked.info() == {"occurred_at": "2026-11-19T16:30:12Z", "occurred_at_source": (
        "according to the file's name (Screenshot_20261119-163012.jpg; read as local time on this "
        "computer), confirmed by the person who added it")}


def test_a_time_in_the_future_is_not_offered(london, tmp_path):
    path = tmp_path / "IMG_20991119_163012.jpg"  # a phone whose clock was wrong
    path.write_bytes(phone_photo("2099:11:19 16:30:12"))
    now = datetime(2026, 12, 6, 12, 0, tzinfo=timezone.utc)
    os.utime(path, (now.timestamp(), now.timestamp()))
    assert [h.source for h in time_hints(path, path.read_bytes(), now=now)] == ["file_modified"]


def test_the_file_is_added_with_when_it_happened_and_nothing_is_taken_from_it_unasked(vault, tmp_path):
    case = vault.find_case("1")
    path = tmp_path / "Screenshot_20261119-163012.png"
    path.write_bytes(b"not a picture, but the name has a date")
    silent = workflows.add_file(vault, case, path)
    assert "occurred_at" not in silent.info  # never filled in from the file's name
    assert timeline_time(silent) == (silent.created_at, "added")
    other = tmp_path / "other.txt"
    other.write_bytes(b"another")
    given = workflows.add_file(vault, case, other, note="from the Year 9 chat",
                               happened=Happened("2026-11-18T10:15:00Z"))
    assert given.info["occurred_at"] == "2026-11-18T10:15:00Z"
    assert given.info["occurred_at_source"] == GIVEN_BY_PERSON == "given by the person who added it"
    assert timeline_time(given) == ("2026-11-18T10:15:00Z", "happened")
    # the file added now, about 18 November, comes before the call logged for 27 November
    assert [i.id for i in in_time_order(vault.items(case))] == [given.id, 1, 2, silent.id]
    assert vault.verify().ok


def test_add_file_at_takes_the_words_of_note_and_list_is_ordered_by_it(vault_dir, tmp_path):
    path = tmp_path / "from-phone.txt"
    path.write_bytes(b"phone screenshot text")
    result = ok(run_cli(vault_dir, "add-file", "--case", "1", "--at", "18/11/2026 10:15", "--note",
                        "the Year 9 chat", str(path), env=LONDON))
    assert "  happened: Wed 18 Nov 2026, 10:15 GMT (given by the person who added it)\n" in result.stdout
    listed = ok(run_cli(vault_dir, "list", env=LONDON)).stdout.splitlines()
    assert listed[0].startswith("    3  Wed 18 Nov 2026 10:15  happened  file         ")
    assert listed[0].endswith("from-phone.txt (the Year 9 chat)")
    assert listed[1].startswith("    1  Fri 27 Nov 2026 16:30  happened  incident")
    assert "  added     file " in listed[2]
    shown = ok(run_cli(vault_dir, "show", "3", env=LONDON)).stdout
    assert "  happened: Wed 18 Nov 2026, 10:15 GMT (given by the person who added it)" in shown
    assert "  happened: not given" in ok(run_cli(vault_dir, "show", "2", env=LONDON)).stdout
    day = tmp_path / "day.txt"
    day.write_bytes(b"a day only")
    ok(run_cli(vault_dir, "add-file", "--case", "1", "--at", "17/11/2026", "--time-unknown", str(day), env=LONDON))
    item = json.loads(ok(run_cli(vault_dir, "show", "4", "--json")).stdout)
    assert item["info"]["occurred_at"] == "2026-11-17" and item["info"]["time_unknown"] is True
    assert item["timeline"] == {"at": "2026-11-17", "label": "happened"}
    assert ok(run_cli(vault_dir, "list", env=LONDON)).stdout.startswith(
        "    4  Tue 17 Nov 2026, time not known  happened  file")


@pytest.mark.parametrize("at, message", [
    ("17/11/2026", "is a date (Tue 17 Nov 2026) without a time"),
    ("next tuesday", "is not a date and time Evidence Vault understands"),
    ("31/12/2099 10:00", "That time is in the future"),
])
def test_add_file_at_that_cannot_be_read_adds_nothing(vault_dir, tmp_path, at, message):
    path = tmp_path / "x.txt"
    path.write_bytes(b"x")
    result = run_cli(vault_dir, "add-file", "--case", "1", "--at", at, str(path), env=LONDON)
    assert result.returncode == 2 and message in result.stderr
    assert len(json.loads(ok(run_cli(vault_dir, "list", "--json")).stdout)) == 2


def test_without_a_terminal_what_the_file_says_is_printed_as_not_used(vault_dir, tmp_path):
    path = tmp_path / "Screenshot_20261119-163012.png"
    path.write_bytes(b"a screenshot")
    result = ok(run_cli(vault_dir, "add-file", "--case", "1", str(path), env=LONDON))
    assert ("  happened: not given, so the timeline places it by when it was added.\n"
            "  The file says (not used):\n"
            "    Thu 19 Nov 2026, 16:30 GMT, according to the file's name (Screenshot_20261119-163012.png; "
            "read as local time on this computer)\n") in result.stdout
    item = json.loads(ok(run_cli(vault_dir, "show", "3", "--json")).stdout)
    assert "occurred_at" not in item["info"]


def _on_a_terminal(vault_dir, *args, typed: str):
    import pty
    import subprocess

    from tests.vault.helpers import CLI, cli_env

    leader, follower = pty.openpty()
    try:
        os.write(leader, typed.encode())
        return subprocess.run([*CLI, "--vault", str(vault_dir), *args], stdin=follower, capture_output=True,
                              text=True, timeout=120,
                              env=cli_env(EVIDENCE_VAULT_PASSPHRASE=PASSPHRASE, **LONDON))
    finally:
        os.close(follower)
        os.close(leader)


def test_on_a_terminal_it_asks_offering_what_the_file_says_and_stores_the_pick_with_its_source(vault_dir, tmp_path):
    path = tmp_path / "Screenshot_20261119-163012.png"
    path.write_bytes(b"a screenshot")
    done = _on_a_terminal(vault_dir, "add-file", "--case", "1", str(path),
                          typed="next tuesday\n1\nthe post about the trip\n")
    assert done.returncode == 0, done.stderr
    assert "When did what Screenshot_20261119-163012.png shows happen?" in done.stdout
    assert "  1  Thu 19 Nov 2026, 16:30 GMT, according to the file's name" in done.stdout
    assert "'next tuesday' is not a date and time Evidence Vault understands" in done.stdout  # asked again
    item = json.loads(ok(run_cli(vault_dir, "show", "3", "--json")).stdout)
    assert item["info"]["occurred_at"] == "2026-11-19T16:30:12Z"
    assert item["info"]["occurred_at_source"].endswith(", confirmed by the person who added it")
    assert item["info"]["note"] == "the post about the trip"


def test_on_a_terminal_enter_means_not_known_and_a_typed_time_is_the_persons(vault_dir, tmp_path):
    first = tmp_path / "a.txt"
    first.write_bytes(b"a")
    second = tmp_path / "b.txt"
    second.write_bytes(b"b")
    assert _on_a_terminal(vault_dir, "add-file", "--case", "1", str(first), typed="\n\n").returncode == 0
    assert _on_a_terminal(vault_dir, "add-file", "--case", "1", "--note", "n", str(second),
                          typed="yesterday 9am\n").returncode == 0
    items = json.loads(ok(run_cli(vault_dir, "list", "--json")).stdout)
    assert "occurred_at" not in items[2]["info"] and items[2]["info"]["note"] is None
    assert items[3]["info"]["occurred_at_source"] == GIVEN_BY_PERSON and items[3]["info"]["note"] == "n"
