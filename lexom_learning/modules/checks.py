"""Cross-file rules: unique ids, known objectives, covered topics, resolvable reuses."""

from collections.abc import Iterator
from typing import TYPE_CHECKING

from . import forms
from .balance import key_balance
from .chart import chart_problems
from .deroule import check_deroule
from .problems import Problem, format_path
from .schema import QuestionRef
from .source import Document

if TYPE_CHECKING:
    from .loader import Parsed

Place = tuple[Document, tuple]


def run_all(parsed: "Parsed") -> list[Problem]:
    """Return every cross-file problem of a parsed course."""
    problems: list[Problem] = []
    for check in ERRORS:
        problems += check(parsed)
    return problems


def run_warnings(parsed: "Parsed") -> list[Problem]:
    """Return the problems that do not stop the course from loading (``WARNINGS``)."""
    problems: list[Problem] = []
    for check in WARNINGS:
        problems += check(parsed)
    return problems


def balanced_keys(parsed: "Parsed") -> list[Problem]:
    """Warn when a quiz's keys can be guessed (modules/balance.py gives the limits)."""
    problems = []
    containers = [(doc, q.questions) for q, doc in [*parsed.quizzes.values(), *parsed.live]]
    for evaluation, doc in parsed.evaluations.values():
        questions = [
            q
            for s in evaluation.sections
            if s.kind == "knowledge"
            for q in s.questions
            if not isinstance(q, QuestionRef)
        ]
        containers.append((doc, questions))
    for doc, questions in containers:
        for breach in key_balance(questions).breaches():
            problems.append(doc.problem(("id",), f"keys can be guessed: {breach}"))
    return problems


def deroule_present(parsed: "Parsed") -> list[Problem]:
    """Warn when the course has no déroulé pédagogique (``deroule.yaml``)."""
    if parsed.deroule is not None:
        return []
    return [Problem(parsed.course[1].file, None, "", "no deroule.yaml: the course has no déroulé")]


def _questions(parsed: "Parsed") -> Iterator[tuple[object, Place]]:
    """Yield every question definition (not reuses) with its place."""
    for quiz, doc in [*parsed.quizzes.values(), *parsed.live]:
        for i, question in enumerate(quiz.questions):
            yield question, (doc, ("questions", i))
    for evaluation, doc in parsed.evaluations.values():
        for s, section in enumerate(evaluation.sections):
            for i, question in enumerate(section.questions):
                if not isinstance(question, QuestionRef):
                    yield question, (doc, ("sections", s, "questions", i))


def _identified(parsed: "Parsed") -> Iterator[tuple[str, str, Place]]:
    """Yield (kind, id, place) for everything that carries a course-wide id."""
    course, course_doc = parsed.course
    for i, objective in enumerate(course.objectives):
        yield "objective", objective.id, (course_doc, ("objectives", i, "id"))
    for i, half_day in enumerate(course.half_days):
        yield "half-day", half_day.id, (course_doc, ("half_days", i, "id"))
    for module, doc in parsed.modules:
        yield "module", module.id, (doc, ("id",))
        for i, topic in enumerate(module.topics):
            yield "topic", topic.id, (doc, ("topics", i, "id"))
        for i, unit in enumerate(module.units):
            yield "unit", unit.id, (doc, ("units", i, "id"))
    for quiz, doc in [*parsed.quizzes.values(), *parsed.live]:
        yield "quiz", quiz.id, (doc, ("id",))
    for cases in parsed.roleplays.values():
        for case, doc in cases:
            yield "role play", case.id, (doc, ("id",))
    for evaluation, doc in parsed.evaluations.values():
        yield "evaluation", evaluation.id, (doc, ("id",))
        for s, section in enumerate(evaluation.sections):
            yield "section", section.id, (doc, ("sections", s, "id"))
    for question, (doc, loc) in _questions(parsed):
        yield "question", question.id, (doc, (*loc, "id"))


def unique_ids(parsed: "Parsed") -> list[Problem]:
    """Refuse an id used twice anywhere in the course."""
    first: dict[str, tuple[str, Place]] = {}
    problems = []
    for kind, item_id, (doc, loc) in _identified(parsed):
        if item_id in first:
            other_kind, (other_doc, other_loc) = first[item_id]
            line = other_doc.line_of(other_loc)
            where = f"{other_doc.file}:{line}" if line else other_doc.file
            problems.append(
                doc.problem(
                    loc, f"duplicate id {item_id!r} (already used by a {other_kind} at {where})"
                )
            )
        else:
            first[item_id] = (kind, (doc, loc))
    return problems


def known_objectives(parsed: "Parsed") -> list[Problem]:
    """Every objective reference names an objective of the course; graded items name one."""
    known = {o.id for o in parsed.course[0].objectives}
    problems = []

    def check(ids, doc: Document, loc: tuple) -> None:
        for i, objective_id in enumerate(ids):
            if objective_id not in known:
                problems.append(
                    doc.problem(
                        (*loc, i),
                        f"unknown objective {objective_id!r}; known: {', '.join(sorted(known))}",
                    )
                )

    for module, doc in parsed.modules:
        check(module.objectives, doc, ("objectives",))
    for question, (doc, loc) in _questions(parsed):
        check(question.objectives, doc, (*loc, "objectives"))
        if question.graded and not question.objectives:
            problems.append(doc.problem(loc, "a graded question must name at least one objective"))
    for cases in parsed.roleplays.values():
        for case, doc in cases:
            for c, criterion in enumerate(case.grid):
                check(criterion.objectives, doc, ("grid", c, "objectives"))
    return problems


