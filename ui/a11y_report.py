# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""What a screen reader and a person with low vision meet: every interactive control of the
main window (each of its screens) and of each dialog, opened offscreen, with the name Qt's
accessibility layer gives it, its words, whether it has an icon, and the contrast of its text
on its background in each theme (ui/theme.py).

    evidence-vault gui --self-check --a11y-report FILE

writes a JSON list of ``{"where", "class", "name", "text", "icon", "contrast": {"light",
"dark", "high_contrast"}}``. The colours are read from each widget's palette after the theme's
style sheet has been applied to it (Qt's style sheet engine sets the palette from the rules),
so the figures are the ones drawn, not the ones intended. Passphrase fields report no text.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtGui import QAccessible, QPalette
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractItemView, QAbstractSpinBox, QCheckBox, QComboBox, QRadioButton, QDialog, QLineEdit,
    QMessageBox, QPlainTextEdit, QScrollBar, QTextEdit, QWidget,
)

from . import theme
from .a11y_dialogs import dialog_openers

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QTextEdit,
               QAbstractItemView)
THEMES = ("light", "dark", "high_contrast")


def accessible_name(widget: QWidget) -> str:
    """The name a screen reader says: Qt's own answer (accessible name, button text, or the
    label that is the field's buddy)."""
    iface = QAccessible.queryAccessibleInterface(widget)
    name = iface.text(QAccessible.Text.Name) if iface is not None else ""
    return (name or widget.accessibleName() or "").replace("&", "").strip()


def _text(widget: QWidget) -> str:
    if isinstance(widget, QAbstractButton):
        return widget.text().replace("&", "")
    if isinstance(widget, QComboBox):
        return widget.currentText()
    if isinstance(widget, QLineEdit):
        return "" if widget.echoMode() != QLineEdit.EchoMode.Normal else widget.placeholderText()
    return ""


def _internal(widget: QWidget) -> bool:
    """Parts of a bigger control that a screen reader meets as that control (a combo box's
    field, a spin box's field, scroll bars), and Qt's own private helpers."""
    if isinstance(widget, QScrollBar) or widget.objectName().startswith(("qt_", "_q_")):
        return True
    parent = widget.parentWidget()
    while parent is not None:  # a combo box's pop-up list lives in a private container
        if isinstance(parent, (QComboBox, QAbstractSpinBox)) or type(parent).__name__.endswith("Container") \
                or parent.metaObject().className() == "QComboBoxPrivateContainer":
            return True
        parent = parent.parentWidget()
    return False


def interactive(root: QWidget) -> list[QWidget]:
    found = [w for w in root.findChildren(QWidget) if isinstance(w, INTERACTIVE) and not _internal(w)]
    return found


def colours(widget: QWidget) -> tuple[str, str]:
    """(text, background) as drawn; a transparent background is whatever is behind it."""
    widget.ensurePolished()
    pal = widget.palette()
    fg = pal.color(QPalette.ColorGroup.Active, widget.foregroundRole())
    behind: QWidget | None = widget
    bg = pal.color(QPalette.ColorGroup.Active, widget.backgroundRole())
    if isinstance(widget, (QCheckBox, QRadioButton)) and not widget.autoFillBackground():
        bg.setAlpha(0)  # they paint no background: their words sit on what is behind them
    while bg.alpha() == 0 and behind is not None:
        behind = behind.parentWidget()
        if behind is not None:
            behind.ensurePolished()
            bg = behind.palette().color(QPalette.ColorGroup.Active, behind.backgroundRole())
    return fg.name(), bg.name()


def describe(where: str, widgets: list[QWidget], app) -> list[dict]:
    rows = [{"where": where, "class": w.metaObject().className(), "name": accessible_name(w),
             "text": _text(w), "icon": isinstance(w, QAbstractButton) and not w.icon().isNull(),
             "contrast": {}} for w in widgets]
    for name in THEMES:
        theme.apply(app, name)
        app.processEvents()
        for row, widget in zip(rows, widgets):
            fg, bg = colours(widget)
            row["contrast"][name] = theme.contrast(fg, bg)
    return rows


def menu_rows(window, app) -> list[dict]:
    """The menu bar's commands: a menu item is a control too (its words on the menu's colour)."""
    rows = []
    for top in window.menuBar().actions():
        menu = top.menu()
        if menu is None:
            continue
        for action in menu.actions():
            if action.isSeparator():
                continue
            rows.append({"where": f"{window.windowTitle()} \u203a menu {top.text().replace('&', '')}",
                         "class": "QAction", "name": action.text().replace("&", ""),
                         "text": action.text().replace("&", ""), "icon": not action.icon().isNull(),
                         "menu": menu, "contrast": {}})
    for name in THEMES:
        theme.apply(app, name)
        app.processEvents()
        for row in rows:
            fg, bg = colours(row["menu"])
            row["contrast"][name] = theme.contrast(fg, bg)
    for row in rows:
        del row["menu"]
    return rows


def report(window, app) -> list[dict]:
    """The whole report; ``window`` has an open vault with a case and at least one incident."""
    saved = theme.current_name()
    rows: list[dict] = []
    title = window.windowTitle()
    for page, name in ((window.welcome, "first run"), (window.create_page, "create your vault"),
                       (window.recovery_page, "recovery key"), (window.unlock_page, "unlock"),
                       (window.main, "main window")):
        window.stack.setCurrentWidget(page)
        app.processEvents()
        rows += describe(f"{title} \u203a {name}", interactive(page), app)
    rows += describe(f"{title} \u203a status bar", interactive(window.statusBar()), app)
    rows += menu_rows(window, app)
    for menu in (window.main.add_menu, window.main.case_menu, window.main.details.more_menu):
        for action in menu.actions():
            if not action.isSeparator():
                rows.append({"where": f"{title} \u203a menu {menu.title()}",
                             "class": "QAction", "name": action.text(), "text": action.text(),
                             "icon": not action.icon().isNull(), "contrast": menu_rows_contrast(menu, app)})
    with tempfile.TemporaryDirectory(prefix="ev-a11y-") as scratch:
        for opener in dialog_openers(window, Path(scratch)):
            dialog = opener()
            if isinstance(dialog, QMessageBox) and not dialog.isVisible():
                dialog.open()
            if not isinstance(dialog, QDialog):
                dialog = window.dialog
            if dialog is None:
                continue
            app.processEvents()
            rows += describe(dialog.windowTitle() or type(dialog).__name__, interactive(dialog), app)
            for shown in [dialog] + [d for d in window.findChildren(QDialog) if d.isVisible()]:
                shown.reject()  # a dialog opened from another closes with it
                if shown is not window.help.guide_window:
                    shown.deleteLater()
            app.processEvents()
    theme.apply(app, saved)
    return rows


def menu_rows_contrast(menu, app) -> dict:
    out = {}
    for name in THEMES:
        theme.apply(app, name)
        app.processEvents()
        out[name] = theme.contrast(*colours(menu))
    return out


def summary(rows: list[dict]) -> dict:
    unnamed = [r for r in rows if not r["name"]]
    low = [r for r in rows if min(r["contrast"].values()) < 4.5]
    return {"controls": len(rows), "unnamed": len(unnamed), "under_4_5": len(low),
            "places": len({r["where"] for r in rows})}
