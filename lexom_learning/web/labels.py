"""Labels of the core and services, said in the visitor's language (the core keeps French).

Keys match ``attainment.LEVEL_LABELS`` and ``services.evaluations.KIND_LABELS``, and the
French texts are theirs; tests/web/test_i18n.py checks that both stay in step.
"""

from flask_babel import lazy_gettext

LEVEL_LABELS = {
    "acquired": lazy_gettext("Acquis"),
    "in_progress": lazy_gettext("En cours d'acquisition"),
    "not_acquired": lazy_gettext("Non acquis"),
}

KIND_LABELS = {
    "positioning": lazy_gettext("Test de positionnement"),
    "hot": lazy_gettext("Évaluation à chaud"),
    "cold": lazy_gettext("Évaluation à froid"),
}
