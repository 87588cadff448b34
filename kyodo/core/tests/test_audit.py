"""The audit log: rows written by services, read by staff in Japanese words."""

import ast
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from kyodo.core.audit import audit_log, change_lines
from kyodo.core.audit_labels import ACTION_LABELS
from kyodo.core.models import AuditEntry, Venue
from kyodo.core.roles import Role

KYODO = Path(__file__).resolve().parents[2]


def test_audit_log_records_who_what_and_which_object(staff_user):
    venue = Venue.objects.create(name="保谷庁舎")
    entry = audit_log(
        actor=staff_user, action="kyodo.venue.created", obj=venue, changes={"capacity": [None, 80]}
    )
    entry.refresh_from_db()
    assert entry.actor == staff_user
    assert entry.actor_label == "中澤"
    assert entry.target == venue
    assert entry.object_repr == "保谷庁舎"
    assert entry.changes == {"capacity": [None, 80]}


def test_staff_filter_the_audit_log_by_kind_person_and_japanese_dates(
    client, staff_user, make_user
):
    other = make_user("nishiguchi", Role.STAFF, full_name="西口")
    audit_log(actor=staff_user, action="kyodo.events.event.created")
    audit_log(actor=other, action="kyodo.events.event.cancelled")
    audit_log(actor=staff_user, action="kyodo.outbox.resent")
    old = audit_log(actor=staff_user, action="kyodo.events.event.updated")
    AuditEntry.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=400))
    client.force_login(staff_user)

    def labels(**query) -> list[str]:
        response = client.get("/staff/audit/", query)
        assert response.status_code == 200
        return [r.label for r in response.context["rows"]]

    assert sorted(labels(kind="kyodo.events.")) == sorted(
        ["事業の作成", "事業の中止", "事業の変更"]
    )
    assert labels(kind="kyodo.events.event.cancelled") == ["事業の中止"]
    assert sorted(labels(person=other.pk)) == ["事業の中止"]
    today = timezone.localdate()
    assert sorted(labels(kind="kyodo.events.", since=f"{today:%Y年%m月%d日}")) == sorted(
        ["事業の作成", "事業の中止"]
    )


def test_a_nonsense_date_or_kind_in_the_filter_gets_a_japanese_message(client, staff_user):
    client.force_login(staff_user)
    response = client.get("/staff/audit/", {"since": "平成32年1月1日", "kind": "kyodo.nope"})
    assert response.status_code == 200
    assert "平成" in response.text
    assert "正しく選択してください" in response.text
    assert 'class="error"' in response.text


def test_any_json_in_changes_is_shown_in_words():
    from kyodo.committees.models import Membership
    from kyodo.organizations.models import Organization

    lines = change_lines({"items": 5, "attendees": ["熊田", "有賀"], "via": "web"})
    assert [(line.label, line.text) for line in lines] == [
        ("議題数", "5"),
        ("出席者", "熊田、有賀"),
        ("操作元", "職員画面"),
    ]
    lines = change_lines(
        {"role": ["member", "chair"], "term_end": ["2011-03-31", "2012-03-31"]}, model=Membership
    )
    assert [(line.label, line.text) for line in lines] == [
        ("役職", "委員 → 委員長"),
        ("任期終了", "平成23年3月31日(木) → 平成24年3月31日(土)"),
    ]
    lines = change_lines(
        {"status": ["applied", "registered"], "activity_fields": ",community,culture,"},
        model=Organization,
    )
    assert [line.text for line in lines] == [
        "申請中 → 登録",
        "まちづくりの推進を図る活動／学術、文化、芸術又はスポーツの振興を図る活動",
    ]
    # A change of fields of activity, old and new: their labels in the law's order.
    lines = change_lines(
        {"activity_fields": [",environment,community,", ",community,culture,"]},
        model=Organization,
    )
    assert [line.text for line in lines] == [
        "まちづくりの推進を図る活動／環境の保全を図る活動 → "
        "まちづくりの推進を図る活動／学術、文化、芸術又はスポーツの振興を図る活動"
    ]
    assert [(line.label, line.text) for line in change_lines([1, None, True])] == [
        ("詳細", "1、—、はい")
    ]
    assert [(line.label, line.text) for line in change_lines({"x": {"count": 2}})] == [
        ("詳細", "件数：2")
    ]
    from kyodo.committees.models import Minutes

    lines = change_lines({"meeting": "2010-9"}, model=Minutes)  # a field without its own name
    assert [(line.label, line.text) for line in lines] == [("会議", "平成22年度第9回")]
    assert change_lines(None) == []
    assert [line.text for line in change_lines({"公益性": 25})] == ["25"]
    assert [line.label for line in change_lines({"公益性": 25})] == ["公益性"]


