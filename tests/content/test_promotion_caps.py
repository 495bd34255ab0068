"""The Egalim promotion caps (m4-u3): a dated, sourced fact, and a dated trainer note.

The 34 % / 25 % caps are sourced until 15 April 2026 (loi n° 2023-221 du 30 mars 2023); what
applies after that date is not established by a source the course holds, so the unit says so
and sends the trainer to Légifrance on the day, and nothing claims a later rule as settled.
"""

import re

from tests.content.helpers import COURSE_DIR, load

UNIT = COURSE_DIR / "modules" / "m4" / "units" / "03-promotions-typologies.md"
UPDATES = COURSE_DIR / "modules" / "m5" / "units" / "05-mises-a-jour-reglementaires.md"
SOURCE = "loi n° 2023-221 du 30 mars 2023"
NOTE_DATE = re.compile(r"Note formateur datée du \d{1,2}(?:er)? [a-zéû]+ 20\d\d")


def _section(text: str, title: str) -> str:
    return text.split(f"## {title}", 1)[1].split("\n## ", 1)[0]


def test_the_unit_names_the_caps_source_and_end_date():
    legal = _section(UNIT.read_text(encoding="utf-8"), "Le cadre légal en France (points clés)")
    caps = next(line for line in legal.splitlines() if "Plafonds de promotion" in line)
    assert SOURCE in caps and "jusqu'au 15 avril 2026" in caps
    assert "34 % du prix de vente" in caps and "25 % du chiffre d'affaires ou du volume" in caps
    assert "article 125 de la loi n° 2020-1525" in caps and "1er mars 2024" in caps
    assert "Légifrance" in caps and "le jour de la formation" in caps
    assert "à jour au 1er décembre 2026" in caps  # the date of the statement itself


def test_the_unit_never_claims_the_rule_after_april_2026():
    text = UNIT.read_text(encoding="utf-8")
    assert "15/04/2026" not in text and "faites vérifier" not in text
    assert "2028" not in text and "prolongé jusqu'en 2028" not in text
    summary = _section(text, "À retenir")
    assert SOURCE in summary and "15 avril 2026" in summary and "Légifrance" in summary


def test_the_dated_update_sheet_carries_the_same_fact():
    row = next(
        line
        for line in UPDATES.read_text(encoding="utf-8").splitlines()
        if line.startswith("| Promotions sur les produits de grande consommation")
    )
    assert "loi n° 2023-221 du 30 mars 2023" in row and "jusqu'au 15 avril 2026" in row
    assert "Légifrance" in row and "non établie" in row


def test_the_trainer_note_is_dated_and_the_same_in_the_module_and_the_deroule():
    unit = next(u for u in load("modules/m4/module.yaml")["units"] if u["id"] == "m4-u3")
    note = unit["notes"]
    assert NOTE_DATE.search(note) and "Légifrance" in note and SOURCE in note
    # A lead on a later law is offered to check, never as a settled rule.
    assert "2028" in note and "Piste à vérifier, jamais à présenter comme acquise" in note
    sequences = [
        s
        for half_day in load("deroule.yaml")["half_days"]
        for s in half_day["sequences"]
        if "m4-u3" in s.get("items", [])
    ]
    assert len(sequences) == 1 and sequences[0]["notes"] == note
