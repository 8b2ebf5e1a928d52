import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.store.exchange import (
    EXPORT_FORMAT,
    ImportError_,
    export_document,
    import_document,
    import_json,
)
from desktop.store.settings import set_setting


def _fill(store):
    set_setting(store, "theme", "dark")
    with store.transaction() as db:
        db.table("notes").insert_all(
            [
                {
                    "topic": "attention",
                    "body": "# mine\nsqrt(d_k) ✓",
                    "confidence": 4,
                    "bookmarked": 1,
                    "reviewed_on": "2026-11-01",
                    "updated_at": "x",
                },
                {"topic": "rope", "body": "", "bookmarked": 0},
            ]
        )
        db.table("kata_attempts").insert(
            {
                "slug": "kmeans",
                "finished_at": "2026-11-02T10:00:00",
                "status": "passed",
                "passed": 5,
                "failed": 0,
                "device": "cpu",
                "duration_ms": 12.5,
            }
        )


def test_export_import_round_trips_exactly(store, session, tmp_path):
    _fill(store)
    document = export_document(store)
    assert document["format"] == EXPORT_FORMAT
    assert document["schema_version"] == store.schema_version()
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document))

    with store.transaction() as db:
        db.execute("DELETE FROM notes")
        db.table("settings").insert({"key": "other", "value": "1"})
    import_json(store, path)
    again = export_document(store)
    assert again["tables"] == document["tables"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{not json", "not valid JSON (line 1"),
        ("[]", "top level is not a JSON object"),
        ('{"format": "other"}', "not an MLPrep export"),
        ('{"format": "mlprep-export", "version": 99}', "version 99 is not supported"),
    ],
)
def test_invalid_files_are_refused_and_database_unchanged(store, tmp_path, text, expected):
    _fill(store)
    before = export_document(store)["tables"]
    path = tmp_path / "bad.json"
    path.write_text(text)
    with pytest.raises(ImportError_) as raised:
        import_json(store, path)
    assert expected in str(raised.value)
    assert "database was not changed" in str(raised.value)
    assert export_document(store)["tables"] == before


def test_rows_that_do_not_fit_change_nothing(store):
    _fill(store)
    document = export_document(store)
    before = document["tables"]
    broken = json.loads(json.dumps(document))
    broken["tables"]["notes"].append({"topic": "x", "nonsense_column": 1})
    broken["tables"]["ghosts"] = []
    with pytest.raises(ImportError_) as raised:
        import_document(store, broken)
    assert "nonsense_column" in str(raised.value) and "ghosts" in str(raised.value)
    # A row that violates a constraint fails inside the transaction: all rolled back.
    violating = json.loads(json.dumps(document))
    violating["tables"]["kata_attempts"].append({"slug": None, "status": None})
    with pytest.raises(ImportError_):
        import_document(store, violating)
    assert export_document(store)["tables"] == before


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(),
        lambda children: st.lists(children) | st.dictionaries(st.text(), children),
        max_leaves=10,
    )
)
def test_random_json_never_half_imports(store, value):
    _fill(store)
    before = export_document(store)["tables"]
    try:
        import_document(store, value)
    except ImportError_:
        pass
    assert export_document(store)["tables"] == before
    with store.transaction() as db:
        for table in ("notes", "settings", "kata_attempts"):
            db.execute(f"DELETE FROM {table}")
