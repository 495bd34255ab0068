"""The registry covers every table and every personal column of the models (as Moodle's
privacy provider test does): a new table or personal column fails here until it is covered."""

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, Text

from lexom_learning import storage  # noqa: F401  (every model in the metadata)
from lexom_learning.extensions import db
from lexom_learning.services.privacy.registry import POLICIES, Action, problems


def test_every_table_and_personal_column_is_covered():
    assert problems(db.metadata) == []


def test_the_personal_columns_the_issue_lists_are_marked():
    tables = db.metadata.tables
    for table, column in [
        ("participants", "name"),
        ("participants", "email"),
        ("users", "email"),
        ("access_links", "nonce"),
        ("attendance_signatures", "signature"),
        ("attendance_signatures", "user_agent"),
        ("attestations", "snapshot"),
        ("attestations", "pdf"),
        ("answers", "response"),
        ("live_answers", "response"),
        ("roleplay_gradings", "comment"),
        ("outbox", "to_address"),
        ("outbox", "body"),
        ("cold_invitations", "nonce"),
    ]:
        assert tables[table].c[column].info.get("personal") is True, (table, column)


def _copy() -> MetaData:
    copy = MetaData()
    for table in db.metadata.sorted_tables:
        table.to_metadata(copy)
    return copy


@pytest.mark.parametrize(
    "column",
    [
        Column("employer_contact", String(200), info={"personal": True}),
        Column("mentor_email", String(254), info={"personal": True}),
        Column("mentor_email", String(254)),  # forgot to mark it: the name gives it away
        Column("phone", String(30)),
    ],
)
def test_a_new_personal_column_fails_until_covered(column):
    metadata = _copy()
    metadata.tables["participants"].append_column(column)
    found = problems(metadata)
    assert found and all(f.startswith(f"participants.{column.name}") for f in found)


def test_a_new_table_fails_until_covered():
    metadata = _copy()
    Table("attendance_lateness", metadata, Column("id", Integer, primary_key=True))
    assert problems(metadata) == ["attendance_lateness: table missing from the registry"]


def test_a_marked_column_the_registry_forgets_fails():
    metadata = _copy()
    metadata.tables["answers"].c.response.info = {}
    assert "answers.response: in the registry but not marked personal" in problems(metadata)
    Table("notes", metadata, Column("id", Integer, primary_key=True), Column("text", Text))
    assert "notes: table missing from the registry" in problems(metadata)


def test_every_erasure_action_is_known_and_documents_are_kept_for_their_period():
    for policy in POLICIES:
        assert all(isinstance(a, Action) for a in policy.columns.values())
    documents = {p.table for p in POLICIES if Action.DOCUMENT in p.columns.values()}
    assert documents == {"attestations", "retained_documents"}
