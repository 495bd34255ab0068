"""Role-play endpoints: runs, groups and roles, grids, debrief; a participant's own role only."""

from flask import jsonify, request, url_for

from ...modules import RolePlayCase
from ...modules.markdown import render_markdown
from ...roleplay.privacy import participant_view
from ...services import roleplay
from ...services.errors import Invalid, NotFound
from ...services.idempotency import HEADER, checked_key
from ...storage import Participant, RolePlayGrading, RolePlayRun
from ..roleplay.grids import groups_of
from . import bp
from .access import course_of, managed_session, participant, readable_session, staff
from .models_core import IdempotencyHeader
from .models_evaluations import (
    DebriefNote,
    Grading,
    GridCreate,
    MyRolePlay,
    MyRunList,
    RolePlayGroups,
    RolePlayRunCreate,
    RolePlayRunList,
    RunGrids,
)
from .models_evaluations import RolePlayRun as RunOut
from .serializers import row_data
from .spec import WRITE, WRITE_OR_CONFLICT, EmptyBody, operation, validated_body


def run_data(run: RolePlayRun, case: RolePlayCase | None) -> dict:
    """Return a run's summary."""
    assignments = [
        {"participant_id": a.participant_id, "group": a.group_no, "role_id": a.role_id}
        for a in run.assignments
    ]
    title = case.title if case else None
    return row_data(RunOut, run, title=title, assignments=assignments)


def grading_data(grading: RolePlayGrading) -> dict:
    """Return one observer's grid."""
    return {
        "observer_id": grading.observer_id,
        "performer_id": grading.performer_id,
        "group": grading.group_no,
        "scores": {s.criterion_id: s.level for s in grading.scores},
        "comment": grading.comment,
        "reason": grading.reason,
        "created_at": grading.created_at.isoformat(),
    }


def _staff_run(rid: int, manage: bool = False):
    who = staff()
    run = roleplay.get_run(rid)
    training = (managed_session if manage else readable_session)(run.session_id, who)
    course = course_of(training)
    return who, run, training, course


@bp.get("/sessions/<int:sid>/roleplays")
@operation("roleplays", RolePlayRunList)
def list_runs(sid: int):
    """List a session's role-play runs."""
    training = readable_session(sid, staff())
    course = course_of(training)
    runs = roleplay.runs_of_session(training.id)
    return jsonify([run_data(r, course.roleplay(r.case_id)) for r in runs])


@bp.post("/sessions/<int:sid>/roleplays")
@operation("roleplays", RunOut, 201, WRITE_OR_CONFLICT, body=RolePlayRunCreate)
def create_run(sid: int):
    """Start a run of a case (trainer of the session)."""
    who = staff()
    training = managed_session(sid, who)
    body = validated_body().model_dump(exclude_unset=True)
    course = course_of(training)
    run = roleplay.create_run(training, course, body["case_id"], who)
    response = jsonify(run_data(run, course.roleplay(run.case_id)))
    response.headers["Location"] = url_for("api.get_run", rid=run.id)
    return response, 201


@bp.get("/roleplays/<int:rid>")
@operation("roleplays", RunOut)
def get_run(rid: int):
    """Return a run with its groups and roles (staff who may read the session)."""
    _who, run, _training, course = _staff_run(rid)
    return jsonify(run_data(run, course.roleplay(run.case_id)))


@bp.put("/roleplays/<int:rid>/groups")
@operation("roleplays", RunOut, 200, WRITE_OR_CONFLICT, body=RolePlayGroups)
def set_groups(rid: int):
    """Form groups automatically (``mode: auto``) or by hand (``assignments``)."""
    who, run, training, course = _staff_run(rid, manage=True)
    body = validated_body().model_dump(exclude_unset=True)
    if body.get("mode") == "auto":
        roleplay.assign_auto(run, course, training, who, body.get("seed"), body.get("groups"))
    else:
        wanted = {}
        for item in body.get("assignments", []):
            if item["participant_id"] in wanted:
                raise Invalid("Un participant ne peut être que dans un seul groupe.")
            wanted[item["participant_id"]] = (item["group"], item.get("role_id"))
        roleplay.assign_by_hand(run, course, training, who, wanted, body.get("seed"))
    return jsonify(run_data(run, course.roleplay(run.case_id)))


