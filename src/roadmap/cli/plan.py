"""Commands that show the sequenced roadmap: ``roadmap plan`` and ``roadmap baseline``.

``roadmap plan`` prints the roadmap grouped by the period items start in (a table that fits
80 columns), then what could not be placed and the warnings. ``--explain KEY`` shows one
item's score breakdown, placement, reasons and dependencies; ``--baseline NAME`` what changed
since a saved baseline; ``--horizons`` the Now / Next / Later grouping.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from roadmap.cli.base import Context, cli, fail, pass_ctx, plan_option
from roadmap.i18n.terms import change_word, scoring_word, status_word

if TYPE_CHECKING:
    from rich.console import Console

    from roadmap.engine.inputs import Snapshot
    from roadmap.engine.result import Placement, Roadmap


CAPTION = "* critical path  ! committed (mandatory, in progress, pinned or blocking those)"


def _sequenced(ctx: Context, plan_slug: str | None) -> tuple[int, Snapshot, Roadmap]:
    """The plan's id, its snapshot and its roadmap."""
    from roadmap.engine.graph import CycleError
    from roadmap.engine.sequence import sequence
    from roadmap.store.snapshot import load_snapshot

    with ctx.store.read() as session:
        plan = ctx.find_plan(session, plan_slug)
        snapshot = load_snapshot(session=session, plan_id=plan.id)
    try:
        return plan.id, snapshot, sequence(snapshot)  # type: ignore[return-value]
    except CycleError as exc:
        fail(str(exc))


def _order(p: Placement) -> tuple:
    return (p.start, not p.committed, -p.effective_priority, p.key)


def _table(snapshot: Snapshot, groups: dict[str, tuple[Placement, ...]], width: int):
    """The roadmap as a table ``width`` columns wide, grouped into ``groups``."""
    from rich.table import Table

    titles = {item.key: item.title for item in snapshot.items}
    label = snapshot.calendar.label
    placed = [p for rows in groups.values() for p in rows]
    when = max(len(name) for name in groups)
    ends = max(len(label(p.end)) for p in placed)
    item = min(max(len(p.key) + p.critical for p in placed), 14)
    team = min(max(len(p.team or "-") for p in placed), 10)
    table = Table(box=None, pad_edge=False, caption=CAPTION, caption_justify="left")
    table.add_column("When", width=max(when, 4), no_wrap=True)
    table.add_column("Item", width=max(item, 4), no_wrap=True, overflow="ellipsis")
    rest = width - max(when, 4) - max(item, 4) - max(team, 4) - max(ends, 4) - 4 - 2 * 5
    table.add_column("Title", width=max(rest, 8), no_wrap=True, overflow="ellipsis")
    table.add_column("Team", width=max(team, 4), no_wrap=True, overflow="ellipsis")
    table.add_column("Ends", width=max(ends, 4), no_wrap=True)
    table.add_column("Prio", width=4, justify="right", no_wrap=True)
    for name, rows in groups.items():
        for n, p in enumerate(rows):
            table.add_row(
                name if n == 0 else "",
                f"{p.key}{'*' if p.critical else ''}",
                titles.get(p.key, ""),
                p.team or "-",
                label(p.end),
                f"{p.effective_priority:.0f}{'!' if p.committed else ''}",
                end_section=n == len(rows) - 1,
            )
    return table


def _warnings(console: Console, roadmap: Roadmap) -> None:
    if roadmap.unplaced:
        console.print(f"Not placed: {', '.join(roadmap.unplaced)}", highlight=False)
    if roadmap.warnings:
        console.print(f"\nWarnings ({len(roadmap.warnings)}):")
        for warning in roadmap.warnings:
            console.print(f"- {warning.text}", highlight=False, markup=False)


def _explain(console: Console, snapshot: Snapshot, roadmap: Roadmap, key: str) -> None:
    from rich.table import Table

    from roadmap.engine.explain import explain

    try:
        ex = explain(snapshot, roadmap, key)
    except KeyError as exc:
        fail(exc.args[0])
    label = snapshot.calendar.label
    out = lambda text="": console.print(text, highlight=False, markup=False)  # noqa: E731
    out(f"{ex.key}: {ex.title} ({status_word(ex.status)})")
    if ex.score is not None:
        out(f"\nScore {ex.score.score:.1f} ({scoring_word(ex.score.method)})")
        parts = Table(box=None, pad_edge=False)
        for column in ("Part", "Value", "Weight", "Points"):
            parts.add_column(column, justify="left" if column == "Part" else "right")
        for part in ex.score.parts:
            parts.add_row(
                part.label,
                "-" if part.value is None else f"{part.value:g}",
                "" if part.weight is None else f"{part.weight:g}",
                f"{part.contribution:.1f}",
            )
        if ex.score.parts:
            console.print(parts)
        for note in ex.score.notes:
            out(f"- {note}")
    p = ex.placement
    if p is not None:
        span = label(p.start) if p.end == p.start else f"{label(p.start)} to {label(p.end)}"
        out(f"\nPlaced {span}, team {p.team or '-'}")
        prio = f"effective priority {p.effective_priority:.0f}"
        if p.inherited_from:
            prio += f" (inherited from {p.inherited_from})"
        if p.committed:
            prio += ", committed"
        out(prio)
        out(
            f"{'on the critical path' if p.critical else 'not critical'}, slack {p.slack:g} periods"
        )
        out("Why there:")
        for reason in p.reasons:
            out(f"- {reason.text}")
    elif key in roadmap.unplaced:
        out("\nNot placed.")
    out(f"\nBlocks: {', '.join(ex.blocks) or 'nothing'}")
    out(f"Blocked by: {', '.join(ex.blocked_by) or 'nothing'}")
    for warning in ex.warnings:
        out(f"Warning: {warning.text}")


