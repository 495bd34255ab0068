"""The project's layers, declared once: which packages form the pure core.

The core never imports Flask, SQLAlchemy, Werkzeug or XBlock (tests/test_purity.py imports
every name below in a fresh interpreter and checks). Every top-level module or package of
``lexom_learning`` is listed in exactly one of the two tuples, so a new one must choose.
"""

CORE = (
    "lexom_learning.attainment",
    "lexom_learning.attestations",
    "lexom_learning.clock",
    "lexom_learning.completion",
    "lexom_learning.evaluations",
    "lexom_learning.input_rules",
    "lexom_learning.layers",
    "lexom_learning.live",
    "lexom_learning.modules",
    "lexom_learning.organisation",
    "lexom_learning.quizzes",
    "lexom_learning.roleplay",
    "lexom_learning.translatable",
    "lexom_learning.typography",
)

ADAPTERS = (
    "lexom_learning.cli",
    "lexom_learning.documents",
    "lexom_learning.extensions",
    "lexom_learning.migrations",
    "lexom_learning.services",
    "lexom_learning.storage",
    "lexom_learning.translations",
    "lexom_learning.web",
    "lexom_learning.xblocks",
)
