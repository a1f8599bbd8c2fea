# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The real ``evidence-vault`` command in a subprocess: exit codes (0/1/2/3/4, docs/cli.md),
one-line errors without tracebacks, JSON shapes, passphrase sources, and that no passphrase
is ever printed (``run_cli`` checks that on every call)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

import evidence_vault
from evidence_vault import Vault
from evidence_vault.cli.main import build_parser

from .helpers import (
    CLI, NEW_PASSPHRASE, PASSPHRASE, cli_env, flip_file_byte, blob_path, one_line_error, run_cli, sha256,
    snapshot,
)

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "cli.md"
UTC_MS = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
RECOVERY = re.compile(r"^    ([A-Z2-9]{5}(?:-[A-Z2-9]{5}){7})$", re.M)


def ok(result):
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result


# -- the program itself -------------------------------------------------------------------
def test_version():
    result = ok(run_cli(None, "--version", passphrase=None))
    assert result.stdout == f"evidence-vault {evidence_vault.__version__}\n"


def test_no_command_and_unknown_command_exit_2(tmp_path):
    bare = run_cli(tmp_path, passphrase=None)
    assert bare.returncode == 2 and "COMMAND" in bare.stdout
    unknown = run_cli(tmp_path, "frobnicate", passphrase=None)
    assert unknown.returncode == 2
    assert "evidence-vault: argument COMMAND: invalid choice: 'frobnicate'" in unknown.stderr
    assert "Run 'evidence-vault --help' for the commands." in unknown.stderr


def test_status_needs_no_passphrase(tmp_path, vault_dir):
    missing = ok(run_cli(tmp_path / "no where", "status", passphrase=None))
    # the folder asked about, so that the command shown makes the vault there (quoted: a space)
    assert (f"Vault: not created yet. Create it with:  evidence-vault --vault "
            f"'{tmp_path / 'no where'}' init") in missing.stdout
    default = ok(run_cli(None, "status", passphrase=None, env={"EVIDENCE_VAULT_DIR": str(tmp_path / "d")}))
    assert "Create it with:  evidence-vault init" in default.stdout
    present = ok(run_cli(vault_dir, "status", passphrase=None))
    assert f"'evidence-vault --vault {vault_dir} verify' to check it" in present.stdout
    assert re.search(r"Vault: present \(created \w{3} \d+ \w{3} \d{4}, \d\d:\d\d \w+, format 2\)\.",
                     present.stdout)


# -- init, passphrases, recovery ----------------------------------------------------------
def test_init_then_recover_with_the_printed_key(tmp_path):
    folder = tmp_path / "new-vault"
    new_file = tmp_path / "pass.txt"
    new_file.write_text(PASSPHRASE + "\n", encoding="utf-8")  # a trailing newline is not part of it
    created = ok(run_cli(folder, "init", "--name", "Sam Teacher", "--role", "Teacher",
                         "--new-passphrase-file", str(new_file), passphrase=None))
    assert f"Created your evidence vault in {folder}." in created.stdout
    recovery = RECOVERY.search(created.stdout)[1]
    ok(run_cli(folder, "case", "add", "First case"))  # the passphrase from the file works
    key_file = tmp_path / "key.txt"
    key_file.write_text(recovery.lower().replace("-", " ") + "\n", encoding="utf-8")
    changed = ok(run_cli(folder, "passwd", "--use-recovery-key", "--recovery-key-file", str(key_file),
                         passphrase=None, env={"EVIDENCE_VAULT_NEW_PASSPHRASE": NEW_PASSPHRASE},
                         secrets=(recovery,)))
    assert "Passphrase changed." in changed.stdout
    old = run_cli(folder, "case", "list", secrets=(recovery,))
    assert old.returncode == 2 and "That passphrase did not unlock this vault" in one_line_error(old)
    listed = ok(run_cli(folder, "case", "list", "--json", passphrase=NEW_PASSPHRASE, secrets=(recovery,)))
    assert json.loads(listed.stdout) == [{"id": 1, "name": "First case"}]
    log = ok(run_cli(folder, "log", "--json", passphrase=NEW_PASSPHRASE, secrets=(recovery,)))
    assert [e["type"] for e in json.loads(log.stdout)][-2:] == ["recovery_key_used", "passphrase_changed"]


