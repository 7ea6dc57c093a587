"""The editor's path through the ITA tree: a year's index lives at its year, each
section accepts only the pages that belong there, in item order, and the plugin's
approval workflow (not Wagtail's default) applies to every page of the tree."""

from wagtail.models import Page, Workflow, WorkflowPage
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from ita_pages.models import (
    DisclosureSectionPage,
    EvidencePage,
    GiftRegisterPage,
    ITAIndexPage,
    MeasuresAnnouncementPage,
    MeasuresReportPage,
    OpinionPage,
    ParticipationReportPage,
    ProcurementPage,
    QuestionBoardPage,
)
from ita_pages.setup import set_up_site
from ita_pages.yearly import section_for, seed_year_tree
from tests.ita_pages.conftest import index_form, make_index, publish_evidence
from tests.ita_pages.test_wagtail_hooks import add_url

ITA_TYPES = {
    DisclosureSectionPage,
    ITAIndexPage,
    EvidencePage,
    MeasuresAnnouncementPage,
    MeasuresReportPage,
    GiftRegisterPage,  # in a top section, beside the years
    ProcurementPage,  # likewise
    QuestionBoardPage,  # the participation pages, likewise
    OpinionPage,
    ParticipationReportPage,
}
EVIDENCE_TYPES = {EvidencePage, MeasuresAnnouncementPage, MeasuresReportPage}


# --- A year's index is at its year ---------------------------------------------


def test_a_new_index_takes_its_year_as_its_address(admin_client, ita_section, catalogs):
    """The admin fills the slug from the title; the year decides it."""
    response = admin_client.post(
        add_url(ita_section, ITAIndexPage),
        index_form(catalogs[2565], "ita-fiscal-65", "ITA ประจำปี 2565"),
    )
    assert response.status_code == 302, response.context["form"].errors
    index = ITAIndexPage.objects.get()
    assert index.slug == "2565" and index.url == "/ita/2565/"


def test_an_index_refuses_an_address_other_than_its_year(
    admin_client, ita_section, catalogs
):
    index = make_index(ita_section, catalogs[2565])
    edit = f"/admin/pages/{index.pk}/edit/"
    response = admin_client.post(edit, index_form(catalogs[2565], "ita-65"))
    assert response.status_code == 200
    errors = response.context["form"].errors["slug"]
    assert errors == ["ที่อยู่ (slug) ของหน้าดัชนีนี้ต้องเป็นปีที่ประเมิน: 2565"]
    assert "ที่อยู่ (slug) ของหน้าดัชนีนี้ต้องเป็นปีที่ประเมิน" in response.content.decode()
    assert Page.objects.get(pk=index.pk).slug == "2565"

    # Changing the year moves the untouched address with it.
    response = admin_client.post(edit, index_form(catalogs[2566], "2565"))
    assert response.status_code == 302, response.context["form"].errors
    assert Page.objects.get(pk=index.pk).slug == "2566"


# --- Each section accepts what belongs there -------------------------------------


def creatable_at(parent) -> set:
    parent = parent.specific
    return {
        model
        for model in parent.creatable_subpage_models()
        if model.can_create_at(parent)
    }


def test_each_section_accepts_only_the_pages_that_belong_there(
    admin_client, ita_section, index_2565
):
    year_section = section_for(
        index_2565, index_2565.assessment_year.items.get(code="o1").subindicator
    )
    assert creatable_at(ita_section) == ITA_TYPES
    assert creatable_at(index_2565) == {DisclosureSectionPage} | EVIDENCE_TYPES
    # Below the year: evidence only; no deeper section, no index inside an index.
    assert creatable_at(year_section) == EVIDENCE_TYPES

    add_page = admin_client.get(f"/admin/pages/{year_section.pk}/add_subpage/")
    html = add_page.content.decode()
    assert add_url(year_section, EvidencePage) in html
    assert add_url(year_section, DisclosureSectionPage) not in html
    refused = admin_client.get(add_url(year_section, DisclosureSectionPage))
    assert refused.status_code in (302, 403)
    assert not DisclosureSectionPage.objects.child_of(year_section).exists()

    # Moving obeys the same rules.
    other = ita_section.add_child(
        instance=DisclosureSectionPage(title="อื่น ๆ", slug="other")
    )
    assert not other.can_move_to(year_section)
    assert other.can_move_to(index_2565)
    assert not Page.objects.get(pk=index_2565.pk).specific.can_move_to(year_section)