def topics_covered(parsed: "Parsed") -> list[Problem]:
    """Each unit covers topics of its own module, and every topic is covered."""
    problems = []
    for module, doc in parsed.modules:
        topics = {t.id for t in module.topics}
        covered: set[str] = set()
        for u, unit in enumerate(module.units):
            for c, topic_id in enumerate(unit.covers):
                if topic_id not in topics:
                    problems.append(
                        doc.problem(
                            ("units", u, "covers", c),
                            f"unknown topic {topic_id!r} for module {module.id}",
                        )
                    )
                covered.add(topic_id)
        for t, topic in enumerate(module.topics):
            if topic.id not in covered:
                problems.append(
                    doc.problem(("topics", t), f"topic {topic.id!r} is covered by no unit")
                )
    return problems


def evaluation_refs(parsed: "Parsed") -> list[Problem]:
    """A reuse names a question defined in another evaluation."""
    defined: dict[str, str] = {}
    for evaluation, _ in parsed.evaluations.values():
        for section in evaluation.sections:
            for question in section.questions:
                if not isinstance(question, QuestionRef):
                    defined[question.id] = evaluation.id
    problems = []
    for evaluation, doc in parsed.evaluations.values():
        for s, section in enumerate(evaluation.sections):
            for i, question in enumerate(section.questions):
                if not isinstance(question, QuestionRef):
                    continue
                loc = ("sections", s, "questions", i, "ref")
                if question.ref not in defined:
                    problems.append(
                        doc.problem(loc, f"reuses {question.ref!r}, which no evaluation defines")
                    )
                elif defined[question.ref] == evaluation.id:
                    problems.append(
                        doc.problem(
                            loc,
                            f"{question.ref!r} is defined in this same "
                            "evaluation; reuse items of another one",
                        )
                    )
    return problems


def consistency(parsed: "Parsed") -> list[Problem]:
    """Days within the course, evaluation kinds matching their slot, cases in their module."""
    course, course_doc = parsed.course
    problems = []
    for i, half_day in enumerate(course.half_days):
        if half_day.day > course.days:
            problems.append(
                course_doc.problem(
                    ("half_days", i, "day"), f"day {half_day.day} is beyond the {course.days} days"
                )
            )
    for module, doc in parsed.modules:
        if module.day > course.days:
            problems.append(
                doc.problem(("day",), f"day {module.day} is beyond the {course.days} days")
            )
        for case, case_doc in parsed.roleplays.get(module.id, []):
            if case.module != module.id:
                problems.append(
                    case_doc.problem(
                        ("module",), f"the case is in the folder of {module.id}, not {case.module}"
                    )
                )
    for kind, (evaluation, doc) in parsed.evaluations.items():
        if evaluation.kind != kind:
            problems.append(
                doc.problem(
                    ("kind",),
                    f"this file is declared as the {kind} "
                    f"evaluation but says kind {evaluation.kind!r}",
                )
            )
    return problems


def charts_drawable(parsed: "Parsed") -> list[Problem]:
    """Refuse a ```chart block that cannot be drawn, at its line (units and every YAML text)."""
    problems = []
    for module, _ in parsed.modules:
        for unit in module.units:
            body = parsed.unit_bodies.get(unit.id, "")
            file = f"modules/{module.id}/{unit.file}"
            for line, message in chart_problems(body):
                problems.append(Problem(file, line + 1, "", message))
    documents = [parsed.course[1], *(d for _, d in parsed.modules)]
    documents += [d for _, d in [*parsed.quizzes.values(), *parsed.live]]
    documents += [d for _, d in parsed.evaluations.values()]
    documents += [d for cases in parsed.roleplays.values() for _, d in cases]
    for doc in documents:
        for loc, text in _texts(doc.data, ()):
            for line, message in chart_problems(text):
                start = doc.line_of(loc)  # a block scalar's text starts on the next line
                at = start + 1 + line if start else None
                problems.append(Problem(doc.file, at, format_path(loc), message))
    return problems


def _texts(data: object, loc: tuple) -> Iterator[tuple[tuple, str]]:
    """Yield (path, text) for every string of a YAML document that holds a chart block."""
    if isinstance(data, str) and "```chart" in data:
        yield loc, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _texts(value, (*loc, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _texts(value, (*loc, index))


ERRORS = (
    unique_ids,
    known_objectives,
    topics_covered,
    evaluation_refs,
    consistency,
    forms.evaluation_fields,
    forms.parallel_links,
    forms.fresh_numbers,
    forms.fresh_prompts,
    check_deroule,
    charts_drawable,
)
# Rules of a finished course's design: a course being written (or a test's minimal one) may
# break them, so they warn; the shipped course must raise no warning at all
# (tests/content/test_assessment_platform.py). ``balanced_keys``: the author decides.
DESIGN_WARNINGS = (
    forms.parallel_coverage,
    forms.proportional_draw,
    deroule_present,
)
WARNINGS = (balanced_keys, *DESIGN_WARNINGS)
