"""A session where one learner took part in everything: module quiz, live quiz, role plays as
performer and as observer, evaluations (free text included), attendance with a drawn
signature, attestation, cold invitation e-mail sent, export ZIP in the instance folder."""

import base64
import struct
import time
import uuid
import zlib
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from lexom_learning.extensions import db
from lexom_learning.services import (
    attendance,
    attestations,
    cold,
    evaluations,
    exports,
    learning,
    live,
    live_answers,
    outbox,
    roleplay,
)
from lexom_learning.storage import ColdInvitation, ExportJob
from tests.api.helpers import responses, right_response
from tests.evaluations.helpers import RecordingTransport
from tests.factories import SignatureFactory

CASE = "rp-m1-diagnostic-cosmetiques"
LIVE_SET = "live-day1"
COMMENT = "Commentaire libre confidentiel"


def png(seed: int) -> str:
    """Return a valid 1x1 PNG as a data URL, different for each seed."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    pixel = zlib.compress(bytes([0, seed % 256, (seed // 256) % 256, 7]))
    raw = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", pixel)
        + chunk(b"IEND", b"")
    )
    return "data:image/png;base64," + base64.b64encode(raw).decode()


@dataclass
class Everything:
    """The session, its people, and what identifies the learner to erase."""

    session: Any
    trainer: Any
    person: Any
    others: list
    name: str
    email: str
    signature: str
    live_run_id: int


def _sign(training, course, person, slot: str, signature: str):
    user_agent = f"Mozilla/5.0 ({person.name})"
    SignatureFactory(
        person=person, slot=slot, method="drawn_png", signature=signature, user_agent=user_agent
    )
    attendance.countersign(training, course, training.trainer, person.id, slot)


def _evaluation_responses(course, kind: str, comment: str) -> dict[str, Any]:
    answers = {}
    for question in evaluations.evaluation_of(course, kind).questions:
        if question.type == "likert":
            answers[question.id] = question.scale.min + 1
        elif question.type == "free_text":
            answers[question.id] = comment
        else:
            answers[question.id] = right_response(question)
    return answers


def build(factories, course, instance_path) -> Everything:
    """Build the session, close it, send the cold invitations, write an export ZIP."""
    tag = uuid.uuid4().hex[:6]
    name, email = f"Hélène Lefèvre-Ngô{tag}", f"helene.{tag}@exemple.fr"
    trainer = factories.UserFactory(role="trainer")
    training = factories.SessionFactory(
        trainer=trainer, starts_on=date(2026, 11, 30), ends_on=date(2026, 12, 1)
    )
    person = factories.ParticipantFactory(session=training, name=name, email=email)
    others = [factories.ParticipantFactory(session=training) for _ in range(7)]
    everyone = [person, *others]
    # module quiz (a short-text question among others)
    quiz = course.quiz("m2-quiz") or next(q for m in course.modules for q in m.quizzes)
    learning.submit_quiz(person, course, quiz.id, responses(quiz))
    learning.submit_quiz(others[0], course, quiz.id, responses(quiz, right=False))
    learning.mark_unit_done(person, course, course.modules[0].units[0].id)
    # live quiz
    run = live.start_run(training, course, LIVE_SET, trainer)
    live.move(run, course, "next")
    question = run.question_ids[0]
    spec = course.question(question)
    for who in (person, others[0], others[1]):
        live_answers.submit_answer(run, who.id, course, question, right_response(spec))
    live.move(run, course, "close")
    run_id = run.id
    # two role plays: the person performs in the first, observes in the second
    for performer_first in (True, False):
        rp = roleplay.create_run(training, course, CASE, trainer)
        roles = ["responsable", "directeur", "commerciale", "observateur"]
        cast = everyone[:4] if performer_first else [*everyone[1:4], person]
        wanted = {p.id: (1, role) for p, role in zip(cast, roles, strict=True)}
        roleplay.assign_by_hand(rp, course, training, trainer, wanted, seed=3)
        roleplay.submit_grid(
            rp,
            course,
            cast[3],
            {c.id: 3 for c in course.roleplay(CASE).grid},
            f"{cast[0].name} a bien écouté ; {COMMENT}",
        )
        roleplay.set_debrief(rp, course, f"Bravo à {name} ({email}).", trainer)
    # evaluations
    for kind in ("positioning", "hot"):
        evaluations.set_open(training, course, kind, trainer, True)
        for who in everyone[:3]:
            comment = COMMENT if who is not others[1] else f"J'ai travaillé avec {name}."
            evaluations.submit(who, course, kind, _evaluation_responses(course, kind, comment))
    # attendance: drawn signatures countersigned; a paper one whose reason names the person
    signature = png(int(tag, 16))
    for who, seed in ((person, None), (others[0], 1), (others[1], 2)):
        for slot in ("d1-am", "d2-am"):
            _sign(training, course, who, slot, signature if seed is None else png(seed))
    attendance.record_paper(
        training, course, trainer, person.id, "d1-pm", f"Signé sur papier par {name}"
    )
    attestations.close_and_issue(training, course)
    # the cold invitations go out by e-mail
    cold.schedule(training)
    due = db.session.scalar(select(ColdInvitation.due_at).limit(1))
    cold.issue_due(due)
    outbox.deliver_pending(RecordingTransport(), due)
    # a compliance export written in the instance folder
    job = exports.start_zip_job(training, "user:1")
    for _ in range(200):
        db.session.expire_all()
        if db.session.get(ExportJob, job.id).status in ("done", "failed"):
            break
        time.sleep(0.05)
    db.session.expire_all()
    return Everything(training, trainer, person, others, name, email, signature, run_id)
