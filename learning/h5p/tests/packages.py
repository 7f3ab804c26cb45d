"""Crafted packages for the tests: a valid one and ways to spoil it."""

import io
import zipfile

from django.core.files.base import ContentFile

from learning.h5p.packaging import package_files, true_false_content, zip_bytes

CONTENT = {
    "question": "الوسيط الأسري طرف محايد.",
    "correct": True,
    "true_label": "صحيح",
    "false_label": "خطأ",
}


def valid_files(title: str = "صح أم خطأ: الحياد") -> dict[str, bytes]:
    return package_files(title=title, content=true_false_content(**CONTENT))


def valid_package(title: str = "صح أم خطأ: الحياد") -> bytes:
    return zip_bytes(valid_files(title))


def as_upload(data: bytes, name: str = "activity.h5p") -> ContentFile:
    return ContentFile(data, name=name)


def raw_zip(entries: list[tuple[zipfile.ZipInfo | str, bytes]]) -> bytes:
    """A zip written entry by entry, so names and attributes can be anything."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in entries:
            archive.writestr(info, data)
    return buffer.getvalue()


def valid_entries() -> list[tuple[str, bytes]]:
    return list(valid_files().items())
