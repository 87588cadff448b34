"""What the audit log's action keys mean, in words staff read (the Japanese catalogue).

Every action key a service passes to :func:`kyodo.core.audit.audit_log` has a label here; a test
scans the source and fails on a key without one. Keys made at run time (``f"….{status}"``) are
listed with every value they can take. Areas group the keys for the audit log's filter.
"""

from __future__ import annotations

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# (prefix, label): the audit log's "kind" filter, in the order of the staff menu.
AREAS = [
    ("kyodo.organizations.", _("Registered groups")),
    ("kyodo.events.", _("Events")),
    ("kyodo.consultations.", _("Consultations")),
    ("kyodo.reports.", _("Monthly reports")),
    # 「委員会」 (the model's plural): every body's rows, not only the steering committee's.
    ("kyodo.committees.", capfirst(_("committees"))),
    ("kyodo.collaboration.", _("Collaboration")),
    ("kyodo.website.", _("Public site")),
    ("kyodo.contact.", _("Inquiries")),
    ("kyodo.core.user.", _("Accounts and access")),
    # A citizen's form kept until its sender confirms their address by mail.
    ("kyodo.core.submission.", _("Forms waiting for mail confirmation")),
    ("kyodo.core.center.", _("The center")),
    ("kyodo.core.venue.", _("Venues")),
    ("kyodo.outbox.", _("Outgoing mail")),
]

