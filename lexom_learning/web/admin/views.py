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
from .forms import ROLE_CHOICES, ResetPasswordForm, UserForm

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/users", methods=["GET", "POST"])
@staff_required("admin")
def users():
    """List staff accounts and create new ones."""
    form = UserForm()
    if form.validate_on_submit():
        try:
            user = accounts.create_user(
                form.email.data,
                form.role.data,
                form.password.data,
                form.name.data,
                must_change=True,
            )
        except ServiceError as error:
            getattr(form, error.field or "email").errors.append(error.message)
        else:
            flash(gettext("Compte créé pour %(email)s.", email=user.email))
            return redirect(url_for("admin.users"))
    everyone = db.session.scalars(select(User).order_by(User.role, User.email)).all()
    return render_template(
        "admin/users.html",
        users=everyone,
        form=form,
        roles=dict(ROLE_CHOICES),
        reset_form=ResetPasswordForm(formdata=None),
    )


@bp.route("/users/<int:user_id>/password", methods=["GET", "POST"])
@staff_required("admin")
def reset_password(user_id: int):
    """Give an account a provisional password: it must be changed at the next sign-in, and
    every session and API token of the account ends now."""
    user = db.session.get(User, user_id) or abort(404)
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            accounts.reset_password(user, form.password.data)
        except ServiceError as error:
            form.password.errors.append(error.message)
        else:
            if user.id == current_user.id:
                from ..security import sign_in_staff

                sign_in_staff(user)
            flash(gettext("Mot de passe provisoire donné à %(email)s.", email=user.email))
            return redirect(url_for("admin.users"))
    return render_template("admin/reset_password.html", form=form, user=user)


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
