"""Decoding uploads with bounded memory and time, away from the web request.

Parsers of images and PDFs are where hostile files do harm: a small file that
expands to gigabytes, a page that takes minutes to render, a bug in a C library.
:func:`bounded` runs such work in a child process of the background worker, with
an address-space limit (``KCS_DECODE_MEMORY_BYTES``: 1 GiB more than the worker
already maps) and a time limit (``KCS_DECODE_SECONDS``, 120): a file that needs
more fails alone, and the worker goes on with the next one.
"""

import multiprocessing
import resource

from django.conf import settings


class DecodingFailed(Exception):
    """The work raised, ran out of memory or ran out of time in its child process."""


def memory_limit() -> int:
    return getattr(settings, "KCS_DECODE_MEMORY_BYTES", 1024**3)


def time_limit() -> float:
    return getattr(settings, "KCS_DECODE_SECONDS", 120)


def mapped_bytes() -> int:
    """The address space this process maps now (0 where /proc is not there)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * resource.getpagesize()
    except OSError:
        return 0


def _limit_memory(extra: int) -> None:
    limit = mapped_bytes() + extra
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _run_child(sender, extra_memory: int, function, args) -> None:
    _limit_memory(extra_memory)
    try:
        outcome = (True, function(*args))
    except BaseException as error:  # noqa: BLE001 - reported to the parent
        outcome = (False, repr(error))
    sender.send(outcome)
    sender.close()


def bounded(function, *args):
    """``function(*args)`` run in a forked child process with the memory and time
    limits; its result (which must pickle), or :class:`DecodingFailed`."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_run_child, args=(sender, memory_limit(), function, args), daemon=True
    )
    child.start()
    sender.close()
    try:
        if not receiver.poll(time_limit()):
            raise DecodingFailed("took too long")
        succeeded, value = receiver.recv()
    except EOFError as error:
        raise DecodingFailed("the child process died") from error
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join()
    if not succeeded:
        raise DecodingFailed(value)
    return value
