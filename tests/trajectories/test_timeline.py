"""The network map builds on the trajectory's timeline, and the trajectories' services on the
network map: one direction each, so neither needs an import hidden inside a function."""

import ast
from pathlib import Path

import eigenkracht

SRC = Path(eigenkracht.__file__).parent


def _imports(path: Path) -> list[tuple[str, bool]]:
    """(module, at module level) for every import of an eigenkracht module in the file."""
    tree = ast.parse(path.read_text())
    top = set(map(id, tree.body))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        found += [(name, id(node) in top) for name in names if name.startswith("eigenkracht.")]
    return found


def test_the_network_map_uses_the_timeline_not_the_trajectories_services():
    offending = [
        f"{path.relative_to(SRC)}: {module}"
        for path in sorted((SRC / "network").rglob("*.py"))
        for module, _top in _imports(path)
        if module.startswith("eigenkracht.trajectories.services")
    ]

    assert offending == []


def test_the_trajectories_services_import_everything_at_the_top():
    services = sorted((SRC / "trajectories" / "services").glob("*.py"))
    hidden = [
        f"{path.relative_to(SRC)}: {module}"
        for path in [SRC / "trajectories" / "timeline.py", *services]
        for module, top in _imports(path)
        if not top
    ]

    assert hidden == []
