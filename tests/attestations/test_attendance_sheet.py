"""The signed attendance sheet, and lateness, early departure and justified absence."""

import base64
import io

import pytest
from PIL import Image
from pypdf import PdfReader

from lexom_learning.attestations.attendance import SlotState
from lexom_learning.documents.signatures import svg_segments
from lexom_learning.extensions import db
from lexom_learning.services import attendance, attestations, exports, presence
from lexom_learning.services.attendance_sheet import attendance_sheet_pdf
from lexom_learning.services.errors import Invalid
from tests.attestations.conftest import attend
from tests.factories import SignatureFactory
from tests.typeset import plain


def _png() -> str:
    out = io.BytesIO()
    Image.new("RGB", (40, 16), (10, 10, 90)).save(out, "PNG")
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()


def _signed(training, participant, slot, method, value):
    assert participant.session_id == training.id
    SignatureFactory(person=participant, slot=slot, method=method, signature=value)


@pytest.mark.parametrize(
    ("late", "early", "expected"),
    [(0, 0, 3.5), (20, 0, 3.25), (7, 0, 3.5), (8, 0, 3.25), (30, 45, 2.25), (300, 0, 0.0)],
)
def test_hours_followed_are_rounded_to_the_quarter_hour(late, early, expected):
    state = SlotState(
        "d1-am", "m", 1, 3.5, None, paper=True, late_minutes=late, early_minutes=early
    )
    assert state.hours_followed == expected


def test_svg_paths_are_read_absolute_and_relative():
    subpaths = svg_segments("M10 10 l5 0 L20 20 h5 v5 C1 2 3 4 5 6 q1 1 2 2 Z m1 1 2 2")
    assert subpaths[0][0] == ("M", (10.0, 10.0)) and subpaths[0][1] == ("L", (15.0, 10.0))
    assert ("L", (25.0, 20.0)) in subpaths[0] and ("L", (25.0, 25.0)) in subpaths[0]
    assert subpaths[1] == [("M", (11.0, 11.0)), ("L", (13.0, 13.0))]


def test_lateness_is_checked_against_the_half_day(world, course):
    args = (world.session, course, world.trainer, world.participant.id, "d1-am")
    for arrived, left in (("08:59", None), (None, "12:31"), ("9h", None), ("10:00", "09:30")):
        with pytest.raises(Invalid):
            presence.record(*args, arrived, left)
    with pytest.raises(Invalid):
        presence.record(*args, None, None, True, "")
    with pytest.raises(Invalid):
        presence.record(*args, "09:30", None, True, "Malade")


def test_lateness_follows_the_sessions_own_half_day_times(world, course):
    """A session that starts at 08:30: 08:45 is a quarter of an hour late, not out of range."""
    from lexom_learning.services import schedule

    training = world.session
    slots = schedule.checked_schedule(
        course,
        training.starts_on,
        training.ends_on,
        [
            {
                "slot": "d1-am",
                "date": training.starts_on.isoformat(),
                "start": "08:30",
                "end": "12:00",
            }
        ],
    )
    schedule.apply_schedule(training, slots)
    db.session.commit()
    args = (training, course, world.trainer, world.participant.id, "d1-am")
    with pytest.raises(Invalid):
        presence.record(*args, "08:29", None)
    with pytest.raises(Invalid):
        presence.record(*args, None, "12:01")
    attend(training, course, world.participant, "d1-am", paper=True)
    presence.record(*args, "08:45", None)
    [state] = [
        s
        for s in attendance.states_for(training, course)[world.participant.id]
        if s.slot_id == "d1-am"
    ]
    assert state.late_minutes == 15 and state.hours_followed == 3.25


def test_lateness_and_early_departure_reduce_the_hours_on_the_documents(world, course):
    attend(world.session, course, world.participant, "d1-am", paper=True)
    attend(world.session, course, world.participant, "d1-pm", paper=True)
    presence.record(world.session, course, world.trainer, world.participant.id, "d1-am", "09:20")
    presence.record(
        world.session, course, world.trainer, world.participant.id, "d1-pm", None, "16:15"
    )
    presence.record(
        world.session, course, world.trainer, world.second.id, "d1-am", None, None, True, "Malade"
    )
    states = attendance.states_for(world.session, course)[world.participant.id]
    assert [s.hours_followed for s in states[:2]] == [3.25, 2.75]
    issued = attestations.close_and_issue(world.session, course).issued[0]
    assert issued.snapshot["attendance"]["hours_attended"] == 6.0
    text = " ".join(
        plain(PdfReader(io.BytesIO(issued.certificate_pdf)).pages[0].extract_text()).split()
    )
    assert "pour une durée de 6 h réalisées" in text.replace("\u00a0", " ")


