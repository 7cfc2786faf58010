"""Locale identifiers, BCP 47 tags and folders, from CLDR through Babel."""

from __future__ import annotations

import pytest

from pipeline.locales import locale_info


@pytest.mark.parametrize(
    ("identifier", "tag", "folder", "forms"),
    [
        ("ja", "ja", "ja", "nplurals=1; plural=0;"),
        ("en", "en", "en", "nplurals=2; plural=(n != 1);"),
        ("zh_Hans", "zh-Hans", "zh-hans", "nplurals=1; plural=0;"),
        ("zh_Hant", "zh-Hant", "zh-hant", "nplurals=1; plural=0;"),
        ("ko", "ko", "ko", "nplurals=1; plural=0;"),
    ],
)
def test_known_locales(identifier: str, tag: str, folder: str, forms: str) -> None:
    info = locale_info(identifier)
    assert info is not None
    assert (info.tag, info.folder, info.plural_forms, info.direction) == (tag, folder, forms, "ltr")


@pytest.mark.parametrize("identifier", ["jp", "../en", "", "xx", "zh_Hans_Hant"])
def test_invalid_identifiers(identifier: str) -> None:
    assert locale_info(identifier) is None


def test_direction_comes_from_cldr() -> None:
    arabic = locale_info("ar")
    assert arabic is not None and arabic.direction == "rtl"
