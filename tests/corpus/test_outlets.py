"""Outlet names folded and cut by script: the cheaper forms (issue 13, "Speed") match the expressions they replace."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from digestcite.corpus.outlets import _NOT_NAME, _script_runs


def test_the_not_a_name_class_is_the_one_that_named_the_ideographs() -> None:
    old = re.compile(r"[^\w'一-鿿]")
    assert [c for c in range(0x10000) if bool(old.match(chr(c))) != bool(_NOT_NAME.match(chr(c)))] == []


@given(st.lists(st.one_of(st.sampled_from(["RTHK", " ", "香港電台", "《", "》", "「", "」", "㐀", "\u9fff", ", ", "|"]),
                          st.text(max_size=4)), max_size=12).map("".join))
@example("香港經濟日報 HKET")
@example("")
def test_script_runs_are_the_runs_the_expression_found(text: str) -> None:
    assert _script_runs(text) == re.findall(r"[\u3400-\u9fff《》「」]+|[^\u3400-\u9fff《》「」]+", text)
