# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""One way in (Add evidence), finding things (search, kinds, dates, counts per case), and
feedback a person can see (tone icon and words, no layout jump, messages that clear, empty
panes that say what to do next, "Open the folder" that says when it cannot)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QToolButton

from ui import bundles, theme
from ui_support import CASE, open_vault


def _iso(days_ago: float) -> str:
    return (datetime.now(timezone.utc) - timedelta(days=days_ago)).strftime("%Y-%m-%dT%H:%M:%SZ")


def _shown_titles(window) -> list[str]:
    model = window.main.model
    return [model.data(model.index(r)) for r in range(model.rowCount())]


def test_add_evidence_is_the_one_primary_action_and_keeps_every_key(window):
    m = window.main
    primaries = [w for w in window.findChildren(QToolButton) + window.findChildren(type(m.new_case_button))
                 if w.property("primary") == "true" and w.isVisible()]
    assert primaries == [m.add_button] and m.add_button.text() == "Add evidence"
    assert not m.add_button.icon().isNull()
    assert [(a.text(), a.shortcut().toString()) for a in m.add_menu.actions() if not a.isSeparator()] == [
        ("Capture a web page…", "Ctrl+K"), ("Log something that happened…", "Ctrl+I"),
        ("Add files or emails…", "Ctrl+O"), ("Add a bundle I received…", "")]
    assert window.act_add_bundle in m.add_menu.actions()  # the same action as the Evidence menu's
    assert window.browser_button.text() == "Evidence browser" and window.browser_button.isVisible()
    # bundle and checks in the case's More menu, and the clause-71 action there, quiet and last
    case_menu = [a.text() for a in m.case_menu.actions() if not a.isSeparator()]
    assert case_menu == ["Make an evidence bundle…", "Check a bundle I received…", "Check this vault",
                         "This may show a child"]
    assert window.act_child.shortcut().toString() == "Ctrl+Shift+H"
    evidence = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Evidence")
    assert window.act_child in evidence.actions()
    assert not window.act_child.font().bold()


def test_search_kinds_and_dates_filter_the_timeline_and_cases_show_counts(window, qtbot):
    vault = open_vault(window)
    case = window.main.current_case()
    vault.add_incident(case, kind="phone_call", text="A parent phoned reception.\nAsked which car is mine.",
                       occurred_at=_iso(2))
    vault.add_incident(case, kind="in_person", text="Shouted at me by the gate.", occurred_at=_iso(40))
    window.add_case("Parent emails")
    window.main.cases.setCurrentRow(0)
    window.reload_items()
    counts = [window.main.cases.item(r).text() for r in range(window.main.cases.count())]
    assert f"{CASE}  (2)" in counts and "Parent emails  (0)" in counts
    assert window.main.case_count.text() == "2 items in this case"

    QTest.keySequence(window, "Ctrl+F")
    assert window.main.find.search.hasFocus()
    QTest.keyClicks(window.main.find.search, "which car")  # on the entry's second line: read from the vault
    assert len(_shown_titles(window)) == 1 and "phoned reception" in _shown_titles(window)[0]
    assert window.main.find.count.text() == "Showing 1 of 2"
    window.main.find.search.clear()
    window.main.find.period.setCurrentIndex(window.main.find.period.findData(30))
    assert len(_shown_titles(window)) == 1  # the one 40 days ago is left out
    window.main.find.period.setCurrentIndex(0)
    qtbot.mouseClick(window.main.find.kind_buttons["web_capture"], Qt.MouseButton.LeftButton)
    assert _shown_titles(window) == []
    assert window.main.items_stack.currentWidget() is window.main.empty
    assert "Nothing here matches" in window.main.empty.text()
    qtbot.mouseClick(window.main.find.kind_buttons["all"], Qt.MouseButton.LeftButton)
    assert len(_shown_titles(window)) == 2 and window.main.find.count.text() == ""


def test_messages_have_icon_words_and_colour_and_keep_their_space(window):
    banner = window.main.banner
    timeline_top = window.main.items_stack.mapTo(window, window.main.items_stack.rect().topLeft())
    banner.say("Saved as item 3.", "success")
    ok_icon = banner.icon.pixmap().cacheKey()
    assert banner.isVisible() and banner.text.accessibleDescription() == "Done: Saved as item 3."
    assert banner.property("tone") == "success" and banner.icon.toolTip() == "Done"
    window.app.processEvents()
    assert window.main.items_stack.mapTo(window, window.main.items_stack.rect().topLeft()) == timeline_top
    banner.say("That did not work.", "failure")
    assert banner.icon.pixmap().cacheKey() != ok_icon and banner.text.accessibleDescription().startswith("Problem: ")
    banner.say("")
    window.app.processEvents()
    assert not banner.isVisible()
    assert window.main.items_stack.mapTo(window, window.main.items_stack.rect().topLeft()) == timeline_top
    assert theme.TONES["warning"][3] == "Please note"
    window.main.progress.started("https://example.org/post")  # a capture's progress: the same slot
    window.app.processEvents()
    assert window.main.items_stack.mapTo(window, window.main.items_stack.rect().topLeft()) == timeline_top
    window.main.progress.hide()


