"""Issue 18: one test per defect found in the course, so none comes back."""

import re

import pytest

from lexom_learning.quizzes.registry import get_type

from .helpers import COURSE_DIR, load, question_sets

TEXT_FILES = sorted(COURSE_DIR.rglob("*.md")) + sorted(COURSE_DIR.rglob("*.yaml"))


def _text(relative):
    return (COURSE_DIR / relative).read_text(encoding="utf-8")


def _accepts(question, response):
    """Grade a learner's response the way the platform does (French decimal comma included)."""
    kind = get_type(question.type)
    return kind.grade(question, kind.validate_response(question, response)).correct


def _items(order_question):
    return [item.text.lower() for item in order_question.items]


def test_hot_q5_accepts_26_7_for_26_667_and_rejects_a_wrong_tenth(course):
    question = course.question("hot-q5")
    assert all(_accepts(question, r) for r in ("26,7", "26,67", "26,7 €", 26.667))
    assert not _accepts(question, "26,6") and not _accepts(question, "0,7")


def test_m5_q3_tolerance_agrees_with_its_feedback(course):
    question = course.question("m5-q3")
    assert _accepts(question, 334)
    assert not _accepts(question, 333) and not _accepts(question, "333,33")


@pytest.mark.parametrize("question_id", ["m4-q15", "hot-q13", "hot-q5", "pos-q8", "m2-q18"])
def test_numeric_prompts_state_their_precision(course, question_id):
    assert re.search(r"arrondi|près|au dixième", course.question(question_id).prompt), question_id


def test_m4_q2_proof_supports_its_benefit(course):
    pairs = {p.left: p.right for p in course.question("m4-q2").pairs}
    distance = int(re.search(r"moins de (\d+) km", pairs["Cible"]).group(1))
    autonomy = int(re.search(r"(\d+) km", pairs["Preuve"]).group(1))
    assert "une fois par semaine" in pairs["Bénéfice consommateur"]
    assert 5 * 2 * distance <= autonomy  # five return trips a week on one charge


def test_relational_quality_is_not_keyed_on_a_shared_indicator(course):
    keyed = [o.text for o in course.question("m3-q12").options if o.correct]
    assert not any("MQL" in text for text in keyed)
    correction = _text("modules/m3/units/05-qualites-creatrices-bilan.md")
    assert "ne mesure pas la qualité du service marketing" in correction


@pytest.mark.parametrize("question_id", ["m6-q10", "m6-q11", "m7-q1", "m7-q2", "m7-q3", "m7-q13"])
def test_calculation_and_definition_items_evidence_objective_1(course, question_id):
    assert course.question(question_id).objectives == ("obj-1",)


def test_short_text_prompt_matches_what_it_accepts(course):
    question = course.question("m2-q3")
    assert "deux mots" not in question.prompt
    assert max(len(a.split()) for a in question.accepted) <= 4


@pytest.mark.parametrize("question_id", ["m1-q2", "m2-q1", "hot-q9"])
def test_fcs_come_before_smart_objectives_as_module_1_teaches(course, question_id):
    items = _items(course.question(question_id))
    fcs = next(
        i for i, text in enumerate(items) if "facteur clé" in text or "facteurs clés" in text
    )
    smart = next(i for i, text in enumerate(items) if "smart" in text or "objectif" in text)
    assert fcs < smart, items
    assert "FCS → objectifs SMART" in _text("modules/m2/units/01-etapes-cles.md")


def test_satisfaction_questions_ask_for_satisfaction(course):
    question = course.question("sat-q11")
    assert "satisfait" in question.prompt
    assert question.scale.labels[4].startswith("Tout à fait satisfait")


def test_cold_q6_scale_runs_from_never_to_weekly(course):
    labels = course.question("cold-q6").scale.labels
    assert (labels[1], labels[4]) == ("Jamais", "Hebdomadaire")


def test_self_assessment_scales_are_identical(course):
    scales = set()
    for kind in ("positioning", "hot", "cold"):
        for section in course.evaluations[kind].sections:
            if section.kind == "self_assessment":
                scales |= {
                    (q.scale.min, q.scale.max, tuple(sorted(q.scale.labels.items())))
                    for q in section.questions
                    if q.type == "likert"
                }
    manager = [q for q in course.evaluations["manager"].questions if q.type == "likert"]
    scales |= {(q.scale.min, q.scale.max, tuple(sorted(q.scale.labels.items()))) for q in manager}
    assert len(scales) == 1, scales


def test_manager_questionnaire_is_short_and_referenced_by_the_course(course):
    assert load("course.yaml")["evaluations"]["manager"] == "evaluations/manager.yaml"
    manager = course.evaluations["manager"]
    assert manager.kind == "manager"
    types = [q.type for q in manager.questions]
    assert 5 <= len(types) <= 8 and {"likert", "free_text"} <= set(types)


# --- margins: « taux de marque » on the selling price, « taux de marge » on the cost --------


