"""The SMS hook of schedule reminders: a dotted path in ``VILLAGE_SMS_SENDER``, a logger by default.

A deployment plugs in its SMS gateway with a function ``send(user, text: str) -> None``
(it looks the phone number up where the deployment keeps it).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


def log_only(user, text: str) -> None:
    """The default sender: writes the message to the log and sends nothing."""
    logger.info("SMS（未配置短信网关，仅记录）to %s: %s", user.get_username(), text)


def send_sms(user, text: str) -> None:
    sender = import_string(getattr(settings, "VILLAGE_SMS_SENDER", "villages.sms.log_only"))
    sender(user, text)
