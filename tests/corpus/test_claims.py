"""Sentences, kinds, speakers and numbers of claims."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from digestcite.corpus.claims import extract_claims, find_speaker, sentence_spans, split_sentences
from digestcite.corpus.dates import PartialDate
from digestcite.corpus.quantities import find_numbers


@pytest.mark.parametrize(
    ("paragraph", "sentences"),
    [
        ("Mr. Xi suggested a plan. Ms. Wu agreed.", ["Mr. Xi suggested a plan.", "Ms. Wu agreed."]),
        ("It was referring to the U.S. in his speech. Then he left.",
         ["It was referring to the U.S. in his speech.", "Then he left."]),
        ("The city has 7.36 million people. It is large.", ["The city has 7.36 million people.", "It is large."]),
        ("He said, “Take it on. Fight it.” Notes followed.", ["He said, “Take it on.", "Fight it.”", "Notes followed."]),
        ("See No. 5 Road. It is closed.", ["See No. 5 Road.", "It is closed."]),
        ("J. Smith wrote it. Others read it.", ["J. Smith wrote it.", "Others read it."]),
        ("习近平发表讲话。他说要稳定！会议结束了？", ["习近平发表讲话。", "他说要稳定！", "会议结束了？"]),
        ("Aid Korea (抗美援朝)]. Xi warned them.", ["Aid Korea (抗美援朝)].", "Xi warned them."]),
        ("Trade with the U.S. The numbers fell.", ["Trade with the U.S.", "The numbers fell."]),
    ],
    ids=["titles", "us-mid-sentence", "decimal", "closing-quote", "number-abbrev", "initial", "chinese",
         "bracket", "us-at-end"],
)
def test_split_sentences(paragraph: str, sentences: list[str]) -> None:
    assert split_sentences(paragraph) == sentences


@given(st.text(alphabet=st.sampled_from(list("abc XYZ.!?。“”\"'0123 \n")), max_size=200))
@example("Mr. Xi. U.S. No. 5.")
def test_splitting_never_loses_or_reorders_text(paragraph: str) -> None:
    spans = sentence_spans(paragraph)
    rebuilt = "".join(paragraph[s.start:s.end] for s in spans)
    assert "".join(paragraph.split()) == "".join(rebuilt.split())
    positions = [p for s in spans for p in (s.start, s.end)]
    assert positions == sorted(positions)


@pytest.mark.parametrize(
    ("sentence", "speaker", "credited"),
    [
        ("Mr. Xi suggested, “Legal action can be taken.”", "Mr. Xi", None),
        ("Ms. Ai, a petitioner, posted online saying, “There are many.”", "Ms. Ai", None),
        ("According to the log, there were 293 incidents.", "the log", None),
        ("A former lecturer from Tsinghua University told Radio Free Asia that Xi gave a speech.",
         "A former lecturer from Tsinghua University", "Radio Free Asia"),
        ("Well-known Chinese news site Sohu (NASDAQ: SOHU) recently reported that Orange chose Nokia.", "Sohu", None),
        ("In his speech, Xi Jinping said that the war shattered a myth.", "Xi Jinping", None),
        ("According to information shared by petitioner Mr. Wang, twenty were stopped.", "petitioner Mr. Wang", None),
        ("It is believed that Xi was referring to the U.S.", None, None),
        ("The weather was cold.", None, None),
    ],
    ids=["title-name", "appositive", "according-to", "told-outlet", "outlet-description", "after-comma",
         "shared-by", "impersonal", "none"],
)
def test_find_speaker(sentence: str, speaker: str | None, credited: str | None) -> None:
    assert find_speaker(sentence) == (speaker, credited)


@pytest.mark.parametrize(
    ("sentence", "values"),
    [
        ("A city with a population of 7.36 million.", [(7360000, None)]),
        ("There were 293 incidents including 117 mass incidents.", [(293, None), (117, None)]),
        ("He suffered eight broken ribs.", [(8, None)]),
        ("It dropped from 66.55 percent in 2017 to 53.74 percent in 2019.", [(66.55, "percent"), (53.74, "percent")]),
        ("Accuracy exceeds 95%.", [(95, "percent")]),
        ("The budget is cut by 100,000 yuan.", [(100000, "yuan")]),
        ("More than one million soldiers went.", [(1000000, None)]),
        ("One dissident said so at the Two Sessions.", []),
        ("Nokia 5G technology marks the 70th anniversary at 5 pm.", []),
        ("The June numbers were 34,001 and 5,736.", [(34001, None), (5736, None)]),
        ("About 2000 people marched.", [(2000, None)]),
        ("More than a dozen officials and twenty-five guards came.", [(12, None), (25, None)]),
    ],
    ids=["million", "plain", "word", "percent-and-years", "percent-sign", "currency", "one-million",
         "names", "not-numbers", "thousands", "not-a-year", "dozen-compound"],
)
def test_find_numbers(sentence: str, values: list[tuple[float, str | None]]) -> None:
    assert [(q.value, q.unit) for q in find_numbers(sentence)] == [(float(v), u) for v, u in values]


@given(st.text(max_size=120))
def test_find_numbers_never_fails(text: str) -> None:
    for quantity in find_numbers(text):
        assert quantity.text


def test_claims_have_locators_kinds_and_event_dates() -> None:
    paragraphs = [
        "Zhanjiang has 7.36 million residents. Officials worried.",
        "On February 13, twenty people were stopped at the station.",
        "Mr. Wu said, “It is truly heartbreaking and distressing for everyone.”",
    ]
    claims = extract_claims(paragraphs, PartialDate(2024, 2, 28))
    table = [(c.paragraph, c.sentence, c.kind, c.event_date) for c in claims]
    assert table == [
        (1, 1, "statistic", None),
        (1, 2, "statement", None),
        (2, 1, "statistic", "2024-02-13"),
        (3, 1, "quote", None),
    ]
    assert claims[3].speaker == "Mr. Wu"


def test_a_quotation_over_several_sentences_marks_each_as_quote() -> None:
    claims = extract_claims(["He also said, “Any bullying will fail. It is a dead end.” Scholars disagreed."], None)
    assert [c.kind for c in claims] == ["quote", "quote", "statement"]


def test_pronoun_speaker_takes_the_last_named_speaker() -> None:
    claims = extract_claims(["Wang said the sector must be safe.", "He added that risks are rising."], None)
    assert [c.speaker for c in claims] == ["Wang", "Wang"]
