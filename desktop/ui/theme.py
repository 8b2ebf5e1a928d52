"""Light and dark palettes (Fusion), following the system unless the user overrides it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from desktop.paths import resources_root

THEMES = ("system", "light", "dark")
DARK_INDICATOR_WINDOW = "#707784"  # lets Fusion's check box outline show on the dark base

_DARK = {
    QPalette.ColorRole.Window: "#1f2227",
    QPalette.ColorRole.WindowText: "#e6e8eb",
    QPalette.ColorRole.Base: "#16181c",
    QPalette.ColorRole.AlternateBase: "#262a31",
    QPalette.ColorRole.ToolTipBase: "#2b3038",
    QPalette.ColorRole.ToolTipText: "#e6e8eb",
    QPalette.ColorRole.PlaceholderText: "#8a9099",
    QPalette.ColorRole.Text: "#e6e8eb",
    QPalette.ColorRole.Button: "#2b3038",
    QPalette.ColorRole.ButtonText: "#e6e8eb",
    QPalette.ColorRole.BrightText: "#ff6b6b",
    QPalette.ColorRole.Light: "#3a404a",
    QPalette.ColorRole.Midlight: "#323741",
    QPalette.ColorRole.Mid: "#454c57",
    QPalette.ColorRole.Dark: "#121418",
    QPalette.ColorRole.Shadow: "#000000",
    QPalette.ColorRole.Highlight: "#3d7be0",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#6ea8ff",
    QPalette.ColorRole.LinkVisited: "#b38cff",
}

_LIGHT = {
    QPalette.ColorRole.Window: "#f4f5f7",
    QPalette.ColorRole.WindowText: "#1d2126",
    QPalette.ColorRole.Base: "#ffffff",
    QPalette.ColorRole.AlternateBase: "#eceef2",
    QPalette.ColorRole.ToolTipBase: "#ffffee",
    QPalette.ColorRole.ToolTipText: "#1d2126",
    QPalette.ColorRole.PlaceholderText: "#7b828c",
    QPalette.ColorRole.Text: "#1d2126",
    QPalette.ColorRole.Button: "#e9ebef",
    QPalette.ColorRole.ButtonText: "#1d2126",
    QPalette.ColorRole.BrightText: "#c62828",
    QPalette.ColorRole.Light: "#ffffff",
    QPalette.ColorRole.Midlight: "#f0f1f4",
    QPalette.ColorRole.Mid: "#c3c8d0",
    QPalette.ColorRole.Dark: "#9aa1ab",
    QPalette.ColorRole.Shadow: "#6b7280",
    QPalette.ColorRole.Highlight: "#2f6fdb",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#1f5fc9",
    QPalette.ColorRole.LinkVisited: "#6a3fc9",
}


def system_prefers_dark(app: QApplication) -> bool:
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def effective_theme(app: QApplication, choice: str) -> str:
    if choice in ("light", "dark"):
        return choice
    return "dark" if system_prefers_dark(app) else "light"


def build_palette(theme: str) -> QPalette:
    palette = QPalette()
    for role, color in (_DARK if theme == "dark" else _LIGHT).items():
        palette.setColor(role, QColor(color))
    disabled = QColor("#6b7078") if theme == "dark" else QColor("#a0a6ae")
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


def indicator_palette(palette: QPalette, theme: str) -> QPalette:
    """Fusion outlines check boxes and radio buttons a shade darker than the window colour,
    which vanishes against the dark theme's base. These widgets do not fill their background,
    so a lighter window colour for them only brings the outline back."""
    result = QPalette(palette)
    if theme == "dark":
        result.setColor(QPalette.ColorRole.Window, QColor(DARK_INDICATOR_WINDOW))
    return result


def readable_item_indicators(view: QWidget) -> None:
    """The same for the check boxes an item view paints in its rows: only the view's window
    colour is set, so every other colour still follows the theme."""
    if is_dark():
        palette = view.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(DARK_INDICATOR_WINDOW))
        view.setPalette(palette)


def apply_theme(app: QApplication, choice: str) -> str:
    """Apply the chosen theme ('system', 'light' or 'dark'); returns the one in effect."""
    theme = effective_theme(app, choice if choice in THEMES else "system")
    app.setStyle("Fusion")
    palette = build_palette(theme)
    app.setPalette(palette)
    indicators = indicator_palette(palette, theme)
    app.setPalette(indicators, "QCheckBox")
    app.setPalette(indicators, "QRadioButton")
    app.setProperty("mlprepTheme", theme)
    sheet = resources_root() / "styles" / "app.qss"
    app.setStyleSheet(sheet.read_text(encoding="utf-8") if sheet.exists() else "")
    return theme


def is_dark(app: QApplication | None = None) -> bool:
    app = app or QApplication.instance()
    return bool(app and app.property("mlprepTheme") == "dark")
