"""How a staff or learner form's outcome reaches the page: flashed errors or a done message.

A view validates its form with ``submitted`` and runs its service call inside
``outcome_flashed``: the ``ServiceError`` the service raises becomes an error message, else the
done message is flashed. Views that show the error on a field use ``field_error``.
"""

from contextlib import contextmanager

from flask import flash

from ..services.errors import ServiceError


def flash_form_errors(form) -> None:
    """Flash each error of a form that was not valid (as text: a lazy message would not keep)."""
    for errors in form.errors.values():
        for message in errors:
            flash(str(message), "error")


def submitted(form) -> bool:
    """Return True when the form was posted and is valid; else flash its errors, return False."""
    if form.validate_on_submit():
        return True
    flash_form_errors(form)
    return False


@contextmanager
def outcome_flashed(done: str, category: str = "message"):
    """Run the block's service call: flash its ``ServiceError`` as an error, else ``done``."""
    try:
        yield
    except ServiceError as error:
        flash(error.message, "error")
    else:
        flash(done, category)


def field_error(form, error: ServiceError, default_field: str) -> None:
    """Show a service's refusal on the field it names (else on ``default_field``)."""
    getattr(form, error.field or default_field).errors.append(error.message)
