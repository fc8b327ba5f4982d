"""Issue #11: the app-level import graph has no cycle, and apps import each
other at module level (inside functions only in AppConfig.ready()). The
import-linter contracts in pyproject.toml check the layers themselves."""

import ast
from pathlib import Path

import aufbruch

ROOT = Path(aufbruch.__file__).parent
APPS = sorted(
    p.name
    for p in ROOT.iterdir()
    if (p / "__init__.py").exists() and p.name not in {"settings", "templates", "locale"}
)
SKIP = {"tests", "migrations", "management"}
# Test support that the running site never loads (the import-linter contract
# ignores it the same way): core.testing logs staff in with their second factor.
TEST_SUPPORT = {("core", "testing.py")}


def _imports():
    """(importing app, imported app, file, inside a function) for every cross-app import."""
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT).parts
        if parts[0] not in APPS or SKIP & set(parts) or (parts[0], parts[-1]) in TEST_SUPPORT:
            continue
        tree = ast.parse(path.read_text())
        in_function = {
            id(sub)
            for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            for sub in ast.walk(node)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                bits = name.split(".")
                if bits[0] == "aufbruch" and len(bits) > 1 and bits[1] in APPS:
                    if bits[1] != parts[0]:
                        yield parts[0], bits[1], path, id(node) in in_function


def test_app_graph_has_no_cycle():
    graph = {app: set() for app in APPS}
    for source, target, _path, _inner in _imports():
        graph[source].add(target)
    done, on_path = set(), []

    def visit(app):
        if app in on_path:
            raise AssertionError("import cycle: " + " -> ".join([*on_path, app]))
        if app in done:
            return
        on_path.append(app)
        for target in sorted(graph[app]):
            visit(target)
        on_path.pop()
        done.add(app)

    for app in APPS:
        visit(app)


def test_cross_app_imports_inside_functions_only_in_ready():
    inner = sorted(
        f"{path.relative_to(ROOT)} imports {target}"
        for _source, target, path, is_inner in _imports()
        if is_inner and path.name != "apps.py"
    )
    assert inner == []
