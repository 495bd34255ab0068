"""English as the second language of the web app: pages, the choice of language, the catalogue."""

import configparser
from datetime import date
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po
from flask_babel import get_babel

from lexom_learning.attainment import LEVEL_LABELS as CORE_LEVEL_LABELS
from lexom_learning.evaluations import KIND_LABELS as CORE_KIND_LABELS
from lexom_learning.web import i18n, labels
from tests.conftest import ROOT, csrf_token_from
from tests.factories import PASSWORD

TRANSLATIONS = ROOT / "lexom_learning" / "translations"
ENGLISH = TRANSLATIONS / "en" / "LC_MESSAGES"
# `make messages` extracts with these keywords (Babel's defaults and -k lazy_gettext).
KEYWORDS = {**DEFAULT_KEYWORDS, "lazy_gettext": None}


@pytest.fixture
def training(factories):
    """A session of MRK-STRA-05 with known dates, its trainer and one participant."""
    session = factories.SessionFactory(
        title="Lyon", starts_on=date(2026, 12, 1), ends_on=date(2026, 12, 2)
    )
    factories.ParticipantFactory(session=session, name="Camille Martin")
    return session


def page(client, url: str, **kwargs) -> str:
    response = client.get(url, **kwargs)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


# The language of a page


def left_in_french(html: str, french: tuple[str, ...]) -> list[str]:
    """Return the French texts of ``french`` that the page still shows (all of them at once)."""
    return [text for text in french if text in html]


def test_french_is_the_default(client):
    html = page(client, "/login")
    assert '<html lang="fr">' in html
    assert "Connexion" in html and "Adresse e-mail" in html and "Se connecter" in html


def test_the_login_page_in_english(client):
    html = page(client, "/login?lang=en")
    assert '<html lang="en">' in html
    assert "<h1>Sign in</h1>" in html and "Email address" in html and "Password" in html
    assert "Participants come in through their personal link or QR code." in html
    assert (
        left_in_french(html, ("Connexion", "Adresse e-mail", "Mot de passe", "Se connecter")) == []
    )


def test_the_course_page_in_english_keeps_the_course_in_french(client, course):
    html = page(client, "/courses/mrk-stra-05?lang=en")
    assert "2 days" in html and "14 hours" in html and "Training objectives" in html
    assert "Assessment methods" in html and "Day 1" in html
    assert "2 jours" not in html and "Objectifs de la formation" not in html
    assert course.title in html  # the course itself is French content


def test_a_trainer_session_page_in_english(client, sign_in, training):
    sign_in(client, training.trainer)
    html = page(client, f"/trainer/sessions/{training.id}?lang=en")
    assert "Attainment of the objectives (group)" in html and "Add a participant" in html
    assert "Live quiz" in html and "Attendance sign-in and certificates" in html
    assert "1 participant ·" in html and "1 December 2026 – 2 December 2026" in html
    assert "Positioning test" in html and "End-of-training evaluation" in html
    assert '<h2 id="live-title">Live quiz</h2>' in html
    assert (
        left_in_french(
            html, ("Ajouter un participant", "Émargement", "Formateur :", "Atteinte des")
        )
        == []
    )


def test_a_learner_home_in_english(app, sign_in, training):
    phone = sign_in(app.test_client(), training.participants[0])
    html = page(phone, "/me/?lang=en")
    assert "Hello Camille Martin" in html and "My progress" in html
    assert "0 units of 35 done" in html and "Attendance sign-in and certificates" in html
    assert "Sign out" in html and "Quiz: not attempted yet (3 attempts allowed)" in html
    assert left_in_french(html, ("Bonjour", "Mon parcours", "séquence", "Se déconnecter")) == []


def test_french_plurals_put_zero_in_the_singular(app, sign_in, training):
    phone = sign_in(app.test_client(), training.participants[0])
    html = page(phone, "/me/")
    assert "0 séquence faite sur 35" in html and "Émargement et attestations" in html
    assert "1er décembre 2026" in html


