"""No lost updates, over the route list (issue 18).

Every form that staff (and group representatives) can post from their pages is found by walking
the URL configuration on the demo. A form that carries ``edit_version`` is an edit form: two
sessions open it, both save in turn; the second is refused with 「他の人が先に変更しました」
(what it typed kept, the first person's change listed), the first change stands, and saving the
refused form again overwrites it knowingly. A form without ``edit_version`` must be listed in
``NOT_EDIT_FORMS`` with the reason it is not an edit of a row: a new edit form cannot be
forgotten. Committees' forms join by themselves once they carry the version (the lead applies
the mechanism there; until then they are in ``PENDING``).
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.urls import resolve

from kyodo.core.tests.test_security_post_routes import (
    all_routes,
    client_for,
    role_of,
    sample_urls,
    url_for,
)
from kyodo.core.versions import VERSION_FIELD

pytestmark = pytest.mark.django_db

STALE = "他の人が先に変更しました"
ROLES = {"staff", "group"}

# POST targets on staff and group pages that are not edits of an existing row.
NOT_EDIT_FORMS = {
    "accounts/logout/": "signing out",
    "staff/groups/renewals/": (
        "records 年度更新 for the groups ticked, each refused by the service if already renewed"
    ),
    "staff/committees/meetings/<int:pk>/notice/": "sends the notice previewed on the page",
    "staff/committees/minutes/<int:pk>/circulate/": "sends the draft to the members the page lists",
    "staff/committees/meetings/<int:pk>/swap/": (
        "exchanges two meetings' numbers (「回を入れ替える」), refused by the service when the "
        "meeting's number is no longer the one the page showed"
    ),
    "staff/committees/people/meetings/<int:pk>/secretariat/": (
        "ticks who of the secretariat attended; refused by the service once approved"
    ),
    "staff/people/<int:pk>/reset/": "sends a password reset mail",
    "staff/people/<int:pk>/letter/": "prints a letter with a new code (a button)",
    "staff/center/venues/": "adds a venue",
    "staff/committees/new/": "creates a committee",
    "staff/consultations/<int:pk>/follow-up/<str:change>/": "a button: the follow-up done or needed again",
    "staff/events/new/": "creates an event",
    "staff/events/<int:pk>/status/<str:action>/": "a state change checked by the service",
    "staff/events/<int:pk>/guests/new/": "adds a guest",
    "staff/events/guests/<int:pk>/remove/": "removes a guest",
    "staff/events/<int:pk>/applications/new/": "records a new application",
    "staff/events/<int:pk>/applications/walk-in/": "records a new application (当日参加)",
    "staff/reports/presented/<int:pk>/": (
        "hands out the report once (its figures stored), refused by the service the second time"
    ),
    "staff/events/applications/<int:pk>/cancel/": "a state change checked by the service",
    "staff/events/<int:pk>/attendance/": (
        "records attendance (per application marks; the events engineer reworks it: apply "
        "the version there)"
    ),
    "staff/events/<int:pk>/notes/new/": "adds a note",
    "staff/events/notes/<int:pk>/remove/": "removes a note",
    "staff/events/series/new/": "creates a series",
    "staff/consultations/new/": "records a new consultation",
    "staff/groups/import/": "uploads a file to preview",
    "staff/groups/import/confirm/": "imports the previewed rows",
    "staff/groups/<int:pk>/approve/": "a state change checked by the service",
    "staff/groups/<int:pk>/return/": "a state change checked by the service",
    "staff/groups/<int:pk>/reject/": "a state change checked by the service",
    "staff/groups/<int:pk>/status/": "appends to the status history, checked by the service",
    "staff/collaboration/records/new/": "creates a record",
    "staff/collaboration/departments/": "adds a department",
    "staff/collaboration/bureaus/": (
        "renames a 部 from a 年度 on: a row of its history per 課, refused by the service for a "
        "name or 年度 no longer in force"
    ),
    "staff/collaboration/calls/": "creates a call",
    "staff/collaboration/calls/<int:pk>/criteria/": "adds a criterion",
    "staff/collaboration/calls/<int:pk>/publish/": "a state change checked by the service",
    "staff/collaboration/proposals/<int:pk>/review/": "one reviewer's own scores, once",
    "staff/collaboration/proposals/<int:pk>/decide/": "a state change checked by the service",
    "staff/site/news/new/": "creates a news item",
    "staff/site/news/<int:pk>/attach/": "adds an attachment",
    "staff/outbox/<int:pk>/resend/": "a button",
    "group/collaboration/calls/<int:pk>/new/": "creates a draft proposal",
    "group/collaboration/proposals/<int:pk>/submit/": "a state change checked by the service",
    "group/collaboration/proposals/<int:pk>/attachments/": "adds an attachment",
    "group/collaboration/proposals/<int:pk>/attachments/<int:attachment>/remove/": "removes one",
    # Every page
    "display/": "the reader's own text size and contrast, kept in the session",
    "i18n/setlang/": "the reader's own language, kept in a cookie",
    # Committees
    "staff/committees/": "creates a meeting",
    "staff/committees/appointments/new/": "appoints a member to a seat",
    "staff/committees/meetings/<int:pk>/": (
        "records attendance (one mark per member, the whole list saved as shown; like the events' "
        "attendance sheet, not yet versioned)"
    ),
    "staff/committees/meetings/<int:pk>/cancel/": "a state change checked by the service",
    "staff/committees/meetings/<int:pk>/delete/": "deletes, refused by the service once used",
    "staff/committees/meetings/<int:pk>/items/new/": "adds an agenda item",
    "staff/committees/items/<int:pk>/": "adds statements from pasted text",
    "staff/committees/meetings/<int:pk>/next/": "creates the next meeting",
    "staff/committees/entries/<int:pk>/<str:change>/": "moves, joins, splits or deletes a statement",
    "staff/committees/items/<int:pk>/requests/": "adds a request (action item)",
    "staff/committees/items/<int:pk>/documents/": "adds a paper",
    "staff/committees/import/": "uploads minutes to preview",
    "staff/committees/minutes/<int:pk>/confirm/": "a state change checked by the service",
    "staff/committees/meetings/<int:pk>/votes/": (
        "a member's written vote typed in from paper: given again, it replaces hers (as her own "
        "page does)"
    ),
    "staff/committees/minutes/<int:pk>/correct/": (
        "a correction carries the confirmed version it started from (based_on) and is refused on "
        "top of another (tested in committees/tests/test_versions.py)"
    ),
    "staff/committees/people/members/new/": "adds a member",
    "staff/committees/people/members/<int:pk>/seats/new/": "adds a seat",
    "staff/committees/people/renew/": "starts the next term's seats, checked by the service",
    "staff/committees/people/secretariat/new/": "adds a secretariat member",
    "staff/committees/people/secretariat/<int:pk>/remove/": "ends a secretariat member's term",
    # Accounts and inquiries
    "staff/people/new/": "creates an account",
    "staff/people/<int:pk>/<str:change>/": "deactivates or reactivates, checked by the service",
    "staff/people/<int:pk>/roles/": (
        "the roles as ticked, audited with before and after (a set, not a text two people merge)"
    ),
    "staff/people/groups/<int:pk>/": "invites a group contact",
    # A person's request to remove their data (brief 7): once, refused by the service after.
    "staff/privacy/applications/<int:pk>/": "removes an applicant's personal data, once",
    "staff/privacy/consultations/<int:pk>/": (
        "removes a client's name and contact, or the consultation, once"
    ),
    "staff/privacy/inquiries/<int:pk>/": "deletes an inquiry with its replies, once",
    "staff/privacy/feedback/<int:pk>/": "removes a questionnaire answer's comments, once",
    "staff/privacy/submissions/<int:pk>/": "cancels a form waiting for confirmation, once",
    "staff/privacy/mail/<int:pk>/": "removes a mail's address and text, once",
    "staff/contact/<int:pk>/": "a reply, a status change or a take-over, each checked by the service",
}
# The group's profile became a 変更届 (a change request) on main: its version must cover the
# waiting request as well as the row, which submit_edit cannot yet express (one row per form).
PENDING = ("group/organization/",)
# Which field each edit form's test changes, where the first text field is not a free text.
EDIT_FIELD = {
    "staff/consultations/<int:pk>/edit/": "summary",
    "staff/events/<int:pk>/edit/": "theme",
    "staff/committees/items/<int:pk>/decision/": "text",
    "staff/committees/settings/": "speaker_labels",
    "staff/site/access/": "address",
}
# Forms whose fields are all dates, times or choices: (field, the first value, the second value).
EDIT_VALUES = {
    # The end time: the sample meeting approved confirmed minutes, so its start is fixed.
    "staff/committees/meetings/<int:pk>/edit/": ("end_time", "21:30", "21:45"),
    "staff/committees/people/seats/<int:pk>/": ("term_end", "平成23年3月30日", "平成23年3月29日"),
}


class _Forms(HTMLParser):
    """The POST forms of a page: action and (name, value) pairs as a browser would send them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form = None
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {"action": a.get("action") or "", "method": (a.get("method") or "get").lower(), "fields": [], "order": [], "choices": {}}  # fmt: skip
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio"):
                self._form["choices"].setdefault(a["name"], []).append(a.get("value", "on"))
            if kind in ("checkbox", "radio") and "checked" not in a:
                self._form["order"].append((a["name"], kind))
                return
            self._form["fields"].append((a["name"], a.get("value", "on" if kind == "checkbox" else "")))  # fmt: skip
            self._form["order"].append((a["name"], kind))
        elif tag == "textarea" and a.get("name"):
            self._textarea = [a["name"], ""]
            self._form["order"].append((a["name"], "textarea"))
        elif tag == "select" and a.get("name"):
            self._select = {"name": a["name"], "multiple": "multiple" in a, "options": [], "chosen": []}  # fmt: skip
            self._form["order"].append((a["name"], "select"))
        elif tag == "option" and self._select is not None:
            self._select["options"].append(a.get("value", ""))
            if "selected" in a:
                self._select["chosen"].append(a.get("value", ""))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if self._form is None:
            return
        if tag == "textarea" and self._textarea is not None:
            self._form["fields"].append((self._textarea[0], self._textarea[1].removeprefix("\n")))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            chosen = self._select["chosen"] or ([] if self._select["multiple"] else self._select["options"][:1])  # fmt: skip
            self._form["fields"] += [(self._select["name"], value) for value in chosen]
            self._form["choices"][self._select["name"]] = self._select["options"]
            self._select = None
        elif tag == "form":
            self._form = None


