"""The project's files as the pipeline may use them: inside the project, and all accounted for."""

from __future__ import annotations

from .config import Config
from .diagnostics import Diagnostic, Location, error, warning
from .locales import locale_info

LAYOUT_CHECKS = ("path", "catalog-folder")


def unsafe_paths(config: Config) -> list[Diagnostic]:
    """Templates and assets that are links leading outside the project, or not regular files."""
    found = []
    root = config.root.resolve()
    for path in sorted(config.templates_dir.rglob("*")):
        if not path.resolve().is_relative_to(root):
            found.append(error(Location(config.relative(path)), "path",
                               "is a link that leads outside the project: replace it with the file itself"))
        elif path.is_symlink() and path.resolve().is_dir():
            found.append(error(Location(config.relative(path)), "path", "is a link to a folder: copy the folder instead"))
    return found


RELEASES_FOLDER = "releases"


def stray_catalogs(config: Config) -> list[Diagnostic]:
    """Catalog folders the config does not list: never silently ignored."""
    if not config.catalogs_dir.is_dir():
        return []
    listed = {locale.identifier for locale in config.targets}
    found = []
    for folder in sorted(p for p in config.catalogs_dir.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if folder.name in listed or folder.name == RELEASES_FOLDER:  # the recorded versions (releases.py)
            continue
        display = f"{config.relative(folder)}/"
        info = locale_info(folder.name)
        if info is not None and info.identifier != folder.name:
            # gettext looks catalogs up by the exact folder name: zh-hans/ is never read for zh_Hans
            found.append(error(Location(display), "catalog-folder",
                               f"the catalog folder of {info.identifier} must be named {info.identifier}/: rename it"))
        elif info is None:
            found.append(error(Location(display), "catalog-folder",
                               f"{folder.name!r} is not a CLDR locale identifier: rename the folder or remove it"))
        else:
            found.append(warning(Location(display), "catalog-folder",
                                 f"catalog folder for {info.identifier!r}, which tool.policy-pipeline.locales does not list: add it there or remove the folder"))
    return found


def project_problems(config: Config) -> list[Diagnostic]:
    """Every problem of the project's layout."""
    return unsafe_paths(config) + stray_catalogs(config)
