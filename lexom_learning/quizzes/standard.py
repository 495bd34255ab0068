"""The shipped question types, listed once: ``standard_registry`` builds their registry."""

from .free_text import FreeText
from .likert import Likert
from .matching import Matching
from .multiple_choice import MultipleChoice
from .numeric import Numeric
from .ordering import Ordering
from .registry import Registry
from .short_text import ShortText
from .single_choice import SingleChoice
from .true_false import TrueFalse

# The published JSON schema of the content (docs/content-schema) lists them in this order.
STANDARD_TYPES = (
    FreeText,
    Likert,
    Matching,
    SingleChoice,
    MultipleChoice,
    Numeric,
    Ordering,
    ShortText,
    TrueFalse,
)


def standard_registry() -> Registry:
    """Return a new registry of the shipped question types."""
    return Registry(STANDARD_TYPES)
