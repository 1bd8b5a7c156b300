"""Settings shared by every environment.

Every external service is read from the environment and has an embedded default,
so `make run` works on a bare machine: SQLite, Celery tasks run in-process, the
embedded search index.
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "cms"


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]

INSTALLED_APPS = [
    "cms.core",
    "cms.workflow",
    "cms.catalog",
    "cms.disclosure",
    "cms.api",
    "cms.guides",
    "cms.printing",
    "villages",
    "grid",
    "search",
    "import_export",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "cms.core.context_processors.township",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the dev server, the Celery worker and imports share the file.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"})

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "var" / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Spreadsheet imports may carry large cells; the importer itself rejects cells over its limit.
DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Wagtail
WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME", "乡镇政务公开平台")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAILDOCS_EXTENSIONS = ["csv", "doc", "docx", "odt", "pdf", "rtf", "txt", "xls", "xlsx", "zip", "ofd"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"
WAGTAIL_DATETIME_FORMAT = "%Y-%m-%d %H:%M"

# Celery: with no broker configured, tasks run in-process (eager) so the demo needs no server.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", CELERY_BROKER_URL or None)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BEAT_SCHEDULE = {
    "publish-scheduled-pages": {
        "task": "cms.workflow.tasks.publish_scheduled_pages",
        "schedule": 60.0,
    },
    # 村务公开: remind secretaries of villages behind their disclosure schedule, daily (villages/tasks.py).
    "villages-schedule-reminders": {
        "task": "villages.tasks.send_schedule_reminders",
        "schedule": 86400.0,
    },
    # 村务公开: notices published ahead of their posting date become searchable on that date.
    "villages-index-notices-opening": {
        "task": "villages.tasks.index_notices_opening",
        "schedule": 3600.0,
    },
    # 督办: overdue appeals are escalated to the grid leader, then the township (grid/tasks.py).
    "grid-escalate-overdue-appeals": {
        "task": "grid.tasks.escalate_overdue_appeals",
        "schedule": 3600.0,
    },
    # Search: apply index operations that waited in the outbox (backend down, worker lost).
    "search-replay-outbox": {
        "task": "search.tasks.replay_search_outbox",
        "schedule": 60.0,
    },
}

# Search: empty means the embedded index.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
# Embedded search: queries whose words match more documents than this are answered from an
# even sample (total and facets estimated, every title match ranked); 0 = always exact.
SEARCH_EXACT_MATCHES = int(os.environ.get("SEARCH_EXACT_MATCHES", "1000"))
# Processes that cut index terms for large batches (rebuilds); empty = the CPU count, at most 4.
SEARCH_INDEX_WORKERS = os.environ.get("SEARCH_INDEX_WORKERS", "")

# Cache (used for the working-day calendar and rate limits).
REDIS_CACHE_URL = os.environ.get("CACHE_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_CACHE_URL}
        if REDIS_CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

IMPORT_EXPORT_SKIP_ADMIN_LOG = False
IMPORT_EXPORT_TMP_STORAGE_CLASS = "import_export.tmp_storages.MediaStorage"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Disclosure rules
DISCLOSURE_TIMELINESS_WORKING_DAYS = 20

# Demo parts contributed by modules beyond cms.core: dotted paths of functions taking the
# demo context (see cms/core/demo/builders.build_extensions). Each module appends its own.
DEMO_BUILDERS: list[str] = ["villages.demo.build_villages_demo"]

# Grid management (网格化管理): appeal limits and the public form's rate limit.
GRID_MAX_EXTENSION_DAYS = 10  # 延期最多 10 个工作日
GRID_ESCALATE_TO_TOWNSHIP_AFTER_DAYS = 3  # 超期满 3 个工作日督办至乡镇
GRID_MAX_PHOTO_BYTES = 5 * 1024 * 1024
GRID_PUBLIC_RATE_LIMIT = (5, 3600)  # 每个 IP 每小时最多提交 5 件
DEMO_BUILDERS.append("grid.demo.build_grid_demo")
DEMO_BUILDERS.append("cms.guides.demo.build_guides_demo")

# Search (issue 3): index the demo township once its content exists.
DEMO_BUILDERS.append("search.indexing.demo.build_search_index_demo")

# 村务公开 (villages): attachment limit, schedule grace day, SMS hook (dotted path to send(user, text)).
VILLAGE_ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024
VILLAGE_NOTICE_DUE_DAY = 10
VILLAGE_SMS_SENDER = os.environ.get("VILLAGE_SMS_SENDER", "villages.sms.log_only")
