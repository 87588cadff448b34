"""People and access: accounts staff create, invite, change and deactivate; passwords.

Every account is invited by mail with a link to set its own password (Django's password-reset
token, so the link stops working once used), or, for a person without e-mail, by a letter staff
print: the user name and a one-time code typed at /accounts/start/ (:func:`letter_issue`).
Nobody ever types a password for someone else. Every change of roles or of the right to sign in
is one audit row. Mail leaves through the outbox.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from kyodo.core.audit import audit_log
from kyodo.core.exceptions import DomainError
from kyodo.core.mail import absolute_url, mail_enqueue
from kyodo.core.models import Center, OutboxMessage, SignInLetter
from kyodo.core.roles import Role, grant_role, has_role, require_role, user_roles
from kyodo.core.services import update_fields
from kyodo.core.signin import account_name
from kyodo.core.text import normalize_text, text_matches


class PeopleError(DomainError):
    """Base of the errors of people management."""


class UsernameTaken(PeopleError):
    default_message = _("This user name is already in use. Choose another one.")
    field = "username"


class EmailTaken(PeopleError):
    default_message = _("Another account already uses this e-mail address.")
    field = "email"


class NotYourself(PeopleError):
    default_message = _("You cannot do this to your own account.")


class SuperuserProtected(PeopleError):
    default_message = _("This is an administrator's account; only an administrator can change it.")


class ManagerProtected(PeopleError):
    default_message = _(
        "This is a center manager's account: only a center manager can change it. Ask the "
        "center manager."
    )


class LastManager(PeopleError):
    default_message = _(
        "This is the center's only active center manager. First give the role to the person who "
        "takes over (on their account's page), then change this account."
    )


class RoleNotOffered(PeopleError):
    default_message = _(
        "Only the roles listed can be given here. An administrator's rights (superuser) are "
        "given by the administrator of the server, not by staff."
    )
    field = "roles"


class NoEmail(PeopleError):
    default_message = _("Enter an e-mail address first: the invitation is sent by mail.")
    field = "email"


class AlreadyActive(PeopleError):
    default_message = _("This person has already set a password and can sign in.")


class LetterRefused(PeopleError):
    default_message = _(
        "The user name or the code is not right, or the letter has expired. Check both against "
        "the letter; if it still does not work, ask the center for a new letter."
    )
    field = "code"


User = get_user_model()

USER_FIELDS = ["full_name", "name_reading", "title", "email"]


# User names as staff pages take them (NewAccountForm) and ``kyodo setup``.
USERNAME = re.compile(r"^[A-Za-z0-9._@+-]{1,150}$")

# A letter's code: 12 letters and digits in groups of four, without those read alike (0/O, 1/I/L).
LETTER_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LETTER_CODE_LENGTH = 12
LETTER_DAYS = 14


@dataclass(frozen=True)
class Letter:
    """What staff print for a person (shown once: only the code's hash is kept)."""

    user: User
    code: str  # grouped for reading: ABCD-EFGH-JKMN
    expires_at: datetime
    setting: bool  # the person has no password yet (an invitation), or sets a new one


def _letter_hash(code: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), code.encode(), hashlib.sha256).hexdigest()


def letter_code_typed(code: str) -> str:
    """A code as typed: full-width as half-width, lower case as upper, without the hyphens,
    long vowel marks or spaces anyone may put between the groups."""
    code = unicodedata.normalize("NFKC", code).upper()
    return "".join(c for c in code if c.isascii() and c.isalnum())


def letter_issue(*, actor, user) -> Letter:
    """Staff print a letter for ``user`` with a new one-time code (an earlier letter stops
    working): to set a first password, or a new one when the person has forgotten theirs and
    has no e-mail. The code is returned once, for the letter; only its hash is kept."""
    require_role(actor, Role.STAFF)
    return letter_write(actor=actor, user=user)


def letter_write(*, actor, user) -> Letter:
    """:func:`letter_issue` without the staff check: ``kyodo setup`` prints the first staff
    member's letter (``actor`` None, as the audit row says)."""
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if actor is not None:
            _guard(actor, user)
        if not user.is_active:
            raise PeopleError(_("This account is deactivated: reactivate it first."))
        code = "".join(secrets.choice(LETTER_ALPHABET) for _ in range(LETTER_CODE_LENGTH))
        expires_at = timezone.now() + timedelta(days=LETTER_DAYS)
        SignInLetter.objects.filter(user=user).delete()
        SignInLetter.objects.create(user=user, code_hash=_letter_hash(code), expires_at=expires_at)
        audit_log(
            actor=actor,
            action="kyodo.core.user.letter_printed",
            obj=user,
            changes={"expires": timezone.localdate(expires_at).isoformat()},
        )
    grouped = "-".join(code[i : i + 4] for i in range(0, len(code), 4))
    return Letter(user, grouped, expires_at, setting=not user.has_usable_password())


