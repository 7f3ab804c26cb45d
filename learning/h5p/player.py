"""Where the player and the content are served from, and the headers that
keep them harmless.

``H5P_CONTENT_ORIGIN`` (e.g. ``https://h5p-content.jisr.ma``, another site
pointing at the same Django) serves the player frame and the unpacked files
away from the main site's origin. Without it they are served by the main
site, but the frame carries ``Content-Security-Policy: sandbox
allow-scripts`` (and the ``<iframe sandbox>`` attribute), so it runs in an
opaque origin: no cookies, no access to the lesson page or the session.
Files are never sent as HTML; anything that might be active (SVG, XML)
carries ``sandbox`` too, and everything ``nosniff``.
"""

import mimetypes
from pathlib import Path

from django.conf import settings
from django.templatetags.static import static

# Types we send; anything else goes out as a download.
CONTENT_TYPES = {
    "json": "application/json",
    "js": "text/javascript",
    "css": "text/css",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "bmp": "image/bmp",
    "tif": "image/tiff",
    "tiff": "image/tiff",
    "svg": "image/svg+xml",
    "webm": "video/webm",
    "mp4": "video/mp4",
    "ogg": "audio/ogg",
    "mp3": "audio/mpeg",
    "m4a": "audio/mp4",
    "wav": "audio/wav",
    "vtt": "text/vtt",
    "webvtt": "text/vtt",
    "txt": "text/plain",
    "woff": "font/woff",
    "woff2": "font/woff2",
    "ttf": "font/ttf",
    "otf": "font/otf",
    "eot": "application/vnd.ms-fontobject",
    "pdf": "application/pdf",
}
INLINE_SAFE = {"json", "js", "css", "png", "jpg", "jpeg", "gif", "bmp", "webm", "mp4", "ogg", "mp3", "m4a", "wav",
               "vtt", "webvtt", "txt", "woff", "woff2", "ttf", "otf", "eot"}

PLAYER_DIST = "h5p-standalone"  # static prefix of node_modules/h5p-standalone/dist


def content_origin() -> str:
    return getattr(settings, "H5P_CONTENT_ORIGIN", "").rstrip("/")


def content_type_for(name: str) -> tuple[str, bool]:
    """(Content-Type, may be shown inline) for a stored file name."""
    extension = Path(name).suffix.lower().lstrip(".")
    content_type = CONTENT_TYPES.get(extension) or mimetypes.guess_type(name)[0] or "application/octet-stream"
    if content_type.startswith("text/html") or content_type == "application/xhtml+xml":
        content_type = "text/plain"
    if content_type.startswith("text/"):
        content_type += "; charset=utf-8"
    return content_type, extension in INLINE_SAFE or extension == "svg"


def player_installed() -> bool:
    """Whether npm installed h5p-standalone (``make install`` runs ``npm ci``)."""
    from django.contrib.staticfiles import finders

    return bool(finders.find(f"{PLAYER_DIST}/main.bundle.js"))


def player_assets() -> dict[str, str]:
    return {
        "main_js": static(f"{PLAYER_DIST}/main.bundle.js"),
        "frame_js": static(f"{PLAYER_DIST}/frame.bundle.js"),
        "frame_css": static(f"{PLAYER_DIST}/styles/h5p.css"),
        "glue_js": static("h5p/frame.js"),
    }


def frame_csp(asset_origin: str, ancestor: str) -> str:
    """The frame's policy: sandboxed (opaque origin, scripts only), code and
    styles from our origin(s) only, no forms, no plugins, no navigation of
    the lesson page."""
    sources = " ".join(sorted({asset_origin, content_origin() or asset_origin}))
    return "; ".join(
        [
            "sandbox allow-scripts",
            "default-src 'none'",
            # H5P writes its inner frame with inline bootstrapping code.
            f"script-src {sources} 'unsafe-inline' 'unsafe-eval'",
            f"style-src {sources} 'unsafe-inline'",
            f"img-src {sources} data: blob:",
            f"media-src {sources} data: blob:",
            f"font-src {sources} data:",
            f"connect-src {sources}",
            "frame-src 'self' about: blob: data:",
            "child-src 'self' about: blob: data:",
            "form-action 'none'",
            "base-uri 'none'",
            "object-src 'none'",
            f"frame-ancestors {ancestor}",
        ]
    )


FILE_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:"
