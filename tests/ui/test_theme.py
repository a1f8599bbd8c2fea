# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The design system (ui/theme.py): every text/background pair of every theme reads at WCAG AA
(4.5:1), the style sheet uses the palette's colours only, widgets pick no colour or font of
their own, the icons exist and follow the theme, and View switches the theme."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QPalette

from ui import theme

UI = Path(__file__).resolve().parents[2] / "ui"


@pytest.mark.parametrize("name", sorted(theme.PALETTES))
def test_every_text_pair_of_every_theme_is_at_least_4_5_to_1(name):
    palette = theme.PALETTES[name]
    ratios = {f"{fg} on {bg}": theme.contrast(getattr(palette, fg), getattr(palette, bg))
              for fg, bg in theme.TEXT_PAIRS}
    assert min(ratios.values()) >= 4.5, ratios


def test_the_contrast_formula_is_wcags():
    assert theme.contrast("#000000", "#ffffff") == 21.0
    assert theme.contrast("#ffffff", "#ffffff") == 1.0
    assert theme.contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the usual AA grey


@pytest.mark.parametrize("name", sorted(theme.PALETTES))
def test_the_style_sheet_uses_only_the_palettes_colours(name):
    palette = theme.PALETTES[name]
    sheet = theme.stylesheet(palette, 10.0)
    used = set(re.findall(r"#[0-9a-fA-F]{6}\b", sheet))
    assert used and used <= set(vars(palette).values()), used - set(vars(palette).values())
    # and every text colour it sets is drawn on a background that pair-list checks
    text_roles = {fg for fg, _bg in theme.TEXT_PAIRS} | {"disabled"}  # WCAG 1.4.3 exempts disabled
    for colour in re.findall(r"(?<![-\w])color: (#[0-9a-f]{6})", sheet):
        assert any(getattr(palette, role) == colour for role in text_roles), colour


def test_no_widget_picks_a_colour_a_font_size_or_boldness_of_its_own():
    offenders = []
    for path in sorted(UI.glob("*.py")):
        if path.name == "theme.py":
            continue
        text = path.read_text(encoding="utf-8")
        for pattern in (r"setStyleSheet\(", r"setBold\(", r"font-weight", r"QColor\(\s*\d", r'QColor\("',
                        r"setPointSize"):
            if re.search(pattern, text):
                offenders.append(f"{path.name}: {pattern}")
    assert offenders == []


def test_every_icon_the_app_names_is_bundled_and_draws(qapp):
    named = set()
    for path in UI.glob("*.py"):
        named |= set(re.findall(r'icon\("([a-z-]+)"', path.read_text(encoding="utf-8")))
        named |= set(re.findall(r'\("act_\w+", "([a-z-]+)"\)', path.read_text(encoding="utf-8")))
    named |= {icon for icon, _fg, _bg, _word in theme.TONES.values()}
    assert named and named <= set(theme.icon_names()), named - set(theme.icon_names())
    for name in named:
        assert not theme.icon(name).pixmap(16, 16).isNull(), name
    licence = (theme.ICONS / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License") and "Phosphor Icons" in licence


def test_view_offers_each_theme_and_the_choice_is_applied_and_kept(window, qapp):
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    assert [a.text() for a in view.actions()] == ["Follow the system", "Light", "Dark", "High contrast"]
    try:
        for name in ("dark", "high_contrast", "light"):
            window.theme_actions[name].trigger()
            expected = theme.PALETTES[name]
            assert qapp.palette().color(QPalette.ColorRole.Window).name() == expected.window
            assert qapp.palette().color(QPalette.ColorRole.Text).name() == expected.text
            assert theme.saved() == name and window.theme_actions[name].isChecked()
            # icons are redrawn in the theme's colour
            assert window.main.add_button.icon().cacheKey() == theme.icon("plus", "on_accent").cacheKey()
            assert window.main.case_more.icon().cacheKey() == theme.icon("dots-three-outline").cacheKey()
    finally:
        window.set_theme("system")
    assert theme.saved() == "system" and theme.current_name() in ("light", "dark")
