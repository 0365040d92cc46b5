"""Escaping for the terminal: the Latin-1 shortcuts (issue 13, "Speed") find what the full classes find."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from digestcite.cli.output import terminal_safe
from digestcite.controls import _escape, has_surrogates, printable, printable_text, storable

# Text as it comes from pages and file names: controls, C1, lone surrogates (a file name
# that is not UTF-8), colour sequences, CJK and plain letters.
TEXT = st.lists(st.one_of(
    st.characters(min_codepoint=0, max_codepoint=0xA0),
    st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
    st.sampled_from(["\x1b[1m", "\x1b[33m", "\x1b[0m", "“", "維穩", "é", "\ufffd"]),
    st.text(max_size=3),
), max_size=20).map("".join)


# The classes as they were, one pattern each (before the Latin-1 shortcut).
NAME = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
TEXT_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
SURROGATES = re.compile("[\ud800-\udfff]")
UNSAFE = re.compile("\x1b\\[[0-9;]*m|[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


@given(TEXT)
@example("a\udce9b\x1b[1mc\x85\n")
@example("\ud83d\ude00")  # two surrogates that would pair in UTF-16 are still two code points here
def test_the_shortcuts_escape_exactly_what_the_full_classes_do(text: str) -> None:
    assert has_surrogates(text) == (SURROGATES.search(text) is not None)
    assert printable(text) == NAME.sub(_escape, text)
    assert printable_text(text) == TEXT_CONTROLS.sub(_escape, text)
    assert storable(text) == SURROGATES.sub(_escape, text)
    assert terminal_safe(text) == UNSAFE.sub(lambda m: m.group() if m.group().startswith("\x1b[") else NAME.sub(_escape, m.group()), text)
