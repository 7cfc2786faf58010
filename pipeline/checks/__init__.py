"""Stage check: every translator check over every catalog, one list of diagnostics.

Each check is a small function of one signature: file checks take the context of a catalog,
entry checks a message and that context. Ids and default severities live in `registry`.
Errors mean a catalog is broken or unsafe and block a build; warnings (incomplete entries,
typography, consistency) are reported and fail only `check --strict`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from ..catalog.model import Catalog, Key, Message
from ..config import Config, LocaleSettings
from ..diagnostics import Diagnostic, PipelineError, Severity
from ..glossary import GLOSSARY_FILE, Glossary, load_glossary
from ..loader import load_targets, read_text
from ..locales import LocaleInfo
from ..project import project_problems
from . import alignment, cformat, formats, language, leftovers, scripts, tags, translation, typography
from .baseline import BASELINE_FILE, apply_baseline, read_baseline
from .batch import CACHE_FOLDER, Job, run_jobs
from .context import HOUSE_STYLE_LANGUAGES, CheckContext, default_settings, japanese_msgids
from .drift import template_drift
from .exemptions import apply_exemptions
from .files import FILE_CHECKS
from .glossary import glossary
from .registry import ALL_GRANTS, CHECKS, HOUSE, JA, PROJECT, CheckInfo
from .source import src_context_missing, src_format_invalid, src_short_placeholder_names, src_unnamed_placeholders

__all__ = ["CHECKS", "CheckContext", "CheckInfo", "CheckResult", "check", "check_catalog", "check_pot", "rejected"]

EntryCheck = Callable[[Message, CheckContext], Iterator[Diagnostic]]

# Every entry check once, in report order, under the id it reports; what it needs, its severity
# and its documentation are the id's row in `registry.CHECKS`.
ENTRY_CHECKS: tuple[tuple[str, EntryCheck], ...] = (
    ("completeness", translation.completeness), ("plural-forms", translation.plural_count),
    ("format-python", formats.format_python), ("format-c", cformat.format_c), ("format-brace", formats.format_brace),
    ("format-unflagged", formats.format_unflagged), ("html-tags", tags.html_tags),
    ("html-presentational", tags.html_presentational), ("html-unsafe", tags.html_unsafe), ("url", tags.url),
    ("same-as-source", translation.same_as_source), ("kana-in-target", scripts.kana_in_target),
    ("han-script-variant", scripts.han_script_variant), ("hangul-han-leak", scripts.hangul_han_leak),
    ("wrong-language", language.wrong_language), ("newline-edges", translation.newline_edges),
    ("newline-count", translation.newline_count), ("whitespace-edges", translation.whitespace_edges),
    ("ideographic-space", scripts.ideographic_space), ("double-space", typography.double_space),
    ("punct-width", typography.punct_width), ("quote-style", typography.quote_style),
    ("paired-marks", typography.paired_marks), ("numbers", translation.numbers), ("end-punct", typography.end_punct),
    ("cjk-latin-spacing", typography.cjk_latin_spacing), ("length-ratio", translation.length_ratio),
    ("glossary", glossary), ("control-chars", translation.control_chars), ("repeated-text", alignment.repeated_text),
    ("missing-sentences", alignment.missing_sentences), ("blank-translation", leftovers.blank_translation),
    ("work-marker", leftovers.work_marker), ("stale-previous", leftovers.stale_previous),
    ("contact-details", leftovers.contact_details), ("name-altered", leftovers.name_altered),
)
# The checks that can report an error: all a gate needs (compile refuses a catalog only for errors).
ERROR_CHECKS = tuple((check_id, check) for check_id, check in ENTRY_CHECKS if CHECKS[check_id].severity is Severity.ERROR)
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
    grants: frozenset[str] = ALL_GRANTS,
) -> list[Diagnostic]:
    """All file and entry checks of one catalog (or only those that can fail it) that the
    catalog lets them judge, exemptions applied, in file order."""
    context = CheckContext(catalog, locale, settings or default_settings(locale), glossary_terms or Glossary(),
                           tuple(text.splitlines()) if text is not None else (), grants)
    file_checks = (*FILE_CHECKS, *((alignment.misplaced,) if context.judges("misplaced") else ()))
    found = [d for file_check in file_checks for d in file_check(context)]
    checks = [check for check_id, check in (ERROR_CHECKS if errors_only else ENTRY_CHECKS) if context.judges(check_id)]
    for message in catalog.current:
        findings = (d for entry_check in checks for d in entry_check(message, context))
        found.extend(map(_as_warning, findings) if message.fuzzy else findings)
    kept = _exempted(context, leftovers.fold(language.fold_leaks(found)))
    return sorted((d for d in kept if d.severity is Severity.ERROR) if errors_only else kept, key=_position)


def _as_warning(diagnostic: Diagnostic) -> Diagnostic:
    """A fuzzy entry is never published (msgfmt leaves it out too): what is wrong in it is for
    the translator's review, never an error that blocks a build."""
    return replace(diagnostic, severity=Severity.WARNING)


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
    grants = {locale.identifier: _grants(config, locale, path, catalogs[locale.identifier])
              for locale, path in targets if locale.identifier in catalogs}
    jobs = [Job(partial(_check_one, catalogs[locale.identifier], locale, config.locale_settings(locale), terms,
                        texts[locale.identifier], errors_only, template, grants[locale.identifier]),
                (repr(locale), repr(config.locale_settings(locale)), repr(terms), errors_only,
                 catalogs[locale.identifier].path, texts[locale.identifier], template_bytes, sorted(grants[locale.identifier])),
                len(catalogs[locale.identifier].messages))
            for locale, _ in targets if locale.identifier in catalogs]
    for findings in run_jobs(jobs, config.root / CACHE_FOLDER):
        found.extend(findings)
    known = read_baseline(baseline or config.baseline or config.catalogs_dir / BASELINE_FILE) if use_baseline else None
    kept, baselined = apply_baseline(found, known) if known else (found, 0)
    return CheckResult(catalogs, tuple(kept), len(targets), baselined)


def _grants(config: Config, locale: LocaleInfo, path: Path, catalog: Catalog) -> frozenset[str]:
    """All the checks for the project's own catalogs; for a catalog from elsewhere (named on the
    command line, outside the catalogs folder) only what its msgids and locale let them judge."""
    if path.absolute().is_relative_to(config.catalogs_dir.absolute()):
        return ALL_GRANTS
    house = locale.identifier in {t.identifier for t in config.targets} or locale.identifier.split("_")[0] in HOUSE_STYLE_LANGUAGES
    return frozenset({JA} if japanese_msgids(catalog) else ()) | frozenset({HOUSE} if house else ())


def _check_one(catalog: Catalog, locale: LocaleInfo, settings: LocaleSettings, terms: Glossary, text: str,
               errors_only: bool, template: Catalog | None, grants: frozenset[str] = ALL_GRANTS) -> list[Diagnostic]:
    """One catalog's findings, its drift from the template included."""
    found = check_catalog(catalog, locale, settings=settings, glossary_terms=terms, text=text, errors_only=errors_only, grants=grants)
    if template is not None and PROJECT in grants:
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
