"""What the package carries for the blocks: course files, catalogues, templates, script.

``make test-wheel`` runs these tests against the built wheel installed in a clean environment
(``LEXOM_TEST_INSTALLED=1``, ``LEXOM_TEST_SOURCE`` = the checkout): a file left out of the
package data fails there.
"""

import gettext
import os
from importlib import metadata
from pathlib import Path

import pytest

import lexom_learning
from lexom_learning.xblocks import content
from lexom_learning.xblocks.base import static_text
from lexom_learning.xblocks.i18n import TRANSLATIONS, catalogue

INSTALLED = os.environ.get("LEXOM_TEST_INSTALLED") == "1"
SOURCE = Path(os.environ.get("LEXOM_TEST_SOURCE", Path(__file__).resolve().parents[2]))


@pytest.fixture(autouse=True)
def _no_content_override(monkeypatch):
    monkeypatch.delenv("LEXOM_CONTENT_DIR", raising=False)


def test_the_blocks_read_the_course_inside_the_package_once_installed():
    folder = content.course_dir()
    if INSTALLED:
        imported = Path(lexom_learning.__file__).resolve()
        assert "site-packages" in imported.parts
        assert not imported.is_relative_to((SOURCE / "lexom_learning").resolve())
        assert folder == content.PACKAGED / content.COURSE_ID
    else:
        assert folder in (
            content.PACKAGED / content.COURSE_ID,
            content.CHECKOUT / content.COURSE_ID,
        )
    assert content.course().id == content.COURSE_ID


def test_every_course_file_of_the_checkout_ships():
    source = SOURCE / "content" / content.COURSE_ID
    if not source.is_dir():
        pytest.fail(f"no checkout at {SOURCE}: set LEXOM_TEST_SOURCE")
    wanted = {p.relative_to(source) for p in source.rglob("*") if p.is_file()}
    shipped = content.course_dir()
    missing = sorted(str(p) for p in wanted if not (shipped / p).is_file())
    assert not missing


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_the_compiled_catalogues_ship(locale):
    for suffix in ("po", "mo"):
        assert (TRANSLATIONS / locale / "LC_MESSAGES" / f"text.{suffix}").is_file()
    assert isinstance(catalogue(locale), gettext.GNUTranslations)


def test_the_script_stylesheet_and_entry_points_ship():
    assert "LexomQuizBlock" in static_text("lexom.js")
    assert ".lexom-block" in static_text("lexom.css")
    names = {e.name for e in metadata.entry_points(group="xblock.v1")}
    assert {"lexom_quiz", "lexom_roleplay", "lexom_evaluation"} <= names
