"""Stage check: every translator check over every catalog, one list of diagnostics.

Each check is a small function of one signature: file checks take the context of a catalog,
entry checks a message and that context. Ids and default severities live in `registry`.
Errors mean a catalog is broken or unsafe and block a build; warnings (incomplete entries,
typography, consistency) are reported and fail only `check --strict`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from ..catalog.model import Catalog, Key, Message
from ..config import Config, LocaleSettings
from ..diagnostics import Diagnostic, PipelineError, Severity
from ..glossary import GLOSSARY_FILE, Glossary, load_glossary
from ..loader import load_targets, read_text
from ..locales import LocaleInfo
from ..project import project_problems
from . import alignment, formats, language, leftovers, scripts, tags, translation, typography
from .baseline import BASELINE_FILE, apply_baseline, read_baseline
from .batch import CACHE_FOLDER, Job, run_jobs
from .context import CheckContext, default_settings
from .drift import template_drift
from .exemptions import apply_exemptions
from .files import FILE_CHECKS
from .glossary import glossary
from .registry import CHECKS, CheckInfo
from .source import src_context_missing, src_format_invalid, src_short_placeholder_names, src_unnamed_placeholders

__all__ = ["CHECKS", "CheckContext", "CheckInfo", "CheckResult", "check", "check_catalog", "check_pot", "rejected"]

EntryCheck = Callable[[Message, CheckContext], Iterator[Diagnostic]]

ENTRY_CHECKS: tuple[EntryCheck, ...] = (
    translation.completeness, translation.plural_count, formats.format_python, formats.format_brace,
    formats.format_unflagged, tags.html_tags, tags.html_presentational, tags.html_unsafe, tags.url,
    translation.same_as_source, scripts.kana_in_target, scripts.han_script_variant, scripts.hangul_han_leak,
    language.wrong_language, translation.newline_edges, translation.newline_count, translation.whitespace_edges,
    scripts.ideographic_space, typography.double_space, typography.punct_width, typography.quote_style,
    typography.paired_marks, translation.numbers, typography.end_punct, typography.cjk_latin_spacing,
    translation.length_ratio, glossary, translation.control_chars,
    *alignment.ENTRY_CHECKS, *leftovers.ENTRY_CHECKS,
)
# The checks that can report an error: all a gate needs (compile refuses a catalog only for errors).
ERROR_CHECKS: tuple[EntryCheck, ...] = (
    translation.plural_count, formats.format_python, formats.format_brace, tags.html_tags, tags.html_unsafe,
    tags.url, translation.same_as_source, translation.newline_edges, translation.control_chars,
    scripts.kana_in_target, language.wrong_language,
    alignment.repeated_text, *leftovers.ERROR_CHECKS,
)
SOURCE_CHECKS: tuple[EntryCheck, ...] = (src_format_invalid, src_unnamed_placeholders, src_short_placeholder_names, src_context_missing)


@dataclass(frozen=True)
class CheckResult:
    """The catalogs that could be read, and every finding in all of them."""

    catalogs: dict[str, Catalog]
    diagnostics: tuple[Diagnostic, ...]
    files: int
    baselined: int = 0


def check_catalog(
    catalog: Catalog, locale: LocaleInfo, *, settings: LocaleSettings | None = None,
    glossary_terms: Glossary | None = None, text: str | None = None, errors_only: bool = False,
) -> list[Diagnostic]:
    """All file and entry checks of one catalog (or only those that can fail it), exemptions
    applied, in file order."""
    context = CheckContext(catalog, locale, settings or default_settings(locale), glossary_terms or Glossary(),
                           tuple(text.splitlines()) if text is not None else ())
    found = [d for file_check in (*FILE_CHECKS, alignment.misplaced) for d in file_check(context)]
    checks = ERROR_CHECKS if errors_only else ENTRY_CHECKS
    for message in catalog.current:
        found.extend(d for entry_check in checks for d in entry_check(message, context))
    kept = _exempted(context, leftovers.fold(language.fold_leaks(found)))
    return sorted((d for d in kept if d.severity is Severity.ERROR) if errors_only else kept, key=_position)


def _exempted(context: CheckContext, found: list[Diagnostic]) -> list[Diagnostic]:
    by_key: dict[tuple[str | None, str | None], list[Diagnostic]] = {}
    for diagnostic in found:
        by_key.setdefault((diagnostic.msgctxt, diagnostic.msgid), []).append(diagnostic)
    kept: list[Diagnostic] = []
    for message in (context.catalog.header, *context.catalog.current):
        kept.extend(apply_exemptions(context, message, by_key.pop(message.key, [])))
    return kept + [d for rest in by_key.values() for d in rest]


def _position(diagnostic: Diagnostic) -> tuple[int, int]:
    return diagnostic.location.line or 0, diagnostic.location.column or 0


def project_glossary(config: Config) -> Glossary:
    """The configured glossary, or locales/glossary.toml when there is one."""
    path = config.glossary or config.catalogs_dir / GLOSSARY_FILE
    return load_glossary(path, config.relative(path))


def check(
    config: Config, locales: Sequence[LocaleInfo] | None = None, *,
    named: Sequence[tuple[LocaleInfo, Path]] = (), baseline: Path | None = None, use_baseline: bool = True,
    errors_only: bool = False,
) -> CheckResult:
    """Read and check the catalogs of the configured (or given) locales, or the named catalog files."""
    targets = list(named) or [(loc, config.catalog_path(loc)) for loc in (locales if locales is not None else config.targets)]
    # A catalog the user named may live anywhere; only the project's own catalogs must stay inside it.
    catalogs, texts, found = load_targets(config, targets, confined=not named)
    if not named:
        found = project_problems(config) + found
    terms = project_glossary(config)
    template = None if errors_only else _template(config)
    template_bytes = config.pot_path.read_bytes() if template is not None else b""
    jobs = [Job(partial(_check_one, catalogs[locale.identifier], locale, config.locale_settings(locale), terms,
                        texts[locale.identifier], errors_only, template),
                (repr(locale), repr(config.locale_settings(locale)), repr(terms), errors_only,
                 catalogs[locale.identifier].path, texts[locale.identifier], template_bytes),
                len(catalogs[locale.identifier].messages))
            for locale, _ in targets if locale.identifier in catalogs]
    for findings in run_jobs(jobs, config.root / CACHE_FOLDER):
        found.extend(findings)
    known = read_baseline(baseline or config.baseline or config.catalogs_dir / BASELINE_FILE) if use_baseline else None
    kept, baselined = apply_baseline(found, known) if known else (found, 0)
    return CheckResult(catalogs, tuple(kept), len(targets), baselined)


def _check_one(catalog: Catalog, locale: LocaleInfo, settings: LocaleSettings, terms: Glossary, text: str,
               errors_only: bool, template: Catalog | None) -> list[Diagnostic]:
    """One catalog's findings, its drift from the template included."""
    found = check_catalog(catalog, locale, settings=settings, glossary_terms=terms, text=text, errors_only=errors_only)
    if template is not None:
        found.extend(template_drift(catalog, template, locale.identifier))
    return found


