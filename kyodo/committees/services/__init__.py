"""Every write of the committee app, by topic: meetings, agenda, decisions, minutes, circulation,
imports. Each service checks the role first, runs in one transaction, refuses what would change
confirmed minutes (確定稿) with a Japanese message and writes one audit row; mail leaves through
the outbox. Callers use ``from kyodo.committees import services`` and ``services.<name>``.
"""

from kyodo.committees.services.agenda import (
    approval_title,
    business_report_text,
    carry_over_into,
    document_add,
    item_add,
    item_update,
)
from kyodo.committees.services.circulation import (
    correction_resolve,
    correction_submit,
    minutes_circulate,
    recipient_mark_paper,
    recipient_open,
    recipient_resend,
)
from kyodo.committees.services.decisions import (
    action_item_add,
    action_item_set_status,
    decision_record,
)
from kyodo.committees.services.imports import (
    CATEGORY_BY_HEADING,
    Outcome,
    category_of,
    check_new,
    minutes_import,
)
from kyodo.committees.services.meetings import (
    NEXT_MEETING_TITLE,
    appointment_add,
    attendance_record,
    committee_update,
    meeting_create,
    meeting_schedule_next,
    meeting_send_notice,
    meeting_update,
    notice_text,
)
from kyodo.committees.services.minutes import (
    entry_delete,
    entry_join,
    entry_move,
    entry_row,
    entry_split,
    entry_update,
    member_for,
    minutes_entries_from_text,
    minutes_entries_set,
    minutes_revise,
    preview_entries,
)

__all__ = [
    "CATEGORY_BY_HEADING",
    "NEXT_MEETING_TITLE",
    "Outcome",
    "action_item_add",
    "action_item_set_status",
    "appointment_add",
    "approval_title",
    "attendance_record",
    "business_report_text",
    "carry_over_into",
    "category_of",
    "check_new",
    "committee_update",
    "correction_resolve",
    "correction_submit",
    "decision_record",
    "document_add",
    "entry_delete",
    "entry_join",
    "entry_move",
    "entry_row",
    "entry_split",
    "entry_update",
    "item_add",
    "item_update",
    "meeting_create",
    "meeting_schedule_next",
    "meeting_send_notice",
    "meeting_update",
    "member_for",
    "minutes_circulate",
    "minutes_entries_from_text",
    "minutes_entries_set",
    "minutes_import",
    "minutes_revise",
    "notice_text",
    "preview_entries",
    "recipient_mark_paper",
    "recipient_open",
    "recipient_resend",
]
