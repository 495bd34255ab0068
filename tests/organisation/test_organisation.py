"""The organisation's identity: the settings file, its checks, and the app that reads it."""

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from lexom_learning.cli import cli
from lexom_learning.organisation import (
    DEMO_FILE,
    NDA_NOTICE,
    OrganisationError,
    check_organisation,
    load_organisation,
    luhn_valid,
)

FIXTURE = Path(__file__).parent / "data" / "organisation.yaml"


@pytest.fixture
def settings(tmp_path) -> Path:
    """A writable copy of the fixture organisation and its images."""
    target = tmp_path / "org"
    shutil.copytree(FIXTURE.parent, target)
    return target / "organisation.yaml"


def test_the_fixture_and_the_demo_files_are_valid():
    found = load_organisation(FIXTURE)
    assert found.name == "Formations Exemple"
    assert found.siret == "73282932000074"
    assert found.nda_statement.endswith(NDA_NOTICE)
    assert found.signature_image.is_file() and found.stamp_image.is_file()
    assert found.identity_lines()[1] == "3 rue des Essais, 69002 Lyon"
    assert check_organisation(DEMO_FILE) == []


@pytest.mark.parametrize(
    ("digits", "valid"),
    [
        ("732829320", True),
        ("732829321", False),
        ("73282932000074", True),
        ("73282932000075", False),
    ],
)
def test_luhn_key(digits, valid):
    assert luhn_valid(digits) is valid


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('siret: "732 829 320 00074"', 'siret: "732 829 320 00075"', ":6 siret: invalid SIRET"),
        ('siret: "732 829 320 00074"', 'siret: "7328"', ":6 siret: a SIRET is 14 digits"),
        ('nda: "82691234569"', 'nda: "1"', ":7 nda: a numéro de déclaration d'activité is 11"),
        (
            "nda_notice: Cet enregistrement ne vaut pas agrément de l'État.",
            "nda_notice: Agréé",
            ":9 nda_notice: must be the sentence",
        ),
        ('postcode: "69002"', 'postcode: "6900"', ":4 address.postcode:"),
        ("  capacity: Gérant\n", "", ":11 legal_representative.capacity: missing required field"),
        ("signature.png", "missing.png", ":19 signature_image: image not found"),
        ("  email: dpo@example.org", "  email: not-an-email", ":18 dpo.email:"),
    ],
)
def test_every_problem_is_located(settings, old, new, expected):
    _replace(settings, old, new)
    problems = [str(p) for p in check_organisation(settings)]
    assert len(problems) == 1, problems
    assert expected in problems[0]
    assert problems[0].startswith(str(settings))


def test_an_image_that_is_not_one_is_refused(settings):
    (settings.parent / "signature.png").write_bytes(b"<svg/>")
    assert "not a PNG or JPEG image" in str(check_organisation(settings)[0])


def test_a_missing_or_broken_file_is_reported(tmp_path):
    assert "file not found" in str(check_organisation(tmp_path / "none.yaml")[0])
    broken = tmp_path / "broken.yaml"
    broken.write_text("name: [\n")
    assert "YAML syntax error" in str(check_organisation(broken)[0])
    broken.write_text("- a list\n")
    assert "expected a mapping" in str(check_organisation(broken)[0])


def test_the_check_command_reports_like_content_check(settings):
    runner = CliRunner()
    ok = runner.invoke(cli, ["organisation", "check", str(settings)])
    assert ok.exit_code == 0, ok.output
    assert "OK Formations Exemple, SIRET 732 829 320 00074" in ok.output
    _replace(settings, 'siret: "732 829 320 00074"', 'siret: "732 829 320 00075"')
    bad = runner.invoke(cli, ["organisation", "check", str(settings)])
    assert bad.exit_code == 1
    assert f"1 problem(s) in {settings}:" in bad.output
    assert f"{settings}:6 siret: invalid SIRET" in bad.output


def test_the_app_reads_the_file_named_by_the_environment(settings, monkeypatch, course):
    from lexom_learning import create_app
    from lexom_learning.web.content import CourseRepository

    monkeypatch.setenv("LEXOM_ORGANISATION_FILE", str(settings))
    app = create_app({"LEXOM_COURSES": CourseRepository([course]), "SECRET_KEY": "x"})
    assert app.config["LEXOM_ORGANISATION"].name == "Formations Exemple"
    _replace(settings, 'siret: "732 829 320 00074"', 'siret: "1"')
    with pytest.raises(OrganisationError):
        create_app({"LEXOM_COURSES": CourseRepository([course]), "SECRET_KEY": "x"})


def test_nothing_names_the_demo_organisation_in_the_code():
    package = Path(__file__).resolve().parents[2] / "lexom_learning"
    offenders = []
    for path in package.rglob("*"):
        if path.suffix in (".py", ".html") and "LEXOM" in path.read_text().replace("LEXOM_", ""):
            offenders.append(str(path.relative_to(package)))
    assert offenders == []
