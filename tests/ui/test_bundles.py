# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Evidence bundles from the window: make one, read out its fingerprint, check it without a vault."""

from __future__ import annotations

from pathlib import Path

from ui_support import open_vault

from evidence_vault import bundle


def test_make_a_bundle_then_check_it(window, qtbot, tmp_path):
    from ui.bundles import short_code

    vault = open_vault(window)
    case = vault.cases()[0]
    vault.add_incident(case, kind="phone_call", text="Parent rang the office.", occurred_at="2026-11-20T16:30:00Z")
    window.reload_items()
    dialog = window.bundles.export_bundle()
    assert Path(dialog.out_path.text()).parent.is_dir()  # the suggested place exists
    dialog.recipient.setText("Head teacher")
    dialog.out_path.setText(str(tmp_path / "no such folder" / "bundle.pdf"))
    dialog.accept()  # a trial lost everything it had typed here: the dialog must stay, as typed
    assert dialog.isVisible() and "There is no folder" in dialog.problem.text.text()
    assert dialog.recipient.text() == "Head teacher" and not (tmp_path / "no such folder").exists()
    out = tmp_path / "bundle.pdf"
    dialog.out_path.setText(str(out))
    with qtbot.waitSignal(window.export_finished, timeout=120_000) as done:
        dialog.accept()
    assert done.args == [str(out)]
    report = bundle.verify_bundle(out)
    assert report.ok, report.failures
    shown = window.dialog.text()
    code = short_code(report.signer_fingerprint)
    assert str(out) in shown and code in shown

    window.lock()  # checking a bundle needs no vault
    check = window.bundles.check_bundle()
    check.path.setText(str(out))
    assert check.check().ok
    assert "This bundle is intact" in check.result.text() and "NOT YET CONFIRMED" in check.result.text()
    check.expect.setText(code.lower())  # as the sender read it out
    assert check.check().status == "confirmed"
    assert "is the one the sender read out to you" in check.result.text()
    check.expect.setText(code[:-1] + ("0" if code[-1] != "0" else "1"))  # one character misheard or forged
    assert check.check().sender_confirmed is False
    assert "NOT sealed by the person whose code you typed" in check.result.text()
    check.expect.setText("")
    qtbot.waitUntil(lambda: check.result.height() >= check.result.heightForWidth(check.result.width()))
    assert check.width() >= 600  # the fingerprint line is readable whole, not cut off
    tampered = tmp_path / "tampered.pdf"
    data = bytearray(out.read_bytes())
    data[len(data) // 2] ^= 0x01
    tampered.write_bytes(bytes(data))
    check.path.setText(str(tampered))
    result = check.check()
    assert result is None or not result.ok
    assert "intact" not in check.result.text()


def test_export_refuses_a_timestamp_server_nobody_pinned(window, tmp_path):
    """A timestamp counts only from an authority the user chose: an address without its
    certificate is refused in the dialog, with everything typed kept."""
    vault = open_vault(window)
    case = vault.cases()[0]
    vault.add_incident(case, kind="phone_call", text="Parent rang.", occurred_at="2026-11-20T16:30:00Z")
    window.reload_items()
    window.settings.timestamp_url = "http://127.0.0.1:9/tsa"
    window.settings.timestamp_cert = ""
    dialog = window.bundles.export_bundle()
    assert dialog.timestamp.isChecked()
    dialog.out_path.setText(str(tmp_path / "bundle.pdf"))
    dialog.accept()
    assert dialog.isVisible() and "trusts only timestamp authorities you choose" in dialog.problem.text.text()
    assert not (tmp_path / "bundle.pdf").exists()
    dialog.timestamp.setChecked(False)  # without a timestamp it goes ahead
    assert dialog._authority() is None
