"""The admin form of "New e-service": a site and a preset (or a blank form).

Apart from :mod:`eservice_forms.forms` because it reads the presets and the page tree,
and the models import that module.
"""

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.models import Site

from .deadlines import TIME_UNIT_CHOICES
from .presets import PRESETS, Preset
from .request_statuses import KIND_CHOICES
from .setup import can_add_service, existing_service, get_preset, service_index_for

#: The choice that starts from an empty form in Wagtail's own editor.
BLANK = "blank"


def describe(preset: Preset) -> str:
    """One line on what the preset gives: English title, kind, division, time and
    the number of form fields."""
    return _(
        "%(title_en)s — %(kind)s; %(division)s; %(time)s %(unit)s; %(count)s form "
        "fields."
    ) % {
        "title_en": preset.title_en,
        "kind": dict(KIND_CHOICES)[preset.kind],
        "division": preset.division,
        "time": preset.time,
        "unit": dict(TIME_UNIT_CHOICES)[preset.unit],
        "count": len(preset.fields),
    }


def preset_choices() -> list[tuple[str, str]]:
    """The presets by Thai title with their description, then the blank form."""
    choices = [
        (
            preset.slug,
            format_html(
                '{}<br><span class="help">{}</span>', preset.title, describe(preset)
            ),
        )
        for preset in PRESETS
    ]
    choices.append(
        (
            BLANK,
            format_html(
                '{}<br><span class="help">{}</span>',
                _("Blank form"),
                _("Start from an empty service in the page editor."),
            ),
        )
    )
    return choices


class NewServiceForm(forms.Form):
    """Pick one of the ``sites`` the user may act for, and a preset or a blank form.
    The site must let the user add the service (see
    :func:`~eservice_forms.setup.can_add_service`), and a preset's service must not be
    there already."""

    site = forms.ModelChoiceField(
        queryset=Site.objects.none(), label=gettext_lazy("Site")
    )
    preset = forms.ChoiceField(
        label=gettext_lazy("Start from"),
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "A preset fills in the form fields and the citizen's manual; the service "
            "is saved as a draft for you to check and publish."
        ),
    )

    def __init__(self, *args, sites, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["site"].queryset = sites
        self.fields["preset"].choices = preset_choices()
        if len(sites) == 1:
            self.fields["site"].initial = sites[0]

    def clean(self):
        cleaned_data = super().clean()
        site, preset = cleaned_data.get("site"), cleaned_data.get("preset")
        if site is None:
            return cleaned_data
        if not can_add_service(self.user, site):
            self.add_error(
                "site",
                _("You may not add e-services to this site."),
            )
            return cleaned_data
        index = service_index_for(site)
        if index is not None and preset and preset != BLANK:
            existing = existing_service(index, get_preset(preset))
            if existing is not None:
                self.add_error("preset", self.exists_message(existing))
        return cleaned_data

    def exists_message(self, page) -> str:
        """The error for a preset already on the site, with a link to its page."""
        return format_html(
            '{} <a href="{}">{}</a>',
            _("The e-service “%(title)s” already exists on this site.")
            % {"title": page.title},
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            _("Edit it"),
        )
