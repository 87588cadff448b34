"""The API's refusals in Japanese, saying what to fix.

The API is Japanese only, like the rest of the public site: its messages are written here, not
through the catalogue. A refusal keeps what a program reads (for a parameter the API cannot take,
``loc`` and pydantic's ``type``; for a missing record or method, a ``type`` of its own) and adds
what a person reads (``msg`` or ``detail``). Pydantic's messages are replaced by ``type``, never
by matching their English text, so a new pydantic version cannot leave one untranslated: an
unknown type still gets a Japanese message naming the parameter.

    422 {"detail": [{"loc": ["query", "page"], "type": "greater_than_equal",
                     "msg": "page: 1以上の数を指定してください。", "ctx": {"ge": 1}}]}
    400 {"detail": "この指定はありません：status。使える指定は … です。…", "type": "bad_request"}
    404 {"detail": "指定された事業・イベントは見つかりません。", "type": "not_found"}
    405 {"detail": "この操作（PUT）はできません。使えるのは GET、HEAD、OPTIONS です。",
         "type": "method_not_allowed"}
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from kyodo.core.exceptions import InvalidInput
from kyodo.events.models import EventKind
from kyodo.organizations.models import ActivityField, Organization

# What each parameter is, in the words of a message about it.
LABELS = {
    "date_from": "開始日",
    "date_to": "終了日",
    "fiscal_year": "年度",
    "kind": "種類",
    "page": "ページ番号",
    "page_size": "1ページの件数",
    "q": "検索語",
    "activity_field": "活動分野",
    "legal_form": "法人格",
    "committee": "委員会の略称",
    "meeting": "会議のID",
    "speaker": "発言者",
    "event_id": "事業・イベントのID",
    "group_id": "団体のID",
    "meeting_id": "会議のID",
    "series": "シリーズのID",
    "state": "状態",
}

# Parameters whose values are codes: listed with their Japanese names when a value is refused.
CHOICES: dict[str, type[models.TextChoices]] = {
    "kind": EventKind,
    "activity_field": ActivityField,
    "legal_form": Organization.LegalForm,
}

# Patterns of parameters said in words (the pattern itself is in the schema).
PATTERNS = {
    "committee": "半角の英数字、ハイフン（-）、下線（_）で指定してください（例：unei）。",
}

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_QUOTED = re.compile(r"'([^']*)'")
# Limits a program may read from ``ctx``; pydantic's other context is English prose.
_LIMITS = ("ge", "gt", "le", "lt", "min_length", "max_length")


class NotFound(Http404):
    """A record the API does not have, or does not show; the message says which."""


class BadRequest(InvalidInput):
    """A query the API will not guess at: a parameter it does not know, values that contradict
    each other (a start after the end), or a name nothing has (a committee's slug). Answered
    400 with the message (Japanese, as every message of the API), never ignored: a reuser would
    read the wrong data as the right."""


# Parameters that add nothing to a query but that browser libraries add themselves (jQuery's
# cache buster ``_``): taken, and ignored.
IGNORED_PARAMETERS = {"_"}
# What a reuser may have meant by a parameter the API does not have.
HINTS = {
    "status": "事業・イベントの状態で絞り込むには state（scheduled、ended、cancelled）を"
    "使ってください。",
    "limit": "件数は page_size で指定してください。",
    "per_page": "件数は page_size で指定してください。",
    "offset": "何ページ目かは page で指定してください。",
}


def refuse_unknown(request: HttpRequest, known) -> None:
    """Raise :class:`BadRequest` for a query parameter the operation does not have (a typo or a
    guess, ``?status=held``, would otherwise return everything as if it had been applied)."""
    unknown = sorted(set(request.GET) - set(known) - IGNORED_PARAMETERS)
    if not unknown:
        return
    message = f"この指定はありません：{'、'.join(unknown)}。"
    message += f"使える指定は {'、'.join(known)} です。" if known else "指定は使えません。"
    message += "".join(HINTS[name] for name in unknown if name in HINTS)
    raise BadRequest(message)


def _label(name: str) -> str:
    return LABELS.get(name, name)


def _choices(name: str, ctx: dict) -> tuple[list[str], str]:
    """The codes a parameter takes, and the list a person reads: 「lecture（講座）、…」."""
    choices = CHOICES.get(name)
    if choices is not None:
        with translation.override("ja"):
            pairs = [(code, str(label)) for code, label in choices.choices]
    else:
        pairs = [(code, "") for code in _QUOTED.findall(str(ctx.get("expected", "")))]
    listed = "、".join(f"{code}（{label}）" if label else code for code, label in pairs)
    return [code for code, _label in pairs], listed


def _text(kind: str, name: str, ctx: dict, given: str | None) -> str:
    """The message for one error of pydantic ``type`` ``kind`` on parameter ``name``."""
    label = _label(name)
    if kind in ("int_parsing", "int_type", "int_from_float", "float_parsing", "float_type"):
        return f"{label}は整数で指定してください。"
    if kind == "greater_than_equal":
        return f"{ctx.get('ge')}以上の数を指定してください。"
    if kind == "greater_than":
        return f"{ctx.get('gt')}より大きい数を指定してください。"
    if kind == "less_than_equal":
        return f"{ctx.get('le')}以下の数を指定してください。"
    if kind == "less_than":
        return f"{ctx.get('lt')}より小さい数を指定してください。"
    if kind in ("enum", "literal_error"):
        return f"次のいずれかを指定してください：{_choices(name, ctx)[1]}。"
    if kind.startswith(("date_", "datetime_")):
        if given is not None and _ISO_DATE.fullmatch(given):
            return f"存在しない日付です（{given}）。YYYY-MM-DD の形で指定してください。"
        return "日付は YYYY-MM-DD の形で指定してください（例：2010-12-21）。"
    if kind == "string_too_long":
        return f"{ctx.get('max_length')}文字以内で指定してください。"
    if kind == "string_too_short":
        return f"{ctx.get('min_length')}文字以上で指定してください。"
    if kind == "string_pattern_mismatch":
        return PATTERNS.get(name, f"{label}の形が正しくありません。")
    if kind == "missing":
        return f"{label}を指定してください。"
    if kind == "bool_parsing":
        return "true または false で指定してください。"
    if kind in ("value_error", "assertion_error") and ctx.get("error"):
        return str(ctx["error"])  # the API's own validators write Japanese
    return f"{label}の値が正しくありません。"


def _given(request: HttpRequest, loc: tuple) -> str | None:
    # ninja leaves the refused value out of the error: read it where it came from.
    if len(loc) < 2 or not isinstance(loc[-1], str):
        return None
    if loc[0] == "query":
        return request.GET.get(loc[-1])
    if loc[0] == "path" and request.resolver_match is not None:
        value = request.resolver_match.kwargs.get(loc[-1])
        return None if value is None else str(value)
    return None


def translate(error: dict[str, Any], request: HttpRequest) -> dict[str, Any]:
    """One error of ninja's ValidationError, with a Japanese ``msg`` saying what to fix."""
    loc = tuple(error.get("loc", ()))
    kind = str(error.get("type", "invalid"))
    ctx = error.get("ctx") or {}
    name = str(loc[-1]) if loc else ""
    out: dict[str, Any] = {"loc": list(loc), "type": kind}
    text = _text(kind, name, ctx, _given(request, loc))
    out["msg"] = f"{name}: {text}" if name else text
    limits = {key: ctx[key] for key in _LIMITS if key in ctx}
    if kind in ("enum", "literal_error"):
        limits["expected"] = _choices(name, ctx)[0]
    if limits:
        out["ctx"] = limits
    return out


def _method_not_allowed(request: HttpRequest, allowed: list[str]) -> dict[str, str]:
    return {
        "detail": (
            f"この操作（{request.method}）はできません。使えるのは {'、'.join(allowed)} です。"
        ),
        "type": "method_not_allowed",
    }


def install(api: NinjaAPI) -> None:
    """Replace django-ninja's English refusals with these."""

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = [translate(dict(error), request) for error in exc.errors]
        return api.create_response(request, {"detail": errors}, status=422)

    @api.exception_handler(BadRequest)
    def bad_request(request: HttpRequest, exc: BadRequest) -> HttpResponse:
        return api.create_response(
            request, {"detail": str(exc.message), "type": "bad_request"}, status=400
        )

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        detail = str(exc) if isinstance(exc, NotFound) and str(exc) else "見つかりません。"
        return api.create_response(request, {"detail": detail, "type": "not_found"}, status=404)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        # Raised by ninja for a few things (a body it cannot read, throttling); said generally.
        if not str(exc).isascii():
            detail = str(exc)  # raised with a Japanese message: said as it is
        else:
            detail = {
                400: "リクエストを読み取れませんでした。",
                401: "認証が必要です。",
                403: "この操作はできません。",
                429: "リクエストが多すぎます。しばらくしてからもう一度お試しください。",
            }.get(exc.status_code, "リクエストを処理できませんでした。")
        return api.create_response(
            request, {"detail": detail, "type": f"http_{exc.status_code}"}, status=exc.status_code
        )


def unknown_address(api: NinjaAPI) -> Callable:
    """The view answering an address under the API that no operation has: the API's own 404 in
    JSON, saying where the addresses are listed (and, for one written with a slash at the end,
    the address without it, which is how every operation is written)."""

    # Exempt like ninja's own views: a POST to a wrong address is answered in JSON too, not
    # refused by the CSRF check with an HTML page. It reads and writes nothing.
    @csrf_exempt
    def view(request: HttpRequest) -> HttpResponse:
        from django.urls import Resolver404, resolve, reverse

        index = reverse(f"{api.urls_namespace}:index")
        detail = f"このアドレス（{request.path}）はありません。"
        bare = request.path.rstrip("/")
        if bare != request.path and bare.startswith(index):
            try:
                if resolve(bare).url_name != "unknown":
                    detail += f"末尾の「/」を付けずに {bare} を指定してください。"
            except Resolver404:
                pass
        detail += f"使えるアドレスは {index} と {index}docs にあります。"
        return api.create_response(request, {"detail": detail, "type": "not_found"}, status=404)

    return view


def japanese_not_allowed(api: NinjaAPI, view: Callable) -> Callable:
    """``view`` (one of ninja's path views), answering a method it does not take with a
    Japanese 405 in JSON (ninja answers the plain text 「Method not allowed」 itself, outside
    its exception handlers)."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 405:
            allowed = sorted(m.strip() for m in response.get("Allow", "").split(",") if m.strip())
            if "GET" in allowed:  # answered by public_answers around this view
                allowed += [m for m in ("HEAD", "OPTIONS") if m not in allowed]
            answer = api.create_response(request, _method_not_allowed(request, allowed), status=405)
            answer["Allow"] = ", ".join(allowed)
            return answer
        return response

    return wrapped


def public_answers(view: Callable) -> Callable:
    """``view`` (one of the API's path views) readable from any site: every answer carries
    ``Access-Control-Allow-Origin: *`` (and never credentials: the API reads no cookie), HEAD is
    answered as GET without the body, and OPTIONS (a CORS preflight) with an empty 204."""
    from kyodo.api.opendata import allow_any_origin, preflight

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        if request.method == "OPTIONS":
            return preflight(HttpResponse(status=204))
        head = request.method == "HEAD"
        if head:
            request.method = "GET"
        try:
            response = view(request, *args, **kwargs)
        finally:
            if head:
                request.method = "HEAD"
        if head and not response.streaming:
            length = len(response.content)
            response.content = b""
            response["Content-Length"] = str(length)
        return allow_any_origin(response)

    return wrapped
