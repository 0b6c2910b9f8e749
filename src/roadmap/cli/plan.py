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


def _sequenced(
    ctx: Context, plan_slug: str | None, scenario: str | None = None
) -> tuple[int, Snapshot, Roadmap]:
    """The plan's id, its snapshot and its roadmap; as ``scenario`` changes them, if named."""
    from roadmap.engine.graph import CycleError
    from roadmap.services.planning import sequenced
    from roadmap.services.plans import NotFoundError

    plan_id = ctx.find_plan(plan_slug).id
    try:
        done = sequenced(ctx.store, plan_id, scenario)
    except (CycleError, NotFoundError) as exc:
        fail(str(exc))
    return plan_id, done.snapshot, done.roadmap


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


def _milestones(snapshot: Snapshot, roadmap: Roadmap) -> None:
    """The plan's milestones and the period each is reached at, by that period."""
    from roadmap.i18n import _

    if not roadmap.milestones:
        return
    names = {item.key: item.title for item in snapshot.items}
    label = snapshot.calendar.label
    click.echo(_("Milestones:"))
    for p in sorted(roadmap.milestones.values(), key=lambda p: (p.reached or 0, p.key)):
        mark = "*" if p.critical else ""
        click.echo(
            plain(
                _("- {name} ({key}{mark}): reached at the start of {period}",
                  name=names.get(p.key, ""), key=p.key, mark=mark, period=label(p.reached or 0))
            )
        )  # fmt: skip


def _warnings(roadmap: Roadmap) -> None:
    if roadmap.unplaced:
        click.echo(f"Not placed: {', '.join(roadmap.unplaced)}")
    if roadmap.warnings:
        click.echo(f"\nWarnings ({len(roadmap.warnings)}):")
        for warning in roadmap.warnings:
            click.echo(f"- {plain(warning.text)}")


def _explain(snapshot: Snapshot, roadmap: Roadmap, key: str) -> None:
    from roadmap.engine.explanations import explain
    from roadmap.i18n import _, ngettext

    try:
        ex = explain(snapshot, roadmap, key)
    except KeyError as exc:
        fail(exc.args[0])
    label = snapshot.calendar.label
    out = lambda text="": click.echo("\n".join(map(plain, text.split("\n"))))  # noqa: E731
    out(f"{ex.key}: {ex.title} ({ex.status})")
    if ex.score is not None:
        out()
        out(f"Score {ex.score.score:.1f} ({ex.score.method})")
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
        span = label(p.start) if p.end == p.start else f"{label(p.start)} - {label(p.end)}"
        out()
        out(_("Placed {span}, team {team}", span=span, team=_team_name(snapshot, p.team)))
        prio = _("effective priority {priority}", priority=f"{p.effective_priority:.0f}")
        if p.inherited_from:
            prio += _(" (inherited from {item})", item=p.inherited_from)
        if p.committed:
            prio += _(", committed")
        out(prio)
        critical = _("on the critical path") if p.critical else _("not critical")
        out(ngettext("{critical}, slack {n} period", "{critical}, slack {n} periods",
                     int(p.slack), critical=critical))  # fmt: skip
        out(_("Why it starts then:"))
        for line in ex.starts:
            out(f"- {line}")
        out(_("Why it ends then:"))
        for line in ex.ends:
            out(f"- {line}")
    elif key in roadmap.unplaced:
        out()
        out(_("Not placed."))
    if ex.deadline:
        out(_("Deadline: {text}", text=ex.deadline))
    out()
    out(_("Blocks: {items}", items=", ".join(ex.blocks) or _("nothing")))
    out(_("Blocked by: {items}", items=", ".join(ex.blocked_by) or _("nothing")))
    waits = ex.waits_for
    for words, keys in (
        (_("Waits for (hard)"), waits.hard),
        (_("Should follow (soft)"), waits.soft),
        (_("Further away, hard"), waits.hard_further),
        (_("Further away, through soft"), waits.soft_further),
    ):
        if keys:
            out(f"  {words}: {', '.join(keys)}")
    for warning in ex.warnings:
        out(_("Warning: {text}", text=warning.text))


def _team_name(snapshot: Snapshot, key: str | None) -> str:
    team = snapshot.teams.get(key or "")
    return (team.name or team.key) if team else "-"