@bp.get("/roleplays/<int:rid>/grids")
@operation("roleplays", RunGrids)
def run_grids(rid: int):
    """Return every group's latest grids side by side, with the mean level per criterion."""
    _who, run, _training, course = _staff_run(rid)
    case = roleplay.case_of(run, course)
    groups = groups_of(run, case)
    return jsonify(
        {
            "run_id": run.id,
            "criteria": [
                {"id": c.id, "label": c.label, "objectives": c.objectives} for c in case.grid
            ],
            "groups": [
                {
                    "group": g.number,
                    "performer_id": g.performer.id if g.performer else None,
                    "gradings": [grading_data(x) for x in g.gradings],
                    "means": {c.id: g.mean(c.id) for c in case.grid},
                }
                for g in groups
            ],
        }
    )


@bp.post("/roleplays/<int:rid>/grids")
@operation("roleplays", Grading, 201, WRITE_OR_CONFLICT, body=GridCreate, headers=IdempotencyHeader)
def submit_grid(rid: int):
    """Record the calling observer's grid for the performer of their group (the same grid sent
    again with its ``Idempotency-Key`` records nothing and gets the first one back)."""
    person = participant()
    run = _participant_run(person, rid)
    key = checked_key(request.headers.get(HEADER), HEADER)
    body = validated_body().model_dump(exclude_unset=True)
    grading = roleplay.submit_grid(
        run,
        course_of(person.session),
        person,
        body["scores"],
        body.get("comment", ""),
        body.get("reason", ""),
        idempotency_key=key,
    )
    return jsonify(grading_data(grading)), 201


@bp.put("/roleplays/<int:rid>/debrief")
@operation("roleplays", RunOut, 200, WRITE, body=DebriefNote)
def debrief(rid: int):
    """Save the debrief note."""
    who, run, _training, course = _staff_run(rid, manage=True)
    roleplay.set_debrief(run, course, validated_body().note, who)
    return jsonify(run_data(run, course.roleplay(run.case_id)))


@bp.post("/roleplays/<int:rid>/close")
@operation("roleplays", RunOut, 200, WRITE, body=EmptyBody)
def close_run(rid: int):
    """Close the run (idempotent)."""
    who, run, _training, course = _staff_run(rid, manage=True)
    validated_body()  # no fields: refused only once the caller may do this
    roleplay.close_run(run, course, who)
    return jsonify(run_data(run, course.roleplay(run.case_id)))


def _participant_run(person: Participant, rid: int) -> RolePlayRun:
    run = roleplay.get_run(rid)
    if run.session_id != person.session_id:
        raise NotFound("Jeu de rôles introuvable.")
    return run


@bp.get("/me/roleplays")
@operation("learner", MyRunList)
def my_runs():
    """List the runs in which the calling participant has a role."""
    person = participant()
    course = course_of(person.session)
    found = []
    for run in roleplay.runs_of_session(person.session_id):
        mine = roleplay.assignment_of(run, person)
        case = course.roleplay(run.case_id)
        if mine is not None and case is not None:
            role = case.role(mine.role_id)
            found.append(
                {
                    "run_id": run.id,
                    "case_id": case.id,
                    "title": case.title,
                    "status": run.status,
                    "group": mine.group_no,
                    "role": {"id": role.id, "name": role.name},
                }
            )
    return jsonify(found)


@bp.get("/me/roleplays/<int:rid>")
@operation("learner", MyRolePlay)
def my_run(rid: int):
    """Return the caller's own role and brief (never another's), group, and grid if observer."""
    person = participant()
    run = _participant_run(person, rid)
    course = course_of(person.session)
    case = roleplay.case_of(run, course)
    data = {
        "run_id": run.id,
        "case_id": case.id,
        "title": case.title,
        "status": run.status,
        "context_html": render_markdown(case.context),
        "role": None,
    }
    view = participant_view(
        case, run.assignments, roleplay.gradings_of(run), person.id, run.status == "closed"
    )
    if view.assignment is None:
        return jsonify(data)
    role = view.role
    people = {p.id: p.name for p in person.session.participants}
    data["group"] = view.assignment.group_no
    data["role"] = {
        "id": role.id,
        "name": role.name,
        "brief": role.brief,
        "observer": role.observer,
        "assessed": view.is_performer,
    }
    data["teammates"] = [
        {
            "participant_id": t.participant_id,
            "name": people.get(t.participant_id),
            "role_name": t.role_name,
        }
        for t in view.teammates
    ]
    if view.fills_grid:
        data["grid"] = [
            {"id": c.id, "label": c.label, "levels": {str(k): v for k, v in c.levels.items()}}
            for c in case.grid
        ]
    data["my_grids"] = [grading_data(g) for g in view.my_grids]
    if view.is_performer and run.status == "closed":
        data["received"] = [grading_data(g) for g in view.received]
    return jsonify(data)
