"""The stakeholder document in Markdown: a plan and its roadmap, worded in one language.

:func:`build` puts the sections in their fixed order (title and summary, background and
method, current state, stakeholders and needs, vision, custom sections, themes,
prioritisation, roadmap by period, diagrams, information sources, changes since a baseline,
scenarios, appendix). Each section appears only when the plan has content for it. All user
text passes through :mod:`roadmap.io.mdsafe`; all fixed wording through the message catalogs.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from roadmap import __version__
from roadmap.engine.baseline import Change
from roadmap.engine.result import Roadmap
from roadmap.i18n import N_
from roadmap.i18n.lang import Lang
from roadmap.io import (
    doc_appendix,
    doc_diagrams,
    doc_followup,
    doc_roadmap,
    doc_scenarios,
    doc_sources,
)
from roadmap.io.docdata import MARK, Facts
from roadmap.model.inputs import PlanDoc

OTHER_SECTION = N_("Other")
SECTION_TITLES = {
    "background": N_("Background and mandate"),
    "method": N_("Method"),
    "current_state": N_("Current state"),
    "vision": N_("Vision"),
}
IMPORTANCE = {
    1: N_("nice to have"),
    2: N_("useful"),
    3: N_("important"),
    4: N_("very important"),
    5: N_("essential"),
}
SCORING = {
    "weighted": N_(
        "Each item is given a value on every criterion below. Its score (0–100) is the "
        "weighted average of those values: a criterion with twice the weight counts twice as "
        "much."
    ),
    "rice": N_(
        "Items are scored with RICE: how many people an item reaches, times its impact, times "
        "how sure the estimates are, divided by the effort. Scores are scaled to 0–100."
    ),
    "wsjf": N_(
        "Items are scored by weighted shortest job first: what waiting costs, divided by the "
        "effort. Scores are scaled to 0–100."
    ),
    "moscow": N_(
        "Items are grouped into must, should and could have and will not have this time; the "
        "score follows the group."
    ),
}
FIRST_PERIOD_LIST = 5
Compose = Callable[[Facts, "str | None", Sequence[Change]], tuple[str, str]]
"""What writes a document's opening and its sections (:func:`compose`)."""


@dataclass(frozen=True, slots=True)
class Document:
    """The Markdown text of one document and the facts it was built from."""

    markdown: str
    facts: Facts
    title: str


def build(
    doc: PlanDoc,
    roadmap: Roadmap,
    lang: str,
    *,
    generated: date,
    baseline: str | None = None,
    changes: Sequence[Change] = (),
    parts: Compose | None = None,
) -> Document:
    """The Markdown document of ``doc`` sequenced as ``roadmap``, in language ``lang``;
    ``parts`` composes another document than the whole plan (the follow-up report)."""
    f = Facts(doc, roadmap, Lang(lang))
    head, sections = (parts or compose)(f, baseline, changes)
    title = f.text(doc.plan, "name")
    body = f.w.join([head, sections])
    return Document(_front_matter(f, title, generated, baseline) + body + "\n", f, title)


def compose(
    f: Facts, baseline: str | None = None, changes: Sequence[Change] = ()
) -> tuple[str, str]:
    """The document written by ``f.w``: its opening (title and summary), then its sections."""
    _, w = f.lang._, f.w
    sections = w.join(
        [
            doc_followup.foreword(f),
            *_narratives(f, ("background", "method")),
            _method_facts(f),
            *_narratives(f, ("current_state",)),
            _stakeholders(f),
            doc_followup.evidence_base(f),
            *_narratives(f, ("vision",)),
            doc_followup.goals(f),
            doc_followup.maturity(f),
            *_narratives(f, ("custom",)),
            _themes(f),
            _prioritisation(f),
            doc_roadmap.by_period(f),
            doc_diagrams.section(f),
            doc_sources.section(f),
            doc_followup.traceability(f),
            doc_followup.responsible(f),
            doc_followup.progress(f),
            doc_roadmap.changes(f, baseline, changes) if baseline is not None else "",
            doc_scenarios.section(f),
            doc_appendix.section(f),
        ]
    )
    head = _title(f)
    if f.fell_back:
        language = f.language_name(f.default)
        note = _(
            "{mark} Not yet translated; shown in the original language ({language}).",
            mark=MARK,
            language=language,
        )
        head = w.join([head, w.para(note)])
    return head, sections


