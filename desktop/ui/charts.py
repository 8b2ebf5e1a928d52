"""Small charts painted with QPainter (no plotting library in the GUI process): lines and bars."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

PALETTE = ["#3d7be0", "#e0803d", "#2e9d4f", "#b34fd1", "#d04444", "#1fa3a3", "#8a6d3b"]


@dataclass
class Series:
    name: str
    values: list[float]
    labels: list[str] | None = None  # x labels (dates, names)


class ChartView(QWidget):
    """kind: 'line' (one or more series over an index), 'bars' (grouped), 'hbars' (ranked)."""

    def __init__(self, title: str = "", kind: str = "line", parent: QWidget | None = None):
        super().__init__(parent)
        self.title = title
        self.kind = kind
        self.series: list[Series] = []
        self.categories: list[str] = []
        self.y_range: tuple[float, float] | None = None
        self.empty_text = "Nothing to plot yet."
        self.setMinimumSize(260, 180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(420, 240)

    def set_data(
        self,
        series: list[Series],
        categories: list[str] | None = None,
        y_range: tuple[float, float] | None = None,
    ) -> None:
        self.series = [s for s in series if s.values]
        self.categories = categories or []
        self.y_range = y_range
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.text().color()
        muted = palette.placeholderText().color()
        grid = palette.mid().color()
        painter.fillRect(self.rect(), palette.base())
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(text)
        painter.drawText(
            QRectF(8, 4, self.width() - 16, 20), Qt.AlignmentFlag.AlignLeft, self.title
        )
        painter.setFont(self.font())
        if not self.series:
            painter.setPen(muted)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        if self.kind == "hbars":
            self._paint_hbars(painter, text, grid)
            return
        area = QRectF(40, 30, self.width() - 52, self.height() - 62)
        values = [v for s in self.series for v in s.values]
        low, high = self.y_range or (min(0.0, min(values)), max(values) or 1.0)
        if high == low:
            high = low + 1
        painter.setPen(QPen(grid, 1, Qt.PenStyle.DotLine))
        for step in range(5):
            value = low + (high - low) * step / 4
            y = area.bottom() - area.height() * step / 4
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.setPen(muted)
            painter.drawText(QRectF(0, y - 8, 36, 16), Qt.AlignmentFlag.AlignRight, f"{value:.3g}")
            painter.setPen(QPen(grid, 1, Qt.PenStyle.DotLine))
        if self.kind == "bars":
            self._paint_bars(painter, area, low, high, muted)
        else:
            self._paint_lines(painter, area, low, high, muted)
        self._paint_legend(painter, text)

    def _y(self, area: QRectF, value: float, low: float, high: float) -> float:
        return area.bottom() - (value - low) / (high - low) * area.height()

    def _paint_lines(self, painter, area, low, high, muted) -> None:
        longest = max(len(s.values) for s in self.series)
        step = area.width() / max(longest - 1, 1)
        for index, series in enumerate(self.series):
            color = QColor(PALETTE[index % len(PALETTE)])
            path = QPainterPath()
            for i, value in enumerate(series.values):
                point = QPointF(area.left() + i * step, self._y(area, value, low, high))
                path.moveTo(point) if i == 0 else path.lineTo(point)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(color)
                painter.drawEllipse(point, 3, 3)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(color, 2))
            painter.drawPath(path)
        labels = next((s.labels for s in self.series if s.labels), None)
        if labels:
            painter.setPen(muted)
            shown = {0, len(labels) - 1, (len(labels) - 1) // 2}
            for i in sorted(shown):
                x = area.left() + i * step
                rect = QRectF(x - 40, area.bottom() + 4, 80, 16)
                align = Qt.AlignmentFlag.AlignHCenter
                if rect.right() > self.width() - 2:  # the last label stays inside the chart
                    rect.moveRight(self.width() - 2)
                    align = Qt.AlignmentFlag.AlignRight
                elif rect.left() < 2:
                    rect.moveLeft(2)
                    align = Qt.AlignmentFlag.AlignLeft
                painter.drawText(rect, align, labels[i])

    def _paint_bars(self, painter, area, low, high, muted) -> None:
        groups = len(self.categories) or max(len(s.values) for s in self.series)
        group_width = area.width() / max(groups, 1)
        bar_width = group_width * 0.8 / len(self.series)
        for index, series in enumerate(self.series):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(PALETTE[index % len(PALETTE)]))
            for i, value in enumerate(series.values):
                x = area.left() + i * group_width + group_width * 0.1 + index * bar_width
                top = self._y(area, value, low, high)
                painter.drawRect(QRectF(x, top, bar_width - 2, area.bottom() - top))
        painter.setPen(muted)
        for i, name in enumerate(self.categories):
            rect = QRectF(area.left() + i * group_width, area.bottom() + 4, group_width, 16)
            metrics = painter.fontMetrics()
            painter.drawText(
                rect,
                Qt.AlignmentFlag.AlignHCenter,
                metrics.elidedText(name, Qt.TextElideMode.ElideRight, int(group_width) - 4),
            )

    def _paint_hbars(self, painter, text, grid) -> None:
        series = self.series[0]
        labels = series.labels or [str(i) for i in range(len(series.values))]
        top = 30
        row = min(24, (self.height() - top - 8) / max(len(series.values), 1))
        label_width = min(180, self.width() * 0.4)
        high = self.y_range[1] if self.y_range else max(series.values) or 1
        metrics = painter.fontMetrics()
        for i, (label, value) in enumerate(zip(labels, series.values, strict=False)):
            y = top + i * row
            painter.setPen(text)
            painter.drawText(
                QRectF(8, y, label_width - 12, row),
                Qt.AlignmentFlag.AlignVCenter,
                metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(label_width) - 12),
            )
            width = (self.width() - label_width - 56) * value / high
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(PALETTE[4] if value < high * 0.5 else PALETTE[0]))
            painter.drawRect(QRectF(label_width, y + 4, max(width, 2), row - 8))
            painter.setPen(text)
            painter.drawText(
                QRectF(label_width + width + 6, y, 50, row),
                Qt.AlignmentFlag.AlignVCenter,
                f"{value:.2g}",
            )

    def _paint_legend(self, painter, text) -> None:
        if len(self.series) < 2 and self.kind != "bars":
            return
        x = self.width() - 12
        for index, series in reversed(list(enumerate(self.series))):
            width = painter.fontMetrics().horizontalAdvance(series.name) + 22
            x -= width
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(PALETTE[index % len(PALETTE)]))
            painter.drawRect(QRectF(x, 9, 10, 10))
            painter.setPen(text)
            painter.drawText(QRectF(x + 14, 4, width, 20), Qt.AlignmentFlag.AlignLeft, series.name)
