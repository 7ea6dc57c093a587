from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page

from kcs_core.forms import ReviewSafePageForm
from kcs_core.preview import HeadlessPreviewable
from kcs_core.search import THAI_WORDS, ThaiSearchable


class HomePage(HeadlessPreviewable, ThaiSearchable, Page):
    """The demo site's home page: a welcome text above the menu's sections."""

    base_form_class = ReviewSafePageForm

    intro = RichTextField(_("introduction"), blank=True)
    search_text_fields = ("intro",)
    search_fields = Page.search_fields + THAI_WORDS

    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = [APIField("intro")]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.get_children().live().in_menu()
        return context
