"""Settings for the workbench tests: the blocks' workbench settings, in memory, no log file."""

from lexom_learning.xblocks.workbench_settings import *  # noqa: F403

DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
LOGGING = {"version": 1, "disable_existing_loggers": False}
