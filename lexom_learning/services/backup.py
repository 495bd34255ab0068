"""Backups: a consistent copy of the database in one file, and putting it back.

SQLite uses the online backup API (the server may keep running: the copy is a consistent
snapshot); PostgreSQL uses ``pg_dump --format=custom`` and ``pg_restore``, which must be
installed (the ``postgresql-client`` package of the same major version or newer).
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import URL, make_url


class BackupError(RuntimeError):
    """A backup or a restore could not be made; the message says why."""


def _sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up")
    return Path(url.database)


def _sqlite_copy(source: sqlite3.Connection, target) -> None:
    """Copy the SQLite database ``source`` over the file ``target`` in one transaction (the
    online backup API), then close both connections."""
    copy = sqlite3.connect(target)
    try:
        with copy:
            source.backup(copy)
    finally:
        copy.close()
        source.close()


def _pg(url: URL) -> tuple[str, dict[str, str]]:
    """Return a libpq connection string without the password, and the environment to use."""
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    plain = url.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} not found: install the PostgreSQL client tools")
    return path


def backup(database_url: str, target: Path) -> Path:
    """Write a backup of the database to ``target`` (replaced if it exists)."""
    url = make_url(database_url)
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    if url.get_backend_name() == "sqlite":
        _sqlite_copy(sqlite3.connect(_sqlite_path(url)), partial)
    elif url.get_backend_name() == "postgresql":
        dsn, env = _pg(url)
        command = [_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={partial}", dsn]
        _run(command, env)
    else:
        raise BackupError(f"no backup for {url.get_backend_name()} databases")
    partial.replace(target)
    return target


def restore(database_url: str, source: Path) -> None:
    """Replace the database's contents with a backup made by :func:`backup`."""
    url = make_url(database_url)
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"{source}: no such file")
    if url.get_backend_name() == "sqlite":
        try:
            backup_db = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
            backup_db.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.DatabaseError as error:
            raise BackupError(f"{source}: not a backup of this application ({error})") from None
        _sqlite_copy(backup_db, _sqlite_path(url))
    elif url.get_backend_name() == "postgresql":
        dsn, env = _pg(url)
        command = [
            _tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            f"--dbname={dsn}",
            str(source),
        ]
        _run(command, env)
    else:
        raise BackupError(f"no restore for {url.get_backend_name()} databases")


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {done.stderr.strip()[:2000]}")
