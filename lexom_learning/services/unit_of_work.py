"""One unit of work per use case: its writes are committed in one place, or not at all."""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session


@contextmanager
def unit_of_work(session: Session) -> Iterator[Session]:
    """Run a use case's writes as one transaction: commit on success, roll back on any error."""
    try:
        yield session
    except BaseException:
        session.rollback()
        raise
    session.commit()
