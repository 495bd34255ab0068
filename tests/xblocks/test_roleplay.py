"""The role-play block: one role, only its brief, the grid in self or peer assessment."""

import re

import pytest

from lexom_learning.typography import french
from lexom_learning.xblocks import content

CASE_ID = "rp-m2-comite-direction"


def case_block(store, case_id=CASE_ID, attrs=""):
    return store.parse(f'<lexom_roleplay case_id="{case_id}" {attrs}/>')


def full_grid(case, level=3):
    return {c.id: level for c in case.grid}


def brief_marker(role):
    """A phrase of the brief, free of characters that HTML or Markdown would rewrite, as the
    page shows it (French typography applied: no-break spaces before « ; », in numbers...)."""
    phrase = max(re.split(r"[^\w ,.;-]", role.brief), key=len)
    assert len(phrase) >= 15, role.id
    return french(phrase)


@pytest.mark.parametrize("case_id", [c.id for c in content.course().roleplays])
def test_every_case_shows_its_roles_but_no_brief_before_a_role_is_chosen(store, case_id):
    case = content.roleplay(case_id)
    html = store.view(store.block(case_block(store, case_id))).content
    assert "Choisissez votre rôle" in html
    for role in case.roles:
        assert f'data-role="{role.id}"' in html
        assert brief_marker(role) not in html


def test_the_chosen_role_shows_only_its_own_brief_and_cannot_change(store):
    case = content.roleplay(CASE_ID)
    usage = case_block(store)
    reply = store.call(store.block(usage), "choose_role", {"role": "dg"})
    assert reply.status == 200 and reply.body["role"] == "dg"
    html = store.view(store.block(usage)).content
    assert "Votre rôle : Directeur général" in html
    assert brief_marker(case.role("dg")) in html
    for other in case.roles:
        if other.id != "dg":
            assert brief_marker(other) not in html
    again = store.call(store.block(usage), "choose_role", {"role": "daf"})
    assert again.status == 409 and store.block(usage).role == "dg"


@pytest.mark.parametrize("body", [{"role": "nobody"}, {"role": 3}, {}, [], "dg", None])
def test_an_unknown_or_malformed_role_is_refused(store, body):
    usage = case_block(store)
    reply = store.call(store.block(usage), "choose_role", body)
    assert reply.status == 400 and reply.body["error"] == "Choisissez un des rôles du cas."


def test_in_self_assessment_the_assessed_player_scores_their_grid_and_completes(store):
    case = content.roleplay(CASE_ID)
    usage = case_block(store)
    store.call(store.block(usage), "choose_role", {"role": case.assessed_role})
    html = store.view(store.block(usage)).content
    assert "Évaluez votre prestation" in html
    for criterion in case.grid:
        assert f'data-criterion-id="{criterion.id}"' in html
    body = {"levels": full_grid(case), "comment": " Bien. "}
    reply = store.call(store.block(usage), "submit_grid", body)
    assert reply.status == 200 and reply.body["completed"] is True
    block = store.block(usage)
    assert block.levels == full_grid(case) and block.comment == "Bien."
    html = reply.body["html"]
    assert "Débriefing" in html and case.debrief[0].replace("'", "&#39;") in html
    assert [e.data["completion"] for e in store.events_of("completion")] == [1.0]
    assert store.call(block, "submit_grid", {"levels": full_grid(case)}).status == 409


def test_in_self_assessment_the_other_roles_complete_without_a_grid(store):
    usage = case_block(store)
    store.call(store.block(usage), "choose_role", {"role": "observateur"})
    block = store.block(usage)
    assert "Évaluez" not in store.view(block).content
    assert store.call(block, "submit_grid", {"levels": {}}).status == 403
    reply = store.call(store.block(usage), "complete", {})
    assert reply.status == 200 and store.block(usage).completed
    assert len(store.events_of("completion")) == 1


def test_in_peer_assessment_the_observer_scores_the_assessed_role(store):
    case = content.roleplay(CASE_ID)
    usage = case_block(store, attrs='assessment="peer"')
    store.call(store.block(usage, "obs"), "choose_role", {"role": "observateur"})
    html = store.view(store.block(usage, "obs")).content
    assert "Évaluez la prestation du rôle : Responsable marketing" in html
    graded = store.call(store.block(usage, "obs"), "submit_grid", {"levels": full_grid(case, 4)})
    assert graded.status == 200
    store.call(store.block(usage, "player"), "choose_role", {"role": case.assessed_role})
    player = store.block(usage, "player")
    assert store.call(player, "submit_grid", {"levels": full_grid(case)}).status == 403
    assert store.call(store.block(usage, "player"), "complete", {}).status == 200


def test_a_wrong_grid_lists_its_errors_and_records_nothing(store):
    case = content.roleplay(CASE_ID)
    usage = case_block(store)
    store.call(store.block(usage), "choose_role", {"role": case.assessed_role})
    levels = full_grid(case)
    first, second = case.grid[0].id, case.grid[1].id
    levels[first], levels[second] = 5, "3"
    reply = store.call(store.block(usage), "submit_grid", {"levels": levels})
    assert reply.status == 400 and set(reply.body["errors"]) == {first, second}
    for body in ({"levels": []}, {"levels": None}, [], {"levels": full_grid(case), "comment": 3}):
        assert store.call(store.block(usage), "submit_grid", body).status == 400
    assert not store.block(usage).completed and not store.events


def test_the_grid_needs_a_role_first(store):
    usage = case_block(store)
    assert store.call(store.block(usage), "submit_grid", {"levels": {}}).status == 403
    assert store.call(store.block(usage), "complete", {}).status == 409


def test_the_means_of_every_learners_grid_are_shared_but_not_their_roles(store):
    case = content.roleplay(CASE_ID)
    usage = case_block(store)
    for learner, level in (("ann", 2), ("ben", 4)):
        store.call(store.block(usage, learner), "choose_role", {"role": case.assessed_role})
        store.call(store.block(usage, learner), "submit_grid", {"levels": full_grid(case, level)})
    html = store.view(store.block(usage, "ben")).content
    assert "Moyenne de tous les participants : 3 / 4" in html
    newcomer = store.block(usage, "cid")
    assert newcomer.role == "" and "Choisissez votre rôle" in store.view(newcomer).content


def test_a_role_given_by_the_author_is_shown_at_once_and_cannot_be_replaced(store):
    case = content.roleplay(CASE_ID)
    usage = case_block(store, attrs='assigned_role="daf"')
    html = store.view(store.block(usage)).content
    assert "Ce rôle vous a été attribué." in html and brief_marker(case.role("daf")) in html
    assert store.call(store.block(usage), "choose_role", {"role": "dg"}).status == 409


def test_an_unknown_case_shows_a_message_and_refuses_every_action(store):
    usage = case_block(store, "rp-nothing")
    html = store.view(store.block(usage)).content
    assert "Contenu introuvable dans le cours : rp-nothing." in html
    for handler in ("choose_role", "submit_grid", "complete"):
        assert store.call(store.block(usage), handler, {}).status == 404
