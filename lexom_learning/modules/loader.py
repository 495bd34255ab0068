"""Load a course folder: parse every file, validate it, cross-check it, build the Course.

Every problem is collected and reported together (``ContentError.problems``), each with its
file, line and path inside the document.
"""

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..quizzes.registry import known_types
from . import checks
from .course import Course, Evaluation, LiveQuiz, Module, Quiz, RolePlayCase, Section, Unit
from .problems import ContentError, Problem
from .schema import (
    CourseFile,
    DerouleFile,
    EvaluationFile,
    LiveQuizFile,
    ModuleFile,
    QuestionRef,
    QuizFile,
    RolePlayFile,
    defined_questions,
)
from .source import Document, SourceError, load_yaml, read_text


@dataclass
class Parsed:
    """Everything read from a course folder, each model beside the document it came from."""

    course: tuple[CourseFile, Document]
    modules: list[tuple[ModuleFile, Document]] = field(default_factory=list)
    unit_bodies: dict[str, str] = field(default_factory=dict)
    quizzes: dict[str, tuple[QuizFile, Document]] = field(default_factory=dict)
    roleplays: dict[str, list[tuple[RolePlayFile, Document]]] = field(default_factory=dict)
    live: list[tuple[LiveQuizFile, Document]] = field(default_factory=list)
    evaluations: dict[str, tuple[EvaluationFile, Document]] = field(default_factory=dict)
    deroule: tuple[DerouleFile, Document] | None = None


DEROULE_FILE = "deroule.yaml"


def load_course(root: str | Path) -> Course:
    """Read, validate and assemble the course in ``root``.

    :raises ContentError: listing every problem found.
    """
    return check_course(root, warnings=False)[0]


def check_course(root: str | Path, warnings: bool = True) -> tuple[Course, list[Problem]]:
    """Read, validate and assemble the course in ``root``; return it with its warnings.

    Warnings (``checks.WARNINGS``) do not stop the course from loading; ``warnings=False``
    skips them (the app loading its content).

    :raises ContentError: listing every error found.
    """
    root = Path(root)
    problems: list[Problem] = []
    if not (root / "course.yaml").is_file():
        raise ContentError([Problem(str(root), None, "", "no course.yaml in this folder")])
    course = _parse(root, "course.yaml", CourseFile, problems)
    if course is None:
        raise ContentError(problems)
    parsed = Parsed(course=course)
    _read_modules(root, parsed, problems)
    course_doc = course[1]
    for index, rel in enumerate(course[0].live_quizzes):
        live = _parse(root, rel, LiveQuizFile, problems, (course_doc, ("live_quizzes", index)))
        if live:
            parsed.live.append(live)
    for kind in ("positioning", "hot", "cold", "manager"):
        rel = getattr(course[0].evaluations, kind)
        if rel is None:
            continue
        evaluation = _parse(
            root, rel, EvaluationFile, problems, (course_doc, ("evaluations", kind))
        )
        if evaluation:
            parsed.evaluations[kind] = evaluation
    if (root / DEROULE_FILE).is_file():
        parsed.deroule = _parse(root, DEROULE_FILE, DerouleFile, problems)
    problems += checks.run_all(parsed)
    if problems:
        raise ContentError(problems)
    found = checks.run_warnings(parsed) if warnings else []
    found = sorted(set(found), key=lambda p: (p.file, p.line or 0, p.path, p.message))
    return _assemble(parsed, content_version(root)), found


def content_version(root: Path) -> str:
    """Return the SHA-256 of every file of the course (names and bytes), in a stable order."""
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def _read_modules(root: Path, parsed: Parsed, problems: list[Problem]) -> None:
    for module_id in parsed.course[0].modules:
        folder = f"modules/{module_id}"
        module = _parse(
            root,
            f"{folder}/module.yaml",
            ModuleFile,
            problems,
            (parsed.course[1], ("modules", parsed.course[0].modules.index(module_id))),
        )
        if module is None:
            continue
        model, document = module
        if model.id != module_id:
            problems.append(
                document.problem(
                    ("id",),
                    f"id {model.id!r} differs from the folder "
                    f"name {module_id!r} listed in course.yaml",
                )
            )
        parsed.modules.append(module)
        for index, unit in enumerate(model.units):
            if not (root / folder / unit.file).is_file():
                problems.append(
                    document.problem(
                        ("units", index, "file"), f"file not found: {folder}/{unit.file}"
                    )
                )
                continue
            try:
                body = read_text(root / folder / unit.file, f"{folder}/{unit.file}")
            except SourceError as error:
                problems.append(error.problem)
                continue
            if not body.strip():
                problems.append(
                    document.problem(("units", index, "file"), "the unit file is empty")
                )
            parsed.unit_bodies[unit.id] = body
        if (root / folder / "quiz.yaml").is_file():
            quiz = _parse(root, f"{folder}/quiz.yaml", QuizFile, problems)
            if quiz:
                parsed.quizzes[model.id] = quiz
        cases = []
        for path in sorted((root / folder / "roleplays").glob("*.yaml")):
            case = _parse(root, f"{folder}/roleplays/{path.name}", RolePlayFile, problems)
            if case:
                cases.append(case)
        parsed.roleplays[model.id] = cases


