"""The package's layers, read from the imports: web → printing → journey → content → evidence.

The rules are written in the README's "How it is built"; this test is their enforcement.
"""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "decision_aid"

# Highest first: a layer may import the layers below it, never one above.
LAYERS = ["web", "printing", "journey", "content", "evidence"]
# The ground floor, importable from every layer.
ROOT_MODULES = {"settings", "extensions"}
ROOT_FILES = {"__init__.py", "settings.py", "extensions.py"}
# Only the web layer handles the request, the session, templates and responses.
REQUEST_NAMES = {
    "request",
    "session",
    "g",
    "url_for",
    "render_template",
    "redirect",
    "make_response",
    "abort",
    "Response",
    "Blueprint",
}


def modules():
    """Every module of the package as (layer or None for the root, path, parsed tree)."""
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        layer = relative.parts[0] if len(relative.parts) > 1 else None
        yield layer, relative, ast.parse(path.read_text(encoding="utf-8"))


def imported_names(tree):
    """(module, name) for every import; name is None for `import module`."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                yield node.module, alias.name
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, None


def target_layer(module, name):
    """The layer (or root module) an import of decision_aid points at, or None for outside."""
    parts = module.split(".")
    if parts[0] != "decision_aid":
        return None
    if len(parts) == 1:
        return name if name in ROOT_MODULES or name in LAYERS else "__init__"
    return parts[1]


def test_the_root_holds_only_the_factory_the_settings_and_the_extensions():
    root_files = {path.name for path in PACKAGE.glob("*.py")}
    assert root_files == ROOT_FILES
    folders = {path.name for path in PACKAGE.iterdir() if path.is_dir() and path.name != "__pycache__"}
    assert folders == set(LAYERS)


def test_each_layer_imports_only_the_layers_below_it():
    wrong = []
    for layer, path, tree in modules():
        if layer is None:
            continue
        allowed = set(LAYERS[LAYERS.index(layer) :]) | ROOT_MODULES
        for module, name in imported_names(tree):
            target = target_layer(module, name)
            if target is not None and target not in allowed:
                wrong.append(f"{path} imports {module}{'.' + name if name else ''}")
    assert not wrong, "imports that run up the layers:\n" + "\n".join(wrong)


def test_nothing_but_the_factory_imports_the_web_layer():
    importers = [
        str(path)
        for layer, path, tree in modules()
        if layer != "web" and str(path) != "__init__.py"
        if any(target_layer(module, name) == "web" for module, name in imported_names(tree))
    ]
    assert importers == []


def test_only_the_web_layer_touches_the_request():
    wrong = [
        f"{path} imports flask.{name}"
        for layer, path, tree in modules()
        if layer != "web"
        for module, name in imported_names(tree)
        if module == "flask" and name in REQUEST_NAMES
    ]
    assert not wrong, "\n".join(wrong)


def test_the_evidence_imports_no_flask():
    wrong = [
        f"{path} imports {module}"
        for layer, path, tree in modules()
        if layer == "evidence"
        for module, _name in imported_names(tree)
        if module.split(".")[0] in {"flask", "flask_wtf", "werkzeug"}
    ]
    assert not wrong, "\n".join(wrong)


def test_the_rule_test_would_catch_an_upward_import():
    tree = ast.parse("from decision_aid.web import journey\nfrom flask import request\n")
    targets = [target_layer(module, name) for module, name in imported_names(tree)]
    assert targets == ["web", None]
    assert ("flask", "request") in set(imported_names(tree))


def test_no_test_module_imports_another_test_module_or_conftest():
    # Shared helpers live in tests/helpers.py and fixtures in tests/conftest.py, which pytest loads.
    forbidden = []
    for path in sorted(Path(__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                if name.startswith(("tests.test_", "tests.conftest")):
                    forbidden.append(f"{path.name}:{node.lineno} imports {name}")
    assert forbidden == []
