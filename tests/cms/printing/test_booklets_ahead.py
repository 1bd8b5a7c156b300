"""Booklets built ahead of time: debounce, versions, downloads with ETag, listing, commands."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from cms.printing import booklets as service
from cms.printing.models import Booklet
from tests.cms.printing import pdfcheck


@pytest.fixture
def with_worker(settings, monkeypatch):
    """Pretend a broker is configured: capture scheduled tasks instead of running them."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    Booklet.objects.update(rebuild_requested_at=None)  # the fixture's own publishes ran without a worker
    scheduled = []
    monkeypatch.setattr(service, "schedule_rebuild", lambda pk, countdown: scheduled.append((pk, countdown)))
    return scheduled


class TestDebounce:
    def test_ten_publishes_schedule_one_rebuild_and_build_once(self, township, guides, with_worker, monkeypatch):
        builds = []
        real_build = service.build_booklet
        monkeypatch.setattr(service, "build_booklet", lambda b, **kw: builds.append(b.pk) or real_build(b, **kw))
        guide = guides[0]
        for _ in range(10):
            guide.save_revision().publish()
        booklet = Booklet.objects.get(township=township, audience="personal", topic="", page_format="A5")
        assert [pk for pk, _ in with_worker] == [booklet.pk]
        later = timezone.now() + dt.timedelta(seconds=service.debounce_seconds() + 1)
        assert service.rebuild_if_due(booklet.pk, now=later) == "built"
        assert service.rebuild_if_due(booklet.pk, now=later) == "idle"
        assert builds == [booklet.pk]
        booklet.refresh_from_db()
        assert booklet.version == 1 and not booklet.is_stale

    def test_task_before_quiet_period_defers(self, township, guides, with_worker):
        guides[0].save_revision().publish()
        booklet = Booklet.objects.get(township=township, audience="personal", topic="", page_format="A5")
        assert service.rebuild_if_due(booklet.pk, now=timezone.now()) == "deferred"
        assert Booklet.objects.get(pk=booklet.pk).version == 0
        assert len(with_worker) == 2  # the first schedule and the deferral

    def test_unpublish_marks_stale(self, township, guides, with_worker):
        guides[0].unpublish()
        assert Booklet.objects.get(township=township, audience="personal", topic="").is_stale


