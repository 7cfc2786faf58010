"""policy-pipeline: Japanese templates -> gettext catalogs -> checked, published pages.

The stages are plain functions of a validated Config; the CLI is a thin layer over them.
Stages are imported on first use, so a command loads only what it needs (start-up time is
most of a build's cost).
"""

from __future__ import annotations

import importlib
from typing import Any

from .config import Config, Page, load_config
from .diagnostics import ConfigError, Diagnostic, Location, PipelineError, Severity

_LAZY = {
    "BuildResult": "build", "build": "build", "CheckResult": "checks", "check": "checks",
    "compile_catalogs": "compile", "ExtractResult": "extract", "extract": "extract",
    "UpdateResult": "update", "init": "update", "merge": "update", "update": "update",
}

__all__ = [
    "BuildResult", "CheckResult", "Config", "ConfigError", "Diagnostic", "ExtractResult",
    "Location", "Page", "PipelineError", "Severity", "UpdateResult", "build", "check",
    "compile_catalogs", "extract", "init", "load_config", "merge", "update",
]

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