def test_init_refusals(tmp_path, vault_dir):
    nonempty = run_cli(vault_dir, "init", "--name", "A", "--role", "B")
    assert nonempty.returncode == 2 and "already holds files" in one_line_error(nonempty)
    short = run_cli(tmp_path / "v1", "init", "--name", "A", "--role", "B", passphrase="short")
    assert short.returncode == 2 and "at least 12 characters, or four words" in one_line_error(short)
    nameless = run_cli(tmp_path / "v2", "init")
    assert nameless.returncode == 2 and "Give your name and role" in one_line_error(nameless)
    assert not (tmp_path / "v1").exists() and not (tmp_path / "v2").exists()


def test_passwd_changes_the_passphrase(vault_dir, template):
    wrong = run_cli(vault_dir, "passwd", passphrase="not the passphrase at all",
                    env={"EVIDENCE_VAULT_NEW_PASSPHRASE": NEW_PASSPHRASE})
    assert wrong.returncode == 2 and "That passphrase did not unlock this vault" in one_line_error(wrong)
    blobs = snapshot(vault_dir / "blobs")
    ok(run_cli(vault_dir, "passwd", env={"EVIDENCE_VAULT_NEW_PASSPHRASE": NEW_PASSPHRASE}))
    assert snapshot(vault_dir / "blobs") == blobs
    assert run_cli(vault_dir, "list").returncode == 2
    ok(run_cli(vault_dir, "verify", passphrase=NEW_PASSPHRASE))


def test_passphrase_from_file_and_from_environment(vault_dir, tmp_path):
    pass_file = tmp_path / "p"
    pass_file.write_text(PASSPHRASE + "\r\n", encoding="utf-8")
    ok(run_cli(vault_dir, "--passphrase-file", str(pass_file), "list", passphrase=None))
    ok(run_cli(vault_dir, "list"))  # $EVIDENCE_VAULT_PASSPHRASE
    missing = run_cli(vault_dir, "--passphrase-file", str(tmp_path / "nope"), "list", passphrase=None)
    assert missing.returncode == 2 and "Could not read the passphrase file" in one_line_error(missing)
    none = run_cli(vault_dir, "list", passphrase=None)
    assert none.returncode == 2 and "The vault needs its passphrase" in one_line_error(none)


@pytest.mark.parametrize("debug", [False, True])
def test_wrong_passphrase_exits_2_and_changes_nothing(vault_dir, debug):
    before = snapshot(vault_dir, ignore=("lock",))  # the lock file only ever names the last opener
    result = run_cli(vault_dir, *(["--debug"] if debug else []), "list",
                     passphrase="not the passphrase at all")
    assert result.returncode == 2
    expected = "evidence-vault: That passphrase did not unlock this vault, or the vault's header file was changed. Nothing has been changed."
    if debug:
        assert result.stderr.startswith(expected) and "Traceback" in result.stderr
    else:
        assert one_line_error(result).startswith(expected)
    assert snapshot(vault_dir, ignore=("lock",)) == before


def test_no_vault_messages(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "letter.txt").write_text("hi", encoding="utf-8")
    for folder, message in [("nowhere", "No vault has been made in"), ("empty", "No vault has been made in"),
                            ("docs", "is not an Evidence Vault")]:
        result = run_cli(tmp_path / folder, "list", passphrase=None)  # said before asking
        assert result.returncode == 2 and message in one_line_error(result)


def test_damaged_and_newer_headers(vault_dir):
    header = vault_dir / "vault-header"
    raw = header.read_bytes()
    header.write_bytes(raw.replace(b"evidence-vault/2\n", b"evidence-vault/3\n", 1))
    newer = run_cli(vault_dir, "list")
    assert newer.returncode == 2 and "made by a newer version" in one_line_error(newer)
    header.write_bytes(raw)
    flip_file_byte(header, raw.index(b"vault_id") + 12)
    damaged = run_cli(vault_dir, "list")
    assert damaged.returncode == 1
    assert damaged.stderr.splitlines() == [
        damaged.stderr.splitlines()[0], "  - header: its checksum does not match"]
    assert "The vault header file is damaged" in damaged.stderr.splitlines()[0]


