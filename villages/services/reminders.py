"""Reminders to village secretaries whose village is behind its disclosure schedule."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail

from villages.services.compliance import villages_behind_schedule
from villages.sms import send_sms


def reminder_text(village_name: str, missing: list[str]) -> str:
    return (
        f"【村务公开提醒】{village_name}尚未公开：{'、'.join(missing)}。"
        "请尽快在平台上提交，经村务监督委员会审核后公开。"
    )


def send_schedule_reminders(*, today: dt.date) -> int:
    """E-mail (and SMS through the hook) every secretary of every village behind schedule; returns messages sent."""
    sent = 0
    for row in villages_behind_schedule(today=today):
        group = row.village.secretaries_group
        if group is None:
            continue
        text = reminder_text(row.village.name, row.missing)
        for user in group.user_set.filter(is_active=True):
            if user.email:
                send_mail(
                    f"{row.village.name}村务公开进度提醒",
                    text,
                    getattr(settings, "DEFAULT_FROM_EMAIL", None),
                    [user.email],
                )
                sent += 1
            send_sms(user, text)
    return sent
