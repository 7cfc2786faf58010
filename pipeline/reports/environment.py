"""The one Jinja2 environment of the tool's own pages (status, review): strict and autoescaped."""

from __future__ import annotations

from pathlib import Path

import jinja2

PAGES = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True,
                           undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
