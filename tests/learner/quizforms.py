"""Fill in a quiz form the way a learner would, from the quiz's spec (the tests know answers)."""

import re

from lexom_learning.quizzes import matching, ordering
from tests.conftest import csrf_token_from

# The ordering question of tests/learner/data/all_types_quiz.yaml: its items' form fields are
# named after their public ids (made from the text), never after the author ids i1, i2, i3.
ORDER_I1 = f"q.t-order.{ordering.item_id('Zéro - repérer la mutation')}"
ORDER_I2 = f"q.t-order.{ordering.item_id('Mesurer la conséquence')}"


def right_form(quiz) -> dict[str, str | list[str]]:
    """Return form fields answering every question of the quiz correctly."""
    data: dict[str, str | list[str]] = {}
    for q in quiz.questions:
        name = f"q.{q.id}"
        if q.type == "single_choice":
            data[name] = next(o.id for o in q.options if o.correct)
        elif q.type == "multiple_choice":
            data[name] = [o.id for o in q.options if o.correct]
        elif q.type == "true_false":
            data[name] = "true" if q.answer else "false"
        elif q.type == "numeric":
            data[name] = f"{q.answer:g}".replace(".", ",")
        elif q.type == "short_text":
            data[name] = q.accepted[0]
        elif q.type == "ordering":
            ranks = enumerate(ordering.answer_key(q), 1)
            data.update({f"{name}.{item_id}": str(rank) for rank, item_id in ranks})
        elif q.type == "matching":
            data.update({f"{name}.{left}": right for left, right in matching.answer_key(q).items()})
        elif q.type == "likert":
            data[name] = str(q.scale.max)
        elif q.type == "free_text":
            data[name] = "Très utile."
    return data


def form_page(phone, quiz_id: str) -> tuple[str, dict[str, str]]:
    """Open the quiz page; return its HTML and its hidden fields (CSRF token, attempt number)."""
    html = phone.get(f"/me/quizzes/{quiz_id}").get_data(as_text=True)
    attempt = re.search(r'name="tentative" value="(\d+)"', html)
    assert attempt, "no attempt number in the quiz form"
    return html, {"csrf_token": csrf_token_from(html), "tentative": attempt.group(1)}


def submit(phone, quiz_id: str, data: dict):
    """Open the quiz page and send the form with ``data`` (as a tap on "Valider" would)."""
    _, hidden = form_page(phone, quiz_id)
    return phone.post(f"/me/quizzes/{quiz_id}", data={**hidden, **data})
