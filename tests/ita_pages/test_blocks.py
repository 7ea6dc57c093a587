"""The blocks of the ITA pages that check what an editor enters."""

from django.utils import translation

from wagtail import blocks

import pytest

from ita_pages.blocks import LinkBlock

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "with_page, url", [(False, ""), (True, "https://example.com")], ids=["none", "both"]
)
def test_a_link_goes_to_a_page_or_to_an_address_not_both(home_page, with_page, url):
    page = home_page.pk if with_page else None
    value = LinkBlock().to_python({"title": "ลิงก์", "page": page, "url": url})
    with (
        translation.override("th"),
        pytest.raises(blocks.StructBlockValidationError) as refused,
    ):
        LinkBlock().clean(value)
    [message] = refused.value.block_errors["url"].messages
    assert message == "เลือกหน้า หรือกรอกที่อยู่เว็บ อย่างใดอย่างหนึ่ง"


def test_a_link_to_a_page_or_an_address_is_kept(home_page):
    to_page = LinkBlock().to_python({"title": "หน้า", "page": home_page.pk, "url": ""})
    assert LinkBlock().clean(to_page)["page"].pk == home_page.pk
    to_address = {"title": "เฟซบุ๊ก", "page": None, "url": "https://facebook.com/x"}
    kept = LinkBlock().clean(LinkBlock().to_python(to_address))
    assert kept["url"] == "https://facebook.com/x"
