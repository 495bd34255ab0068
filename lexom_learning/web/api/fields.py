"""The text and date rules of the edge (``lexom_learning.input_rules``) as pydantic types.

Every request model builds its fields from these, so a body field obeys the same rule as a
form field or a CSV cell: no refused character, a bounded length, dates in the permitted range.
"""

import re
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, Strict
from pydantic_core import PydanticCustomError

from ...input_rules import EARLIEST_DATE, bad_character, date_in_range, describe, latest_date

# A text allowed more than this many characters may hold several lines (tab, line feed,
# carriage return); shorter ones (names, titles, ids, e-mails) hold one.
SINGLE_LINE_MAX = 254
ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")

Int = Annotated[int, Strict()]
Bool = Annotated[bool, Strict()]
Num = Annotated[float, Strict()]


def _no_bad_character(multiline: bool):
    def check(value: str) -> str:
        char = bad_character(value, multiline)
        if char is not None:
            raise PydanticCustomError(
                "bad_character", "refused character", {"char": describe(char)}
            )
        return value

    return check


def Text(max_length: int, min_length: int = 1, **extra: Any) -> Any:  # noqa: N802 (a type)
    """Return a bounded text type: one line up to 254 characters, several lines beyond."""
    return Annotated[
        str,
        Strict(),
        Field(min_length=min_length, max_length=max_length, **extra),
        AfterValidator(_no_bad_character(max_length > SINGLE_LINE_MAX)),
    ]


def _iso_date(value: Any) -> Any:
    if isinstance(value, str) and not ISO_DATE.match(value):
        raise PydanticCustomError("date_format", "date expected")
    if not isinstance(value, str | date) or isinstance(value, datetime):
        raise PydanticCustomError("date_format", "date expected")
    return value


def _in_range(value: date) -> date:
    if not date_in_range(value):
        raise PydanticCustomError(
            "date_range",
            "date out of range",
            {"first": EARLIEST_DATE.isoformat(), "last": latest_date().isoformat()},
        )
    return value


Day = Annotated[date, BeforeValidator(_iso_date), AfterValidator(_in_range)]


def _no_default(schema: dict[str, Any]) -> None:
    schema.pop("default", None)


def Absent(**extra: Any) -> Any:  # noqa: N802 (a field, as pydantic's Field)
    """Return the field of an optional input that may be left out but not sent as ``null``.

    Left out, the model holds None (``model_dump(exclude_unset=True)`` leaves it out); ``null``
    is refused as a wrong type, and the document shows the field without ``null`` nor default.
    A field the contract lets be null is written ``T | None = None`` instead.
    """
    return Field(None, json_schema_extra=_no_default, **extra)
