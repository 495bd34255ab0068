"""Administrators manage staff accounts."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext
from flask_login import current_user
from sqlalchemy import select

from ...extensions import db
from ...services import accounts
from ...services.errors import ServiceError
from ...storage import User
from ..security import staff_required
from .forms import ROLE_CHOICES, UserForm

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/users", methods=["GET", "POST"])
@staff_required("admin")
def users():
    """List staff accounts and create new ones."""
    form = UserForm()
    if form.validate_on_submit():
        try:
            user = accounts.create_user(
                form.email.data, form.role.data, form.password.data, form.name.data
            )
        except ServiceError as error:
            getattr(form, error.field or "email").errors.append(error.message)
        else:
            flash(gettext("Compte créé pour %(email)s.", email=user.email))
            return redirect(url_for("admin.users"))
    everyone = db.session.scalars(select(User).order_by(User.role, User.email)).all()
    return render_template("admin/users.html", users=everyone, form=form, roles=dict(ROLE_CHOICES))


@bp.post("/users/<int:user_id>/active")
@staff_required("admin")
def toggle_active(user_id: int):
    """Deactivate or reactivate an account (never one's own)."""
    user = db.session.get(User, user_id) or abort(404)
    if user.id == current_user.id:
        flash(gettext("Vous ne pouvez pas désactiver votre propre compte."), "error")
    else:
        accounts.set_active(user, not user.active)
        if user.active:
            flash(gettext("Compte réactivé : %(email)s.", email=user.email))
        else:
            flash(gettext("Compte désactivé : %(email)s.", email=user.email))
    return redirect(url_for("admin.users"))
