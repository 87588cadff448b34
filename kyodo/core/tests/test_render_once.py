"""What pages compute once per process: links, literal translations, static URLs, the center's row
until the next write, the display switches (their address and CSRF token filled in per page)."""

from __future__ import annotations

import json
import re

import pytest
from django.db import connection
from django.middleware.csrf import _unmask_cipher_token
from django.template import Context, Engine, Template
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from kyodo.core import links, memo
from kyodo.core.models import Center
from kyodo.core.staticfiles import StaticFilesStorage


@pytest.fixture(autouse=True)
def _nothing_kept():
    links.forget()
    memo.forget()
    yield
    links.forget()
    memo.forget()


def render(source: str, **context) -> str:
    return Template(source).render(Context(context))


def djangos(source: str, **context) -> str:
    """The same template through Django's own i18n library."""
    engine = Engine(libraries={"i18n": "django.templatetags.i18n"})
    return engine.from_string(source).render(Context(context))


def test_reverse_once_gives_what_reverse_gives_and_keeps_it():
    assert links.reverse_once("website:page", ["about"]) == "/about/"
    assert links.reverse_once("events:detail", [12]) == reverse("events:detail", args=[12])
    assert links.reverse_once("events:detail", kwargs={"pk": 7}) == "/events/7/"
    assert ("website:page", ("about",)) in {key[:2] for key in links._paths}
    assert len(links._paths) == 3


def test_reverse_once_keeps_neither_booleans_nor_objects():
    # True would share a key with 1 but reverses to "True" (no match here either way).
    with pytest.raises(NoReverseMatch):
        links.reverse_once("events:detail", [True])
    center = Center(pk=3, name="x")
    with pytest.raises(NoReverseMatch):
        links.reverse_once("events:detail", [center])
    assert links._paths == {}


def test_a_name_that_does_not_reverse_fails_every_time():
    for _ in range(2):
        with pytest.raises(NoReverseMatch):
            links.reverse_once("website:no-such-page")
    assert links._paths == {}


def test_the_url_tag_is_djangos_with_kept_links():
    assert render("{% url 'website:page' slug %}", slug="about") == "/about/"
    assert render("{% url 'website:page' 'about' as link %}[{{ link }}]") == "[/about/]"
    assert render("{% url 'website:no-such' as link %}[{{ link }}]") == "[]"
    with pytest.raises(NoReverseMatch):
        render("{% url 'website:no-such' %}")


def test_the_language_is_part_of_a_kept_link():
    with translation.override("en"):
        links.reverse_once("website:home")
    with translation.override("ja"):
        links.reverse_once("website:home")
    assert sorted(key[-1] for key in links._paths) == ["en", "ja"]


def test_literal_translations_are_djangos_in_each_language():
    source = (
        '{% load i18n %}{% translate "News" %}|{% translate "Contact" context "site" %}|'
        '{% translate "Search" context "site search" as label %}{{ label }}|'
        '{% translate "News" noop %}|{% translate "News"|upper %}|{% translate word %}'
    )
    with translation.override("ja"):
        assert render(source, word="Events") == "お知らせ|お問い合わせ|検索|News|お知らせ|事業"
        assert render(source, word="Events") == djangos(source, word="Events")
    with translation.override("en"):
        assert render(source, word="Events") == "News|Contact|Search|News|NEWS|Events"
        assert render(source, word="Events") == djangos(source, word="Events")


def test_percent_signs_and_markup_are_as_djangos():
    source = '{% load i18n %}{% translate "100% <b>" %}|{% translate "50%% off" %}'
    assert render(source) == djangos(source) == "100% <b>|50%% off"


def test_static_urls_come_from_the_manifest_once(tmp_path):
    (tmp_path / "staticfiles.json").write_text(
        json.dumps({"version": "1.1", "paths": {"core/kyodo.css": "core/kyodo.0123abcd.css"}})
    )
    storage = StaticFilesStorage(location=tmp_path, base_url="/static/")
    assert storage.url("core/kyodo.css") == "/static/core/kyodo.0123abcd.css"
    storage.hashed_files = {}  # kept: the manifest does not change while a process runs
    assert storage.url("core/kyodo.css") == "/static/core/kyodo.0123abcd.css"


