"""How strong a staff password must be: zxcvbn's score 3 or more, and never the e-mail, the
person's name or the organisation's name inside it."""

from zxcvbn import zxcvbn

from .context import current
from .errors import Invalid

MIN_SCORE = 3
SCORED_LENGTH = 100  # zxcvbn's cost grows fast with length; a longer tail only adds strength


def organisation_name() -> str:
    """Return the organisation's name (``LEXOM_ORGANISATION``), or "" outside an app."""
    try:
        organisation = current().settings.organisation
    except RuntimeError:  # no app, no context installed
        organisation = None
    return getattr(organisation, "name", None) or ""


def _letters(text: str) -> str:
    """Return the text's letters and digits, case folded (« Formations-Exemple » and
    « formations exemple » are the same name inside a password)."""
    return "".join(c for c in text.casefold() if c.isalnum())


def check_strength(password: str, email: str, name: str = "") -> None:
    """Refuse a weak password, naming the field ``password``.

    :raises Invalid: it contains the e-mail (or its local part), the organisation's name, or
        scores under 3 with zxcvbn (the person's words counted as guessable).
    """
    lowered = password.casefold()
    local = email.partition("@")[0].casefold()
    organisation = organisation_name()
    if email and (email.casefold() in lowered or (len(local) >= 3 and local in lowered)):
        raise Invalid("Le mot de passe ne doit pas contenir l'adresse e-mail.", "password")
    if organisation and _letters(organisation) in _letters(password):
        raise Invalid(
            "Le mot de passe ne doit pas contenir le nom de l'organisme (%(name)s).",
            "password",
            name=organisation,
        )
    words = [email, local, organisation, *name.split()]
    result = zxcvbn(password[:SCORED_LENGTH], user_inputs=[w for w in words if w])
    if result["score"] < MIN_SCORE:
        raise Invalid(
            "Mot de passe trop faible : allongez-le ou mêlez des mots sans rapport "
            "(une phrase de quatre mots convient).",
            "password",
        )