def _parse(
    root: Path,
    rel: str,
    model: type[BaseModel],
    problems: list[Problem],
    listed_at: tuple[Document, tuple] | None = None,
):
    """Return (model instance, document) or None after recording the problems.

    ``listed_at`` is where another file names this one: a missing file is reported there.
    """
    if listed_at and not (root / rel).is_file():
        document, loc = listed_at
        problems.append(document.problem(loc, f"file not found: {rel}"))
        return None
    try:
        document = load_yaml(root / rel, rel)
    except SourceError as error:
        problems.append(error.problem)
        return None
    if not isinstance(document.data, dict):
        problems.append(Problem(rel, 1, "", "expected a mapping of fields at the top level"))
        return None
    try:
        return model.model_validate(document.data), document
    except ValidationError as error:
        problems.extend(_validation_problems(error, document))
        return None


_TAGS = {*known_types(), "ref"}


def _validation_problems(error: ValidationError, document: Document) -> list[Problem]:
    problems = []
    for item in error.errors(include_url=False):
        loc = _clean_loc(item["loc"])
        problems.append(document.problem(loc, _message(item)))
    return problems


def _clean_loc(loc: tuple) -> tuple:
    """Drop the union tags pydantic inserts (``questions.3.numeric.answer``)."""
    cleaned: list[Any] = []
    for part in loc:
        if isinstance(part, str) and cleaned and isinstance(cleaned[-1], int) and part in _TAGS:
            continue
        if isinstance(part, str) and part.startswith("function-"):
            continue
        cleaned.append(part)
    return tuple(cleaned)


def _message(item: dict) -> str:
    kind = item["type"]
    if kind == "union_tag_invalid":
        tag = item.get("ctx", {}).get("tag")
        return f"unknown question type {tag!r}; known types: {', '.join(known_types())}"
    if kind == "union_tag_not_found":
        return "missing field 'type' (or 'ref' to reuse a question)"
    if kind == "missing":
        return "missing required field"
    if kind == "too_short":
        return f"must hold at least {item.get('ctx', {}).get('min_length', 1)} item(s)"
    if kind == "extra_forbidden":
        return "unknown field (check its spelling against docs/content-format.md)"
    message = item["msg"]
    return message.removeprefix("Value error, ")


def _assemble(parsed: Parsed, version: str) -> Course:
    course_file, _ = parsed.course
    modules = []
    for model, _ in parsed.modules:
        units = [
            Unit(**u.model_dump(), module=model.id, body_markdown=parsed.unit_bodies[u.id])
            for u in model.units
        ]
        quizzes = []
        if model.id in parsed.quizzes:
            quiz_file = parsed.quizzes[model.id][0]
            quizzes.append(Quiz(**_fields(quiz_file), module=model.id))
        cases = [RolePlayCase(**_fields(case)) for case, _ in parsed.roleplays.get(model.id, [])]
        modules.append(
            Module(**{**_fields(model), "units": units}, quizzes=quizzes, roleplays=cases)
        )
    live = [LiveQuiz(**_fields(q)) for q, _ in parsed.live]
    return Course(
        **{
            **_fields(course_file),
            "modules": modules,
            "live_quizzes": live,
            "evaluations": _resolve_evaluations(parsed),
            "deroule": parsed.deroule[0] if parsed.deroule else None,
        },
        version=version,
    )


def _fields(model: BaseModel) -> dict[str, Any]:
    """Return a model's fields as they are (nested models kept, not dumped)."""
    return {name: getattr(model, name) for name in type(model).model_fields}


def _resolve_evaluations(parsed: Parsed) -> dict[str, Evaluation]:
    defined = defined_questions(e for e, _ in parsed.evaluations.values())
    resolved = {}
    for kind, (evaluation, _) in parsed.evaluations.items():
        sections = [
            Section(
                id=s.id,
                kind=s.kind,
                title=s.title,
                intro=s.intro,
                questions=[
                    defined[q.ref] if isinstance(q, QuestionRef) else q for q in s.questions
                ],
                reused=[q.ref for q in s.questions if isinstance(q, QuestionRef)],
            )
            for s in evaluation.sections
        ]
        resolved[kind] = Evaluation(
            id=evaluation.id,
            kind=evaluation.kind,
            title=evaluation.title,
            intro=evaluation.intro,
            sections=sections,
        )
    return resolved
