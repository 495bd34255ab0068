"""Running the migrations in a process leaves its loggers speaking (alembic's ``fileConfig``
disables every existing logger unless told not to): the shortcut's among them."""

import logging

from lexom_learning.extensions import db
from lexom_learning.web.live import shortcut

LOGGER = "lexom_learning.live.shortcut"


class Heard(logging.Handler):
    """Keep the messages of the records it is handed."""

    def __init__(self):
        super().__init__()
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def test_the_shortcut_logger_still_emits_after_the_migrations_ran_in_process(tmp_path, course):
    from flask_migrate import upgrade

    from lexom_learning import create_app
    from lexom_learning.web.config import MIGRATIONS_DIR
    from lexom_learning.web.content import CourseRepository

    assert logging.getLogger(LOGGER) is shortcut.logger  # it exists before the migrations run
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
            "LEXOM_COURSES": CourseRepository([course]),
            "LEXOM_BASE_URL": "http://lexom.test",
        }
    )
    with app.app_context():
        upgrade(directory=str(MIGRATIONS_DIR))
        db.engine.dispose()
    assert shortcut.logger.disabled is False
    # A handler on the logger itself: fileConfig also replaced the root logger's handlers.
    heard = Heard()
    shortcut.logger.addHandler(heard)
    try:
        shortcut.database_error({"REQUEST_METHOD": "PUT", "PATH_INFO": "/api/v1/live-quizzes/1"})
    finally:
        shortcut.logger.removeHandler(heard)
    assert heard.messages == ["passed on: database error [PUT /api/v1/live-quizzes/1]"]
