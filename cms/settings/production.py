"""Production: everything from the environment, debug off, secure cookies."""

from .base import *  # noqa: F403

DEBUG = False
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)  # noqa: F405
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
