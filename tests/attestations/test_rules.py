"""The pure rules: issuing rule, which half-days count, the open half-day, signature parsing."""

from datetime import date, datetime

import pytest

from lexom_learning.attestations.attendance import current_slot, day_date, slot_states, totals
from lexom_learning.attestations.numbering import format_number, looks_like_number, prefix_for
from lexom_learning.attestations.rule import Facts, RuleError, parse_rule
from lexom_learning.attestations.schedule import PARIS, build_schedule
from lexom_learning.services.attendance import parse_signature
from lexom_learning.services.errors import Invalid

START, END = date(2026, 12, 3), date(2026, 12, 4)


@pytest.mark.parametrize(
    "facts, holds",
    [
        (Facts(True, 1, 3.5), True),
        (Facts(True, 0, 0.0), False),
        (Facts(False, 4, 14.0), False),
    ],
)
def test_the_course_rule(course, facts, holds):
    assert parse_rule(course.attestation.rule).holds(facts) is holds


def test_rules_with_hours_and_unknown_clauses():
    rule = parse_rule("session_closed and hours_attended >= 7")
    assert rule.holds(Facts(True, 2, 7.0)) and not rule.holds(Facts(True, 1, 3.5))
    with pytest.raises(RuleError):
        parse_rule("session_closed or half_days_attended >= 1")


def states(course, acts):
    return slot_states(build_schedule(course.half_days, course.days, START, END), acts)


def test_a_half_day_counts_when_countersigned_or_on_paper(course):
    result = states(
        course,
        [
            ("d1-am", "participant", "typed"),
            ("d1-am", "countersign", "countersign"),
            ("d1-pm", "participant", "drawn_png"),
            ("d2-am", "paper", "paper"),
        ],
    )
    assert [s.status for s in result] == ["attended", "awaiting_countersign", "attended", "missing"]
    assert totals(result) == (2, 7.0)
    assert [s.on for s in result] == [START, START, END, END]


def test_a_countersignature_alone_does_not_count(course):
    assert totals(states(course, [("d1-am", "countersign", "countersign")])) == (0, 0.0)


@pytest.mark.parametrize(
    "moment, slot",
    [
        (datetime(2026, 12, 3, 0, 0), None),
        (datetime(2026, 12, 3, 8, 44), None),
        (datetime(2026, 12, 3, 8, 45), "d1-am"),
        (datetime(2026, 12, 3, 12, 30), "d1-am"),
        (datetime(2026, 12, 3, 12, 31), None),
        (datetime(2026, 12, 3, 13, 15), "d1-pm"),
        (datetime(2026, 12, 4, 9, 0), "d2-am"),
        (datetime(2026, 12, 4, 17, 0), "d2-pm"),
        (datetime(2026, 12, 4, 18, 0), None),
        (datetime(2026, 12, 5, 9, 0), None),
    ],
)
def test_the_open_half_day_follows_the_clock(course, moment, slot):
    slots = build_schedule(course.half_days, course.days, START, END)
    found = current_slot(slots, moment.replace(tzinfo=PARIS))
    assert (found.id if found else None) == slot


def test_the_last_day_is_the_end_date_even_a_week_later(course):
    assert day_date(2, 2, START, date(2026, 12, 10)) == date(2026, 12, 10)


def test_signatures_drawn_typed_or_refused():
    png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    assert parse_signature(png) == ("drawn_png", png)
    assert parse_signature("M10 10 L20 20 Z")[0] == "drawn_svg"
    assert parse_signature("  Marie   Curie ") == ("typed", "Marie Curie")
    for bad in (
        "",
        "data:image/svg+xml;base64,AAAA",
        "data:image/png;base64,@@@",
        "data:image/png;base64,AAAA",
        "x" * 200_000,
    ):
        with pytest.raises(Invalid):
            parse_signature(bad)


def test_numbers():
    number = format_number(prefix_for("MRK-STRA-05", 2026), 42)
    assert number == "MRK-STRA-05-2026-00042" and looks_like_number(number)
    assert not looks_like_number("../../etc") and not looks_like_number("MRK-2026-1")


def test_documents_and_xapi_stay_pure():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import lexom_learning.attestations.attendance, lexom_learning.attestations.snapshot\n"
        "import lexom_learning.completion.xapi, lexom_learning.documents.attestation\n"
        "import lexom_learning.documents.certificate, lexom_learning.documents.archive\n"
        "import lexom_learning.documents.register\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'flask', 'sqlalchemy', 'flask_sqlalchemy', 'werkzeug'}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
