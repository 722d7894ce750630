"""Screens that read the items of every briefing wait for them off the screen's thread.

After a warm start the list is complete at once, each briefing's items still as the
cache's bytes; the app makes them in the background (some seconds at ten thousand). A
screen that reads every briefing's items (the timeline, the topics) opened before that
is done has the rest made in a thread and says so, its own keys still answered; made on
the screen's thread, ten thousand froze the reader for seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable
from functools import partial
from typing import Any

from textual.screen import Screen

from ..catalogue import Catalogue, make_all
from ..i18n import ngettext, number

GROUP = "every-briefing-made"


def when_every_briefing_made(
    screen: Screen[Any],
    catalogue: Catalogue,
    say: Callable[[str], object],
    then: Callable[[], object],
) -> None:
    """Call `then` now if every briefing in `catalogue` is whole; else `say` what is being
    read, make the rest off the screen's thread (oldest first: the app makes them newest
    first, and the two meet halfway), and call `then` once they are. While that runs, a
    second call (the library changed again) leaves it to look again when it is done."""
    if any(  # `workers` are the app's: another screen's making is not this one's
        worker.group == GROUP and worker.node is screen and not worker.is_finished
        for worker in screen.workers
    ):
        return
    unmade = catalogue.unmade()
    if not unmade:
        then()
        return
    message = ngettext(
        "Reading the items of {count} briefing…",
        "Reading the items of {count} briefings…",
        len(unmade),
    )
    say(message.format(count=number(len(unmade))))

    async def make() -> None:
        await _in_a_thread(partial(make_all, reversed(unmade)))
        screen.call_later(when_every_briefing_made, screen, catalogue, say, then)

    screen.run_worker(make(), group=GROUP)


async def _in_a_thread(job: Callable[[threading.Event], None]) -> None:
    """Run `job` in a daemon thread (a reader closed meanwhile exits at once: the loop's
    own executor would hold the exit until the job was done), telling it to stop when the
    wait is cancelled (its screen closed)."""
    loop = asyncio.get_running_loop()
    done: asyncio.Future[None] = loop.create_future()
    stop = threading.Event()

    def finished() -> None:
        if not done.done():
            done.set_result(None)

    def run() -> None:
        try:
            job(stop)
        finally:
            with contextlib.suppress(RuntimeError):  # the loop closed: the app has gone
                loop.call_soon_threadsafe(finished)

    threading.Thread(target=run, name="briefing-make", daemon=True).start()
    try:
        await done
    finally:
        stop.set()
