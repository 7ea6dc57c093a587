"""Letters to community leaders (the memo's step "ส่งหนังสือถึงผู้นำชุมชน
ให้ประชาสัมพันธ์ให้รับทราบโดยทั่วกัน").

A site keeps its :class:`CommunityLeader` list. From an announcement an editor sends
a :class:`LetterBatch`: one official external letter (หนังสือภายนอก) per active
leader, numbered from the site's own gap-free sequence per fiscal year, printed
together as one PDF, and recorded as a publication channel of the announcement.
"""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ita_pages.models.measures import Channel, ChannelRecord
from ita_pages.models.mixins import AnnouncementRecordMixin
from kcs_core.model_fields import ThaiDateModelField, nullable_link
from kcs_core.models import SiteRecord
from kcs_core.numbering import next_calendar_number
from kcs_core.thai_dates import format_date, thai_digits
from kcs_core.thai_text import wrap_words


class LeaderPosition(models.TextChoices):
    """A leader's position, which with their village addresses the letter (เรียน
    ผู้ใหญ่บ้านหมู่ที่ 3: :attr:`CommunityLeader.addressed_as`)."""

    VILLAGE_HEAD = "village_head", _("Village head")
    KAMNAN = "kamnan", _("Kamnan")
    COMMUNITY_COMMITTEE = "community_committee", _("Community committee member")
    OTHER = "other", _("Other community leader")


class CommunityLeader(SiteRecord):
    """A village head, kamnan or community committee member the office writes to."""

    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(
        _("position"), max_length=30, choices=LeaderPosition.choices
    )
    village = models.CharField(
        _("village"), max_length=200, help_text=_("e.g. หมู่ที่ 3 บ้านโนนสว่าง")
    )
    address = models.TextField(_("address"), blank=True)
    active = models.BooleanField(
        _("receives letters"), default=True, help_text=_("Untick when they leave.")
    )

    class Meta:
        verbose_name = _("community leader")
        verbose_name_plural = _("community leaders")
        ordering = ["village", "name"]

    def __str__(self):
        return f"{self.name} ({self.village})"

    @property
    def addressed_as(self) -> str:
        """เรียน …: the position with the village (``ผู้ใหญ่บ้านหมู่ที่ 3``), in Thai
        as official letters are written."""
        with translation.override("th"):
            return f"{self.get_position_display()}{self.village}"


class LetterBatch(AnnouncementRecordMixin):
    """One announcement sent as letters to the site's community leaders."""

    # Unlike the other announcement records, a batch outlives its announcement.
    announcement = nullable_link("wagtailcore.Page", verbose_name=_("announcement"))
    subject = models.CharField(_("subject"), max_length=300)
    reference = models.CharField(_("reference"), max_length=300, blank=True)
    enclosure = models.CharField(_("enclosure"), max_length=300, blank=True)
    body = models.TextField(_("body"))
    sent_on = ThaiDateModelField(_("dated"), default=timezone.localdate)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = _("letters to community leaders")
        ordering = ["-sent_on", "-pk"]

    def __str__(self):
        return f"{self.subject} ({format_date(self.sent_on)})"

    def clean(self):
        """A new batch needs somebody to write to: letters to no leader would
        still be recorded as a channel the announcement went out by."""
        super().clean()
        addressees = CommunityLeader.objects.filter(site_id=self.site_id, active=True)
        if self._state.adding and self.site_id and not addressees.exists():
            raise ValidationError(
                _(
                    "This site has no community leader in office to write to: add "
                    "the leaders under Community leaders first."
                )
            )


class Letter(models.Model):
    """One letter of a batch: the addressee as the letter names them, and its
    number in the site's outgoing-letter register of the calendar ``year``."""

    batch = models.ForeignKey(
        LetterBatch, on_delete=models.CASCADE, related_name="letters"
    )
    leader = nullable_link(CommunityLeader)
    name = models.CharField(_("name"), max_length=200)
    addressee = models.CharField(_("addressed to"), max_length=300)
    address = models.TextField(_("address"), blank=True)
    year = models.PositiveSmallIntegerField(_("year of the register (B.E.)"))
    number = models.PositiveIntegerField(_("letter number"))

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        ordering = ["number"]

    def __str__(self):
        return f"{self.year}/{self.number}: {self.addressee}"


def printed_letters(batch: LetterBatch, settings, government) -> list[dict]:
    """The batch's letters as printed: Thai government letter fields, in Thai
    numerals when the site's ITA settings say so (``settings``: its
    :class:`~ita_pages.models.ITASettings`; ``government``: its
    :class:`~kcs_core.models.GovernmentSettings`)."""

    def numerals(text: str) -> str:
        return thai_digits(text) if settings.letter_thai_numerals else text

    own_words = government.own_words()

    def words(text: str) -> str:
        """Text in the letter's numerals, as HTML whose lines break between
        words only, never inside the office's place names."""
        return wrap_words(numerals(text), keep=own_words)

    date = format_date(batch.sent_on, "long", language="th")
    return [
        {
            "number": numerals(f"{settings.letter_code} {letter.number}".strip()),
            "organisation": words(government.name),
            "office_address": words(government.address),
            "date": numerals(date),
            "subject": words(batch.subject),
            "addressee": words(letter.addressee),
            "name": letter.name,
            "reference": words(batch.reference),
            "enclosure": words(batch.enclosure),
            "paragraphs": [
                words(line.strip()) for line in batch.body.splitlines() if line.strip()
            ],
            "signer_name": settings.letter_signer_name,
            "signer_position": words(settings.letter_signer_position),
            "contact": numerals(settings.letter_contact),
        }
        for letter in batch.letters.all()
    ]


#: The outgoing-letter register, numbered from 1 each calendar year (until 2569,
#: each fiscal year under "ita_pages.letter"; migration 0013 carries it over).
LETTER_SEQUENCE = "ita_pages.outgoing_letter"


@transaction.atomic
def send_letters(batch: LetterBatch) -> list[Letter]:
    """Save ``batch`` with one numbered letter per active leader of its site and
    record the channel; all or nothing, so a number is never lost."""
    batch.save()
    letters = []
    for leader in CommunityLeader.objects.filter(site=batch.site, active=True):
        numbered = next_calendar_number(batch.site, LETTER_SEQUENCE, batch.sent_on)
        letters.append(
            Letter.objects.create(
                batch=batch,
                leader=leader,
                name=leader.name,
                addressee=leader.addressed_as,
                address=leader.address,
                year=numbered.year,
                number=numbered.number,
            )
        )
    ChannelRecord.objects.create(
        site=batch.site,
        announcement=batch.announcement,
        channel=Channel.LETTERS,
        published_on=batch.sent_on,
        note=gettext("%(count)s letters") % {"count": len(letters)},
    )
    return letters
