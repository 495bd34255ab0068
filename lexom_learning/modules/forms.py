"""Rules that make evaluations measure: parallel forms, fresh data, fair drawing (pure).

- ``parallel_of`` links a hot item to the positioning item it parallels, and a cold item to a
  hot one: the target is a knowledge item of that evaluation, with the same objectives and type.
- No evaluation item reuses the figures of a unit's worked example (« Exemple chiffré ») or
  exercise (« À vous »): a prompt is refused when it shares 2 or more *distinctive* numbers
  with one such section and they make at least half of its own distinctive numbers (a
  dashboard of 15 figures may meet two round numbers of an example by chance; a prompt built
  on an example's data shares most of its figures). Distinctive: at least 100 or with
  decimals, 100 itself (the base of percentages and indices) and years 1900–2100 aside
  (« 2 », « 15 % » and « 2026 » recur everywhere; « 1 380 000 » or « 26,7 » identify an
  example).
- No evaluation item copies a module-quiz prompt (texts compared accents, case, punctuation and
  spaces aside; a similarity ratio of 0.9 or more, or the same first 8 words, is a copy).
- The hot test draws its knowledge items from every module in proportion to the module's time
  (each module within one item of its share), and at least 4 of them show a dashboard to read
  (a Markdown table in the prompt).
"""

import re
import unicodedata
from collections import Counter
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from .problems import Problem
from .schema import QuestionRef, defined_questions

if TYPE_CHECKING:
    from .loader import Parsed

PREVIOUS = {"hot": "positioning", "cold": "hot"}
SHARED_NUMBERS_MAX = 1
SIMILARITY_MIN = 0.9
SAME_OPENING = 8
DASHBOARDS_MIN = 4
_NUMBER = re.compile(
    r"(?<![\w,.])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?|(?<![\w,.])\d+(?:[.,]\d+)?"
)
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*$", re.MULTILINE)
_HEADING = re.compile(r"^(#{2,6})\s+(.*)$", re.MULTILINE)
_STUDIED = ("exemple", "a vous")


def distinctive_numbers(text: str) -> set[Decimal]:
    """Return the numbers of a text that identify a worked example (≥ 100 or decimal, no year)."""
    found = set()
    for match in _NUMBER.finditer(text):
        raw = re.sub(r"[ \u00a0\u202f]", "", match.group()).replace(",", ".")
        try:
            value = Decimal(raw)
        except InvalidOperation:
            continue
        decimal = value != value.to_integral_value()
        if value == 100:
            continue
        if decimal or (value >= 100 and not (1900 <= value <= 2100 and "." not in raw)):
            found.add(value.normalize())
    return found


def _bare(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w%€]+", " ", text).split())


def studied_sections(markdown: str) -> list[tuple[str, str]]:
    """Return (heading, text) of a unit's « Exemple chiffré » and « À vous » sections."""
    headings = list(_HEADING.finditer(markdown))
    sections = []
    for i, heading in enumerate(headings):
        title = _bare(heading.group(2))
        if not title.startswith(_STUDIED):
            continue
        level = len(heading.group(1))
        end = next(
            (h.start() for h in headings[i + 1 :] if len(h.group(1)) <= level), len(markdown)
        )
        sections.append((heading.group(2).strip(), markdown[heading.end() : end]))
    return sections


def has_dashboard(question) -> bool:
    """Say whether a question shows a dashboard to read (a Markdown table in its prompt)."""
    return bool(_TABLE_RULE.search(question.prompt))


def _knowledge(parsed: "Parsed", kind: str):
    """Yield (question, (doc, loc)) of an evaluation's knowledge items defined in it."""
    if kind not in parsed.evaluations:
        return
    evaluation, doc = parsed.evaluations[kind]
    for s, section in enumerate(evaluation.sections):
        if section.kind != "knowledge":
            continue
        for i, question in enumerate(section.questions):
            if not isinstance(question, QuestionRef):
                yield question, (doc, ("sections", s, "questions", i))


