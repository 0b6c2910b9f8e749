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
        Column(_("When")),
        Column(_("Item")),
        Column(_("Title"), min_width=8),
        Column(_("Team")),
        Column(_("Ends")),
        Column(_("Prio"), align="right"),
    )
    echo_table(columns, rows)
    click.echo(_(CAPTION))


def _warnings(roadmap: Roadmap, label) -> None:
    if roadmap.unplaced:
        click.echo(_("Not placed: {items}", items=", ".join(roadmap.unplaced)))
    if roadmap.warnings:
        click.echo("\n" + _("Warnings ({n}):", n=len(roadmap.warnings)))
        for warning in roadmap.warnings:
            click.echo(f"- {plain(warning_text(warning, label))}")


def _explain(snapshot: Snapshot, roadmap: Roadmap, key: str) -> None:
    from roadmap.engine.explain import explain

    try:
        ex = explain(snapshot, roadmap, key)
    except KeyError as exc:
        fail(exc.args[0])
    label = snapshot.calendar.label
    out = lambda text="": click.echo(plain(text))  # noqa: E731
    out(f"{ex.key}: {ex.title} ({status_word(ex.status)})")
    if ex.score is not None:
        score = f"{ex.score.score:.1f}"
        out("\n" + _("Score {score} ({method})", score=score, method=scoring_word(ex.score.method)))
        if ex.score.parts:
            columns = (
                Column(_("Part")),
                Column(_("Value"), align="right"),
                Column(_("Weight"), align="right"),
                Column(_("Points"), align="right"),
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
        click.echo(plain(_("No changes since baseline {name}.", name=repr(name))))
        return
    click.echo(plain(_("Changes since baseline {name}", name=name)))
    columns = (Column(_("Item")), Column(_("Change")), Column(_("Details"), min_width=20))
    rows = [(change.key, change_word(change.kind), change.text) for change in changes]
    echo_table(columns, rows)


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
    from roadmap.engine.horizons import horizons as by_horizon

    plan_id, snapshot, roadmap = _sequenced(ctx, plan_slug)
    if explain_key is not None:
        _explain(snapshot, roadmap, explain_key)
        return
    if baseline is not None:
        _diff(ctx, plan_id, snapshot, roadmap, baseline)
        return
    if horizons:
        groups = {horizon_word(name): rows for name, rows in by_horizon(roadmap).items() if rows}
    else:
        label = snapshot.calendar.label
        groups: dict[str, tuple[Placement, ...]] = {}
        for p in sorted(roadmap.placements.values(), key=_order):
            groups[label(p.start)] = (*groups.get(label(p.start), ()), p)
    if groups:
        _table(snapshot, groups)
    else:
        click.echo(_("Nothing to sequence yet."))
    counts = _(
        "{placed}, {done} done, {dropped} dropped.",
        placed=ngettext("{n} item placed", "{n} items placed", len(roadmap.placements)),
        done=len(roadmap.done),
        dropped=len(roadmap.dropped),
    )
    click.echo(counts)
    _warnings(roadmap, snapshot.calendar.label)


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
