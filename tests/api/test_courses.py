"""GET /courses/{id}: the whole course for any signed-in caller, never a correct answer."""

import pytest

from tests.api.helpers import assert_error


@pytest.mark.parametrize("caller", ["participant", "trainer", "compliance", "admin"])
def test_any_signed_in_caller_reads_the_course(api, world, course, caller):
    response = api.get(f"/courses/{course.id}", world.who(caller))
    assert response.status_code == 200
    data = response.get_json()
    assert data["title"] == course.title
    assert [o["id"] for o in data["objectives"]] == course.objective_ids
    assert [m["id"] for m in data["modules"]] == [m.id for m in course.modules]


def test_units_come_with_their_markdown_and_safe_html(api, world, course):
    data = api.get(f"/courses/{course.id}", world.participant).get_json()
    unit = data["modules"][0]["units"][0]
    expected = course.modules[0].units[0]
    assert (unit["id"], unit["minutes"], unit["covers"]) == (
        expected.id,
        expected.minutes,
        list(expected.covers),
    )
    assert unit["body_markdown"] == expected.body_markdown
    assert unit["html"] == expected.html() and "<p>" in unit["html"]
    assert [len(m["units"]) for m in data["modules"]] == [len(m.units) for m in course.modules]


def test_quizzes_are_public_views_without_answers(api, world, course):
    data = api.get(f"/courses/{course.id}", world.participant).get_json()
    quiz = data["modules"][0]["quizzes"][0]
    spec = course.modules[0].quizzes[0]
    assert [q["id"] for q in quiz["questions"]] == [q.id for q in spec.questions]
    choice = next(q for q in quiz["questions"] if q["type"] == "single_choice")
    assert all(set(option) == {"id", "text"} for option in choice["options"])
    numeric = next(q for q in quiz["questions"] if q["type"] == "numeric")
    assert "answer" not in numeric and "tolerance" not in numeric


def test_the_course_can_be_revalidated_with_its_etag(api, world, course):
    first = api.get(f"/courses/{course.id}", world.participant)
    assert first.headers["ETag"] == f'"{course.version}"'
    again = api.get(
        f"/courses/{course.id}", world.participant, headers={"If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 304 and again.data == b""


def test_unknown_course_is_404_and_anonymous_is_401(api, world, course):
    assert_error(api.get("/courses/inconnu", world.participant), 404)
    assert_error(api.get(f"/courses/{course.id}"), 401)