def test_the_sheet_has_a_page_per_half_day_with_every_signature(world, course, app):
    training, hélène, zoé = world.session, world.participant, world.second
    _signed(training, hélène, "d1-am", "drawn_png", _png())
    attendance.countersign(training, course, world.trainer, hélène.id, "d1-am")
    _signed(training, zoé, "d1-am", "drawn_svg", "M10 10 L40 20 C50 30 60 10 70 20")
    attendance.countersign(training, course, world.trainer, zoé.id, "d1-am")
    _signed(training, hélène, "d1-pm", "typed", "Hélène Lefèvre-Ngô")
    attendance.record_paper(training, course, world.trainer, zoé.id, "d1-pm", "Téléphone oublié")
    presence.record(training, course, world.trainer, hélène.id, "d1-pm", "13:45", "16:30")
    presence.record(
        training, course, world.trainer, zoé.id, "d2-am", None, None, True, "RDV médical"
    )
    reader = PdfReader(io.BytesIO(attendance_sheet_pdf(training, course)))
    assert len(reader.pages) == len(course.half_days)
    pages = [" ".join(plain(p.extract_text()).split()) for p in reader.pages]
    first, second, third = pages[0], pages[1], pages[2]
    assert "FEUILLE D'ÉMARGEMENT" in first and "Formations Exemple" in first
    assert "SIRET 732 829 320 00074" in first and "heures sont celles de Paris" in first
    assert first.count(f"{world.trainer.name} contresigné le") == 2
    assert len(reader.pages[0].images) == 1  # the PNG; the SVG path is drawn as strokes
    assert "Hélène Lefèvre-Ngô nom saisi le" in second
    assert "En attente de contreseing" in second
    assert "Arrivée à 13:45" in second and "Départ à 16:30" in second
    assert "Signature papier : Téléphone oublié" in second
    assert "Absence justifiée : RDV médical" in third
    assert reader.metadata.author == "Formations Exemple"


def test_the_sheet_route_the_grid_link_and_the_zips(world, course, client, sign_in, api):
    attend(world.session, course, world.participant, "d1-am", paper=True)
    path = f"/api/v1/sessions/{world.session.id}/attendance-sheet.pdf"
    for caller, status in ((world.trainer, 200), (world.compliance, 200), (world.admin, 200)):
        response = client.get(path, headers=api.bearer(caller))
        assert response.status_code == status
        assert response.data.startswith(b"%PDF")
    assert client.get(path, headers=api.bearer(world.other_trainer)).status_code == 404
    assert client.get(path).status_code == 401
    sign_in(client, world.trainer)
    grid = client.get(f"/trainer/sessions/{world.session.id}/attendance").get_data(as_text=True)
    assert f"/trainer/sessions/{world.session.id}/attendance/sheet.pdf" in grid
    sheet = client.get(f"/trainer/sessions/{world.session.id}/attendance/sheet")
    assert "sheet.pdf" in sheet.get_data(as_text=True)
    attestations.close_and_issue(world.session, course)
    folder = exports.evidence_folder(world.session, course)
    assert "emargement-signe.pdf" in {f.path for f in folder.files}
    import zipfile

    names = zipfile.ZipFile(io.BytesIO(b"".join(exports.session_zip(world.session.id)))).namelist()
    assert "emargement-signe.pdf" in names


def test_the_api_records_lateness(world, course, api):
    body = {"participant_id": world.participant.id, "slot": "d1-am", "arrived_at": "09:40"}
    done = api.post(f"/sessions/{world.session.id}/attendance/adjustments", world.trainer, body)
    assert done.status_code == 201 and done.get_json()["arrived_at"] == "09:40"
    bad = api.post(
        f"/sessions/{world.session.id}/attendance/adjustments",
        world.trainer,
        {**body, "arrived_at": "25:00"},
    )
    assert bad.status_code == 422
    other = api.post(f"/sessions/{world.session.id}/attendance/adjustments", world.compliance, body)
    assert other.status_code == 403
