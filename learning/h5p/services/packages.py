"""Accepting a package and unpacking it.

``activity_create`` validates first (``validation.package_inspect``): a
rejected package raises ``PackageRejected`` and leaves nothing behind, in
storage or in the database. An accepted one is stored as uploaded, its row
is ``processing``, and ``h5p_activity_extract_task`` unpacks it after the
commit (Celery), through the storage API only so an S3-style storage works.
"""

import logging
import secrets
import zipfile
import zlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import ActivityStatus, H5PActivity, h5p_storage
from ..validation import PackageInfo, PackageRejected, package_inspect

logger = logging.getLogger(__name__)


def activity_create(*, title: str, package, uploaded_by=None, info: PackageInfo | None = None) -> H5PActivity:
    """Validate ``package`` (a Django ``File``), store it and schedule its
    extraction. ``info`` is the result of a validation already done (the
    admin form validates while cleaning)."""
    from ..tasks import h5p_activity_extract_task

    info = info or package_inspect(package, size=package.size)
    title = (title or "").strip() or info.title
    if not title:
        raise PackageRejected(_("Give the activity a title."))
    activity = H5PActivity(
        title=title[:255],
        main_library=str(info.main_library),
        language=info.language,
        package_bytes=info.package_bytes,
        content_bytes=info.uncompressed_bytes,
        status=ActivityStatus.PROCESSING,
        uploaded_by=uploaded_by if getattr(uploaded_by, "pk", None) else None,
    )
    package.seek(0)
    storage = h5p_storage()
    try:
        with transaction.atomic():
            activity.package = storage.save(f"h5p/packages/{secrets.token_hex(8)}.h5p", package)
            activity.save()
            transaction.on_commit(lambda: h5p_activity_extract_task.delay(activity.pk))
    except Exception:
        if activity.package:
            storage.delete(activity.package)
        raise
    return activity


def _delete_prefix(storage, prefix: str) -> None:
    """Delete every file under ``prefix`` (storage API only)."""
    if not prefix:
        return
    try:
        folders, files = storage.listdir(prefix)
    except (FileNotFoundError, NotImplementedError, OSError):
        return
    for name in files:
        storage.delete(f"{prefix}/{name}")
    for folder in folders:
        _delete_prefix(storage, f"{prefix}/{folder}")


def activity_extract(*, activity_id: int) -> H5PActivity | None:
    """Unpack an activity's package into storage and mark it ready (or
    failed, with the reason). Idempotent: a ready activity is left alone."""
    activity = H5PActivity.objects.filter(pk=activity_id).first()
    if activity is None or activity.status == ActivityStatus.READY:
        return activity
    storage = h5p_storage()
    prefix = f"h5p/content/{activity.pk}-{secrets.token_hex(6)}"
    written: list[str] = []
    try:
        with storage.open(activity.package, "rb") as handle:
            info = package_inspect(handle)
            with zipfile.ZipFile(handle) as archive:
                for name in info.files:
                    # ZipExtFile never yields more than the declared size and
                    # checks the CRC at the end: a lying header fails here.
                    data = archive.read(name)
                    target = f"{prefix}/{name}"
                    saved = storage.save(target, ContentFile(data))
                    written.append(saved)
                    if saved != target:
                        raise PackageRejected(_("The package could not be unpacked: a file name was changed by the storage."))
    except (PackageRejected, zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as error:
        for name in written:
            storage.delete(name)
        message = str(error) if isinstance(error, PackageRejected) else _("The package could not be unpacked: it is damaged.")
        logger.warning("H5P activity %s failed to unpack: %s", activity.pk, error)
        H5PActivity.objects.filter(pk=activity.pk).update(status=ActivityStatus.FAILED, error=message[:500])
        activity.refresh_from_db()
        return activity
    with transaction.atomic():
        locked = H5PActivity.objects.select_for_update().get(pk=activity.pk)
        old_prefix = locked.content_prefix if locked.content_prefix != prefix else ""
        locked.content_prefix = prefix
        locked.status = ActivityStatus.READY
        locked.error = ""
        locked.save(update_fields=["content_prefix", "status", "error", "updated_at"])
    _delete_prefix(storage, old_prefix)
    return locked
