"""Sign-in that slows guessing down without letting anyone lock a person out.

A hard lock (five wrong passwords, then nothing for 15 minutes) is a weapon: anyone who knows a
user name can keep the administrator out for good, and behind a proxy that hides addresses one
attacker locks everybody. Instead, failed sign-ins are counted in two places:

- **per address** (:func:`kyodo.core.ratelimit.client_address`, so the real client behind a
  trusted proxy): after ``SIGNIN_ADDRESS_FREE_FAILURES`` failures, each further attempt from
  that address must wait ``SIGNIN_DELAY_SECONDS`` × 2ⁿ, at most ``SIGNIN_ADDRESS_MAX_DELAY_SECONDS``
  (an address that tries many names gets slow);
- **per account** (the user name typed, whoever types it): after
  ``SIGNIN_ACCOUNT_FREE_FAILURES`` failures, the same growing delay, but capped low
  (``SIGNIN_ACCOUNT_MAX_DELAY_SECONDS``, a minute): a distributed guesser gets about one try a
  minute at one account, and the person who owns it waits that minute at worst, never longer.

An attempt during a delay is answered 429 with the seconds left, in Japanese, *without* the
password being looked at (otherwise the delay would not slow guessing) and without counting as a
failure (so waiting it out works). A successful sign-in clears the account's count. Counts are
forgotten ``SIGNIN_FORGET_AFTER_SECONDS`` after the last failure.

Wiring: :class:`ThrottledModelBackend` refuses during a delay and marks the request;
:class:`kyodo.core.middleware.SigninDelayMiddleware` turns the mark into the 429 page; the
``user_login_failed`` and ``user_logged_in`` signals count.
"""

from __future__ import annotations

import copy
import secrets
import time
import unicodedata

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.exceptions import PermissionDenied
from django.db import router
from django.dispatch import receiver
from django.utils import timezone

from kyodo.core.ratelimit import address_key, client_address, locked, state_get, state_set

REQUEST_MARK = "kyodo_signin_wait"


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def _keys(request, username: str) -> list[tuple[str, int, int]]:
    """(key, free failures, longest delay) for the address and the account."""
    account = unicodedata.normalize("NFKC", username or "").casefold()[:150]
    return [
        (
            f"signin-address|{address_key(client_address(request))}",
            _setting("SIGNIN_ADDRESS_FREE_FAILURES", 20),
            _setting("SIGNIN_ADDRESS_MAX_DELAY_SECONDS", 900),
        ),
        (
            f"signin-account|{account}",
            _setting("SIGNIN_ACCOUNT_FREE_FAILURES", 5),
            _setting("SIGNIN_ACCOUNT_MAX_DELAY_SECONDS", 60),
        ),
    ]


def delay_after(failures: int, *, free: int, longest: int) -> int:
    """Seconds to wait after ``failures`` failures: none for the first ``free``, then doubling."""
    if failures < free:
        return 0
    base = _setting("SIGNIN_DELAY_SECONDS", 2)
    return min(longest, base * 2 ** min(failures - free, 30))


def seconds_to_wait(request, username: str, *, now: float | None = None) -> int:
    now = time.time() if now is None else now
    waits = [0]
    for key, _free, _longest in _keys(request, username):
        until = state_get(key).get("until", 0)
        waits.append(int(until - now + 0.999))
    return max(waits)


def record_failure(request, username: str, *, now: float | None = None) -> None:
    now = time.time() if now is None else now
    forget = _setting("SIGNIN_FORGET_AFTER_SECONDS", 86400)
    for key, free, longest in _keys(request, username):
        with locked(key):
            failures = state_get(key).get("failures", 0) + 1
            until = now + delay_after(failures, free=free, longest=longest)
            state_set(key, {"failures": failures, "until": until}, timeout=forget)


def record_success(request, username: str) -> None:
    from kyodo.core.ratelimit import state_delete

    key = _keys(request, username)[1][0]
    with locked(key):
        state_delete(key)


def password_typed(password: str) -> str:
    """A password as stored: NFKC, so that 「Ｈａｎａｋｏ２０２７」 typed with the IME in full-width
    is the password 「Hanako2027」 (every form that sets a password stores it so)."""
    return unicodedata.normalize("NFKC", password)


def account_name(username: str) -> str:
    """The account a sign-in names: full-width letters and digits as half-width, spaces around
    dropped, and the letter case of the account as it was created (「ＳＡＴＯ．ＨＡＮＡＫＯ」 and
    「Sato.Hanako」 sign in as sato.hanako) unless two accounts differ only by case."""
    name = unicodedata.normalize("NFKC", username).strip()
    model = get_user_model()
    field = model.USERNAME_FIELD
    manager = model._default_manager
    if manager.filter(**{field: name}).exists():
        return name
    same = list(manager.filter(**{f"{field}__iexact": name}).values_list(field, flat=True)[:2])
    return same[0] if len(same) == 1 else name


class ThrottledModelBackend(ModelBackend):
    """Django's backend, refusing without looking at the password during a delay."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is not None and username is not None:
            wait = seconds_to_wait(request, username)
            if wait > 0:
                setattr(request, REQUEST_MARK, wait)
                raise PermissionDenied  # stops authenticate(): no other backend is asked
        if username is not None:
            username = account_name(username)
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None and password and (typed := password_typed(password)) != password:
            # A password set before passwords were stored in half-width, typed as it was set.
            user = super().authenticate(request, username=username, password=typed, **kwargs)
        return user

    def get_user(self, user_id):
        """The signed-in person of a request, with their roles read in the same statement.

        The row is kept by this process until the next write to the database, anywhere
        (kyodo.core.memo: a password, a role, a seat or the account's state changed on any
        host reads it again), and for the day it was read on (a seat's last day); every
        request gets its own copy of it. A signed-in page thus reads only its session."""
        from kyodo.core.memo import until_next_write

        on = timezone.localdate()
        _on, kept = until_next_write(
            f"signed-in-user:{user_id}",
            lambda: (on, self._read_user(user_id, on)),
            fresh=lambda value: value[0] == on,
        )
        if kept is None:
            return None
        user = copy.copy(kept)
        user._kyodo_roles = set(kept._kyodo_roles)
        return user

    def _read_user(self, user_id, on):
        from kyodo.core.roles import SIGNED_IN_USER, roles_from_row

        user = SIGNED_IN_USER.first(router.db_for_read(get_user_model()), user_id=user_id, on=on)
        if user is None or not self.user_can_authenticate(user):
            return None
        roles_from_row(user)
        return user


@receiver(user_login_failed, dispatch_uid="kyodo.core.signin.failed")
def _failed(sender, credentials, request=None, **kwargs):
    if request is None or getattr(request, REQUEST_MARK, 0):
        return  # refused during a delay: not a guess that was checked
    record_failure(request, credentials.get("username", ""))


@receiver(user_logged_in, dispatch_uid="kyodo.core.signin.succeeded")
def _succeeded(sender, request, user, **kwargs):
    if request is not None:
        record_success(request, user.get_username())


# --- user names that cannot be guessed ---------------------------------------------------------

# No 0/o, 1/l/i: read aloud on the telephone and typed from a letter without mistakes.
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def unguessable_username(prefix: str = "dantai") -> str:
    """A sign-in name that says nothing about the account (not the group's number in a URL)."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    while True:
        name = f"{prefix}-" + "".join(secrets.choice(_ALPHABET) for _ in range(8))
        if not User.objects.filter(username=name).exists():
            return name
