"""Where the services' edges are: no service imports Flask, views never commit, one unit of
work commits or rolls back, and the context is built the same way by every process."""

import ast
import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from lexom_learning.services import context
from lexom_learning.services.errors import Invalid
from lexom_learning.services.unit_of_work import unit_of_work
from lexom_learning.storage import AttestationAudit

PACKAGE = Path(__file__).resolve().parents[2] / "lexom_learning"


# Owned elsewhere this round (the live phone shortcut).
def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_no_service_imports_flask_or_flask_babel():
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in sorted((PACKAGE / "services").rglob("*.py"))
        if _imports(path) & {"flask", "flask_babel"}
    ]
    assert offenders == []


def _absolute_imports(source: str, package: tuple[str, ...]) -> set[str]:
    """Every name ``source`` imports, anywhere in it (function-level too), relative imports
    resolved against ``package``, the dotted parts of the file's own package."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else ()
            module = ".".join((*base, *filter(None, [node.module])))
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def _package_of(path: Path) -> tuple[str, ...]:
    return ("lexom_learning", *path.relative_to(PACKAGE).parent.parts)


def test_no_service_reaches_up_into_the_web_adapter():
    """Services sit below the web app: a service never imports ``lexom_learning.web``."""
    offenders = [
        f"{path.relative_to(PACKAGE)}: {name}"
        for path in sorted((PACKAGE / "services").rglob("*.py"))
        for name in sorted(_absolute_imports(path.read_text(), _package_of(path)))
        if name == "lexom_learning.web" or name.startswith("lexom_learning.web.")
    ]
    assert offenders == []


def test_the_import_scan_resolves_relative_and_nested_imports():
    """What the check above relies on: a function-level ``from ..web.x import y`` in a
    service, or ``from ... import web`` one package deeper, is seen as the web package."""
    source = "def f():\n    from ..web.evaluations.satisfaction import summary\n"
    services = ("lexom_learning", "services")
    assert _absolute_imports(source, services) == {
        "lexom_learning.web.evaluations.satisfaction.summary"
    }
    deeper = ("lexom_learning", "services", "privacy")
    assert _absolute_imports("from ... import web\n", deeper) == {"lexom_learning.web"}
    assert _absolute_imports("import lexom_learning.web.app\n", services) == {
        "lexom_learning.web.app"
    }
    assert _package_of(PACKAGE / "services" / "privacy" / "purge.py") == deeper


def test_no_view_commits():
    """Each use case commits in its service (one unit of work); a view only calls it."""
    commits = [
        f"{path.relative_to(PACKAGE)}:{number}"
        for path in sorted((PACKAGE / "web").rglob("*.py"))
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if re.search(r"\.commit\(", line)
    ]
    assert commits == []


def test_no_entry_point_closes_without_the_close_checks():
    """``sessions.close_session`` skips the close checks: only tests may call it."""
    callers = [
        str(path.relative_to(PACKAGE))
        for path in sorted(PACKAGE.rglob("*.py"))
        if "close_session(" in path.read_text().replace("def close_session(", "")
    ]
    assert callers == []


def test_a_unit_of_work_commits_on_success_and_rolls_back_on_error(session, training):
    def count() -> int:
        return session.scalar(select(func.count()).select_from(AttestationAudit))

    with pytest.raises(Invalid), unit_of_work(session):
        session.add(AttestationAudit(session_id=training.id, action="downloaded", actor="a"))
        session.flush()
        raise Invalid("refusé")
    assert count() == 0
    with unit_of_work(session):
        session.add(AttestationAudit(session_id=training.id, action="downloaded", actor="a"))
    session.rollback()
    assert count() == 1


def test_services_find_no_context_unless_a_process_installed_one():
    with pytest.raises(RuntimeError, match="No service context"):
        context.current()
    assert context.translate("Participant introuvable.") == "Participant introuvable."


def test_the_plain_process_translates_with_the_configured_catalogue(session, course):
    french = context.build({}, session, None)
    english = context.build({"LEXOM_LOCALE": "en"}, session, None)
    assert french.translator("Participant introuvable.") == "Participant introuvable."
    assert english.translator("Participant introuvable.") != "Participant introuvable."
    assert english.settings.base_url == context.DEV_BASE_URL


def test_an_installed_process_is_what_services_use(monkeypatch, ctx):
    monkeypatch.setitem(context._process, "provider", lambda: ctx)
    monkeypatch.setitem(context._process, "translator", str.upper)
    assert context.current() is ctx
    assert Invalid("refusé").message == "REFUSÉ"
