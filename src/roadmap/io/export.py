"""One entry point for every stakeholder export: a format, a language, the bytes of the file.

The only date in an export is its "generated" date. :func:`generated_date` takes it from the
caller, else from the product's clock (:mod:`roadmap.clock`: ``--date``, ``ROADMAP_TODAY``,
``SOURCE_DATE_EPOCH``, the system's date); the same plan and date always give the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from roadmap.clock import today
from roadmap.engine.baseline import Change
from roadmap.engine.result import Roadmap
from roadmap.model.inputs import PlanDoc

FORMATS = ("md", "html", "csv", "ics")
"""Text formats, the same bytes for the same plan; :func:`render` also writes ``xlsx``."""
FOLLOW_UP = ("md", "html")
"""The formats of the follow-up report (:func:`render_follow_up`)."""


def generated_date(given: date | None = None) -> date:
    """The date an export says it was generated."""
    return given if given is not None else today()


def file_name(doc: PlanDoc, fmt: str, lang: str) -> str:
    return f"{doc.plan.slug or 'plan'}.{lang}.{fmt}"


def follow_up_file_name(doc: PlanDoc, fmt: str, lang: str) -> str:
    return f"{doc.plan.slug or 'plan'}.follow-up.{lang}.{fmt}"


def render_follow_up(
    fmt: str,
    doc: PlanDoc,
    roadmap: Roadmap,
    lang: str,
    *,
    generated: date,
    baseline: str | None = None,
    changes: Sequence[Change] = (),
) -> bytes:
    """The follow-up report for a steering group, in ``md`` or ``html``."""
    from roadmap.io import doc_followup, document, html

    parts = doc_followup.report
    if fmt == "md":
        built = document.build(
            doc, roadmap, lang, generated=generated, baseline=baseline, changes=changes, parts=parts
        )
        return built.markdown.encode()
    if fmt == "html":
        return html.render(
            doc, roadmap, lang, baseline=baseline, changes=changes, parts=parts
        ).encode()
    raise ValueError(f"the follow-up report is written as md or html, not {fmt!r}")


def render(
    fmt: str,
    doc: PlanDoc,
    roadmap: Roadmap,
    lang: str,
    *,
    generated: date,
    baseline: str | None = None,
    changes: Sequence[Change] = (),
) -> bytes:
    """The file of format ``fmt`` (one of :data:`FORMATS`, or ``xlsx``) in language ``lang``."""
    if fmt == "csv":
        from roadmap.io import csv_roadmap

        return csv_roadmap.render(doc, roadmap, lang)
    if fmt == "xlsx":
        from roadmap.io import csv_roadmap

        return csv_roadmap.render_xlsx(doc, roadmap, lang)
    if fmt == "ics":
        from roadmap.io import ics

        return ics.render(doc, roadmap, lang, generated=generated)
    if fmt == "md":
        from roadmap.io import document

        built = document.build(
            doc, roadmap, lang, generated=generated, baseline=baseline, changes=changes
        )
        return built.markdown.encode()
    if fmt == "html":
        from roadmap.io import html

        return html.render(doc, roadmap, lang, baseline=baseline, changes=changes).encode()
    raise ValueError(f"unknown export format {fmt!r}")