# --- In item order ----------------------------------------------------------------


def child_slugs(parent) -> list[str]:
    return list(
        Page.objects.get(pk=parent.pk).get_children().values_list("slug", flat=True)
    )


def test_children_are_listed_by_item_number(admin_client, client, index_2565):
    """o2 before o10, in tree order after seeding (the explorer's order) and on the
    public section page whatever the tree order."""
    items = index_2565.assessment_year.items
    section = section_for(index_2565, items.get(code="o10").subindicator)
    for code in ("o10", "o2", "o1"):
        publish_evidence(section, code, title=f"หลักฐาน {code.upper()}")
    assert child_slugs(section)[:3] == ["o10", "o2", "o1"]

    html = client.get(section.url).content.decode()
    positions = [html.index(f"หลักฐาน {code}</a>") for code in ("O1", "O2", "O10")]
    assert positions == sorted(positions)

    seed_year_tree(index_2565)
    section = DisclosureSectionPage.objects.get(pk=section.pk)  # moved with 9-1
    slugs = child_slugs(section)
    assert slugs[:4] == ["o1", "o2", "o10", "o11"] and slugs[-1] == "o17"
    sections = child_slugs(index_2565)
    assert sections.index("9-1") < sections.index("9-2") < sections.index("10-1")
    assert sections == sorted(sections, key=lambda s: [int(n) for n in s.split("-")])

    # The explorer opens in that order, and a page an editor adds takes its place.
    assert section.specific.get_admin_default_ordering() == "ord"
    explorer = admin_client.get(f"/admin/pages/{section.pk}/").content.decode()
    assert explorer.index("หลักฐาน O2") < explorer.index("หลักฐาน O10")
    section.get_children().get(slug="o11").delete()
    response = admin_client.post(
        add_url(section, EvidencePage),
        nested_form_data(
            {
                "title": "หลักฐาน O11",
                "slug": "o11",
                "intro": rich_text(""),
                "body": streamfield([]),
                "fiscal_year": 2565,
                "ita_codes": "o11",
                "action-publish": "publish",
            }
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    slugs = child_slugs(section)
    assert slugs.index("o10") < slugs.index("o11") < slugs.index("o12")


# --- The plugin's workflow, not Wagtail's default -------------------------------


def test_the_plugins_workflow_replaces_wagtails_default_on_the_ita_tree(site):
    """Wagtail's migrations attach "Moderators approval" to the root page; every
    page of a site set up for ITA answers to the site's own approval chain."""
    default = WorkflowPage.objects.get(page=Page.get_first_root_node()).workflow
    result = set_up_site(site, 2565)
    plugin = result.approval.workflow
    assert default != plugin and default.active
    pages = [
        result.section,
        result.index,
        *DisclosureSectionPage.objects.descendant_of(result.index),
        *EvidencePage.objects.descendant_of(result.index),
    ]
    assert len(pages) > 45
    assert {Page.objects.get(pk=page.pk).get_workflow() for page in pages} == {plugin}
    # A page outside the ITA tree keeps Wagtail's default.
    assert Page.objects.get(pk=site.root_page_id).get_workflow() == default
    assert Workflow.objects.filter(pk=default.pk, active=True).exists()


def test_a_top_section_added_later_joins_the_sites_chain(admin_client, site):
    """An editor adds a second ITA tree beside ``/ita/``: it answers to the site's
    approval chain too, not to Wagtail's default."""
    result = set_up_site(site, 2565)
    home = Page.objects.get(pk=site.root_page_id)
    response = admin_client.post(
        add_url(home, DisclosureSectionPage),
        nested_form_data(
            {
                "title": "ITA เพิ่มเติม",
                "slug": "ita-more",
                "intro": rich_text(""),
                "action-publish": "publish",
            }
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    added = DisclosureSectionPage.objects.get(slug="ita-more")
    assert Page.objects.get(pk=added.pk).get_workflow() == result.approval.workflow
    assert added.group_permissions.filter(group=result.approval.editors).exists()
    # A section below the tree inherits; it is attached nowhere itself.
    inner = admin_client.post(
        add_url(added, DisclosureSectionPage),
        nested_form_data({"title": "ย่อย", "slug": "inner", "intro": rich_text("")}),
    )
    assert inner.status_code == 302
    inner_page = DisclosureSectionPage.objects.get(slug="inner")
    assert not WorkflowPage.objects.filter(page=inner_page).exists()
    assert inner_page.get_workflow() == result.approval.workflow
