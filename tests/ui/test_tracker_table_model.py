"""The applications table model filters and sorts its own index list (no proxy): the rows a
filter shows are exactly those holding every typed word, in the current sort order."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from desktop.tracker.records import STATUSES
from desktop.ui.tracker_models import COMPANY, ROLE, STATUS, ApplicationTableModel

WORDS = ["deep", "mind", "research", "engineer", "zurich", "london", "ml"]


def row(i: int, company: str, role: str, status: str) -> tuple:
    return (i, company, role, "ML Engineer", status, "referral", "2026-01-02", 1, "London", "", 1)


rows_strategy = st.lists(
    st.tuples(
        st.sampled_from(["DeepMind", "Mistral", "Meta AI", "Cohere"]),
        st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join),
        st.sampled_from(STATUSES),
    ),
    max_size=40,
)


def shown(model: ApplicationTableModel) -> list[int]:
    return [model.application_id(r) for r in range(model.rowCount())]


@given(rows_strategy, st.lists(st.sampled_from(WORDS + ["DEEP", "xyz"]), max_size=3), st.data())
def test_filter_keeps_exactly_the_rows_with_every_word(qapp, raw, words, data):
    rows = [row(i + 1, c, r, s) for i, (c, r, s) in enumerate(raw)]
    model = ApplicationTableModel()
    model.set_rows(rows)
    model.sort(1, Qt.SortOrder.DescendingOrder)  # by role
    status = data.draw(st.sampled_from(["", *STATUSES]))
    model.set_filter(" ".join(words), status)

    def matches(r: tuple) -> bool:
        text = f"{r[COMPANY]} {r[ROLE]} ML Engineer {r[STATUS]} referral London".lower()
        return all(w.lower() in text for w in words) and (not status or r[STATUS] == status)

    expected = [r for r in rows if matches(r)]
    assert sorted(shown(model)) == sorted(r[0] for r in expected)
    roles = [model.data(model.index(i, 1)) for i in range(model.rowCount())]
    assert roles == sorted(roles, key=str.lower, reverse=True)


def test_row_of_finds_a_visible_application_and_not_a_filtered_one(qapp):
    model = ApplicationTableModel()
    model.set_rows([row(1, "DeepMind", "research", "applied"), row(2, "Meta", "ml", "offer")])
    assert model.row_of(2) == 1
    model.set_filter("deepmind")
    assert model.row_of(1) == 0 and model.row_of(2) is None


def test_a_board_column_hands_the_view_a_page_at_a_time(qapp):
    from desktop.ui.tracker_models import StatusColumnModel

    moved: list = []
    model = StatusColumnModel("applied", lambda ids, status: moved.append((ids, status)))
    model.set_items([(i, f"Company {i}\nRole") for i in range(250)])
    assert model.rowCount() == StatusColumnModel.PAGE and model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 250 and not model.canFetchMore()
    model.add_items([(999, "New\nRole")])
    assert model.rowCount() == 251 and model.data(model.index(0)) == "New\nRole"
    assert model.remove_ids({0, 1}) == [(0, "Company 0\nRole"), (1, "Company 1\nRole")]
    assert model.rowCount() == 249 and len(model.items) == 249
