"""The search page's form and hits written in Python give the templates' HTML, byte for byte."""

from __future__ import annotations

from datetime import date

import pytest
from django.forms.renderers import DjangoTemplates
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import translation

from kyodo.committees.models import Committee
from kyodo.core.forms import form_fields_html as form_fields
from kyodo.core.models import Center
from kyodo.search.forms import SearchForm
from kyodo.search.models import SearchDocument
from kyodo.search.rendering import hits_html
from kyodo.search.selectors import Hit

FORM_DATA = [
    None,
    {"q": "協働"},
    {"q": '<b>&"委託', "kind": "entry", "fy": "H22", "sort": "oldest", "category": "report"},
    {"q": "協働", "fy": "bad", "since": "xx", "until": "2010-01-01", "kind": "nope"},
    {"q": "x" * 101, "speaker": "委員長\x07", "committee": "999", "meeting": "abc"},
    {"q": "協働", "since": "2011-01-01", "until": "2010-01-01"},  # a non-field error
]


@pytest.fixture
def committee(db):
    center = Center.objects.first() or Center.objects.create(name="センター")
    return Committee.objects.create(center=center, name="運営<委員会>", slug="unei")


@pytest.mark.parametrize("staff", [False, True])
@pytest.mark.parametrize("language", ["ja", "en"])
@pytest.mark.parametrize("data", FORM_DATA)
def test_the_form_is_the_templates_html(committee, data, staff, language):
    if data and data.get("committee") == "999":
        data = dict(data, committee=str(committee.pk))
    with translation.override(language):
        fast = SearchForm(data, staff=staff)
        slow = SearchForm(data, staff=staff, renderer=DjangoTemplates())
        if data:
            assert fast.is_valid() == slow.is_valid()
        assert form_fields(fast) == render_to_string("core/_form_fields.html", {"form": slow})
    assert f'<option value="{committee.pk}"' in form_fields(fast)
    assert "運営&lt;委員会&gt;</option>" in form_fields(fast)


def test_the_options_follow_a_write(committee):
    assert "運営&lt;委員会&gt;" in form_fields(SearchForm({"q": "x"}))
    Committee.objects.filter(pk=committee.pk).update(name="広報委員会")
    html = form_fields(SearchForm({"q": "x", "committee": str(committee.pk)}))
    assert f'<option value="{committee.pk}" selected>広報委員会</option>' in html
    assert "運営" not in html


# The template loop the Python replaced, kept here as the reference.
HITS_TEMPLATE = """{% load i18n %}{% for hit in hits %}
<li class="search-hit search-hit-{{ hit.kind }}">
  <h3><a href="{{ hit.url }}">{% if hit.kind == "entry" %}{{ hit.title }}{% if hit.speaker %} {{ hit.speaker }}{% endif %}{% elif hit.doc.title %}{{ hit.title }}{% else %}{{ hit.doc.get_kind_display }}{% endif %}</a></h3>
  <ul class="search-meta link-list"><li>{{ hit.doc.get_kind_display }}</li>{% if hit.doc.status %}<li class="search-status"><strong>{{ hit.doc.get_status_display }}</strong></li>{% endif %}{% if hit.doc.date %}<li>{{ hit.doc.date|wareki }}</li>{% endif %}{% if hit.kind == "entry" %}<li>{% translate "Agenda item" %}：{{ hit.doc.subtitle }}</li>{% if hit.speaker %}<li>{% translate "Speaker" %}：{{ hit.speaker }}</li>{% endif %}{% endif %}{% if staff and hit.doc.audience == "staff" %}<li><strong>{% translate "Staff only" %}</strong></li>{% endif %}</ul>
{% if hit.snippet %}  <p class="search-snippet" lang="ja">{{ hit.snippet }}</p>
{% endif %}</li>
{% endfor %}"""


def _doc(**fields) -> SearchDocument:
    values = {"kind": "entry", "audience": "public", "url": "/m/1/#entry-1", "text": "協働の話"}
    return SearchDocument(**(values | fields))


@pytest.mark.parametrize("staff", [False, True])
@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_hits_are_the_templates_html(staff, language):
    docs = [
        _doc(title="第1回<会議>", subtitle="協働 & 委託", date=date(2011, 1, 18),
             speaker_public="委員長", speaker_staff="委員長（熊田）", audience="staff"),
        _doc(title="第2回", subtitle="議題", speaker_public="", speaker_staff=""),
        _doc(kind="event", title="", date=date(2019, 5, 1), url='/events/1/?a="b"'),
        _doc(kind="news", title="お知らせ", text="<script>協働</script>", audience="staff"),
        _doc(kind="page", title="センター", text=""),
        # The same kind and date again: written once per page, shown at each hit.
        _doc(title="第3回", subtitle="議題", date=date(2011, 1, 18), speaker_public="委員"),
        _doc(kind="event", title="", date=date(2019, 5, 1)),
        # A cancelled event, the word in its title; a hit with no text shows no snippet.
        _doc(kind="event", title="協働<講座>", status="cancelled", text="", url="/events/2/"),
        _doc(kind="minutes", title="平成22年度第9回運営委員会", text="■議題：協働について"),
    ]  # fmt: skip
    hits = [Hit(doc, staff, ["協働"]) for doc in docs]
    with translation.override(language):
        expected = Template(HITS_TEMPLATE).render(Context({"hits": hits, "staff": staff}))
        assert hits_html(hits, staff=staff) == expected


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("own_generation")
def test_the_filters_left_empty_are_written_once_until_a_write():
    """``KeptWhenEmpty`` on a bound form: each filter left empty without an error is written once
    per language and audience until the next write; the words, filters given and errors are
    written for each search."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kyodo.core.forms import _form_fields_html

    center = Center.objects.create(name="センター")
    committee = Committee.objects.create(center=center, name="運営委員会", slug="unei")
    with translation.override("ja"):
        first = form_fields(SearchForm({"q": "協働", "kind": ""}))
        with CaptureQueriesContext(connection) as queries:
            again = form_fields(SearchForm({"q": "委託", "fy": "", "sort": ""}))
        reference = _form_fields_html(SearchForm({"q": "委託"}, renderer=DjangoTemplates()))
        assert (len(queries), again) == (0, reference)
        assert '<option value="" selected>すべて</option>' in again
        assert f'<option value="{committee.pk}">運営委員会</option>' in again
        assert ('value="協働"' in first, 'value="委託"' in again, 'value="協働"' in again) == (
            True,
            True,
            False,
        )
        given = form_fields(SearchForm({"q": "x", "committee": str(committee.pk), "fy": "bad"}))
        assert f'<option value="{committee.pk}" selected>運営委員会</option>' in given
        assert 'class="field has-error"' in given and 'value="bad"' in given
        # The kept filters were not replaced by those with values or errors.
        assert form_fields(SearchForm({"q": "委託"})) == again
        staff = form_fields(SearchForm({"q": "委託"}, staff=True))
    assert ">相談<" in staff and ">相談<" not in again  # each audience its own
    Committee.objects.create(center=center, name="広報委員会", slug="koho")
    with translation.override("ja"):
        assert "広報委員会" in form_fields(SearchForm({"q": "委託"}))
