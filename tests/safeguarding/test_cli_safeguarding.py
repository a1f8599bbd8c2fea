# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The safeguarding commands, run for real over a real vault: lists, add-file refusals, flag,
hash-image, advice. Only synthetic random pictures are used, and the lists hold their hashes."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from synthetic_images import REPO_ROOT, encode, smooth_image

from evidence_vault.cli import commands_safeguarding
from evidence_vault.errors import StorageError
from evidence_vault.safeguarding import NO_LISTS_MESSAGE, image_hashes, safeguarding_advice
from evidence_vault.vault import Vault

CASE = "Test case"                           # the case the template vault holds (conftest)
LISTED = encode(smooth_image(71))            # the picture a list is made from
OTHER = encode(smooth_image(72))             # an unrelated picture: always accepted
LISTED_HASHES = image_hashes(LISTED)

_SCRIPT = Path(sys.executable).with_name("evidence-vault")
CLI = [str(_SCRIPT)] if _SCRIPT.is_file() else [sys.executable, "-m", "evidence_vault.cli.main"]


def write(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def flip_bits(pdq_hex: str, count: int) -> str:
    """``pdq_hex`` with its lowest ``count`` bits flipped: exactly ``count`` bits away."""
    return f"{int(pdq_hex, 16) ^ ((1 << count) - 1):064x}"


def events(cli) -> list[dict]:
    result = cli("log", "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def blob_files(vault_dir: Path) -> list[str]:
    return sorted(p.relative_to(vault_dir).as_posix() for p in (vault_dir / "blobs").rglob("*") if p.is_file())


def assert_vault_holds_none_of(vault_dir: Path, body: bytes) -> None:
    """No file of the vault holds the picture's bytes, nor any of its hashes (hex or raw)."""
    hashes = image_hashes(body)
    needles = {
        "the whole file": body,
        "its first bytes": body[:64],
        "a slice of its middle": body[len(body) // 2 : len(body) // 2 + 64],
        "its last bytes": body[-64:],
    }
    for kind in ("md5", "sha1", "sha256", "pdq"):
        value = getattr(hashes, kind)
        if value:
            needles[f"its {kind} (hex)"] = value.encode()
            needles[f"its {kind} (HEX)"] = value.upper().encode()
            needles[f"its {kind} (raw)"] = bytes.fromhex(value)
    files = [p for p in vault_dir.rglob("*") if p.is_file()]
    assert files
    for path in files:
        data = path.read_bytes()
        for what, needle in needles.items():
            assert needle not in data, f"{path.relative_to(vault_dir)} holds {what} of the refused picture"


def assert_ledger_holds_no_hash_of(cli, body: bytes) -> None:
    """The decrypted ledger does not mention any hash of the picture either."""
    text = json.dumps(events(cli)).lower()
    hashes = image_hashes(body)
    for kind in ("md5", "sha1", "sha256", "pdq"):
        value = getattr(hashes, kind)
        assert not value or value not in text, f"the ledger holds the {kind} of the refused picture"


def load_list(cli, tmp_path: Path, text: str, name: str = "Synthetic list"):
    result = cli("blocklist", "add", str(write(tmp_path / "list.txt", text)), "--name", name)
    assert result.code == 0, result.err
    return result


# -- blocklist add / list / remove -----------------------------------------------------------------


def test_with_no_list_loaded_the_coverage_message_says_so(cli):
    result = cli("blocklist", "list")
    assert result.code == 0
    assert NO_LISTS_MESSAGE in result.out and "blocklist add FILE" in result.out
    as_json = json.loads(cli("blocklist", "list", "--json").out)
    assert as_json == {"lists": [], "coverage": NO_LISTS_MESSAGE}


def test_lists_load_list_and_remove_with_counts_and_never_print_a_hash(cli, tmp_path):
    csv_text = (
        "# exported by a hash-sharing body\ntype,hash,label\n"
        f"md5,{'ab' * 16},one\nsha256,{'cd' * 32},two\npdq,{LISTED_HASHES.pdq},three\n"
    )
    plain_text = f"sha1:{'ef' * 20}\nmd5:{'01' * 16}\nmd5:{'23' * 16}\n"
    added = cli("blocklist", "add", str(write(tmp_path / "Police export.csv", csv_text)))
    assert added.code == 0, added.err
    assert "Loaded the hash list 'Police export': 1 MD5, 1 SHA-256, 1 PDQ (3 hashes in all)." in added.out
    added = cli("blocklist", "add", str(write(tmp_path / "other.txt", plain_text)), "--name", "Second list")
    assert added.code == 0, added.err
    assert "'Second list': 2 MD5, 1 SHA-1 (3 hashes in all)" in added.out

    listed = cli("blocklist", "list")
    assert listed.code == 0
    assert "Police export: 1 MD5, 1 SHA-256, 1 PDQ (3 hashes in all)" in listed.out
    assert "Second list: 2 MD5, 1 SHA-1 (3 hashes in all)" in listed.out
    assert "checked against 2 hash lists" in listed.out and NO_LISTS_MESSAGE not in listed.out
    as_json = json.loads(cli("blocklist", "list", "--json").out)
    assert as_json["lists"] == [
        {"name": "Police export", "counts": {"md5": 1, "sha1": 0, "sha256": 1, "pdq": 1}, "total": 3},
        {"name": "Second list", "counts": {"md5": 2, "sha1": 1, "sha256": 0, "pdq": 0}, "total": 3},
    ]

    removed = cli("blocklist", "remove", "Police export")
    assert removed.code == 0 and "Removed the hash list 'Police export'" in removed.out
    assert [e["name"] for e in json.loads(cli("blocklist", "list", "--json").out)["lists"]] == ["Second list"]
    removed = cli("blocklist", "remove", "Second list")
    assert removed.code == 0 and NO_LISTS_MESSAGE in removed.out

    types = [e["type"] for e in events(cli)]
    assert types.count("blocklist_added") == 2 and types.count("blocklist_removed") == 2
    everything = "".join([added.out, listed.out, removed.out, json.dumps(events(cli))]).lower()
    for digest in ("ab" * 16, "cd" * 32, LISTED_HASHES.pdq, "ef" * 20, "01" * 16, "23" * 16):
        assert digest not in everything, "a listed hash was printed or recorded"


def test_a_malformed_list_is_refused_with_its_line_number_and_nothing_is_loaded(cli, tmp_path):
    load_list(cli, tmp_path, f"md5:{'ab' * 16}\n", name="Good list")
    before_lists, before_events = cli("blocklist", "list", "--json").out, events(cli)
    bad = write(tmp_path / "bad.txt", f"# a list\nmd5:{'ab' * 16}\nmd5:{'ab' * 15}\npdq:{'00' * 32}\n")
    result = cli("blocklist", "add", str(bad))
    assert result.code == 2
    assert "bad.txt was not loaded: line 3:" in result.err and "MD5 hash is 32 hexadecimal digits" in result.err
    assert cli("blocklist", "list", "--json").out == before_lists
    assert events(cli) == before_events


def test_a_list_name_already_loaded_is_refused(cli, tmp_path):
    load_list(cli, tmp_path, f"md5:{'ab' * 16}\n")
    result = cli("blocklist", "add", str(write(tmp_path / "again.txt", f"sha1:{'cd' * 20}\n")),
                 "--name", "Synthetic list")
    assert result.code == 2 and "already loaded" in result.err
    assert cli("blocklist", "remove", "No such list").code == 2


# -- add-file behind the guard ---------------------------------------------------------------------


def test_add_file_of_a_listed_picture_is_refused_and_nothing_of_it_reaches_the_vault(cli, vault_dir, tmp_path):
    load_list(cli, tmp_path, f"pdq:{LISTED_HASHES.pdq}\n")
    blobs_before = blob_files(vault_dir)
    picture = write(tmp_path / "from-the-group-chat.png", LISTED)

    result = cli("add-file", "--case", CASE, str(picture))

    assert result.code == 3
    assert "has not added this file" in result.err and "Synthetic list" in result.err
    assert "safeguarding lead" in result.err and "police" in result.err
    assert result.out == ""
    assert json.loads(cli("list", "--json").out) == []
    assert blob_files(vault_dir) == blobs_before
    refusal = events(cli)[-1]
    assert refusal["type"] == "capture_refused"
    assert refusal["data"] == {"url": "from-the-group-chat.png", "matched_list": "Synthetic list",
                               "reason": "it looks like a picture on a hash list", "case_id": 1}
    assert refusal["artefacts"] == []
    assert str(tmp_path) not in json.dumps(refusal), "the folder of the file was recorded"
    assert_ledger_holds_no_hash_of(cli, LISTED)
    assert cli("verify").code == 0
    assert_vault_holds_none_of(vault_dir, LISTED)


def test_a_resized_recompressed_copy_is_refused_by_pdq(cli, vault_dir, tmp_path):
    load_list(cli, tmp_path, f"pdq:{LISTED_HASHES.pdq}\n")
    copy = tmp_path / "copy.jpg"
    smooth_image(71).resize((320, 240)).save(copy, "JPEG", quality=70)
    result = cli("add-file", "--case", CASE, str(copy))
    assert result.code == 3 and "Synthetic list" in result.err
    assert events(cli)[-1]["data"]["reason"] == "it looks like a picture on a hash list"
    assert_vault_holds_none_of(vault_dir, copy.read_bytes())
    assert_ledger_holds_no_hash_of(cli, copy.read_bytes())


def test_the_pdq_threshold_is_31_bits_a_near_miss_is_accepted(cli, tmp_path):
    picture = write(tmp_path / "picture.png", LISTED)
    load_list(cli, tmp_path, f"pdq:{flip_bits(LISTED_HASHES.pdq, 32)}\n", name="Near miss")
    accepted = cli("add-file", "--case", CASE, str(picture))
    assert accepted.code == 0, accepted.err
    assert "Added item 1: picture.png" in accepted.out
    assert cli("blocklist", "remove", "Near miss").code == 0
    load_list(cli, tmp_path, f"pdq:{flip_bits(LISTED_HASHES.pdq, 31)}\n", name="Just within")
    refused = cli("add-file", "--case", CASE, str(picture))
    assert refused.code == 3 and "Just within" in refused.err


def test_an_unrelated_picture_is_accepted_with_a_list_loaded(cli, vault_dir, tmp_path):
    load_list(cli, tmp_path, f"pdq:{LISTED_HASHES.pdq}\nsha256:{LISTED_HASHES.sha256}\n")
    result = cli("add-file", "--case", CASE, str(write(tmp_path / "clean.png", OTHER)))
    assert result.code == 0, result.err
    assert hashlib.sha256(OTHER).hexdigest() in result.out
    assert "capture_refused" not in [e["type"] for e in events(cli)]
    # The searches the refusal tests rely on do see a picture that *was* stored:
    with pytest.raises(AssertionError, match="its sha256"):
        assert_vault_holds_none_of(vault_dir, OTHER)
    with pytest.raises(AssertionError, match="sha256"):
        assert_ledger_holds_no_hash_of(cli, OTHER)


def test_a_truncated_png_is_refused_fail_closed_even_with_no_list(cli, vault_dir, tmp_path):
    cut = write(tmp_path / "cut-short.png", OTHER[: len(OTHER) // 3])
    blobs_before = blob_files(vault_dir)
    result = cli("add-file", "--case", CASE, str(cut))
    assert result.code == 3
    assert "could not check this file (the picture is damaged or incomplete)" in result.err
    assert "has not been added" in result.err and "does not mean the file holds anything illegal" in result.err
    assert blob_files(vault_dir) == blobs_before
    assert events(cli)[-1]["data"] == {"url": "cut-short.png", "matched_list": None, "case_id": 1,
                                       "reason": "it could not be checked: the picture is damaged or incomplete"}
    assert_vault_holds_none_of(vault_dir, cut.read_bytes())


def test_a_refusal_the_vault_cannot_record_is_still_a_refusal(cli, tmp_path, monkeypatch):
    load_list(cli, tmp_path, f"pdq:{LISTED_HASHES.pdq}\n")

    def disk_full(self, **_fields):
        raise StorageError("The disk is full.")

    monkeypatch.setattr(Vault, "record_refusal", disk_full)
    result = cli("add-file", "--case", CASE, str(write(tmp_path / "x.png", LISTED)))
    assert result.code == 3
    assert "has not added this file" in result.err and "could not be written in the vault's log" in result.err
    assert json.loads(cli("list", "--json").out) == []


# -- flag and advice -------------------------------------------------------------------------------


def test_flag_records_only_the_address_and_time_and_prints_the_advice(cli, vault_dir):
    blobs_before = blob_files(vault_dir)
    result = cli("flag", "https://bad.example/post/1")
    assert result.code == 3
    assert result.out.startswith(safeguarding_advice())
    assert "Nothing was captured or saved" in result.out and "https://bad.example/post/1" in result.out
    last = events(cli)[-1]
    assert (last["type"], last["data"], last["artefacts"]) == ("self_flagged", {"url": "https://bad.example/post/1"}, [])
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT[\d:.]+Z", last["at"])
    assert blob_files(vault_dir) == blobs_before
    assert json.loads(cli("list", "--json").out) == []


def test_flag_without_an_address_and_with_a_data_uri_records_no_picture(cli):
    assert cli("flag").code == 3
    assert events(cli)[-1]["data"] == {"url": None}
    payload = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
    assert cli("flag", f"data:image/png;base64,{payload}").code == 3
    recorded = events(cli)[-1]["data"]["url"]
    assert recorded == "data:image/png (picture embedded in the page)" and payload not in json.dumps(events(cli))


def test_flag_prints_the_advice_even_when_there_is_no_vault(cli, tmp_path):
    result = cli("flag", "https://bad.example/", vault=tmp_path / "no-vault-here")
    assert result.code == 3
    assert result.out.startswith(safeguarding_advice())
    assert "could not be written in the vault" in result.err and "on paper" in result.err
    assert not (tmp_path / "no-vault-here").exists()


def test_advice_needs_no_vault(cli, tmp_path):
    result = cli("advice", vault=tmp_path / "no-vault-here")
    assert result.code == 0 and result.out.rstrip("\n") == safeguarding_advice().rstrip("\n")


# -- hash-image ------------------------------------------------------------------------------------


def test_hash_image_prints_the_four_hashes_as_list_lines(cli, tmp_path):
    result = cli("hash-image", str(write(tmp_path / "given.png", LISTED)), vault=None)
    assert result.code == 0 and result.err == ""
    lines = [line for line in result.out.splitlines() if not line.startswith("#")]
    assert lines == [
        f"md5:{hashlib.md5(LISTED).hexdigest()}",
        f"sha1:{hashlib.sha1(LISTED).hexdigest()}",
        f"sha256:{hashlib.sha256(LISTED).hexdigest()}",
        f"pdq:{LISTED_HASHES.pdq}",
    ]
    assert f"# pdq quality {LISTED_HASHES.pdq_quality} of 100" in result.out
    as_json = json.loads(cli("hash-image", "--json", str(tmp_path / "given.png"), vault=None).out)
    assert as_json == {"md5": hashlib.md5(LISTED).hexdigest(), "sha1": hashlib.sha1(LISTED).hexdigest(),
                       "sha256": hashlib.sha256(LISTED).hexdigest(), "pdq": LISTED_HASHES.pdq,
                       "pdq_quality": LISTED_HASHES.pdq_quality, "pdq_usable": True, "note": None}


def test_hash_image_output_is_a_list_that_refuses_the_picture(cli, tmp_path):
    made = cli("hash-image", str(write(tmp_path / "given.png", LISTED)), vault=None)
    added = cli("blocklist", "add", str(write(tmp_path / "made.txt", made.out)))
    assert added.code == 0 and "1 MD5, 1 SHA-1, 1 SHA-256, 1 PDQ" in added.out
    refused = cli("add-file", "--case", CASE, str(tmp_path / "given.png"))
    assert refused.code == 3 and events(cli)[-1]["data"]["reason"] == "it is exactly a file on a hash list"


def test_hash_image_of_a_flat_picture_leaves_its_pdq_out_with_a_warning(cli, tmp_path):
    from PIL import Image

    flat = write(tmp_path / "flat.png", encode(Image.new("RGB", (200, 200), (120, 120, 120))))
    result = cli("hash-image", str(flat), vault=None)
    assert result.code == 0
    pdq_lines = [line for line in result.out.splitlines() if "pdq:" in line]
    assert len(pdq_lines) == 1 and pdq_lines[0].startswith("# pdq:")
    assert "below 50" in result.out and "warning:" in result.err and "below 50" in result.err
    assert json.loads(cli("hash-image", "--json", str(flat), vault=None).out)["pdq_usable"] is False


def test_hash_image_of_an_undecodable_picture_still_gives_the_exact_hashes(cli, tmp_path):
    cut = write(tmp_path / "cut.png", LISTED[:3000])
    result = cli("hash-image", str(cut), vault=None)
    assert result.code == 0
    assert f"sha256:{hashlib.sha256(cut.read_bytes()).hexdigest()}" in result.out.splitlines()
    assert "# pdq: it could not be computed (the picture is damaged or incomplete)" in result.out
    assert "warning:" in result.err
    as_json = json.loads(cli("hash-image", "--json", str(cut), vault=None).out)
    assert as_json["pdq"] is None and as_json["pdq_usable"] is False
    assert cli("hash-image", str(tmp_path / "missing.png"), vault=None).code == 2


def test_hash_image_writes_nothing_and_needs_no_vault_or_passphrase(tmp_path):
    work, temp, home = tmp_path / "work", tmp_path / "temp", tmp_path / "home"
    for folder in (work, temp, home):
        folder.mkdir()
    write(work / "given.png", LISTED)
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVIDENCE_VAULT_")}
    env.update(TMPDIR=str(temp), HOME=str(home), XDG_DATA_HOME=str(home / "data"),
               EVIDENCE_VAULT_DIR=str(tmp_path / "vault"))

    def listing() -> list[str]:
        return sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))

    before = listing()
    result = subprocess.run([*CLI, "hash-image", "given.png"], cwd=work, env=env, stdin=subprocess.DEVNULL,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert f"pdq:{LISTED_HASHES.pdq}" in result.stdout.splitlines()
    assert listing() == before
    assert (work / "given.png").read_bytes() == LISTED


# -- the CLI reference -----------------------------------------------------------------------------


def test_every_safeguarding_command_is_documented():
    import argparse

    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers()
    commands_safeguarding.register(sub)
    docs = (REPO_ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    missing = [name for name in sub.choices if f"### `evidence-vault {name}`" not in docs]
    assert not missing, f"docs/cli.md has no section for: {missing}"


@pytest.mark.parametrize("argv", [["flag", "--help"], ["blocklist", "--help"], ["destroy", "--help"]])
def test_help_works(cli, argv):
    assert cli(*argv).code == 0