def letter_redeem(*, username: str, code: str):
    """The person of a letter, from the user name and code they typed, if the letter still
    works; :class:`LetterRefused` otherwise (the same for a wrong name, a wrong code and an
    expired letter, so that neither can be guessed apart)."""
    typed = letter_code_typed(code)
    if len(typed) != LETTER_CODE_LENGTH:
        raise LetterRefused()
    letter = (
        SignInLetter.objects.select_related("user")
        .filter(
            code_hash=_letter_hash(typed),
            expires_at__gt=timezone.now(),
            user__is_active=True,
            user__username=account_name(username),
        )
        .first()
    )
    if letter is None:
        raise LetterRefused()
    return letter.user


def set_password_link(user) -> str:
    """The one-time link with which a person sets a password (Django's reset token)."""
    return absolute_url(set_password_path(user))


def set_password_path(user) -> str:
    """The path of :func:`set_password_link`."""
    return reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )


def invitation_enqueue(user, *, what: str, related=None, term: str = "") -> None:
    """Queue the invitation mail of ``user``: what they are invited as, user name and link;
    ``term`` a sentence saying when their term of office runs (a committee member's)."""
    mail_enqueue(
        to=user.email,
        template="core/mail/invitation.txt",
        context={
            "user": user,
            "what": what,
            "term": term,
            "link": set_password_link(user),
            "login_url": absolute_url("login"),
        },
        kind="people.invitation",
        related=related or user,
    )


def username_for(email: str) -> str:
    """A free user name from an e-mail address's local part (taro.yamada, taro.yamada-2 …)."""
    local = email.split("@")[0].lower()
    base = "".join(c for c in local if c.isascii() and (c.isalnum() or c in "._-"))[:100]
    base = base or "user"
    name, n = base, 1
    while User.objects.filter(username__iexact=name).exists():
        n += 1
        name = f"{base}-{n}"
    return name


def _check_free(*, username: str | None = None, email: str = "", exclude=None) -> None:
    others = User.objects.exclude(pk=exclude.pk) if exclude is not None else User.objects.all()
    if username is not None and others.filter(username__iexact=username).exists():
        raise UsernameTaken()
    if email and others.filter(email__iexact=email, is_active=True).exists():
        raise EmailTaken()


def account_create(
    *,
    username: str,
    full_name: str,
    name_reading: str = "",
    email: str,
    title: str = "",
    roles: Iterable[Role | str] = (),
):
    """An account without a password (the person sets one from the invitation); no audit row,
    no mail: the calling service writes both."""
    email = normalize_text(email).strip()
    _check_free(username=username, email=email)
    user = User(
        username=username,
        full_name=full_name,
        name_reading=name_reading,
        title=title,
        email=email,
    )
    user.set_unusable_password()
    user.save()
    for role in roles:
        grant_role(user, role)
    return user


def user_invite(
    *,
    actor,
    username: str,
    full_name: str,
    name_reading: str = "",
    email: str,
    title: str = "",
    roles: Iterable[Role | str] = (Role.STAFF,),
):
    """Staff create an account with the given roles and invite the person by mail; without an
    address, staff print the person a letter instead (:func:`letter_issue`)."""
    require_role(actor, Role.STAFF)
    roles = {str(r) for r in roles}
    if roles - set(Role.values):
        raise RoleNotOffered()
    if Role.MANAGER in roles:
        roles.add(Role.STAFF)
    roles = sorted(roles)
    with transaction.atomic():
        if Role.MANAGER in roles and not has_role(actor, Role.MANAGER) and _lock_managers():
            raise ManagerProtected(
                _("Only a center manager can appoint or remove a center manager."), field="roles"
            )
        user = account_create(
            username=username,
            full_name=full_name,
            name_reading=name_reading,
            email=email,
            title=title,
            roles=roles,
        )
        audit_log(
            actor=actor,
            # Without an address nobody is invited yet: staff print a letter next.
            action="kyodo.core.user.invited" if user.email else "kyodo.core.user.created",
            obj=user,
            changes={"username": username, "email": user.email, "roles": roles},
        )
        if user.email:
            invitation_enqueue(user, what=_roles_text(roles))
    return user


def _roles_text(roles: Iterable[str]) -> str:
    labels = dict(Role.choices)
    return "、".join(str(labels[r]) for r in roles if r in labels)


def _guard(actor, user) -> None:
    if user.is_superuser and not actor.is_superuser:
        raise SuperuserProtected()
    # A clerk who could change a manager's address could send themselves the manager's reset
    # link: a manager's account is a manager's to change (or their own).
    if user.pk != actor.pk and Role.MANAGER in _held(user) and not has_role(actor, Role.MANAGER):
        raise ManagerProtected()