def test_taux_de_marque_is_defined_once_next_to_taux_de_marge():
    definitions = [
        path.name
        for path in COURSE_DIR.glob("modules/*/units/*.md")
        if re.search(r"\*\*taux de marque\*\* = marge / prix de vente", path.read_text())
    ]
    assert definitions == ["04-mesurer-promotion.md"]
    assert "**taux de marge** = marge / coût d'achat" in _text(
        "modules/m4/units/04-mesurer-promotion.md"
    )


def test_every_prompt_with_a_margin_rate_states_its_base():
    for name, questions in question_sets().items():
        for question in questions:
            prompt = question["prompt"].lower()
            if "taux de marque" in prompt:
                assert "prix de vente" in prompt, (name, question["id"])
            if "taux de marge" in prompt:
                assert "coût" in prompt, (name, question["id"])


# --- facts current at December 2026, every legal statement dated ----------------------------


def test_carbon_neutral_claims_are_judged_against_directive_2024_825():
    for relative in (
        "modules/m1/units/01-pestel-mutations.md",
        "modules/m1/roleplays/diagnostic-cosmetiques.yaml",
    ):
        text = _text(relative)
        assert "2024/825" in text and "27 septembre 2026" in text, relative
        assert "compensation" in text, relative


def test_energy_renovation_phone_ban_is_the_2020_law_extended_in_2025():
    text = _text("modules/m5/units/04-telemarketing.md")
    assert "loi n° 2020-901 du 24 juillet 2020" in text
    assert "loi n° 2025-594 du 30 juin 2025" in text
    assert "Bloctel a pris fin" not in text and "n'existe plus" not in text


def test_promotion_caps_are_stated_with_their_dated_status():
    text = _text("modules/m4/units/03-promotions-typologies.md")
    assert "faites vérifier" not in text and "15/04/2026" not in text
    assert "loi n° 2023-221 du 30 mars 2023" in text and "Mises à jour réglementaires" in text


def test_the_regulatory_update_unit_is_dated_and_every_rule_has_a_dated_source(course):
    unit = course.unit("m5-u5")
    assert "décembre 2026" in unit.title
    body = unit.body_markdown
    assert "Dernière mise à jour : 1er décembre 2026" in body
    rows = [r for r in body.splitlines() if r.startswith("| ") and not r.startswith("| Sujet")]
    assert len(rows) >= 8
    for row in rows:
        assert re.search(r"(19|20)\d\d", row.split("|")[3]), row


def test_every_law_cited_in_the_content_carries_its_date():
    for path in TEXT_FILES:
        for match in re.finditer(r"loi n° \d{4}-\d+", path.read_text(encoding="utf-8")):
            after = path.read_text(encoding="utf-8")[match.end() : match.end() + 40]
            assert re.match(r" du \d{1,2}(?:er)? \w+ \d{4}", after) or any(
                re.search(rf"{re.escape(match.group(0))} du \d", p.read_text(encoding="utf-8"))
                for p in TEXT_FILES
            ), (path.name, match.group(0))


def test_hubspot_flywheel_and_ga4_key_events_are_current():
    web = _text("modules/m6/units/01-attirer-convertir-fideliser.md")
    assert "attirer, interagir, fidéliser" in web and "2018" in web
    tracking = _text("modules/m6/units/05-tracking-attribution.md")
    assert "événements clés" in tracking and "mars 2024" in tracking


# --- coverage ------------------------------------------------------------------------------


def test_consequences_on_the_business_and_job_content_are_assessed(course):
    assert "conséquence" in course.question("m1-q17").explanation.lower()
    assert "poste" in course.question("hot-q7").prompt and course.question("hot-q7").module == "m3"
    assert "fiche de poste" in course.question("l1-q15").prompt


def test_an_item_classifies_promotion_techniques(course):
    rights = {p.right for p in course.question("m4-q17").pairs}
    assert {"Promotion de quantité", "Prime directe", "Jeu ou loterie"} <= rights
    assert len(rights) >= 5


def test_telemarketing_call_and_product_sheet_workshop_role_plays(course):
    call = course.roleplay("rp-m5-appel-prospection")
    assert call.module == "m5" and "refus" in " ".join(c.label for c in call.grid)
    workshop = course.roleplay("rp-m7-atelier-fiche-produit")
    assert workshop.module == "m7"
    m7_titles = " ".join(r.title for r in course.roleplays if r.module == "m7")
    assert "SLA" not in m7_titles and "fiche" in m7_titles.lower()


# --- typography in the content -------------------------------------------------------------


@pytest.mark.parametrize("pattern", [r"\bvs\b", r"des pourcents", r"\bEtabli", r"\bEcri"])
def test_no_loose_typography_in_the_content(pattern):
    offenders = [p.name for p in TEXT_FILES if re.search(pattern, p.read_text(encoding="utf-8"))]
    assert offenders == [], pattern