ACTION_LABELS = {
    # Registered groups
    "kyodo.organizations.application.submitted": _("Group application received"),
    "kyodo.organizations.application.returned": _("Group application returned for correction"),
    "kyodo.organizations.application.resubmitted": _("Group application resubmitted"),
    "kyodo.organizations.application.rejected": _("Group application rejected"),
    "kyodo.organizations.application.approved": _("Group application approved"),
    "kyodo.organizations.organization.registered": _("Group registered"),
    "kyodo.organizations.organization.renewed": _("Group registration renewed"),
    "kyodo.organizations.organization.suspended": _("Group suspended"),
    "kyodo.organizations.organization.reinstated": _("Group reinstated"),
    "kyodo.organizations.organization.withdrawn": _("Group withdrawn"),
    "kyodo.organizations.organization.schedule_cancelled": _("Scheduled status change cancelled"),
    "kyodo.organizations.organization.profile_updated": _("Group profile changed"),
    "kyodo.organizations.organization.imported": _("Groups imported from a spreadsheet"),
    "kyodo.organizations.contact.invited": _("Group contact invited"),
    "kyodo.organizations.contact.removed": _("Group contact removed"),
    # Events
    "kyodo.events.event.created": _("Event created"),
    "kyodo.events.event.updated": _("Event changed"),
    "kyodo.events.event.published": _("Event published"),
    "kyodo.events.event.draft": _("Event taken off the public site"),
    "kyodo.events.event.held": _("Event marked as held"),
    "kyodo.events.event.cancelled": _("Event cancelled"),
    "kyodo.events.event.deleted": _("Draft event deleted"),
    "kyodo.events.event.attendance_recorded": _("Event attendance recorded"),
    "kyodo.events.event.personal_data_removed": _("Applicants' personal data removed"),
    "kyodo.events.application.personal_data_removed": _(
        "Applicant's personal data removed on request"
    ),
    "kyodo.events.series.created": _("Event series created"),
    "kyodo.events.series.updated": _("Event series changed"),
    "kyodo.events.guest.added": _("Guest added"),
    "kyodo.events.guest.updated": _("Guest changed"),
    "kyodo.events.guest.removed": _("Guest removed"),
    "kyodo.events.note.added": _("Event note added"),
    "kyodo.events.note.removed": _("Event note removed"),
    "kyodo.events.application.submitted": _("Event application received"),
    "kyodo.events.application.walk_in": _("Walk-in entered at the event"),
    "kyodo.events.application.seated": _("Seated from the waiting list at the event"),
    "kyodo.events.application.cancelled": _("Event application cancelled"),
    "kyodo.events.application.changed": _("Event application changed"),
    "kyodo.events.application.promoted": _("Moved up from the waiting list"),
    "kyodo.events.feedback.requested": _("Questionnaire sent"),
    "kyodo.events.feedback.answered": _("Questionnaire answered"),
    "kyodo.events.feedback.changed": _("Questionnaire answer changed"),
    "kyodo.events.feedback.noted": _("Questionnaire request kept as a note"),
    "kyodo.events.feedback.personal_data_removed": _("Questionnaire comments removed on request"),
    # Consultations
    "kyodo.consultations.consultation.create": _("Consultation recorded"),
    "kyodo.consultations.consultation.update": _("Consultation changed"),
    "kyodo.consultations.consultation.followed_up": _("Follow-up marked done"),
    "kyodo.consultations.consultation.follow_up_reopened": _("Follow-up needed again"),
    "kyodo.consultations.consultation.personal_data_removed": _(
        "Consultation client's name and contact removed on request"
    ),
    "kyodo.consultations.consultation.deleted": _("Consultation deleted on request"),
    # Committees
    "kyodo.committees.committee.updated": _("Committee settings changed"),
    "kyodo.committees.meeting.created": _("Meeting created"),
    "kyodo.committees.meeting.updated": _("Meeting changed"),
    "kyodo.committees.meeting.notice_sent": _("Meeting notice sent"),
    "kyodo.committees.meeting.reply": _("Answer to a meeting notice"),
    "kyodo.committees.meeting.next_scheduled": _("Next meeting scheduled"),
    "kyodo.committees.attendance.recorded": _("Attendance recorded"),
    "kyodo.committees.item.added": _("Agenda item added"),
    "kyodo.reports.presented.attached": _("Monthly report attached to an agenda item"),
    "kyodo.reports.presented.frozen": _("Monthly report handed out"),
    "kyodo.committees.item.updated": _("Agenda item changed"),
    "kyodo.committees.document.added": _("Document attached"),
    "kyodo.committees.decision.recorded": _("Decision recorded"),
    "kyodo.committees.action_item.added": _("Request to the secretariat recorded"),
    "kyodo.committees.action_item.updated": _("Request to the secretariat updated"),
    "kyodo.committees.appointment.added": _("Appointment recorded"),
    "kyodo.committees.minutes.entries_set": _("Minutes entered"),
    "kyodo.committees.minutes.entry_updated": _("Statement corrected"),
    "kyodo.committees.minutes.entry_moved": _("Statement moved"),
    "kyodo.committees.minutes.entry_split": _("Statement split"),
    "kyodo.committees.minutes.entries_joined": _("Statements joined"),
    "kyodo.committees.minutes.entry_deleted": _("Statement deleted"),
    "kyodo.committees.minutes.circulated": _("Draft minutes circulated"),
    "kyodo.committees.minutes.resent": _("Draft minutes sent again"),
    "kyodo.committees.minutes.received": _("Draft minutes received"),
    "kyodo.committees.minutes.handed_on_paper": _("Draft minutes handed over on paper"),
    "kyodo.committees.minutes.correction_requested": _("Correction requested"),
    "kyodo.committees.minutes.correction_resolved": _("Correction dealt with"),
    "kyodo.committees.minutes.confirmed": _("Minutes confirmed"),
    "kyodo.committees.minutes.revised": _("Confirmed minutes revised"),
    "kyodo.committees.minutes.corrected": _("Confirmed minutes corrected (new version)"),
    "kyodo.committees.minutes.approved": _("Minutes approved"),
    "kyodo.committees.minutes.approval_withdrawn": _("Approval of minutes withdrawn"),
    "kyodo.committees.meeting.cancelled": _("Meeting cancelled"),
    "kyodo.committees.meeting.deleted": _("Meeting deleted"),
    "kyodo.committees.item.deleted": _("Agenda item deleted"),
    "kyodo.committees.item.moved": _("Agenda item moved"),
    "kyodo.committees.minutes.imported": _("Past minutes imported"),
    "kyodo.committees.member.created": _("Committee member added"),
    "kyodo.committees.member.updated": _("Committee member changed"),
    "kyodo.committees.member.invited": _("Committee member invited"),
    "kyodo.committees.member.deleted": _("Committee member deleted (added by mistake)"),
    "kyodo.committees.committee.created": _("Committee created"),
    "kyodo.committees.membership.added": _("Committee seat added"),
    "kyodo.committees.membership.updated": _("Committee seat changed"),
    "kyodo.committees.membership.leaving_confirmed": _("Member confirmed as leaving"),
    "kyodo.committees.membership.leaving_withdrawn": _("Leaving of a member no longer confirmed"),
    "kyodo.committees.terms.renewed": _("Terms renewed for the next fiscal year"),
    "kyodo.committees.secretariat.added": _("Secretariat member added"),
    "kyodo.committees.secretariat.updated": _("Secretariat member changed"),
    "kyodo.committees.secretariat.removed": _("Secretariat member removed"),
    "kyodo.organizations.change_request.submitted": _("Change of registered details submitted"),
    "kyodo.organizations.change_request.approved": _("Change of registered details approved"),
    "kyodo.organizations.change_request.returned": _("Change of registered details returned"),
    # Collaboration
    "kyodo.collaboration.record.created": _("Collaboration recorded"),
    "kyodo.collaboration.record.updated": _("Collaboration changed"),
    "kyodo.collaboration.department.created": _("Department added"),
    "kyodo.collaboration.department.updated": _("Department changed"),
    "kyodo.collaboration.counting.updated": _("Counting settings changed"),
    "kyodo.collaboration.call.created": _("Call for proposals created"),
    "kyodo.collaboration.call.updated": _("Call for proposals changed"),
    "kyodo.collaboration.call.published": _("Call for proposals published"),
    "kyodo.collaboration.call.unpublished": _("Call for proposals taken off the public site"),
    "kyodo.collaboration.criterion.added": _("Review criterion added"),
    "kyodo.collaboration.proposal.created": _("Proposal drafted"),
    "kyodo.collaboration.proposal.updated": _("Proposal changed"),
    "kyodo.collaboration.proposal.submitted": _("Proposal submitted"),
    "kyodo.collaboration.proposal.adopted": _("Proposal adopted"),
    "kyodo.collaboration.proposal.declined": _("Proposal declined"),
    "kyodo.collaboration.attachment.added": _("Proposal attachment added"),
    "kyodo.collaboration.attachment.removed": _("Proposal attachment removed"),
    "kyodo.collaboration.review.submitted": _("Proposal reviewed"),
    # Public site
    "kyodo.website.page.updated": _("Page changed"),
    "kyodo.website.news.created": _("News published"),
    "kyodo.website.news.updated": _("News changed"),
    "kyodo.website.news.attached": _("News attachment added"),
    "kyodo.website.access.updated": _("Access information changed"),
    # Inquiries (お問い合わせ)
    "kyodo.contact.inquiry.received": _("Inquiry received"),
    "kyodo.contact.inquiry.replied": _("Inquiry answered"),
    "kyodo.contact.inquiry.status_changed": _("Inquiry status changed"),
    "kyodo.contact.inquiry.taken_over": _("Inquiry taken over"),
    "kyodo.contact.inquiry.deleted": _("Inquiry deleted on request"),
    # Accounts and access
    "kyodo.core.submission.requested": _("Public submission waiting for mail confirmation"),
    "kyodo.core.submission.cancelled": _("Form waiting for mail confirmation cancelled on request"),
    "kyodo.core.user.invited": _("Account created and invited"),
    "kyodo.core.user.created": _("Account created (to be invited by a letter)"),
    "kyodo.core.user.invitation_resent": _("Invitation sent again"),
    "kyodo.core.user.password_reset_sent": _("Password reset link sent by staff"),
    "kyodo.core.user.letter_printed": _("Letter with a sign-in code printed"),
    "kyodo.core.center.set_up": _("Center set up (kyodo setup)"),
    "kyodo.core.center.updated": _("Center's details changed"),
    "kyodo.core.venue.created": _("Venue added"),
    "kyodo.core.venue.updated": _("Venue changed"),
    "kyodo.core.user.updated": _("Account changed"),
    "kyodo.core.user.roles_changed": _("Roles changed"),
    "kyodo.core.user.deactivated": _("Account deactivated"),
    "kyodo.core.user.reactivated": _("Account reactivated"),
    "kyodo.core.user.password_set": _("Password set (from an invitation, a reset or a letter)"),
    "kyodo.core.user.password_changed": _("Password changed"),
    # Outgoing mail
    "kyodo.outbox.resent": pgettext_lazy("audit", "Mail queued again"),
    "kyodo.outbox.personal_data_removed": _("Mail's address and text removed on request"),
}

OTHER_ACTION = _("Other change")


def action_label(action: str) -> str:
    """The words for ``action``; a key without a label (a test forbids it) says so generically."""
    return str(ACTION_LABELS.get(action, OTHER_ACTION))


def area_label(action: str) -> str:
    for prefix, label in AREAS:
        if action.startswith(prefix):
            return str(label)
    return ""


# Written votes (書面表決) of a meeting held in writing (kyodo.committees.services.votes).
ACTION_LABELS["kyodo.committees.meeting.written_vote"] = _("Written vote given or changed")
