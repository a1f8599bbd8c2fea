# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The Evidence Vault window: its screens, its commands (each a QAction with a key binding)
and what locking clears. The work itself is done by the library (``workflows`` and the
safeguarding actions), exactly as the CLI does it.

What the commands do lives in objects the window holds, one per task, each in a module of its
own: ``captures`` (capture_commands.py: capturing, the evidence browser, the self-flag),
``items`` (item_commands.py: incidents, files, one item's actions), ``bundles``
(bundle_commands.py: making, checking and adding bundles), ``help`` (help_commands.py) and the
status bar, ``status`` (status_line.py). The window keeps its screens, its actions, locking,
the case list and the one dialog open now; its Qt events hand their work to those objects.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMainWindow, QMessageBox, QStackedWidget

from evidence_vault import EvidenceVaultError, VaultLockedError, WrongPassphraseError

from . import main_actions, theme, words
from .autolock import IdleLock
from .about_vault import show_about_vault
from .bundle_commands import BundleCommands
from .capture_commands import CaptureCommands
from .dialogs import SettingsDialog
from .help_commands import HelpCommands
from .item_commands import ItemCommands
from .main_page import MainPage
from .message import tone_box
from .platform_reports import open_reports
from .pages import CreatePage, RecoveryKeyPage, UnlockPage, WelcomePage
from .session import VaultSession
from .status_line import StatusLine
from .safeguarding_dialogs import ask_release
from .settings import AppSettings, known_vaults
from .timeline import flag_entries


class MainWindow(QMainWindow):
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
        self.dialog = None  # the dialog open now, if any (tests fill it in)
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.welcome = WelcomePage()
        self.create_page = CreatePage()
        self.recovery_page = RecoveryKeyPage()
        self.unlock_page = UnlockPage()
        self.main = MainPage(self.session)
        for page in (self.welcome, self.create_page, self.recovery_page, self.unlock_page, self.main):
            self.stack.addWidget(page)
        self.captures = CaptureCommands(self)
        self.items = ItemCommands(self)
        self.bundles = BundleCommands(self)
        self.help = HelpCommands(self)
        self.welcome.create_requested.connect(lambda: self.stack.setCurrentWidget(self.create_page))
        self.welcome.open_requested.connect(self.open_folder)
        self.create_page.back.connect(lambda: self.stack.setCurrentWidget(self.welcome))
        self.create_page.submitted.connect(self.create_vault)
        self.recovery_page.done.connect(self.show_main)
        self.unlock_page.submitted.connect(self.unlock)
        self.unlock_page.other_vault.connect(lambda: self.stack.setCurrentWidget(self.welcome))
        self.main.case_chosen.connect(self.case_chosen)
        self.main.new_case.connect(self.add_case)
        details = self.main.details  # its item's own commands are connected by ``items``
        details.release.connect(lambda item_id: ask_release(self, item_id))
        details.report_to_platform.connect(lambda item_id: open_reports(self, item_id=item_id))
        details.error.connect(lambda text: self.main.banner.say(text, "failure"))
        self.main.progress.cancel.connect(self.captures.cancel)

        self.idle = IdleLock(app, self.settings.auto_lock_min, self)
        self.idle.idle.connect(self.auto_lock)
        self.status = StatusLine(self.statusBar(), self.session, self.settings, self.lock)
        self._build_actions()
        self.setAcceptDrops(True)
        self._fit_to_screen(1366, 768)
        self.status.update()
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
        self.status.update()
        self.set_enabled(True)

    # --- actions -------------------------------------------------------------------------
    def _build_actions(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&Evidence")
        browser_menu = bar.addMenu("&Browser")
        vault_menu = bar.addMenu("&Vault")
        help_menu = bar.addMenu("&Help")

        def a(text, slot, shortcut=None, *, tip="", menu=None):
            return main_actions.add_action(self, text, slot, shortcut, tip=tip, menu=menu)
        captures, items, bundles, help_ = self.captures, self.items, self.bundles, self.help
        self.act_capture = a("Capture a web page…", captures.open_dialog, "Ctrl+K", menu=file_menu)
        self.act_incident = a("Log something that happened…", items.open_incident_dialog, "Ctrl+I", menu=file_menu)
        self.act_files = a("Add files or emails…", items.choose_files, QKeySequence.StandardKey.Open, menu=file_menu)
        self.act_add_bundle = a("Add a bundle I received…", bundles.add_received_bundle, menu=file_menu)
        self.act_add_bundle.setIcon(theme.icon("package"))
        self.act_child = a(words.MAY_SHOW_CHILD, captures.self_flag, "Ctrl+Shift+H", menu=file_menu,
                           tip="If you think something shows a child: what to do now")
        file_menu.addSeparator()
        self.act_new_case = a("New case", lambda: self.main.case_name.setFocus(),
                              QKeySequence.StandardKey.New, menu=file_menu)
        self.act_find = a("Search this case", self.focus_search, QKeySequence.StandardKey.Find, menu=file_menu)
        self.act_show = a("Show or blur the picture", self.main.details.reveal, "Ctrl+R", menu=file_menu)
        self.act_export = a("Make an evidence bundle…", bundles.export_bundle, "Ctrl+E", menu=file_menu)
        self.act_check_bundle = a("Check a bundle I received…", bundles.check_bundle, menu=file_menu)
        self.act_platform = a("Reports to the platform…", lambda: open_reports(self), "Ctrl+Shift+P", menu=file_menu)
        file_menu.addSeparator()
        self.act_quit = a("Quit", self.close, QKeySequence.StandardKey.Quit, menu=file_menu)
        self.act_browser = a("Open the evidence browser", captures.open_browser, "Ctrl+B", menu=browser_menu)
        self.act_capture_this = a("Capture this page", captures.capture_this_page, "Ctrl+Shift+K",
                                  menu=browser_menu)
        self.act_close_browser = a("Close the evidence browser", captures.close_browser, menu=browser_menu)
        self.act_forget = a("Forget logins", captures.forget_logins, menu=browser_menu)
        self.act_verify = a("Check this vault", self.check_vault, "Ctrl+Shift+V", menu=vault_menu)
        self.act_settings = a("Settings…", self.open_settings, QKeySequence.StandardKey.Preferences, menu=vault_menu)
        self.act_lock = a("Lock now", self.lock, "Ctrl+L", menu=vault_menu)
        self.act_lock.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)  # from dialogs too
        self.idle.home, self.idle.lock_keys = self, self.act_lock.shortcut()  # and from any window
        self.idle.lock_pressed.connect(lambda: self.session.is_open and self.lock())
        self.act_guide = a("User guide", help_.show_user_guide, QKeySequence.StandardKey.HelpContents,
                           menu=help_menu)
        self.act_guidance = a("If something may show a child", help_.show_guidance, menu=help_menu)
        self.act_support = a("Getting support", help_.show_support, menu=help_menu)
        self.act_about_vault = a("About this vault (your code)…", lambda: show_about_vault(self), menu=help_menu)
        self.act_about = a("About Evidence Vault", help_.show_about, menu=help_menu)
        self.act_about.setMenuRole(QAction.MenuRole.AboutRole)
        self.theme_actions = main_actions.view_menu(self, bar, help_menu)
        main_actions.place(self)
        self.vault_actions = [self.act_capture, self.act_incident, self.act_files, self.act_new_case, self.act_find,
                              self.act_show, self.act_export, self.act_browser, self.act_capture_this,
                              self.act_close_browser, self.act_forget, self.act_verify,
                              self.act_settings, self.act_lock, self.act_platform, self.act_add_bundle,
                              self.act_about_vault]
        self.set_enabled(False)

    def set_enabled(self, unlocked: bool) -> None:
        """The vault's actions on or off; capturing is off while a capture runs."""
        for act in self.vault_actions:
            act.setEnabled(unlocked)
        busy, browsing = self.captures.task is not None, self.captures.evidence_browser is not None
        self.act_capture.setEnabled(unlocked and not busy)
        self.act_capture_this.setEnabled(unlocked and not busy and browsing)
        self.act_close_browser.setEnabled(unlocked and browsing)

    def set_theme(self, name: str) -> None:
        theme.save(name)
        theme.apply(self.app, name)
        self.theme_actions[name].setChecked(True)
        main_actions.redraw_icons(self)
        self.status.update()

    def focus_search(self) -> None:
        self.main.find.search.setFocus()
        self.main.find.search.selectAll()

    # --- the one dialog open now: opened, not exec()'d, and kept in self.dialog ------------
    def open_dialog(self, dialog, on_accept):
        self.dialog = dialog
        dialog.accepted.connect(lambda: on_accept(dialog))
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None) if self.dialog is dialog else None)
        dialog.open()
        return dialog

    def change_vault(self, change) -> bool:
        """``change(vault)`` under the session's write lock; a refusal is said in the banner."""
        try:
            with self.session.write_lock:
                change(self.session.require())
        except EvidenceVaultError as exc:
            self.main.banner.say(str(exc), "failure")
            return False
        return True

    def case_or_say(self):
        """The case chosen on the left, or None after saying to choose one."""
        case = self.main.current_case()
        if case is None:
            self.main.banner.say("Create or choose a case first (on the left).", "warning")
        return case

    # --- lock ------------------------------------------------------------------------------
    def lock(self, message: str = "") -> None:
        """Drop keys and decrypted pictures, clear the window, ask for the passphrase again."""
        folder = self.session.folder
        for dialog in self.findChildren(QDialog):  # nothing of the vault stays on screen
            if dialog.isVisible():
                dialog.reject()
        if self.captures.task is not None:
            self.captures.task.cancel()
        self.captures.close_browser(quiet=True)
        self.idle.stop()
        self.main.thumbnails.stop()
        self.main.clear()
        self.session.lock()
        self.set_enabled(False)
        self.status.update()
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
        self.status.update()

    def add_case(self, name: str) -> None:
        try:
            with self.session.write_lock:
                case = self.session.require().add_case(name)
        except EvidenceVaultError as exc:
            self.main.banner.say(str(exc), "failure")
            return
        self.main.case_name.clear()
        self.reload_cases(case.id)

    # --- checking the vault, settings --------------------------------------------------------
    def check_vault(self):
        vault = self.session.require()
        report = vault.verify()
        self.status.checked(report.ok)
        if report.ok:
            text = (f"This vault is intact: its {report.events} history entries and "
                    f"{report.blobs} stored files are exactly as they were saved.")
        else:
            text = ("Something in this vault has changed since it was saved. Keep a copy of the "
                    "vault folder as it is and ask for help.\n\n" + "\n".join(report.problems[:10]))
        box = QMessageBox(QMessageBox.Icon.Information if report.ok else QMessageBox.Icon.Warning,
                          "Check this vault", text, QMessageBox.StandardButton.Ok, self)
        tone_box(box, "success" if report.ok else "failure")
        self.dialog = box
        box.open()
        return report

    def open_settings(self):
        names = self.session.require().hash_lists.names()
        return self.open_dialog(SettingsDialog(self.settings, names, self), self._settings_saved)

    def _settings_saved(self, dialog) -> None:
        dialog.apply()
        self.idle.set_minutes(self.settings.auto_lock_min)
        self.idle.start()
        self.captures.forget_worker()  # a new browser path takes effect next capture
        self.status.update()

    # --- Qt events: the work is done by the objects the window holds ------------------------
    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.items.accepts_drag(event)

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.items.dropped(event)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        captures = self.captures
        if captures.task is not None:
            event.ignore()
            captures.ask_stop_and_close()
            return
        if self.items.import_task is not None:  # a file half-added: let it finish before locking
            self.items.import_task.wait()
        self.bundles.wait()  # a bundle half-added: the same
        captures.close_browser(quiet=True)
        self.main.thumbnails.shutdown()
        self.session.lock()
        captures.forget_worker()
        event.accept()
