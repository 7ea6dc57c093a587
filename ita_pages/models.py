from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class DisclosureSectionPage(Page):
    """A section of the disclosure tree (for example ข้อมูลพื้นฐาน or การบริหารงาน).

    Editors write an introduction; the page lists its live child pages, so the path an
    assessor follows to any piece of evidence is the path of sections above it.
    """

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    template = "ita_pages/disclosure_section_page.html"

    class Meta:
        verbose_name = _("disclosure section")
        verbose_name_plural = _("disclosure sections")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["child_pages"] = self.get_children().live().specific(defer=True)
        return context
