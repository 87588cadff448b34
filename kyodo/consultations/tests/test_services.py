from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from kyodo.consultations import exceptions
from kyodo.consultations.models import Category, Consultation, ConsultationCategory
from kyodo.consultations.services import ConsultationFields, consultation_update
from kyodo.consultations.tests.factories import make_consultation
from kyodo.core.models import AuditEntry
from kyodo.core.roles import Role


def test_staff_record_a_consultation_with_several_categories_and_an_audit_row(staff_user):
    consultation = make_consultation(
        staff_user,
        categories=[Category.PUBLICITY, Category.LEGAL_FORM, Category.PUBLICITY],
        client_name="山田 花子",
        report_example="  法人格について相談があった。 ",
        use_in_report=True,
    )

    consultation.refresh_from_db()
    assert consultation.staff == staff_user
    assert consultation.category_values == ["legal_form", "publicity"]
    assert consultation.category_labels == ["法人格", "広報"]
    assert consultation.report_example == "法人格について相談があった。"
    entry = AuditEntry.objects.get()
    assert entry.action == "kyodo.consultations.consultation.create"
    assert entry.target == consultation
    assert entry.changes["categories"] == [None, ["legal_form", "publicity"]]
    # Personal data stays out of the audit log, which more people read.
    assert "山田" not in str(entry.changes)


@pytest.mark.parametrize("role", [None, Role.MEMBER, Role.GROUP])
def test_only_staff_can_record_a_consultation(make_user, role):
    actor = make_user("someone", role) if role else make_user("someone")
    with pytest.raises(PermissionDenied):
        make_consultation(actor)
    assert Consultation.objects.count() == 0
    assert AuditEntry.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"categories": []}, exceptions.NoCategory),
        ({"categories": ["astrology"]}, exceptions.UnknownCategory),
        ({"use_in_report": True}, exceptions.ReportExampleMissing),
        (
            {
                "client_name": "山田　花子",
                "report_example": "山田花子さんから相談があった。",
                "use_in_report": True,
            },
            exceptions.ReportExampleNamesClient,
        ),
        (
            {"client_contact": "hanako@example.jp", "report_example": "hanako@example.jp から"},
            exceptions.ReportExampleNamesClient,
        ),
        ({"follow_up_on": date(2010, 12, 20)}, exceptions.FollowUpDateWithoutFollowUp),
        (
            {"follow_up_needed": True, "follow_up_on": date(2010, 12, 1)},
            exceptions.FollowUpBeforeConsultation,
        ),
    ],
)
def test_broken_rules_are_refused_and_nothing_is_saved(staff_user, overrides, error):
    with pytest.raises(error):
        make_consultation(staff_user, **overrides)
    assert Consultation.objects.count() == 0
    assert ConsultationCategory.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_the_staff_member_taking_it_must_be_staff(staff_user, member_user):
    with pytest.raises(exceptions.StaffMemberRequired):
        make_consultation(staff_user, staff=member_user)
    assert Consultation.objects.count() == 0


def test_update_replaces_fields_and_categories_and_audits_the_difference(staff_user, make_user):
    colleague = make_user("staff2", Role.STAFF, full_name="西口")
    consultation = make_consultation(staff_user, client_name="山田", categories=["legal_form"])

    consultation_update(
        actor=colleague,
        consultation=consultation,
        fields=ConsultationFields(
            received_on=date(2010, 12, 7),
            channel=Consultation.Channel.PHONE,
            client_type=Consultation.ClientType.INDIVIDUAL,
            categories=["accounting", "legal_form"],
            summary="法人格について相談",
            staff=colleague,
            client_name="山田 太郎",
            follow_up_needed=True,
            follow_up_on=date(2010, 12, 20),
        ),
    )

    consultation.refresh_from_db()
    assert consultation.channel == "phone"
    assert consultation.staff == colleague
    assert consultation.category_values == ["legal_form", "accounting"]
    entry = AuditEntry.objects.filter(action="kyodo.consultations.consultation.update").get()
    assert entry.actor == colleague
    assert entry.changes["channel"] == ["visit", "phone"]
    assert entry.changes["categories"] == [["legal_form"], ["legal_form", "accounting"]]
    assert entry.changes["client_name"] == "changed"
    assert entry.changes["follow_up_on"] == [None, "2010-12-20"]
    assert "山田" not in str(entry.changes)


def test_a_refused_update_changes_nothing(staff_user, member_user):
    consultation = make_consultation(staff_user)
    with pytest.raises(PermissionDenied):
        consultation_update(
            actor=member_user,
            consultation=consultation,
            fields=ConsultationFields(
                received_on=date(2011, 1, 1),
                channel="phone",
                client_type="group",
                categories=["other"],
                summary="書き換え",
                staff=staff_user,
            ),
        )
    with pytest.raises(exceptions.NoCategory):
        consultation_update(
            actor=staff_user,
            consultation=consultation,
            fields=ConsultationFields(
                received_on=date(2011, 1, 1),
                channel="phone",
                client_type="group",
                categories=[],
                summary="書き換え",
                staff=staff_user,
            ),
        )
    consultation.refresh_from_db()
    assert consultation.summary == "法人格について相談"
    assert consultation.category_values == ["legal_form"]
    assert AuditEntry.objects.count() == 1
