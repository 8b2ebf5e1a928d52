import datetime as dt

import icalendar
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.app import main
from desktop.store import tracker as records
from desktop.tracker.exchange import COLUMNS, applications_to_csv, parse_csv
from desktop.tracker.records import Application, Deadline, InterviewEvent
from desktop.tracker.service import calendar_text, import_csv_text

HEADER = ",".join(COLUMNS)
GOOD = f"""{HEADER}
DeepMind,Research Scientist,Research Scientist,applied,referral,2025-01-10,1,London,"a, b"
Meta,ML Engineer,ML Engineer,screening,recruiter,2025-01-12,2,Menlo Park,
"""
BAD = f"""{HEADER}
DeepMind,Research Scientist,Research Scientist,applied,referral,2025-01-10,1,London,
,ML Engineer,ML Engineer,applied,,2025-01-12,,,
OpenAI,RE,ML Engineer,hired,,2025-02-30,,,
Anthropic,RE,ML Engineer,applied,,,9,,
"""


def test_good_csv_parses():
    parsed = parse_csv(GOOD)
    assert parsed.problems == []
    assert [a.company for a in parsed.applications] == ["DeepMind", "Meta"]
    assert parsed.applications[0].notes == "a, b"


def test_bad_rows_are_all_listed_with_line_numbers_and_nothing_is_stored(store):
    stored, problems = import_csv_text(store, BAD)
    assert stored == 0
    assert [p.line for p in problems] == [3, 4, 5]
    assert "company" in problems[0].reason
    assert "status" in problems[1].reason and "not a real date" in problems[1].reason
    assert "priority" in problems[2].reason
    assert records.applications(store) == []


def test_skip_invalid_stores_the_good_rows(store):
    stored, problems = import_csv_text(store, BAD, skip_invalid=True)
    assert stored == 1 and len(problems) == 3
    assert [a.company for a in records.applications(store)] == ["DeepMind"]


def test_csv_round_trip(store):
    import_csv_text(store, GOOD)
    assert applications_to_csv(records.applications(store)) == GOOD


def test_wrong_header_is_one_problem():
    parsed = parse_csv("name,title\nx,y\n")
    assert len(parsed.problems) == 1 and "missing columns: company, role" in str(parsed.problems[0])


field = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)


@settings(max_examples=60)
@given(st.lists(st.lists(field, min_size=0, max_size=11), max_size=8))
def test_importer_never_crashes_and_accounts_for_every_row(rows):
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    parsed = parse_csv(out.getvalue())
    nonblank = [r for r in rows if any(v.strip() for v in r)]
    assert len(parsed.applications) + len(parsed.problems) <= max(len(nonblank), 1)
    for application in parsed.applications:
        assert application.company.strip() and application.role.strip()


def _sample_schedule(store):
    application = Application("DeepMind", "Research Scientist")
    records.save_application(store, application)
    event = InterviewEvent(
        application.id,
        "ml-coding",
        "2025-03-10T15:00:00+01:00",
        60,
        place="https://meet.example.com/abc",
        prep_notes="line1\nline2; x,y",
    )
    records.save_event(store, event)
    records.save_deadline(store, Deadline("take-home", "2025-03-12", "", application.id))
    return event


def test_ics_parses_with_icalendar_and_uids_are_stable(store):
    _sample_schedule(store)
    now = dt.datetime(2025, 3, 1, tzinfo=dt.UTC)
    text = calendar_text(store, now=now)
    calendar = icalendar.Calendar.from_ical(text)
    found = {str(c["UID"]): c for c in calendar.walk("VEVENT")}
    assert set(found) == {"tracker-event-1@mlprep", "tracker-deadline-1@mlprep"}
    event = found["tracker-event-1@mlprep"]
    assert event.decoded("DTSTART") == dt.datetime(2025, 3, 10, 14, 0, tzinfo=dt.UTC)
    assert event.decoded("DTEND") - event.decoded("DTSTART") == dt.timedelta(hours=1)
    assert "line2; x,y" in str(event["DESCRIPTION"])
    assert found["tracker-deadline-1@mlprep"].decoded("DTSTART") == dt.date(2025, 3, 12)
    assert calendar_text(store, now=now) == text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_cli_import_export_and_ics(tmp_path, data_dir, capsys):
    source = tmp_path / "apps.csv"
    source.write_text(BAD, encoding="utf-8")
    assert main(["--data-dir", str(data_dir), "tracker", "import-csv", str(source)]) == 1
    err = capsys.readouterr().err
    assert "line 3" in err and "line 5" in err and "nothing was imported" in err
    assert (
        main(["--data-dir", str(data_dir), "tracker", "import-csv", str(source), "--skip-invalid"])
        == 0
    )
    target = tmp_path / "out.csv"
    assert main(["--data-dir", str(data_dir), "tracker", "export-csv", "-o", str(target)]) == 0
    assert target.read_text().splitlines()[1].startswith("DeepMind,Research Scientist")
    ics = tmp_path / "out.ics"
    assert main(["--data-dir", str(data_dir), "tracker", "ics", "-o", str(ics)]) == 0
    assert icalendar.Calendar.from_ical(ics.read_text())
