"""Evidence bundles from the window: make one, read out its fingerprint, check it without a vault."""

from __future__ import annotations

from pathlib import Path

from ui_support import open_vault

from evidence_vault import bundle


def test_make_a_bundle_then_check_it(window, qtbot, tmp_path):
    from ui.bundles import spaced

    vault = open_vault(window)
    case = vault.cases()[0]
    vault.add_incident(case, kind="phone_call", text="Parent rang the office.", occurred_at="2026-11-20T16:30:00Z")
    window.reload_items()
    dialog = window.export_bundle()
    assert Path(dialog.out_path.text()).parent.is_dir()  # the suggested place exists
    dialog.recipient.setText("Head teacher")
    dialog.out_path.setText(str(tmp_path / "no such folder" / "bundle.pdf"))
    dialog.accept()  # a trial lost everything it had typed here: the dialog must stay, as typed
    assert dialog.isVisible() and "There is no folder" in dialog.problem.text()
    assert dialog.recipient.text() == "Head teacher" and not (tmp_path / "no such folder").exists()
    out = tmp_path / "bundle.pdf"
    dialog.out_path.setText(str(out))
    with qtbot.waitSignal(window.export_finished, timeout=120_000) as done:
        dialog.accept()
    assert done.args == [str(out)]
    report = bundle.verify_bundle(out)
    assert report.ok, report.failures
    shown = window.dialog.text()
    assert str(out) in shown and spaced(report.signer_fingerprint) in shown

    window.lock()  # checking a bundle needs no vault
    check = window.check_bundle()
    check.path.setText(str(out))
    assert check.check().ok
    assert "This bundle is intact" in check.result.text()
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
