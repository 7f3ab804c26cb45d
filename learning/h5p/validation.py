"""Checking an ``.h5p`` package before anything is stored.

Pure Python (``zipfile``), no storage and no database: ``package_inspect``
reads the archive's central directory and the few JSON files that describe
it, and either returns what it learnt (``PackageInfo``) or raises
``PackageRejected`` with one translated line a trainer can act on.

The rules follow H5P's own validator (``H5PValidator::isValidPackage``):
``h5p.json`` at the root names a main library that the package ships;
``content/`` holds only the file types H5P allows for content; library
folders may add JavaScript and CSS. On top of that we refuse what makes an
archive dangerous to unpack: absolute paths, ``..``, backslashes, symbolic
links, duplicate names (also differing only by case), encrypted entries, too
many files, too much data once uncompressed, and suspicious compression
ratios (zip bombs). Nothing here trusts the sizes written in the archive
alone: ``extract`` (in ``services``) counts the bytes it really writes.
"""

import json
import re
import stat
import zipfile
from dataclasses import dataclass, field
from posixpath import splitext

from django.conf import settings
from django.utils.translation import gettext_lazy as _

# H5P core's default whitelist (H5PCore::$defaultContentWhitelist) without
# "swf": Flash is dead and only ever a risk.
CONTENT_EXTENSIONS = frozenset(
    "json png jpg jpeg gif bmp tif tiff svg eot ttf woff woff2 otf webm mp4 ogg mp3 m4a wav txt pdf rtf "
    "doc docx xls xlsx ppt pptx odt ods odp xml csv diff patch md textile vtt webvtt gltf glb".split()
)
# H5PCore::$defaultLibraryWhitelistExtras: libraries may also ship code and styles.
LIBRARY_EXTENSIONS = CONTENT_EXTENSIONS | {"js", "css"}

MACHINE_NAME = re.compile(r"^[\w.-]{1,255}$")
LIBRARY_FOLDER = re.compile(r"^(?P<name>[\w.-]+?)(?:-(?P<major>\d+)\.(?P<minor>\d+))?$")
JSON_MAX_BYTES = 2 * 1024 * 1024  # h5p.json, library.json, content.json


def max_package_bytes() -> int:
    return getattr(settings, "H5P_MAX_PACKAGE_BYTES", 100 * 1024 * 1024)


def max_uncompressed_bytes() -> int:
    return getattr(settings, "H5P_MAX_UNCOMPRESSED_BYTES", 300 * 1024 * 1024)


def max_ratio() -> int:
    """The largest compression ratio accepted for an entry (and the whole)."""
    return getattr(settings, "H5P_MAX_COMPRESSION_RATIO", 100)


def max_files() -> int:
    return getattr(settings, "H5P_MAX_FILES", 5000)


# Small files (JSON, text) may compress extremely well and harm no one.
RATIO_FREE_BYTES = 1024 * 1024