def post_forms(html: str, url: str) -> list[dict]:
    parser = _Forms()
    parser.feed(html)
    forms = []
    for form in parser.forms:
        if form["method"] != "post":
            continue
        form["action"] = form["action"] or url
        if form["action"].startswith("?"):  # the page's own address with another query
            form["action"] = url.split("?")[0] + form["action"]
        forms.append(form)
    return forms


def data_of(form: dict) -> dict[str, list[str]]:
    data: dict[str, list[str]] = {}
    for name, value in form["fields"]:
        data.setdefault(name, []).append(value)
    return data


def field_to_change(form: dict, route: str) -> str:
    if route in EDIT_FIELD:
        return EDIT_FIELD[route]
    values = dict(form["fields"])
    for name, kind in form["order"]:
        if kind in ("text", "textarea") and values.get(name) and name != VERSION_FIELD:
            return name
    raise AssertionError(f"{route}: no text field to change; add it to EDIT_FIELD")


def route_of(path: str) -> str:
    return resolve(path.split("?")[0]).route


def extra_pages() -> list[tuple[str, str]]:
    """(role, url) of pages whose edit form the demo samples do not show: a draft proposal, an
    agenda item of minutes still in draft (the samples' are confirmed, so refused). The counting
    setting is saved once, as a center's first change of it does."""
    from kyodo.collaboration import selectors, services
    from kyodo.collaboration.models import Proposal
    from kyodo.core.models import User

    services.counting_settings_update(
        actor=User.objects.get(username="nishiguchi"),
        counted_forms=selectors.counting_settings().counted_form_list,
    )
    group = User.objects.get(username="kazenokai")
    call = Proposal.objects.filter(status="submitted").first().call
    draft = services.proposal_create(
        actor=group,
        call=call,
        fields=services.ProposalFields(
            title="下書きの提案", department=None, summary="概要", budget=1000
        ),
    )
    from kyodo.committees.models import AgendaItem, Decision, Meeting, Minutes
    from kyodo.committees.services import decision_record, item_add, minutes_entries_from_text

    meeting = Meeting.objects.filter(minutes__status=Minutes.Status.DRAFT).order_by("date").first()
    staff = User.objects.get(username="nishiguchi")
    item = item_add(actor=staff, meeting=meeting, category=AgendaItem.Category.REPORT, title="報告")
    decision_record(actor=staff, item=item, outcome=Decision.Outcome.ACKNOWLEDGED)
    # An entry of a draft: the demo's 2010 drafts are approved or confirmed (committees22).
    entry = minutes_entries_from_text(actor=staff, item=item, text="事務局：報告した。")[0]
    return [
        ("group", f"/group/collaboration/proposals/{draft.pk}/"),
        ("staff", f"/staff/committees/meetings/{meeting.pk}/edit/"),
        ("staff", f"/staff/committees/items/{item.pk}/edit/"),
        ("staff", f"/staff/committees/items/{item.pk}/"),
        ("staff", f"/staff/committees/entries/{entry.pk}/"),
    ]


