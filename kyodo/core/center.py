"""The center itself: set up once on a new installation (``kyodo setup``), its details kept by
staff (/staff/center/) and its rooms (/staff/center/venues/), with no administrator needed.

The address, telephone and opening hours are kept with the access information
(/staff/site/access/, kyodo.website.services.access_update), which writes them to the center's
row: one place for staff to change them, shown in every page's footer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from kyodo.core import people
from kyodo.core.audit import audit_log
from kyodo.core.exceptions import DomainError
from kyodo.core.models import Center, Venue
from kyodo.core.roles import Role, require_role
from kyodo.core.services import update_fields
from kyodo.core.text import normalize_reading, normalize_text

# What staff change on the center's page (the contact facts are the access page's).
CENTER_FIELDS = ["name", "name_reading", "prefecture", "city", "municipality_code", "operator",
                 "email", "about"]  # fmt: skip
# What ``kyodo setup`` may give besides the name.
SETUP_FIELDS = [*CENTER_FIELDS[1:], "address", "phone", "opening_hours"]
CODE = re.compile(r"[0-9]{6}")
CODE_MISTYPED = _(
    "This code's last digit (its check digit) does not fit the first five: check it against the "
    "code list of 総務省."
)
VENUE_FIELDS = ["name", "name_reading", "building", "address", "capacity", "notes", "is_active"]


def municipality_code_checked(code: str) -> bool:
    """Whether the sixth digit of a 全国地方公共団体コード is its check digit (JIS X 0402: the first
    five digits weighted 6, 5, 4, 3, 2, their sum's remainder by 11 taken from 11, the last digit
    of that): 131032 (港区) is, 131033 is a typing error."""
    if not CODE.fullmatch(code):
        return False
    total = sum(
        int(digit) * weight for digit, weight in zip(code[:5], (6, 5, 4, 3, 2), strict=True)
    )
    return (11 - total % 11) % 10 == int(code[5])


class CenterError(DomainError):
    """Base of the errors of the center's own details."""


class AlreadySetUp(CenterError):
    default_message = _(
        "This installation already has a center. Staff change its details on the center's page "
        "(/staff/center/)."
    )


class VenueNameTaken(CenterError):
    default_message = _("A venue with this name exists already. Use another name.")
    field = "name"


def _check_code(code: str) -> None:
    """A local government code given is six digits with its check digit."""
    if not code:
        return
    if not CODE.fullmatch(code):
        raise CenterError(_("Write the six digits of the code."), field="municipality_code")
    if not municipality_code_checked(code):
        raise CenterError(CODE_MISTYPED, field="municipality_code")


def _checked(instance, fields: list[str]) -> None:
    """The model's own checks (lengths, the code's digits) as a DomainError in Japanese."""
    try:
        instance.full_clean(exclude=[f.name for f in instance._meta.fields if f.name not in fields])
    except ValidationError as error:
        name, messages = next(iter(error.message_dict.items()))
        label = instance._meta.get_field(name).verbose_name
        raise CenterError(f"{label}：{' '.join(messages)}", field=name) from None


@dataclass(frozen=True)
class SetUp:
    center: Center
    user: people.User
    letter: people.Letter


def center_setup(
    *, name: str, staff_username: str, staff_name: str, staff_email: str = "", **details: str
) -> SetUp:
    """A new installation's center and its first staff account, in one transaction: the person
    sets their password with the letter's code at /accounts/start/ (and gets the invitation
    mail too when an address is given). Refused once a center exists."""
    unknown = set(details) - set(SETUP_FIELDS)
    if unknown:
        raise TypeError(f"unknown center fields {sorted(unknown)}")
    values = {key: normalize_text(value).strip() for key, value in details.items()}
    staff_username = normalize_text(staff_username).strip()
    if not people.USERNAME.match(staff_username):
        raise CenterError(_("Use letters, digits and . _ - only."), field="username")
    _check_code(values.get("municipality_code", ""))
    if "name_reading" in values:
        values["name_reading"] = normalize_reading(values["name_reading"])
    with transaction.atomic():
        if Center.objects.select_for_update().exists():
            raise AlreadySetUp()
        center = Center(name=normalize_text(name).strip(), **values)
        _checked(center, ["name", *values])
        center.save()
        user = people.account_create(
            username=staff_username,
            full_name=normalize_text(staff_name).strip(),
            email=staff_email,
            # The first account heads the office: it appoints the next managers (kyodo.core.people).
            roles=[Role.STAFF, Role.MANAGER],
        )
        audit_log(
            actor=None,
            action="kyodo.core.center.set_up",
            obj=center,
            changes={"name": center.name, "staff": user.username},
        )
        if user.email:
            people.invitation_enqueue(user, what=str(Role.STAFF.label))
        letter = people.letter_write(actor=None, user=user)
    return SetUp(center, user, letter)


def center_update(*, actor, center: Center, **values) -> Center:
    """Staff correct the center's name, reading, municipality, operator, address for mail and
    description."""
    require_role(actor, Role.STAFF)
    if "name_reading" in values:
        values["name_reading"] = normalize_reading(values["name_reading"])
    center, _changes = update_fields(
        actor=actor,
        instance=center,
        values=values,
        fields=CENTER_FIELDS,
        action="kyodo.core.center.updated",
        before_save=_center_checked,
    )
    return center


def _center_checked(after: Center, _before: Center) -> None:
    _check_code(after.municipality_code)
    _checked(after, CENTER_FIELDS)


def _name_free(name: str, exclude: Venue | None = None) -> None:
    others = Venue.objects.exclude(pk=exclude.pk) if exclude is not None else Venue.objects.all()
    if others.filter(name=name).exists():
        raise VenueNameTaken()


def venue_create(*, actor, **values) -> Venue:
    """Staff add a room or hall where events and meetings take place."""
    require_role(actor, Role.STAFF)
    values["name_reading"] = normalize_reading(values.get("name_reading", ""))
    with transaction.atomic():
        _name_free(values["name"])
        venue = Venue(**values)
        _checked(venue, VENUE_FIELDS)
        venue.save()
        audit_log(
            actor=actor,
            action="kyodo.core.venue.created",
            obj=venue,
            changes={field: getattr(venue, field) for field in VENUE_FIELDS},
        )
    return venue


def venue_update(*, actor, venue: Venue, **values) -> Venue:
    """Staff correct a venue, or take it out of use (events already held there keep it)."""
    require_role(actor, Role.STAFF)
    if "name_reading" in values:
        values["name_reading"] = normalize_reading(values["name_reading"])

    def check(after: Venue, _before: Venue) -> None:
        _name_free(after.name, exclude=after)
        _checked(after, VENUE_FIELDS)

    from kyodo.search import indexing

    with transaction.atomic():
        venue, changes = update_fields(
            actor=actor,
            instance=venue,
            values=values,
            fields=VENUE_FIELDS,
            action="kyodo.core.venue.updated",
            before_save=check,
        )
        if {"name", "name_reading"} & set(changes or ()):
            # Search finds the events held there by the venue's name.
            indexing.index(venue)
    return venue
