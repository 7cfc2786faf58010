"""Writing what a build made: the site and its reports change together, or not at all.

Both folders are written in full beside their destinations before either is swapped in, so a
full disk changes nothing. A build that fails still writes its reports (the status page with
the errors, and the review pages when asked for), so that a reviewer sees the errors in
context; the site is left as it was, and the reports keep the record that names it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..atomic import staged
from ..diagnostics import Diagnostic, PipelineError, Severity
from .incremental import CHECKS_RECORD_NAME, RECORD_NAME, RECORD_VERSION, output_state, record_bytes

WRITE_FAILED = "write-failed"
_SITES_KEPT = 20


class BuildFailed(PipelineError):
    """A build that stopped before its site was replaced; closing says so and where the reports are."""

    def __init__(self, diagnostics: Sequence[Diagnostic], closing: str) -> None:
        super().__init__(diagnostics)
        self.closing = closing


def publish_build(output: Path, reports: Path, site: Mapping[str, bytes], report: Mapping[str, bytes],
                  record: Mapping[str, Any], checks: Mapping[str, Any], previous_sites: Sequence[str] = ()) -> None:
    """Write the site and the reports (with the build's records) beside their folders, then swap
    both in; a failure to write leaves both as they were."""
    with staged([*_sizes(site), *_sizes(report)]) as staging:
        staging.add(output, site)
        staging.add(reports, report)
        state = output_state((output, reports), staging.folders)
        staging.write(reports, CHECKS_RECORD_NAME, record_bytes(checks))
        staging.write(reports, RECORD_NAME, record_bytes({**record, "sites": sites_made(output, previous_sites),
                                                          "outputs": state}))
        staging.commit()


def publish_failure(reports: Path, report: Mapping[str, bytes], previous: Mapping[str, Any],
                    previous_checks: Mapping[str, Any]) -> None:
    """Replace the reports of a failed build; the last build's records are kept (without the
    digests that would let the next build skip its work), so its site is still known as ours."""
    kept = {key: value for key, value in previous.items() if key != "digests"} or {"version": RECORD_VERSION}
    with staged(_sizes(report)) as staging:
        staging.add(reports, report)
        if previous_checks:
            staging.write(reports, CHECKS_RECORD_NAME, record_bytes(previous_checks))
        staging.write(reports, RECORD_NAME, record_bytes(kept))
        staging.commit()


def sites_made(output: Path, previous: Sequence[str]) -> list[str]:
    """The site folders built with one reports folder, latest first: a build may replace them
    (pipeline.output.folders), so building into another folder once does not disown the usual one."""
    return [str(output), *[site for site in previous if site != str(output)]][:_SITES_KEPT]


def is_write_failure(diagnostics: Sequence[Diagnostic]) -> bool:
    """True when the build stopped because the system refused a write (then nothing more is tried)."""
    return any(d.check_id == WRITE_FAILED for d in diagnostics)


def errors_of(diagnostics: Sequence[Diagnostic]) -> list[Diagnostic]:
    """What stopped a build: its errors (with --strict, its warnings too)."""
    return [d for d in diagnostics if d.severity is Severity.ERROR] or list(diagnostics)


def _sizes(files: Mapping[str, bytes]) -> list[int]:
    return [len(data) for data in files.values()]
