"""A live question's options are shuffled once for the whole room: the projector's letters
match every phone, and the order follows the run and the question."""

import re

from lexom_learning.live import room_seed
from lexom_learning.quizzes.shuffle import order_options


def _phone_order(html: str) -> list[str]:
    return re.findall(r'<button type="submit" name="response" value="([^"]+)"', html)


def _projector_texts(html: str) -> list[str]:
    options = re.search(r'<ol class="board-options">(.*?)</ol>', html, re.S).group(1)
    return [t.strip() for t in re.findall(r"</span> ([^<]+)</li>", options)]


def test_the_projector_letters_match_every_phone(app, api, room, sign_in, live_set):
    spec = live_set.questions[0]
    assert spec.type == "single_choice"
    lid = api.start(room)
    assert api.move(room, lid, "next").status_code == 200
    expected = [o.id for o in order_options(spec, room_seed(lid, spec.id))]
    texts = {o.id: o.text for o in spec.options}

    trainer = sign_in(app.test_client(), room.trainer)
    projected = trainer.get(f"/trainer/live/{lid}/board").get_data(as_text=True)
    assert _projector_texts(projected) == [texts[i] for i in expected]
    for person in room.participants:
        phone = sign_in(app.test_client(), person)
        assert _phone_order(phone.get("/me/live").get_data(as_text=True)) == expected
    state = api.state(room.alice, lid).get_json()
    assert [o["id"] for o in state["current"]["options"]] == expected


def test_the_room_order_changes_with_the_run():
    # Over many runs, the first live question's options come in several orders.
    from lexom_learning.modules import load_course
    from tests.conftest import COURSE_DIR

    spec = load_course(COURSE_DIR).quiz("live-day1").questions[0]
    orders = {
        tuple(o.id for o in order_options(spec, room_seed(run, spec.id))) for run in range(40)
    }
    assert len(orders) > 5
