"""Results under the global search box, updated as the user types (Ctrl+K from anywhere)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout

KIND_LABEL = {
    "topic": "Topic",
    "guide": "Guide",
    "question": "Question",
    "kata": "Kata",
    "note": "Note",
}


class SearchPopup(QFrame):
    """A frameless list that follows the search box; Enter/click opens, Esc closes."""

    chosen = Signal(str, str)  # kind, key

    def __init__(self, box: QLineEdit, search):
        super().__init__(box.window(), Qt.WindowType.SubWindow)
        self.box = box
        self.search = search  # callable(text) -> list[Hit]
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.status = QLabel()
        self.status.setObjectName("EmptyState")
        layout.addWidget(self.list)
        layout.addWidget(self.status)
        self.hide()
        box.textChanged.connect(self.update_results)
        box.installEventFilter(self)
        self.list.itemActivated.connect(self._choose)
        self.list.itemClicked.connect(self._choose)

    def update_results(self, text: str) -> None:
        text = text.strip()
        if not text:
            self.hide()
            return
        hits = self.search(text)
        self.list.clear()
        for hit in hits:
            label = KIND_LABEL.get(hit.kind, hit.kind)
            snippet = hit.snippet.replace("\x02", "").replace("\x03", "").replace("\n", " ")
            item = QListWidgetItem(f"{hit.title}   [{label}]\n{snippet[:160]}")
            item.setData(Qt.ItemDataRole.UserRole, (hit.kind, hit.key))
            self.list.addItem(item)
        if hits:
            self.list.setCurrentRow(0)
            self.status.setText(f"{len(hits)} results · Enter opens · Esc closes")
        else:
            self.status.setText("No results. Try fewer or shorter words.")
        self._place()
        self.show()
        self.raise_()

    def _place(self) -> None:
        window = self.box.window()
        corner = self.box.mapTo(window, QPoint(0, self.box.height() + 2))
        width = max(self.box.width(), 520)
        left = min(corner.x(), window.width() - width - 8)
        self.setGeometry(
            max(8, left), corner.y(), width, min(420, window.height() - corner.y() - 16)
        )

    def _choose(self, item: QListWidgetItem | None = None) -> None:
        item = item or self.list.currentItem()
        if item is None:
            return
        kind, key = item.data(Qt.ItemDataRole.UserRole)
        self.hide()
        self.chosen.emit(kind, key)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.box and event.type() == QEvent.Type.KeyPress and self.isVisible():
            key = event.key()
            if key == Qt.Key.Key_Escape:
                self.hide()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                row = self.list.currentRow() + (1 if key == Qt.Key.Key_Down else -1)
                self.list.setCurrentRow(max(0, min(row, self.list.count() - 1)))
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._choose()
                return True
        return super().eventFilter(obj, event)
