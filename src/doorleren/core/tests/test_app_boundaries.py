"""Apps talk to each other only through ``services`` and ``selectors`` (docs/architecture.md).

Allowed besides those: ``doorleren.core`` and ``doorleren.conf`` everywhere; another app's models in
an app's ``models.py`` (for foreign keys); imports only for type hints (under ``TYPE_CHECKING``);
tests and migrations; the shared vocabulary modules in ``VOCABULARY`` (fixed lists of words one app
owns and every app speaks, without models or logic). ``ALLOWED`` lists the few known exceptions, each
with its reason.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2]
# The apps this check covers. taxonomy, engine and demo are checked by their owners.
APPS = [
    "accounts",
    "audit",
    "budgets",
    "core",
    "learning",
    "matching",
    "opportunities",
    "organisations",
    "profiles",
    "region",
    "web",
    "fund",
    "enrolments",
    "placement",
    "monitoring",
    "workforce",
    "privacy",
    "tasks",
]
SHARED = {"core", "conf"}
PUBLIC = {"services", "selectors"}
# Module any app may import: reason.
VOCABULARY = {
    "doorleren.taxonomy.levels": "the one competency level scale 1-4 (CompetencyLevel), owned by the competency map",
}
# (file, imported module): reason.
ALLOWED = {
    ("accounts/selectors.py", "doorleren.organisations.models"): (
        "OrganisationKind values: which kinds of organisation can receive consent"
    ),
    ("opportunities/services.py", "doorleren.organisations.models"): (
        "OrganisationKind values: which kind of organisation may offer which kind of work"
    ),
}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST):
    """(line, module, names) of every import outside ``if TYPE_CHECKING:`` blocks."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.lineno, node.module, [alias.name for alias in node.names]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, []
        stack.extend(ast.iter_child_nodes(node))


def boundary_violations(app: str, relative: str, source: str) -> list[str]:
    found = []
    for line, module, names in _imports(ast.parse(source)):
        parts = module.split(".")
        if parts[0] != "doorleren" or len(parts) < 2 or parts[1] in {app, *SHARED}:
            continue
        if len(parts) == 2 and set(names) <= PUBLIC:
            continue  # from doorleren.x import selectors, services
        if len(parts) > 2 and parts[2] in PUBLIC:
            continue
        if parts[2:3] == ["models"] and relative.endswith("/models.py"):
            continue  # foreign keys
        if parts[1] == "engine":
            continue  # the pure engines (no Django) serve every app
        if module in VOCABULARY or (names and all(f"{module}.{name}" in VOCABULARY for name in names)):
            continue  # shared vocabulary
        if (relative, module) in ALLOWED:
            continue
        found.append(f"{relative}:{line} imports {module} {', '.join(names)}".rstrip())
    return found


def _app_files(app: str) -> list[Path]:
    return sorted(
        path
        for path in (SRC / app).rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts
    )


@pytest.mark.parametrize("app", APPS)
def test_app_uses_only_services_and_selectors_of_other_apps(app):
    problems = []
    for path in _app_files(app):
        relative = str(path.relative_to(SRC))
        problems += boundary_violations(app, relative, path.read_text(encoding="utf-8"))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("relative", "source"),
    [
        ("learning/selectors.py", "from doorleren.taxonomy.models import Competency\n"),
        ("learning/views.py", "import doorleren.profiles.forms\n"),
        ("learning/views.py", "from doorleren.accounts import models\n"),
        ("learning/views.py", "from doorleren.taxonomy import levels, models\n"),
        ("learning/services/x.py", "def f():\n    from doorleren.region.models import Municipality\n"),
    ],
)
def test_the_check_reports_a_model_or_module_import_from_another_app(relative, source):
    assert boundary_violations("learning", relative, source)


@pytest.mark.parametrize(
    ("relative", "source"),
    [
        ("learning/selectors.py", "from doorleren.taxonomy import selectors as t\n"),
        ("learning/selectors.py", "from doorleren.region.selectors import municipalities_current\n"),
        ("learning/models.py", "from doorleren.taxonomy.models import Competency\n"),
        (
            "learning/selectors.py",
            "if TYPE_CHECKING:\n    from doorleren.region.models import Municipality\n",
        ),
        ("learning/selectors.py", "from doorleren.core.errors import ApplicationError\n"),
        ("learning/views.py", "from doorleren.taxonomy.levels import CompetencyLevel\n"),
        ("learning/views.py", "from doorleren.taxonomy import levels\n"),
    ],
)
def test_the_check_allows_services_selectors_foreign_keys_type_hints_and_vocabulary(relative, source):
    assert boundary_violations("learning", relative, source) == []
