"""Test settings: fast hashing, in-memory SQLite unless DATABASE_URL says otherwise."""

import os

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["OPTIONS"] = {"timeout": 20}  # noqa: F405
# Eager Celery in the ordinary suite; the Celery integration tests set their own broker.
CELERY_TASK_ALWAYS_EAGER = not os.environ.get("CELERY_INTEGRATION")
WAGTAILADMIN_BASE_URL = "http://testserver"