def _held(user) -> set[str]:
    """The roles given to ``user`` (as stored, whatever their state)."""
    return set(user.groups.values_list("name", flat=True)) & set(Role.values)


def active_managers():
    """The accounts that can act as center manager now: active, given the role, not an
    administrator's (superusers are outside the center's own staff)."""
    return User.objects.filter(
        is_active=True, is_superuser=False, groups__name=Role.MANAGER
    ).distinct()


def _lock_managers() -> list[int]:
    """Lock the active managers' rows and return the active managers' ids as they are once the
    locks are held: two changes at once (each removing the other manager) then run one after
    the other, and the second counts what the first committed (read again after the wait)."""
    ids = list(active_managers().values_list("pk", flat=True))
    list(User.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk"))
    return list(active_managers().order_by("pk").values_list("pk", flat=True))


def _keep_a_manager(user, managers: list[int], *, leaves: bool) -> None:
    """Refuse a change that would leave the center without an active manager (``managers``
    from :func:`_lock_managers`, taken before the account's own row: always in that order, so
    that two such changes never wait for each other's rows)."""
    if leaves and user.pk in managers and len(managers) == 1:
        raise LastManager()


def user_update(
    *, actor, user, full_name: str, name_reading: str = "", title: str = "", email: str = ""
):
    """Staff correct an account's name, reading, title or e-mail address."""
    require_role(actor, Role.STAFF)
    email = normalize_text(email).strip()

    def check(locked, _before) -> None:
        _guard(actor, locked)
        _check_free(email=email, exclude=locked)

    user, _changes = update_fields(
        actor=actor,
        instance=user,
        values={
            "full_name": full_name,
            "name_reading": name_reading,
            "title": title,
            "email": email,
        },
        fields=USER_FIELDS,
        action="kyodo.core.user.updated",
        before_save=check,
    )
    return user


def user_set_roles(*, actor, user, roles: Iterable[Role | str]):
    """Staff give an account exactly ``roles``; the change (old → new) is in the audit log.

    Nobody removes their own staff role: the center would risk having no one left to manage it.
    Only roles of :class:`Role` are given (never a superuser's rights, which stay the server
    administrator's); the manager role only by a manager (any staff member while the center has
    none), and never taken from the last active manager.
    """
    require_role(actor, Role.STAFF)
    wanted = {str(r) for r in roles}
    if wanted - set(Role.values):
        # 「superuser」 or any other name a crafted request may send: never silently dropped.
        raise RoleNotOffered()
    if Role.MANAGER in wanted:
        wanted.add(Role.STAFF)  # a manager works on the staff pages
    wanted = sorted(wanted)
    with transaction.atomic():
        managers = _lock_managers()
        user = User.objects.select_for_update().get(pk=user.pk)
        _guard(actor, user)
        current = sorted(_held(user))
        if current == wanted:
            return user
        if user.pk == actor.pk and Role.STAFF in current and Role.STAFF not in wanted:
            raise NotYourself(_("You cannot remove your own staff role."))
        if (Role.MANAGER in current) != (Role.MANAGER in wanted) and not has_role(
            actor, Role.MANAGER
        ):
            # The first manager of a center that has none (an installation from before the
            # role) may be appointed by any staff member.
            if Role.MANAGER in current or managers:
                raise ManagerProtected(
                    _("Only a center manager can appoint or remove a center manager.")
                )
        _keep_a_manager(
            user, managers, leaves=Role.MANAGER in current and Role.MANAGER not in wanted
        )
        role_groups = Group.objects.filter(name__in=Role.values)
        user.groups.remove(*role_groups)
        for role in wanted:
            grant_role(user, role)
        user.__dict__.pop("_kyodo_roles", None)
        audit_log(
            actor=actor,
            action="kyodo.core.user.roles_changed",
            obj=user,
            changes={"roles": [current, wanted]},
        )
    return user


def user_set_active(*, actor, user, active: bool):
    """Staff deactivate an account (the person can no longer sign in; their records stay) or
    reactivate it."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        managers = _lock_managers()
        user = User.objects.select_for_update().get(pk=user.pk)
        _guard(actor, user)
        if user.pk == actor.pk:
            raise NotYourself()
        if user.is_active == active:
            return user
        _keep_a_manager(user, managers, leaves=not active)
        user.is_active = active
        user.save(update_fields=["is_active"])
        audit_log(
            actor=actor,
            action="kyodo.core.user.reactivated" if active else "kyodo.core.user.deactivated",
            obj=user,
            changes={"is_active": [not active, active]},
        )
    return user


def invitation_resend(*, actor, user):
    """Staff send the invitation again (a new link) to someone who has not set a password."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        _guard(actor, user)
        if user.has_usable_password():
            raise AlreadyActive()
        if not user.email:
            raise NoEmail()
        audit_log(
            actor=actor,
            action="kyodo.core.user.invitation_resent",
            obj=user,
            changes={"email": user.email},
        )
        invitation_enqueue(user, what=_roles_text(sorted(user_roles(user))))
    return user


def password_reset_send(*, actor, user):
    """Staff send a person who has forgotten their password the reset link (the same mail and
    one-time link as /accounts/reset/ sends), to the address the account has."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        _guard(actor, user)
        if not user.is_active:
            raise PeopleError(_("This account is deactivated: reactivate it first."))
        if not user.has_usable_password():
            raise PeopleError(
                _("This person has not set a password yet: send the invitation again instead.")
            )
        if not user.email:
            raise NoEmail()
        _mail_reset_link(user)
        audit_log(
            actor=actor,
            action="kyodo.core.user.password_reset_sent",
            obj=user,
            changes={"email": user.email},
        )
    return user


def password_recorded(*, user, how: str) -> None:
    """After a person set (from a mailed link) or changed their own password: the audit row and,
    for a change, a notice to their address (so a stranger's change does not go unnoticed)."""
    with transaction.atomic():
        # A printed letter's code is spent once a password is set (or changed) by any route, and
        # an invitation or reset mail not sent yet would only bring a link that no longer works.
        SignInLetter.objects.filter(user=user).delete()
        OutboxMessage.objects.filter(
            status=OutboxMessage.Status.QUEUED,
            kind__in=["people.invitation", "people.password_reset"],
            content_type=ContentType.objects.get_for_model(User),
            object_id=str(user.pk),
        ).delete()
        audit_log(
            actor=user,
            action="kyodo.core.user.password_set"
            if how == "set"
            else "kyodo.core.user.password_changed",
            obj=user,
        )
        if how == "changed" and user.email:
            mail_enqueue(
                to=user.email,
                template="core/mail/password_changed.txt",
                context={"user": user, "reset_url": absolute_url("password_reset")},
                kind="people.password_changed",
                related=user,
            )


def users_for_reset(email: str) -> list:
    """Active accounts with this address, whether or not a password was ever set (an invited
    person who lost the invitation starts here too)."""
    email = normalize_text(email).strip()
    if not email:
        return []
    return list(User.objects.filter(email__iexact=email, is_active=True))


def _mail_reset_link(user: User) -> None:
    """Queue the mail with a link to set a new password (asked for by the person or sent by
    staff)."""
    mail_enqueue(
        to=user.email,
        template="core/mail/password_reset.txt",
        context={"user": user, "link": set_password_link(user), "login_url": absolute_url("login")},
        kind="people.password_reset",
        related=user,
    )


def password_reset_request(*, email: str) -> None:
    """Queue a reset link for each account with ``email``; the caller never learns whether
    there was one (the page says the same either way)."""
    with transaction.atomic():
        for user in users_for_reset(email):
            _mail_reset_link(user)


def staff_inbox(*, center: Center | None = None) -> list[str]:
    """Where a request for staff (a group's 変更届, a member's 訂正依頼) is mailed: the center's
    own address when it has one (the office reads it, whoever is on duty), else every active
    staff member's (:func:`staff_addresses`). ``center`` when the caller has it already, else
    the current one."""
    if center is None:
        center = Center.objects.current()
    if center is not None and center.email:
        return [center.email]
    return staff_addresses()


def staff_addresses() -> list[str]:
    """The e-mail addresses of the active staff, each once, in order: the fallback of
    :func:`staff_inbox` for a center without an address of its own."""
    return sorted(
        set(
            User.objects.filter(is_active=True, groups__name=Role.STAFF)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )


def accounts(*, role: str = "", q: str = "", state: str = ""):
    """Accounts for the staff list, in gojūon order of their stored readings."""
    qs = User.objects.prefetch_related("groups").order_by("name_reading", "username")
    if role:
        qs = qs.filter(groups__name=role)
    if q:
        # Matched in Python under search_key (a center has hundreds of accounts): spaces of any
        # width, katakana for the hiragana reading and the usual variant kanji are ignored.
        found = [
            pk
            for pk, *texts in qs.order_by().values_list(
                "pk", "full_name", "name_reading", "username", "email"
            )
            if text_matches(q, *texts)
        ]
        qs = qs.filter(pk__in=found)
    if state == "inactive":
        qs = qs.filter(is_active=False)
    elif state == "active":
        qs = qs.filter(is_active=True)
    return qs.distinct()
