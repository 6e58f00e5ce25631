"""The layers stay apart (issue 13, "keep the layers clean"): the CLI parses arguments and formats
output, and does each command's work by calling ``tracker.api``; the library reads the shipped
sample and a user's log through one interface; no module imports another's private names."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "tracker"

# What the CLI leaves to tracker.api: the event model, the store, the date tagger, ingest and
# the registry changes.
NOT_FOR_THE_CLI = ("tracker.model", "tracker.store", "tracker.temporal", "tracker.ingest", "tracker.curation",
                   "tracker.rejections", "tracker.registry")


def imports(path: Path):
    """(module, names) for every import statement of a file, at any depth."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            yield node.module, [alias.name for alias in node.names]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, []


def called_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.func.id for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}


def test_the_cli_leaves_models_store_and_tagger_to_the_api():
    cli = PACKAGE / "cli.py"
    wrong = [module for module, _ in imports(cli) if module.startswith(NOT_FOR_THE_CLI)]
    assert wrong == []
    assert not called_names(cli) & {"Event", "Source", "PartialDate", "EventLog", "Registry", "tag"}


def test_the_api_does_not_tell_the_shipped_sample_from_a_user_log_by_its_class():
    tree = ast.parse((PACKAGE / "api.py").read_text(encoding="utf-8"))
    checks = [
        ast.unparse(node)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "isinstance"
    ]
    assert not [check for check in checks if "Log" in check]
    assert "ShippedLog" not in {name for _, names in imports(PACKAGE / "api.py") for name in names}


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("*.py")) + sorted((PACKAGE / "store").glob("*.py")),
                         ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_private_name_is_imported_from_another_module(path):
    private = [
        f"{module}.{name}"
        for module, names in imports(path)
        if module.startswith("tracker")
        for name in names
        if name.startswith("_") and not name.startswith("__")
    ]
    assert private == []


def test_the_bulk_import_does_not_import_the_log_it_is_called_from():
    assert "tracker.store.log" not in {module for module, _ in imports(PACKAGE / "store" / "bulk.py")}


def test_the_api_reaches_the_store_through_its_package_only():
    """tracker.store's package names what the library may use; its modules are its own business."""
    inside = [module for module, _ in imports(PACKAGE / "api.py") if module.startswith("tracker.store.")]
    assert inside == []
