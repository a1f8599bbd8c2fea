# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Find things in a case: a search box (titles, notes and a page's or email's own text), kinds
(All · Pages · Incidents · Files and emails · Notes) and when it happened (any time, the last 7
or 30 days, the last 12 months).

The words searched are the item's record (title, note, corrections) and, for saved pages,
emails and incidents, their text read from the vault when a search first needs it. Those texts
are kept in memory only, never on disk, and dropped when the vault locks (``forget``).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QToolButton, QWidget

from evidence_vault.vault import capture_address
from evidence_vault import EvidenceVaultError
from evidence_vault.vault.wordings import current_summary, current_text
from evidence_vault.times import parse_stored_time

from . import theme, words

KINDS = (("all", "All"), ("web_capture", "Pages"), ("incident", "Incidents"), ("file", "Files and emails"),
         ("flag", "Notes"))
PERIODS = (("any", "Any time", None), ("7", "Last 7 days", 7), ("30", "Last 30 days", 30),
           ("365", "Last 12 months", 365))
_TEXT_ROLE = {"web_capture": "text", "email": "text", "incident": "entry"}


class ItemTexts:
    """The searchable words of each item, read once per unlock (memory only)."""

    def __init__(self, session) -> None:
        self.session = session
        self._texts: dict[int, str] = {}

    def forget(self) -> None:
        self._texts.clear()

    def of(self, item) -> str:
        if item.id in self._texts:
            return self._texts[item.id]
        parts = [words.item_title(item), current_summary(item), current_text(item) or "",
                 str(item.info.get("note") or ""), capture_address(item.info),
                 str(item.info.get("filename") or ""), words.item_kind_text(item)]
        parts += [str(a.get("note") or "") for a in item.amendments]
        role = _TEXT_ROLE.get(item.kind)
        vault = self.session.vault
        if role and item.state == "active" and vault is not None and item.id > 0:
            try:
                parts.append(vault.read_artefact(item.id, role).decode("utf-8", "replace"))
            except EvidenceVaultError:  # an item without that text is searched by its record
                pass
        text = "\n".join(parts).casefold()
        self._texts[item.id] = text
        return text


def kind_group(item) -> str:
    return "file" if item.kind in ("file", "email") else item.kind


def reported_by(item) -> str | None:
    """Who reported an item imported from someone's bundle (their name in its ``source``);
    None for the vault owner's own items and text-only entries."""
    source = item.info.get("source") if isinstance(getattr(item, "info", None), dict) else None
    return (source.get("from_name") or "someone not named") if isinstance(source, dict) else None


def matches(item, *, query: str, kind: str, days: int | None, texts: ItemTexts,
            now: datetime | None = None, person: str | None = None) -> bool:
    """``person``: None for everyone, "" for the owner's own items, else a sender's name."""
    if kind != "all" and kind_group(item) != kind:
        return False
    if person is not None and (reported_by(item) or "") != person:
        return False
    if days is not None:
        when = words.when_of(item)
        if not when:
            return False
        at = parse_stored_time(when)  # the one reader: a day alone too, never a naive time
        if at is None or at < (now or datetime.now(timezone.utc)) - timedelta(days=days):
            return False
    terms = query.casefold().split()
    if terms:
        text = texts.of(item)
        return all(t in text for t in terms)
    return True


class FindBar(QWidget):
    """The search field, the kind buttons, the period, and how many items are shown."""

    changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(theme.SPACE["s"])
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search titles, notes and page text")
        self.search.setAccessibleName("Search this case")
        self.search.setClearButtonEnabled(True)
        self.search_icon = self.search.addAction(theme.icon("magnifying-glass", "muted"),
                                                 QLineEdit.ActionPosition.LeadingPosition)
        for button in self.search.findChildren(QToolButton):  # the field's own: say what they are
            clear = button.defaultAction() is not None and "clear" in button.defaultAction().objectName()
            button.setAccessibleName("Clear the search" if clear else "Search")
        self.search.textChanged.connect(self.changed)
        # the search field is placed by the page (a row of its own, full width)
        self.kinds = QButtonGroup(self)
        self.kinds.setExclusive(True)
        self.kind_buttons: dict[str, QPushButton] = {}
        for key, text in KINDS:
            button = QPushButton(text)
            button.setCheckable(True)
            button.setAccessibleName(f"Show {text.lower()}" if key != "all" else "Show all kinds")
            theme.set_flag(button, "chip")
            self.kinds.addButton(button)
            self.kind_buttons[key] = button
            row.addWidget(button)
        self.kind_buttons["all"].setChecked(True)
        self.kinds.buttonToggled.connect(lambda _b, on: on and self.changed.emit())
        self.period = QComboBox()
        self.period.setAccessibleName("When it happened")
        for key, text, days in PERIODS:
            self.period.addItem(text, days)
        self.period.currentIndexChanged.connect(lambda _i: self.changed.emit())
        row.addStretch(1)
        # Who reported it: only in a case holding items from bundles others sent (issue 22)
        self.person = QComboBox()
        self.person.setAccessibleName("Who reported it")
        self.person.setToolTip("Show the items one person reported")
        self.person.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.person.setVisible(False)
        row.addWidget(self.person)
        row.addWidget(self.period)
        self.count = theme.set_role(QLabel(), "muted")
        self.count.setAccessibleName("How many items are shown")

    def kind(self) -> str:
        for key, button in self.kind_buttons.items():
            if button.isChecked():
                return key
        return "all"

    def days(self) -> int | None:
        return self.period.currentData()

    def set_people(self, owner: str, senders: list[str]) -> None:
        """Everyone, the owner, then each sender; hidden when nobody else reported anything."""
        chosen = self.person_filter()
        self.person.blockSignals(True)
        self.person.clear()
        self.person.addItem("Everyone", None)
        if senders:
            self.person.addItem(f"{owner or 'Me'} (this vault)", "")
            for name in senders:
                self.person.addItem(name, name)
        index = self.person.findData(chosen) if chosen is not None else 0
        self.person.setCurrentIndex(max(0, index))
        self.person.blockSignals(False)
        self.person.setVisible(bool(senders))

    def person_filter(self) -> str | None:
        return self.person.currentData() if self.person.count() else None

    def query(self) -> str:
        return self.search.text().strip()

    def filtering(self) -> bool:
        return (bool(self.query()) or self.kind() != "all" or self.days() is not None
                or self.person_filter() is not None)

    def reset(self) -> None:
        self.blockSignals(True)
        self.search.clear()
        self.kind_buttons["all"].setChecked(True)
        self.period.setCurrentIndex(0)
        self.person.setCurrentIndex(0)
        self.blockSignals(False)

    def refresh_icons(self) -> None:
        self.search_icon.setIcon(theme.icon("magnifying-glass", "muted"))  # not the clear button's