def test_the_choice_is_kept_in_the_session(client):
    page(client, "/login?lang=en")
    with client.session_transaction() as session:
        assert session["lang"] == "en"
    html = page(client, "/courses/mrk-stra-05")
    assert '<html lang="en">' in html and "Training objectives" in html
    assert "Objectifs de la formation" in page(client, "/courses/mrk-stra-05?lang=fr")
    assert "Objectifs de la formation" in page(client, "/courses/mrk-stra-05")


def test_an_unknown_language_changes_nothing(client):
    assert '<html lang="fr">' in page(client, "/login?lang=de")
    with client.session_transaction() as session:
        assert "lang" not in session


@pytest.mark.parametrize(
    ("header", "lang"), [("en-GB,en;q=0.9", "en"), ("de,en;q=0.5", "en"), ("de", "fr")]
)
def test_the_browser_language_applies_when_none_was_chosen(client, header, lang):
    html = page(client, "/login", headers={"Accept-Language": header})
    assert f'<html lang="{lang}">' in html


def test_a_chosen_language_wins_over_the_browser(client):
    page(client, "/login?lang=fr")
    html = page(client, "/login", headers={"Accept-Language": "en"})
    assert '<html lang="fr">' in html


def test_the_header_links_to_this_page_in_each_language(client):
    html = page(client, "/courses/mrk-stra-05?lang=en")
    assert 'href="/courses/mrk-stra-05?lang=fr" hreflang="fr"' in html
    assert 'href="/courses/mrk-stra-05?lang=en" hreflang="en" lang="en" aria-current="true"' in html


def test_error_pages_follow_the_language(client):
    response = client.get("/courses/nope?lang=en")
    assert response.status_code == 404
    assert "This page does not exist." in response.get_data(as_text=True)


def test_the_language_survives_signing_in_and_flashes_are_translated(client, factories):
    factories.UserFactory(role="trainer", email="claire@lexom.fr")
    form = page(client, "/login?lang=en")
    response = client.post(
        "/login",
        data={"csrf_token": csrf_token_from(form), "email": "claire@lexom.fr", "password": "x"},
    )
    assert "Incorrect email address or password." in response.get_data(as_text=True)
    client.post(
        "/login",
        data={
            "csrf_token": csrf_token_from(form),
            "email": "claire@lexom.fr",
            "password": PASSWORD,
        },
    )
    html = page(client, "/trainer/sessions")
    assert "My sessions" in html and "Create the session" in html
    client.post("/logout", data={"csrf_token": csrf_token_from(html)})
    assert "You are signed out." in page(client, "/login")


# The header's links


def test_a_participant_signs_out_from_the_header(app, sign_in, training):
    phone = sign_in(app.test_client(), training.participants[0])
    html = page(phone, "/me/")
    assert 'action="/logout"' in html and "Se déconnecter" in html
    response = phone.post("/logout", data={"csrf_token": csrf_token_from(html)})
    assert response.status_code == 302 and response.headers["Location"].endswith("/login")
    assert "Vous êtes déconnecté(e)." in page(phone, "/login")
    assert phone.get("/me/").status_code == 401


@pytest.mark.parametrize(
    ("role", "shown"), [("trainer", False), ("compliance", True), ("admin", True)]
)
def test_compliance_and_admin_see_the_compliance_link(client, factories, sign_in, role, shown):
    sign_in(client, factories.UserFactory(role=role))
    html = page(client, "/trainer/sessions")
    assert ('<a href="/compliance/">Conformité</a>' in html) is shown


# The labels of the core, and the helpers


def test_the_web_labels_match_the_core_ones(app):
    with app.app_context(), app.test_request_context("/?lang=fr"):
        assert {k: str(v) for k, v in labels.LEVEL_LABELS.items()} == CORE_LEVEL_LABELS
        assert {k: str(v) for k, v in labels.KIND_LABELS.items()} == CORE_KIND_LABELS
    with app.app_context(), app.test_request_context("/?lang=en"):
        assert str(labels.LEVEL_LABELS["in_progress"]) == "In progress"
        assert str(labels.KIND_LABELS["cold"]) == "Follow-up evaluation"


