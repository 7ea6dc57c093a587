"""Demo content of the tip channel: the channel as :func:`tips.setup.set_up_channel`
makes it, and one demo tip handler named on the tip page."""

import os
import secrets

from django.contrib.auth import get_user_model

from wagtail.models import Site

from tips.models import TipHandler
from tips.setup import set_up_channel


def load(command, home, english_home):
    """Set the channel up as an editor would (its default guideline names the
    office from the demo settings), then name the demo handler. Idempotent."""
    site = Site.objects.get(root_page=home)
    for page in set_up_channel(site).created:
        command.stdout.write(f"Created page {page.url_path}")
    ensure_demo_handler(command, site)


def ensure_demo_handler(command, site):
    """A demo handler account, printed once like the admin's."""
    username = "integrity"
    user_model = get_user_model()
    if TipHandler.objects.filter(site=site).exists():
        return
    user = user_model.objects.filter(username=username).first()
    if user is None:
        password = os.environ.get("KCS_HANDLER_PASSWORD") or secrets.token_urlsafe(12)
        user = user_model.objects.create_user(
            username=username, password=password, first_name="สมใจ", last_name="ใจดี"
        )
        command.stdout.write(
            f"Tip handler login: username: {username}  password: {password}  "
            "(then a code from an authenticator app, set up at the first sign-in)"
        )
    TipHandler.objects.create(
        site=site,
        user=user,
        name="นางสาวสมใจ ใจดี",
        position="นิติกร สำนักปลัด",
        position_en="Legal officer, Office of the Chief Administrator",
    )
    command.stdout.write("Named the demo tip handler.")
