"""The trainer runs a role play from the session page; observers fill the grid on a phone."""

import re

from lexom_learning.services import roleplay
from tests.conftest import csrf_token_from
from tests.evaluations.helpers import make_room

CASE = "rp-m1-diagnostic-cosmetiques"


def post(client, page_url, url, data=None):
    token = csrf_token_from(client.get(page_url).get_data(as_text=True))
    return client.post(url, data={"csrf_token": token, **(data or {})})


def test_trainer_runs_a_case_from_pick_to_close(client, course, factories, sign_in):
    room = make_room(factories, 8)
    sign_in(client, room.trainer)
    session_page = f"/trainer/sessions/{room.session.id}"
    html = client.get(session_page).get_data(as_text=True)
    assert "Lancer un jeu de rôles" in html and course.roleplay(CASE).title in html
    response = post(
        client, session_page, f"/trainer/sessions/{room.session.id}/roleplays", {"case_id": CASE}
    )
    assert response.status_code == 303
    page = response.headers["Location"]
    run_id = int(re.search(r"/trainer/roleplays/(\d+)", page).group(1))
    assert (
        post(client, page, f"/trainer/roleplays/{run_id}/groups/auto", {"seed": "4"}).status_code
        == 303
    )
    html = client.get(page).get_data(as_text=True)
    assert "graine du tirage 4" in html and "Groupe 2" in html
    run = roleplay.get_run(run_id)
    by_hand = {f"group-{p.id}": "1" for p in room.people[:4]}
    by_hand |= {
        f"role-{room.people[0].id}": "responsable",
        f"role-{room.people[3].id}": "observateur",
    }
    post(client, page, f"/trainer/roleplays/{run_id}/groups", by_hand)
    from lexom_learning.extensions import db

    db.session.expire_all()
    assert {a.group_no for a in run.assignments} == {1} and len(run.assignments) == 4
    observer = room.people[3]
    sign_in(client, observer)
    me_page = f"/me/roleplays/{run_id}"
    html = client.get(me_page).get_data(as_text=True)
    case = course.roleplay(CASE)
    assert "Grille d'observation" in html and case.grid[0].levels[4] in html
    scores = {f"c.{c.id}": "4" for c in case.grid}
    response = post(client, me_page, f"/me/roleplays/{run_id}/grid", scores | {"comment": "Net."})
    assert response.status_code == 303
    sign_in(client, room.trainer)
    html = client.get(page).get_data(as_text=True)
    assert "moy. 4" in html and "Net." in html
    assert "Des grilles sont remplies" in html
    post(client, page, f"/trainer/roleplays/{run_id}/debrief", {"note": "Très bon échange."})
    post(client, page, f"/trainer/roleplays/{run_id}/close")
    html = client.get(page).get_data(as_text=True)
    assert "Très bon échange." in html and "Terminé" in html
    sign_in(client, room.people[0])  # the performer reads the grid once closed
    html = client.get(me_page).get_data(as_text=True)
    assert "Les grilles de vos observateurs" in html and "4/4" in html and "Net." in html


def test_a_bad_grid_is_shown_again_with_its_errors(client, course, factories, sign_in):
    room = make_room(factories, 4)
    run = roleplay.create_run(room.session, course, CASE, room.trainer)
    roleplay.assign_auto(run, course, room.session, room.trainer, seed=1)
    observer_id = next(a.participant_id for a in run.assignments if a.role_id == "observateur")
    observer = next(p for p in room.people if p.id == observer_id)
    sign_in(client, observer)
    page = f"/me/roleplays/{run.id}"
    response = post(client, page, f"/me/roleplays/{run.id}/grid", {"c.c1": "7", "c.zz": "2"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "entre 1 et 4" in html and "Critère inconnu" in html and "Choisissez un niveau" in html
    player = next(p for p in room.people if p.id != observer_id)
    sign_in(client, player)
    response = post(client, "/login", f"/me/roleplays/{run.id}/grid", {"c.c1": "3"})
    assert response.status_code == 403
    assert roleplay.gradings_of(run) == []


def test_a_participant_lists_their_role_plays(client, course, factories, sign_in):
    room = make_room(factories, 4)
    run = roleplay.create_run(room.session, course, CASE, room.trainer)
    sign_in(client, room.people[0])
    assert course.roleplay(CASE).title not in client.get("/me/roleplays").get_data(as_text=True)
    roleplay.assign_auto(run, course, room.session, room.trainer, seed=1)
    html = client.get("/me/roleplays").get_data(as_text=True)
    assert course.roleplay(CASE).title in html and "Votre rôle" in html
