"""Sign in, sign out, and the participant's link."""

from urllib.parse import urlsplit

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext
from flask_login import current_user, login_user, logout_user

from ...extensions import limiter
from ...services import accounts, links
from ...storage import User
from ..i18n import clear_session
from .forms import LoginForm

bp = Blueprint("auth", __name__)


def home_for(user) -> str:
    """Return where a signed-in person lands."""
    if isinstance(user, User):
        return url_for("admin.users") if user.role == "admin" else url_for("trainer.sessions")
    return url_for("learner.home")


def _safe_next(target: str | None) -> str | None:
    if (
        target
        and target.startswith("/")
        and not target.startswith("//")
        and not urlsplit(target).netloc
    ):
        return target
    return None


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def login():
    """Show the sign-in form and sign staff in."""
    form = LoginForm()
    if form.validate_on_submit():
        user = accounts.authenticate(form.email.data, form.password.data)
        if user is None:
            form.password.errors.append(gettext("Adresse e-mail ou mot de passe incorrect."))
        else:
            clear_session()
            login_user(user)
            return redirect(_safe_next(request.args.get("next")) or home_for(user))
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
def logout():
    """Sign out (POST with the CSRF token, so a link cannot sign anyone out)."""
    logout_user()
    clear_session()
    flash(gettext("Vous êtes déconnecté(e)."))
    return redirect(url_for("auth.login"))


@bp.get("/p/<token>")
@limiter.limit("30 per minute")
def participant_link(token: str):
    """Open a participant's personal space from their link, without a password."""
    participant = links.participant_for_token(token)
    if participant is None:
        abort(410)
    clear_session()
    session["link_id"] = int(token.partition(".")[0])
    login_user(participant, remember=False)
    session.permanent = True
    # A link sent with ?lang=en opens the space in that language (the home page keeps it).
    return redirect(url_for("learner.home", lang=request.args.get("lang")))


@bp.app_context_processor
def inject_user():
    """Expose the signed-in person to templates."""
    return {"me": current_user if current_user.is_authenticated else None}
