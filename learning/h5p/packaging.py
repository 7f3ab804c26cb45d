"""Build ``.h5p`` packages from our own True/False library (``library/``).

No package on the registries ships real H5P content types, so the demo and
the tests build theirs from the small library kept in this repository.
"""

import io
import json
import zipfile
from pathlib import Path

LIBRARY_DIR = Path(__file__).resolve().parent / "library"
TRUE_FALSE = ("H5P.JisrTrueFalse", 1, 0)


def true_false_content(*, question: str, correct: bool, true_label: str, false_label: str,
                       correct_feedback: str = "", wrong_feedback: str = "") -> dict:
    return {
        "question": question,
        "correct": correct,
        "trueLabel": true_label,
        "falseLabel": false_label,
        "correctFeedback": correct_feedback,
        "wrongFeedback": wrong_feedback,
    }


def h5p_json(*, title: str, language: str = "ar", library=TRUE_FALSE) -> dict:
    name, major, minor = library
    return {
        "title": title,
        "language": language,
        "mainLibrary": name,
        "embedTypes": ["iframe"],
        "license": "U",
        "preloadedDependencies": [{"machineName": name, "majorVersion": major, "minorVersion": minor}],
    }


def library_files(library_dir: Path = LIBRARY_DIR) -> dict[str, bytes]:
    """{path inside the package: bytes} for every library folder."""
    return {
        path.relative_to(library_dir).as_posix(): path.read_bytes()
        for path in sorted(library_dir.rglob("*"))
        if path.is_file()
    }


def package_files(*, title: str, content: dict, language: str = "ar") -> dict[str, bytes]:
    files = {
        "h5p.json": json.dumps(h5p_json(title=title, language=language), ensure_ascii=False).encode(),
        "content/content.json": json.dumps(content, ensure_ascii=False).encode(),
    }
    files.update(library_files())
    return files


def zip_bytes(files: dict[str, bytes | str]) -> bytes:
    """A deflated zip with ``files``, in a stable order (same input, same bytes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data.encode() if isinstance(data, str) else data)
    return buffer.getvalue()


def build_true_false_package(*, title: str, language: str = "ar", **content) -> bytes:
    return zip_bytes(package_files(title=title, content=true_false_content(**content), language=language))