def _template(config: Config) -> Catalog | None:
    """messages.pot for the drift checks; a missing or broken one is extract's and check --pot's to report."""
    if not config.pot_path.is_file():
        return None
    try:
        return read_text(config.pot_path, config.relative(config.pot_path), config.root)[0]
    except PipelineError:
        return None


def rejected(config: Config, catalogs: Mapping[str, Catalog]) -> dict[str, frozenset[Key]]:
    """Per locale, the entries an error finding keeps off the pages (a wrong-language or unsafe
    translation): never counted as translated, whatever the catalog's flags say."""
    terms = project_glossary(config)
    found: dict[str, frozenset[Key]] = {}
    for locale in config.targets:
        catalog = catalogs.get(locale.identifier)
        if catalog is not None:
            errors = check_catalog(catalog, locale, settings=config.locale_settings(locale), glossary_terms=terms, errors_only=True)
            found[locale.identifier] = frozenset((d.msgctxt, d.msgid) for d in errors if d.msgid)
    return found


def check_pot(config: Config, path: Path | None = None) -> CheckResult:
    """The source checks over messages.pot (or another template)."""
    pot = path or config.pot_path
    display = config.relative(pot)
    try:
        # A template named on the command line may be anywhere, like a named catalog.
        catalog, text = read_text(pot, display, config.root if path is None else None)
    except PipelineError as exc:
        return CheckResult({}, exc.diagnostics, 1)
    context = CheckContext(catalog, config.source, config.locale_settings(config.source), Glossary(), tuple(text.splitlines()))
    found = [d for message in catalog.current for source_check in SOURCE_CHECKS for d in source_check(message, context)]
    return CheckResult({}, tuple(sorted(found, key=_position)), 1)
