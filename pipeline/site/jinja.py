"""The Jinja2 environment and the safe installation of one locale's translations."""

from __future__ import annotations

import contextlib
import os
import re
import traceback
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from jinja2.bccache import Bucket
from markupsafe import Markup, escape

from ..atomic import temporary_file
from ..catalog.model import Key, Message
from ..diagnostics import Location, PipelineError, error
from ..markup import safe_translation
from .share import shown_translated, translated_share


@dataclass(frozen=True)
class Fallback:
    """A message shown in the source language because its translation is not publishable."""

    msgctxt: str | None
    msgid: str
    reason: str
    line: int | None
    in_text_slot: bool


FALLBACK_END = "<!--/fallback-->"


@dataclass
class Translator:
    """Looks messages up for one locale and records every fallback to the source text."""

    source_tag: str
    messages: Mapping[Key, Message]
    is_source: bool = False
    fallbacks: list[Fallback] = field(default_factory=list)
    # Every lookup as (msgid, shown translated): what the page's translated share is counted over.
    lookups: list[tuple[str, bool]] = field(default_factory=list)

    def share(self) -> float:
        """The translated share of what was looked up (see share.py)."""
        return translated_share(self.lookups)

    def block(self, msgctxt: str | None, msgid: str) -> str:
        """A {% trans %} block: the translation, or the source marked with its language."""
        translation = self._lookup(msgctxt, msgid, in_text_slot=False)
        if translation is not None:
            return translation
        reason = self.fallbacks[-1].reason
        return f'<span lang="{self.source_tag}" data-fallback="{reason}">{msgid}</span>{FALLBACK_END}'

    def finish(self, page: str) -> str:
        """The rendered page, once Jinja2 is done (a subclass may take marks out of it)."""
        return page

    def text(self, msgctxt: str | None, msgid: str) -> str:
        """Text that cannot carry markup (title, attributes): the translation or the source."""
        translation = self._lookup(msgctxt, msgid, in_text_slot=True)
        return Markup(translation if translation is not None else msgid).striptags()

    def _lookup(self, msgctxt: str | None, msgid: str, in_text_slot: bool) -> str | None:
        if self.is_source:
            return msgid
        message = self.messages.get((msgctxt, msgid))
        shown = shown_translated(message)
        self.lookups.append((msgid, shown))
        if message is not None and shown:
            return safe_translation(message.msgstr, msgid)
        reason = ("untranslated" if message is None or not message.translated else "fuzzy" if message.fuzzy
                  else "a '%' Python formatting rejects")  # only where no-python-format kept it from the checks
        line = message.msgstr_line if message is not None else None
        self.fallbacks.append(Fallback(msgctxt, msgid, reason, line, in_text_slot))
        return None


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept for the life of the process (so the rebuilds of `serve` do not
    compile them again) and in the project's .cache/ folder (so the next build does not either);
    Jinja2 checks each entry against its template's source checksum."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}
        self.folder: Path | None = None

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self.compiled.get(bucket.key)
        if data is None and self.folder is not None:
            with contextlib.suppress(OSError):
                data = (self.folder / f"{bucket.key}.bin").read_bytes()
        if data is not None:
            bucket.bytecode_from_string(data)  # Jinja2 checks the source's checksum inside

    def dump_bytecode(self, bucket: Bucket) -> None:
        data = bucket.bytecode_to_string()
        self.compiled[bucket.key] = data
        if self.folder is not None:
            with contextlib.suppress(OSError):
                self.folder.mkdir(parents=True, exist_ok=True)
                target = self.folder / f"{bucket.key}.bin"
                handle, temporary = temporary_file(target)
                try:
                    with os.fdopen(handle, "wb") as stream:
                        stream.write(data)
                    os.replace(temporary, target)
                finally:  # a full disk leaves no half-written file behind (the cache is optional)
                    Path(temporary).unlink(missing_ok=True)


_COMPILED = _CompiledTemplates()


def make_environment(templates: Path, cache: Path | None = None) -> jinja2.Environment:
    """Autoescaping, StrictUndefined, trimmed {% trans %} blocks, no stray whitespace.

    Compiled templates are kept in memory and, with cache, on disk: a page template of thousands
    of trans blocks takes longer to compile than to render."""
    if cache is not None:
        _COMPILED.folder = cache
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        bytecode_cache=_COMPILED,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.policies["ext.i18n.trimmed"] = True
    return env


def install(env: jinja2.Environment, translator: Translator) -> None:
    """Make gettext/pgettext (trans blocks) and _ (plain text) use this translator."""
    env.install_gettext_callables(  # type: ignore[attr-defined]
        lambda msgid: translator.block(None, msgid),
        lambda singular, plural, n: translator.block(None, singular if n == 1 else plural),
        newstyle=True,
        pgettext=lambda ctx, msgid: translator.block(ctx, msgid),
        npgettext=lambda ctx, s, p, n: translator.block(ctx, s if n == 1 else p),
    )
    env.globals["_"] = lambda msgid: translator.text(None, msgid)


def render_template(env: jinja2.Environment, name: str, context: Mapping[str, Any], root: Path) -> str:
    """Render one template; a template error becomes a diagnostic with its file and line."""
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise PipelineError([error(_template_location(root, exc.filename or name, exc.lineno),
                                   "template", exc.message or "syntax error")]) from exc
    except (jinja2.UndefinedError, jinja2.TemplateError, TypeError, ValueError) as exc:
        frame = _template_frame(exc)
        location = _template_location(root, frame[0], frame[1]) if frame else Location(f"templates/{name}")
        raise PipelineError([error(location, "template", f"{exc}: fix the template or the config")]) from exc


