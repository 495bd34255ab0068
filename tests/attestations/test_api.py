"""The attendance and attestation endpoints of /api/v1, and the xAPI export."""

import io
import zipfile

from lexom_learning.services import attendance
from tests.api.helpers import assert_error
from tests.attestations.conftest import during

PNG = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQ"
    "DwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def open_slot(world, course) -> str:
    return attendance.open_slot(world.session, course).id


def test_a_day_of_attendance_then_closing_issues_the_attestation(api, world, course):
    with during(world.session):
        slot = open_slot(world, course)
        signed = api.post(
            f"/me/attendance/{slot}",
            world.participant,
            {"signature": PNG},
            headers={"User-Agent": "Mozilla/5.0 (iPhone)"},
        )
        assert signed.status_code == 201, signed.get_json()
        assert signed.get_json()["method"] == "drawn_png" and "signature" not in signed.get_json()
        again = api.post(f"/me/attendance/{slot}", world.participant, {"signature": "Moi"})
        assert_error(again, 409)
        assert_error(
            api.post("/me/attendance/d2-pm", world.second, {"signature": "Zoé"}), 409, "slot"
        )
        assert_error(api.post("/me/attendance/d9-xx", world.second, {"signature": "Zoé"}), 404)
        assert_error(api.post(f"/me/attendance/{slot}", world.second, {"signature": ""}), 422)

    base = f"/sessions/{world.session.id}/attendance"
    countersign = {"participant_id": world.participant.id, "slot": slot, "method": "countersign"}
    assert api.post(base, world.trainer, countersign).status_code == 201
    assert_error(api.post(base, world.trainer, countersign), 409)
    paper = {"participant_id": world.second.id, "slot": "d2-am", "method": "paper"}
    assert_error(api.post(base, world.trainer, paper), 422, "reason")
    recorded = api.post(base, world.trainer, {**paper, "reason": "Téléphone oublié"})
    assert recorded.status_code == 201 and recorded.get_json()["reason"] == "Téléphone oublié"
    outsider = {**paper, "participant_id": world.other_participant.id, "reason": "x"}
    assert_error(api.post(base, world.trainer, outsider), 404)

    closed = api.post(f"/sessions/{world.session.id}/close", world.trainer)
    assert closed.status_code == 200
    body = closed.get_json()
    assert body["status"] == "closed" and len(body["issued"]) == 2
    again = api.post(f"/sessions/{world.session.id}/close", world.trainer).get_json()
    assert again == body  # the session's outcome, not what this call did

    listed = api.get(f"/sessions/{world.session.id}/attestations", world.compliance).get_json()
    assert sorted(a["participant_id"] for a in listed) == sorted(
        [world.participant.id, world.second.id]
    )
    mine = next(a for a in listed if a["participant_id"] == world.participant.id)
    assert mine["status"] == "valid" and len(mine["sha256"]) == 64 and mine["hours_attended"] == 3.5
    pdf = api.get(f"/attestations/{mine['number']}.pdf", world.participant)
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert pdf.data.startswith(b"%PDF")
    assert_error(api.post(f"/me/attendance/{slot}", world.second, {"signature": "Zoé"}), 409)


def test_the_zip_of_a_session(api, world, issued):
    response = api.get(f"/sessions/{world.session.id}/attestations.zip", world.compliance)
    assert response.status_code == 200 and response.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    assert archive.read(f"attestations/{issued.number}.pdf") == issued.pdf


def test_the_xapi_export(api, world, course, issued):
    statements = api.get(f"/sessions/{world.session.id}/events.xapi.json", world.trainer)
    data = statements.get_json()
    verbs = [s["verb"]["id"] for s in data]
    assert verbs.count("http://adlnet.gov/expapi/verbs/attended") == 2  # countersign, paper
    assert verbs.count("http://adlnet.gov/expapi/verbs/satisfied") == 1
    for statement in data:
        assert {"id", "actor", "verb", "object", "timestamp", "context", "version"} <= set(
            statement
        )
        assert statement["actor"]["objectType"] == "Agent"
        assert "mbox" not in statement["actor"] and statement["actor"]["account"]["name"]
        assert "://lexom.test/xapi/activities/" in statement["object"]["id"]
        assert statement["context"]["contextActivities"]["parent"][0]["id"].endswith(course.id)
        assert statement["verb"]["display"]["en-US"]
    signed = next(s for s in data if s["verb"]["id"].endswith("/attended"))
    assert signed["actor"]["name"] == world.trainer.name
    assert signed["object"]["id"].endswith("/d1-am") and signed["result"]["completion"] is True
    issued_statement = next(s for s in data if s["verb"]["id"].endswith("/satisfied"))
    assert issued_statement["actor"]["name"] == "Formations Exemple"
    assert issued_statement["object"]["id"].endswith(issued.number)
    assert len({s["id"] for s in data}) == len(data)


def test_xapi_scores(world, course):
    from lexom_learning.completion.xapi import LogLine, statement
    from lexom_learning.storage.types import utcnow

    line = LogLine(
        7,
        1,
        2,
        "participant:2",
        "Zoé",
        "quiz_submitted",
        "m1-quiz",
        {"attempt": 1, "earned": 3, "possible": 4},
        "v1",
        utcnow(),
    )
    result = statement(line, "https://x.test", course.id, course.title)["result"]
    assert result["score"] == {"raw": 3, "min": 0, "max": 4, "scaled": 0.75}
    assert result["extensions"] == {"urn:lexom:result:attempt": 1}
    assert statement(line, "https://x.test", "c", "t")["verb"]["id"].endswith("/scored")