# -- cases, notes, files ------------------------------------------------------------------
def test_case_add_and_list(vault_dir):
    assert ok(run_cli(vault_dir, "case", "add", "Third case")).stdout == "Created case 3: Third case\n"
    clash = run_cli(vault_dir, "case", "add", "THIRD   case")
    assert clash.returncode == 2 and "There is already a case called 'THIRD case'" in one_line_error(clash)
    listed = json.loads(ok(run_cli(vault_dir, "case", "list", "--json")).stdout)
    assert listed == [{"id": 1, "name": "Comments about Ms Smith, May 2026"},
                      {"id": 2, "name": "Group chat screenshots"}, {"id": 3, "name": "Third case"}]
    assert "   3  Third case" in ok(run_cli(vault_dir, "case", "list")).stdout


def test_note_at_parses_local_and_utc_times(vault_dir):
    cases = [("2026-01-15T10:30", "2026-01-15T15:30:00Z", "10:30"),   # local time (TZ=EST5, UTC-5)
             ("2026-01-15T10:30:00Z", "2026-01-15T10:30:00Z", "05:30"),
             ("2026-01-15T10:30+02:00", "2026-01-15T08:30:00Z", "03:30")]
    for n, (at, occurred, local) in enumerate(cases, start=4):
        result = ok(run_cli(vault_dir, "note", "--case", "group chat screenshots", "--kind", "email",
                            "--at", at, "An email to the head\nwith a threat", env={"TZ": "EST5"}))
        assert result.stdout == (f"Logged item {n} in case 'Group chat screenshots': email, happened "
                                 f"Thu 15 Jan 2026, {local} EST.\n")
    cases = [(at, occurred) for at, occurred, _local in cases]
    items = json.loads(ok(run_cli(vault_dir, "list", "--json")).stdout)[3:]
    assert [i["info"]["occurred_at"] for i in items] == [occurred for _at, occurred in cases]
    for item in items:
        assert item["info"]["summary"] == "An email to the head"
        assert UTC_MS.match(item["created_at"]) and item["created_at"] != item["info"]["occurred_at"]


@pytest.mark.parametrize("args, message", [
    (["--at", "2999-01-01T00:00Z"], "That time is in the future"),
    (["--at", "last tuesday"], "'last tuesday' is not a date and time Evidence Vault understands"),
    (["--case", "no such case"], "There is no case called 'no such case'"),
])
def test_note_refusals_exit_2(vault_dir, args, message):
    argv = ["note", "--kind", "other", *args, "text"]
    if "--case" not in args:
        argv[1:1] = ["--case", "group chat screenshots"]
    result = run_cli(vault_dir, *argv)
    assert result.returncode == 2 and message in one_line_error(result)


def test_note_unknown_kind_is_a_usage_error(vault_dir):
    result = run_cli(vault_dir, "note", "--case", "x", "--kind", "fax", "text")
    assert result.returncode == 2 and "'fax' is not a kind of incident" in one_line_error(result)


def test_add_file(vault_dir, tmp_path):
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\x00\x01not really a jpeg")
    result = ok(run_cli(vault_dir, "add-file", "--case", "GROUP CHAT SCREENSHOTS", "--note", "sent at 9pm",
                        str(path)))
    assert result.stdout.startswith(f"Added item 4: photo.jpg (19 bytes, SHA-256 {sha256(path.read_bytes())})\n"
                                    "  happened: not given, so the timeline places it by when it was added.\n")
    missing = run_cli(vault_dir, "add-file", "--case", "group chat screenshots", str(tmp_path / "gone.jpg"))
    assert missing.returncode == 2 and "There is no file at" in one_line_error(missing)


# -- reading ------------------------------------------------------------------------------
def test_list_json_shape(vault_dir, template):
    items = json.loads(ok(run_cli(vault_dir, "list", "--json")).stdout)
    assert [set(i) for i in items] == [{"id", "kind", "case", "state", "created_at", "sha256", "info",
                                         "withdrawn", "amendments", "time_zone", "created_at_local",
                                         "wordings", "timeline", "source"}] * 3
    assert [i["source"] for i in items] == [None] * 3  # their own items: no bundle they came from
    assert [(i["id"], i["kind"], i["case"], i["state"]) for i in items] == [
        (1, "incident", template.case_a, "active"), (2, "file", template.case_a, "active"),
        (3, "file", template.case_b, "active")]
    assert [i["sha256"] for i in items] == [
        sha256(template.incident_text.encode()), sha256(template.small), sha256(template.big)]
    assert all(UTC_MS.match(i["created_at"]) for i in items)
    only_b = json.loads(ok(run_cli(vault_dir, "list", "--case", "group chat SCREENSHOTS", "--json")).stdout)
    assert [i["id"] for i in only_b] == [3]
    text = ok(run_cli(vault_dir, "list")).stdout.splitlines()
    assert len(text) == 4 and text[0].startswith("    1  Fri 1 May 2026 09:15  happened  incident     ")
    assert "[phone call] " in text[0] and items[0]["timeline"] == {"at": "2026-05-01T09:15:00Z", "label": "happened"}


