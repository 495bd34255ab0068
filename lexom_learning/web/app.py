"""The app factory: ``create_app(config=None)``."""

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask, render_template, request
from flask_babel import lazy_gettext
from werkzeug.exceptions import HTTPException, MethodNotAllowed
from werkzeug.routing import IntegerConverter

from ..extensions import csrf, db, limiter, login_manager, migrate
from ..services import context
from ..services.context import normalise_base_url
from . import content, edge, headers, i18n, limits
from .config import MIGRATIONS_DIR, load_config
from .live import shortcut as live_shortcut


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Create the Flask app from ``config``, else from the LEXOM_* environment variables.

    The instance folder (database, secret key, exports) is ``LEXOM_INSTANCE_PATH`` when set.
    """
    instance = os.environ.get("LEXOM_INSTANCE_PATH")
    app = Flask(
        "lexom_learning",
        instance_path=str(Path(instance).resolve()) if instance else None,
        instance_relative_config=True,
        template_folder="web/templates",
        static_folder="web/static",
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.update(load_config(app.instance_path, config))
    # The public address: checked and without its trailing slash (services.context).
    app.config["LEXOM_BASE_URL"] = normalise_base_url(app.config.get("LEXOM_BASE_URL"))
    app.url_map.converters["int"] = DatabaseId
    content.init_app(app)
    # The services find this app's context (session, courses, settings, clock, translator)
    # through this one provider; a CLI command or a job builds its own (services.context.build).
    context.install(content.service_context, content.gettext_now, content.reentry)
    register_extensions(app)
    edge.init_app(app)
    headers.init_app(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_template_helpers(app)
    live_shortcut.install(app)
    limits.install_proxy_fix(app)  # outermost: the shortcut and Flask see the client's address
    return app


class DatabaseId(IntegerConverter):
    """``<int:...>`` in every route: an id beyond any database column becomes 0, found nowhere,
    so it gets the usual 404 instead of an overflow in the database driver."""

    def to_python(self, value: str) -> int:
        number = super().to_python(value)
        return number if number <= 2**31 - 1 else 0


def register_extensions(app: Flask) -> None:
    """Bind the extension singletons to this app."""
    from .. import storage  # noqa: F401  (models must be imported before metadata is used)
    from . import security  # noqa: F401  (registers the user loader)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS_DIR), render_as_batch=True)
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = lazy_gettext("Connectez-vous pour accéder à cette page.")
    login_manager.localize_callback = str  # flash the message in the visitor's language
    limiter.init_app(app)
    i18n.init_app(app)


def register_blueprints(app: Flask) -> None:
    """Attach one blueprint per area."""
    from .admin import views as admin
    from .api import bp as api
    from .auth import views as auth
    from .catalogue import views as catalogue
    from .compliance import register as register_compliance
    from .deroule import bp as deroule
    from .evaluations import register_blueprints as register_evaluations
    from .learner import views as learner
    from .live import bp as live
    from .privacy.views import bp as privacy
    from .trainer import views as trainer

    for blueprint in (catalogue.bp, auth.bp, admin.bp, trainer.bp, deroule, learner.bp, live, api):
        app.register_blueprint(blueprint)
    register_evaluations(app)
    register_compliance(app)
    app.register_blueprint(privacy)  # issue 16
    csrf.exempt(api)


def register_errorhandlers(app: Flask) -> None:
    """Render error pages in the visitor's language, or the JSON error body under /api/."""
    from .api.errors import http_error, json_error

    def render_error(error):
        code = getattr(error, "code", 500) or 500
        if request.path.startswith("/api/"):
            # Werkzeug's stock descriptions are English: the API's own messages replace them.
            response = http_error(error) if isinstance(error, HTTPException) else json_error(code)
        else:
            response = render_template("error.html", code=code), code
        return _with_allow(app.make_response(response), error)

    for code in (400, 401, 403, 404, 405, 409, 410, 413, 415, 422, 429, 500):
        app.register_error_handler(code, render_error)


def _with_allow(response, error):
    """Keep the ``Allow`` header of a 405 (RFC 9110) on the page or JSON that replaces it."""
    if isinstance(error, MethodNotAllowed) and error.valid_methods:
        response.headers["Allow"] = ", ".join(sorted(error.valid_methods))
    return response


def register_template_helpers(app: Flask) -> None:
    """Expose small helpers to every template."""
    from . import typography
    from .filters import display_date, display_datetime, display_hours, display_percent
    from .labels import LEVEL_LABELS

    # "date_fr" keeps its name in the templates; like "percent", it follows the page's language.
    app.jinja_env.filters["date_fr"] = display_date
    app.jinja_env.filters["percent"] = display_percent
    app.jinja_env.filters["hours_number"] = display_hours
    app.jinja_env.filters["datetime_paris"] = display_datetime
    app.jinja_env.globals["LEVEL_LABELS"] = LEVEL_LABELS

    @app.context_processor
    def organisation():
        return {"organisation": app.config["LEXOM_ORGANISATION"]}

    typography.init_app(app)
