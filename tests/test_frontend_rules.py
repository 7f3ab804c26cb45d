"""House rules for the front end, checked on every stylesheet and template:
right-to-left safe CSS and no third-party assets."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SKIP = {".venv", "node_modules", "test-artifacts", "staticfiles", "media", "private-media", ".git"}


def project_files(pattern: str) -> list[Path]:
    return sorted(p for p in ROOT.glob(pattern) if not SKIP & set(p.relative_to(ROOT).parts))


STYLESHEETS = project_files("**/static/**/*.css")
TEMPLATES = project_files("**/templates/**/*.html")

# Physical (left/right) properties and values that break in right-to-left.
PHYSICAL = re.compile(
    r"(?<![\w-])(margin|padding|border)-(left|right)\b"
    r"|(?<![\w-])(left|right)\s*:"
    r"|(?<![\w-])(text-align|float|clear)\s*:\s*(left|right)\b"
    r"|(?<![\w-])border-(top|bottom)-(left|right)-radius\b",
    re.IGNORECASE,
)
EXTERNAL_ASSET = re.compile(r"""<(script|link|img|iframe|source|video|audio)\b[^>]*\b(src|href)\s*=\s*["'](https?:)?//""", re.IGNORECASE)


def test_there_is_css_to_check():
    assert STYLESHEETS


@pytest.mark.parametrize("path", STYLESHEETS, ids=lambda p: str(p.relative_to(ROOT)))
def test_stylesheets_use_logical_properties_only(path):
    offending = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if PHYSICAL.search(line.split("/*")[0])
    ]
    assert not offending, "use logical properties (inline-start/end):\n" + "\n".join(offending)


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_templates_load_nothing_from_other_sites(path):
    matches = [m.group(0) for m in EXTERNAL_ASSET.finditer(path.read_text())]
    assert not matches, f"{path.relative_to(ROOT)} loads third-party assets: {matches}"


INLINE_CSS = re.compile(r"""style\s*=\s*"([^"]*)"|<style[^>]*>(.*?)</style>""", re.IGNORECASE | re.DOTALL)


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_inline_styles_use_logical_properties_only(path):
    offending = [
        css.strip()[:120]
        for match in INLINE_CSS.finditer(path.read_text())
        for css in match.groups()
        if css and PHYSICAL.search(css)
    ]
    assert not offending, f"{path.relative_to(ROOT)}: use logical properties: {offending}"