def test_show_json_shape(vault_dir, template):
    item = json.loads(ok(run_cli(vault_dir, "show", "3", "--json")).stdout)
    assert set(item) == {"id", "kind", "case", "state", "created_at", "sha256", "info", "artefacts",
                         "withdrawn", "amendments", "time_zone", "created_at_local", "history",
                         "wordings", "timeline", "source"}
    assert item["artefacts"] == [{"id": template.artefact[3], "role": "original", "filename": "chat.bin",
                                  "media_type": "application/octet-stream", "sha256": sha256(template.big),
                                  "size": len(template.big)}]
    text = ok(run_cli(vault_dir, "show", "2")).stdout
    assert "note: from the class chat" in text and sha256(template.small) in text
    missing = run_cli(vault_dir, "show", "42")
    assert missing.returncode == 2 and "There is no item 42" in one_line_error(missing)


def test_log_json_shape(vault_dir):
    events = json.loads(ok(run_cli(vault_dir, "log", "--json")).stdout)
    assert [set(e) for e in events] == [{"seq", "hash", "v", "type", "at", "at_local", "data", "artefacts",
                                         "salt"}] * 7
    assert [e["seq"] for e in events] == [1, 2, 3, 4, 5, 6, 7]
    assert [e["type"] for e in events] == ["vault_created", "case_created", "case_created",
                                          "item_added", "item_added", "item_added", "checkpoint_made"]
    assert all(re.fullmatch(r"[0-9a-f]{64}", e["hash"]) and UTC_MS.match(e["at"]) for e in events)
    assert len(ok(run_cli(vault_dir, "log")).stdout.splitlines()) == 7


def test_verify_ok_text_and_json(vault_dir, template):
    text = ok(run_cli(vault_dir, "verify")).stdout
    assert text.startswith("Vault verified: 7 events in an unbroken chain, 2 signed checkpoint(s), 3 encrypted files")
    report = json.loads(ok(run_cli(vault_dir, "verify", "--json")).stdout)
    assert set(report) == {"ok", "events", "checkpoints", "last_checkpoint_seq", "blobs", "bytes", "head",
                           "problems", "warnings", "checkpoints_handed_out"}
    assert (report["ok"], report["events"], report["blobs"], report["problems"], report["warnings"]) == (
        True, 7, 3, [], [])


def test_verify_tampered_exits_1(vault_dir, template):
    flip_file_byte(blob_path(vault_dir, template.artefact[2]), 30)
    problem = (f"blob for artefact {template.artefact[2]} (original of item 2): does not decrypt "
               "(chunk 0 does not authenticate); altered, truncated or swapped")
    text = run_cli(vault_dir, "verify")
    assert text.returncode == 1 and text.stdout == ""
    assert text.stderr.splitlines() == [
        "evidence-vault: The vault FAILED verification: 1 problem(s) found. Keep the folder as it is "
        "and ask for help.", f"  - {problem}"]
    as_json = run_cli(vault_dir, "verify", "--json")
    assert as_json.returncode == 1
    assert json.loads(as_json.stdout)["problems"] == [problem] and not json.loads(as_json.stdout)["ok"]
    one_line_error(as_json)
    extract = run_cli(vault_dir, "extract", "2", "-o", str(vault_dir.parent / "out"))
    assert extract.returncode == 1
    assert extract.stderr.splitlines() == [
        f"evidence-vault: The encrypted file for artefact {template.artefact[2]} (item 2) has been altered "
        "or damaged.", f"  - blob {template.artefact[2]}: chunk 0 does not authenticate"]
    assert list((vault_dir.parent / "out").iterdir()) == []  # no partial copy left behind


