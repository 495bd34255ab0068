"""Workbench scenarios: every module quiz, every role-play case, each evaluation, and a vertical
per module holding its quiz and its role plays. Built from the course, so new content shows up."""

from xml.sax.saxutils import quoteattr

from . import content

Scenario = tuple[str, str]


def _quiz(quiz_id: str) -> str:
    return f"<lexom_quiz quiz_id={quoteattr(quiz_id)}/>"


def _roleplay(case_id: str) -> str:
    return f"<lexom_roleplay case_id={quoteattr(case_id)}/>"


def _provider() -> str:
    return content.course().provider.name


def quizzes() -> list[Scenario]:
    """Return a scenario per module quiz."""
    return [(f"{_provider()} : quiz {q.id}", _quiz(q.id)) for q in content.module_quizzes()]


def roleplays() -> list[Scenario]:
    """Return a scenario per role-play case."""
    return [
        (f"{_provider()} : jeu de rôles {c.id}", _roleplay(c.id))
        for c in content.course().roleplays
    ]


def evaluations() -> list[Scenario]:
    """Return a scenario per evaluation (positioning, hot, cold)."""
    return [
        (f"{_provider()} : évaluation {kind}", f"<lexom_evaluation kind={quoteattr(kind)}/>")
        for kind in content.course().evaluations
        if kind != "manager"  # sent by e-mail with the cold evaluation, not a block
    ]


def module_verticals() -> list[Scenario]:
    """Return a scenario per module: its quiz and its role plays, one under the other."""
    scenarios = []
    for module in content.course().modules:
        children = [_quiz(q.id) for q in module.quizzes]
        children += [_roleplay(c.id) for c in module.roleplays]
        xml = "<vertical_demo>\n  " + "\n  ".join(children) + "\n</vertical_demo>"
        scenarios.append((f"{_provider()} : module {module.id} — {module.title}", xml))
    return scenarios
