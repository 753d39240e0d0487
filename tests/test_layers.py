"""Apps import only the apps below them, so that a change low down never has to know what is built
on top of it. The same layers are written for import-linter in pyproject.toml.

Every module under src/eigenkracht is read with `ast` (not imported); every `eigenkracht.*`
import counts, at module level and inside functions. A module may import its own app and the
layers below it. A URL table (`urls`) may route to any app's `views`, so that a page of a higher
app keeps its address and URL name in a lower app's namespace (the receipt, the export page).
"""

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import eigenkracht

# From the bottom up; a set is one layer whose apps may import each other.
LAYERS: list[set[str]] = [
    {"banking"},
    {"core"},
    {"accounts"},
    {"pages"},
    {"trainings"},
    {"invoices"},
    {"payments"},
    # network reads the trajectories' models, policies and access; trajectories' services and
    # views use network's. One layer until one of the two no longer needs the other. volunteers
    # reads the coordinators; the ranking and the assignment read its duties and availability.
    {"trajectories", "network", "volunteers"},
    # allowances reads the coordinators and trajectories, and pays by payments' SEPA machinery.
    {"allowances"},
    # evaluations reads the trajectories and the trainings; reports reads its answers.
    {"evaluations"},
    {"reports"},
    # privacy finds, exports and anonymises what every app below it holds.
    {"privacy"},
    {"backoffice"},
    # The project itself: settings, the URL root, the API, the entry points.
    {"", "settings", "urls", "api", "wsgi", "asgi"},
]


PACKAGE_DIR = Path(eigenkracht.__file__).parent
LAYER_OF = {app: index for index, apps in enumerate(LAYERS) for app in apps}


@dataclass(frozen=True)
class Import:
    importer: str
    imported: str
    path: Path
    line: int

    @property
    def where(self) -> str:
        return f"{self.path.relative_to(PACKAGE_DIR.parent.parent)}:{self.line}"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _app(module: str) -> str:
    """'eigenkracht.trainings.models' -> 'trainings'; the package itself -> ''."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE_DIR.rglob("*.py"))}


def _imports(module: str, path: Path, known_modules: set[str]) -> Iterator[Import]:
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            # `from eigenkracht.payments.receipts import views`: the module imported is the
            # submodule when there is one by that name.
            names = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in known_modules else base
                for alias in node.names
            ]
        else:
            continue
        for name in dict.fromkeys(names):
            if name == "eigenkracht" or name.startswith("eigenkracht."):
                yield Import(module, name, path, node.lineno)


def _is_url_table_to_views(found: Import) -> bool:
    return found.importer.endswith(".urls") and found.imported.endswith(".views")


def _all_imports() -> list[Import]:
    modules = _modules()
    known_modules = set(modules)
    return [
        found for module, path in modules.items() for found in _imports(module, path, known_modules)
    ]


def test_every_app_has_its_place_in_the_layers():
    apps = {_app(module) for module in _modules()}

    assert not apps - set(LAYER_OF), (
        f"Put {sorted(apps - set(LAYER_OF))} in LAYERS of tests/test_layers.py: which apps may "
        "it import, which may import it?"
    )


def test_apps_import_only_their_own_layer_and_the_layers_below():
    broken = []
    for found in _all_imports():
        source, target = _app(found.importer), _app(found.imported)
        if LAYER_OF.get(target, 0) <= LAYER_OF.get(source, len(LAYERS)):
            continue
        if _is_url_table_to_views(found):
            continue
        broken.append(
            f"{found.where}: {found.importer} imports {found.imported}, but"
            f" {source or 'eigenkracht'} (layer {LAYER_OF[source]}) may not import {target}"
            f" (layer {LAYER_OF[target]}) above it"
        )

    assert not broken, "Imports against the layers (bottom = 0):\n" + "\n".join(broken)


def test_banking_knows_nothing_of_django():
    """The package at the bottom is pure: it runs, and is tested, without Django or a database."""
    found = [
        f"{path.relative_to(PACKAGE_DIR.parent.parent)}:{node.lineno}"
        for module, path in _modules().items()
        if _app(module) == "banking"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Import | ast.ImportFrom)
        for name in (
            [alias.name for alias in node.names] if isinstance(node, ast.Import) else [node.module]
        )
        if name and name.split(".")[0] == "django"
    ]

    assert not found, f"banking imports Django: {found}"
