"""Staff endpoints: sessions, their participants and their progress."""

from flask import jsonify, url_for

from ...extensions import db
from ...services import employers, figures, learning, schedule, sessions
from ...services.errors import NotFound
from ..content import courses
from ..security import can_manage_session
from . import bp
from .access import course_of, managed_session, readable_session, staff
from .models_core import Participant as ParticipantOut
from .models_core import (
    ParticipantCreate,
    ParticipantList,
    Session,
    SessionCreate,
    SessionList,
    SessionProgress,
    SessionUpdate,
)
from .serializers import (
    attainment_data,
    participant_counts,
    participant_data,
    progress_data,
    session_data,
)
from .spec import WRITE, WRITE_OR_CONFLICT, operation, validated_body


@bp.get("/sessions")
@operation("sessions", SessionList, 200, (401, 403))
def list_sessions():
    """List the sessions the caller may see: a trainer's own, every session for others."""
    visible = sessions.sessions_visible_to(staff())
    counts = participant_counts([s.id for s in visible])
    return jsonify([session_data(s, counts.get(s.id, 0)) for s in visible])


@bp.post("/sessions")
@operation("sessions", Session, 201, WRITE, body=SessionCreate)
def create_session():
    """Create a session of a course, run by the calling trainer."""
    trainer = staff("trainer")
    body = validated_body().model_dump(exclude_unset=True)
    course = courses().get(body["course_id"])
    if course is None:
        raise NotFound("Formation inconnue : %(course)s.", "course_id", course=body["course_id"])
    kind = employers.session_kind(
        body.get("kind"), body.get("client_name"), body.get("client_siret"), body.get("funder")
    )
    training = sessions.create_session(
        trainer,
        course,
        body["title"],
        body["starts_on"],
        body["ends_on"],
        body["location"],
        body.get("schedule"),
    )
    employers.set_session_kind(training, kind)
    response = jsonify(session_data(training, 0))
    response.headers["Location"] = url_for("api.get_session", sid=training.id)
    return response, 201


@bp.get("/sessions/<int:sid>")
@operation("sessions", Session)
def get_session(sid: int):
    """Return one session the caller may read."""
    return jsonify(session_data(readable_session(sid, staff())))


@bp.patch("/sessions/<int:sid>")
@operation("sessions", Session, 200, WRITE_OR_CONFLICT, body=SessionUpdate)
def update_session(sid: int):
    """Move some half-days of a session (dates and times in Europe/Paris)."""
    training = managed_session(sid, staff())
    body = validated_body().model_dump()
    schedule.update_schedule(training, course_of(training), body["schedule"])
    return jsonify(session_data(training))


@bp.get("/sessions/<int:sid>/participants")
@operation("sessions", ParticipantList)
def list_participants(sid: int):
    """List a session's participants; access tokens only for those who manage it."""
    who = staff()
    training = readable_session(sid, who)
    with_access = can_manage_session(who, training)
    return jsonify([participant_data(p, with_access) for p in training.participants])


@bp.post("/sessions/<int:sid>/participants")
@operation("sessions", ParticipantOut, 201, WRITE_OR_CONFLICT, body=ParticipantCreate)
def add_participant(sid: int):
    """Enrol one participant and return their personal access token and link."""
    training = managed_session(sid, staff())
    body = validated_body().model_dump(exclude_unset=True)
    employer = (body.get("employer_name"), body.get("employer_siret"))
    person = sessions.add_participant(
        training, body["name"], body["email"], body.get("manager_email"), employer
    )
    response = jsonify(participant_data(person, with_access=True))
    response.headers["Location"] = url_for("api.list_participants", sid=training.id)
    return response, 201


@bp.get("/sessions/<int:sid>/progress")
@operation("sessions", SessionProgress)
def session_progress(sid: int):
    """Return each participant's progress per module and attainment per objective."""
    training = readable_session(sid, staff())
    course = course_of(training)
    people = list(training.participants)
    found = figures.group_of(db.session, course, [p.id for p in people])
    return jsonify(
        {
            "session_id": training.id,
            "course_id": course.id,
            "thresholds": course.attestation.thresholds.model_dump(),
            "objectives": [{"id": o.id, "text": o.text} for o in course.objectives],
            "participants": [
                {
                    "id": person.id,
                    "name": person.name,
                    "email": person.email,
                    "progress": progress_data(learning.progress(person, course)),
                    "attainment": attainment_data(found.participants[person.id]),
                }
                for person in people
            ],
            "group": attainment_data(found.group),
        }
    )
