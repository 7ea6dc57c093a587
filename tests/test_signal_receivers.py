"""Signals are connected in each app's ``ready()`` only, each with its sender: a
receiver of ours never runs on every write of every model."""

import ast
import pathlib
import weakref

from django.db.models import signals as model_signals
from django.dispatch import Signal

from wagtail import signals as wagtail_signals

import pytest
from django_tasks import signals as task_signals

APPS = ("kcs_core", "ita_pages", "eservice_forms", "tips")
ROOT = pathlib.Path(__file__).resolve().parent.parent
ANY_SENDER = id(None)


def every_signal() -> list[tuple[str, Signal]]:
    found = []
    for module in (model_signals, wagtail_signals, task_signals):
        found += [
            (f"{module.__name__}.{name}", value)
            for name, value in vars(module).items()
            if isinstance(value, Signal)
        ]
    return found


def our_receivers(signal: Signal):
    """(receiver, sender key) of each receiver defined in one of our apps."""
    for entry in signal.receivers:
        lookup_key, receiver = entry[0], entry[1]
        function = receiver() if isinstance(receiver, weakref.ref) else receiver
        module = getattr(function, "__module__", "") or ""
        if module.split(".")[0] in APPS:
            yield function, lookup_key[1]


@pytest.mark.parametrize(
    ("name", "signal"), [pytest.param(*found, id=found[0]) for found in every_signal()]
)
def test_no_receiver_of_ours_listens_to_every_sender(name, signal):
    anywhere = [
        f"{function.__module__}.{function.__qualname__}"
        for function, sender in our_receivers(signal)
        if sender == ANY_SENDER
    ]
    assert anywhere == [], f"{name}: connected without a sender: {anywhere}"


def test_our_receivers_are_connected():
    """The check above sees our receivers at all (it would pass on none)."""
    modules = {
        function.__module__.split(".")[0]
        for _name, signal in every_signal()
        for function, _sender in our_receivers(signal)
    }
    assert modules == set(APPS)


def connections_in(path: pathlib.Path) -> list[int]:
    """Lines of ``path`` that connect a receiver (``.connect(`` or ``@receiver``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and (
            (isinstance(node.func, ast.Attribute) and node.func.attr == "connect")
            or (isinstance(node.func, ast.Name) and node.func.id == "receiver")
        )
    ]


def test_receivers_are_connected_in_ready_only():
    elsewhere = [
        f"{path.relative_to(ROOT)}:{line}"
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if path.name != "apps.py" and "migrations" not in path.parts
        for line in connections_in(path)
    ]
    assert elsewhere == []
