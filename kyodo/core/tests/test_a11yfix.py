"""Accessibility fixes of session 18: Japanese content marked on English pages, an error summary
on every form, a group's error named by its fieldset, input purposes, the login form's errors."""

import pytest
from django import forms
from django.template.loader import render_to_string
from django.utils import translation

from kyodo.core.forms import CleanTextForm, EmailField, form_fields_html
from kyodo.core.models import Center
from kyodo.core.templatetags.kyodo_lang import mark_japanese


def test_japanese_runs_are_marked_and_english_left_alone():
    assert mark_japanese("<h1>Annual report for 令和8年度 (令和8年4月〜令和8年12月)</h1>") == (
        '<h1>Annual report for <span lang="ja">令和8年度 (令和8年4月〜令和8年12月)</span></h1>'
    )
    assert mark_japanese("<p>Date: 令和8年12月6日(日) Venue: 田無公民館</p>") == (
        '<p>Date: <span lang="ja">令和8年12月6日(日)</span> Venue: <span lang="ja">田無公民館</span></p>'
    )
    assert mark_japanese('<a href="/g/1/">NPO法人西東京NPO推進センター</a>') == (
        '<a href="/g/1/"><span lang="ja">NPO法人西東京NPO推進センター</span></a>'
    )


def test_what_cannot_hold_a_span_is_marked_itself_and_marked_parts_are_left():
    html = '<select><option value="1">協働</option><option>All</option></select><textarea>あ</textarea>'
    assert mark_japanese(html) == (
        '<select><option lang="ja" value="1">協働</option><option>All</option></select>'
        '<textarea lang="ja">あ</textarea>'
    )
    kept = '<p lang="ja">日本語 <b>太字</b></p><script>var a = "日本";</script>'
    assert mark_japanese(kept) == kept


@pytest.mark.django_db
def test_english_pages_mark_the_content_and_the_site_name(client):
    Center.objects.create(name="西東京市市民協働推進センター")
    client.cookies["django_language"] = "en"
    html = client.get("/").content.decode()
    assert '<html lang="en"' in html
    assert '<p class="site-name"><a href="/" lang="ja">西東京市市民協働推進センター</a></p>' in html
    assert '<h1><span lang="ja">西東京市市民協働推進センター</span></h1>' in html
    assert '<p class="footer-name" lang="ja">西東京市市民協働推進センター</p>' in html


@pytest.mark.django_db
def test_japanese_pages_are_unchanged(client):
    Center.objects.create(name="西東京市市民協働推進センター")
    html = client.get("/").content.decode()
    assert '<html lang="ja"' in html
    assert 'lang="ja"' not in html.replace('<html lang="ja"', "")


class _Form(CleanTextForm):
    kind = forms.ChoiceField(
        label="種類", choices=[("a", "あ"), ("b", "い")], widget=forms.RadioSelect, help_text="一つ"
    )
    body = forms.CharField(label="内容")
    email = EmailField(label="メール", required=False)


def test_a_form_with_errors_opens_with_its_summary_and_the_group_names_its_error():
    with translation.override("ja"):
        form = _Form(data={})
        html = form_fields_html(form)
        assert html == render_to_string("core/_form_fields.html", {"form": form})
    assert html.startswith(
        '<div class="error-summary" id="error-summary" role="alert" tabindex="-1" autofocus'
        ' aria-labelledby="error-summary-title">\n'
        '  <h2 id="error-summary-title">入力内容に誤りがあります</h2>\n'
        "  <ul>\n    \n"
        '    <li><a href="#id_kind_0">種類：このフィールドは必須です。</a></li>'
        '<li><a href="#id_body">内容：このフィールドは必須です。</a></li>\n'
        "  </ul>\n</div>"
    )
    assert (
        '<fieldset class="field has-error" aria-describedby="id_kind_helptext id_kind_error">'
        in html
    )


def test_a_page_that_writes_the_summary_itself_gets_it_once():
    form = _Form(data={})
    page = render_to_string("website/_error_summary.html", {"form": form})
    assert page.startswith('<div class="error-summary" id="error-summary"')
    assert "error-summary" not in form_fields_html(form)
    # …and the other way round: fields written first (the search page), the page's include is empty.
    form = _Form(data={})
    assert "error-summary" in form_fields_html(form)
    assert render_to_string("website/_error_summary.html", {"form": form}) == "\n"


def test_an_unbound_form_has_no_summary_and_the_email_field_its_purpose():
    html = form_fields_html(_Form())
    assert "error-summary" not in html
    assert '<fieldset class="field" aria-describedby="id_kind_helptext">' in html
    assert 'autocomplete="email"' in html


@pytest.mark.django_db
def test_the_login_form_shows_its_own_errors(client):
    html = client.post("/accounts/login/", {"username": "", "password": ""}).content.decode()
    assert '<form method="post" class="login" novalidate>' in html
    assert '<a href="#id_username">ユーザー名：このフィールドは必須です。</a>' in html
