"""The textarea field of the apps' forms (kcs_core.fields.TextareaField)."""

from django import forms
from django.utils import translation

import pytest

from kcs_core.fields import PlainTextField, TextareaField


class NoteForm(forms.Form):
    note = TextareaField(label="Note", max_length=10, rows=4)


def test_a_textarea_field_is_a_char_field_in_a_textarea_of_its_rows():
    field = NoteForm().fields["note"]
    assert isinstance(field, forms.CharField)
    assert isinstance(field.widget, forms.Textarea)
    assert field.widget.attrs["rows"] == 4
    assert field.widget.attrs["maxlength"] == "10"


def test_a_textarea_field_checks_like_a_char_field():
    form = NoteForm({"note": "  short  "})
    assert form.is_valid()
    assert form.cleaned_data["note"] == "short"
    assert "note" in NoteForm({"note": "x" * 11}).errors


def test_a_widget_given_wins_over_rows():
    field = TextareaField(rows=3, widget=forms.Textarea(attrs={"rows": 9}))
    assert field.widget.attrs["rows"] == 9


def test_a_line_break_counts_as_one_character_as_in_the_browser():
    """A browser sends each line break as CR LF but counts it as one against
    ``maxlength``: what fitted in the box is accepted, and a refusal is in Thai."""
    field = TextareaField(rows=3, max_length=8)
    assert field.clean("ab\r\ncd\r\nef") == "ab\ncd\nef"
    with translation.override("th"), pytest.raises(forms.ValidationError) as refused:
        field.clean("ab\r\ncd\r\nefg")
    assert refused.value.messages == ["ข้อความนี้ยาวได้ไม่เกิน 8 ตัวอักษร (ขณะนี้มี 9 ตัวอักษร)"]


def test_a_plain_text_answer_loses_what_would_hide_or_reorder_it():
    """A direction override showed staff ``fdp.exe`` as ``exe.pdf``; a terminal's
    escapes rode along into exports and logs. Thai, emoji and line breaks stay."""
    field = PlainTextField()
    typed = "\x1b[31mไฟ\u200bดับ\u202efdp.exe\u2066 👍🏽\x07"
    assert field.clean(typed) == "[31mไฟ\u200bดับfdp.exe 👍🏽"  # the escape's ESC gone
    assert TextareaField(rows=3).clean("บรรทัด\r\n\tสอง\u202d") == "บรรทัด\n\tสอง"
    with pytest.raises(forms.ValidationError):
        PlainTextField().clean("\u202e\x1b")  # nothing left: still required
