"""policy-pipeline: Japanese templates -> gettext catalogs -> checked, published pages.

The stages are plain functions of a validated Config; the CLI is a thin layer over them.
"""

from __future__ import annotations

from .build import BuildResult, build
from .checks import CheckResult, check
from .compile import compile_catalogs
from .config import Config, Page, load_config
from .diagnostics import ConfigError, Diagnostic, Location, PipelineError, Severity
from .extract import ExtractResult, extract
from .update import UpdateResult, init, merge, update

__all__ = [
    "BuildResult", "CheckResult", "Config", "ConfigError", "Diagnostic", "ExtractResult",
    "Location", "Page", "PipelineError", "Severity", "UpdateResult", "build", "check",
    "compile_catalogs", "extract", "init", "load_config", "merge", "update",
]

__version__ = "0.1.0"