def edit_forms(django_user_model) -> tuple[dict, list[str]]:
    """{action route: (role, page url)} of the versioned forms, and the unlisted others."""
    samples = sample_urls()
    versioned, unlisted = {}, []
    pages = [(role, url, url) for role, url in extra_pages()] + [
        (role_of(pattern), url_for(route, samples), route) for route, pattern in all_routes()
    ]
    for role, url, route in pages:
        if role not in ROLES or route.lstrip("/").startswith(PENDING):
            continue
        client = client_for(role, django_user_model)
        page = client.get(url)
        if page.status_code != 200 or not page["Content-Type"].startswith("text/html"):
            continue
        for form in post_forms(page.text, url):
            action = route_of(form["action"])
            if action.startswith(PENDING):
                continue
            if dict(form["fields"]).get(VERSION_FIELD):  # "" on forms that create a row
                versioned.setdefault(action, (role, url))
            elif action not in NOT_EDIT_FORMS:
                unlisted.append(f"{action} (on {url})")
    # A form that creates the row on one page (no version yet) edits it on another.
    return versioned, sorted({u for u in unlisted if u.split(" (on ")[0] not in versioned})


def the_form(html: str, url: str, action: str) -> dict:
    for form in post_forms(html, url):
        if route_of(form["action"]) == action and dict(form["fields"]).get(VERSION_FIELD):
            return form
    raise AssertionError(f"no edit form for {action} on {url}")


