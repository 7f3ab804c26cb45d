"""Every safety rule, each with a package crafted here (zipfile)."""

import io
import json
import stat
import zipfile

import pytest
from django.utils import translation

from learning.h5p.validation import PackageRejected, package_inspect

from .packages import raw_zip, valid_entries, valid_files, valid_package


def inspect(data: bytes):
    return package_inspect(io.BytesIO(data))


def rejected(data: bytes) -> str:
    with pytest.raises(PackageRejected) as caught:
        inspect(data)
    message = str(caught.value)
    assert "\n" not in message
    return message


def with_files(**changes) -> bytes:
    files = valid_files()
    for name, data in changes.items():
        files[name.replace("__", "/")] = data
    return raw_zip(list(files.items()))


def test_a_valid_package_is_described():
    info = inspect(valid_package("صح أم خطأ"))
    assert str(info.main_library) == "H5P.JisrTrueFalse 1.0"
    assert info.title == "صح أم خطأ"
    assert info.language == "ar"
    assert "H5P.JisrTrueFalse-1.0/truefalse.js" in info.files
    assert info.uncompressed_bytes == sum(len(data) for data in valid_files("صح أم خطأ").values())


def test_not_a_zip():
    assert rejected(b"<html>not a zip</html>") == "This file is not an H5P package: it is not a valid zip archive."


def test_a_truncated_zip():
    assert "not a valid zip archive" in rejected(valid_package()[:200])


def test_rejections_are_translated():
    with translation.override("ar"):
        message = rejected(b"nope")
    assert message != "This file is not an H5P package: it is not a valid zip archive."
    assert "zip" in message.lower() or "مضغوط" in message
    with translation.override("fr"):
        assert "zip" in rejected(b"nope")


def test_missing_h5p_json():
    files = dict(valid_entries())
    del files["h5p.json"]
    assert rejected(raw_zip(list(files.items()))) == "The package has no h5p.json at its root."


def test_missing_content_json():
    files = dict(valid_entries())
    del files["content/content.json"]
    assert rejected(raw_zip(list(files.items()))) == "The package has no content/content.json."


def test_h5p_json_must_be_json():
    assert rejected(with_files(**{"h5p.json": b"{not json"})) == "h5p.json is not valid JSON."


def test_h5p_json_must_name_a_main_library():
    data = json.loads(valid_files()["h5p.json"])
    del data["mainLibrary"]
    assert rejected(with_files(**{"h5p.json": json.dumps(data).encode()})) == "h5p.json does not name a main library."


def test_the_main_library_must_be_in_the_package():
    files = {name: data for name, data in valid_entries() if not name.startswith("H5P.JisrTrueFalse-1.0/")}
    assert rejected(raw_zip(list(files.items()))) == "The package does not include its main library H5P.JisrTrueFalse 1.0."


def test_the_main_library_must_be_the_right_version():
    data = json.loads(valid_files()["h5p.json"])
    data["preloadedDependencies"][0]["minorVersion"] = 3
    message = rejected(with_files(**{"h5p.json": json.dumps(data).encode()}))
    assert message == "The package does not include its main library H5P.JisrTrueFalse 1.3."


def test_a_library_folder_must_match_its_library_json():
    files = dict(valid_entries())
    files = {name.replace("H5P.JisrTrueFalse-1.0/", "H5P.Other-1.0/"): data for name, data in files.items()}
    assert "does not match its library.json" in rejected(raw_zip(list(files.items())))


@pytest.mark.parametrize(
    "name",
    [
        "content/page.html",
        "content/script.js",  # code only inside libraries
        "H5P.JisrTrueFalse-1.0/run.php",
        "H5P.JisrTrueFalse-1.0/movie.swf",
        "H5P.JisrTrueFalse-1.0/index.htm",
        "content/images/x.exe",
        "readme.txt",  # only h5p.json at the root
    ],
)
def test_only_the_file_types_h5p_allows(name):
    message = rejected(raw_zip([*valid_entries(), (name, b"x")]))
    assert "does not allow" in message and name in message


