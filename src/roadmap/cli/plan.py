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
from roadmap.i18n import N_, _, ngettext, period_label
from roadmap.i18n.terms import (
    change_text,
    change_word,
    horizon_word,
    scoring_word,
    status_word,
    warning_text,
)

if TYPE_CHECKING:
    from roadmap.engine.inputs import Snapshot
    from roadmap.engine.result import Placement, Roadmap


CAPTION = N_("* critical path  ! committed (mandatory, in progress, pinned or blocking those)")


def _sequenced(
    ctx: Context, plan_slug: str | None, scenario: str | None = None
) -> tuple[int, Snapshot, Roadmap]:
    """The plan's id, its snapshot and its roadmap; as ``scenario`` changes them, if named."""
    from roadmap.engine.graph import CycleError
    from roadmap.services.planning import sequenced
    from roadmap.services.plans import NotFoundError

    plan_id = ctx.find_plan(plan_slug).id
    assert plan_id is not None  # a stored plan
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
    label = period_label(snapshot.calendar)
    rows = [
        (
            name if n == 0 else "",
            f"{p.key}{'*' if p.critical else ''}",
            titles.get(p.key, ""),
            _team_name(snapshot, p.team),
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


def _milestones(snapshot: Snapshot, roadmap: Roadmap) -> None:
    """The plan's milestones and the period each is reached at, by that period."""
    if not roadmap.milestones:
        return
    names = {item.key: item.title for item in snapshot.items}
    label = period_label(snapshot.calendar)
    click.echo(_("Milestones:"))
    for p in sorted(roadmap.milestones.values(), key=lambda p: (p.reached or 0, p.key)):
        mark = "*" if p.critical else ""
        click.echo(
            plain(
                _("- {name} ({key}{mark}): reached at the start of {period}",
                  name=names.get(p.key, ""), key=p.key, mark=mark, period=label(p.reached or 0))
            )
        )  # fmt: skip


def _warnings(snapshot: Snapshot, roadmap: Roadmap) -> None:
    if roadmap.unplaced:
        click.echo(_("Not placed: {items}", items=", ".join(roadmap.unplaced)))
    if roadmap.warnings:
        label, team = period_label(snapshot.calendar), _teams(snapshot)
        click.echo("\n" + _("Warnings ({n}):", n=len(roadmap.warnings)))
        for warning in roadmap.warnings:
            click.echo(f"- {plain(warning_text(warning, label, team=team))}")


def _explain(snapshot: Snapshot, roadmap: Roadmap, key: str) -> None:
    from roadmap.engine.explanations import explain

    try:
        ex = explain(snapshot, roadmap, key)
    except KeyError as exc:
        fail(exc.args[0])
    label = period_label(snapshot.calendar)
    out = lambda text="": click.echo("\n".join(map(plain, text.split("\n"))))  # noqa: E731
    out(f"{ex.key}: {ex.title} ({status_word(ex.status)})")
    if ex.score is not None:
        score = f"{ex.score.score:.1f}"
        out()
        out(_("Score {score} ({method})", score=score, method=scoring_word(ex.score.method)))
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
        out()
        out(_("Placed {span}, team {team}", span=span, team=_team_name(snapshot, p.team)))
        prio = _("effective priority {n}", n=f"{p.effective_priority:.0f}")
        if p.inherited_from:
            prio += " " + _("(inherited from {item})", item=p.inherited_from)
        if p.committed:
            prio += ", " + _("committed")
        out(prio)
        path = _("on the critical path") if p.critical else _("not critical")
        out(path + ", " + ngettext("slack {n} period", "slack {n} periods", int(p.slack)))
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
    nothing = _("nothing")
    out()
    out(_("Blocks: {items}", items=", ".join(ex.blocks) or nothing))
    out(_("Blocked by: {items}", items=", ".join(ex.blocked_by) or nothing))
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
        message = warning_text(warning, label, team=_teams(snapshot))
        out(_("Warning: {message}", message=message))


def _team_name(snapshot: Snapshot, key: str | None) -> str:
    team = snapshot.teams.get(key or "")
    return (team.name or team.key) if team else "-"


def _teams(snapshot: Snapshot):
    """A team's name by its key; the key itself where the plan has no such team."""
    return lambda key: _team_name(snapshot, key) if key in snapshot.teams else (key or "-")


def _diff(ctx: Context, plan_id: int, snapshot: Snapshot, roadmap: Roadmap, name: str) -> None:
    from roadmap.engine.baseline import diff
    from roadmap.services.plans import NotFoundError, load_baseline

    try:
        before = load_baseline(ctx.store, plan_id, name)
    except NotFoundError as exc:
        fail(str(exc))
    changes = diff(before, roadmap)
    if not changes:
        click.echo(plain(_("No changes since baseline {name}.", name=repr(name))))
        return
    _changes(changes, _("Changes since baseline {name}", name=name), snapshot)


def _compare(ctx: Context, plan_slug: str | None, before: str | None, after: str) -> None:
    """Scenario ``after`` compared with scenario ``before``, or with the plan itself, in the
    sentences of the app's scenario view and the documents."""
    from roadmap.engine.scenarios import compare, sentences
    from roadmap.i18n import language
    from roadmap.i18n.lang import Lang

    snapshot, old = _sequenced(ctx, plan_slug, before)[1:]
    new = _sequenced(ctx, plan_slug, after)[2]
    found = compare(old, new)
    if before is None:
        title = _("Scenario {name} compared with the plan:", name=after)
    else:
        title = _("Scenario {after} compared with {before}:", after=after, before=before)
    click.echo(plain(title))
    titles = {item.key: item.title for item in snapshot.items}
    name = lambda key: f"{titles[key]} ({key})" if titles.get(key) else key  # noqa: E731
    for line in sentences(found, Lang(language()), name):
        click.echo(plain(f"- {line}"))
    if found.changes:
        _changes(found.changes, _("Changes in {after}", after=after), snapshot)


def _changes(changes, title: str, snapshot: Snapshot) -> None:
    """``changes`` (baseline or scenario changes) as a table under ``title``, in the reader's
    words."""
    label = period_label(snapshot.calendar)
    click.echo(plain(title))
    columns = (Column(_("Item")), Column(_("Change")), Column(_("Details"), min_width=20))
    rows = [(c.key, change_word(c.kind), change_text(c, label, team=_teams(snapshot)))
            for c in changes]  # fmt: skip
    echo_table(columns, rows)


@cli.command("plan", help=_("Show the sequenced roadmap, grouped by the period items start in."))
@plan_option
@click.option("--explain", "explain_key", metavar="KEY", help=_("Explain one item's place."))
@click.option("--baseline", metavar="NAME", help=_("Show what changed since a saved baseline."))
@click.option("--horizons", is_flag=True, help=_("Group as Now / Next / Later instead of periods."))
@click.option("--scenario", metavar="KEY", help=_("The roadmap as scenario KEY changes the plan."))
@click.option(
    "--compare", metavar="KEY", help=_("Compare scenario KEY with the plan (or with --scenario).")
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
    groups: dict[str, tuple[Placement, ...]]
    if horizons:
        grouped = by_horizon(roadmap, snapshot.calendar)
        groups = {horizon_word(name): rows for name, rows in grouped.items() if rows}
    else:
        starts: dict[int, list[Placement]] = {}
        for p in sorted(roadmap.placements.values(), key=_order):
            starts.setdefault(p.start, []).append(p)
        label = period_label(snapshot.calendar)
        groups = {label(start): tuple(placements) for start, placements in starts.items()}
    if groups:
        _table(snapshot, groups)
    else:
        click.echo(_("Nothing to sequence yet."))
    _milestones(snapshot, roadmap)
    counts = _(
        "{placed}, {done} done, {dropped} dropped.",
        placed=ngettext("{n} item placed", "{n} items placed", len(roadmap.placements)),
        done=len(roadmap.done),
        dropped=len(roadmap.dropped),
    )
    click.echo(counts)
    _warnings(snapshot, roadmap)


@cli.group(help=_("Save the sequenced roadmap under a name, to compare later roadmaps with."))
def baseline() -> None:
    """The baseline commands."""


@baseline.command("save", help=_("Save the current roadmap as baseline NAME."))
@click.argument("name")
@plan_option
@click.option("--replace", is_flag=True, help=_("Overwrite a baseline of the same name."))
@pass_ctx
def baseline_save(ctx: Context, name: str, plan_slug: str | None, replace: bool) -> None:
    from roadmap.services.plans import BaselineExistsError, save_baseline

    plan_id, _snapshot, roadmap = _sequenced(ctx, plan_slug)
    try:
        save_baseline(ctx.store, plan_id, name, roadmap, replace=replace)
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
    from roadmap.services.plans import list_baselines

    plan_id = ctx.find_plan(plan_slug).id
    assert plan_id is not None  # a stored plan
    rows = list_baselines(ctx.store, plan_id)
    if not rows:
        click.echo(_("No baselines yet: save one with `roadmap baseline save NAME`."))
    for row in rows:
        click.echo(f"{row.name}\t{row.created_at:%Y-%m-%d %H:%M}")
