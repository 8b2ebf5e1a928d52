"""Study commands: ``mlprep demo`` and ``mlprep cards export-apkg``."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    demo = subparsers.add_parser("demo", help="fill a fresh database with a realistic sample")
    demo.set_defaults(handler=cmd_demo)
    cards = subparsers.add_parser("cards", help="flashcard commands")
    commands = cards.add_subparsers(dest="cards_command", metavar="SUBCOMMAND", required=True)
    export = commands.add_parser("export-apkg", help="write the flashcards as an Anki deck")
    export.add_argument(
        "-o", "--output", metavar="FILE", type=Path, default=Path("mlprep-flashcards.apkg")
    )
    export.set_defaults(handler=cmd_export_apkg)


def _open(args):
    from desktop.session import open_session

    return open_session(args.data_dir, backup=False)


def _library():
    from desktop.katas.catalog import load_catalog
    from desktop.paths import content_root
    from desktop.reference.content import load_topics
    from desktop.rounds.templates import load_builtin_templates

    topics, _problems = load_topics(content_root())
    return topics, load_catalog().katas, load_builtin_templates(content_root())


def cmd_demo(args) -> int:
    from desktop.study.demo import fill_demo

    session = _open(args)
    try:
        store = session.store
        used = store.conn.execute("SELECT count(*) FROM study_reviews").fetchone()[0]
        apps = store.conn.execute("SELECT count(*) FROM tracker_applications").fetchone()[0]
        if used or apps:
            print(
                "This database already has data; use a fresh --data-dir for the demo.",
                file=sys.stderr,
            )
            return 1
        topics, katas, templates = _library()
        counts = fill_demo(store, topics, katas, templates, dt.datetime.now().astimezone())
    finally:
        session.close()
    print("Demo data added: " + ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items()))
    return 0


def cmd_export_apkg(args) -> int:
    from desktop.study.export import write_apkg

    session = _open(args)
    try:
        topics, _katas, _templates = _library()
        from desktop.store import study

        study.sync_topic_cards(session.store, topics, dt.datetime.now().astimezone())
        count = write_apkg(study.all_cards(session.store), args.output)
    finally:
        session.close()
    print(f"Wrote {count} cards to {args.output}")
    return 0
