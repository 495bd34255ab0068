"""A participant never receives another role's brief: every page and API answer they can get,
before, during and after the run, for every role."""

import html
import json
import re

import pytest

from lexom_learning.services import roleplay
from tests.api.helpers import Api
from tests.evaluations.helpers import make_room

CASE = "rp-m1-diagnostic-cosmetiques"
WORD = re.compile(r"^[\wÀ-ÿ'’«»,.;:!?()%€/+−-]+$")


def fragments(brief: str, size: int = 6) -> set[str]:
    """Return every run of ``size`` plain words of a brief (Markdown marks left out)."""
    words = [w for w in re.sub(r"[*_`#>]", " ", brief).split() if w != "-"]
    return {
        " ".join(words[i : i + size])
        for i in range(len(words) - size + 1)
        if all(WORD.match(w) for w in words[i : i + size])
    }


def public_text(case) -> str:
    """Return what the case shows everyone: context, grid, role names (not a brief)."""
    parts = [case.title, case.context, *(r.name for r in case.roles)]
    for criterion in case.grid:
        parts += [criterion.label, *criterion.levels.values()]
    return " ".join(re.sub(r"[*_`#>]", " ", " ".join(parts)).split())


def secret(brief: str, case) -> set[str]:
    """Return the fragments of a brief that appear nowhere in the public material."""
    shared = public_text(case)
    return {f for f in fragments(brief) if f not in shared}


def visible_text(response) -> str:
    """Return what a response carries, as plain text (HTML tags out, JSON decoded)."""
    if response.is_json:
        text = json.dumps(response.get_json(), ensure_ascii=False)
    else:
        text = html.unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)))
    return " ".join(text.replace("\\n", " ").split())


@pytest.fixture
def played(app, course, factories):
    """Two groups of four in the case; one observer has filled a grid."""
    room = make_room(factories, 8)
    case = course.roleplay(CASE)
    run = roleplay.create_run(room.session, course, CASE, room.trainer)
    roleplay.assign_auto(run, course, room.session, room.trainer, seed=3)
    observer_id = next(a.participant_id for a in run.assignments if a.role_id == "observateur")
    observer = next(p for p in room.people if p.id == observer_id)
    roleplay.submit_grid(run, course, observer, {c.id: 3 for c in case.grid}, "Bien.")
    return room, run, case


def responses_of(client, api, sign_in, person, run, case):
    sign_in(client, person)
    grid = {c.id: 9 for c in case.grid}
    yield client.get("/me/")
    yield client.get("/me/roleplays")
    yield client.get(f"/me/roleplays/{run.id}")
    page = client.get(f"/me/roleplays/{run.id}")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.get_data(as_text=True))
    form = {f"c.{k}": str(v) for k, v in grid.items()}
    if token:
        form["csrf_token"] = token.group(1)
    yield client.post(f"/me/roleplays/{run.id}/grid", data=form)
    yield client.get(f"/trainer/roleplays/{run.id}")
    yield api.get("/me/roleplays", person)
    yield api.get(f"/me/roleplays/{run.id}", person)
    yield api.get(f"/roleplays/{run.id}", person)
    yield api.get(f"/roleplays/{run.id}/grids", person)
    yield api.post(f"/roleplays/{run.id}/grids", person, {"scores": grid})


def test_each_participant_sees_their_own_brief_and_no_other(app, client, course, sign_in, played):
    room, run, case = played
    api = Api(client)
    by_person = {a.participant_id: a.role_id for a in run.assignments}
    for phase in ("during", "after"):
        if phase == "after":
            roleplay.close_run(run, course, room.trainer)
        for person in room.people:
            own = case.role(by_person[person.id])
            others = [r for r in case.roles if r.id != own.id]
            texts = [visible_text(r) for r in responses_of(client, api, sign_in, person, run, case)]
            everything = " ".join(texts)
            assert any(f in everything for f in fragments(own.brief)), (phase, own.id)
            for role in others:
                leaked = [f for f in secret(role.brief, case) if f in everything]
                assert leaked == [], (phase, own.id, role.id, leaked[:3])


def test_a_participant_outside_the_run_sees_no_brief(
    app, client, course, sign_in, played, factories
):
    room, run, case = played
    late = factories.ParticipantFactory(session=room.session)
    api = Api(client)
    texts = " ".join(visible_text(r) for r in responses_of(client, api, sign_in, late, run, case))
    for role in case.roles:
        assert not any(f in texts for f in secret(role.brief, case)), role.id
