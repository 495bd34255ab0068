"""The déroulé pédagogique (``deroule.yaml``): its cross-file check (pure).

The file model is ``schema.DerouleFile``. Each half-day's sequences tile its hours
exactly, every unit, role play, module quiz, live set and room evaluation is placed once, and
each module's planned minutes equal the minutes of its sequences.
"""

from collections import Counter
from typing import TYPE_CHECKING

from .problems import Problem
from .schema import HalfDayPlan, minutes

if TYPE_CHECKING:
    from .loader import Parsed

# Evaluations that happen in the room and must be placed; cold is sent weeks later, the
# manager's questionnaire is not for the room either.
ROOM_EVALUATIONS = ("positioning", "hot")


def placeable(parsed: "Parsed") -> dict[str, str]:
    """Return ``{id: kind}`` of everything the déroulé must place exactly once."""
    found: dict[str, str] = {}
    for module, _ in parsed.modules:
        for unit in module.units:
            found[unit.id] = "unit"
    for cases in parsed.roleplays.values():
        for case, _ in cases:
            found[case.id] = "role play"
    for quiz, _ in parsed.quizzes.values():
        found[quiz.id] = "module quiz"
    for live, _ in parsed.live:
        found[live.id] = "live set"
    for kind in ROOM_EVALUATIONS:
        if kind in parsed.evaluations:
            found[parsed.evaluations[kind][0].id] = f"{kind} evaluation"
    return found


def check_deroule(parsed: "Parsed") -> list[Problem]:
    """Return the problems of the déroulé against the course (nothing without a déroulé)."""
    if parsed.deroule is None:
        return []
    deroule, doc = parsed.deroule
    course = parsed.course[0]
    problems: list[Problem] = []
    half_days = {h.id: h for h in course.half_days}
    seen_half_days: Counter[str] = Counter()
    placed: dict[str, tuple] = {}
    module_minutes: Counter[str] = Counter()
    modules = {m.id for m, _ in parsed.modules}
    objectives = {o.id for o in course.objectives}
    expected = placeable(parsed)
    for h, plan in enumerate(deroule.half_days):
        here = ("half_days", h)
        seen_half_days[plan.half_day] += 1
        slot = half_days.get(plan.half_day)
        if slot is None:
            problems.append(doc.problem((*here, "half_day"), f"unknown half-day {plan.half_day!r}"))
        else:
            problems += _slot_times(plan, slot, doc, here)
        problems += _tiling(plan, doc, here)
        for s, sequence in enumerate(plan.sequences):
            loc = (*here, "sequences", s)
            if sequence.module is not None:
                if sequence.module not in modules:
                    problems.append(
                        doc.problem((*loc, "module"), f"unknown module {sequence.module!r}")
                    )
                module_minutes[sequence.module] += sequence.minutes
            for o, objective in enumerate(sequence.objectives):
                if objective not in objectives:
                    problems.append(
                        doc.problem((*loc, "objectives", o), f"unknown objective {objective!r}")
                    )
            for i, item in enumerate(sequence.items):
                if item not in expected:
                    problems.append(
                        doc.problem(
                            (*loc, "items", i),
                            f"{item!r} is no unit, role play, module quiz, live set, "
                            "positioning or hot evaluation of the course",
                        )
                    )
                elif item in placed:
                    line = doc.line_of(placed[item])
                    problems.append(
                        doc.problem((*loc, "items", i), f"{item!r} is already placed (line {line})")
                    )
                else:
                    placed[item] = (*loc, "items", i)
    for half_day in course.half_days:
        if seen_half_days[half_day.id] != 1:
            problems.append(
                doc.problem(
                    ("half_days",),
                    f"half-day {half_day.id!r} appears {seen_half_days[half_day.id]} times "
                    "(expected once)",
                )
            )
    for item, kind in expected.items():
        if item not in placed:
            problems.append(doc.problem(("half_days",), f"the {kind} {item!r} is placed nowhere"))
    for module, module_doc in parsed.modules:
        if module_minutes[module.id] != module.minutes:
            problems.append(
                module_doc.problem(
                    ("minutes",),
                    f"module {module.id} plans {module.minutes} min but the déroulé gives it "
                    f"{module_minutes[module.id]} min",
                )
            )
    return problems


def _slot_times(plan: HalfDayPlan, slot, doc, here: tuple) -> list[Problem]:
    """When course.yaml gives the half-day's times, the déroulé keeps them."""
    problems = []
    for name in ("start", "end"):
        expected = getattr(slot, name, None)
        if expected is not None and str(expected)[:5] != getattr(plan, name):
            problems.append(
                doc.problem(
                    (*here, name),
                    f"{name} {getattr(plan, name)} differs from course.yaml's {expected} "
                    f"for {plan.half_day}",
                )
            )
    if getattr(slot, "hours", None) and abs(slot.hours * 60 - plan.minutes) > 0.5:
        problems.append(
            doc.problem(
                here,
                f"{plan.half_day} lasts {plan.minutes} min here but "
                f"{slot.hours:g} h in course.yaml",
            )
        )
    return problems


def _tiling(plan: HalfDayPlan, doc, here: tuple) -> list[Problem]:
    """The sequences follow each other from start to end, without gap or overlap."""
    problems = []
    cursor = plan.start
    for s, sequence in enumerate(plan.sequences):
        loc = (*here, "sequences", s, "start")
        if sequence.start != cursor:
            gap = minutes(sequence.start) - minutes(cursor)
            what = f"a gap of {gap} min" if gap > 0 else f"an overlap of {-gap} min"
            problems.append(doc.problem(loc, f"starts at {sequence.start}: {what} after {cursor}"))
        cursor = sequence.end
    if cursor != plan.end:
        problems.append(
            doc.problem(
                (*here, "end"), f"the last sequence ends at {cursor}, the half-day at {plan.end}"
            )
        )
    return problems


def item_label(course, item_id: str) -> str:
    """Return what a placed item is called (« Séquence : … », « Jeu de rôle : … »), in French."""
    unit = course.unit(item_id)
    if unit is not None:
        return f"Séquence « {unit.title} »"
    case = course.roleplay(item_id)
    if case is not None:
        return f"Jeu de rôle « {case.title} » ({case.minutes} min)"
    quiz = course.quiz(item_id)
    if quiz is not None:
        return f"{quiz.title} ({len(quiz.questions)} questions)"
    for evaluation in course.evaluations.values():
        if evaluation.id == item_id:
            return f"{evaluation.title} ({len(evaluation.questions)} items)"
    return item_id


def unit_notes(course, sequence) -> list[tuple[str, str]]:
    """Return (unit title, Markdown notes) of the units placed in a sequence that have notes."""
    found = []
    for item_id in sequence.items:
        unit = course.unit(item_id)
        if unit is not None and unit.notes.strip():
            found.append((unit.title, unit.notes))
    return found
