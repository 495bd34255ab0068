"""The compliance journal said in words: « Attestation téléchargée par Camille Martin »."""

from flask_babel import lazy_gettext

from ..services.people import actor_names

ACTIONS = {
    "issued": lazy_gettext("Attestation émise"),
    "superseded": lazy_gettext("Attestation remplacée"),
    "revoked": lazy_gettext("Attestation révoquée"),
    "downloaded": lazy_gettext("Attestation téléchargée"),
    "downloaded:certificat": lazy_gettext("Certificat de réalisation téléchargé"),
    "exported_zip": lazy_gettext("Export ZIP des attestations"),
    "exported_register": lazy_gettext("Registre des attestations exporté"),
    "exported_evidence": lazy_gettext("Dossier de preuves exporté"),
    "exported_attendance_sheet": lazy_gettext("Feuille d'émargement exportée"),
}
SYSTEM = lazy_gettext("la plateforme (automatiquement)")
SOMEONE = lazy_gettext("un compte supprimé")


def journal_lines(lines) -> list[dict]:
    """Return audit lines as {when, action, who, number, reason} for the page."""
    names = actor_names(line.actor for line in lines)
    out = []
    for line in lines:
        details = line.details or {}
        key = line.action
        if key == "downloaded" and details.get("document") == "certificat":
            key = "downloaded:certificat"
        who = SYSTEM if line.actor == "system" else names.get(line.actor, SOMEONE)
        out.append(
            {
                "when": line.created_at,
                "action": ACTIONS.get(key, line.action),
                "who": who,
                "reason": line.reason,
            }
        )
    return out
