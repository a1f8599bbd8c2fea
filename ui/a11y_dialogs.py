# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Every dialog of the app, opened the way a person opens it, for the accessibility report
(a11y_report.py): each opener returns the dialog it opened.

Why a list of its own: a dialog that is not opened here is not checked, and the report is
only as good as this list. When a dialog is added to the app, it is added here, with the
command that opens it (the window's own), never built on its own with made-up arguments.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage

from evidence_vault import workflows


def dialog_openers(window, scratch: Path) -> list:
    """``[(what, opener)]``; ``window`` has an open vault with a case holding an incident."""
    from evidence_vault.bundle import export_bundle

    from . import bundles
    from .about_vault import show_about_vault
    from .crash import CrashReporter
    from .platform_reports import open_reports
    from .safeguarding_dialogs import ask_release

    vault = window.session.require()
    case = window.main.current_case()
    picture = scratch / "a11y-picture.png"
    QImage(64, 64, QImage.Format.Format_RGB32).save(str(picture))
    item = workflows.add_file(vault, case, picture, note="accessibility report")
    window.reload_items(item.id)
    incident = next(i for i in vault.items(case) if i.kind == "incident")
    bundle = scratch / "a-bundle-received.pdf"
    with window.session.write_lock:
        export_bundle(vault, case, bundle)
    vault.platform_reports.record(case, platform="Facebook", reported_at="2026-11-20", time_unknown=True)
    reporters: list[CrashReporter] = []

    def crash():
        reporter = CrashReporter(window)
        reporters.append(reporter)
        reporter._show(str(scratch / "bug-report.txt"), "")
        return reporter.dialog

    def reports():
        return open_reports(window)

    return [
        window.captures.open_dialog, window.items.open_incident_dialog, lambda: window.items.ask_import([picture]),
        lambda: window.bundles.offer_bundles([bundle]),  # a bundle dropped or chosen in Add files
        lambda: window.bundles.ask_bundle_password(bundle),  # one with a password
        window.captures.self_flag, window.help.show_guidance, window.open_settings, window.bundles.export_bundle,
        window.bundles.check_bundle, window.help.show_about, lambda: show_about_vault(window), window.check_vault,
        window.help.show_support, window.help.show_user_guide, crash,
        lambda: window.items.ask_add_again([(picture, f"{picture.name} is already item {item.id}.")], {}),
        lambda: window.items.ask_police_reference(incident.id), lambda: window.items.ask_withdraw(incident.id),
        lambda: window.items.ask_correction(incident.id), lambda: window.items.ask_hide_words(incident.id),
        lambda: window.items.ask_hide_box(item.id), lambda: window.items.flag_item(item.id),
        reports, lambda: reports().open_report(), lambda: reports().open_reply(),
        lambda: bundles.export_done_box(window, str(scratch / "bundle.pdf"), "0" * 64, ""),
        lambda: (vault.quarantine(item.id), ask_release(window, item.id))[1],
    ]
