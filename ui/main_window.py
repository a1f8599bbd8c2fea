# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The Evidence Vault window: its screens, its commands (each a QAction with a key binding)
and what locking clears. The work itself is done by the library (``workflows`` and the
safeguarding actions), exactly as the CLI does it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog, QFileDialog, QMainWindow, QMessageBox, QStackedWidget,
)

from evidence_vault import EvidenceVaultError, VaultLockedError, WrongPassphraseError, workflows
from evidence_vault.capture import CaptureOptions

from . import commands, theme, words
from .received_bundles import ReceivedBundleCommands
from .autolock import IdleLock
from .about_vault import show_about_vault
from .import_dialog import ImportDialog
from .main_actions import MainActions
from .main_page import MainPage
from .platform_reports import open_reports
from .pages import CreatePage, RecoveryKeyPage, UnlockPage, WelcomePage
from .session import VaultSession
from .status_line import StatusLine
from .safeguarding_dialogs import ask_release
from .settings import AppSettings, known_vaults
from .timeline import flag_entries


#: Where the desktop has no binding of its own for a standard action (some Linux desktops).
_FALLBACK = {
    QKeySequence.StandardKey.Open: "Ctrl+O", QKeySequence.StandardKey.New: "Ctrl+N",
    QKeySequence.StandardKey.Quit: "Ctrl+Q", QKeySequence.StandardKey.Preferences: "Ctrl+,",
    QKeySequence.StandardKey.HelpContents: "F1", QKeySequence.StandardKey.Find: "Ctrl+F",
}