class PackageRejected(Exception):
    """The package is refused; ``message`` is one translated line."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message

    def __str__(self):
        return str(self.message)


@dataclass(frozen=True)
class LibraryRef:
    machine_name: str
    major: int
    minor: int

    def __str__(self):
        return f"{self.machine_name} {self.major}.{self.minor}"


@dataclass
class PackageInfo:
    title: str
    main_library: LibraryRef
    language: str
    package_bytes: int
    uncompressed_bytes: int
    files: list[str] = field(default_factory=list)
    libraries: dict[str, LibraryRef] = field(default_factory=dict)  # folder → library
    h5p_json: dict = field(default_factory=dict)


def _size_label(size: int) -> str:
    from django.template.defaultfilters import filesizeformat

    return filesizeformat(size)


def _check_name(info: zipfile.ZipInfo) -> str:
    name = info.filename
    shown = name[:120]
    if not name or "\x00" in name or any(ord(char) < 32 for char in name):
        raise PackageRejected(_("The package contains a file with an invalid name."))
    if "\\" in name:
        raise PackageRejected(_("The package contains a path with a backslash: %(name)s") % {"name": shown})
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        raise PackageRejected(_("The package contains an absolute path: %(name)s") % {"name": shown})
    if ".." in name.split("/"):
        raise PackageRejected(_("The package contains a path that leaves its folder (“..”): %(name)s") % {"name": shown})
    mode = info.external_attr >> 16
    if info.create_system == 3 and stat.S_ISLNK(mode):  # made on Unix: the mode is meaningful
        raise PackageRejected(_("The package contains a symbolic link: %(name)s") % {"name": shown})
    if info.flag_bits & 0x1:
        raise PackageRejected(_("The package contains an encrypted file: %(name)s") % {"name": shown})
    return name


def _read_json(archive: zipfile.ZipFile, name: str, what: str) -> dict:
    info = archive.getinfo(name)
    if info.file_size > JSON_MAX_BYTES:
        raise PackageRejected(_("%(file)s is too large.") % {"file": what})
    try:
        with archive.open(info) as handle:
            data = json.loads(handle.read(JSON_MAX_BYTES + 1).decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError, zipfile.BadZipFile, OSError):
        raise PackageRejected(_("%(file)s is not valid JSON.") % {"file": what}) from None
    if not isinstance(data, dict):
        raise PackageRejected(_("%(file)s is not valid JSON.") % {"file": what})
    return data


def _library_ref(data: dict, what: str) -> LibraryRef:
    name = data.get("machineName")
    try:
        major, minor = int(data.get("majorVersion")), int(data.get("minorVersion"))
    except (TypeError, ValueError):
        major = minor = -1
    if not isinstance(name, str) or not MACHINE_NAME.match(name) or major < 0 or minor < 0:
        raise PackageRejected(_("%(file)s does not describe a library correctly.") % {"file": what})
    return LibraryRef(name, major, minor)


def package_inspect(fileobj, *, size: int | None = None) -> PackageInfo:
    """Validate an ``.h5p`` package (a seekable binary file) and describe it.

    Raises ``PackageRejected``; reads nothing but the central directory and
    the JSON files, and writes nothing anywhere."""
    if size is None:
        fileobj.seek(0, 2)
        size = fileobj.tell()
    fileobj.seek(0)
    if size > max_package_bytes():
        raise PackageRejected(
            _("The package is too large (%(size)s; at most %(max)s).")
            % {"size": _size_label(size), "max": _size_label(max_package_bytes())}
        )
    try:
        archive = zipfile.ZipFile(fileobj)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise PackageRejected(_("This file is not an H5P package: it is not a valid zip archive.")) from None
    with archive:
        return _inspect(archive, size)


def _inspect(archive: zipfile.ZipFile, size: int) -> PackageInfo:
    entries = archive.infolist()
    if len(entries) > max_files():
        raise PackageRejected(_("The package contains too many files (at most %(max)s).") % {"max": max_files()})

    seen: set[str] = set()
    files: list[str] = []
    total = 0
    compressed_total = 0
    for info in entries:
        name = _check_name(info)
        folded = name.rstrip("/").casefold()
        if folded in seen:
            raise PackageRejected(_("The package contains the same name twice: %(name)s") % {"name": name[:120]})
        seen.add(folded)
        if info.is_dir():
            continue
        total += info.file_size
        compressed_total += info.compress_size
        if total > max_uncompressed_bytes():
            raise PackageRejected(
                _("The package is too large once unpacked (more than %(max)s).")
                % {"max": _size_label(max_uncompressed_bytes())}
            )
        if info.file_size > RATIO_FREE_BYTES and info.file_size > max_ratio() * max(info.compress_size, 1):
            raise PackageRejected(
                _("The package is compressed suspiciously well (%(name)s): it may be a zip bomb.") % {"name": name[:120]}
            )
        files.append(name)
    if total > RATIO_FREE_BYTES and total > max_ratio() * max(compressed_total, 1):
        raise PackageRejected(_("The package is compressed suspiciously well: it may be a zip bomb."))

    # Every file must be of a type H5P allows where it sits.
    for name in files:
        top, _sep, rest = name.partition("/")
        if not rest:
            if name != "h5p.json":
                raise PackageRejected(_("The package contains a file H5P does not allow: %(name)s") % {"name": name[:120]})
            continue
        if rest.rsplit("/", 1)[-1].startswith("."):
            raise PackageRejected(_("The package contains a hidden file: %(name)s") % {"name": name[:120]})
        extension = splitext(name)[1].lower().lstrip(".")
        allowed = CONTENT_EXTENSIONS if top == "content" else LIBRARY_EXTENSIONS
        if extension not in allowed:
            raise PackageRejected(
                _("The package contains a file type H5P does not allow: %(name)s") % {"name": name[:120]}
            )

    if "h5p.json" not in files:
        raise PackageRejected(_("The package has no h5p.json at its root."))
    if "content/content.json" not in files:
        raise PackageRejected(_("The package has no content/content.json."))
    h5p_json = _read_json(archive, "h5p.json", "h5p.json")
    _read_json(archive, "content/content.json", "content/content.json")

    main_name = h5p_json.get("mainLibrary")
    if not isinstance(main_name, str) or not MACHINE_NAME.match(main_name):
        raise PackageRejected(_("h5p.json does not name a main library."))
    dependencies = h5p_json.get("preloadedDependencies")
    if not isinstance(dependencies, list) or not all(isinstance(d, dict) for d in dependencies):
        raise PackageRejected(_("h5p.json does not list its libraries (preloadedDependencies)."))

    libraries: dict[str, LibraryRef] = {}
    for name in files:
        parts = name.split("/")
        if len(parts) == 2 and parts[1] == "library.json" and parts[0] != "content":
            folder = parts[0]
            ref = _library_ref(_read_json(archive, name, name), name)
            match = LIBRARY_FOLDER.match(folder)
            if not match or match["name"] != ref.machine_name or (
                match["major"] is not None and (int(match["major"]), int(match["minor"])) != (ref.major, ref.minor)
            ):
                raise PackageRejected(_("The library folder %(folder)s does not match its library.json.") % {"folder": folder})
            libraries[folder] = ref

    wanted = [d for d in dependencies if d.get("machineName") == main_name]
    if not wanted:
        raise PackageRejected(_("h5p.json names a main library (%(library)s) it does not depend on.") % {"library": main_name})
    main = _library_ref(wanted[0], "h5p.json")
    if main not in libraries.values():
        raise PackageRejected(
            _("The package does not include its main library %(library)s.") % {"library": str(main)}
        )
    folders_with_libraries = set(libraries)
    for name in files:
        top = name.split("/", 1)[0]
        if top not in ("content", "h5p.json") and top not in folders_with_libraries:
            raise PackageRejected(_("The folder %(folder)s is not a library (no library.json).") % {"folder": top[:120]})

    title = h5p_json.get("title")
    language = h5p_json.get("language")
    return PackageInfo(
        title=title.strip()[:255] if isinstance(title, str) else "",
        main_library=main,
        language=language if isinstance(language, str) and len(language) <= 10 else "",
        package_bytes=size,
        uncompressed_bytes=total,
        files=files,
        libraries=libraries,
        h5p_json=h5p_json,
    )
