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
from roadmap.i18n import N_, _, ngettext
from roadmap.i18n.terms import (
    change_word,
    horizon_word,
    reason_text,
    scoring_word,
    status_word,
    warning_text,
)

if TYPE_CHECKING:
    from rich.console import Console

    from roadmap.engine.inputs import Snapshot
    from roadmap.engine.result import Placement, Roadmap


CAPTION = N_("* critical path  ! committed (mandatory, in progress, pinned or blocking those)")


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
    table = Table(box=None, pad_edge=False, caption=_(CAPTION), caption_justify="left")
    table.add_column(_("When"), width=max(when, 4), no_wrap=True)
    table.add_column(_("Item"), width=max(item, 4), no_wrap=True, overflow="ellipsis")
    rest = width - max(when, 4) - max(item, 4) - max(team, 4) - max(ends, 4) - 4 - 2 * 5
    table.add_column(_("Title"), width=max(rest, 8), no_wrap=True, overflow="ellipsis")
    table.add_column(_("Team"), width=max(team, 4), no_wrap=True, overflow="ellipsis")
    table.add_column(_("Ends"), width=max(ends, 4), no_wrap=True)
    table.add_column(_("Prio"), width=4, justify="right", no_wrap=True)
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


def _warnings(console: Console, roadmap: Roadmap, label) -> None:
    if roadmap.unplaced:
        console.print(_("Not placed: {items}", items=", ".join(roadmap.unplaced)), highlight=False)
    if roadmap.warnings:
        console.print("\n" + _("Warnings ({n}):", n=len(roadmap.warnings)))
        for warning in roadmap.warnings:
            console.print(f"- {warning_text(warning, label)}", highlight=False, markup=False)


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
        score = f"{ex.score.score:.1f}"
        out("\n" + _("Score {score} ({method})", score=score, method=scoring_word(ex.score.method)))
        parts = Table(box=None, pad_edge=False)
        for n, column in enumerate((_("Part"), _("Value"), _("Weight"), _("Points"))):
            parts.add_column(column, justify="left" if n == 0 else "right")
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
        span = (
            label(p.start)
            if p.end == p.start
            else _("{first} to {last}", first=label(p.start), last=label(p.end))
        )
        out("\n" + _("Placed {span}, team {team}", span=span, team=p.team or "-"))
        priority = f"{p.effective_priority:.0f}"
        prio = _("effective priority {n}", n=priority)
        if p.inherited_from:
            prio += " " + _("(inherited from {item})", item=p.inherited_from)
        if p.committed:
            prio += ", " + _("committed")
        out(prio)
        path = _("on the critical path") if p.critical else _("not critical")
        out(path + ", " + ngettext("slack {n} period", "slack {n} periods", p.slack))
        out(_("Why there:"))
        for reason in p.reasons:
            out(f"- {reason_text(reason, label)}")
    elif key in roadmap.unplaced:
        out("\n" + _("Not placed."))
    nothing = _("nothing")
    out("\n" + _("Blocks: {items}", items=", ".join(ex.blocks) or nothing))
    out(_("Blocked by: {items}", items=", ".join(ex.blocked_by) or nothing))
    for warning in ex.warnings:
        out(_("Warning: {message}", message=warning_text(warning, label)))


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
        console.print(
            _("No changes since baseline {name}.", name=repr(name)), highlight=False, markup=False
        )
        return
    table = Table(title=_("Changes since baseline {name}", name=name), box=None, pad_edge=False)
    table.add_column(_("Item"), no_wrap=True)
    table.add_column(_("Change"), no_wrap=True)
    table.add_column(_("Details"), ratio=1)
    for change in changes:
        table.add_row(change.key, change_word(change.kind), change.text)
    console.print(table)


@cli.command("plan", help=_("Show the sequenced roadmap, grouped by the period items start in."))
@plan_option
@click.option("--explain", "explain_key", metavar="KEY", help=_("Explain one item's place."))
@click.option("--baseline", metavar="NAME", help=_("Show what changed since a saved baseline."))
@click.option("--horizons", is_flag=True, help=_("Group as Now / Next / Later instead of periods."))
@pass_ctx
def plan_command(
    ctx: Context,
    plan_slug: str | None,
    explain_key: str | None,
    baseline: str | None,
    horizons: bool,
) -> None:
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
        groups = {horizon_word(name): rows for name, rows in by_horizon(roadmap).items() if rows}
    else:
        label = snapshot.calendar.label
        groups: dict[str, tuple[Placement, ...]] = {}
        for p in sorted(roadmap.placements.values(), key=_order):
            groups[label(p.start)] = (*groups.get(label(p.start), ()), p)
    if groups:
        console.print(_table(snapshot, groups, console.width))
    else:
        console.print(_("Nothing to sequence yet."))
    counts = _(
        "{placed}, {done} done, {dropped} dropped.",
        placed=ngettext("{n} item placed", "{n} items placed", len(roadmap.placements)),
        done=len(roadmap.done),
        dropped=len(roadmap.dropped),
    )
    console.print(counts, highlight=False)
    _warnings(console, roadmap, snapshot.calendar.label)


@cli.group(help=_("Save the sequenced roadmap under a name, to compare later roadmaps with."))
def baseline() -> None:
    """The baseline commands."""


@baseline.command("save", help=_("Save the current roadmap as baseline NAME."))
@click.argument("name")
@plan_option
@click.option("--replace", is_flag=True, help=_("Overwrite a baseline of the same name."))
@pass_ctx
def baseline_save(ctx: Context, name: str, plan_slug: str | None, replace: bool) -> None:
    from roadmap.store.baselines import BaselineExistsError, save_baseline

    plan_id, _snapshot, roadmap = _sequenced(ctx, plan_slug)
    try:
        with ctx.store.write() as session:
            save_baseline(
                session=session, plan_id=plan_id, name=name, roadmap=roadmap, replace=replace
            )
    except BaselineExistsError as exc:
        fail(_("{problem} (use --replace to overwrite it)", problem=exc))
    except ValueError as exc:
        fail(str(exc))
    placed = ngettext("{n} item placed", "{n} items placed", len(roadmap.placements))
    click.echo(_("Saved baseline {name} ({placed})", name=repr(name.strip()), placed=placed))


@baseline.command("list", help=_("List the plan's baselines."))
@plan_option
@pass_ctx
def baseline_list(ctx: Context, plan_slug: str | None) -> None:
    from roadmap.store.baselines import list_baselines

    with ctx.store.read() as session:
        plan = ctx.find_plan(session, plan_slug)
        rows = list_baselines(session=session, plan_id=plan.id)
    if not rows:
        click.echo(_("No baselines yet: save one with `roadmap baseline save NAME`."))
    for row in rows:
        click.echo(f"{row.name}\t{row.created_at:%Y-%m-%d %H:%M}")
