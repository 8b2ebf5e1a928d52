"""Check boxes stay visible in the dark theme: Fusion outlines them a shade darker than the
window colour, so the check box palette needs a window colour well away from the base."""

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QCheckBox

from desktop.ui.theme import apply_theme


def test_dark_check_box_outline_contrasts_with_the_base(qapp):
    try:
        apply_theme(qapp, "dark")
        box = QCheckBox("Bookmarked")
        box.ensurePolished()
        palette = box.palette()
        outline = palette.color(QPalette.ColorRole.Window).darker(140)
        base = palette.color(QPalette.ColorRole.Base)
        assert abs(outline.lightness() - base.lightness()) >= 40
        # The rest of the app keeps the dark window colour.
        assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 60
    finally:
        apply_theme(qapp, "light")
