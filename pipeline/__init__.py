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

# The stages' functions whose names are also module names (build, extract, update) are not offered
# here: `pipeline.build` is always the module, `pipeline.build.build` the function.
_LAZY = {
    "BuildResult": "build", "CheckResult": "checks", "check": "checks", "compile_catalogs": "compile",
    "ExtractResult": "extract", "UpdateResult": "update", "init": "update", "merge": "msgmerge",
}

__all__ = [
    "BuildResult", "CheckResult", "Config", "ConfigError", "Diagnostic", "ExtractResult",
    "Location", "Page", "PipelineError", "Severity", "UpdateResult", "check",
    "compile_catalogs", "init", "load_config", "merge",
]

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