def _knowledge_ids(parsed: "Parsed", kind: str) -> dict[str, object]:
    """Return ``{id: question}`` of an evaluation's knowledge items, reuses resolved."""
    if kind not in parsed.evaluations:
        return {}
    defined = defined_questions(e for e, _ in parsed.evaluations.values())
    evaluation = parsed.evaluations[kind][0]
    found = {}
    for section in evaluation.sections:
        if section.kind == "knowledge":
            for q in section.questions:
                ref = q.ref if isinstance(q, QuestionRef) else q.id
                if ref in defined:
                    found[ref] = defined[ref]
    return found


def evaluation_fields(parsed: "Parsed") -> list[Problem]:
    """``parallel_of`` and ``module`` belong to evaluation items; ``module`` names a module."""
    problems = []
    modules = {m.id for m, _ in parsed.modules}
    for quiz, doc in [*parsed.quizzes.values(), *parsed.live]:
        for i, question in enumerate(quiz.questions):
            for name in ("parallel_of", "module"):
                if getattr(question, name) is not None:
                    problems.append(
                        doc.problem(("questions", i, name), f"{name} is for evaluation items")
                    )
    for kind in parsed.evaluations:
        for question, (doc, loc) in _knowledge(parsed, kind):
            if question.module is not None and question.module not in modules:
                problems.append(
                    doc.problem((*loc, "module"), f"unknown module {question.module!r}")
                )
    return problems


def parallel_links(parsed: "Parsed") -> list[Problem]:
    """A ``parallel_of`` names a knowledge item of the previous evaluation, same objectives
    and type."""
    problems = []
    for kind in parsed.evaluations:
        evaluation, doc = parsed.evaluations[kind]
        for s, section in enumerate(evaluation.sections):
            for i, question in enumerate(section.questions):
                if isinstance(question, QuestionRef) or question.parallel_of is None:
                    continue
                loc = ("sections", s, "questions", i, "parallel_of")
                previous = PREVIOUS.get(kind)
                if previous is None or section.kind != "knowledge":
                    problems.append(
                        doc.problem(loc, "only knowledge items of the hot and cold tests parallel")
                    )
                    continue
                target = _knowledge_ids(parsed, previous).get(question.parallel_of)
                if target is None:
                    problems.append(
                        doc.problem(
                            loc,
                            f"{question.parallel_of!r} is no knowledge item of the {previous} "
                            "evaluation",
                        )
                    )
                    continue
                if set(target.objectives) != set(question.objectives):
                    problems.append(
                        doc.problem(
                            loc,
                            f"objectives {sorted(question.objectives)} differ from "
                            f"{target.id}'s {sorted(target.objectives)}",
                        )
                    )
                if target.type != question.type:
                    problems.append(
                        doc.problem(
                            loc, f"type {question.type} differs from {target.id}'s {target.type}"
                        )
                    )
                if _similar(target.prompt, question.prompt):
                    problems.append(
                        doc.problem(
                            loc, f"the prompt copies {target.id}'s: give new data and context"
                        )
                    )
    return problems


def parallel_coverage(parsed: "Parsed") -> list[Problem]:
    """Each positioning knowledge item has exactly one hot parallel."""
    if "hot" not in parsed.evaluations or "positioning" not in parsed.evaluations:
        return []
    links = Counter(q.parallel_of for q, _ in _knowledge(parsed, "hot") if q.parallel_of)
    problems = []
    for question, (doc, loc) in _knowledge(parsed, "positioning"):
        if links[question.id] != 1:
            problems.append(
                doc.problem(
                    (*loc, "id"),
                    f"{question.id} has {links[question.id]} parallel items in the hot test "
                    "(expected exactly one, with parallel_of)",
                )
            )
    return problems


