"""The public search page as a citizen types: half-width katakana, full-width letters and a
reading in hiragana find what the usual spelling finds, hit for hit, in the same order."""

import re

import pytest


def hits(client, q: str) -> tuple[str, list[str]]:
    page = client.get("/search/", {"q": q})
    assert page.status_code == 200
    heading = re.search(r'<h2 id="search-results-heading">(.*?)</h2>', page.text).group(1)
    links = re.findall(r'<li class="search-hit[^"]*"[^>]*>.*?<a href="([^"]+)"', page.text, re.S)
    return heading, links


@pytest.mark.parametrize(
    ("typed", "usual", "heading"),
    [
        ("ｼﾝﾎﾟｼﾞｳﾑ", "シンポジウム", "7件"),
        ("しんぽじうむ", "シンポジウム", "7件"),
        ("ＮＰＯ法人", "NPO法人", "18件"),
        ("くまだ", "熊田", "3件"),
    ],
)
def test_what_is_typed_finds_what_the_usual_spelling_finds(client, demo, typed, usual, heading):
    found = hits(client, typed)
    assert found == hits(client, usual)
    assert found[0] == heading
    assert found[1]
