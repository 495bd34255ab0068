"""Live quizzes in the room: the trainer's control page and projector, the participant's phone."""

from . import phone, views  # noqa: F401  (register their routes on bp)
from .views import bp

__all__ = ["bp"]
