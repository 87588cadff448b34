"""The minutes document's HTML, written in Python, is what its template loops wrote."""

from __future__ import annotations

from datetime import date, time
from types import SimpleNamespace

import pytest
from django.template import engines

from kyodo.committees.export import appendix_of, full_title, header_lines, html_of
from kyodo.minutes_text import Appendix, Decision, Entry, Item, Minutes, Secretariat, Section

# committees/_minutes_document.html before its loops moved to export._body_html.
TEMPLATE = """{% load i18n %}<article class="minutes-document" lang="ja">
<p class="minutes-org">{{ document.organization }}</p>
<h1 class="minutes-title">{{ full_title }}</h1>
<dl class="minutes-header">
{% for label, value in header %}<div><dt>■{{ label }}：</dt><dd>{{ value }}</dd></div>
{% endfor %}</dl>
{% for section in document.sections %}
<section class="minutes-section">
{% if section.category %}<h2>{{ section.number }}．{{ section.category }}</h2>{% endif %}
{% for item in section.items %}
{% if item.title %}<h3>{{ item.number }}．{{ item.title }}</h3>{% endif %}
<ol class="minutes-entries">
{% for entry in item.entries %}<li{% if entry.ref %} id="entry-{{ entry.ref }}"{% endif %} class="entry-{{ entry.kind }}{% if item.decision and item.decision.entry == forloop.counter0 %} entry-decision{% endif %}">{% if entry.kind == "note" %}○{{ entry.text }}{% else %}<span class="speaker">{{ entry.speaker }}</span>：{{ entry.text }}{% endif %}</li>
{% endfor %}</ol>
{% endfor %}
</section>
{% endfor %}
{% if document.closing %}<p class="minutes-closing">{{ document.closing }}</p>{% endif %}
{% for part in appendix %}<section class="minutes-appendix"><h2>{{ part.title }}</h2>{{ part.text|linebreaks }}</section>
{% endfor %}
{% if version %}<details class="minutes-hash"><summary>{% translate "Tamper check" %}</summary>
<p>{% url "committees:minutes-version-json" version.minutes_id version.number as json_url %}{% blocktranslate with number=version.number %}Version {{ number }} of these confirmed minutes has this SHA-256 value, computed from <a href="{{ json_url }}">its document as canonical JSON</a>. The same file gives the same value on any computer; the center checks every version against these values, so a confirmed text cannot be changed unnoticed.{% endblocktranslate %}</p>
<p><small>SHA-256: <code class="hash">{{ version.sha256 }}</code></small></p></details>{% endif %}
</article>
"""


def _documents() -> list[Minutes]:
    turns = [
        Entry(kind="statement", speaker="委員長", text="はじめます。", ref=11),
        Entry(kind="statement", speaker='A & "B" <c>', text="it's <b>bold</b> & more", ref=12),
        Entry(kind="note", text="満場一致で承認した。", ref=None),
        Entry(kind="statement", speaker=None, text="speaker unknown", ref=0),
    ]
    return [
        Minutes(
            organization="西東京市市民協働推進センター",
            title="平成22(2010)年度第9回運営委員会会議録",
            status="確定稿",
            date=date(2011, 1, 18),
            start_time=time(19),
            end_time=time(21),
            venue="イングビル3階 第1会議室",
            attendees=["熊田", "坂口"],
            attendee_count=2,
            online=["有賀"],
            absentees=["田辺"],
            secretariat=[Secretariat(name="西口", title="センター長")],
            observers=["傍聴 <1>"],
            sections=[
                Section(
                    number=1,
                    category="報告事項",
                    items=[
                        Item(number=1, title="業務報告 & <予定>", entries=turns),
                        Item(
                            number=2,
                            title="",
                            entries=turns[:3],
                            decision=Decision(outcome="approved", entry=2),
                        ),
                        Item(
                            number=3,
                            title="継続",
                            entries=turns[:1],
                            decision=Decision(outcome="deferred", entry=None),
                        ),
                    ],
                ),
                Section(number=2, category="", items=[Item(number=1, title="無題", entries=[])]),
                Section(number=3, category="その他", items=[]),
            ],
            closing="以上をもって散会した。",
            appendix=[Appendix(title="資料 <1>", text="一行目\n\n二行目 & <三>\n四")],
        ),
        Minutes(title="", sections=[], closing=None),
    ]


@pytest.mark.parametrize("document", _documents())
@pytest.mark.parametrize(
    "version", [None, SimpleNamespace(number=2, sha256="ab" * 32)], ids=["draft", "version"]
)
def test_the_document_html_is_what_the_template_wrote(document, version):
    expected = (
        engines["django"]
        .from_string(TEMPLATE)
        .render(
            {
                "document": document,
                "header": header_lines(document),
                "full_title": full_title(document),
                "appendix": appendix_of(document),
                "version": version,
            }
        )
    )
    assert html_of(document, standalone=False, version=version) == expected
