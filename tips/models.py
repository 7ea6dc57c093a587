from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class TipFormPage(Page):
    """The corruption tip-off channel, separate from general complaints.

    Editors write the introduction; the page always lists the outside agencies a
    tipster can turn to when the accused is among the office's own executives.
    """

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    template = "tips/tip_form_page.html"

    class Meta:
        verbose_name = _("corruption tip-off page")
        verbose_name_plural = _("corruption tip-off pages")
