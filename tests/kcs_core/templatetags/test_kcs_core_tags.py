"""The site templates' tags (kcs_core.templatetags.kcs_core_tags)."""

from kcs_wagtail.home.models import HomePage
from tests.conftest import publish_child
from tests.html import read


def test_a_translation_off_the_sites_trees_gives_way_to_the_languages_home_page(
    client, site, english_home, root_page, english_locale
):
    """The English translation of a page stands outside the site's trees (it has no
    URL): the switcher links the English home page; it was a 500 on the page."""
    thai = publish_child(site.root_page, HomePage(title="ข่าว", slug="news"))
    astray = HomePage(
        title="News",
        slug="news",
        locale=english_locale,
        translation_key=thai.translation_key,
    )
    root_page.add_child(instance=astray)
    astray.save_revision().publish()
    assert astray.get_url() is None

    response = client.get("/news/")
    assert response.status_code == 200
    assert 'href="/en/" lang="en"' in read(response)
