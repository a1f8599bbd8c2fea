# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""A checker no file can stall (issue 19, findings 8-13): each hostile file gets one plain,
exact refusal from the real CLI, with bounded output; genuine bundles still check.

Time and memory on these files are measured, not asserted, in bench/verify_hostile_bench.py;
here the per-test timeout is what catches a checker that hangs."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.writer import PdfFileWriter

from evidence_vault.bundle import export_bundle, verify_bundle
from evidence_vault.bundle.pdf_files import SAFE_NAME

import hostile_files as hostile
from bundle_helpers import capture_and_conversation, pdfsig

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "vault"))
from helpers import run_cli  # noqa: E402


@pytest.fixture(scope="module")
def genuine(tmp_path_factory):
    folder = tmp_path_factory.mktemp("genuine")
    with capture_and_conversation(folder, "Limits", height=1500) as (vault, case):
        export_bundle(vault, case, folder / "bundle.pdf")
    return folder / "bundle.pdf"


def failed_lines(path: Path) -> list[str]:
    result = run_cli(None, "verify-bundle", str(path), passphrase=None, timeout=120)
    assert result.returncode == 1, (result.stdout, result.stderr)
    return result.stderr.splitlines()


@pytest.mark.timeout(120)
@pytest.mark.parametrize("byte", [b"A", b"\0"])
def test_megabytes_without_a_line_break_are_counted_as_appended(genuine, tmp_path, byte):
    """Finding 8: a 10 MB tail without a line break (57 s before), or zeros appended (a hang)."""
    path = hostile.long_line_tail(genuine, tmp_path / "tail.pdf", 10 << 20, byte)
    assert failed_lines(path) == ["FAILED: signature: 10485760 byte(s) were appended after the signed part"]


@pytest.mark.timeout(120)
def test_no_end_marker_at_all(tmp_path):
    path = hostile.no_end_marker(tmp_path / "noend.pdf", 10 << 20)
    assert failed_lines(path) == [
        "FAILED: file: it has no end-of-file marker where a PDF has one (startxref … %%EOF): it is truncated, "
        "damaged or not a PDF, so it is not a bundle we can check"]


@pytest.mark.timeout(120)
def test_name_tree_whose_kids_share_one_node(tmp_path):
    """Finding 9: 3 KB, 16 kids per level, all pointing at the same node (1.7 GB after 60 s before)."""
    path = hostile.shared_name_tree(tmp_path / "tree.pdf")
    assert path.stat().st_size < 4000
    assert failed_lines(path) == [
        "FAILED: signature: the bundle is not signed",
        "FAILED: file: the list of attached files refers to itself (a loop or a shared branch); this is not a "
        "bundle we can check"]


@pytest.mark.timeout(120)
def test_manifest_declaring_ten_million_events(tmp_path):
    """Finding 10: a small PDF whose manifest unpacks to hundreds of MB (3.4 GB, 10 M lines before)."""
    path = hostile.huge_manifest(tmp_path / "manifest.pdf")
    assert path.stat().st_size < 1 << 20
    assert failed_lines(path) == [
        "FAILED: signature: the bundle is not signed",
        "FAILED: file: attachment manifest.json: larger than 67,108,864 bytes when unpacked; this is not a "
        "bundle we can check"]


@pytest.mark.timeout(120)
def test_failure_lines_are_capped_then_counted(tmp_path):
    path = hostile.many_small_failures(tmp_path / "many.pdf", events=100_000)
    lines = failed_lines(path)
    assert len(lines) == 21
    assert lines[1] == "FAILED: history: event 5 lies outside the listed history"
    assert re.fullmatch(r"FAILED: … and 99,98\d more problem\(s\) of the kinds above", lines[-1]), lines[-1]
    shown = json.loads(run_cli(None, "verify-bundle", "--json", str(path), passphrase=None).stdout)
    assert len(shown["failures"]) == 21 and not shown["ok"]


def _pdf_with_attachment_named(path: Path, name: str) -> Path:
    writer = PdfFileWriter()
    stream = writer.add_object(generic.StreamObject({generic.pdf_name("/Type"): generic.pdf_name("/EmbeddedFile")},
                                                    stream_data=b"overwritten"))
    spec = writer.add_object(generic.DictionaryObject({
        generic.pdf_name("/Type"): generic.pdf_name("/Filespec"),
        generic.pdf_name("/F"): generic.TextStringObject(name),
        generic.pdf_name("/EF"): generic.DictionaryObject({generic.pdf_name("/F"): stream})}))
    writer.root["/Names"] = generic.DictionaryObject({generic.pdf_name("/EmbeddedFiles"): writer.add_object(
        generic.DictionaryObject({generic.pdf_name("/Names"): generic.ArrayObject(
            [generic.TextStringObject(name), spec])}))})
    out = io.BytesIO()
    writer.write(out)
    path.write_bytes(out.getvalue())
    return path


@pytest.mark.parametrize("name", ["../evil.txt", "/tmp/absolute.txt", "sub/dir.txt", "..", "a\\b.txt"])
def test_attachment_names_that_would_write_outside_the_folder_are_refused(tmp_path, name):
    """Finding 12: the poppler route (pdfdetach -saveall) wrote outside its folder."""
    path = _pdf_with_attachment_named(tmp_path / "names.pdf", name)
    assert f"FAILED: attachments: one is called {name!r}, a name no bundle uses (it could write outside the " \
           "folder when saved): do not save the attachments with pdfdetach -saveall" in failed_lines(path)


def test_saved_name_differing_from_the_listed_name_is_refused(genuine, tmp_path):
    path = hostile.path_names(genuine, tmp_path / "renamed.pdf")
    assert "FAILED: attachment item0001-screenshot.png: it would be saved as '../evil.txt', not under its own " \
           "name: do not save the attachments with pdfdetach -saveall" in failed_lines(path)


def test_our_export_writes_only_safe_names(genuine, tmp_path):
    listed = subprocess.run(["pdfdetach", "-list", str(genuine)], capture_output=True, text=True,
                            check=True).stdout.splitlines()[1:]
    names = [line.split(": ", 1)[1] for line in listed]
    assert names and all(SAFE_NAME.fullmatch(n) for n in names), names


def test_changed_signature_padding_fails_as_pdfsig_says(genuine, tmp_path):
    """Finding 13: pdfsig said 'Not total document signed'; verify-bundle passed."""
    path = hostile.changed_padding(genuine, tmp_path / "padding.pdf")
    assert "Not total document signed" in pdfsig(path)
    assert failed_lines(path) == [
        "FAILED: signature: the padding after the signature value was changed (pdfsig: not total document signed)"]
    assert "Total document signed" in pdfsig(genuine) and verify_bundle(genuine).ok


@pytest.mark.slow
@pytest.mark.timeout(1200)
def test_an_original_over_256_mib_exports_with_a_warning_and_checks(vault, tmp_path):
    """Finding 11: pyHanko's per-stream limit made such a bundle fail its own check."""
    big = tmp_path / "video.mp4"
    with open(big, "wb") as out:  # compressible, so the PDF stays small and the ratio limit is tested too
        block = bytes(range(256)) * 4096
        for _ in range(300):
            out.write(block)
    case = vault.add_case("Big")
    vault.add_file(case, big, guard=None)
    big.unlink()
    result = export_bundle(vault, case, tmp_path / "big.pdf")
    assert any("file is 300 MB" in w and "refuse an attached file over 256 MB" in w for w in result.warnings)
    report = verify_bundle(tmp_path / "big.pdf")
    assert report.ok, report.failures