@pytest.mark.django_db(transaction=True)
def test_the_center_is_read_again_after_a_write_only():
    Center.objects.create(name="センターA")
    first = memo.until_next_write("center", Center.objects.current)
    with CaptureQueriesContext(connection) as queries:
        again = memo.until_next_write("center", Center.objects.current)
    assert (first.name, again is first, len(queries)) == ("センターA", True, 0)
    Center.objects.update(name="センターB")
    assert memo.until_next_write("center", Center.objects.current).name == "センターB"


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("own_generation")
def test_the_center_is_kept_past_writes_to_other_tables_until_its_own_row_is_written():
    from kyodo.core import cache
    from kyodo.core.models import Venue

    Center.objects.create(name="センターA")
    first = Center.objects.kept()
    with CaptureQueriesContext(connection) as queries:
        Venue.objects.create(name="会議室", name_reading="かいぎしつ")  # any other write
        cache.bump_generation()  # another process's write, committed
        again = Center.objects.kept()
    assert (first.name, again is first, len(queries)) == ("センターA", True, 1)

    Center.objects.update(name="センターB")  # this process's write
    assert Center.objects.kept().name == "センターB"

    kept = Center.objects.kept()
    cache.bump_generation("core_center")  # another process wrote the row and committed
    with CaptureQueriesContext(connection) as queries:
        assert Center.objects.kept() is not kept
    assert len(queries) == 1


@pytest.mark.django_db
def test_inside_a_transaction_nothing_is_kept():
    Center.objects.create(name="センターA")
    with CaptureQueriesContext(connection) as queries:
        memo.until_next_write("center", Center.objects.current)
        memo.until_next_write("center", Center.objects.current)
    assert len(queries) == 2
    assert memo._kept == {}


@pytest.mark.django_db
def test_display_switches_carry_the_pages_own_address_and_token(client):
    Center.objects.create(name="センター")
    client.cookies["kyodo_size"] = "large"
    html = client.get('/news/?page=1&x="<b>').content.decode()
    token = client.cookies["csrftoken"].value
    assert html.count('name="next" value="/news/?page=1&amp;x=%22%3Cb%3E"') == 4
    assert 'value="large" aria-pressed="true"' in html
    assert "kyodonext" not in html and "kyodotoken" not in html
    tools = html.split('<div class="display-tools" id="display-tools">')[1].split(
        '<div class="wrap header-nav" id="header-nav">'
    )[0]
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', tools)
    assert len(tokens) == 4 and len(set(tokens)) == 1 and len(tokens[0]) == 64
    assert _unmask_cipher_token(tokens[0]) == token
    other = client.get("/events/").content.decode()
    assert other.count('name="next" value="/events/"') == 4


def test_only_the_intended_i18n_label_is_left_out_of_djangos_check(settings):
    from django.template import engines

    assert engines["django"].check() == []
    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "OPTIONS": {
                **settings.TEMPLATES[0]["OPTIONS"],
                "libraries": {
                    "i18n": "kyodo.core.templatetags.i18n_once",
                    "static": "kyodo.core.templatetags.kyodo_links",
                },
            },
        }
    ]
    (warning,) = engines["django"].check()
    assert (warning.id, warning.msg) == (
        "templates.W003",
        "'static' is used for multiple template tag modules: "
        "'django.templatetags.static', 'kyodo.core.templatetags.kyodo_links'",
    )


