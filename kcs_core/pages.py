"""Creating pages as an editor would, for the apps' set-up actions: each new page and
each translation is saved as a revision by ``user`` (in the page's history) and
published. What to do about a slug already taken is each caller's own rule."""

from wagtail.models import Locale, Page


def publish_child(parent: Page, page: Page, user=None) -> Page:
    """Add ``page`` below ``parent``, owned by ``user``, and publish it."""
    page.owner = user
    parent.add_child(instance=page)
    page.save_revision(user=user, log_action=True).publish(user=user)
    return page


def publish_translation(
    page: Page, locale: Locale, fields: dict, user=None, copy_parents=False
) -> Page:
    """``page``'s copy in ``locale`` with ``fields`` set, published. Raises
    ``ParentNotTranslatedError`` when the parent has no copy in ``locale``, unless
    ``copy_parents`` (then untranslated parents get aliases, as in Wagtail's admin)."""
    translated = page.copy_for_translation(locale, copy_parents=copy_parents)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision(user=user, log_action=True).publish(user=user)
    translated.refresh_from_db()  # publishing went through the revision's copy
    return translated