def test_checkpoint_and_verify_against_it(vault_dir, tmp_path):
    signed = json.loads(ok(run_cli(vault_dir, "checkpoint")).stdout)
    assert set(signed) == {"vault_id", "seq", "head", "at", "signature", "chain"} and signed["seq"] == 7
    held = tmp_path / "cp.json"
    held.write_text(json.dumps(signed), encoding="utf-8")
    ok(run_cli(vault_dir, "verify", "--checkpoint", str(held)))
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps({**signed, "seq": 5}), encoding="utf-8")
    bad = run_cli(vault_dir, "verify", "--checkpoint", str(forged))
    assert bad.returncode == 1
    assert "  - given checkpoint at event 5: signature is not valid (forged or altered)" in bad.stderr.splitlines()
    junk = tmp_path / "junk.json"
    junk.write_text("{}", encoding="utf-8")
    for path, message in [(junk, "is not a checkpoint printed by 'evidence-vault checkpoint'"),
                          (tmp_path / "absent.json", "Could not read the checkpoint file")]:
        result = run_cli(vault_dir, "verify", "--checkpoint", str(path))
        assert result.returncode == 2 and message in one_line_error(result)


def test_extract(vault_dir, template, tmp_path):
    out = tmp_path / "usb"
    result = ok(run_cli(vault_dir, "extract", "3", "-o", str(out)))
    lines = result.stdout.splitlines()
    assert lines[:2] == [str(out / "item3-chat.bin"), str(out / "item3.record.json")]
    assert len(lines) == 3 and lines[2].startswith("These copies are NOT encrypted")
    assert (out / "item3-chat.bin").read_bytes() == template.big
    missing = run_cli(vault_dir, "extract", "9", "-o", str(out))
    assert missing.returncode == 2 and "There is no item 9" in one_line_error(missing)


def test_extract_of_a_quarantined_item_exits_3(vault_dir, tmp_path):
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        vault.quarantine(2)
    result = run_cli(vault_dir, "extract", "2", "-o", str(tmp_path / "out"))
    assert result.returncode == 3 and "Item 2 is quarantined" in one_line_error(result)
    assert not (tmp_path / "out").exists()
    listed = ok(run_cli(vault_dir, "list")).stdout
    assert "notes.txt (from the class chat) [QUARANTINED]" in listed


# -- documentation ------------------------------------------------------------------------
def help_commands() -> list[str]:
    text = ok(run_cli(None, "--help", passphrase=None)).stdout
    section = text.split("positional arguments:")[1].split("options:")[0]
    return re.findall(r"^    (\S+)\s", section, re.M)


def test_every_public_command_is_documented():
    commands = help_commands()
    assert {"init", "verify", "extract"} <= set(commands)  # the parse found the list
    docs = DOCS.read_text(encoding="utf-8")
    undocumented = [c for c in commands if f"### `evidence-vault {c}`" not in docs]
    assert undocumented == [], f"commands missing from docs/cli.md: {undocumented}"


def test_every_command_option_is_documented_in_its_section():
    docs = DOCS.read_text(encoding="utf-8")
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    missing = []
    for name, command in sub.choices.items():
        heading = f"### `evidence-vault {name}`"
        section = docs.split(heading, 1)[1].split("\n#", 1)[0] if heading in docs else ""
        nested = [a for a in command._actions if a.dest == "case_command"]
        for action in command._actions + [x for a in nested for p in a.choices.values() for x in p._actions]:
            strings = [s for s in action.option_strings if s not in ("-h", "--help")]
            if strings and not any(s in section for s in strings):
                missing.append(f"{name} {strings[-1]}")
    assert missing == [], f"options missing from docs/cli.md: {missing}"


@pytest.mark.skipif(not hasattr(os, "fork"), reason="a terminal (pty) is needed")
def test_ctrl_d_at_the_passphrase_question_stops_calmly(vault_dir):
    """A new-user trial pressed Ctrl+D at "Vault passphrase:" and was told it was a bug."""
    import pty
    import select

    pid, fd = pty.fork()
    if pid == 0:  # the child: the CLI on a real terminal
        os.execve(CLI[0], [*CLI, "--vault", str(vault_dir), "list"], cli_env())
    out = b""

    def read_until(marker: bytes) -> None:
        nonlocal out
        while marker not in out:
            ready, _, _ = select.select([fd], [], [], 60)
            assert ready, f"no {marker!r} from the CLI; it said {out!r}"
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the terminal closed: the CLI has exited
                break
            if not chunk:
                break
            out += chunk

    read_until(b"Vault passphrase:")
    os.write(fd, b"\x04")  # Ctrl+D
    read_until(b"Nothing was changed.")
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 2
    text = out.decode(errors="replace")
    assert "the question was not answered" in text and "bug" not in text