def template_module_values(env: jinja2.Environment, name: str, variables: Collection[str]) -> dict[str, str]:
    """Top-level {% set %} values of a template, rendered once with the installed translations."""
    module = env.get_template(name).make_module({})
    missing = [v for v in variables if not hasattr(module, v)]
    if missing:
        raise PipelineError([error(Location(f"templates/{name}"), "template",
                                   f"defines no {missing[0]!r}: add {{% set {missing[0]} %}}…{{% endset %}} (see the shipped templates)")])
    return {v: str(getattr(module, v)) for v in variables}


def _template_frame(exc: BaseException) -> tuple[str, int] | None:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".j2")]
    return (frames[-1].filename, frames[-1].lineno or 1) if frames else None


def _template_location(root: Path, filename: str, line: int | None) -> Location:
    path = Path(filename)
    try:
        shown = path.resolve().relative_to(root).as_posix()
    except ValueError:
        shown = filename
    return Location(shown, line)


_LINK = re.compile(r'<a href="([^"]+)"([^>]*)>(.*?)</a>', re.DOTALL)
_SECTION_HEADING = re.compile(r'<section id="([A-Za-z0-9_-]+)"[^>]*>\s*<h([23])>(.*?)</h\2>', re.DOTALL)


def table_of_contents(page: str) -> str:
    """Fill the <!--toc--> marker with a nested list of the page's h2 and h3 sections."""
    items: list[tuple[int, str, str]] = [
        (int(m.group(2)), m.group(1), m.group(3)) for m in _SECTION_HEADING.finditer(page)
    ]
    return _mark_url_text_links(page.replace("<!--toc-->", _toc_list(items), 1))


def _mark_url_text_links(page: str) -> str:
    """Flag links whose text is their own address, so that print shows the URL once, not twice."""

    def mark(match: re.Match[str]) -> str:
        href, attributes, label = match.group(1), match.group(2), match.group(3)
        if Markup(label).striptags() != Markup(href).unescape():
            return match.group()
        return f'<a href="{href}"{attributes} data-url-text>{label}</a>'

    return _LINK.sub(mark, page)


def _toc_list(items: list[tuple[int, str, str]]) -> str:
    out = ["<ol>"]
    open_sub = False
    for index, (level, ident, label) in enumerate(items):
        if level == 3 and not open_sub:
            out.append("<ol>")
            open_sub = True
        elif level == 2 and open_sub:
            out.append("</ol></li>")
            open_sub = False
        elif level == 2 and index:
            out.append("</li>")
        out.append(f'<li><a href="#{escape(ident)}">{label}</a>')
        if level == 3:
            out.append("</li>")
    out.append("</ol></li></ol>" if open_sub else ("</li></ol>" if items else "</ol>"))
    return "".join(out)


_STRUCTURE = re.compile(r'<section id="([^"]+)"[^>]*>|</section>|<(/?)(h[1-6]|nav|title)\b[^>]*>|<!--/fallback-->')


def annotate_fallbacks(page: str, source_href: str, source_tag: str, note: Markup) -> str:
    """After each passage shown in the source language, a note linking to the same section
    of the source page; none inside headings, navigation and the title, where it cannot go."""
    sections: list[str] = []
    closed_context = 0
    out: list[str] = []
    position = 0
    for match in _STRUCTURE.finditer(page):
        out.append(page[position:match.start()])
        position = match.end()
        token = match.group()
        if match.group(1):
            sections.append(match.group(1))
        elif token == "</section>" and sections:
            sections.pop()
        elif match.group(3):
            closed_context += -1 if match.group(2) else 1
        if token != FALLBACK_END:
            out.append(token)
        elif closed_context == 0:
            anchor = f"#{sections[-1]}" if sections else ""
            out.append(f' <a class="fallback-note" data-furniture="fallback" href="{escape(source_href)}{anchor}" hreflang="{escape(source_tag)}">{note}</a>')
    out.append(page[position:])
    return "".join(out)


FULL_WIDTH_OPENERS = "（「『【〔《〈"


def mark_source_language_links(page: str, urls: Collection[str], source_tag: str, lang: str, note: Markup) -> str:
    """Give links to pages that exist only in the source language its hreflang and, after
    the link, a note in the page's language saying so (WEB.md R33)."""

    def mark(match: re.Match[str]) -> str:
        href, attributes, label = match.group(1), match.group(2), match.group(3)
        if Markup(href).unescape() not in urls:
            return match.group()
        if "hreflang=" not in attributes:
            attributes += f' hreflang="{escape(source_tag)}"'
        # A full-width bracket brings its own spacing: no ASCII space before （日文）.
        space = "" if str(note)[:1] in FULL_WIDTH_OPENERS else " "
        return (f'<a href="{href}"{attributes}>{label}</a>'
                f'<span class="language-note" lang="{escape(lang)}" data-furniture="language-note">{space}{note}</span>')

    return _LINK.sub(mark, page)


def optional_block(page: str, name: str, keep: bool) -> str:
    """Keep or drop a block the template wrapped in <!--name{--> ... <!--}name--> markers."""
    pattern = re.compile(rf"<!--{re.escape(name)}\{{-->\n?(.*?)<!--\}}{re.escape(name)}-->\n?", re.DOTALL)
    return pattern.sub(lambda m: m.group(1) if keep else "", page)
