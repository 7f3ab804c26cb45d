"""Production: PostgreSQL, Redis, a Celery worker and beat, HTTPS behind a
reverse proxy, object storage for media when configured."""

from .base import *  # noqa: F401,F403
from .base import env

DEBUG = False
# Credentials cannot be signed without it: fail at start-up, not at issuance.
CREDENTIAL_SIGNING_KEY = env("CREDENTIAL_SIGNING_KEY")
STAFF_MFA_REQUIRED = env.bool("STAFF_MFA_REQUIRED", default=True)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Object storage (S3 or any S3-compatible service) for uploaded media.
if env("AWS_STORAGE_BUCKET_NAME", default=""):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env("AWS_S3_ENDPOINT_URL", default=None),
            "region_name": env("AWS_S3_REGION_NAME", default=None),
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **STORAGES["default"]["OPTIONS"],
            "bucket_name": env("AWS_PRIVATE_STORAGE_BUCKET_NAME", default=env("AWS_STORAGE_BUCKET_NAME")),
            "location": "private",
            "querystring_expire": 300,
        },
    }

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}