def test_every_edit_form_refuses_a_stale_save_and_keeps_the_first(demo, django_user_model):
    versioned, unlisted = edit_forms(django_user_model)
    assert unlisted == [], (
        "a POST form without edit_version: version it or list why not: " + ", ".join(unlisted)
    )
    # The edit forms of the issue are all there.
    assert {
        "staff/events/<int:pk>/edit/",
        "staff/events/series/<int:pk>/edit/",
        "staff/events/guests/<int:pk>/edit/",
        "staff/consultations/<int:pk>/edit/",
        "staff/site/pages/<slug:slug>/",
        "staff/site/news/<int:pk>/",
        "staff/collaboration/records/<int:pk>/edit/",
        "staff/collaboration/departments/<int:pk>/",
        "staff/collaboration/calls/<int:pk>/edit/",
        "staff/collaboration/statistics/counting/",
        "group/collaboration/proposals/<int:pk>/",
    } <= set(versioned)
    failures = []
    for action, (role, url) in sorted(versioned.items()):
        first, second = client_for(role, django_user_model), client_for(role, django_user_model)
        form_a = the_form(first.get(url).text, url, action)
        form_b = the_form(second.get(url).text, url, action)
        target = form_a["action"]
        data_a, data_b = data_of(form_a), data_of(form_b)
        if action == "staff/collaboration/statistics/counting/":
            name = "counted_forms"
            options = form_a["choices"][name]
            mine = [o for o in options if o not in data_a.get(name, [])][:1] or options[:1]
            data_a[name] = [*data_a.get(name, []), *mine]
            data_b[name] = []
            expected_a, typed_b = sorted(data_a[name]), None
        elif action in EDIT_VALUES:
            name, value_a, value_b = EDIT_VALUES[action]
            data_a[name], data_b[name] = [value_a], [value_b]
            expected_a, typed_b = [value_a], None
        elif dict(form_a["order"]).get(field_to_change(form_a, action)) == "select":
            # A choice: the first person picks another option, the second keeps the shown one.
            name = field_to_change(form_a, action)
            shown = data_a.get(name, [""])
            data_a[name] = [next(o for o in form_a["choices"][name] if [o] != shown)]
            expected_a, typed_b = data_a[name], None
        else:
            name = field_to_change(form_a, action)
            data_a[name] = [data_a.get(name, [""])[0] + "（一人目の変更）"]
            data_b[name] = [data_b.get(name, [""])[0] + "（二人目の変更）"]
            expected_a, typed_b = data_a[name], data_b[name][0]
        saved = first.post(target, data_a)
        if saved.status_code != 302:
            errors = saved.context["form"].errors if saved.context else ""
            failures.append(f"{action}: the first save answered {saved.status_code} {errors}")
            continue
        refused = second.post(target, data_b)
        if refused.status_code == 302 or STALE not in refused.text:
            failures.append(f"{action}: the second save was not refused ({refused.status_code})")
            continue
        if typed_b is not None and expected_a[0] not in refused.text:
            failures.append(f"{action}: the first person's change was not shown")
        again = the_form(refused.text, target, action)  # the refused page is served at target
        if typed_b is not None and data_of(again)[name] != [typed_b]:
            failures.append(f"{action}: what the second person typed was not kept")
        stands = data_of(the_form(first.get(url).text, url, action)).get(name, [])
        if sorted(stands) != sorted(expected_a):
            failures.append(f"{action}: the first change did not stand ({stands})")
        # Saving the refused form again is a knowing overwrite, and goes through.
        if second.post(target, data_of(again)).status_code != 302:
            failures.append(f"{action}: saving again after the refusal failed")
    assert failures == [], "\n".join(failures)


def test_the_refusal_lists_the_other_persons_change_field_by_field(demo, client, django_user_model):
    from kyodo.collaboration.models import Department

    department = Department.objects.order_by("pk").first()
    client.force_login(django_user_model.objects.get(username="nishiguchi"))
    url = f"/staff/collaboration/departments/{department.pk}/"
    form = data_of(the_form(client.get(url).text, url, "staff/collaboration/departments/<int:pk>/"))
    Department.objects.filter(pk=department.pk).update(bureau="市民部（改称）", is_active=False)

    form["notes"] = ["私のメモ"]
    response = client.post(url, form)

    assert response.status_code == 200
    assert STALE in response.text
    changes = [(c.label, c.before, c.after) for c in response.context["form"].stale_changes]
    assert changes == [
        ("部", department.bureau or "（空欄）", "市民部（改称）"),
        ("使用中", "はい", "いいえ"),
    ]
    assert "私のメモ" in response.text
    assert Department.objects.get(pk=department.pk).notes == department.notes
