"""The site renderer: pages of one locale at a time, with the build's catalogs or those given per call."""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from ..catalog.model import Catalog
from ..config import Config, Page
from ..locales import LocaleInfo
from .jinja import (
    FALLBACK_END,
    Translator,
    annotate_fallbacks,
    install,
    make_environment,
    mark_source_language_links,
    optional_block,
    render_template,
    table_of_contents,
    template_module_values,
)
from .pages import PageState, RenderedPage, page_context, page_path
from .publishing import decide, lags

MESSAGES_TEMPLATE = "messages.html.j2"
CACHE_FOLDER = ".cache/policy-pipeline/templates"  # compiled templates; safe to delete
_HEADING = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.DOTALL)
# Told what is being rendered (e.g. "ko sitepolicy"); the CLI shows it on a terminal.
Progress = Callable[[str], None]


class SiteRenderer:
    """Renders pages for one locale at a time with that locale's publishable messages."""

    def __init__(self, config: Config, catalogs: Mapping[str, Catalog], template: Catalog) -> None:
        self.config = config
        self.catalogs = catalogs
        self.template = template
        self.env = make_environment(config.templates_dir, config.root / CACHE_FOLDER)
        self._strings: dict[str, dict[str, Markup]] = {}

    def catalog(self, locale: LocaleInfo, given: Catalog | None = None) -> Catalog | None:
        """The catalog a page of this locale is rendered with: the one given, else the build's."""
        return given if given is not None else self.catalogs.get(locale.identifier)

    def translator(self, locale: LocaleInfo, given: Catalog | None = None) -> Translator:
        """A fresh translator for one locale, installed in the environment."""
        catalog = self.catalog(locale, given)
        messages = catalog.by_key() if catalog is not None else {}
        translator = Translator(self.config.source.tag, messages, is_source=locale == self.config.source)
        install(self.env, translator)
        return translator

    def strings(self, locale: LocaleInfo, given: Catalog | None = None) -> dict[str, Markup]:
        """The build's own messages (404 texts, notes) in one language, rendered once per locale."""
        if locale.identifier not in self._strings:
            self.translator(locale, given)
            names = ("notfound_heading", "notfound_link", "fallback_note", "unavailable", "source_language_note",
                     "version_lagging", "version_past")
            values = template_module_values(self.env, MESSAGES_TEMPLATE, names)
            self._strings[locale.identifier] = {n: Markup(v.replace(FALLBACK_END, "")) for n, v in values.items()}
        return self._strings[locale.identifier]

    def state(self, locale: LocaleInfo, published: set[str], held_back: bool, given: Catalog | None = None) -> PageState:
        """What a page needs to know before it is rendered."""
        catalog = self.catalog(locale, given)
        is_source = locale == self.config.source
        return PageState(
            published=published, outdated=not is_source and lags(catalog, self.template), held_back=held_back,
            unavailable_label=self.strings(locale, given)["unavailable"],
        )

    def render_page(self, locale: LocaleInfo, page: Page, published: set[str], held_back: bool = False,
                    given: Catalog | None = None) -> RenderedPage:
        """One policy page in one language, with its table of contents and fallback notes; rendered
        with the catalog given (review and pseudo-locale pages), else the build's."""
        context = page_context(self.config, locale, page, self.state(locale, published, held_back, given))
        catalog = self.catalog(locale, given)
        translator = Translator(self.config.source.tag, catalog.by_key() if catalog is not None else {},
                                is_source=locale == self.config.source)
        return self.render_in(self.env, translator, locale, page, context, page_path(locale, page), given)

    def render_in(self, env: Environment, translator: Translator, locale: LocaleInfo, page: Page,
                  context: dict[str, Any], path: str, given: Catalog | None = None) -> RenderedPage:
        """A page rendered in an environment (the current templates or a release's) with a translator."""
        note = self.strings(locale, given)["fallback_note"]  # before install: strings() installs its own translator
        install(env, translator)
        html = table_of_contents(translator.finish(render_template(env, page.template, context, self.config.root)))
        block_fallbacks = [f for f in translator.fallbacks if not f.in_text_slot]
        html = optional_block(html, "fallback-notice", bool(block_fallbacks))
        html = annotate_fallbacks(html, context["page"]["source_href"], self.config.source.tag, note)
        if locale != self.config.source:
            html = mark_source_language_links(html, self.config.source_language_urls, self.config.source.tag,
                                              locale.tag, self.strings(locale, given)["source_language_note"])
        heading = _HEADING.search(html)
        title = Markup(heading.group(1)).striptags() if heading else page.slug
        decision = decide(self.config, locale, page, translator.fallbacks, translator.share())
        return RenderedPage(locale, page, path, html, title, tuple(translator.fallbacks), decision)

    def render_shell(self, template: str, page: Mapping[str, Any]) -> str:
        """The root language chooser or 404 page."""
        return render_template(self.env, template, {"page": page}, self.config.root)


# Rendering pages in parallel pays only when there is enough of it (measured in
# docs/benchmarks.md): below this many message renders, starting processes costs more.
PARALLEL_MIN_WORK = 20_000
_WORKER: SiteRenderer | None = None  # set before forking: children inherit compiled templates


Task = tuple[LocaleInfo, Page, set[str], bool]




def render_tasks(renderer: SiteRenderer, tasks: Sequence[Task], progress: Progress | None) -> list[RenderedPage]:
    """Render these pages, in forked processes when there is enough work to pay for them."""
    if not _parallel_pays(renderer, tasks):
        return [_render_one(renderer, task, progress) for task in tasks]
    global _WORKER
    first = _render_one(renderer, tasks[0], progress)  # compiles the templates once, before forking
    _WORKER = renderer
    context = multiprocessing.get_context("fork")
    with concurrent.futures.ProcessPoolExecutor(max_workers=os.cpu_count(), mp_context=context) as pool:
        rest = list(pool.map(_render_in_worker, tasks[1:]))
    _WORKER = None
    return [first, *rest]


def _parallel_pays(renderer: SiteRenderer, tasks: Sequence[Task]) -> bool:
    work = len(tasks) * len(renderer.template.messages)
    return (work >= PARALLEL_MIN_WORK and len(tasks) > 2 and (os.cpu_count() or 1) > 1
            and "fork" in multiprocessing.get_all_start_methods())


def _render_one(renderer: SiteRenderer, task: Task, progress: Progress | None) -> RenderedPage:
    locale, spec, published, held = task
    if progress is not None:
        progress(f"{locale.tag} {spec.slug}")
    return renderer.render_page(locale, spec, published, held)


def _render_in_worker(task: Task) -> RenderedPage:
    assert _WORKER is not None
    return _WORKER.render_page(*task)
