"""The layer order of ARCHITECTURE.md, checked on every import of the product code,
function-level imports included: an app imports only apps on a lower layer, so there is
no cycle between apps and no domain imports `api` or `console`. Events and registries
(`caselog.core.events`, the console's panel registry) carry what must travel upward."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PACKAGE = ROOT / "caselog"

LAYERS: dict[str, int] = {
    "core": 0,
    "audit": 1,
    "accounts": 2,
    "search": 3,
    "knowledge": 4,
    "devices": 4,
    "sla": 5,
    "cases": 6,
    "mail": 7,
    "store": 7,
    "repairs": 7,
    "community": 7,
    "workforce": 7,
    "importers": 7,
    "console": 8,
    "api": 8,
}
# The one import between apps of one layer: the console's token, webhook and screen-pop pages
# (every /console/ URL is the console's) act on the api app's tokens, subscriptions and calls.
# api never imports console, so there is no cycle; the reverse edge is refused like any other.
SAME_LAYER_ALLOWED = {("console", "api")}
# Outside the layers: the demo data and the benchmarks may use any app; no product code uses them.
OUTSIDE = {"demo"}
# The project's own modules (settings, URLconf, WSGI) wire the apps together.
PROJECT_MODULES = {"settings", "urls", "wsgi", "__init__", "asgi"}


@dataclass(frozen=True)
class Import:
    source: str  # the importing app
    target: str  # the imported app, or "tests"/"benchmarks" for those packages
    where: str
    in_function: bool


def _module_imports(path: Path, root: Path) -> list[tuple[str, int, bool]]:
    """(absolute module, line, inside a function) for every import in the file."""
    package = ["caselog", *path.relative_to(root).parts[:-1]]
    found: list[tuple[str, int, bool]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            if isinstance(child, ast.Import):
                found.extend((alias.name, child.lineno, nested) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package[: len(package) - child.level + 1]
                    module = ".".join(base + ([child.module] if child.module else []))
                else:
                    module = child.module or ""
                if child.module:
                    found.append((module, child.lineno, nested))
                else:
                    found.extend((f"{module}.{alias.name}", child.lineno, nested) for alias in child.names)
            visit(child, nested)

    visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)), False)
    return found


def product_imports(package: Path = PACKAGE) -> list[Import]:
    """Every import from one app of the product to another (tests and migrations left out)."""
    imports = []
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package).parts
        if "migrations" in parts or "tests" in parts or len(parts) < 2:
            continue
        source = parts[0]
        for module, line, in_function in _module_imports(path, package):
            names = module.split(".")
            if names[0] == "benchmarks":
                target = "benchmarks"
            elif names[0] != "caselog" or len(names) < 2 or not (package / names[1]).is_dir():
                continue
            elif "tests" in names:
                target = "tests"
            else:
                target = names[1]
            if target != source:
                imports.append(Import(source, target, f"{path.relative_to(package.parent)}:{line}", in_function))
    return imports


def violations(imports: list[Import]) -> list[str]:
    found = []
    for imp in imports:
        if imp.target in {"tests", "benchmarks"}:
            found.append(f"{imp.where}: product code imports {imp.target}")
        elif imp.source in OUTSIDE:
            continue
        elif imp.target in OUTSIDE:
            found.append(f"{imp.where}: product code imports caselog.{imp.target}")
        elif imp.source not in LAYERS or imp.target not in LAYERS:
            unknown = imp.source if imp.source not in LAYERS else imp.target
            found.append(f"{imp.where}: app {unknown!r} has no layer (add it to ARCHITECTURE.md and LAYERS)")
        elif (imp.source, imp.target) in SAME_LAYER_ALLOWED:
            continue
        elif LAYERS[imp.target] >= LAYERS[imp.source]:
            found.append(
                f"{imp.where}: {imp.source} (layer {LAYERS[imp.source]}) imports {imp.target} "
                f"(layer {LAYERS[imp.target]}){' inside a function' if imp.in_function else ''}"
            )
    return found


def test_every_app_has_a_layer():
    apps = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert apps - set(LAYERS) - OUTSIDE == set()


def test_no_import_points_up_the_layer_order_or_sideways():
    assert violations(product_imports()) == []


def test_there_is_no_cycle_between_apps():
    graph: dict[str, set[str]] = {}
    for imp in product_imports():
        graph.setdefault(imp.source, set()).add(imp.target)

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(
            nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt})) for nxt in graph.get(start, ())
        )

    assert [app for app in graph if reaches(app, app, {app})] == []


def test_the_check_finds_an_upward_import_even_inside_a_function(tmp_path):
    app = tmp_path / "caselog" / "cases"
    app.mkdir(parents=True)
    (tmp_path / "caselog" / "api").mkdir()
    (tmp_path / "caselog" / "core").mkdir()
    (app / "services.py").write_text(
        "from caselog.core import events\n\n\ndef case_close():\n    from ..api import webhooks\n"
    )
    found = violations(product_imports(tmp_path / "caselog"))
    assert found == ["caselog/cases/services.py:5: cases (layer 6) imports api (layer 8) inside a function"]


@pytest.mark.parametrize(
    ("source", "target"),
    [("knowledge", "devices"), ("store", "repairs"), ("api", "console")],
)
def test_apps_on_one_layer_do_not_import_each_other(tmp_path, source, target):
    for name in (source, target):
        (tmp_path / "caselog" / name).mkdir(parents=True)
    (tmp_path / "caselog" / source / "views.py").write_text(f"import caselog.{target}.models\n")
    assert len(violations(product_imports(tmp_path / "caselog"))) == 1
