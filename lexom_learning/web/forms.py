"""The base of every form of the app: single-line text and dates checked once, for each field.

The request hook in edge.py already refuses NUL, control characters and lone surrogates in any
form value; this base adds what only the form knows: which fields hold a single line (every
text field but a ``TextAreaField``) and which hold a date (between 2000 and five years ahead).
Every form derives from ``Form`` (tests/edge/test_forms_derive_from_the_edge_form.py).
"""

from datetime import date

from flask_babel import gettext
from flask_wtf import FlaskForm
from wtforms import Field, TextAreaField

from ..input_rules import EARLIEST_DATE, bad_character, date_in_range, describe, latest_date


class Form(FlaskForm):
    """A Flask-WTF form whose text and date fields are checked before its own validators."""

    def validate(self, extra_validators=None) -> bool:
        """Run the edge checks, then the form's validators; return True when all pass."""
        valid = super().validate(extra_validators)
        for field in self:
            problem = edge_problem(field)
            if problem:
                field.errors = [*field.errors, problem] if field.errors else [problem]
                valid = False
        return valid


def edge_problem(field: Field) -> str | None:
    """Return what the edge refuses in one field's value, or None."""
    data = field.data
    if isinstance(data, str):
        char = bad_character(data, multiline=isinstance(field, TextAreaField))
        if char is not None:
            return gettext("Caractère non permis (%(char)s).", char=describe(char))
    elif isinstance(data, date) and not date_in_range(data):
        return gettext(
            "Date hors de la période permise (%(first)s – %(last)s).",
            first=EARLIEST_DATE.strftime("%d/%m/%Y"),
            last=latest_date().strftime("%d/%m/%Y"),
        )
    return None
