"""Pages of the ITA tree in item order: ``o2`` before ``o10``, section ``9-1`` before
``10-1``.

A page's place comes from the first item code it answers (``ita_codes``), else its
slug, compared number by number. The public section page lists its children in this
order whatever their place in the tree; :func:`sort_children` also moves them into
it, so that Wagtail's explorer (which the ITA pages open in tree order, ``ord``)
shows them the same way. It runs when the year's tree is seeded and when an editor
adds a page to a section or an index.
"""

from wagtail.actions.move_page import MovePageAction
from wagtail.models import Page

from ita_pages.evidence import evidence_page_types
from ita_pages.models.catalog import page_order_key


def declared_codes(pages) -> dict[int, str]:
    """Page id → ``ita_codes`` for the evidence pages among ``pages`` (a queryset)."""
    codes = {}
    for model in evidence_page_types():
        codes.update(
            model.objects.filter(pk__in=pages.values("pk")).values_list(
                "pk", "ita_codes"
            )
        )
    return codes


def sort_children(parent: Page, user=None) -> int:
    """Move ``parent``'s children into item order (tree order, what the explorer
    shows); the number of pages moved, none when they are in order already."""
    children = parent.get_children()
    codes = declared_codes(children)
    rows = list(children.values_list("pk", "slug", "title"))
    current = [pk for pk, _slug, _title in rows]
    desired = [
        pk
        for pk, _slug, _title in sorted(
            rows,
            key=lambda row: (page_order_key(codes.get(row[0], ""), *row[1:]), row[0]),
        )
    ]
    moved = 0
    for position, pk in enumerate(desired):
        if current[position] == pk:
            continue
        page = Page.objects.get(pk=pk)
        before = Page.objects.get(pk=current[position])
        MovePageAction(page, before, pos="left", user=user).execute(
            skip_permission_checks=True
        )
        current.remove(pk)
        current.insert(position, pk)
        moved += 1
    return moved


def sort_year_tree(index: Page, user=None) -> int:
    """Put the sections of a year's index and their pages in item order; reads the
    tree in a few queries and moves only what is out of order."""
    below = Page.objects.descendant_of(index).filter(depth__lte=index.depth + 2)
    codes = declared_codes(below)
    ids = {index.path: index.pk}
    siblings: dict[str, list[tuple]] = {}
    for pk, path, slug, title in below.order_by("path").values_list(
        "pk", "path", "slug", "title"
    ):
        ids[path] = pk
        key = (page_order_key(codes.get(pk, ""), slug, title), pk)
        siblings.setdefault(path[: -Page.steplen], []).append(key)
    moved = 0
    for path, keys in siblings.items():
        if keys != sorted(keys):
            # Read again: moving the index's sections changed their paths.
            moved += sort_children(Page.objects.get(pk=ids[path]), user)
    return moved
