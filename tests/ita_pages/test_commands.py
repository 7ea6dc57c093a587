"""The ITA commands: load catalogs, seed a year's tree, copy links, set up approval."""

from io import StringIO

from django.core.management import CommandError, call_command

import pytest

from ita_pages.models import AssessmentYear, EvidencePage
from tests.ita_pages.conftest import add_link, make_indexes, publish_evidence


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_load_catalogs_twice(site):
    first = run("ita_load_catalogs")
    second = run("ita_load_catalogs", "--site", "localhost")
    assert "2565 created (43 items, verified)" in first
    assert "2569 created (26 items, draft)" in first
    assert "2565 updated" in second
    assert AssessmentYear.objects.count() == 5


def test_load_refuses_a_bad_file(site, tmp_path):
    bad = tmp_path / "ita-2570.csv"
    bad.write_text("year,subindicator,code,title\n2570,9.1,O1,\n", encoding="utf-8")
    with pytest.raises(CommandError, match="แถวที่ 2"):
        run("ita_load_catalogs", str(bad))
    assert not AssessmentYear.objects.exists()


def test_seed_is_rerunnable_with_progress(ita_section, index_2565):
    publish_evidence(index_2565, "o42", title="มาตรการ")
    first = run("ita_seed", str(index_2565.pk))
    assert "[1/43] o1" in first and "42 created, 1 existing" in first
    second = run("ita_seed", str(index_2565.pk))
    assert "0 created, 43 existing" in second
    assert EvidencePage.objects.descendant_of(index_2565).count() == 43
    assert index_2565.get_children().count() == 8  # one section per sub-indicator + o42


def test_copy_links_with_a_crosswalk_file(tmp_path, ita_section, catalogs):
    old, new = make_indexes(ita_section, catalogs, 2565, 2568)
    page = publish_evidence(ita_section, "o42")
    add_link(old, "o42", linked_page=page)
    add_link(old, "o31", external_url="https://example.org", fiscal_year=2565)
    crosswalk = tmp_path / "crosswalk.csv"
    crosswalk.write_text("old,new\no42,O27\n", encoding="utf-8")
    out = run("ita_copy_links", str(old.pk), str(new.pk), "--crosswalk", str(crosswalk))
    assert "copied o42 → o27" in out and "not mapped: o31" in out
    new.refresh_from_db()
    draft = new.get_latest_revision_as_object()
    assert [link.item_code for link in draft.evidence_links.all()] == ["o27"]
    assert "0 copied, 1 already there" in run(
        "ita_copy_links", str(old.pk), str(new.pk), "--crosswalk", str(crosswalk)
    )
