"""Print the size of a one-folder build by top-level component, largest first."""

import sys
from collections import defaultdict
from pathlib import Path


def component(relative: Path) -> str:
    parts = relative.parts
    if parts[0] == "_internal" and len(parts) > 1:
        name = parts[1]
        for prefix in ("torch", "PySide6", "numpy", "matplotlib", "hypothesis", "content"):
            if name.startswith(prefix):
                return prefix
        return name if (Path(sys.argv[1]) / "_internal" / name).is_dir() else "other files"
    return parts[0]


def main() -> None:
    root = Path(sys.argv[1])
    sizes: dict[str, int] = defaultdict(int)
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink():
            sizes[component(path.relative_to(root))] += path.stat().st_size
    total = sum(sizes.values())
    for name, size in sorted(sizes.items(), key=lambda item: -item[1])[:20]:
        print(f"{size / 1e6:9.1f} MB  {name}")
    print(f"{total / 1e6:9.1f} MB  total ({root})")


if __name__ == "__main__":
    main()
