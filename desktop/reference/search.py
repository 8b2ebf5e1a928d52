"""Full-text search over topics, guides, questions, katas and the user's notes (SQLite FTS5).

The index is derived data: it lives in memory, is built off the GUI thread at start, and
notes are re-indexed as the user saves them.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from dataclasses import dataclass

WEIGHTS = "0, 0, 10.0, 4.0, 1.0"  # kind, key, title, tags, body
HIT_START = "\x02"
HIT_END = "\x03"
_TOKEN = re.compile(r"[\w\-\+\.]+", re.UNICODE)


@dataclass(frozen=True)
class Document:
    kind: str  # topic | guide | question | kata | note
    key: str  # slug or id: what the UI opens
    title: str
    body: str
    tags: str = ""


@dataclass
class Hit:
    kind: str
    key: str
    title: str
    snippet: str  # with HIT_START/HIT_END around matched words
    score: float

    def snippet_html(self, mark_open: str = "<b>", mark_close: str = "</b>") -> str:
        import html

        escaped = html.escape(self.snippet)
        return escaped.replace(HIT_START, mark_open).replace(HIT_END, mark_close)


def to_match_query(text: str) -> str | None:
    """User text -> a safe FTS5 query: every word must match, the last one as a prefix."""
    words = [w for w in _TOKEN.findall(text.lower()) if w.strip("-+.")]
    if not words:
        return None
    parts = ['"' + w.replace('"', "") + '"' for w in words[:-1]]
    parts.append('"' + words[-1].replace('"', "") + '"*')
    return " ".join(parts)


class SearchIndex:
    def __init__(self):
        self._conn = sqlite3.connect(":memory:", check_same_thread=False)
        self._lock = threading.Lock()
        self._conn.execute(
            "CREATE VIRTUAL TABLE docs USING fts5("
            "kind UNINDEXED, key UNINDEXED, title, tags, body, "
            "tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3')"
        )
        self.ready = threading.Event()
        self.size = 0

    def build(self, documents: list[Document]) -> int:
        rows = [(d.kind, d.key, d.title, d.tags, d.body) for d in documents]
        with self._lock:
            self._conn.execute("BEGIN")
            self._conn.execute("DELETE FROM docs")
            self._conn.executemany(
                "INSERT INTO docs (kind, key, title, tags, body) VALUES (?, ?, ?, ?, ?)", rows
            )
            self._conn.execute("COMMIT")
            self._conn.execute("INSERT INTO docs(docs) VALUES ('optimize')")
            self.size = len(rows)
        self.ready.set()
        return len(rows)

    def upsert(self, document: Document) -> None:
        with self._lock:
            self._conn.execute(
                "DELETE FROM docs WHERE kind = ? AND key = ?", [document.kind, document.key]
            )
            if document.body.strip() or document.title.strip():
                self._conn.execute(
                    "INSERT INTO docs (kind, key, title, tags, body) VALUES (?, ?, ?, ?, ?)",
                    [document.kind, document.key, document.title, document.tags, document.body],
                )

    def search(self, text: str, limit: int = 30, kinds: tuple[str, ...] | None = None) -> list[Hit]:
        query = to_match_query(text)
        if query is None:
            return []
        # Rank first, then build snippets for the page of results only: snippets are the
        # expensive part, and a short prefix can match most of the library.
        ranked = "SELECT rowid FROM docs WHERE docs MATCH ?"
        params: list = [query]
        if kinds:
            ranked += f" AND kind IN ({', '.join('?' for _ in kinds)})"
            params.extend(kinds)
        ranked += f" ORDER BY bm25(docs, {WEIGHTS}) LIMIT ?"
        params.append(limit)
        sql = (
            "SELECT kind, key, title, "
            f"snippet(docs, 4, '{HIT_START}', '{HIT_END}', ' … ', 14), "
            f"bm25(docs, {WEIGHTS}) AS score "
            f"FROM docs WHERE docs MATCH ? AND rowid IN ({ranked}) ORDER BY score"
        )
        params = [query, *params]
        with self._lock:
            try:
                rows = self._conn.execute(sql, params).fetchall()
            except sqlite3.OperationalError:
                return []
        return [
            Hit(kind, key, title, snippet or "", -score)
            for kind, key, title, snippet, score in rows
        ]


def library_documents(root, katas=(), notes=()) -> list[Document]:
    """Every searchable thing shipped in ``root`` (content/), plus katas and the user's notes."""
    from desktop.reference.content import load_guides, load_questions, load_topics

    documents: list[Document] = []
    topics, _problems = load_topics(root)
    for topic in topics:
        cards = " ".join(f"{c.question} {c.answer}" for c in topic.flashcards)
        documents.append(
            Document(
                "topic",
                topic.slug,
                topic.title,
                topic.plain_text() + " " + cards,
                " ".join([topic.area, *topic.tags, *topic.companies]),
            )
        )
    for guide in load_guides(root):
        documents.append(Document("guide", guide.slug, guide.title, guide.body))
    for question in load_questions(root):
        documents.append(
            Document(
                "question",
                question.id,
                question.text,
                question.text + " " + " ".join(question.outline),
                " ".join([question.round, question.area, *question.companies, *question.topics]),
            )
        )
    for kata in katas:
        prompt = kata.path.joinpath("prompt.md")
        body = prompt.read_text(encoding="utf-8") if prompt.exists() else ""
        documents.append(
            Document(
                "kata",
                kata.slug,
                kata.title,
                body,
                " ".join([kata.area, kata.difficulty, *kata.tags, *kata.companies]),
            )
        )
    for topic_slug, title, body in notes:
        documents.append(Document("note", topic_slug, f"Your notes: {title}", body))
    return documents