def test_extends_is_djangos_with_the_root_blocks_found_once():
    from kyodo.core.templatetags.kyodo_extends import ExtendsOnceNode, root_blocks

    sources = {
        "root.html": (
            "<title>{% block title %}root{% endblock %}</title>"
            "{% if show %}{% block nav %}<nav>{% for i in items %}{{ i }}{% endfor %}</nav>"
            "{% endblock %}{% endif %}<main>{% block content %}{% endblock %}</main>"
        ),
        "middle.html": (
            '{% extends "root.html" %}{% block nav %}[{{ block.super }}]{% endblock %}'
        ),
        "page.html": (
            '{% extends "middle.html" %}{% block title %}page | {{ block.super }}{% endblock %}'
            "{% block content %}{{ text }}{% endblock %}"
        ),
    }

    def engine(builtins):
        locmem = ("django.template.loaders.locmem.Loader", sources)
        return Engine(
            loaders=[("django.template.loaders.cached.Loader", [locmem])], builtins=builtins
        )

    ours = engine(["kyodo.core.templatetags.kyodo_extends"])
    page = ours.get_template("page.html")
    assert isinstance(page.nodelist[0], ExtendsOnceNode)
    djangos_page = engine([]).get_template("page.html")
    for show in (True, False):
        context = {"show": show, "items": [1, 2], "text": "<本文>"}
        html = page.render(Context(context))
        assert html == djangos_page.render(Context(context))
        assert html == (
            "<title>page | root</title>"
            + ("[<nav>12</nav>]" if show else "")
            + "<main>&lt;本文&gt;</main>"
        )
    # The root's blocks are looked up once and kept on the compiled root; a template that
    # extends another has none of its own (its parent's are added by its parent's node).
    root = ours.get_template("root.html")
    assert ours.get_template("root.html") is root  # the cached loader keeps it
    assert set(root_blocks(root)) == {"title", "nav", "content"}
    assert root_blocks(root) is root_blocks(root)
    assert root_blocks(ours.get_template("middle.html")) is None


class Counter:
    def __init__(self):
        self.calls = 0

    def next(self) -> int:
        self.calls += 1
        return self.calls


def test_once_keeps_a_fragment_per_language_and_value():
    from kyodo.core.templatetags import kyodo_once

    page = Engine(builtins=["kyodo.core.templatetags.kyodo_once"], libraries={
        "i18n": "kyodo.core.templatetags.i18n_once"
    }).from_string(
        "{% load i18n %}[{% once v %}{{ v }}:{{ counter.next }}:{% translate 'Home' %}{% endonce %}]"
    )  # fmt: skip
    counter = Counter()

    def render_with(v, language="ja"):
        with translation.override(language):
            return page.render(Context({"v": v, "counter": counter}))

    assert render_with(1) == "[1:1:トップページ]"
    assert render_with(1) == "[1:1:トップページ]"  # kept: not rendered again
    assert render_with(2) == "[2:2:トップページ]"  # another value, another fragment
    assert render_with("<b>") == "[&lt;b&gt;:3:トップページ]"  # escaped as the template escapes it
    assert render_with(1, "en") == "[1:4:Home]"  # another language
    assert render_with(1) == "[1:1:トップページ]"
    assert counter.calls == 4
    assert render_with([1]) == "[[1]:5:トップページ]"  # no key: rendered every time
    assert render_with([1]) == "[[1]:6:トップページ]"
    kyodo_once.forget()
    assert render_with(1) == "[1:7:トップページ]"


def test_once_keeps_at_most_max_kept_fragments_per_node(monkeypatch):
    from kyodo.core.templatetags import kyodo_once

    monkeypatch.setattr(kyodo_once, "MAX_KEPT", 3)
    page = Engine(builtins=["kyodo.core.templatetags.kyodo_once"]).from_string(
        "{% once v %}{{ v }}{% endonce %}"
    )
    node = page.nodelist[0]
    for v in range(10):
        assert page.render(Context({"v": v})) == str(v)
        assert len(node.kept) <= 3


def test_the_layouts_kept_fragments_are_what_it_renders_afresh(client, demo, staff_user):
    from kyodo.core.templatetags import kyodo_once

    # What differs between two renders whatever the layout does: the CSRF tokens (masked anew
    # per page), the settings form's signed version (its signature has a timestamp) and the ids
    # of forms taken once (kyodo.core.resubmit).
    per_render = re.compile(
        r'value="[A-Za-z0-9]{64}"|(?<=name="edit_version" value=")[^"]*'
        r'|(?<=name="kyodo_form_id" value=")[^"]*'
    )

    def pages():
        return [
            per_render.sub("", client.get(path).content.decode())
            for path in ("/", "/events/", "/staff/", "/staff/committees/")
        ]

    client.force_login(staff_user)
    kyodo_once.forget()
    fresh = pages()  # every fragment rendered
    assert pages() == fresh  # every fragment kept
    assert "<footer" in fresh[0] and 'action="/staff/search/"' in fresh[2]
