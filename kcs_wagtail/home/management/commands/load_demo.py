"""Demo content for ``make run``: one local government site, in Thai and English.

Idempotent: what exists is kept as an editor left it, what is missing is created.
Contact details are demo placeholders for the office to replace in the settings.
"""

import datetime
import os
import secrets
from importlib import import_module

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from wagtail.models import Locale, Page, Site

from ita_pages.models import DisclosureSectionPage
from kcs_core.models import GovernmentSettings, SearchPage
from kcs_wagtail.home.models import HomePage

# Modules of kcs_wagtail.home.demo, loaded in this order after the pages above.
DEMO_MODULES: list[str] = [
    "ita_pages",
    "eservice_forms",
    "tips",
    "news",
    "gifts",
    "procurement",
    "participation",
]

DEMO_SETTINGS = {
    "name": "องค์การบริหารส่วนตำบลกุดชุมแสง",
    "name_en": "Kud Chum Saeng Subdistrict Administrative Organization",
    "address": "ตำบลกุดชุมแสง อำเภอหนองบัวแดง จังหวัดชัยภูมิ 36210",
    "subdistrict": "กุดชุมแสง",
    "district": "หนองบัวแดง",
    "province": "ชัยภูมิ",
    "address_en": (
        "Kud Chum Saeng Subdistrict, Nong Bua Daeng District, Chaiyaphum 36210"
    ),
    "phone": "044-000-000",
    "hotline": "044-000-001",
    "email": "saraban@koodchumsang.go.th",
    "facebook_url": "https://www.facebook.com/koodchumsang",
    "line_url": "https://line.me/R/ti/p/@koodchumsang",
}

# (model, slug, Thai title, English title, Thai introduction, English introduction)
DEMO_SECTIONS = [
    (
        DisclosureSectionPage,
        "ita",
        "การเปิดเผยข้อมูลสาธารณะ (ITA)",
        "Public disclosure (ITA)",
        "<p>ข้อมูลที่องค์การบริหารส่วนตำบลเปิดเผยตามการประเมินคุณธรรมและความโปร่งใส</p>",
        "<p>What the office publishes for the Integrity and Transparency "
        "Assessment.</p>",
    ),
]


class Command(BaseCommand):
    help = (
        "Load the demo site (Thai and English home pages, sections, settings, admin)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--address",
            metavar="HOST:PORT",
            help=(
                "Where the demo is served (make run: 127.0.0.1:8000), so that the "
                "links of its feeds, sitemap and shared pages lead there."
            ),
        )

    def handle(self, *args, **options):
        with transaction.atomic():
            thai, english = self.ensure_locales()
            site = Site.objects.get(is_default_site=True)
            if options["address"]:
                self.serve_at(site, options["address"])
            home = self.ensure_home(site, thai)
            english_home = self.ensure_translation(
                home,
                english,
                "Kud Chum Saeng SAO",
                slug="home-en",
                intro="<p>Welcome to the website of Kud Chum Saeng SAO.</p>",
            )
            for model, slug, title, title_en, intro, intro_en in DEMO_SECTIONS:
                page = self.ensure_child(home, model, slug, title, intro=intro)
                self.ensure_translation(page, english, title_en, intro=intro_en)
            self.ensure_settings(site)
            for module in DEMO_MODULES:
                import_module(f"kcs_wagtail.home.demo.{module}").load(
                    self, home, english_home
                )
            search = self.ensure_child(home, SearchPage, "search", "ค้นหา")
            self.ensure_translation(search, english, "Search")
        self.ensure_admin(options["address"] or "127.0.0.1:8000")

    def serve_at(self, site: Site, address: str) -> None:
        """Give the demo site the host name and port it is served at."""
        hostname, _colon, port = address.rpartition(":")
        if (site.hostname, str(site.port)) != (hostname, port):
            site.hostname, site.port = hostname, int(port)
            site.save()
            self.stdout.write(f"The demo site is served at http://{address}/")

    def ensure_locales(self) -> tuple[Locale, Locale]:
        thai, _ = Locale.objects.get_or_create(language_code="th")
        english, _ = Locale.objects.get_or_create(language_code="en")
        return thai, english

    def ensure_home(self, site: Site, locale: Locale) -> HomePage:
        """The site's root page as a Thai HomePage, replacing Wagtail's welcome page."""
        root_page = site.root_page.specific
        if isinstance(root_page, HomePage):
            return root_page
        tree_root = Page.get_first_root_node()
        welcome = root_page
        if type(welcome) is Page and not welcome.get_children().exists():
            welcome.delete()
        home = tree_root.add_child(
            instance=HomePage(
                title="องค์การบริหารส่วนตำบลกุดชุมแสง",
                slug="home",
                locale=locale,
                intro="<p>ยินดีต้อนรับสู่เว็บไซต์องค์การบริหารส่วนตำบลกุดชุมแสง</p>",
            )
        )
        site.root_page = home
        site.site_name = "อบต.กุดชุมแสง"
        site.save()
        self.stdout.write("Created the Thai home page.")
        return home

    def ensure_child(
        self, parent: Page, model, slug: str, title: str, **fields
    ) -> Page:
        existing = parent.get_children().filter(slug=slug).first()
        if existing:
            return existing.specific
        page = parent.add_child(
            instance=model(title=title, slug=slug, show_in_menus=True, **fields)
        )
        page.save_revision().publish()
        self.stdout.write(f"Created page {page.url_path}")
        return page

    def ensure_translation(
        self, page: Page, locale: Locale, title: str, *, slug=None, **fields
    ) -> Page:
        """The page's copy in ``locale``, created and published if missing."""
        existing = page.get_translation_or_none(locale)
        if existing:
            return existing.specific
        translated = page.copy_for_translation(locale)
        translated.title = title
        for name, value in fields.items():
            setattr(translated, name, value)
        # Sibling slugs are unique across locales, and the English home page sits
        # beside the Thai one under the tree root: it needs a slug of its own.
        translated.slug = slug or page.slug
        translated.save_revision().publish()
        self.stdout.write(f"Created the English page {translated.url_path}")
        return translated

    def ensure_settings(self, site: Site) -> None:
        """Fill in the demo organisation's details, never overwriting an editor's."""
        settings = GovernmentSettings.for_site(site)
        changed = False
        for field, value in DEMO_SETTINGS.items():
            if not getattr(settings, field):
                setattr(settings, field, value)
                changed = True
        if settings.website_renewal_date is None:
            settings.website_renewal_date = timezone.localdate() + datetime.timedelta(
                days=45
            )
            changed = True
        if changed:
            settings.save()
            self.stdout.write("Saved the demo site settings.")

    def ensure_admin(self, address: str) -> None:
        """Create the admin account once and print its login at ``address``
        (``host:port``); later runs only remind."""
        username = os.environ.get("KCS_ADMIN_USERNAME", "admin")
        user_model = get_user_model()
        if user_model.objects.filter(username=username).exists():
            self.stdout.write(
                f"Admin account '{username}' exists (its password was printed when "
                f"it was created; reset it with: manage.py changepassword {username})."
            )
            return
        password = os.environ.get("KCS_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        user_model.objects.create_superuser(
            username=username, email="", password=password
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin login: http://{address}/admin/  "
                f"username: {username}  password: {password}"
            )
        )
