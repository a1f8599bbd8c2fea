# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Start the desktop app: ``main(argv)`` is the entry of ``evidence-vault gui`` and of the
packaged (windowed) build.

    evidence-vault gui [--vault DIR]
    evidence-vault gui --self-check [DIR]
    evidence-vault gui --self-check --a11y-report FILE

``--self-check`` runs headless (no screen needed) and proves a build works end to end: Qt
starts, the window is built, a vault is opened and checked. With DIR it opens that vault
with the passphrase from $EVIDENCE_VAULT_PASSPHRASE; without, it makes a throwaway vault in
a temporary folder, adds an incident through the window, checks it and removes it. It
prints one line and exits 0 when everything worked, 1 when the vault check found problems,
and the CLI's exit codes otherwise. ``--a11y-report FILE`` also writes the accessibility
report (ui/a11y_report.py: every control of the window and of each dialog, its accessible name
and its contrast in each theme) and exits 1 when a control has no name or a pair is under 4.5:1.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
import tempfile
from pathlib import Path

from evidence_vault import EvidenceVaultError, __version__

from . import preflight


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="evidence-vault gui", description="Open the Evidence Vault window.")
    p.add_argument("--vault", metavar="DIR", help="the vault folder to open (default: the last one used)")
    p.add_argument("--self-check", nargs="?", const="", metavar="DIR",
                   help="headless check that the app works: open and check DIR (or a throwaway vault)")
    p.add_argument("--a11y-report", metavar="FILE",
                   help="with --self-check: write every control's accessible name and contrast as JSON")
    return p


def _application(argv: list[str]):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImageReader
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = preflight.construct_application(lambda: QApplication(["evidence-vault", *argv]))
    app.setApplicationName("Evidence Vault")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Evidence Vault")
    app.setDesktopFileName("evidence-vault")
    QImageReader.setAllocationLimit(0)  # a full-page capture can be taller than Qt's default cap
    return app


def self_check(folder: str, a11y_report: str | None = None) -> int:
    """See the module docstring. Prints one line; never shows a window."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if a11y_report and folder:  # the report opens every dialog and adds, locks and releases an item
        print("evidence-vault: --a11y-report works on a throwaway vault only: leave out the folder.",
              file=sys.stderr)
        return 2
    problem = preflight.window_problem()
    if problem:
        return preflight.report(problem)
    from .main_window import MainWindow

    app = _application([])
    with tempfile.TemporaryDirectory(prefix="ev-self-check-") as scratch:
        if not folder:
            # A throwaway vault must leave no trace in this user's settings: not in the list of
            # known vaults (the next start would offer to unlock a folder that is gone), not a
            # rollback witness. Settings, known vaults and witnesses all live under this folder.
            os.environ["EVIDENCE_VAULT_CONFIG_DIR"] = str(Path(scratch) / "config")
        if folder:
            vault_dir = Path(folder).expanduser()
            passphrase = os.environ.get("EVIDENCE_VAULT_PASSPHRASE", "")
        else:
            vault_dir = Path(scratch) / "vault"
            passphrase = "self check " + secrets.token_hex(8)
        window = MainWindow(app, vault_dir=vault_dir)
        try:
            if folder:
                window.session.unlock(vault_dir, passphrase=passphrase)
            else:
                window.session.create(vault_dir, passphrase, name="Self check", role="test")
                window.add_case("Self check")
                from .dialogs import IncidentDialog
                dialog = IncidentDialog(window)
                dialog.text.setPlainText("Self check entry")
                window.items.add_incident(dialog)
            window.show_main()
            app.processEvents()
            a11y = None
            if a11y_report:
                from . import a11y_report as a11y_module

                rows = a11y_module.report(window, app)
                Path(a11y_report).write_text(json.dumps(rows, indent=1, ensure_ascii=False), encoding="utf-8")
                a11y = a11y_module.summary(rows)
                window.show_main()
            vault = window.session.require()
            items = len(vault.items())
            report = vault.verify()
        except EvidenceVaultError as exc:
            print(f"evidence-vault: self-check failed: {exc}", file=sys.stderr)
            return exc.exit_code
        finally:
            window.session.lock()
            window.deleteLater()
            app.processEvents()
        if not report.ok:
            print(f"evidence-vault: self-check: the vault check found problems: {report.problems[:3]}",
                  file=sys.stderr)
            return 1
        if a11y is not None:
            print(f"evidence-vault: accessibility report written to {a11y_report}: {a11y['controls']} controls "
                  f"in {a11y['places']} places, {a11y['unnamed']} without a name, {a11y['under_4_5']} with "
                  "contrast under 4.5:1")
            if a11y["unnamed"] or a11y["under_4_5"]:
                return 1
        print(f"evidence-vault {__version__} self-check ok: window built, vault opened, "
              f"{items} item{'s' if items != 1 else ''}, vault intact")
        return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(sys.argv[1:] if argv is None else argv)
    if args.self_check is not None:
        return self_check(args.self_check, args.a11y_report)
    problem = preflight.window_problem()  # before Qt starts: Qt would abort with the wrong advice
    if problem:
        return preflight.report(problem)
    from .main_window import MainWindow

    app = _application([])
    vault = args.vault or os.environ.get("EVIDENCE_VAULT_DIR")
    window = MainWindow(app, vault_dir=Path(vault).expanduser() if vault else None)
    from .crash import CrashReporter
    reporter = CrashReporter(window).install()  # a bug: a report file and a calm dialog (ui/crash.py)
    window.show()
    try:
        return int(app.exec())
    finally:
        reporter.uninstall()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
