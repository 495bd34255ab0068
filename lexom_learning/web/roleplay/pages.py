"""What a participant's phone shows of a run: their own role and brief, never another's."""

from dataclasses import dataclass

from flask import render_template

from ...modules import Course
from ...modules.markdown import render_markdown
from ...roleplay.privacy import participant_view
from ...services import roleplay
from ...services.idempotency import new_key
from ...storage import Participant, RolePlayRun


@dataclass(frozen=True)
class Teammate:
    """A member of the participant's group: name and role name only (no brief)."""

    name: str
    role_name: str
    is_me: bool


def participant_page(
    run: RolePlayRun, course: Course, me: Participant, errors=None, sent=None, general=None
):
    """Render the participant's view of a run; only their own role's brief is passed on."""
    case = roleplay.case_of(run, course)
    view = participant_view(
        case, run.assignments, roleplay.gradings_of(run), me.id, run.status == "closed"
    )
    role = view.role
    people = {p.id: p.name for p in me.session.participants}
    teammates = [
        Teammate(people.get(t.participant_id, "?"), t.role_name, t.is_me) for t in view.teammates
    ]
    return render_template(
        "roleplay/participant_run.html",
        run=run,
        course=course,
        title=case.title,
        minutes=case.minutes,
        context_html=render_markdown(case.context),
        assignment=view.assignment,
        role_name=role.name if role else None,
        brief_html=render_markdown(role.brief) if role else None,
        is_observer=view.fills_grid,
        is_performer=view.is_performer,
        performer_name=people.get(view.performer_id),
        teammates=teammates,
        grid=case.grid,
        criteria={c.id: c.label for c in case.grid},
        last=view.my_grids[-1] if view.my_grids else None,
        received=list(view.received),
        errors=errors or {},
        sent=sent,
        general=general,
        new_key=new_key,
    )
