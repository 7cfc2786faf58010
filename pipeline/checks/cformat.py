"""c-format: printf directives judged by C's rules, as `msgfmt -c` judges them.

Catalogs from C programs (and the many projects that extract with xgettext) flag such entries
`c-format`. A translation may reorder the arguments with `%2$s`, must give each argument the
same type (size modifiers included: `%lu` is not `%d`), may not invent or, outside a plural
form that stands for one number, drop one. Python's rules would reject `%2$s` and accept a
wrong size, so these entries are never judged by them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from ..catalog.model import Message
from ..diagnostics import Diagnostic
from .context import CheckContext
from .formats import may_omit, reference_text

# %[n$][flags][width][.precision][size]conversion, including <inttypes.h> macros as xgettext writes them.
_DIRECTIVE = re.compile(
    r"%(?:(\d+)\$)?[-+ #0'I]*(\*(?:\d+\$)?|\d+)?(?:\.(\*(?:\d+\$)?|\d*))?"
    r"(hh|h|ll|l|L|q|j|z|Z|t)?(<PRI[diouxX][A-Z0-9_]*>|[diouxXeEfFgGaAcCsSpnm%])?")
_KIND = {**dict.fromkeys("di", "int"), **dict.fromkeys("ouxX", "unsigned int"), **dict.fromkeys("eEfFgGaA", "double"),
         "c": "char", "C": "wide char", "s": "string", "S": "wide string", "p": "pointer", "n": "count pointer"}


@functools.lru_cache(maxsize=1 << 16)  # pure; every locale asks about the same msgid
def arguments(text: str) -> tuple[dict[int, str], str | None]:
    """The type of each argument by its number, or why the string is not a valid format."""
    found: dict[int, str] = {}
    numbered, unnumbered = False, 0
    for match in _DIRECTIVE.finditer(text):
        position, width, precision, size, conversion = match.groups()
        if conversion is None:
            token = text[match.start():match.end() + 1]
            return found, f"{token!r} is not a directive: write a literal percent sign as %%"
        if conversion in "%m":
            continue
        # A '*' width or precision takes an int argument of its own, before the converted one.
        stars = [(star[1:-1] or None, "int") for star in (width, precision) if star and star.startswith("*")]
        for slot, kind in (*stars, (position, _type(size, conversion))):
            if slot:
                number, numbered = int(slot), True
            else:
                unnumbered += 1
                number = unnumbered
            if found.setdefault(number, kind) != kind:
                return found, f"argument {number} is used as {found[number]} and as {kind}"
        if numbered and unnumbered:
            return found, "numbered (%1$s) and unnumbered (%s) directives mixed"
    gap = next((n for n in range(1, max(found, default=0)) if n not in found), None)
    return found, None if gap is None else f"argument {gap} is never used while later ones are"


_SIZE = {"hh": "char-sized", "h": "short", "l": "long", "ll": "long long", "q": "long long", "L": "long",
         "j": "intmax_t", "z": "size_t", "Z": "size_t", "t": "ptrdiff_t"}


def _type(size: str | None, conversion: str) -> str:
    """The argument's C type as msgfmt compares it, in words ('long unsigned int')."""
    if conversion.startswith("<PRI"):
        return f"{conversion[1:-1]} {'int' if conversion[4] in 'di' else 'unsigned int'}"
    return f"{_SIZE[size]} {_KIND[conversion]}" if size else _KIND[conversion]


def format_c(message: Message, context: CheckContext) -> Iterator[Diagnostic]:
    """The msgid's arguments, each with its type, in any order; none added; a valid format."""
    if "c-format" not in message.flags:
        return
    wanted: dict[int, str] = {}
    for source in reference_text(message):
        found, problem = arguments(source)
        if problem is not None:
            return  # msgfmt -c, too, judges no translation of a msgid that is no C format string
        wanted.update(found)
    for index, text in message.written_forms():
        found, problem = arguments(text)
        if problem is not None:
            yield context.report(message, "format-c", f"c-format: {problem}", index=index)
            continue
        yield from _differences(message, context, index, wanted, found)


def _differences(message: Message, context: CheckContext, index: int, wanted: dict[int, str], found: dict[int, str]) -> Iterator[Diagnostic]:
    for number in sorted(set(wanted) | set(found)):
        if number not in found:
            if not may_omit(message, context, index):
                yield context.report(message, "format-c", f"argument {number} ({wanted[number]}) of the msgid is missing", index=index)
        elif number not in wanted:
            yield context.report(message, "format-c", f"argument {number} is not in the msgid", index=index)
        elif found[number] != wanted[number]:
            yield context.report(message, "format-c", f"argument {number} is {found[number]}, the msgid's is {wanted[number]}: keep its conversion", index=index)