def fresh_numbers(parsed: "Parsed") -> list[Problem]:
    """No evaluation item reuses the figures of a unit's worked example or exercise."""
    sections = []
    for module, _ in parsed.modules:
        for unit in module.units:
            for heading, text in studied_sections(parsed.unit_bodies.get(unit.id, "")):
                numbers = distinctive_numbers(text)
                if len(numbers) > SHARED_NUMBERS_MAX:
                    sections.append((unit.id, heading, numbers))
    problems = []
    for kind in parsed.evaluations:
        for question, (doc, loc) in _knowledge(parsed, kind):
            mine = distinctive_numbers(question.prompt)
            for unit_id, heading, numbers in sections:
                shared = mine & numbers
                if len(shared) > SHARED_NUMBERS_MAX and 2 * len(shared) >= len(mine):
                    shown = ", ".join(sorted(format(n, "f") for n in shared))
                    problems.append(
                        doc.problem(
                            (*loc, "prompt"),
                            f"reuses the figures of {unit_id} « {heading} » ({shown}): "
                            "give the evaluation its own data",
                        )
                    )
                    break
    return problems


def _similar(a: str, b: str) -> bool:
    """Say whether two prompts are copies: equal or 90 % alike once normalised, or opening
    with the same 8 words."""
    return _alike(_bare(a), _bare(b))


def _alike(a: str, b: str) -> bool:
    if a == b:
        return True
    opening_a, opening_b = a.split()[:SAME_OPENING], b.split()[:SAME_OPENING]
    if len(opening_a) == SAME_OPENING and opening_a == opening_b:
        return True
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return (
        matcher.real_quick_ratio() >= SIMILARITY_MIN
        and matcher.quick_ratio() >= SIMILARITY_MIN
        and matcher.ratio() >= SIMILARITY_MIN
    )


def fresh_prompts(parsed: "Parsed") -> list[Problem]:
    """No evaluation item copies (or nearly copies) the prompt of a module-quiz item."""
    quiz_items = [
        (q, _bare(q.prompt)) for quiz, _ in parsed.quizzes.values() for q in quiz.questions
    ]
    problems = []
    for kind in parsed.evaluations:
        for question, (doc, loc) in _knowledge(parsed, kind):
            mine = _bare(question.prompt)
            copied = next((q for q, bare in quiz_items if _alike(bare, mine)), None)
            if copied is not None:
                problems.append(
                    doc.problem(
                        (*loc, "prompt"),
                        f"copies the prompt of module-quiz item {copied.id}: write a new one",
                    )
                )
    return problems


def proportional_draw(parsed: "Parsed") -> list[Problem]:
    """The hot test's knowledge items come from every module in proportion to its minutes."""
    if "hot" not in parsed.evaluations:
        return []
    evaluation, doc = parsed.evaluations["hot"]
    items = list(_knowledge_ids(parsed, "hot").values())
    problems = []
    unplaced = [q.id for q in items if q.module is None]
    if unplaced:
        problems.append(
            doc.problem(
                ("sections",),
                f"{len(unplaced)} knowledge items name no module (module: mX): "
                + ", ".join(unplaced[:8])
                + ("…" if len(unplaced) > 8 else ""),
            )
        )
    counts = Counter(q.module for q in items if q.module)
    total_minutes = sum(m.minutes for m, _ in parsed.modules) or 1
    placed = sum(counts.values())
    for module, _ in parsed.modules:
        expected = placed * module.minutes / total_minutes
        if placed and abs(counts[module.id] - expected) > 1:
            problems.append(
                doc.problem(
                    ("sections",),
                    f"{counts[module.id]} knowledge items assess {module.id}; its "
                    f"{module.minutes} min call for {expected:.1f} (± 1)",
                )
            )
    dashboards = sum(1 for q in items if has_dashboard(q))
    if dashboards < DASHBOARDS_MIN:
        problems.append(
            doc.problem(
                ("sections",),
                f"{dashboards} knowledge items show a dashboard to read (a Markdown table in "
                f"the prompt); at least {DASHBOARDS_MIN} expected",
            )
        )
    return problems
