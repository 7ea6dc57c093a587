from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class ServiceIndexPage(Page):
    """The one-stop service page: every e-service of the site in one list.

    Editors write the introduction (office hours, where to come in person); the
    services are the live pages below it.
    """

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    template = "eservice_forms/service_index_page.html"

    class Meta:
        verbose_name = _("service index")
        verbose_name_plural = _("service indexes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["services"] = self.get_children().live().specific(defer=True)
        return context