def _front_matter(f: Facts, title: str, generated: date, baseline: str | None) -> str:
    digest = hashlib.sha256(f.doc.model_dump_json().encode()).hexdigest()[:12]
    fields = {
        "title": title,
        "plan": f.doc.plan.slug or "",
        "language": f.lang.code,
        "generated": generated.isoformat(),
        "version": digest,
        "generator": f"roadmap {__version__}",
    }
    if baseline is not None:
        fields["baseline"] = baseline
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def _title(f: Facts) -> str:
    _, w = f.lang._, f.w
    out = [w.heading(1, f.name(f.doc.plan))]
    if f.doc.organisations:
        names = ", ".join(f.name(org) for org in f.doc.organisations)
        out.append(w.para(_("Organisations: {names}", names=names)))
    placed = f.roadmap.placements
    teams = {item.team for item in f.doc.items if item.team}
    summary = _(
        "The roadmap has {items} over {periods}, carried out by {teams}.",
        items=f.lang.ngettext("{n} development item", "{n} development items", len(f.doc.items)),
        periods=f.lang.ngettext("{n} period", "{n} periods", f.roadmap.periods),
        teams=f.lang.ngettext("{n} team", "{n} teams", len(teams)),
    )
    out.append(w.para(summary))
    first = [item.key for item in f.ranked if item.key in placed and placed[item.key].start == 0]
    if first:
        shown = ", ".join(f.item(key) for key in first[:FIRST_PERIOD_LIST])
        more = len(first) - FIRST_PERIOD_LIST
        if more > 0:
            shown += " " + f.lang.ngettext("and {n} more", "and {n} more", more)
        out.append(w.para(_("First, in {period}: {items}.", period=f.period(0), items=shown)))
    return w.join(out)


def _heading(f: Facts, section, kind: str) -> str:
    title = f.name(section, "title") if section.title else ""
    return title or f.lang._(SECTION_TITLES.get(kind, OTHER_SECTION))


def _narratives(f: Facts, kinds: tuple[str, ...]) -> list[str]:
    w = f.w
    out = []
    for kind in kinds:
        for section in f.doc.sections:
            if section.kind == kind and (section.title or section.body):
                body = f.body(section, "body", heading_base=2)
                out.append(w.join([w.heading(2, _heading(f, section, kind)), body]))
    return out


def _method_facts(f: Facts) -> str:
    """Who was heard and which systems were examined, from the plan's own data."""
    _, w = f.lang._, f.w
    out = []
    if f.doc.stakeholders:
        names = "; ".join(_with_org(f, sh) for sh in f.doc.stakeholders)
        out.append(w.para(_("Stakeholders heard: {names}.", names=names)))
    if f.doc.sources:
        names = "; ".join(_with_org(f, src) for src in f.doc.sources)
        out.append(w.para(_("Information systems examined: {names}.", names=names)))
    if not out:
        return ""
    has_method = any(s.kind == "method" and (s.title or s.body) for s in f.doc.sections)
    head = "" if has_method else w.heading(2, _(SECTION_TITLES["method"]))
    return w.join([head, *out])


def _with_org(f: Facts, row) -> str:
    org = f.org(row.organisation)
    return f"{f.name(row)} ({org})" if org else f.name(row)


