"""What a participant's phone shows of a run: their own role and brief, never another's."""

from dataclasses import dataclass

from flask import render_template

from ...modules import Course
from ...modules.markdown import render_markdown
from ...services import roleplay
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
    mine = roleplay.assignment_of(run, me)
    role = case.role(mine.role_id) if mine else None
    teammates, performer_name, last, received = [], None, None, []
    if mine is not None:
        people = {p.id: p for p in me.session.participants}
        for item in run.assignments:
            if item.group_no == mine.group_no:
                person = people.get(item.participant_id)
                teammates.append(
                    Teammate(
                        person.name if person else "?",
                        case.role(item.role_id).name,
                        item.participant_id == me.id,
                    )
                )
                if item.role_id == case.assessed_role and person is not None:
                    performer_name = person.name
        gradings = roleplay.gradings_of(run)
        last = next((g for g in reversed(gradings) if g.observer_id == me.id), None)
        if run.status == "closed" and mine.role_id == case.assessed_role:
            received = [g for g in roleplay.latest_gradings(gradings) if g.performer_id == me.id]
    return render_template(
        "roleplay/participant_run.html",
        run=run,
        course=course,
        title=case.title,
        minutes=case.minutes,
        context_html=render_markdown(case.context),
        assignment=mine,
        role_name=role.name if role else None,
        brief_html=render_markdown(role.brief) if role else None,
        is_observer=bool(role and role.observer),
        is_performer=bool(role and role.id == case.assessed_role),
        performer_name=performer_name,
        teammates=teammates,
        grid=case.grid,
        criteria={c.id: c.label for c in case.grid},
        last=last,
        received=received,
        errors=errors or {},
        sent=sent,
        general=general,
    )
