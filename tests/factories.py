"""factory_boy factories for the storage models."""

from datetime import date, timedelta

import factory
from argon2 import PasswordHasher
from factory.alchemy import SQLAlchemyModelFactory

from lexom_learning.clock import paris_now
from lexom_learning.extensions import db
from lexom_learning.services import links
from lexom_learning.storage import AttendanceSignature, Participant, TrainingSession, User

PASSWORD = "mot-de-passe-solide"
# argon2id at its cheapest: the tests swap it in for the production hasher (see
# _cheap_password_hashing in tests/conftest.py), which costs a quarter of a second per check.
CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
_HASH = CHEAP_HASHER.hash(PASSWORD)


class _Base(SQLAlchemyModelFactory):
    class Meta:
        abstract = True
        sqlalchemy_session_factory = lambda: db.session  # noqa: E731
        sqlalchemy_session_persistence = "commit"


class UserFactory(_Base):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"personne{n}@lexom.fr")
    name = factory.Sequence(lambda n: f"Personne {n}")
    role = "trainer"
    password_hash = _HASH
    active = True


class SessionFactory(_Base):
    class Meta:
        model = TrainingSession

    course_id = "mrk-stra-05"
    title = factory.Sequence(lambda n: f"Session {n}")
    starts_on = factory.LazyFunction(date.today)
    ends_on = factory.LazyFunction(lambda: date.today() + timedelta(days=1))
    location = "Aubenas"
    trainer = factory.SubFactory(UserFactory)

    class Params:
        # SessionFactory(over=True): a session whose half-days are all over (it may close).
        over = factory.Trait(
            starts_on=factory.LazyFunction(lambda: paris_now().date() - timedelta(days=3)),
            ends_on=factory.LazyFunction(lambda: paris_now().date() - timedelta(days=2)),
        )


class ParticipantFactory(_Base):
    class Meta:
        model = Participant

    session = factory.SubFactory(SessionFactory)
    name = factory.Sequence(lambda n: f"Participant {n}")
    email = factory.Sequence(lambda n: f"participant{n}@exemple.fr")

    @factory.post_generation
    def link(obj, create, extracted, **kwargs):
        links.issue_link(obj)
        db.session.commit()


class SignatureFactory(_Base):
    """A participant's own signature of a half-day, stored as the phone page stores it (without
    its signing window): ``SignatureFactory(person=participant, slot="d1-am")``, typed with
    the person's name unless ``method`` and ``signature`` say otherwise."""

    class Meta:
        model = AttendanceSignature

    class Params:
        person = None

    session_id = factory.LazyAttribute(lambda row: row.person.session_id)
    participant_id = factory.LazyAttribute(lambda row: row.person.id)
    kind = "participant"
    method = "typed"
    signature = factory.LazyAttribute(lambda row: row.person.name)
    actor = factory.LazyAttribute(lambda row: row.person.get_id())
    user_agent = "pytest"