def test_library_code_is_allowed_in_a_library_folder():
    assert inspect(raw_zip([*valid_entries(), ("H5P.JisrTrueFalse-1.0/more.js", b"1;")]))


def test_a_folder_that_is_not_a_library():
    assert rejected(raw_zip([*valid_entries(), ("scripts/a.js", b"1;")])) == (
        "The folder scripts is not a library (no library.json)."
    )


@pytest.mark.parametrize("name", ["/etc/passwd.json", "C:/temp/a.json"])
def test_no_absolute_paths(name):
    assert rejected(raw_zip([*valid_entries(), (zipfile.ZipInfo(name), b"{}")])) == (
        f"The package contains an absolute path: {name}"
    )


@pytest.mark.parametrize("name", ["content/../../evil.json", "../evil.json", "content/a/../../x.json"])
def test_no_parent_directory(name):
    assert rejected(raw_zip([*valid_entries(), (zipfile.ZipInfo(name), b"{}")])) == (
        f"The package contains a path that leaves its folder (“..”): {name}"
    )


def test_no_backslashes():
    name = "content\\..\\evil.json"
    assert "backslash" in rejected(raw_zip([*valid_entries(), (zipfile.ZipInfo(name), b"{}")]))


def test_no_symbolic_links():
    link = zipfile.ZipInfo("content/images/link.png")
    link.create_system = 3
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    assert rejected(raw_zip([*valid_entries(), (link, b"/etc/passwd")])) == (
        "The package contains a symbolic link: content/images/link.png"
    )


@pytest.mark.parametrize("second", ["content/content.json", "CONTENT/Content.json"])
def test_no_duplicate_names(second):
    with pytest.warns(UserWarning) if second == "content/content.json" else _nothing():
        data = raw_zip([*valid_entries(), (second, b"{}")])
    assert rejected(data) == f"The package contains the same name twice: {second}"


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_no_encrypted_entries():
    data = bytearray(raw_zip(valid_entries()))
    # Set the "encrypted" flag on the first entry in the central directory.
    central = data.rfind(b"PK\x01\x02", 0, data.rfind(b"PK\x05\x06"))
    first = data.find(b"PK\x01\x02")
    assert central >= first >= 0
    data[first + 8] |= 0x1
    assert "encrypted" in rejected(bytes(data))


def test_zip_bomb_by_ratio():
    bomb = b"\0" * (5 * 1024 * 1024)  # 5 MB of zeros compress to a few kB
    message = rejected(raw_zip([*valid_entries(), ("content/images/bomb.png", bomb)]))
    assert message == "The package is compressed suspiciously well (content/images/bomb.png): it may be a zip bomb."


def test_zip_bomb_spread_over_many_small_files():
    entries = [(f"content/images/{n}.txt", b"\0" * 512 * 1024) for n in range(8)]
    assert rejected(raw_zip([*valid_entries(), *entries])) == "The package is compressed suspiciously well: it may be a zip bomb."


def test_total_uncompressed_size_is_capped(settings):
    settings.H5P_MAX_UNCOMPRESSED_BYTES = 20_000
    import os

    noise = os.urandom(25_000)  # does not compress: only the size cap can catch it
    assert rejected(raw_zip([*valid_entries(), ("content/images/noise.png", noise)])).startswith(
        "The package is too large once unpacked"
    )


def test_package_size_is_capped(settings):
    settings.H5P_MAX_PACKAGE_BYTES = 1000
    assert rejected(valid_package()).startswith("The package is too large")


def test_too_many_files(settings):
    settings.H5P_MAX_FILES = 4
    assert rejected(valid_package()) == "The package contains too many files (at most 4)."


def test_hidden_files_are_refused():
    assert "hidden file" in rejected(raw_zip([*valid_entries(), ("content/.htaccess", b"x")]))
