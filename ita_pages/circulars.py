"""Circulating announcements to staff: who gets a circular, the one-time links of
staff without an account, acknowledging once, and reminders at most once a day.

Admin users acknowledge in the admin; staff without an account open the signed
link e-mailed to them (``<the site's ITA section>/acknowledge/<signed token>/``); both
record it with :meth:`~ita_pages.models.Acknowledgement.confirm`, which keeps who
and when, nothing about the request.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ita_pages import tasks
from ita_pages.models.circulars import Acknowledgement, Circular
from ita_pages.models.measures import Channel, ChannelRecord
from kcs_core.permissions import editable_sites


def site_staff(site) -> list:
    """The active admin users who act for ``site`` (an installation's superusers
    act for every site and are not its staff)."""
    users = get_user_model().objects.filter(is_active=True, is_superuser=False)
    return [user for user in users if editable_sites(user).filter(pk=site.pk).exists()]


def parse_other_staff(text: str) -> list[tuple[str, str, str]]:
    """Staff without an account, one a line as "name, position, e-mail": a list of
    ``(name, position, email)``; a bad line is a ValidationError naming it."""
    people, errors = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split(",")]
        if len(parts) == 2:  # "name, e-mail": no position
            parts.insert(1, "")
        try:
            if len(parts) != 3 or not parts[0]:
                raise ValidationError("shape")
            validate_email(parts[2])
        except ValidationError:
            errors.append(
                _("Line %(number)d: “%(line)s” needs a name, a position and an e-mail.")
                % {"number": number, "line": line.strip()}
            )
            continue
        name, position, email = parts
        people.append((name, position, email))
    if errors:
        raise ValidationError(errors)
    return people


@transaction.atomic
def circulate(circular: Circular, others, user) -> Circular:
    """Store ``circular`` with a row for each of its site's admin users and each of
    ``others`` (``(name, position, email)``), record the circulation channel, and
    send everyone their link once the transaction commits."""
    circular.sent_by = user
    circular.full_clean()
    circular.save()
    for member in site_staff(circular.site):
        Acknowledgement.objects.create(
            circular=circular,
            user=member,
            name=member.get_full_name() or member.get_username(),
            email=member.email,
        )
    # An address is the same whatever its case (Two@ and two@ are one person).
    emails = circular.recipients.exclude(email="").values_list("email", flat=True)
    known = {email.casefold() for email in emails}
    for name, position, email in others:
        if email.casefold() in known:
            continue
        known.add(email.casefold())
        Acknowledgement.objects.create(
            circular=circular, name=name, position=position, email=email
        )
    ChannelRecord.objects.create(
        site=circular.site,
        announcement=circular.announcement,
        channel=Channel.CIRCULATION,
        published_on=timezone.localdate(circular.sent_at),
        note=circular.subject,
    )
    transaction.on_commit(lambda: tasks.send_circular.enqueue(circular.pk))
    return circular


def remind(circular: Circular) -> bool:
    """Queue a reminder to everyone who has not acknowledged: False when one went
    out less than a day ago."""
    now = timezone.now()
    updated = Circular.objects.filter(pk=circular.pk)
    if circular.last_reminded_at:
        updated = updated.filter(last_reminded_at=circular.last_reminded_at)
    if not circular.may_remind(now) or not updated.update(last_reminded_at=now):
        return False
    circular.last_reminded_at = now
    transaction.on_commit(
        lambda: tasks.send_circular.enqueue(circular.pk, pending_only=True)
    )
    return True
