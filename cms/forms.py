"""Uploads to the document library (lesson videos, audio, captions and
handouts): the file's *content* must match its extension, and its size stays
under a limit — otherwise the form says so and nothing is stored.
(Images are checked by Wagtail itself: Pillow must read them and their
format must match their extension; WAGTAILIMAGES_MAX_UPLOAD_SIZE caps them.)

Settings: CMS_DOCUMENT_MAX_UPLOAD_SIZE, CMS_MEDIA_MAX_UPLOAD_SIZE (video and
audio), in bytes.
"""

from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

ZIP = (b"PK\x03\x04",)
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "docx": ZIP, "pptx": ZIP, "xlsx": ZIP, "odt": ZIP, "odp": ZIP, "ods": ZIP,
    "webm": (b"\x1a\x45\xdf\xa3",),
    "ogg": (b"OggS",), "oga": (b"OggS",),
    "mp3": (b"ID3", b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"),
}
FTYP = {"mp4", "m4a"}  # ISO base media: "ftyp" at offset 4
TEXT = {"txt", "vtt"}
MEDIA = {"mp4", "webm", "mp3", "m4a", "ogg", "oga"}


def _content_matches(extension: str, head: bytes) -> bool:
    if extension in FTYP:
        return head[4:8] == b"ftyp"
    if extension in TEXT:
        try:
            text = head.decode("utf-8")
        except UnicodeDecodeError as error:  # a cut in the middle of a character is fine
            text = head[: error.start].decode("utf-8") if error.start > len(head) - 4 else None
        if text is None or "\x00" in text:
            return False
        return extension != "vtt" or text.lstrip("\ufeff").startswith("WEBVTT")
    return head.startswith(SIGNATURES.get(extension, (head[:0],)))


class DocumentForm(BaseDocumentForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded is None or not hasattr(uploaded, "content_type"):  # no new upload
            return uploaded
        extension = PurePosixPath(uploaded.name).suffix.lstrip(".").lower()
        limit = getattr(
            settings, "CMS_MEDIA_MAX_UPLOAD_SIZE" if extension in MEDIA else "CMS_DOCUMENT_MAX_UPLOAD_SIZE", 20 * 1024 * 1024
        )
        if uploaded.size > limit:
            raise forms.ValidationError(
                _("This file is %(size)s; the limit for this kind of file is %(limit)s.")
                % {"size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)}
            )
        uploaded.seek(0)
        head = uploaded.read(512)
        uploaded.seek(0)
        if not _content_matches(extension, head):
            raise forms.ValidationError(
                _("The content of this file is not a “.%(extension)s” file. Check the file, or export it again.")
                % {"extension": extension}
            )
        return uploaded
