"""The site's templates stay ready for a strict Content-Security-Policy."""

import re
from pathlib import Path

import pytest
from django.conf import settings

TEMPLATES = sorted(
    path
    for path in (Path(settings.BASE_DIR) / "templates").rglob("*.html")
    if "admin" not in path.parts
)


def test_there_are_templates_to_check():
    assert len(TEMPLATES) >= 10


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: path.name)
def test_no_inline_script_style_or_event_handler(path):
    html = path.read_text()
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag, f"inline <script> in {path.name}"
    assert not re.search(r"\son[a-z]+\s*=", html), f"on* attribute in {path.name}"
    assert not re.search(r"\sstyle\s*=", html), f"style attribute in {path.name}"
    assert "https://" not in html, f"external asset in {path.name}"