def test_a_weak_passphrase_warning_clears_when_a_strong_one_is_typed(make_window, tmp_path, qtbot):
    window = make_window(tmp_path / "new")
    window.stack.setCurrentWidget(window.create_page)
    page = window.create_page
    page.folder.setText(str(tmp_path / "new"))
    page.name.setText("Sam Teacher")
    window.show()
    qtbot.waitExposed(window)
    # the rule is said before typing, so the Again field does not jump down when typing starts
    # (a trial's click, aimed at it, landed on the new message instead)
    assert page.hint_bar.isVisible() and "at least 12 characters" in page.hint.text()
    again_at = page.repeat.mapTo(page, page.repeat.rect().topLeft()).y()
    QTest.keyClicks(page.passphrase, "short")
    assert page.hint_bar.tone == "warning" and "Too short" in page.hint.text()
    qtbot.waitUntil(lambda: page.repeat.mapTo(page, page.repeat.rect().topLeft()).y() == again_at)
    QTest.keyClicks(page.repeat, "short")
    window.create_vault()
    assert "at least 12 characters" in page.error.text() and page.error_bar.tone == "failure"
    page.passphrase.clear()
    QTest.keyClicks(page.passphrase, "kettle orange cloud river")
    assert page.error.text() == "" and not page.error_bar.isVisible()
    assert page.hint_bar.tone == "success" and page.hint.text().startswith("Strong")


def test_empty_panes_say_what_to_do_next(make_window, tmp_path, qtbot):
    window = make_window(tmp_path / "fresh")
    window.session.create(tmp_path / "fresh", "kettle orange cloud river", name="Sam", role="Teacher")
    window.show_main()
    m = window.main
    assert m.case_stack.currentWidget() is m.no_cases and m.no_cases.isVisible()
    assert m.no_cases.text().startswith("No case yet \u2014 make one with New case")
    assert m.empty.text().startswith("No case yet \u2014 make one with New case")
    assert m.details.heading.text() == "Nothing chosen yet" and "Choose an item" in m.details.hint.text()
    assert m.new_case_button.property("primary") == "true" and m.add_button.property("primary") == "false"
    assert not m.details.experts_toggle.isVisible()
    qtbot.mouseClick(m.new_case_button, Qt.MouseButton.LeftButton)  # no name typed: says so
    assert m.banner.tone == "warning" and "Type a name" in m.banner.text.text()
    m.case_name.setText("Parent emails")
    qtbot.mouseClick(m.new_case_button, Qt.MouseButton.LeftButton)
    assert m.case_stack.currentWidget() is m.cases and m.empty.text().startswith("Nothing in this case yet. "
                                                                                  "Press Add evidence")
    assert m.add_button.property("primary") == "true" and m.new_case_button.property("primary") == "false"


def test_open_the_folder_says_so_when_it_cannot(window, tmp_path):
    gone = tmp_path / "gone" / "bundle.pdf"
    assert not bundles.folder_can_open(gone.parent)
    box = bundles.export_done_box(window, str(gone), "ab" * 32, "")
    box.open()
    button = next(b for b in box.buttons() if b.text() == "Open the folder")
    button.click()
    said = window.dialog
    assert said is not box and said.windowTitle() == "The folder did not open"
    assert str(gone) in said.text()
    said.accept()


def test_tab_reaches_every_main_control_in_reading_order(window):
    """Keyboard only: from the new case's name, Tab visits the cases, the case's More, Add evidence,
    the evidence browser, the search, the filters and the timeline, in the order they are read."""
    m = window.main
    item = open_vault(window).add_incident(m.current_case(), kind="phone_call", text="A call.", occurred_at=_iso(1))
    window.reload_items(item.id)
    order, widget = [], m.case_name
    for _ in range(200):
        if widget.isVisible() and widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            order.append(widget)
        widget = widget.nextInFocusChain()
        if widget is m.case_name:
            break
    wanted = [m.case_name, m.new_case_button, m.cases, m.case_more, m.add_button, window.browser_button,
              m.find.search, m.find.kind_buttons["all"], m.find.period, m.timeline, m.details.more_button]
    positions = [order.index(w) if w in order else -1 for w in wanted]
    assert -1 not in positions and positions == sorted(positions), positions
