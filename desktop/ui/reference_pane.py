"""The Reference place: topic tree, reader with history and contents, notes, confidence, bookmarks."""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections import OrderedDict

from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.paths import content_root
from desktop.reference.content import (
    Guide,
    Question,
    Topic,
    area_title,
    load_guides,
    load_questions,
    load_topics,
)
from desktop.store import notes as note_store
from desktop.ui.context import UiContext
from desktop.ui.theme import is_dark

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
_HEADING_TAG = re.compile(r"<h([23]) id=\"([^\"]+)\">")


class Library:
    """Everything the reader shows, loaded once (off the GUI thread)."""

    def __init__(
        self,
        topics: list[Topic],
        guides: list[Guide],
        questions: list[Question],
        problems: list[str],
    ):
        self.topics = {t.slug: t for t in topics}
        self.guides = {g.slug: g for g in guides}
        self.questions = questions
        self.questions_by_id = {q.id: q for q in questions}
        self.problems = problems

    @classmethod
    def load(cls, root=None) -> Library:
        root = root or content_root()
        topics, problems = load_topics(root)
        return cls(topics, load_guides(root), load_questions(root), problems)


class _Rendered(QObject):
    done = Signal(str, str)  # key, html


class PageRenderer:
    """Renders pages off the GUI thread and caches the HTML (revisits are instant)."""

    def __init__(self, limit: int = 64):
        self.cache: OrderedDict[tuple, str] = OrderedDict()
        self.limit = limit
        self.signals = _Rendered()
        self._lock = threading.Lock()

    def cached(self, key: tuple) -> str | None:
        with self._lock:
            html = self.cache.get(key)
            if html is not None:
                self.cache.move_to_end(key)
            return html

    def store(self, key: tuple, html: str) -> None:
        with self._lock:
            self.cache[key] = html
            while len(self.cache) > self.limit:
                self.cache.popitem(last=False)

    def render_async(self, key: tuple, produce) -> None:
        def work() -> None:
            html = produce()
            self.store(key, html)
            self.signals.done.emit(repr(key), html)

        threading.Thread(target=work, daemon=True, name="page-render").start()


def topic_markdown(topic: Topic) -> str:
    """The page body with app links made clickable and flashcards shown as a Q/A list."""
    from desktop.reference.content import FLASHCARD_BLOCK

    def cards(match: re.Match) -> str:
        from desktop.reference.content import parse_flashcards

        lines = []
        for card in parse_flashcards(match.group(1)):
            lines.append(f"- **Q:** {card.question}  \n  **A:** {card.answer}")
        return "\n".join(lines)

    body = FLASHCARD_BLOCK.sub(cards, topic.body)
    return f"# {topic.title}\n\n{body}"


def question_markdown(questions: list[Question], title: str) -> str:
    lines = [f"# {title}", ""]
    for q in questions:
        tags = [q.round, q.area, q.difficulty]
        if q.companies:
            tags.append(", ".join(q.companies) + (f" ({q.year})" if q.year else ""))
        lines.append(f"### {q.text}")
        lines.append("*" + " · ".join(t for t in tags if t) + "*")
        lines.append("")
        for point in q.outline:
            lines.append(f"- {point}")
        if q.topics:
            lines.append("")
            lines.append("Topics: " + ", ".join(f"[{t}](topic:{t})" for t in q.topics))
        lines.append("")
    return "\n".join(lines)


def render_page(markdown_text: str, dark: bool, zoom: int) -> str:
    from desktop.reference.render import html_page, markdown_to_html

    fragment = markdown_to_html(markdown_text, dark=dark, size=10 + zoom)
    # Qt's rich text scrolls to <a name=...>, so give every heading one.
    fragment = _HEADING_TAG.sub(
        lambda m: f'<a name="{m.group(2)}"></a><h{m.group(1)} id="{m.group(2)}">', fragment
    )
    return html_page(fragment, dark)


