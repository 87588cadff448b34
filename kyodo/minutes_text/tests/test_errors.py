"""Text that is not minutes gives MinutesParseError with a Japanese message."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kyodo.minutes_text import Minutes, MinutesParseError, parse_minutes

MINIMAL = "運営委員会会議録\n１．報告事項\n１．講座について\n事務局：予定どおり開いた。\n"


def _error(text: object) -> MinutesParseError:
    with pytest.raises(MinutesParseError) as info:
        parse_minutes(text)  # type: ignore[arg-type]
    return info.value


def test_the_minimal_document_parses() -> None:
    minutes = parse_minutes(MINIMAL)
    assert [e.text for e in minutes.entries()] == ["予定どおり開いた。"]


@pytest.mark.parametrize("text", ["", "   \n\n　\n"])
def test_empty_text(text: str) -> None:
    assert "空" in str(_error(text))


def test_random_prose_is_read_with_warnings_and_no_date() -> None:
    prose = "今日は天気が良いので、公園を散歩した。\n桜がきれいに咲いていた。\n"
    minutes = parse_minutes(prose)
    assert minutes.date is None
    assert minutes.warnings[0] == "表題が見つかりません。"
    assert minutes.looked_at == ["今日は天気が良いので、公園を散歩した。"]


def test_binary_garbage() -> None:
    garbage = bytes(range(256)).decode("latin-1") * 3
    assert "テキスト" in str(_error(garbage))


def test_bytes_are_refused() -> None:
    assert "文字列" in str(_error(MINIMAL.encode()))


def test_a_title_without_agenda_is_one_unnamed_section() -> None:
    minutes = parse_minutes("運営委員会会議録\n委員長：よろしく。\n")
    assert [s.to_dict() for s in minutes.sections] == [
        {
            "number": 0,
            "category": "",
            "items": [
                {
                    "number": 0,
                    "title": "",
                    "entries": [{"kind": "statement", "speaker": "委員長", "text": "よろしく。"}],
                }
            ],
        }
    ]
    assert "議題の見出しがないため、全体を一つの議題（名前なし）として取り込みます。" in (
        minutes.warnings
    )


def test_headings_alone_without_text_are_refused_quoting_the_lines() -> None:
    assert (
        str(_error("お知らせ\n"))
        == "会議録の本文（発言や記録）が見つかりません。読んだ行：「お知らせ」"
    )


def test_a_roster_of_the_secretariat_alone() -> None:
    # 「出席者」 holding only the 事務局's group: no attendees (it raised IndexError, a 500).
    minutes = parse_minutes(
        "会議録\n日時：令和６年５月１０日\n出席者：（事務局）田中課長\n委員長：始めます。\n"
    )
    assert minutes.attendees == []
    assert [(s.name, s.title) for s in minutes.secretariat] == [("田中", "課長")]


def test_an_impossible_date_names_its_line() -> None:
    text = (
        "運営委員会会議録\n■開催日時：平成２３年２月３０日（水）\n１．報告事項\n１．講座\n○説明\n"
    )
    error = _error(text)
    assert error.line == 2
    assert "開催日時" in str(error) and "（2行目）" in str(error)


def test_an_impossible_time() -> None:
    text = "運営委員会会議録\n■開催日時：令和6年4月1日 25時～26時\n１．報告事項\n１．講座\n○説明\n"
    assert _error(text).line == 2


def _parse_or_error(text: str) -> None:
    try:
        result = parse_minutes(text)
    except MinutesParseError as error:
        assert error.message  # a readable message, never empty
        assert any("\u3040" <= c <= "\u9fff" for c in error.message)  # Japanese
    else:
        assert isinstance(result, Minutes)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_arbitrary_text_gives_minutes_or_parse_error(text: str) -> None:
    _parse_or_error(text)


FRAGMENTS = (
    "運営委員会会議録（確定稿）",
    "令和元年度第３回運営委員会会議録",
    "■開催日時：平成２３年１月１８日（火） 午後７時～９時",
    "■開催日時：令和99年13月40日",
    "■開催日時：0000年1月1日 午前99時",
    "■出席委員：有賀委員、＜以上１２名＞",
    "■事 務 局：西口センター長、丸木地域福祉課長",
    "■傍聴者：なし",
    "１．報 告 事 項",
    "２．審議事項",
    "【議題】",
    "第十十 その他",
    "（一）議事",
    "１．業務報告について",
    "（２）その他",
    "委員長：意見をお願いする。",
    "委 員：",
    "○熊田委員長　はい。",
    "○満場一致で承認された。",
    "（委員）質問です",
    "→承認",
    "出席者：（事務局）田中課長",
    "委員Ａ",
    "・委員：質問です。",
    "■承認された。",
    "報告事項（１）　講座について",
    "Ｑ１　対象は何人か。",
    "【オンライン】委員　横田、渡辺",
    "事務局：地域振興課（課長、係長）",
    "委員長　　村田　幸一　　　副委員長　　森本　美樹",
    "２　期間　令和３年５月１７日（月）から令和３年５月３１日（月）まで",
    "主な意見",
    "以上をもって散会した。",
    "",
    " ",
    "12",
    "1",
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.sampled_from(FRAGMENTS) | st.text(max_size=8),
            st.none() | st.integers(0, 60).map(str),
            st.sampled_from(["", " "]),
        ),
        max_size=40,
    )
)
def test_minutes_like_soup_gives_minutes_or_parse_error(parts: list) -> None:
    # Fragments of real minutes lines with page-line numbers glued on.
    text = "\n".join(f"{fragment}{sep}{number or ''}" for fragment, number, sep in parts)
    _parse_or_error(text)
