# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Help › Getting support: every national route with what it is for, how to reach it, the
organisation's own page it was taken from and the date it was checked (resources/support.toml)."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest

from evidence_vault import UsageError

from ui.support_dialog import SupportDialog, load_routes, support_file

SUPPORT_TOML = Path(__file__).resolve().parents[2] / "resources" / "support.toml"
MUST_LIST = ["Education Support", "Professionals Online Safety Helpline", "Report Harmful Content",
             "Internet Watch Foundation", "CEOP", "police"]


def test_every_route_says_what_it_is_for_where_it_came_from_and_when_it_was_checked():
    data = tomllib.loads(SUPPORT_TOML.read_text(encoding="utf-8"))
    assert "stored copy" in data["checked_how"]
    routes, _how = load_routes()
    assert support_file() == SUPPORT_TOML
    for wanted in MUST_LIST:
        assert any(wanted in route.name for route in routes), wanted
    for route in routes:
        assert route.source.startswith(("https://", "http://")), route.name
        assert isinstance(route.checked, date) and route.checked <= date.today(), route.name
        assert len(route.what_for) > 40, route.name
        assert route.phone or route.web, f"{route.name}: no way to reach it"
    police = next(r for r in routes if "police" in r.name.lower())
    assert "999" in police.phone and "101" in police.phone
    education = next(r for r in routes if "Education Support" in r.name)
    assert education.phone == "08000 562 561"


def test_the_dialog_shows_each_route_its_contact_its_page_and_date(window, qtbot):
    dialog = window.help.show_support()
    assert dialog.windowTitle() == "Getting support" and dialog.isVisible()
    shown = dialog.text.toPlainText()
    assert shown.startswith("You do not have to deal with this alone.")
    assert len(dialog.routes) == 6
    for route in dialog.routes:
        assert route.name in shown and route.what_for in shown
        for contact in (route.phone, route.web, route.source):
            assert contact in shown, (route.name, contact)
        assert f"checked {route.checked.day} {route.checked.strftime('%B %Y')}" in shown
        if route.unconfirmed:
            assert f"Not confirmed: {route.unconfirmed}" in shown
    assert "Your school's safeguarding contacts" not in shown  # none typed in Settings yet
    dialog.reject()


def test_the_schools_own_people_come_first_when_settings_name_them(window, app_settings):
    app_settings.safeguarding_lead, app_settings.safeguarding_lead_phone = "Mrs Asha Patel", "01632 960123"
    dialog = window.help.show_support()
    shown = dialog.text.toPlainText()
    assert "Designated safeguarding lead: Mrs Asha Patel, phone 01632 960123" in shown
    assert shown.index("Mrs Asha Patel") < shown.index("Education Support")
    dialog.reject()


@pytest.mark.parametrize("entry, says", [
    ('name = "A"\nwhat_for = "B"\nsource = "https://example.org"\n', "lacks checked"),
    ('name = "A"\nwhat_for = "B"\nchecked = 2026-12-06\n', "lacks source"),
    ('name = "A"\nwhat_for = "B"\nsource = "https://example.org"\nchecked = "yesterday"\n', "a date checked"),
])
def test_an_entry_without_its_page_or_date_is_refused(tmp_path, entry, says):
    bad = tmp_path / "support.toml"
    bad.write_text(f"[[route]]\n{entry}", encoding="utf-8")
    with pytest.raises(UsageError, match=says):
        load_routes(bad)


def test_a_list_that_cannot_be_read_is_said_plainly(qtbot, tmp_path):
    dialog = SupportDialog(path=tmp_path / "support.toml")
    qtbot.addWidget(dialog)
    shown = dialog.text.toPlainText()
    assert shown.startswith("You do not have to deal with this alone.") and "could not be read" in shown
