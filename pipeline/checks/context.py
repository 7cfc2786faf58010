"""What a check sees besides the message: the catalog and its locale."""

from __future__ import annotations

from dataclasses import dataclass

from ..catalogs import Catalog, Message
from ..diagnostics import Diagnostic, Location, error, warning
from ..locales import LocaleInfo


@dataclass(frozen=True)
class CheckContext:
    """The catalog under check and the locale it is for."""

    catalog: Catalog
    locale: LocaleInfo

    def at(self, line: int | None) -> Location:
        """A location in this catalog."""
        return Location(self.catalog.path, line)

    def error(self, message: Message, check_id: str, text: str) -> Diagnostic:
        """An error on the msgstr line of a message, where the translator edits."""
        return error(self.at(message.msgstr_line or message.line or None), check_id, text)

    def warning(self, message: Message, check_id: str, text: str) -> Diagnostic:
        """A warning on the msgstr line of a message."""
        return warning(self.at(message.msgstr_line or message.line or None), check_id, text)
