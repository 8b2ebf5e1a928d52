import json
import subprocess
import sys
from pathlib import Path

from desktop import __version__
from desktop.app import main

ROOT = Path(__file__).resolve().parents[1]


def test_version(capsys):
    try:
        main(["--version"])
    except SystemExit as exit_:
        assert exit_.code == 0
    assert __version__ in capsys.readouterr().out


def test_check_backup_export_import_cycle(data_dir, tmp_path, capsys):
    assert main(["--data-dir", str(data_dir), "check"]) == 0
    assert "no database yet" in capsys.readouterr().out
    assert main(["--data-dir", str(data_dir), "export", "-o", str(tmp_path / "e.json")]) == 0
    assert main(["--data-dir", str(data_dir), "check", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (
        report["integrity"] == "ok" and report["schema_version"] == report["latest_schema_version"]
    )
    assert main(["--data-dir", str(data_dir), "backup"]) == 0
    assert "Backup written" in capsys.readouterr().out
    assert len(list((data_dir / "backups").glob("*.db"))) == 1
    assert main(["--data-dir", str(data_dir), "import-json", str(tmp_path / "e.json")]) == 0


def test_import_of_bad_file_exits_1_with_message(data_dir, tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    assert main(["--data-dir", str(data_dir), "import-json", str(bad)]) == 1
    assert "not valid JSON" in capsys.readouterr().err
    assert main(["--data-dir", str(data_dir), "import-json", str(tmp_path / "missing.json")]) == 1
    assert "Could not read" in capsys.readouterr().err


def test_corrupt_database_check_and_restore(data_dir, capsys):
    assert main(["--data-dir", str(data_dir), "export", "-o", str(data_dir / "e.json")]) == 0
    assert main(["--data-dir", str(data_dir), "backup"]) == 0
    (data_dir / "mlprep.db").write_bytes(b"garbage" * 1000)
    for extra in ("mlprep.db-wal", "mlprep.db-shm"):
        (data_dir / extra).unlink(missing_ok=True)
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "check"]) == 1
    assert "mlprep restore" in capsys.readouterr().out
    assert main(["--data-dir", str(data_dir), "restore"]) == 0
    assert "kept as mlprep.db.damaged-" in capsys.readouterr().out
    assert main(["--data-dir", str(data_dir), "check"]) == 0
    assert list(data_dir.glob("mlprep.db.damaged-*"))


def test_data_dir_from_environment(tmp_path):
    folder = tmp_path / "from-env"
    result = subprocess.run(
        [sys.executable, "-m", "desktop.app", "check", "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"MLPREP_DATA_DIR": str(folder), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["data_dir"] == str(folder.resolve())


def test_self_test_runs_offscreen_without_torch(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "desktop.app", "--data-dir", str(tmp_path / "d"), "--self-test"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    assert "self-test passed" in result.stdout


def test_global_options_work_after_the_command(tmp_path, capsys):
    """`mlprep demo --data-dir DIR` (the form the docs use) acts on DIR, like the form with
    the option first; a kata path given after the command adds to one given before."""
    after, before = tmp_path / "after", tmp_path / "before"
    assert main(["check", "--data-dir", str(after), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["data_dir"] == str(after)
    assert main(["--data-dir", str(before), "check", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["data_dir"] == str(before)
    packs = Path(__file__).parent / "katas" / "data"
    assert main(["kata", "list", "--json", "--kata-path", str(packs)]) == 0
    slugs = {k["slug"] for k in json.loads(capsys.readouterr().out)["katas"]}
    assert "add-numbers" in slugs
