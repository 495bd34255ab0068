"""``lexom backup FILE`` and ``lexom restore FILE``: a round trip on each backend."""

import pytest
from sqlalchemy import select, text

from lexom_learning.cli import cli
from lexom_learning.extensions import db
from lexom_learning.storage import AttendanceSignature, Participant


def _release():
    """Let the restore replace the tables: no connection of the tests' app holds them."""
    db.session.remove()
    db.engine.dispose()


def test_a_backup_restored_brings_back_the_data_as_it_was(runner, factories, tmp_path):
    kept = factories.ParticipantFactory(name="Avant la sauvegarde")
    kept_id = kept.id
    db.session.add(
        AttendanceSignature(
            session_id=kept.session_id,
            participant_id=kept_id,
            slot="d1-am",
            kind="participant",
            method="typed",
            signature=kept.name,
            actor=kept.get_id(),
        )
    )
    db.session.commit()
    target = tmp_path / "sauvegardes" / "lexom.backup"
    made = runner.invoke(cli, ["backup", str(target)])
    assert made.exit_code == 0, made.output
    assert target.stat().st_size > 0 and "Backup written" in made.output
    factories.ParticipantFactory(name="Après la sauvegarde")
    db.session.get(Participant, kept_id).name = "Renommée après"
    db.session.commit()
    _release()
    refused = runner.invoke(cli, ["restore", str(target)], input="n\n")
    assert refused.exit_code == 1  # asks first
    restored = runner.invoke(cli, ["restore", str(target), "--yes"])
    assert restored.exit_code == 0, restored.output
    _release()
    names = db.session.scalars(select(Participant.name).order_by(Participant.id)).all()
    assert names == ["Avant la sauvegarde"]
    assert db.session.scalar(text("SELECT version_num FROM alembic_version"))
    # the append-only triggers came back with the tables
    with pytest.raises(Exception, match="append-only"), db.engine.begin() as connection:
        connection.execute(text("UPDATE attendance_signatures SET user_agent = 'x'"))


def test_a_file_that_is_not_a_backup_is_refused(runner, tmp_path):
    junk = tmp_path / "junk.backup"
    junk.write_bytes(b"not a backup at all" * 100)
    _release()
    result = runner.invoke(cli, ["restore", str(junk), "--yes"])
    assert result.exit_code == 1 and "Error" in result.output
    missing = runner.invoke(cli, ["restore", str(tmp_path / "none"), "--yes"])
    assert missing.exit_code == 2