def _stakeholders(f: Facts) -> str:
    _, w = f.lang._, f.w
    if not f.doc.stakeholders:
        return ""
    out = [w.heading(2, _("Stakeholders and their needs"))]
    out.append(
        w.bullets(
            f"{w.strong(f.name(sh))}: {f.name(sh, 'description')}"
            for sh in f.doc.stakeholders
            if sh.description
        )
    )
    rows, open_needs = [], []
    importance = {level: _(label) for level, label in IMPORTANCE.items()}
    for sh in f.doc.stakeholders:
        for need in sh.needs:
            answers = f.answers.get(need.key, [])
            if not answers:
                open_needs.append(f"{f.name(need, 'text')} ({f.name(sh)})")
            rows.append(
                [
                    f.org(sh.organisation),
                    f.name(sh),
                    f.name(need, "text"),
                    f"{need.importance}/5 {importance[need.importance]}",
                    "; ".join(f.item(key) for key in answers) or _("open"),
                ]
            )
    if rows:
        headers = [
            _("Organisation"),
            _("Stakeholder"),
            _("Need"),
            _("Importance"),
            _("Answered by"),
        ]
        out.append(w.table(headers, rows))
    if open_needs:
        out.append(w.heading(3, _("Open needs")))
        out.append(w.para(_("No item answers these needs yet:")))
        out.append(w.bullets(open_needs))
    return w.join(out)


def _themes(f: Facts) -> str:
    _, w = f.lang._, f.w
    if not f.doc.themes:
        return ""
    out = [w.heading(2, _("Themes"))]
    groups: dict[str | None, list[str]] = {theme.key: [] for theme in f.doc.themes}
    for item in f.ranked:
        groups.setdefault(item.theme if item.theme in f.themes else None, []).append(item.key)
    for key, keys in groups.items():
        theme = f.themes.get(key or "")
        out.append(w.heading(3, f.name(theme) if theme else _("Items without a theme")))
        if theme and theme.description:
            out.append(f.body(theme, "description"))
        if keys:
            out.append(w.bullets(f"{f.item(k)}{_when(f, k)}" for k in keys))
        else:
            out.append(w.para(_("No items yet.")))
    return w.join(out)


def _when(f: Facts, key: str) -> str:
    placed = f.roadmap.placements.get(key)
    return f" — {f.period(placed.start)}" if placed else ""


def _prioritisation(f: Facts) -> str:
    _, w = f.lang._, f.w
    if not f.doc.items:
        return ""
    method = f.doc.plan.scoring_method
    out = [w.heading(2, _("Prioritisation")), w.para(_(SCORING[method]))]
    if any(item.mandatory for item in f.doc.items):
        out.append(
            w.para(
                _(
                    "Mandatory items (required by law or an earlier decision) come first "
                    "whatever their score."
                )
            )
        )
    if f.doc.criteria and method == "weighted":
        total = sum(c.weight for c in f.doc.criteria) or 1.0
        rows = [
            [
                f.name(c),
                f.lang.number(c.weight),
                f.lang.percent(c.weight / total),
                _("higher is better") if c.direction == "benefit" else _("lower is better"),
            ]
            for c in f.doc.criteria
        ]
        headers = [_("Criterion"), _("Weight"), _("Share of the score"), _("Direction")]
        out.append(w.table(headers, rows))
    mandatory = _("mandatory")
    rows = []
    placements, ref, number, score = f.roadmap.placements, f.item, f.number, f.score
    raised_by: dict[str, str] = {}
    # Finished and dropped items are not ranked (the engine leaves them out): they follow the
    # ranking with their status instead of a rank and a score.
    finished = {*f.roadmap.done, *f.roadmap.dropped}
    ranked = [item for item in f.ranked if item.key not in finished]
    for rank, item in enumerate(ranked, 1):
        key = item.key
        note = mandatory if item.mandatory else ""
        placed = placements.get(key)
        if placed and placed.inherited_from and placed.inherited_from in f.items:
            source = placed.inherited_from
            raised = raised_by.get(source)
            if raised is None:
                raised = raised_by[source] = _(
                    "raised to {score} because {item} waits for it",
                    score=number(score(source)),
                    item=ref(source),
                )
            note = f"{note}; {raised}" if note else raised
        rows.append([str(rank), ref(key), number(score(key)), note])
    for item in f.ranked:
        if item.key in finished:
            rows.append(["–", ref(item.key), "–", _(doc_appendix.STATUS[item.status])])
    out.append(w.heading(3, _("Ranking")))
    out.append(w.table([_("Rank"), _("Item"), _("Score"), _("Note")], rows))
    return w.join(out)
