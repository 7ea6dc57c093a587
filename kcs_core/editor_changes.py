"""What counts as a change in the admin's page edit forms.

Wagtail saves a revision when the edit form reports a change, and with
``WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT`` a reviewer who approves from the edit
view with a change sends the page back to the first step. These made Django report
changes nobody made, so an approval from the edit view never held:

- Draftail keys every paragraph it shows (``<p data-block-key="4f2ab">``); rich text
  saved by code (the ITA seed, the demo, the generated reports, imports) has no keys.
  An empty editor comes back as nothing or as an empty paragraph, depending on
  whether Draftail had drawn it.
- A model field with a callable default (``fiscal_year``) compares the posted value
  with a hidden initial input that Wagtail's panels never render.

:class:`EditorChangesMixin` compares what the editor sees with what they send.
"""

import re

from django.utils.functional import cached_property

from wagtail.blocks import BlockField

BLOCK_KEY = re.compile(r' data-block-key="[^"]*"')
EMPTY_PARAGRAPHS = re.compile(r"(<p>\s*</p>\s*)+")


def without_block_keys(value):
    """``value`` (rich text, or a stream's stored form) without Draftail's paragraph
    keys: they name a paragraph for the editor, they are not its text. Rich text of
    empty paragraphs only is no text (Draftail sends an empty editor as either)."""
    if isinstance(value, str):
        text = BLOCK_KEY.sub("", value)
        return "" if EMPTY_PARAGRAPHS.fullmatch(text) else text
    if isinstance(value, dict):
        return {key: without_block_keys(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [without_block_keys(item) for item in value]
    return value


class EditorChangesMixin:
    """For admin model forms: a field has changed when the editor changed its value,
    compared with the value the form showed them."""

    @cached_property
    def changed_data(self):
        return [name for name in self.fields if self.editor_changed(self[name])]

    def editor_changed(self, bound_field) -> bool:
        """Whether the value sent differs from the value shown, rich text compared
        without Draftail's paragraph keys."""
        field = bound_field.field
        shown, sent = bound_field.initial, bound_field.data
        if isinstance(field, BlockField):
            stored = field.block.get_prep_value
            shown, sent = stored(shown), stored(sent)
            return without_block_keys(shown) != without_block_keys(sent)
        if isinstance(shown, str) and isinstance(sent, str):
            shown, sent = without_block_keys(shown), without_block_keys(sent)
        return field.has_changed(shown, sent)
