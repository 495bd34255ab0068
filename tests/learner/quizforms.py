"""Fill in a quiz form the way a learner would, from the quiz's spec (the tests know answers)."""

import re

from tests.conftest import csrf_token_from


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
            data.update({f"{name}.{item.id}": str(r) for r, item in enumerate(q.items, 1)})
        elif q.type == "matching":
            data.update({f"{name}.{pair.id}": pair.id for pair in q.pairs})
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
