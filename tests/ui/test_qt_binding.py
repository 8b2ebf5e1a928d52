"""The installed Qt binding does not leak references to None.

PySide6 6.12.0 on Python 3.11 dropped one reference to None on every call of a Qt method that
returns nothing; a window that repaints a few dozen times then aborts with "Fatal Python
error: none_dealloc". constraints.txt pins a release without the leak and pyproject.toml
excludes 6.12.0; this test fails if a leaking binding comes back.
"""

import sys

from PySide6.QtGui import QColor, QPainter, QPixmap


def test_void_qt_calls_keep_none_referenced(qapp):
    color = QColor("red")
    pixmap = QPixmap(8, 8)
    painter = QPainter(pixmap)
    before = sys.getrefcount(None)
    for _ in range(1000):
        color.setRed(3)
        painter.drawLine(0, 0, 7, 7)
    painter.end()
    # A little slack for unrelated references; the leak would be 2,000.
    assert sys.getrefcount(None) - before > -50
