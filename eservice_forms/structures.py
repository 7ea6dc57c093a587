"""Repeated lists of items a preset needs, defined in code.

Wagtail's form builder knows single fields only. A *structure* is a small table the
resident fills in row by row (the items to borrow, the buildings of a permit); the
form builder offers each one as a field type, and the answer is stored as a list of
rows, each a dict keyed by the column keys.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    numeric: bool = False
    required: bool = True
    whole: bool = False  # a count: numeric, and refused with a decimal point


@dataclass(frozen=True)
class Structure:
    key: str
    label: str
    columns: tuple[Column, ...]
    rows: int


STRUCTURES = {
    structure.key: structure
    for structure in (
        Structure(
            "loan_items",
            _("Items to borrow (list)"),
            (
                Column("name", _("item")),
                Column("qty", _("quantity"), numeric=True, whole=True),
                Column("asset_no", _("asset number"), required=False),
                Column("note", _("note"), required=False),
            ),
            rows=5,
        ),
        Structure(
            "buildings",
            _("Buildings (list)"),
            (
                Column("kind", _("kind of building")),
                Column("count", _("number"), numeric=True, whole=True),
                Column("use", _("used as")),
                Column("parking_spaces", _("parking spaces"), numeric=True, whole=True),
                Column(
                    "storeys", _("storeys"), numeric=True, required=False, whole=True
                ),
                Column("area_m2", _("floor area (m²)"), numeric=True, required=False),
            ),
            rows=3,
        ),
    )
}
