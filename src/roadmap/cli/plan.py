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
from roadmap.cli.table import Column, echo_table, plain

if TYPE_CHECKING:
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


def _table(snapshot: Snapshot, groups: dict[str, tuple[Placement, ...]]) -> None:
    """Print the roadmap as a table as wide as the terminal, grouped into ``groups``."""
    titles = {item.key: item.title for item in snapshot.items}
    label = snapshot.calendar.label
    rows = [
        (
            name if n == 0 else "",
            f"{p.key}{'*' if p.critical else ''}",
            titles.get(p.key, ""),
            p.team or "-",
            label(p.end),
            f"{p.effective_priority:.0f}{'!' if p.committed else ''}",
        )
        for name, placements in groups.items()
        for n, p in enumerate(placements)
    ]
    columns = (
        Column("When"),
        Column("Item"),
        Column("Title", min_width=8),
        Column("Team"),
        Column("Ends"),
        Column("Prio", align="right"),
    )
    echo_table(columns, rows)
    click.echo(CAPTION)


def _warnings(roadmap: Roadmap) -> None:
    if roadmap.unplaced:
        click.echo(f"Not placed: {', '.join(roadmap.unplaced)}")
    if roadmap.warnings:
        click.echo(f"\nWarnings ({len(roadmap.warnings)}):")
        for warning in roadmap.warnings:
            click.echo(f"- {plain(warning.text)}")


def _explain(snapshot: Snapshot, roadmap: Roadmap, key: str) -> None:
    from roadmap.engine.explain import explain

    try:
        ex = explain(snapshot, roadmap, key)
    except KeyError as exc:
        fail(exc.args[0])
    label = snapshot.calendar.label
    out = lambda text="": click.echo("\n".join(map(plain, text.split("\n"))))  # noqa: E731
    out(f"{ex.key}: {ex.title} ({ex.status})")
    if ex.score is not None:
        out(f"\nScore {ex.score.score:.1f} ({ex.score.method})")
        if ex.score.parts:
            columns = (
                Column("Part"),
                Column("Value", align="right"),
                Column("Weight", align="right"),
                Column("Points", align="right"),
            )
            rows = [
                (
                    part.label,
                    "-" if part.value is None else f"{part.value:g}",
                    "" if part.weight is None else f"{part.weight:g}",
                    f"{part.contribution:.1f}",
                )
                for part in ex.score.parts
            ]
            echo_table(columns, rows)
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


def _diff(ctx: Context, plan_id: int, snapshot: Snapshot, roadmap: Roadmap, name: str) -> None:
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
        click.echo(plain(f"No changes since baseline {name!r}."))
        return
    click.echo(plain(f"Changes since baseline {name}"))
    columns = (Column("Item"), Column("Change"), Column("Details", min_width=20))
    echo_table(columns, [(change.key, change.kind, change.text) for change in changes])


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
    from roadmap.engine.horizons import horizons as by_horizon

    plan_id, snapshot, roadmap = _sequenced(ctx, plan_slug)
    if explain_key is not None:
        _explain(snapshot, roadmap, explain_key)
        return
    if baseline is not None:
        _diff(ctx, plan_id, snapshot, roadmap, baseline)
        return
    if horizons:
        groups = {name.capitalize(): rows for name, rows in by_horizon(roadmap).items() if rows}
    else:
        label = snapshot.calendar.label
        groups: dict[str, tuple[Placement, ...]] = {}
        for p in sorted(roadmap.placements.values(), key=_order):
            groups[label(p.start)] = (*groups.get(label(p.start), ()), p)
    if groups:
        _table(snapshot, groups)
    else:
        click.echo("Nothing to sequence yet.")
    done = f"{len(roadmap.done)} done, {len(roadmap.dropped)} dropped"
    click.echo(f"{len(roadmap.placements)} items placed, {done}.")
    _warnings(roadmap)


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
