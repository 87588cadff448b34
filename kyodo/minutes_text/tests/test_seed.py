"""The seed minutes against their hand-made gold structure."""

from __future__ import annotations

import pytest

from kyodo.minutes_text import Minutes, parse_minutes, render_minutes

from ._gold import SEED_DIR, entry_counts, entry_keys, header_diffs, load_gold, norm, outline

SEED = "000_6d09d611ace1cac2"


@pytest.fixture(scope="module")
def seed() -> tuple[str, dict]:
    if not SEED_DIR.is_dir():
        pytest.skip("the seed file ../shared/seed is not present")
    text = (SEED_DIR / f"{SEED}.txt").read_text(encoding="utf-8")
    return text, load_gold(SEED_DIR / f"{SEED}.gold.json")


def test_header_fields_equal_gold(seed: tuple[str, dict]) -> None:
    text, gold = seed
    assert header_diffs(parse_minutes(text).to_dict(), gold) == []


def test_sections_and_items_in_true_order(seed: tuple[str, dict]) -> None:
    text, gold = seed
    actual = parse_minutes(text).to_dict()
    assert [s["category"] for s in actual["sections"]] == [
        "報告事項",
        "審議事項",
        "協議事項",
        "その他",
    ]
    assert outline(actual) == outline(gold)


def test_every_entry_equals_gold(seed: tuple[str, dict]) -> None:
    text, gold = seed
    actual = parse_minutes(text).to_dict()
    assert entry_keys(actual) == entry_keys(gold)
    kinds = [key[2] for key in entry_keys(actual)]
    assert (kinds.count("statement"), kinds.count("note")) == (63, 4)
    assert entry_counts(actual, gold) == (67, 67, 67)


def test_to_dict_has_exactly_the_gold_shape(seed: tuple[str, dict]) -> None:
    text, gold = seed
    actual = parse_minutes(text).to_dict()
    assert list(actual) == list(gold)
    for got, want in zip(actual["sections"], gold["sections"], strict=True):
        assert list(got) == list(want)
        for got_item, want_item in zip(got["items"], want["items"], strict=True):
            assert list(got_item) == list(want_item)
            for a, b in zip(got_item["entries"], want_item["entries"], strict=True):
                assert list(a) == list(b)


def test_texts_keep_their_original_form(seed: tuple[str, dict]) -> None:
    # Not only equal after normalisation: page-line numbers never leak in.
    text, gold = seed
    actual = parse_minutes(text).to_dict()
    for got, want in zip(entry_keys(actual), entry_keys(gold), strict=True):
        assert norm(got[4]) == norm(want[4])
    first = actual["sections"][0]["items"][0]["entries"][1]["text"]
    assert "小冊子の作成" in first and "小冊子の18" not in first


def test_gold_round_trips_through_render(seed: tuple[str, dict]) -> None:
    _, gold = seed
    minutes = Minutes.from_dict(gold)
    assert minutes.to_dict() == gold
    assert parse_minutes(render_minutes(minutes)) == minutes


def test_parsed_seed_round_trips(seed: tuple[str, dict]) -> None:
    text, _ = seed
    minutes = parse_minutes(text)
    assert parse_minutes(render_minutes(minutes)) == minutes


def test_render_uses_the_house_format(seed: tuple[str, dict]) -> None:
    _, gold = seed
    rendered = render_minutes(Minutes.from_dict(gold))
    lines = rendered.splitlines()
    assert lines[0] == "西東京市市民協働推進センター"
    assert lines[1] == "平成22(2010)年度第9回運営委員会会議録(確定稿)"
    assert "■開催日時：平成23年1月18日(火) 午後7時～9時" in lines
    assert "■開催会場：イングビル3階 第1会議室" in lines
    assert any(line.endswith("吉田委員＜以上12名、五十音順＞") for line in lines)
    assert "■事務局：西口センター長、丸木地域福祉課長、中澤主事" in lines
    assert "１．報告事項" in lines and "４．その他" in lines
    assert "委員長：どなたかを推薦してほしい。" in lines
    assert lines[-1] == "以上をもって散会した。"
