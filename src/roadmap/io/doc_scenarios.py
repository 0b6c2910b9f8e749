"""The document's scenario section: each what-if of the plan compared with the plan itself.

What a steering group asks when money or people change: for each scenario, its name and
description, the comparison in sentences (the roadmap's length, deadlines missed, items moved;
the same words as the app's scenario view) and a table of the items it places differently.
The plan's own roadmap is the one the document shows; each scenario is sequenced here from
the plan as the scenario changes it. User text is escaped by the document's writer.
"""

from __future__ import annotations

from roadmap.i18n.terms import CHANGE_KIND
from roadmap.io.docdata import Facts


def section(f: Facts) -> str:
    """The section, or ``""`` when the plan has no scenarios."""
    if not f.doc.scenarios:
        return ""
    from roadmap.engine.from_doc import snapshot_of
    from roadmap.engine.scenarios import apply, compare, scenario_of, sentences
    from roadmap.engine.sequence import sequence

    _, w = f.lang._, f.w
    snapshot = snapshot_of(f.doc)
    calendar = snapshot.calendar
    out = [
        w.heading(2, _("Scenarios")),
        w.para(
            _(
                "Each scenario shows how the roadmap would change if capacities, efforts, "
                "priorities or fixed periods changed. The plan itself stays as above."
            )
        ),
    ]
    for scenario in f.doc.scenarios:
        roadmap = sequence(apply(snapshot, scenario_of(scenario, calendar)))
        found = compare(f.roadmap, roadmap)
        out.append(w.heading(3, f.escape(scenario.name or scenario.key)))
        if scenario.description:
            out.append(w.para(f.escape(scenario.description)))
        out.append(w.bullets(sentences(found, f.lang, _name(f))))
        if found.changes:
            rows = [
                [
                    _(CHANGE_KIND[c.kind]) if c.kind in CHANGE_KIND else f.escape(c.kind),
                    _name(f)(c.key),
                    f.period(c.before) if c.before is not None else "–",
                    f.period(c.after) if c.after is not None else "–",
                ]
                for c in found.changes
            ]
            headers = [_("Change"), _("Item"), _("In the plan"), _("In the scenario")]
            out.append(w.table(headers, rows))
    return w.join(out)


def _name(f: Facts):
    """An item (or milestone) as the document names it, escaped."""
    return lambda key: f.item(key) if key in f.items else f.escape(key)