def _audit_actions() -> list[tuple[str, str, int]]:
    """(kind, value, line) of every action passed to audit_log or update_fields in the source
    (tests excluded)."""
    found = []
    for path in KYODO.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            # update_fields (kyodo.core.services) writes the audit row with the action it is given.
            if not (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) in ("audit_log", "update_fields")
            ):
                continue
            for keyword in node.keywords:
                if keyword.arg != "action":
                    continue
                value = keyword.value
                where = f"{path.relative_to(KYODO)}:{node.lineno}"
                if isinstance(value, ast.Constant):
                    found.append(("key", value.value, where))
                elif isinstance(value, ast.JoinedStr):
                    prefix = (
                        value.values[0].value if isinstance(value.values[0], ast.Constant) else ""
                    )
                    found.append(("prefix", prefix, where))
                elif isinstance(value, ast.BinOp) or isinstance(value, ast.IfExp):
                    found += [("key", k, where) for k in _constant_keys(value)]
                elif not (
                    isinstance(value, ast.Name)
                    and where.startswith(("core/audit.py", "core/services.py"))
                ):
                    found.append(("unknown", ast.unparse(value), where))
    return found


def _constant_keys(node) -> list[str]:
    """The strings an expression of constants, ``+`` and ``a if c else b`` can make."""
    if isinstance(node, ast.Constant):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _constant_keys(node.body) + _constant_keys(node.orelse)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return [a + b for a in _constant_keys(node.left) for b in _constant_keys(node.right)]
    raise AssertionError(f"an action made in a way this test cannot read: {ast.unparse(node)}")


def _dynamic_values() -> dict[str, list[str]]:
    # Actions made with an f-string: every value the variable part can take.
    from kyodo.collaboration.models import Proposal
    from kyodo.events.models import Event
    from kyodo.organizations.models import OrganizationStatusChange

    return {
        "kyodo.events.event.": list(Event.Status.values),
        "kyodo.collaboration.proposal.": [Proposal.Status.ADOPTED, Proposal.Status.DECLINED],
        "kyodo.organizations.organization.": list(OrganizationStatusChange.Kind.values),
    }


def test_every_action_key_used_in_the_code_has_a_japanese_label():
    found = _audit_actions()
    assert len(found) > 60, "the scan found too few audit_log calls: it is broken"
    dynamic = _dynamic_values()
    missing = []
    for kind, value, where in found:
        if kind == "key":
            keys = [value]
        elif kind == "prefix":
            assert value in dynamic, f"{where}: say in this test which values {value}… takes"
            keys = [value + suffix for suffix in dynamic[value]]
        else:
            raise AssertionError(f"{where}: an action this test cannot read: {value}")
        missing += [f"{where}: {key}" for key in keys if key not in ACTION_LABELS]
    assert missing == []


def test_every_label_is_translated_and_distinct_labels_per_area():
    from django.utils import translation

    with translation.override("ja"):
        labels = {key: str(label) for key, label in ACTION_LABELS.items()}
    untranslated = [key for key, label in labels.items() if re.search(r"[A-Za-z]", label)]
    assert untranslated == []


LATIN_WORD = re.compile(r"\b(?!SHA\b)[A-Za-z_]{3,}\b")


@pytest.mark.django_db
def test_after_a_past_minutes_import_the_home_and_audit_pages_speak_japanese(client, staff_user):
    from kyodo.committees.models import Committee
    from kyodo.committees.services import minutes_import
    from kyodo.core.models import Center
    from kyodo.minutes_text import Minutes as Document
    from kyodo.minutes_text.tests._gold import DATA_DIR, load_gold

    center = Center.objects.create(name="西東京市市民協働推進センター")
    committee = Committee.objects.create(center=center, name="運営委員会", slug="unei")
    document = Document.from_dict(load_gold(DATA_DIR / "b_maru_names.gold.json"))
    minutes_import(
        actor=staff_user,
        committee=committee,
        document=document,
        source="第8回.pdf",
        sha256="a" * 64,
    )
    entry = AuditEntry.objects.get(action="kyodo.committees.minutes.imported")
    assert isinstance(entry.changes["items"], int)  # the shape that broke the pages
    client.force_login(staff_user)
    for url in ("/staff/", "/staff/audit/"):
        response = client.get(url)
        assert response.status_code == 200
        assert "過去の会議録の取り込み" in response.text
        table = response.text.split('<table class="audit">')[1].split("</table>")[0]
        # Recorded data stays as recorded (the file's name, the first digits of a hash).
        body = re.sub(r"<[^>]+>|第8回\.pdf|[0-9a-f]{12}…", " ", table)
        assert "kyodo." not in body
        assert LATIN_WORD.findall(body) == []
    audit = client.get("/staff/audit/")
    assert f'href="/staff/committees/minutes/{entry.object_id}/"' in audit.text
    assert "第8回.pdf" in audit.text


