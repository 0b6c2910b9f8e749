"""A progress bar for long work on the command line: shown on a terminal, silent when piped.

Reading 100,000 rows or exporting a plan in three languages takes seconds; a person at a
terminal should see that something is happening. Output that goes to a file or a pipe gets no
bar (its readers are programs). Work that is over at once leaves nothing behind: the bar is
transient. The domain code only calls the ``step`` function it is given.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

Step = Callable[[int], None]
"""Called with the amount of work just done."""


def _quiet(done: int) -> None:
    """A step that shows nothing."""


@contextmanager
def progress(label: str, total: int | None, console: Console | None = None) -> Iterator[Step]:
    """A bar labelled ``label`` on standard error when it is a terminal; yields its step."""
    if console is None:
        if not sys.stderr.isatty():
            yield _quiet
            return
        from rich.console import Console

        console = Console(stderr=True)
    from rich.markup import escape
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    with Progress(
        SpinnerColumn(),
        TextColumn(escape(label)),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=total)
        yield lambda done: bar.advance(task, done)
