"""``lexom serve``: run the app under gunicorn.

Threaded workers keep connections alive: a room of phones polling every 0.8 s would otherwise
pay a TCP connection per poll (bench/live_quiz.py measures both). The options live in
``SERVER_OPTIONS`` so that the benchmark's bare yardstick runs under exactly the same settings.
"""

import gc

import click
from flask import current_app
from flask.globals import _cv_app
from gunicorn.app.base import BaseApplication
from sqlalchemy.orm import configure_mappers

from ..web.limits import shared as shared_limits
from . import with_app

# Two processes (one per core of a small machine), four threads each: while one thread waits
# for SQLite or the network, another serves. No access log by default, as gunicorn does: under a
# room of phones polling every 0.8 s, writing a line per request took a sixth of the workers'
# time (bench/live_quiz.py); the reverse proxy in front usually logs, or ask for --access-log.
SERVER_OPTIONS = {
    "worker_class": "gthread",
    "threads": 4,
    "keepalive": 5,
    "accesslog": None,
    "timeout": 60,
    # gunicorn 24+ opens a control socket in the home folder by default; servers would share it.
    "control_socket_disable": True,
}


class GunicornServer(BaseApplication):
    """Serve a WSGI app in-process with gunicorn and the given options."""

    def __init__(self, app, options: dict):
        self.application = app
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        """Apply the options this gunicorn version knows (older ones lack some settings)."""
        for key, value in self.options.items():
            if key in self.cfg.settings:
                self.cfg.set(key, value)

    def load(self):
        return self.application


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, envvar="PORT", type=int)
@click.option("--workers", default=2, show_default=True, type=int)
@click.option(
    "--access-log/--no-access-log",
    default=False,
    envvar="LEXOM_ACCESS_LOG",
    show_default=True,
    help="Write a line per request to standard output.",
)
@click.option(
    "--dev",
    is_flag=True,
    help="Development: without LEXOM_BASE_URL, the public address is http://HOST:PORT.",
)
@with_app
def serve(host: str, port: int, workers: int, access_log: bool, dev: bool) -> None:
    """Serve the web app with gunicorn (run ``lexom init`` first; set LEXOM_BASE_URL)."""
    app = current_app._get_current_object()
    if not app.config.get("LEXOM_BASE_URL"):
        if not dev:
            raise click.UsageError(
                "LEXOM_BASE_URL n'est pas défini : indiquez l'adresse publique du site "
                "(par exemple https://formation.lexom.fr), imprimée dans les QR codes, les PDF, "
                "les e-mails et les déclarations xAPI ; ou lancez `lexom serve --dev` en local."
            )
        app.config["LEXOM_BASE_URL"] = f"http://{host}:{port}"
    with app.app_context():
        from ..extensions import db

        # Configured once here, the models are inherited by every worker: otherwise each one
        # configures them on its first request (about 0.1 s, which a trainer's click would wait).
        configure_mappers()
        db.engine.dispose()  # connections must not be shared with the forked workers
    # The course and the app, loaded here, are inherited by the workers and never freed: kept
    # out of the collector's sight, a worker's first full collection no longer walks them all
    # (it took 0.2 s of the first request a worker served; bench/live_quiz.py).
    gc.freeze()
    click.echo(f"Formation sur http://{host}:{port}/ (Ctrl+C pour arrêter)")
    if not shared_limits(app):
        click.echo(
            "Limites de requêtes : comptées par worker (en mémoire) ; définissez "
            "LEXOM_REDIS_URL pour les partager entre les workers."
        )
    # Flask reuses an active app context for every request instead of pushing a fresh one: if
    # the workers inherited the CLI's, they would share ``g`` (the bearer caller) and the
    # database session across requests, and serve one participant as another.
    cli_context = _cv_app.get()
    cli_context.pop()
    try:
        GunicornServer(
            app,
            {
                "bind": f"{host}:{port}",
                "workers": workers,
                **SERVER_OPTIONS,
                **({"accesslog": "-"} if access_log else {}),
            },
        ).run()
    finally:
        cli_context.push()