class ReferencePane(QWidget):
    """Read topics and guides, follow links, keep notes."""

    open_kata_requested = Signal(str)
    page_shown = Signal(str)

    def __init__(self, context: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.store = context.store
        self.library: Library | None = None
        self.renderer = PageRenderer()
        from desktop.reference.render import use_disk_cache

        use_disk_cache(context.data_dir / "cache" / "math")
        self.renderer.signals.done.connect(self._on_rendered)
        self.history: list[str] = []
        self.position = -1
        self.current: str | None = None
        self.zoom = 1
        self._pending_key: str | None = None
        self._loaded = False
        self._build()
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(500)
        self._note_timer.timeout.connect(self.save_notes)

    def _build(self) -> None:
        outer = QHBoxLayout(self)
        outer.setContentsMargins(8, 0, 8, 8)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        outer.addWidget(splitter)

        self.tree_model = QStandardItemModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.tree_model)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.activated.connect(self._on_tree_activated)
        self.tree.clicked.connect(self._on_tree_activated)
        splitter.addWidget(self.tree)

        reader = QWidget()
        reader_layout = QVBoxLayout(reader)
        reader_layout.setContentsMargins(0, 0, 0, 0)
        nav = QHBoxLayout()
        self.back_button = QPushButton("◀ Back")
        self.forward_button = QPushButton("Forward ▶")
        self.zoom_out_button = QPushButton("A−")
        self.zoom_in_button = QPushButton("A+")
        self.page_title = QLabel()
        for widget in (self.back_button, self.forward_button):
            nav.addWidget(widget)
        nav.addWidget(self.page_title, 1)
        self.card_button = QPushButton("Make a flashcard")
        self.card_button.setToolTip("A card of your own from this page (select text first)")
        self.card_button.clicked.connect(self.make_flashcard)
        nav.addWidget(self.card_button)
        nav.addWidget(self.zoom_out_button)
        nav.addWidget(self.zoom_in_button)
        reader_layout.addLayout(nav)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._on_link)
        self.browser.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.browser.customContextMenuRequested.connect(self._browser_menu)
        reader_layout.addWidget(self.browser, 1)
        splitter.addWidget(reader)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(QLabel("Contents"))
        self.toc = QListWidget()
        self.toc.itemActivated.connect(self._on_toc)
        self.toc.itemClicked.connect(self._on_toc)
        side_layout.addWidget(self.toc, 1)
        rating = QHBoxLayout()
        rating.addWidget(QLabel("Confidence"))
        self.confidence = QComboBox()
        self.confidence.addItem("not rated", None)
        for value, label in (
            (1, "1 · lost"),
            (2, "2 · shaky"),
            (3, "3 · okay"),
            (4, "4 · solid"),
            (5, "5 · could teach it"),
        ):
            self.confidence.addItem(label, value)
        rating.addWidget(self.confidence, 1)
        side_layout.addLayout(rating)
        review = QHBoxLayout()
        self.reviewed_label = QLabel("Not reviewed yet")
        self.reviewed_button = QPushButton("Reviewed today")
        review.addWidget(self.reviewed_label, 1)
        review.addWidget(self.reviewed_button)
        side_layout.addLayout(review)
        self.bookmark = QCheckBox("Bookmarked")
        side_layout.addWidget(self.bookmark)
        side_layout.addWidget(QLabel("Your notes (Markdown, saved as you type)"))
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText("Write what you want to remember about this topic…")
        side_layout.addWidget(self.notes, 2)
        self.notes_view = QTextBrowser()
        self.notes_view.setMaximumHeight(180)
        side_layout.addWidget(self.notes_view, 1)
        splitter.addWidget(side)
        splitter.setSizes([240, 720, 300])
        splitter.setStretchFactor(1, 1)

        self.back_button.clicked.connect(self.back)
        self.forward_button.clicked.connect(self.forward)
        self.zoom_in_button.clicked.connect(lambda: self.set_zoom(self.zoom + 1))
        self.zoom_out_button.clicked.connect(lambda: self.set_zoom(self.zoom - 1))
        QShortcut(QKeySequence("Alt+Left"), self, activated=self.back)
        QShortcut(QKeySequence("Alt+Right"), self, activated=self.forward)
        QShortcut(
            QKeySequence.StandardKey.ZoomIn, self, activated=lambda: self.set_zoom(self.zoom + 1)
        )
        QShortcut(
            QKeySequence.StandardKey.ZoomOut, self, activated=lambda: self.set_zoom(self.zoom - 1)
        )
        self.notes.textChanged.connect(self._notes_changed)
        self.confidence.activated.connect(self._confidence_changed)
        self.reviewed_button.clicked.connect(self.mark_reviewed)
        self.bookmark.toggled.connect(self._bookmark_changed)
        self._set_note_controls(False)
        self._update_nav()

    # --- loading ---------------------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.ensure_loaded()

    def ensure_loaded(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        self.set_library(Library.load())

    def set_library(self, library: Library) -> None:
        self.library = library
        self._loaded = True
        self.tree_model.clear()
        areas: dict[str, QStandardItem] = {}
        for topic in sorted(library.topics.values(), key=lambda t: (area_title(t.area), t.title)):
            parent = areas.get(topic.area)
            if parent is None:
                parent = areas[topic.area] = QStandardItem(area_title(topic.area))
                parent.setEditable(False)
                parent.setSelectable(False)
                self.tree_model.appendRow(parent)
            item = QStandardItem(topic.title)
            item.setEditable(False)
            item.setData(f"topic:{topic.slug}", KEY_ROLE)
            parent.appendRow(item)
        if library.guides:
            guides = QStandardItem("Interview guides")
            guides.setEditable(False)
            for guide in library.guides.values():
                item = QStandardItem(guide.title)
                item.setEditable(False)
                item.setData(f"guide:{guide.slug}", KEY_ROLE)
                guides.appendRow(item)
            self.tree_model.appendRow(guides)
        if library.questions:
            bank = QStandardItem(f"Question bank ({len(library.questions)})")
            bank.setEditable(False)
            rounds = sorted({q.round for q in library.questions})
            for round_type in rounds:
                count = sum(1 for q in library.questions if q.round == round_type)
                item = QStandardItem(f"{round_type.replace('-', ' ').capitalize()} ({count})")
                item.setEditable(False)
                item.setData(f"questions:{round_type}", KEY_ROLE)
                bank.appendRow(item)
            self.tree_model.appendRow(bank)
        self.tree.expandAll()
        if not library.topics:
            self.browser.setHtml("<p>No topics found in the library folder.</p>")
        elif self.current is None:
            self.browser.setHtml(
                "<h2>Reference</h2><p>Pick a topic on the left, or press Ctrl+K and type to "
                f"search {len(library.topics)} topics, the guides, the question bank, the katas "
                "and your notes.</p>"
            )

    # --- navigation ------------------------------------------------------------------------
    def _on_tree_activated(self, index) -> None:
        key = index.data(KEY_ROLE)
        if key:
            self.open(key)

    def _on_link(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("kata:"):
            self.open_kata_requested.emit(text.split(":", 1)[1])
        elif text.startswith(("topic:", "guide:", "questions:")):
            self.open(text)
        elif text.startswith("#"):
            self.browser.scrollToAnchor(text[1:])

    def open(self, key: str, *, record: bool = True) -> bool:
        """Show 'topic:slug', 'guide:slug', 'question:id' or 'questions:round'."""
        self.ensure_loaded()
        kind, _, name = key.partition(":")
        if kind == "question" and self.library and name in self.library.questions_by_id:
            question = self.library.questions_by_id[name]
            key = f"questions:{question.round}"
            kind, name = "questions", question.round
        if not self._exists(kind, name):
            return False
        self.save_notes()
        if record:
            del self.history[self.position + 1 :]
            self.history.append(key)
            self.position = len(self.history) - 1
        self.current = key
        self._show_current()
        self._update_nav()
        self._load_notes()
        self.page_shown.emit(key)
        return True

    def _exists(self, kind: str, name: str) -> bool:
        library = self.library
        if library is None:
            return False
        return (
            (kind == "topic" and name in library.topics)
            or (kind == "guide" and name in library.guides)
            or (kind == "questions" and any(q.round == name for q in library.questions))
        )

    def _markdown_for(self, key: str) -> tuple[str, str]:
        kind, _, name = key.partition(":")
        if kind == "topic":
            topic = self.library.topics[name]
            return topic.title, topic_markdown(topic)
        if kind == "guide":
            guide = self.library.guides[name]
            return guide.title, f"# {guide.title}\n\n{guide.body}"
        title = f"Question bank: {name.replace('-', ' ')}"
        return title, question_markdown(
            [q for q in self.library.questions if q.round == name], title
        )

    def _cache_key(self, key: str) -> tuple:
        return (key, is_dark(), self.zoom)

    def _show_current(self) -> None:
        key = self.current
        title, text = self._markdown_for(key)
        self.page_title.setText(f"<b>{title}</b>")
        self._fill_toc(text)
        cache_key = self._cache_key(key)
        html = self.renderer.cached(cache_key)
        if html is not None:
            self._set_html(html)
            return
        self._pending_key = repr(cache_key)
        self.browser.setHtml(f"<h1>{title}</h1><p>Typesetting…</p>")
        dark, zoom = is_dark(), self.zoom
        self.renderer.render_async(cache_key, lambda: render_page(text, dark, zoom))

    def _on_rendered(self, key: str, html: str) -> None:
        if key == self._pending_key:
            self._pending_key = None
            self._set_html(html)

    def _set_html(self, html: str) -> None:
        scroll = self.browser.verticalScrollBar()
        self.browser.setHtml(html)
        scroll.setValue(0)

    def _fill_toc(self, text: str) -> None:
        from desktop.reference.content import HEADING, MATH, strip_tex

        self.toc.clear()
        for match in HEADING.finditer(text):
            level, heading = len(match.group(1)), match.group(2)
            label = MATH.sub(lambda m: strip_tex(m.group(0)), heading)
            item = QListWidgetItem(("    " if level == 3 else "") + label)
            item.setToolTip(label)
            item.setData(Qt.ItemDataRole.UserRole, _anchor(heading))
            self.toc.addItem(item)

    def _on_toc(self, item: QListWidgetItem) -> None:
        self.browser.scrollToAnchor(item.data(Qt.ItemDataRole.UserRole))

    def back(self) -> None:
        if self.position > 0:
            self.position -= 1
            self.open(self.history[self.position], record=False)

    def forward(self) -> None:
        if self.position < len(self.history) - 1:
            self.position += 1
            self.open(self.history[self.position], record=False)

    def _update_nav(self) -> None:
        self.back_button.setEnabled(self.position > 0)
        self.forward_button.setEnabled(self.position < len(self.history) - 1)

    def set_zoom(self, zoom: int) -> None:
        self.zoom = max(-3, min(8, zoom))
        if self.current:
            self._show_current()

    # --- flashcards ------------------------------------------------------------------------
    def _browser_menu(self, position) -> None:
        menu = self.browser.createStandardContextMenu(position)
        menu.addSeparator()
        menu.addAction("Make a flashcard…", self.make_flashcard)
        menu.exec(self.browser.viewport().mapToGlobal(position))
        menu.deleteLater()

    def make_flashcard(self) -> str | None:
        """The card editor, its front prefilled with the selection, linked to this topic."""
        from desktop.study.areas import topic_area
        from desktop.ui.card_editor import CardEditorDialog

        selected = self.browser.textCursor().selectedText().replace("\u2029", "\n").strip()
        slug = self._topic_slug()
        topic = self.library.topics.get(slug) if self.library and slug else None
        return CardEditorDialog.ask(
            self,
            self.store,
            None,
            question=selected,
            topic=slug or "",
            topic_title=topic.title if topic else "",
            area=topic_area(topic.area) if topic else "",
        )

    # --- notes -----------------------------------------------------------------------------
    def _topic_slug(self) -> str | None:
        if self.current and self.current.startswith("topic:"):
            return self.current.split(":", 1)[1]
        return None

    def _set_note_controls(self, enabled: bool) -> None:
        for widget in (self.notes, self.confidence, self.reviewed_button, self.bookmark):
            widget.setEnabled(enabled)

    def _load_notes(self) -> None:
        slug = self._topic_slug()
        self._set_note_controls(slug is not None)
        note = note_store.get_note(self.store, slug) if slug else note_store.TopicNote("")
        for widget in (self.notes, self.confidence, self.bookmark):
            widget.blockSignals(True)
        self.notes.setPlainText(note.body)
        self.confidence.setCurrentIndex(
            self.confidence.findData(note.confidence) if note.confidence else 0
        )
        self.bookmark.setChecked(note.bookmarked)
        for widget in (self.notes, self.confidence, self.bookmark):
            widget.blockSignals(False)
        self.reviewed_label.setText(
            f"Reviewed {note.reviewed_on}" if note.reviewed_on else "Not reviewed yet"
        )
        self._render_notes()

    def _render_notes(self) -> None:
        from desktop.reference.render import html_page, markdown_to_html

        text = self.notes.toPlainText()
        dark = is_dark()
        self.notes_view.setHtml(
            html_page(markdown_to_html(text, dark=dark, math=False), dark) if text else ""
        )

    def _notes_changed(self) -> None:
        self._note_timer.start()

    def save_notes(self) -> None:
        self._note_timer.stop()
        slug = self._topic_slug()
        if slug is None:
            return
        body = self.notes.toPlainText()
        if body != note_store.get_note(self.store, slug).body:
            note_store.update_note(self.store, slug, body=body)
            self._render_notes()
            self.notes_saved(slug, body)

    def notes_saved(self, slug: str, body: str) -> None:
        """Hook for the search index (set by the window)."""
        callback = getattr(self, "on_notes_saved", None)
        if callback:
            callback(slug, body)

    def _confidence_changed(self) -> None:
        slug = self._topic_slug()
        if slug:
            note_store.update_note(self.store, slug, confidence=self.confidence.currentData())

    def mark_reviewed(self) -> None:
        slug = self._topic_slug()
        if slug:
            today = dt.date.today().isoformat()
            note_store.update_note(self.store, slug, reviewed_on=today)
            self.reviewed_label.setText(f"Reviewed {today}")

    def _bookmark_changed(self, checked: bool) -> None:
        slug = self._topic_slug()
        if slug:
            note_store.update_note(self.store, slug, bookmarked=checked)

    def theme_changed(self, dark: bool) -> None:
        if self.current:
            self._show_current()
        self._render_notes()

    def shutdown(self) -> None:
        self.save_notes()


def _anchor(heading: str) -> str:
    """The id Python-Markdown's toc extension gives a heading."""
    import unicodedata

    text = unicodedata.normalize("NFKD", heading).encode("ascii", "ignore").decode()
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)
