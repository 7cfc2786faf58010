"""Text put into the Markdown documents the tool writes (job summaries, pull-request comments)."""

from __future__ import annotations

# GitHub renders inline HTML even inside tables: write it as entities; backslash-escape the
# Markdown punctuation so that a translator's text never becomes a link, code or emphasis.
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "\\|", **{c: "\\" + c for c in "\\`*_[]()#!~"}}


def markdown_cell(text: str) -> str:
    """Text shown literally in a Markdown table cell (one line)."""
    return "".join(_ESCAPES.get(char, char) for char in text.replace("\r", " ").replace("\n", " "))