def _diff(
    console: Console, ctx: Context, plan_id: int, snapshot: Snapshot, roadmap: Roadmap, name: str
) -> None:
    from rich.table import Table

    from roadmap.engine.baseline import diff
    from roadmap.store.baselines import load_baseline
    from roadmap.store.repo import NotFoundError

    with ctx.store.read() as session:
        try:
            before = load_baseline(session=session, plan_id=plan_id, name=name)
        except NotFoundError as exc:
            fail(str(exc))
    changes = diff(before, roadmap, snapshot.calendar)
    if not changes:
        console.print(f"No changes since baseline {name!r}.", highlight=False, markup=False)
        return
    table = Table(title=f"Changes since baseline {name}", box=None, pad_edge=False)
    table.add_column("Item", no_wrap=True)
    table.add_column("Change", no_wrap=True)
    table.add_column("Details", ratio=1)
    for change in changes:
        table.add_row(change.key, change_word(change.kind), change.text)
    console.print(table)


@cli.command("plan")
@plan_option
@click.option("--explain", "explain_key", metavar="KEY", help="Explain one item's place.")
@click.option("--baseline", metavar="NAME", help="Show what changed since a saved baseline.")
@click.option("--horizons", is_flag=True, help="Group as Now / Next / Later instead of periods.")
@pass_ctx
def plan_command(
    ctx: Context,
    plan_slug: str | None,
    explain_key: str | None,
    baseline: str | None,
    horizons: bool,
) -> None:
    """Show the sequenced roadmap, grouped by the period items start in."""
    from rich.console import Console

    from roadmap.engine.horizons import horizons as by_horizon

    plan_id, snapshot, roadmap = _sequenced(ctx, plan_slug)
    console = Console()
    if explain_key is not None:
        _explain(console, snapshot, roadmap, explain_key)
        return
    if baseline is not None:
        _diff(console, ctx, plan_id, snapshot, roadmap, baseline)
        return
    if horizons:
        groups = {name.capitalize(): rows for name, rows in by_horizon(roadmap).items() if rows}
    else:
        label = snapshot.calendar.label
        groups: dict[str, tuple[Placement, ...]] = {}
        for p in sorted(roadmap.placements.values(), key=_order):
            groups[label(p.start)] = (*groups.get(label(p.start), ()), p)
    if groups:
        console.print(_table(snapshot, groups, console.width))
    else:
        console.print("Nothing to sequence yet.")
    done = f"{len(roadmap.done)} done, {len(roadmap.dropped)} dropped"
    console.print(f"{len(roadmap.placements)} items placed, {done}.", highlight=False)
    _warnings(console, roadmap)


@cli.group()
def baseline() -> None:
    """Save the sequenced roadmap under a name, to compare later roadmaps with."""


@baseline.command("save")
@click.argument("name")
@plan_option
@click.option("--replace", is_flag=True, help="Overwrite a baseline of the same name.")
@pass_ctx
def baseline_save(ctx: Context, name: str, plan_slug: str | None, replace: bool) -> None:
    """Save the current roadmap as baseline NAME."""
    from roadmap.store.baselines import BaselineExistsError, save_baseline

    plan_id, _, roadmap = _sequenced(ctx, plan_slug)
    try:
        with ctx.store.write() as session:
            save_baseline(
                session=session, plan_id=plan_id, name=name, roadmap=roadmap, replace=replace
            )
    except BaselineExistsError as exc:
        fail(f"{exc} (use --replace to overwrite it)")
    except ValueError as exc:
        fail(str(exc))
    click.echo(f"Saved baseline {name.strip()!r} ({len(roadmap.placements)} items placed)")


@baseline.command("list")
@plan_option
@pass_ctx
def baseline_list(ctx: Context, plan_slug: str | None) -> None:
    """List the plan's baselines."""
    from roadmap.store.baselines import list_baselines

    with ctx.store.read() as session:
        plan = ctx.find_plan(session, plan_slug)
        rows = list_baselines(session=session, plan_id=plan.id)
    if not rows:
        click.echo("No baselines yet: save one with `roadmap baseline save NAME`.")
    for row in rows:
        click.echo(f"{row.name}\t{row.created_at:%Y-%m-%d %H:%M}")
