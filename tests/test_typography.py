"""French typography: exact expected strings, idempotence, and what is left alone."""

import pytest

from lexom_learning.typography import french, french_html

N = "\u202f"  # narrow no-break space
S = "\u00a0"  # no-break space

CASES = [
    ("Quel est le taux ?", f"Quel est le taux{N}?"),
    ("Attention !", f"Attention{N}!"),
    ("Pourquoi?! Voilà; suite", f"Pourquoi{N}?! Voilà{N}; suite"),
    ("Réponse : 15 %", f"Réponse{S}: 15{S}%"),
    ("Note: voir plus bas", f"Note{S}: voir plus bas"),
    ("« Aucune de ces réponses »", f"«{N}Aucune de ces réponses{N}»"),
    ("«record»", f"«{N}record{N}»"),
    ("C'est l'année", "C’est l’année"),
    ("1 200 000 €", f"1{N}200{N}000{S}€"),
    ("12000 € de CA", f"12{N}000{S}€ de CA"),
    ("12%", f"12{S}%"),
    ("45 min et 3 jours", f"45{S}min et 3{S}jours"),
    ("En 2026 à 75008 Paris", "En 2026 à 75008 Paris"),
    ("Formule =B2/C2 à 09:30, ratio 3:1", "Formule =B2/C2 à 09:30, ratio 3:1"),
    ("Code `a : b` ici", "Code `a : b` ici"),
    ("Voir https://example.fr/page?x=1 : ok", f"Voir https://example.fr/page?x=1{S}: ok"),
    ("Écrire à dpo@lexom.fr ?", f"Écrire à dpo@lexom.fr{N}?"),
    ("'quoted'", "'quoted'"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_french_rules(text, expected):
    assert french(text) == expected
    assert french(expected) == expected  # idempotent


def test_html_text_nodes_only():
    fragment = (
        '<p title="a : b" data-x="l\'an">Prix : 12 %<code>x : y</code>'
        '<script>var a = "x : y ?";</script><textarea>l\'avis ?</textarea> fin ?</p>'
    )
    expected = (
        f'<p title="a : b" data-x="l\'an">Prix{S}: 12{S}%<code>x : y</code>'
        f'<script>var a = "x : y ?";</script><textarea>l\'avis ?</textarea> fin{N}?</p>'
    )
    assert french_html(fragment) == expected
    assert french_html(expected) == expected


def test_html_entities_are_read_as_text():
    assert (
        french_html("<p>L&#39;&eacute;t&eacute; &amp; vous ?</p>") == f"<p>L’été &amp; vous{N}?</p>"
    )


@pytest.mark.parametrize(("value", "on"), [(None, True), ("1", True), ("0", False), ("off", False)])
def test_page_typography_is_on_unless_the_environment_turns_it_off(
    value, on, monkeypatch, tmp_path
):
    from lexom_learning.web.config import load_config

    if value is None:
        monkeypatch.delenv("LEXOM_TYPOGRAPHY", raising=False)
    else:
        monkeypatch.setenv("LEXOM_TYPOGRAPHY", value)
    assert (
        load_config(str(tmp_path), {"SECRET_KEY": "k", "TESTING": True})["LEXOM_TYPOGRAPHY"] is on
    )