def test_each_row_links_to_its_object_while_it_exists(demo, django_assert_num_queries):
    from django.contrib.contenttypes.models import ContentType
    from django.urls import reverse

    from kyodo.committees.models import ActionItem, Appointment, Meeting
    from kyodo.core.audit import audit_rows
    from kyodo.organizations.models import Organization

    def entry(obj=None, *, model=None, object_id=""):
        model = model or type(obj)
        return AuditEntry.objects.create(
            action="kyodo.test",
            content_type=ContentType.objects.get_for_model(model),
            object_id=str(obj.pk) if obj else object_id,
        )

    meeting = Meeting.objects.order_by("pk").first()
    action = ActionItem.objects.create(meeting=meeting, description="下見", assignee="事務局")
    group = Organization.objects.order_by("pk").first()
    meeting_page = reverse("committees-staff:meeting", args=[meeting.pk])
    expected = [
        (entry(meeting), meeting_page),
        (entry(action), meeting_page),  # a request links to its meeting's page
        (entry(Appointment.objects.first()), reverse("committees-people:index")),
        (entry(group), reverse("organizations-staff:detail", args=[group.pk])),
        (entry(model=Organization, object_id="999999"), ""),  # deleted
        (entry(model=Organization, object_id="not-a-number"), ""),
        (entry(model=Venue, object_id="1"), ""),  # no page to link to
        (AuditEntry.objects.create(action="kyodo.test"), ""),  # no object
    ]
    entries = list(
        AuditEntry.objects.select_related("content_type").filter(
            pk__in=[e.pk for e, _url in expected]
        )
    )
    # One for the objects linked to; one asking whether the center has several committees
    # (kept until the next write when serving; asked each time inside a test's transaction).
    with django_assert_num_queries(2):
        urls = {row.entry.pk: row.url for row in audit_rows(entries)}
    assert urls == {e.pk: url for e, url in expected}
    action.delete()
    assert {row.entry.pk: row.url for row in audit_rows(entries)}[expected[1][0].pk] == ""


def test_the_latest_rows_are_the_log_s_first_rows(demo):
    from kyodo.core.selectors import audit_entries, latest_audit_entries

    AuditEntry.objects.create(action="kyodo.test")  # no object
    for count in (1, 5, 200):
        latest = latest_audit_entries(count)
        expected = list(audit_entries()[:count])
        assert [e.pk for e in latest] == [e.pk for e in expected]
        assert [e.content_type for e in latest] == [e.content_type for e in expected]
        assert [e.changes for e in latest] == [e.changes for e in expected]
        assert [e.created_at for e in latest] == [e.created_at for e in expected]


@pytest.mark.parametrize("language", ["ja", "en"])
def test_a_row_s_time_reads_as_the_template_filters_write_it(db, language):
    from datetime import UTC, datetime

    from django.template import engines
    from django.utils import translation

    from kyodo.core.audit import audit_rows

    filters = engines["django"].from_string('{{ created_at|wareki }} {{ created_at|time:"H:i" }}')
    with translation.override(language):
        for moment in (
            datetime(2011, 1, 17, 23, 5, tzinfo=UTC),  # already the 18th in Tokyo
            datetime(2019, 4, 30, 14, 59, tzinfo=UTC),  # the last minute of Heisei
            datetime(2026, 12, 5, 0, 0, tzinfo=UTC),
        ):
            entry = AuditEntry.objects.create(action="kyodo.test")
            AuditEntry.objects.filter(pk=entry.pk).update(created_at=moment)
            entry.refresh_from_db()
            (row,) = audit_rows([entry])
            assert row.when == filters.render({"created_at": entry.created_at})


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_audit_table_is_written_as_its_template_writes_it(demo, language):
    from django.template.loader import render_to_string
    from django.utils import translation

    from kyodo.core.audit import AuditRow, ChangeLine, audit_rows, audit_table_html
    from kyodo.core.selectors import latest_audit_entries

    awkward = AuditEntry.objects.create(
        action="kyodo.test", object_repr='<b>"西東京" & 風の会</b>', actor_label="<i>西口</i>"
    )
    untitled = AuditEntry.objects.create(action="kyodo.test", object_repr="")
    made = [
        AuditRow(awkward, "変更<1>", "団体 & 事業", "/staff/groups/1/?a=1&b=2", [
            ChangeLine("名称", '"旧" → <新>'), ChangeLine("備考", "—"),
        ]),
        AuditRow(awkward, "登録", "", "", []),
        AuditRow(untitled, "削除", "", "/staff/x/", []),
        AuditRow(untitled, "削除", "事業", "", [ChangeLine("", "")]),
    ]  # fmt: skip
    with translation.override(language):
        real = audit_rows(latest_audit_entries(50))
        assert len(real) == 50 and any(r.url for r in real) and any(r.changes for r in real)
        for rows in (real, made, []):
            expected = render_to_string("core/staff/_audit_table.html", {"rows": rows})
            assert audit_table_html(rows) == expected
