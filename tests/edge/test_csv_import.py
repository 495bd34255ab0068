"""Issue 15, point 5: the participants' CSV import reads standard CSV, as Excel saves it."""

import pytest

from lexom_learning.services.sessions import CsvImportError, _read_csv, import_participants_csv

pytestmark = pytest.mark.db

RFC = (
    "nom;email;commentaire\r\n"
    '"Dupont ""Jo"" Jean";jo@exemple.fr;"deux\r\nlignes; et un ; point-virgule"\r\n'
    '"Martin; Léa";lea@exemple.fr;\r\n'
)


def test_doubled_quotes_embedded_separators_and_line_breaks_are_read():
    rows = _read_csv(RFC.encode())
    assert rows == [
        (2, 'Dupont "Jo" Jean', "jo@exemple.fr", None),  # no manager (N+1) column
        (4, "Martin; Léa", "lea@exemple.fr", None),
    ]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
@pytest.mark.parametrize("separator", [";", ","])
def test_either_separator_and_every_encoding_excel_writes(encoding, separator):
    text = RFC.replace(";", "\x00").replace("\x00", separator)
    # The embedded separators stay inside their quotes whichever separator the file uses.
    rows = _read_csv(text.encode(encoding))
    assert [r[1] for r in rows] == ['Dupont "Jo" Jean', f"Martin{separator} Léa"]


def test_the_dialect_comes_from_the_whole_file_not_the_header_line():
    # A header line alone says nothing of the quoting below it (the old sniffer read
    # « "Dupont ""Jo"" Jean" » as « Dupont "Jo"" Jean" »).
    text = 'nom,email\n"Dupont ""Jo"" Jean",jo@exemple.fr\n"Léa, Martin",lea@exemple.fr\n'
    assert [r[1] for r in _read_csv(text.encode("cp1252"))] == ['Dupont "Jo" Jean', "Léa, Martin"]


def test_a_control_character_in_a_cell_is_a_line_problem(factories):
    session = factories.SessionFactory()
    text = (
        'nom;email\n"Jean\x1b Dupont";jean@exemple.fr\nLéa;lea\x00@exemple.fr\nOk;ok@exemple.fr\n'
    )
    with pytest.raises(CsvImportError) as refused:
        import_participants_csv(session, text.encode())
    problems = [(p.line, p.message) for p in refused.value.problems]
    assert problems == [
        (2, "colonne « nom » : caractère non permis (U+001B)."),
        (3, "colonne « email » : caractère non permis (U+0000)."),
    ]
    assert session.participants == []


def test_a_line_break_in_a_quoted_name_is_stored_on_one_line(factories):
    session = factories.SessionFactory()
    imported = import_participants_csv(session, b'nom,email\n"Dupont\nJean",jean@exemple.fr\n')
    assert [p.name for p in imported] == ["Dupont Jean"]


def test_unbalanced_quotes_or_a_header_without_the_columns_are_refused():
    with pytest.raises(CsvImportError):
        _read_csv(b'nom;email\n"Dupont;jo@exemple.fr\n')
    with pytest.raises(CsvImportError):
        _read_csv(b"prenom;adresse\nJo;jo@exemple.fr\n")
