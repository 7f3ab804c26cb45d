"""Background work of the H5P app."""

from config.celery import app

from .services import activity_extract


@app.task
def h5p_activity_extract_task(activity_id: int) -> str | None:
    """Unpack one activity's package (idempotent); returns its status."""
    activity = activity_extract(activity_id=activity_id)
    return activity.status if activity else None
