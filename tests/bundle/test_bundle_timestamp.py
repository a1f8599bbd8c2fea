# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""RFC 3161 timestamps from a real local authority (openssl ts -reply), and when it fails."""

from __future__ import annotations

import socket

import pytest

from evidence_vault import UsageError
from evidence_vault.bundle import export_bundle, signing, verify_bundle

from bundle_helpers import pdfsig


def test_timestamp_from_a_real_authority_is_verified(filled, tsa, tmp_path):
    vault, case = filled
    out = tmp_path / "stamped.pdf"
    result = export_bundle(vault, case, out, timestamp_url=tsa.url)
    assert result.timestamped and not result.warnings and tsa.served
    report = verify_bundle(out)
    assert report.ok, report.failures
    stamp = report.details["timestamp"]
    assert stamp["intact"] and stamp["valid"] and "Test Timestamp Authority" in stamp["authority"]
    assert "Signature is Valid." in pdfsig(out)


@pytest.mark.parametrize("answer", ["down", "slow", "garbage"])
def test_a_failing_authority_costs_the_timestamp_not_the_export(filled, tsa, tmp_path, monkeypatch, answer):
    vault, case = filled
    url = tsa.url
    if answer == "down":
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            url = f"http://127.0.0.1:{s.getsockname()[1]}/tsa"
    monkeypatch.setattr(signing, "TSA_TIMEOUT", 2)
    tsa.mode["answer"] = answer
    out = tmp_path / f"{answer}.pdf"
    result = export_bundle(vault, case, out, timestamp_url=url)
    assert not result.timestamped
    assert len(result.warnings) == 1 and "sealed without one" in result.warnings[0]
    if answer == "slow":
        assert "no answer within 2 seconds" in result.warnings[0]
    report = verify_bundle(out)
    assert report.ok and "timestamp" not in report.details


def test_timestamp_url_must_be_http(filled, tmp_path):
    vault, case = filled
    with pytest.raises(UsageError, match="must start with http"):
        export_bundle(vault, case, tmp_path / "x.pdf", timestamp_url="file:///etc/passwd")
