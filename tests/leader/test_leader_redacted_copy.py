# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""A head teacher's redacted copy of an investigation holding staff bundles (issue 22).

A pupil's name is in both staff bundles. The redacted copy must not carry either bundle (each
is a sealed original that cannot be redacted): ``pdfdetach -saveall`` of the copy, then
``pdftotext`` of every PDF among its files and a plain read of every other file, must not find
the name anywhere; the item keeping each bundle says on its page that the bundle is not in a
redacted copy and that the police copy carries it; verify-bundle passes it as a redacted copy
with nothing inside to check. The page of a picture with only a text redaction says it is the
original picture, not redacted (no box was drawn), not "redacted". No browser: notes and a picture.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from leader_support import CASE, LEADER, STAFF, as_json, cli, new_vault, ok, picture

NAME = "Tom Pupil"
FOUND = re.compile(r"tom\s+pupil", re.IGNORECASE)


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    root = tmp_path_factory.mktemp("redacted-investigation")
    sarah = new_vault(root / "sarah", *STAFF["sarah"])
    ok(cli(sarah, "note", "--case", CASE, "--kind", "in person", "--at", "19/11/2026 15:20",
           f"{NAME} filmed me in the corridor and laughed"))
    tom = new_vault(root / "tom", *STAFF["tom"])
    shot = root / "phone-photo.png"
    shot.write_bytes(picture("the corridor"))
    ok(cli(tom, "add-file", "--case", CASE, "--at", "19/11/2026 15:25", "--note", f"{NAME}'s video, still",
           str(shot)))
    head = new_vault(root / "head", *LEADER)
    for name, folder in (("sarah", sarah), ("tom", tom)):
        bundle = root / f"{name}.pdf"
        ok(cli(folder, "export", "--case", CASE, "-o", str(bundle)))
        assert FOUND.search(" ".join(_text(bundle).split()))  # the name is in each staff bundle
        ok(cli(head, "import-bundle", "--case", CASE, str(bundle)))
    items = as_json(head, "list")
    first = next(i for i in items if i["source"] and i["kind"] == "incident")
    ok(cli(head, "redact", str(first["id"]), "--text", NAME))
    out = root / "redacted.pdf"
    ok(cli(head, "export", "--case", CASE, "-o", str(out), "--redacted"))
    return {"head": head, "out": out, "items": items, "root": root}


def test_the_name_is_nowhere_in_the_copy_or_its_files(copy):
    out = copy["out"]
    assert not FOUND.search(" ".join(_text(out).split()))
    files = copy["root"] / "detached"
    files.mkdir()
    subprocess.run(["pdfdetach", "-saveall", "-o", str(files), str(out)], check=True, capture_output=True)
    saved = sorted(files.iterdir())
    assert saved, "the copy has attached files"
    assert not [f.name for f in saved if f.name.endswith("-original.pdf")]  # no staff bundle inside
    for f in saved:
        data = f.read_bytes()
        if data.startswith(b"%PDF"):
            assert not FOUND.search(" ".join(_text(f).split())), f.name
        else:
            assert not FOUND.search(data.decode("utf-8", "replace")), f.name


def test_verify_bundle_passes_it_as_a_redacted_copy_with_nothing_inside(copy):
    checked = ok(cli(None, "verify-bundle", str(copy["out"])))
    assert "REDACTED COPY" in checked.stdout and "Bundle inside" not in checked.stdout
    report = json.loads(ok(cli(None, "verify-bundle", str(copy["out"]), "--json")).stdout)
    assert report["ok"] is True and report["redacted_copy"] and not report.get("nested")


def test_the_kept_bundles_pages_say_they_are_not_in_the_copy(copy):
    flat = " ".join(_text(copy["out"]).split())
    said = re.findall(r"NOT IN THIS REDACTED COPY: the bundle (\w+ \w+)", flat)
    assert sorted(said) == ["Sarah Smith", "Tom Jones"]
    assert "the police copy (an ordinary, unredacted export) carries it unchanged" in flat


def test_a_picture_without_a_box_is_listed_as_not_redacted(copy):
    flat = " ".join(_text(copy["out"]).split())
    assert "Attached files, redacted: the originals are not in this copy" not in flat
    assert "NOT redacted: the original picture (saved again as PNG, the same pixels). No box was drawn on it" in flat
    assert "Redacted: the hidden words are replaced by [redacted]" in flat
