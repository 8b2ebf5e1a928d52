"""content/katas/README.md lists every shipped kata with its area, difficulty and minutes."""

from desktop.katas.catalog import load_catalog
from desktop.paths import content_root


def test_readme_table_lists_every_kata():
    text = (content_root() / "katas" / "README.md").read_text()
    catalog = load_catalog()
    assert len(catalog.katas) >= 50
    missing = [
        k.slug
        for k in catalog.katas
        if f"| `{k.slug}`: {k.title} | {k.area} | {k.difficulty} | {k.minutes} |" not in text
    ]
    assert not missing, f"add these katas to the README table: {missing}"
