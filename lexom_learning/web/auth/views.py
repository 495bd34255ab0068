"""Sign in, sign out, and the participant's link."""

from urllib.parse import urlsplit

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext
from flask_login import current_user, login_user, logout_user

from ...extensions import login_manager
from ...services import accounts, links
from ...services.errors import ServiceError
from ...storage import User
from ..i18n import clear_session
from ..limits import link_limits, sign_in_limits
from ..security import sign_in_staff
from .forms import LoginForm, PasswordChangeForm

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
@sign_in_limits
def login():
    """Show the sign-in form and sign staff in."""
    form = LoginForm()
    if form.validate_on_submit():
        user = accounts.authenticate(form.email.data, form.password.data)
        if user is None:
            form.password.errors.append(gettext("Adresse e-mail ou mot de passe incorrect."))
        else:
            sign_in_staff(user)
            if user.must_change_password:
                return redirect(url_for("auth.change_password"))
            return redirect(_safe_next(request.args.get("next")) or home_for(user))
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
def logout():
    """Sign out (POST with the CSRF token, so a link cannot sign anyone out).

    A staff member's sign-out ends every session of the account, a copied cookie included.
    """
    if isinstance(current_user._get_current_object(), User):
        accounts.end_sessions(current_user)
    logout_user()
    clear_session()
    flash(gettext("Vous êtes déconnecté(e)."))
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
def change_password():
    """A signed-in staff member changes their password; their other sessions end."""
    user = current_user._get_current_object()
    if not isinstance(user, User):
        return login_manager.unauthorized() if not user.is_authenticated else abort(403)
    form = PasswordChangeForm()
    if form.validate_on_submit():
        try:
            accounts.change_password(user, form.current.data, form.password.data)
        except ServiceError as error:
            getattr(form, error.field or "password").errors.append(error.message)
        else:
            sign_in_staff(user)  # this session goes on, with the new epoch
            flash(gettext("Mot de passe changé. Vos autres sessions sont fermées."))
            return redirect(home_for(user))
    return render_template("auth/password.html", form=form, forced=user.must_change_password)


FREE_WHILE_FORCED = {"auth.change_password", "auth.logout", "static"}


@bp.before_app_request
def force_password_change():
    """Send a staff member whose password was reset to the change page, and nowhere else."""
    user = current_user._get_current_object() if current_user else None
    if (
        isinstance(user, User)
        and user.must_change_password
        and request.endpoint not in FREE_WHILE_FORCED
        and not request.path.startswith("/api/")
    ):
        return redirect(url_for("auth.change_password"))
    return None


@bp.get("/p/<token>")
@link_limits
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
