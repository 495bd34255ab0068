"""The blocks' words: French by default, English when the runtime says so, catalogues complete."""

from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from lexom_learning import xblocks
from lexom_learning.xblocks.i18n import TRANSLATIONS, Translator, catalogue, language_of

from .runtime import LanguageI18nService

PACKAGE = Path(xblocks.__file__).parents[1]
CONFIG = PACKAGE / "xblocks" / "babel.cfg"


def extracted() -> set:
    """Return every message id the blocks show: theirs, and the core's they pass on."""
    with CONFIG.open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    keywords = {**DEFAULT_KEYWORDS, "N_": None}
    messages = extract_from_dir(str(PACKAGE), method_map, options_map, keywords=keywords)
    return {message[2] for message in messages}


def forms(text) -> tuple:
    """Return a message id or string as a tuple of its forms (one, or singular and plural)."""
    return tuple(text) if isinstance(text, list | tuple) else (text,)


def read(locale: str, kind: str):
    path = TRANSLATIONS / locale / "LC_MESSAGES" / f"text.{kind}"
    with path.open("rb") as handle:
        return read_po(handle) if kind == "po" else read_mo(handle)


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_every_string_of_the_blocks_is_in_the_catalogue(locale):
    catalog = read(locale, "po")
    ids = {m.id for m in catalog if m.id}
    wanted = extracted()
    assert len(wanted) > 80
    missing = sorted(str(m) for m in wanted - ids)
    assert not missing, f"not in {locale}/text.po: {missing}"
    if locale == "en":
        assert not [m.id for m in catalog if m.id and not all(forms(m.string))]


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_the_compiled_catalogue_matches_its_source(locale):
    source = {forms(m.id): forms(m.string) for m in read(locale, "po") if m.id}
    compiled = {forms(m.id): forms(m.string) for m in read(locale, "mo") if m.id}
    assert compiled == source, "run: pybabel compile -D text -d lexom_learning/translations"


@pytest.mark.parametrize(
    ("reported", "language"),
    [
        (None, "fr"),
        ("fr", "fr"),
        ("fr-ca", "fr"),
        ("en", "en"),
        ("en-us", "en"),
        ("en_GB", "en"),
        ("de", "fr"),
    ],
)
def test_the_language_comes_from_the_i18n_service_and_defaults_to_french(reported, language):
    assert language_of(LanguageI18nService(reported)) == language


def test_a_service_without_a_language_gives_french():
    assert language_of(object()) == "fr"
    assert Translator(object()).gettext("Vrai") == "Vrai"


def test_the_english_catalogue_translates_and_counts():
    translator = Translator(LanguageI18nService("en"))
    assert translator.gettext("Valider mes réponses") == "Submit my answers"
    left = "Il vous reste {n} tentative.", "Il vous reste {n} tentatives."
    assert translator.ngettext(*left, 1) == "You have {n} attempt left."
    assert translator.ngettext(*left, 2) == "You have {n} attempts left."
    assert catalogue("fr").ngettext(*left, 2) == left[1]


def test_a_runtime_service_that_knows_a_string_is_asked_first():
    class Platform(LanguageI18nService):
        def gettext(self, message):
            return "Envoyer" if message == "Valider mes réponses" else message

    translator = Translator(Platform("en"))
    assert translator.gettext("Valider mes réponses") == "Envoyer"
    assert translator.gettext("Vrai") == "True"


def test_a_block_speaks_english_to_an_english_learner(store):
    usage = store.parse('<lexom_quiz quiz_id="m1-quiz"/>')
    english = store.view(store.block(usage, language="en-us")).content
    assert "Submit my answers" in english and "3 attempts allowed" in english
    assert "Valider mes réponses" not in english
    french = store.view(store.block(usage)).content
    assert "Valider mes réponses" in french and "3 tentatives autorisées" in french
    reply = store.call(store.block(usage, language="en"), "submit", {"responses": {}})
    assert reply.body["error"] == "Some answers need correcting."


def test_numbers_follow_the_learners_language(store):
    usage = store.parse('<lexom_quiz quiz_id="m1-quiz"/>')
    block = store.block(usage, language="en")
    block.attempts, block.raw_earned, block.raw_possible = 1, 2.5, 16.0
    assert "Your score: 2.5 / 16 (16 %)" in store.view(block).content
    block = store.block(usage)
    block.attempts, block.raw_earned, block.raw_possible = 1, 2.5, 16.0
    assert "Votre score : 2,5 / 16 (16 %)" in store.view(block).content
