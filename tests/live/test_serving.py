"""Under ``lexom serve`` (gunicorn, as ``make run`` starts it), each request is its own caller:
a worker never serves one participant's live state to another."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.api.helpers import token_of

LEXOM = str(Path(sys.executable).with_name("lexom"))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _etag(url: str, token: str) -> str:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers["ETag"]


def test_one_worker_keeps_callers_apart(app, api, room, tmp_path):
    lid = api.start(room)
    port = _free_port()
    env = {
        **os.environ,
        "LEXOM_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "LEXOM_SECRET_KEY": app.config["SECRET_KEY"],
        "LEXOM_BASE_URL": f"http://127.0.0.1:{port}",
    }
    log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen(
        [LEXOM, "serve", "--port", str(port), "--workers", "1"], env=env, stdout=log, stderr=log
    )
    try:
        url = f"http://127.0.0.1:{port}/api/v1/live-quizzes/{lid}"
        for _ in range(150):  # up to 30 s for the server to start
            try:
                first = _etag(url, token_of(room.alice))
                break
            except OSError:
                assert server.poll() is None, (tmp_path / "serve.log").read_text()
                time.sleep(0.2)
        tags = [first] + [_etag(url, token_of(p)) for p in (room.bob, room.alice)]
        assert tags[0].startswith(f'"p{room.alice.id}-') and tags[1].startswith(f'"p{room.bob.id}-')
        assert tags[2] == tags[0]
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        log.close()