class TestDownload:
    def test_etag_and_304(self, client, township, guides):
        response = client.get("/booklets/personal.pdf")
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        body = b"".join(response.streaming_content)
        assert pdfcheck.reader(body).pages
        etag = response["ETag"]
        again = client.get("/booklets/personal.pdf", HTTP_IF_NONE_MATCH=etag)
        assert again.status_code == 304 and again["ETag"] == etag

    def test_previous_version_downloadable_during_rebuild(self, client, township, guides, with_worker, monkeypatch):
        booklet = service.build_booklet(service.booklet_for(township, "personal"))
        first = b"".join(client.get("/booklets/personal.pdf").streaming_content)
        seen_during = []

        real_render = service.render_booklet

        def render_and_download(*args, **kwargs):
            pdf = real_render(*args, **kwargs)
            seen_during.append(b"".join(client.get("/booklets/personal.pdf").streaming_content))
            return pdf

        monkeypatch.setattr(service, "render_booklet", render_and_download)
        guides[1].title = "特困人员救助供养（新）"
        guides[1].save_revision().publish()
        service.rebuild_if_due(booklet.pk, now=timezone.now() + dt.timedelta(hours=1))
        assert seen_during == [first]
        after = client.get("/booklets/personal.pdf")
        assert after["X-Booklet-Version"] == "2"
        assert "特困人员救助供养（新）" in [
            t for _, t, _ in pdfcheck.outline(pdfcheck.reader(b"".join(after.streaming_content)))
        ]

    def test_topic_and_format_urls(self, client, township, guides):
        response = client.get("/booklets/personal/social_assistance.pdf?format=A4")
        pdf = pdfcheck.reader(b"".join(response.streaming_content))
        assert pdfcheck.page_size_mm(pdf) == (210, 297)
        assert client.get("/booklets/personal.pdf?format=B5").status_code == 400
        assert client.get("/booklets/nobody.pdf").status_code == 404

    def test_listing_constant_queries(self, client, township, guides, django_assert_num_queries):
        service.build_booklet(service.booklet_for(township, "personal"))
        client.get("/booklets/")  # warm the site cache
        with django_assert_num_queries(3):
            response = client.get("/booklets/")
        assert "个人办事一本通" in response.content.decode()

    def test_poster(self, client, township, guides):
        response = client.get("/booklets/qr-poster.pdf")
        assert response.status_code == 200
        pdf = response.content
        assert pdfcheck.page_size_mm(pdfcheck.reader(pdf)) == (297, 420)
        assert sorted(pdfcheck.decode_qr_codes(pdf, 0, scale=2)) == sorted(g.get_full_url() for g in guides)
        assert client.get("/booklets/qr-poster.pdf", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


class TestAdmin:
    def test_rebuild_button(self, client, township, guides):
        from tests.factories import make_user

        user = make_user("boss", is_superuser=True, is_staff=True)
        client.force_login(user)
        booklet = service.booklet_for(township, "personal")
        assert "立即重建" in client.get("/admin/booklets/").content.decode()
        response = client.post(f"/admin/booklets/{booklet.pk}/rebuild/")
        assert response.status_code == 302
        assert Booklet.objects.get(pk=booklet.pk).version == 1


class TestCommands:
    def test_build_booklet(self, township, guides, tmp_path, capsys):
        target = tmp_path / "b.pdf"
        call_command("build_booklet", "--audience", "enterprise", "--format", "A4", "--output", str(target))
        pdf = pdfcheck.reader(target.read_bytes())
        assert [t for level, t, _ in pdfcheck.outline(pdf) if level == 2] == [
            "城乡居民养老保险参保登记",
            "个体工商户登记",
        ]
        assert "已写入" in capsys.readouterr().out

    def test_build_booklet_bad_audience(self, township, tmp_path):
        from django.core.management.base import CommandError

        with pytest.raises(CommandError, match="未知的服务对象"):
            call_command("build_booklet", "--audience", "x", "--output", str(tmp_path / "x.pdf"))

    def test_build_booklets_builds_missing_then_nothing_then_all(self, township, guides, capsys):
        call_command("build_booklets")
        out = capsys.readouterr().out
        kept = Booklet.objects.filter(township=township)
        assert sorted((b.audience, b.topic, b.page_format, b.version) for b in kept) == [
            ("enterprise", "", "A5", 1),
            ("personal", "", "A5", 1),
        ]
        assert "[2/2]" in out and "新生成 2 本，0 本已是最新" in out
        personal = kept.get(audience="personal")
        assert [
            t for level, t, _ in pdfcheck.outline(pdfcheck.reader(personal.document.file.read())) if level == 2
        ] == ["最低生活保障审核确认", "特困人员救助供养", "城乡居民养老保险参保登记", "户口迁移登记"]

        call_command("build_booklets")
        assert "新生成 0 本，2 本已是最新" in capsys.readouterr().out
        assert sorted(Booklet.objects.values_list("version", flat=True)) == [1, 1]

        call_command("build_booklets", "--all", "--township", township.slug)
        assert "新生成 2 本，0 本已是最新" in capsys.readouterr().out
        assert sorted(Booklet.objects.values_list("version", flat=True)) == [2, 2]

    def test_build_booklets_rebuilds_stale_and_asked_for(self, township, guides, capsys):
        call_command("build_booklets")
        topic = service.booklet_for(township, "personal", "social_assistance", "A4")
        Booklet.objects.filter(township=township, audience="enterprise").update(rebuild_requested_at=timezone.now())
        capsys.readouterr()
        call_command("build_booklets")
        assert "新生成 2 本，1 本已是最新" in capsys.readouterr().out
        versions = {(b.audience, b.topic): (b.version, b.is_stale) for b in Booklet.objects.filter(township=township)}
        assert versions == {
            ("personal", ""): (1, False),
            ("enterprise", ""): (2, False),
            ("personal", "social_assistance"): (1, False),
        }
        topic.refresh_from_db()
        assert pdfcheck.page_size_mm(pdfcheck.reader(topic.document.file.read())) == (210, 297)

    def test_build_booklets_unknown_township(self, township):
        from django.core.management.base import CommandError

        with pytest.raises(CommandError, match="找不到乡镇"):
            call_command("build_booklets", "--township", "no-such-town")

    def test_build_qr_poster(self, township, guides, tmp_path):
        target = tmp_path / "p.pdf"
        call_command("build_qr_poster", "--output", str(target))
        assert pdfcheck.page_size_mm(pdfcheck.reader(target.read_bytes())) == (297, 420)