def _diff(ctx: Context, plan_id: int, snapshot: Snapshot, roadmap: Roadmap, name: str) -> None:
    from roadmap.engine.baseline import diff
    from roadmap.services.plans import NotFoundError, load_baseline

    try:
        before = load_baseline(ctx.store, plan_id, name)
    except NotFoundError as exc:
        fail(str(exc))
    changes = diff(before, roadmap, snapshot.calendar)
    if not changes:
        click.echo(plain(f"No changes since baseline {name!r}."))
        return
    _changes(changes, f"Changes since baseline {name}")


def _compare(ctx: Context, plan_slug: str | None, before: str | None, after: str) -> None:
    """Scenario ``after`` compared with scenario ``before``, or with the plan itself."""
    from roadmap.engine.scenarios import compare
    from roadmap.i18n import _

    snapshot, old = _sequenced(ctx, plan_slug, before)[1:]
    new = _sequenced(ctx, plan_slug, after)[2]
    found = compare(old, new, snapshot.calendar)
    was = before or _("the plan")
    out = lambda text: click.echo(plain(text))  # noqa: E731
    out(_("Scenario {after} compared with {before}:", after=after, before=was))
    out(_("- roadmap length {before} -> {after} periods", before=found.periods_before,
          after=found.periods_after))  # fmt: skip
    out(_("- deadlines missed {before} -> {after}{keys}", before=len(found.missed_before),
          after=len(found.missed_after),
          keys=f" ({', '.join(found.missed_after)})" if found.missed_after else ""))  # fmt: skip
    if found.changes:
        _changes(found.changes, _("Changes in {after}", after=after))
    else:
        out(_("No item is placed differently."))


def _changes(changes, title: str) -> None:
    """``changes`` (baseline or scenario changes) as a table under ``title``."""
    click.echo(plain(title))
    columns = (Column("Item"), Column("Change"), Column("Details", min_width=20))
    echo_table(columns, [(change.key, change.kind, change.text) for change in changes])


@cli.command("plan")
@plan_option
@click.option("--explain", "explain_key", metavar="KEY", help="Explain one item's place.")
@click.option("--baseline", metavar="NAME", help="Show what changed since a saved baseline.")
@click.option("--horizons", is_flag=True, help="Group as Now / Next / Later instead of periods.")
@click.option("--scenario", metavar="KEY", help="The roadmap as scenario KEY changes the plan.")
@click.option(
    "--compare", metavar="KEY", help="Compare scenario KEY with the plan (or with --scenario)."
)
@pass_ctx
def plan_command(
    ctx: Context,
    plan_slug: str | None,
    explain_key: str | None,
    baseline: str | None,
    horizons: bool,
    scenario: str | None,
    compare: str | None,
) -> None:
    """Show the sequenced roadmap, grouped by the period items start in."""
    from roadmap.engine.horizons import horizons as by_horizon

    if compare is not None:
        _compare(ctx, plan_slug, scenario, compare)
        return
    plan_id, snapshot, roadmap = _sequenced(ctx, plan_slug, scenario)
    if explain_key is not None:
        _explain(snapshot, roadmap, explain_key)
        return
    if baseline is not None:
        _diff(ctx, plan_id, snapshot, roadmap, baseline)
        return
    if horizons:
        grouped = by_horizon(roadmap, snapshot.calendar)
        groups = {name.capitalize(): rows for name, rows in grouped.items() if rows}
    else:
        label = snapshot.calendar.label
        groups: dict[str, tuple[Placement, ...]] = {}
        for p in sorted(roadmap.placements.values(), key=_order):
            groups[label(p.start)] = (*groups.get(label(p.start), ()), p)
    if groups:
        _table(snapshot, groups)
    else:
        click.echo("Nothing to sequence yet.")
    _milestones(snapshot, roadmap)
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
    from roadmap.services.plans import BaselineExistsError, save_baseline

    plan_id, _, roadmap = _sequenced(ctx, plan_slug)
    try:
        save_baseline(ctx.store, plan_id, name, roadmap, replace=replace)
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
    from roadmap.services.plans import list_baselines

    rows = list_baselines(ctx.store, ctx.find_plan(plan_slug).id)
    if not rows:
        click.echo("No baselines yet: save one with `roadmap baseline save NAME`.")
    for row in rows:
        click.echo(f"{row.name}\t{row.created_at:%Y-%m-%d %H:%M}")
