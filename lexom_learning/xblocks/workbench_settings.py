"""The xblock-sdk workbench's own settings, with French as the default language.

``make workbench`` runs with ``DJANGO_SETTINGS_MODULE=lexom_learning.xblocks.workbench_settings``:
the SDK's ``workbench.settings`` (its ``var/`` folder, database and scenarios) plus Django's
locale middleware, so the blocks speak French unless the browser asks for English.
"""

from workbench.settings import *  # noqa: F403  (the SDK's settings, extended below)
from workbench.settings import MIDDLEWARE

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
MIDDLEWARE = [
    *MIDDLEWARE[:2],
    "django.middleware.locale.LocaleMiddleware",
    *MIDDLEWARE[2:],
]
