"""demo_banner: the addresses and accounts `make run` prints."""

from io import StringIO

from django.core.management import call_command

from cms.core.demo import data


def banner(*args: str) -> str:
    out = StringIO()
    call_command("demo_banner", *args, stdout=out)
    return out.getvalue()


def test_banner_lists_urls_under_the_given_root():
    text = banner("--url", "http://127.0.0.1:9000")
    for path in ("", "admin/", "api/content", "api/docs"):
        assert f"http://127.0.0.1:9000/{path}" in text


def test_banner_lists_every_demo_account_with_its_password():
    text = banner()
    for user in data.USERS:
        assert user.username in text and user.password in text and user.group in text
    assert "演示账号" in text and "demo accounts" in text
