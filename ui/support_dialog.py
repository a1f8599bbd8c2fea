# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Help › Getting support: whom to turn to, with what each one is for and how to reach them.

Why a list with sources: a frightened member of staff needs a number they can trust, and a
number that has changed is worse than none. So the routes live in ``resources/support.toml``
(shipped with the app, editable by a school), each with the organisation's own page it was
taken from and the date it was checked; the window shows both under each route, so anyone can
see how fresh it is. First come the school's own people: its procedures, the staff
counselling service, and the safeguarding lead and deputy the school typed in Settings.
"""

from __future__ import annotations

import html
import sys
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from evidence_vault import UsageError

from .pages import SUPPORT

SUPPORT_FILE = "support.toml"
TITLE = "Getting support"


@dataclass(frozen=True)
class Route:
    """One place to turn to, as ``support.toml`` gives it."""

    name: str
    what_for: str
    source: str
    checked: date
    phone: str = ""
    hours: str = ""
    web: str = ""
    note: str = ""
    unconfirmed: str = ""


def support_file() -> Path:
    """``_internal/resources/support.toml`` in a built app, else the checkout's resources."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle and (Path(bundle) / "resources" / SUPPORT_FILE).is_file():
        return Path(bundle) / "resources" / SUPPORT_FILE
    return Path(__file__).resolve().parents[1] / "resources" / SUPPORT_FILE


def load_routes(path: Path | None = None) -> tuple[list[Route], str]:
    """The routes and the line saying how they were checked; ``UsageError`` in words when the
    file cannot be read or an entry lacks what every entry must have."""
    path = path or support_file()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"The list of support contacts ({path}) could not be read: {exc}.") from None
    routes = []
    for n, entry in enumerate(data.get("route", []), 1):
        missing = [key for key in ("name", "what_for", "source", "checked") if not entry.get(key)]
        if missing or not isinstance(entry.get("checked"), date):
            raise UsageError(f"Entry {n} of {path.name} lacks {', '.join(missing) or 'a date checked'}.")
        routes.append(Route(**{key: entry[key] for key in Route.__dataclass_fields__ if key in entry}))
    return routes, str(data.get("checked_how", ""))


def _day(when: date) -> str:
    return f"{when.day} {when.strftime('%B %Y')}"


def support_html(routes: list[Route], checked_how: str, contacts_lines: list[str]) -> str:
    """The page the dialog shows (Qt's rich text): the school's people first, then each route."""
    e = html.escape
    parts = [f"<p>{e(SUPPORT)}</p>"]
    if contacts_lines:
        parts.append("<p><b>Your school's safeguarding contacts</b><br>" + "<br>".join(contacts_lines) + "</p>")
    parts.append("<h3>National help for school staff in England</h3>")
    for route in routes:
        lines = [f"<b>{e(route.name)}</b>", e(route.what_for)]
        if route.phone:
            lines.append(f"Phone: <b>{e(route.phone)}</b>" + (f". {e(route.hours)}" if route.hours else ""))
        if route.web:
            lines.append(f'Web: <a href="{e(route.web, quote=True)}">{e(route.web)}</a>')
        if route.note:
            lines.append(f"<small>{e(route.note)}</small>")
        if route.unconfirmed:
            lines.append(f"<small>Not confirmed: {e(route.unconfirmed)}</small>")
        lines.append(f'<small>Taken from <a href="{e(route.source, quote=True)}">{e(route.source)}</a>, '
                     f"checked {e(_day(route.checked))}.</small>")
        parts.append("<p>" + "<br>".join(lines) + "</p>")
    if checked_how:
        parts.append(f"<p><small>{e(checked_how)} Numbers and opening hours can change.</small></p>")
    return "".join(parts)


class SupportDialog(QDialog):
    def __init__(self, parent=None, *, path: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.text = QTextBrowser()
        self.text.setAccessibleName(TITLE)
        self.text.setOpenExternalLinks(True)  # a web address opens in the person's browser
        settings = getattr(parent, "settings", None)
        contacts = []
        if settings is not None and hasattr(settings, "safeguarding_contacts"):
            people = settings.safeguarding_contacts()
            if any((people.lead_name, people.lead_phone, people.deputy_name, people.deputy_phone)):
                contacts = [html.escape(line.removeprefix("- ").replace("**", "")) for line in people.lines()]
        try:
            self.routes, checked_how = load_routes(path)
            self.text.setHtml(support_html(self.routes, checked_how, contacts))
        except UsageError as exc:
            self.routes = []
            self.text.setHtml(f"<p>{html.escape(SUPPORT)}</p><p>{html.escape(str(exc))}</p>")
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(box)
        self.resize(720, 620)
