from .packages import activity_create, activity_extract  # noqa: F401