class MainWindow(StatusLine, MainActions, commands.Commands, ReceivedBundleCommands, QMainWindow):
    capture_finished = Signal(str)  # "saved"/"refused"/"failed"/"cancelled"/"discarded" (tests wait on it)
    import_finished = Signal(list)  # the ids of the items added (tests wait on it)
    browser_opened = Signal()
    export_finished = Signal(str)  # the bundle's path, or "" when it failed

    def __init__(self, app, *, vault_dir: Path | None = None, settings: AppSettings | None = None) -> None:
        super().__init__()
        self.setWindowTitle("Evidence Vault")
        self.app = app
        self.settings = settings or AppSettings.load()
        theme.apply(app, theme.saved())
        hints = app.styleHints()
        if hasattr(hints, "colorSchemeChanged"):  # "Follow the system" follows it while open too
            hints.colorSchemeChanged.connect(lambda _s: theme.saved() == "system" and self.set_theme("system"))
        self.session = VaultSession(self)
        self.capture_task = None
        self.import_task = None
        self.export_task = None
        self.browser_worker = None
        self.evidence_browser = None
        self.dialog = None  # the dialog open now, if any (tests fill it in)
        self.last_check: tuple[float, bool] | None = None
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.welcome = WelcomePage()
        self.create_page = CreatePage()
        self.recovery_page = RecoveryKeyPage()
        self.unlock_page = UnlockPage()
        self.main = MainPage(self.session)
        for page in (self.welcome, self.create_page, self.recovery_page, self.unlock_page, self.main):
            self.stack.addWidget(page)
        self.welcome.create_requested.connect(lambda: self.stack.setCurrentWidget(self.create_page))
        self.welcome.open_requested.connect(self.open_folder)
        self.create_page.back.connect(lambda: self.stack.setCurrentWidget(self.welcome))
        self.create_page.submitted.connect(self.create_vault)
        self.recovery_page.done.connect(self.show_main)
        self.unlock_page.submitted.connect(self.unlock)
        self.unlock_page.other_vault.connect(lambda: self.stack.setCurrentWidget(self.welcome))
        self.main.case_chosen.connect(self.case_chosen)
        self.main.new_case.connect(self.add_case)
        self.main.details.may_show_child.connect(self.flag_item)
        self.main.details.release.connect(lambda item_id: ask_release(self, item_id))
        self.main.details.police_reference.connect(self.ask_police_reference)
        self.main.details.withdraw.connect(self.ask_withdraw)
        self.main.details.correct.connect(self.ask_correction)
        self.main.details.hide_words.connect(self.ask_hide_words)
        self.main.details.hide_box.connect(self.ask_hide_box)
        self.main.details.report_to_platform.connect(lambda item_id: open_reports(self, item_id=item_id))
        self.main.details.error.connect(lambda text: self.main.banner.say(text, "failure"))
        self.main.progress.cancel.connect(self.cancel_capture)

        self.idle = IdleLock(app, self.settings.auto_lock_min, self)
        self.idle.idle.connect(self.auto_lock)
        self._build_actions()
        self._build_status()
        self.setAcceptDrops(True)
        self._fit_to_screen(1366, 768)
        self.update_status()
        self._start(vault_dir)

    # --- screens -------------------------------------------------------------------------
    def _start(self, vault_dir: Path | None) -> None:
        folder = Path(vault_dir) if vault_dir else None
        if folder is None:
            known = known_vaults()
            folder = known[0] if known else None
        if folder is not None and (folder / "vault-header").exists():
            self.show_unlock(folder)
        else:
            if folder is not None:
                self.create_page.folder.setText(str(folder))
            self.stack.setCurrentWidget(self.welcome)

    def show_unlock(self, folder: Path, message: str = "") -> None:
        self.unlock_page.prepare(folder, message)
        self.stack.setCurrentWidget(self.unlock_page)
        self.unlock_page.passphrase.setFocus()

    def open_folder(self, folder: str) -> None:
        path = Path(folder)
        if (path / "vault-header").exists():
            self.show_unlock(path)
        else:
            self.create_page.folder.setText(str(path))
            self.create_page.show_error("")
            self.stack.setCurrentWidget(self.create_page)
            self.create_page.show_error(f"There is no vault in {path} yet. You can create one there.")

    def create_vault(self) -> None:
        page = self.create_page
        if page.passphrase.text() != page.repeat.text():
            page.show_error("The two passphrases are not the same. Please type them again.")
            page.repeat.clear()
            return
        folder = Path(page.folder.text().strip())
        try:
            key = self.session.create(folder, page.passphrase.text(),
                                      name=page.name.text(), role=page.role.currentText())
        except EvidenceVaultError as exc:
            page.show_error(str(exc))
            return
        page.passphrase.clear()
        page.repeat.clear()
        self.recovery_page.show_key(key, owner=page.name.text().strip(), vault=str(folder))
        self.stack.setCurrentWidget(self.recovery_page)

    def unlock(self) -> None:
        page = self.unlock_page
        secret = page.passphrase.text()
        use_recovery = page.use_recovery.isChecked()
        try:
            if use_recovery:
                self.session.unlock(page.folder, recovery_key=secret.strip())
            else:
                self.session.unlock(page.folder, passphrase=secret)
        except WrongPassphraseError:
            page.wrong()
            return
        except VaultLockedError as exc:
            page.say(str(exc), "warning")
            return
        except EvidenceVaultError as exc:
            page.say(str(exc))
            return
        finally:
            secret = ""
        page.passphrase.clear()
        page.say("")
        self.show_main()

    def _fit_to_screen(self, width: int, height: int) -> None:
        """The preferred size, but never larger than the screen's free area (a 1366 x 768
        laptop has a task bar and a title bar: the status bar and Lock button were off-screen)."""
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None and screen.width() > 0:
            frame = 40  # the window manager's title bar and borders, which the size excludes
            width, height = min(width, screen.width()), min(height, screen.height() - frame)
        self.resize(width, height)

    def show_main(self) -> None:
        self.stack.setCurrentWidget(self.main)
        self.reload_cases()
        self.idle.set_minutes(self.settings.auto_lock_min)
        self.idle.start()
        self.update_status()
        self._set_enabled(True)

    # --- actions -------------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut=None, *, tip: str = "", menu=None) -> QAction:
        action = QAction(text, self)
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(QKeySequence.keyBindings(shortcut) or [QKeySequence(_FALLBACK[shortcut])])
        elif shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(tip or text.rstrip("…"))
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        if menu is not None:
            menu.addAction(action)
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&Evidence")
        browser_menu = bar.addMenu("&Browser")
        vault_menu = bar.addMenu("&Vault")
        help_menu = bar.addMenu("&Help")
        a = self._action
        self.act_capture = a("Capture a web page…", self.open_capture_dialog, "Ctrl+K", menu=file_menu)
        self.act_incident = a("Log something that happened…", self.open_incident_dialog, "Ctrl+I", menu=file_menu)
        self.act_files = a("Add files or emails…", self.choose_files, QKeySequence.StandardKey.Open, menu=file_menu)
        self.act_add_bundle = a("Add a bundle I received…", self.add_received_bundle, menu=file_menu)
        self.act_add_bundle.setIcon(theme.icon("package"))
        self.act_child = a(words.MAY_SHOW_CHILD, self.self_flag, "Ctrl+Shift+H", menu=file_menu,
                           tip="If you think something shows a child: what to do now")
        file_menu.addSeparator()
        self.act_new_case = a("New case", lambda: self.main.case_name.setFocus(),
                              QKeySequence.StandardKey.New, menu=file_menu)
        self.act_find = a("Search this case", self.focus_search, QKeySequence.StandardKey.Find, menu=file_menu)
        self.act_show = a("Show or blur the picture", self.main.details.reveal, "Ctrl+R", menu=file_menu)
        self.act_export = a("Make an evidence bundle…", self.export_bundle, "Ctrl+E", menu=file_menu)
        self.act_check_bundle = a("Check a bundle I received…", self.check_bundle, menu=file_menu)
        self.act_platform = a("Reports to the platform…", lambda: open_reports(self), "Ctrl+Shift+P", menu=file_menu)
        file_menu.addSeparator()
        self.act_quit = a("Quit", self.close, QKeySequence.StandardKey.Quit, menu=file_menu)
        self.act_browser = a("Open the evidence browser", self.open_browser, "Ctrl+B", menu=browser_menu)
        self.act_capture_this = a("Capture this page", self.capture_this_page, "Ctrl+Shift+K", menu=browser_menu)
        self.act_close_browser = a("Close the evidence browser", self.close_browser, menu=browser_menu)
        self.act_forget = a("Forget logins", self.forget_logins, menu=browser_menu)
        self.act_verify = a("Check this vault", self.check_vault, "Ctrl+Shift+V", menu=vault_menu)
        self.act_settings = a("Settings…", self.open_settings, QKeySequence.StandardKey.Preferences, menu=vault_menu)
        self.act_lock = a("Lock now", self.lock, "Ctrl+L", menu=vault_menu)
        self.act_lock.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)  # from dialogs too
        self.idle.home, self.idle.lock_keys = self, self.act_lock.shortcut()  # and from any window
        self.idle.lock_pressed.connect(lambda: self.session.is_open and self.lock())
        self.act_guide = a("User guide", self.show_user_guide, QKeySequence.StandardKey.HelpContents,
                           menu=help_menu)
        self.act_guidance = a("If something may show a child", self.show_guidance, menu=help_menu)
        self.act_support = a("Getting support", self.show_support, menu=help_menu)
        self.act_about_vault = a("About this vault (your code)…", lambda: show_about_vault(self), menu=help_menu)
        self.act_about = a("About Evidence Vault", self.show_about, menu=help_menu)
        self.act_about.setMenuRole(QAction.MenuRole.AboutRole)
        self._build_view_menu(bar, help_menu)
        self._build_main_actions()
        self.vault_actions = [self.act_capture, self.act_incident, self.act_files, self.act_new_case, self.act_find,
                              self.act_show, self.act_export, self.act_browser, self.act_capture_this,
                              self.act_close_browser, self.act_forget, self.act_verify,
                              self.act_settings, self.act_lock, self.act_platform, self.act_add_bundle,
                              self.act_about_vault]
        self._set_enabled(False)

    def _set_enabled(self, unlocked: bool) -> None:
        for act in self.vault_actions:
            act.setEnabled(unlocked)
        busy = self.capture_task is not None
        self.act_capture.setEnabled(unlocked and not busy)
        self.act_capture_this.setEnabled(unlocked and not busy and self.evidence_browser is not None)
        self.act_close_browser.setEnabled(unlocked and self.evidence_browser is not None)

    # --- lock ------------------------------------------------------------------------------
    def lock(self, message: str = "") -> None:
        """Drop keys and decrypted pictures, clear the window, ask for the passphrase again."""
        folder = self.session.folder
        for dialog in self.findChildren(QDialog):  # nothing of the vault stays on screen
            if dialog.isVisible():
                dialog.reject()
        if self.capture_task is not None:
            self.capture_task.cancel()
        self.close_browser(quiet=True)
        self.idle.stop()
        self.main.thumbnails.stop()
        self.main.clear()
        self.session.lock()
        self._set_enabled(False)
        self.update_status()
        if folder is not None:
            self.show_unlock(folder, message)
        else:
            self.stack.setCurrentWidget(self.welcome)

    def auto_lock(self) -> None:
        if self.session.is_open:
            self.lock("The vault locked itself after a while without use. Your evidence is safe.")

    # --- data ------------------------------------------------------------------------------
    def reload_cases(self, select_id: int | None = None) -> None:
        vault = self.session.vault
        if vault is None:
            return
        current = self.main.current_case()
        counts: dict[int, int] = {}
        for item in vault.items():
            counts[item.case_id] = counts.get(item.case_id, 0) + 1
        self.main.set_cases(vault.cases(), select_id if select_id is not None else
                            (current.id if current else None), counts)

    def case_chosen(self, case) -> None:
        vault = self.session.vault
        self.main.set_items(vault.items(case) + flag_entries(vault, case) if (vault and case) else [])

    def reload_items(self, select_id: int | None = None) -> None:
        vault, case = self.session.vault, self.main.current_case()
        if vault is not None and case is not None:  # items, and the case's text-only records
            items = vault.items(case)
            self.main.texts.forget()  # a correction changes what a search finds
            self.main.set_items(items + flag_entries(vault, case), select_id)
            entry = self.main.cases.currentItem()
            if entry is not None:
                entry.setText(f"{case.name}  ({len(items)})")
        self.update_status()

    def add_case(self, name: str) -> None:
        try:
            with self.session.write_lock:
                case = self.session.require().add_case(name)
        except EvidenceVaultError as exc:
            self.main.banner.say(str(exc), "failure")
            return
        self.main.case_name.clear()
        self.reload_cases(case.id)

    def capture_options(self, device: str | None = None) -> CaptureOptions:
        return CaptureOptions(device=device or self.settings.default_device or None)

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Add files to the case", str(Path.home()))
        if paths:
            self.ask_import([Path(p) for p in paths])

    def ask_import(self, paths: list[Path], *, sniffed: bool = False):
        """Ask when each file's content happened, and a note (import_dialog.py), then add them;
        a sealed bundle among them is first offered as a bundle received (received_bundles.py)."""
        if self.main.current_case() is None:
            self.main.banner.say("Create or choose a case first (on the left).", "warning")
            return None
        if not sniffed:
            offer = self.offer_bundles(paths)
            if offer is not None:
                return offer
        if not paths:
            return None
        dialog = ImportDialog(paths, workflows.file_hints, self)
        return self.open_dialog(dialog, lambda d: self.import_files(
            [a.path for a in d.answers], answers={a.path: a for a in d.answers}))

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self.capture_task is not None:
            event.ignore()
            self.ask_stop_capture_and_close()
            return
        if self.import_task is not None:  # a file half-added: let it finish before locking
            self.import_task.wait()
        if self.bundle_task is not None:  # a bundle half-added: the same
            self.bundle_task.wait()
        self.close_browser(quiet=True)
        self.main.thumbnails.shutdown()
        self.session.lock()
        if self.browser_worker is not None:
            self.browser_worker.close()
            self.browser_worker = None
        event.accept()

    def ask_stop_capture_and_close(self) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Question, "A capture is still running",
                          "A page is still being captured. Stop it and close? Nothing half-made is kept.",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.button(QMessageBox.StandardButton.Yes).setText("Stop and close")
        box.button(QMessageBox.StandardButton.No).setText("Keep capturing")
        box.setDefaultButton(QMessageBox.StandardButton.No)

        def answered(button) -> None:
            if box.standardButton(button) == QMessageBox.StandardButton.Yes and self.capture_task:
                self.capture_task.finished.connect(self.close)
                self.cancel_capture()
        box.buttonClicked.connect(answered)
        self.dialog = box
        box.open()
        return box
