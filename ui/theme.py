# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The app's look in one place: three palettes (light, dark, high contrast), spacing, a type
scale, one style sheet, and the icons. Widgets never pick a colour, a font size or boldness of
their own: they say what a thing *is* (``set_role(label, "title")``, ``primary=True``, a
message's tone) and this module decides how that looks, so the three themes stay consistent
and every text/background pair can be checked for contrast (tests/ui/test_theme.py, and the
a11y report of ``evidence-vault gui --self-check --a11y-report FILE``).

Icons are a bundled subset of Phosphor Icons (MIT, resources/icons/phosphor/, see
docs/packaging.md); each is drawn in the theme's text colour, so it follows the theme.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons" / "phosphor"
THEMES = ("system", "light", "dark", "high_contrast")
THEME_WORDS = {"system": "Follow the system", "light": "Light", "dark": "Dark", "high_contrast": "High contrast"}

#: Spacing steps in pixels (layouts use these, never a number of their own).
SPACE = {"xs": 4, "s": 8, "m": 12, "l": 16, "xl": 24}
#: The type scale, as multiples of the desktop's own font size (people set that for a reason).
TYPE = {"small": 0.92, "body": 1.0, "subheading": 1.12, "heading": 1.3, "title": 1.6}
#: What each role of a label looks like: (size in TYPE, weight).
ROLES = {"title": ("title", 600), "heading": ("heading", 600), "subheading": ("subheading", 600),
         "muted": ("body", 400), "small": ("small", 400), "key": ("title", 500)}


@dataclass(frozen=True)
class Palette:
    window: str
    surface: str       # panes, fields, lists
    raised: str        # ordinary buttons
    text: str
    muted: str         # secondary text (still >= 4.5:1)
    border: str
    accent: str        # the one primary action, selection
    on_accent: str
    focus: str
    success: str
    success_bg: str
    warning: str
    warning_bg: str
    failure: str
    failure_bg: str
    info_bg: str
    disabled: str      # disabled text: exempt from 4.5:1 (WCAG 1.4.3) but kept readable


PALETTES = {
    "light": Palette(
        window="#f4f5f7", surface="#ffffff", raised="#eef0f3", text="#1b1f24", muted="#505a66",
        border="#b8bfc8", accent="#1f5fb0", on_accent="#ffffff", focus="#1f5fb0",
        success="#1b6a31", success_bg="#e5f3e8", warning="#774700", warning_bg="#fff3d6",
        failure="#a3212a", failure_bg="#fdebec", info_bg="#e8f0fb", disabled="#6e7781"),
    "dark": Palette(
        window="#15171b", surface="#1e2126", raised="#2a2e35", text="#e8eaed", muted="#aab2bc",
        border="#4a515c", accent="#8ab4f8", on_accent="#0c1a2e", focus="#8ab4f8",
        success="#81d99b", success_bg="#16301f", warning="#f2c56b", warning_bg="#342910",
        failure="#ff9d9d", failure_bg="#3a1b1d", info_bg="#1c2a3f", disabled="#8a929c"),
    "high_contrast": Palette(
        window="#000000", surface="#000000", raised="#000000", text="#ffffff", muted="#ffffff",
        border="#ffffff", accent="#ffff00", on_accent="#000000", focus="#00ffff",
        success="#7dff7d", success_bg="#000000", warning="#ffd400", warning_bg="#000000",
        failure="#ff8a8a", failure_bg="#000000", info_bg="#000000", disabled="#c0c0c0"),
}

#: Every text colour drawn on every background it is drawn on (the style sheet uses no other).
TEXT_PAIRS = (
    ("text", "window"), ("text", "surface"), ("text", "raised"), ("muted", "window"), ("muted", "surface"),
    ("on_accent", "accent"), ("accent", "surface"), ("accent", "window"),
    ("success", "success_bg"), ("warning", "warning_bg"), ("failure", "failure_bg"), ("text", "info_bg"),
    ("text", "success_bg"), ("text", "warning_bg"), ("text", "failure_bg"),
)

#: The tones of a message (message.MessageBar): its icon, its colours, and the word a screen
#: reader says first (never colour alone).
TONES = {"info": ("info", "text", "info_bg", "Note"),
         "success": ("check-circle", "success", "success_bg", "Done"),
         "warning": ("warning", "warning", "warning_bg", "Please note"),
         "failure": ("x-circle", "failure", "failure_bg", "Problem")}


def luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of ``#rrggbb``."""
    c = QColor(colour)
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(x) for x in (c.redF(), c.greenF(), c.blueF()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg: str, bg: str) -> float:
    """WCAG contrast ratio, 1 to 21."""
    a, b = sorted((luminance(fg), luminance(bg)), reverse=True)
    return round((a + 0.05) / (b + 0.05), 2)


def resolve(name: str) -> str:
    """``system`` becomes light or dark as the desktop says (Qt 6.5+), else light."""
    if name in PALETTES:
        return name
    app = QGuiApplication.instance()
    hints = app.styleHints() if app is not None else None
    scheme = getattr(hints, "colorScheme", None)
    if scheme is not None and scheme() == Qt.ColorScheme.Dark:
        return "dark"
    return "light"


_current = {"name": "light"}


def current() -> Palette:
    return PALETTES[_current["name"]]


def current_name() -> str:
    return _current["name"]


def qpalette(p: Palette) -> QPalette:
    pal = QPalette()
    C, R = QPalette.ColorGroup, QPalette.ColorRole
    for group in (C.Active, C.Inactive, C.Disabled):
        text = p.disabled if group == C.Disabled else p.text
        for role, colour in ((R.Window, p.window), (R.WindowText, text), (R.Base, p.surface),
                             (R.AlternateBase, p.raised), (R.Text, text), (R.Button, p.raised),
                             (R.ButtonText, text), (R.Highlight, p.accent), (R.HighlightedText, p.on_accent),
                             (R.PlaceholderText, p.muted), (R.ToolTipBase, p.surface), (R.ToolTipText, p.text),
                             (R.Link, p.accent), (R.BrightText, p.text), (R.Mid, p.border),
                             (R.Dark, p.border), (R.Light, p.surface), (R.Midlight, p.raised),
                             (R.Shadow, p.border)):
            pal.setColor(group, role, QColor(colour))
    return pal


def stylesheet(p: Palette, base_pt: float) -> str:
    """The one style sheet. Sizes come from TYPE and SPACE; colours from the palette."""
    def pt(step: str) -> str:
        return f"{base_pt * TYPE[step]:.1f}pt"
    s = SPACE
    roles = "\n".join(f'QLabel[role="{role}"] {{ font-size: {pt(size)}; font-weight: {weight}; }}'
                      for role, (size, weight) in ROLES.items())
    tones = "\n".join(
        f'QFrame[tone="{tone}"] {{ background: {getattr(p, bg)}; border: 1px solid {getattr(p, fg)}; '
        f'border-radius: 6px; }}\n'
        f'QFrame[tone="{tone}"] QLabel {{ color: {getattr(p, fg)}; background: transparent; border: none; }}'
        for tone, (_icon, fg, bg, _word) in TONES.items())
    return f"""
QWidget {{ color: {p.text}; }}
QMainWindow, QDialog, QStackedWidget > QWidget {{ background: {p.window}; }}
{roles}
QLabel[role="muted"], QLabel[role="small"] {{ color: {p.muted}; }}
QLabel {{ background: transparent; }}
QPushButton, QToolButton {{ background: {p.raised}; color: {p.text}; border: 1px solid {p.border};
    border-radius: 6px; padding: {s['xs'] + 2}px {s['m']}px; }}
QPushButton:hover, QToolButton:hover {{ border-color: {p.text}; }}
QPushButton:focus, QToolButton:focus, QLineEdit:focus, QPlainTextEdit:focus,
QListView:focus, QListWidget:focus {{ border: 2px solid {p.focus}; }}
QPushButton:disabled, QToolButton:disabled {{ color: {p.disabled}; }}
QPushButton[primary="true"], QToolButton[primary="true"] {{ background: {p.accent}; color: {p.on_accent};
    border: 1px solid {p.accent}; font-weight: 600; }}
QPushButton[primary="true"]:focus, QToolButton[primary="true"]:focus {{ border: 2px solid {p.text}; }}
QPushButton[flat="true"], QToolButton[flat="true"] {{ background: transparent; border: 1px solid transparent; }}
QPushButton[flat="true"]:focus, QToolButton[flat="true"]:focus {{ border: 2px solid {p.focus}; }}
QPushButton[chip="true"] {{ background: {p.surface}; border-radius: 12px; padding: 2px {s['m']}px; }}
QPushButton[chip="true"]:checked {{ background: {p.accent}; color: {p.on_accent}; border-color: {p.accent}; }}
QToolButton::menu-indicator {{ image: none; width: 0; }}
QLineEdit, QPlainTextEdit, QTextEdit, QListView, QListWidget,
QTreeView, QScrollArea {{ background: {p.surface}; color: {p.text}; border: 1px solid {p.border};
    border-radius: 6px; selection-background-color: {p.accent}; selection-color: {p.on_accent}; }}
QLineEdit {{ padding: {s['xs']}px {s['s']}px; }}
/* combo boxes, date and number fields: Fusion draws them (and their arrows) from the palette */

QScrollArea > QWidget > QWidget {{ background: {p.surface}; }}
QListWidget::item:selected, QListView::item:selected {{ background: {p.accent}; color: {p.on_accent}; }}
QFrame#pane {{ background: {p.surface}; border: 1px solid {p.border}; border-radius: 8px; }}
QMenuBar, QMenu, QStatusBar {{ background: {p.window}; color: {p.text}; }}
QMenu {{ border: 1px solid {p.border}; }}
QMenu::item:selected, QMenuBar::item:selected {{ background: {p.accent}; color: {p.on_accent}; }}
QMenu::item:disabled {{ color: {p.disabled}; }}
QToolTip {{ background: {p.surface}; color: {p.text}; border: 1px solid {p.border}; }}
/* no background rule for check boxes and radio buttons: Fusion draws their box's outline from
   the background colour, and a transparent one left the box invisible */
QDialogButtonBox {{ dialogbuttonbox-buttons-have-icons: 0; }}
QProgressBar {{ background: {p.raised}; border: 1px solid {p.border}; border-radius: 4px; }}
QProgressBar::chunk {{ background: {p.accent}; }}
{tones}
"""


def apply(app, name: str = "system") -> str:
    """Give the whole app the theme ``name`` (or the system's); returns the palette used."""
    chosen = resolve(name)
    _current["name"] = chosen
    palette = PALETTES[chosen]
    app.setStyle("Fusion")  # the same shapes on every desktop, so the palettes mean the same
    app.setPalette(qpalette(palette))
    # Fusion draws a check box's (and radio button's) outline from the background colour made
    # darker: on the dark and high-contrast backgrounds that outline vanished. They paint no
    # background of their own, so give them one that makes the outline the muted text colour.
    boxes = qpalette(palette)
    boxes.setColor(QPalette.ColorRole.Window, QColor(palette.muted).lighter(140))  # outline: >= 3:1
    for cls in ("QCheckBox", "QRadioButton"):
        app.setPalette(boxes, cls)
    base = app.font().pointSizeF()
    app.setStyleSheet(stylesheet(palette, base if base > 0 else 10.0))
    _icon.cache_clear()
    for widget in app.allWidgets():
        refresh_icons = getattr(widget, "refresh_icons", None)
        if callable(refresh_icons):
            refresh_icons()
    return chosen


def set_role(widget, role: str):
    """Say what a label is ("title", "heading", "muted", ...); the style sheet decides the look."""
    widget.setProperty("role", role)
    _repolish(widget)
    return widget


def set_flag(widget, name: str, on: bool = True):
    """Set a style flag (``primary``, ``flat``, ``chip``) and re-apply the style sheet."""
    widget.setProperty(name, "true" if on else "false")
    _repolish(widget)
    return widget


def _repolish(widget) -> None:
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


@lru_cache(maxsize=256)
def _icon(name: str, colour: str) -> QIcon:
    data = (ICONS / f"{name}.svg").read_text(encoding="utf-8").replace("currentColor", colour)
    renderer = QSvgRenderer(QByteArray(data.encode("utf-8")))
    icon = QIcon()
    for size in (16, 20, 24, 32, 48):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def icon(name: str, colour: str = "text") -> QIcon:
    """A Phosphor icon drawn in a colour of the current palette (a field name, or ``#rrggbb``)."""
    value = getattr(current(), colour) if colour in {f.name for f in fields(Palette)} else colour
    return _icon(name, value)


def icon_names() -> list[str]:
    return sorted(p.stem for p in ICONS.glob("*.svg"))


def saved() -> str:
    """The theme chosen in View (kept with the app's settings on this computer)."""
    from .settings import _store

    name = str(_store().value("appearance/theme", "system"))
    return name if name in THEMES else "system"


def save(name: str) -> None:
    from .settings import _store

    store = _store()
    store.setValue("appearance/theme", name if name in THEMES else "system")
    store.sync()
