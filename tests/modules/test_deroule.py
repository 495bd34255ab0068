"""The déroulé pédagogique: sequences tile each half-day, everything is placed once, module
minutes add up; a problem names the file, line and path."""

from types import SimpleNamespace

import pytest

from lexom_learning.modules import load_course
from lexom_learning.modules.deroule import _slot_times
from lexom_learning.modules.loader import check_course
from lexom_learning.modules.schema import HalfDayPlan
from lexom_learning.modules.source import Document
from tests.modules.test_loader_errors import edit, problems_of

DEROULE = """\
half_days:
  - half_day: d1-am
    start: "09:00"
    end: "12:30"
    sequences:
      - {start: "09:00", end: "09:30", title: Accueil et positionnement, items: [positioning],
         grouping: individuel, method: "Questionnaire individuel", materials: Smartphones}
      - {start: "09:30", end: "10:30", title: Les indicateurs, module: m1, objectives: [obj-1],
         items: [m1-u1, m1-quiz], notes: "Partir d'un **exemple** de la salle."}
      - {start: "10:30", end: "10:45", title: Pause}
      - {start: "10:45", end: "12:30", title: Mise en situation, items: [live-day1, rp-m1-revue],
         grouping: binomes}
  - half_day: d1-pm
    start: "13:30"
    end: "17:00"
    sequences:
      - {start: "13:30", end: "16:30", title: Atelier}
      - {start: "16:30", end: "17:00", title: Évaluation à chaud, items: [hot]}
"""


@pytest.fixture
def planned(minimal_copy):
    (minimal_copy / "deroule.yaml").write_text(DEROULE, encoding="utf-8")
    return minimal_copy


def messages(root) -> list[str]:
    return [p.split(": ", 1)[1] if ": " in p else p for p in problems_of(root)]


def test_a_complete_deroule_loads(planned):
    course, warnings = check_course(planned)
    assert [h.half_day for h in course.deroule.half_days] == ["d1-am", "d1-pm"]
    assert course.deroule.half_days[0].sequences[1].minutes == 60
    assert course.deroule.half_days[0].sequences[2].is_pause
    assert not any("déroulé" in w.message for w in warnings)


def test_without_a_deroule_the_check_warns(minimal_copy):
    _, warnings = check_course(minimal_copy)
    assert "no deroule.yaml: the course has no déroulé" in [w.message for w in warnings]


def test_a_gap_and_an_overlap_are_refused(planned):
    edit(planned / "deroule.yaml", '{start: "10:30", end: "10:45"', '{start: "10:35", end: "10:45"')
    edit(planned / "deroule.yaml", '{start: "16:30", end: "17:00"', '{start: "16:20", end: "17:00"')
    problems = problems_of(planned)
    assert (
        "deroule.yaml:10 half_days[0].sequences[2].start: starts at 10:35: a gap of 5 min after 10:30"
        in problems
    )
    assert (
        "deroule.yaml:18 half_days[1].sequences[1].start: starts at 16:20: an overlap of 10 min after 16:30"
        in problems
    )


def test_the_last_sequence_must_end_with_the_half_day(planned):
    edit(planned / "deroule.yaml", '{start: "16:30", end: "17:00"', '{start: "16:30", end: "16:50"')
    assert "the last sequence ends at 16:50, the half-day at 17:00" in messages(planned)


def test_an_item_placed_twice_or_nowhere(planned):
    edit(planned / "deroule.yaml", "items: [live-day1, rp-m1-revue]", "items: [live-day1, m1-u1]")
    found = messages(planned)
    assert any("'m1-u1' is already placed (line 9)" in m for m in found)
    assert "the role play 'rp-m1-revue' is placed nowhere" in found


def test_unknown_items_and_half_days(planned):
    edit(planned / "deroule.yaml", "items: [hot]", "items: [hot, cold]")
    edit(planned / "deroule.yaml", "half_day: d1-pm", "half_day: d2-pm")
    found = messages(planned)
    assert any("'cold' is no unit, role play" in m for m in found)
    assert "unknown half-day 'd2-pm'" in found
    assert "half-day 'd1-pm' appears 0 times (expected once)" in found


def test_module_minutes_must_equal_its_sequences(planned):
    edit(planned / "modules/m1/module.yaml", "minutes: 60", "minutes: 75")
    assert (
        "modules/m1/module.yaml:4 minutes: module m1 plans 75 min but the déroulé gives it 60 min"
        in problems_of(planned)
    )


def test_half_day_hours_must_match_course_yaml(planned):
    edit(
        planned / "course.yaml",
        "{id: d1-am, day: 1, label: Matin, hours: 3.5}",
        "{id: d1-am, day: 1, label: Matin, hours: 3}",
    )
    assert any("d1-am lasts 210 min here but 3 h in course.yaml" in m for m in messages(planned))


def test_course_half_day_times_are_compared_when_present():
    plan = HalfDayPlan(
        half_day="d1-am",
        start="09:00",
        end="12:30",
        sequences=[{"start": "09:00", "end": "12:30", "title": "Tout"}],
    )
    document = Document("deroule.yaml", {}, {})
    same = SimpleNamespace(start="09:00", end="12:30", hours=3.5)
    other = SimpleNamespace(start="08:30", end="12:30", hours=3.5)
    assert _slot_times(plan, same, document, ("half_days", 0)) == []
    [problem] = _slot_times(plan, other, document, ("half_days", 0))
    assert problem.message == "start 09:00 differs from course.yaml's 08:30 for d1-am"


def test_a_sequence_ends_after_it_starts(planned):
    edit(planned / "deroule.yaml", '{start: "13:30", end: "16:30"', '{start: "13:30", end: "13:30"')
    assert any("end 13:30 must come after start 13:30" in m for m in messages(planned))


def test_unit_notes_are_optional_markdown(planned):
    edit(
        planned / "modules/m1/module.yaml",
        "    minutes: 20\n",
        "    minutes: 20\n    notes: Faire *deviner* la salle.\n",
    )
    assert load_course(planned).unit("m1-u1").notes == "Faire *deviner* la salle."
