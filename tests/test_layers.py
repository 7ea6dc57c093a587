"""The apps' imports point one way (``.importlinter``, docs/architecture.md): the
contracts hold, no two modules import each other (even through others), and no
module imports one of ours inside a function to get round them."""

import ast
import pathlib
import subprocess
import sys

import grimp

ROOT = pathlib.Path(__file__).resolve().parent.parent
APPS = ("kcs_core", "ita_pages", "eservice_forms", "tips")

#: Imports of our modules made inside a function on purpose: the module needs an
#: optional dependency that a host may leave out.
OPTIONAL = {
    ("kcs_core/wagtail_hooks.py", "from kcs_core import second_factor_views"): (
        "django-otp"
    ),
    ("tips/anonymity.py", "from kcs_core.api import URL_NAMESPACE"): (
        "django-ninja (the api extra)"
    ),
}


def test_the_import_contracts_hold():
    lint_imports = pathlib.Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), "--no-cache", "--no-logo"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


def ours(statement: ast.Import | ast.ImportFrom) -> bool:
    if isinstance(statement, ast.ImportFrom):
        return bool(statement.level) or (statement.module or "").split(".")[0] in APPS
    return any(alias.name.split(".")[0] in APPS for alias in statement.names)


def test_no_module_imports_itself_through_others():
    """No import cycle between any two modules of the apps (grimp, import-linter's
    graph): the layer contracts name the main layers, this catches the rest."""
    graph = grimp.build_graph(*APPS, cache_dir=None)
    cycles = sorted(
        f"{module} -> {imported} -> … -> {module}"
        for module in graph.modules
        for imported in graph.find_modules_directly_imported_by(module)
        if graph.chain_exists(importer=imported, imported=module)
    )
    assert cycles == []


def imports_inside_functions(path: pathlib.Path) -> list[tuple[int, str]]:
    """(line, statement) of each import of one of our modules inside a function."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            found += [
                (inner.lineno, ast.unparse(inner))
                for inner in ast.walk(node)
                if isinstance(inner, ast.Import | ast.ImportFrom) and ours(inner)
            ]
    return found


def test_no_module_of_ours_is_imported_inside_a_function():
    """Outside ``AppConfig.ready()`` (which runs once the models are loaded)."""
    inside = [
        f"{path.relative_to(ROOT)}:{line}: {statement}"
        for app in APPS
        for path in sorted((ROOT / app).rglob("*.py"))
        if path.name != "apps.py" and "migrations" not in path.parts
        for line, statement in imports_inside_functions(path)
        if (str(path.relative_to(ROOT)), statement) not in OPTIONAL
    ]
    assert inside == []
