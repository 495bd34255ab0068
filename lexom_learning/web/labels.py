"""Labels of the core, said in the visitor's language (the core keeps them in French).

``attainment.LEVEL_LABELS`` and ``evaluations.KIND_LABELS`` are the one source: their French
texts are marked for extraction there (babel.cfg) and translated here when a page shows them.
"""

from flask_babel import lazy_gettext

from ..attainment import LEVEL_LABELS as LEVELS
from ..evaluations import KIND_LABELS as KINDS

LEVEL_LABELS = {key: lazy_gettext(label) for key, label in LEVELS.items()}
KIND_LABELS = {key: lazy_gettext(label) for key, label in KINDS.items()}
