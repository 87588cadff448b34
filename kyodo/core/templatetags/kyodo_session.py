"""What the staff pages need from the session: the idle limit and a kept draft (sessions.py)."""

from django import template

from kyodo.core.sessions import idle_seconds, take_draft

register = template.Library()


@register.simple_tag(takes_context=True)
def session_state(context) -> dict:
    request = context.get("request")
    # Several blocks ask; the draft leaves the session once, so the answer is kept per request.
    cached = getattr(request, "_kyodo_session_state", None)
    if cached is not None:
        return cached
    draft = take_draft(request) if request is not None else None
    state = {
        "idle_seconds": idle_seconds(),
        "draft": {"path": draft["path"], "fields": draft["fields"]} if draft else None,
        "draft_files": bool(draft and draft.get("files")),
    }
    if request is not None:
        request._kyodo_session_state = state
    return state