def test_ngettext_follows_french_at_the_source_and_the_catalogue_in_english(app):
    # Each request has its own app context, hence its own locale (the fixture holds one).
    with app.app_context(), app.test_request_context("/?lang=fr"):
        forms = ("%(num)s tentative", "%(num)s tentatives")
        assert (i18n.ngettext(*forms, 0), i18n.ngettext(*forms, 2)) == (
            "0 tentative",
            "2 tentatives",
        )
    with app.app_context(), app.test_request_context("/?lang=en"):
        text = "%(count)s tentative restante", "%(count)s tentatives restantes"
        assert i18n.ngettext(*text, 0, count=0) == "0 attempts left"
        assert i18n.ngettext(*text, 1, count=1) == "1 attempt left"


def test_outside_a_request_the_app_speaks_french(app):
    assert i18n.current_locale() == "fr"
    assert i18n.text("Connexion") == "Connexion"


def test_the_translations_folder_is_the_packages(app):
    assert get_babel(app).translation_directories == [str(TRANSLATIONS)]
    assert (ENGLISH / "messages.mo").is_file()


def test_the_package_ships_every_catalogue():
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg")
    shipped = config["options.package_data"]["lexom_learning"].split()
    assert "translations/*/LC_MESSAGES/*.mo" in shipped
    assert "translations/*/LC_MESSAGES/*.po" in shipped


# The catalogue


def forms(text) -> tuple:
    """Return a message id or string as a tuple of its forms (one, or singular and plural)."""
    return tuple(text) if isinstance(text, list | tuple) else (text,)


def extracted() -> set:
    """Return every message id of the web app, extracted with the project's babel.cfg."""
    with (ROOT / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    found = extract_from_dir(str(ROOT), method_map, options_map, keywords=KEYWORDS)
    return {forms(message[2]) for message in found}


def english_po():
    with (ENGLISH / "messages.po").open("rb") as handle:
        return read_po(handle)


def test_every_string_of_the_web_app_is_translated():
    catalog = english_po()
    ids = {forms(m.id) for m in catalog if m.id}
    wanted = extracted()
    assert len(wanted) > 500
    assert not sorted(wanted - ids), "run: make messages, then translate the new strings"
    assert not sorted(ids - wanted), "run: make messages (strings no longer used)"
    untranslated = [m.id for m in catalog if m.id and not all(forms(m.string))]
    assert not untranslated
    assert not [m.id for m in catalog if m.id and m.fuzzy]
    assert not [(m.id, errors) for m, errors in catalog.check()]


def test_no_translation_brings_a_double_quote_into_an_attribute():
    for message in english_po():
        if message.id and not any('"' in text for text in forms(message.id)):
            assert not any('"' in text for text in forms(message.string)), message.id


def test_the_shipped_mo_matches_the_po(tmp_path):
    source = {forms(m.id): forms(m.string) for m in english_po() if m.id}
    with (tmp_path / "messages.mo").open("wb") as handle:
        write_mo(handle, english_po())
    for path in (tmp_path / "messages.mo", ENGLISH / "messages.mo"):
        with Path(path).open("rb") as handle:
            compiled = {forms(m.id): forms(m.string) for m in read_mo(handle) if m.id}
        assert compiled == source, "run: make messages"


def test_a_personal_link_can_open_the_space_in_english(app, training):
    from lexom_learning.services import links

    token = links.token_for(links.current_link(training.participants[0]))
    phone = app.test_client()
    opened = phone.get(f"/p/{token}?lang=en")
    assert opened.status_code == 302 and opened.headers["Location"].endswith("/me/?lang=en")
    assert "My progress" in page(phone, "/me/?lang=en")
    assert "My progress" in page(phone, "/me/")  # the choice is kept for the next pages
