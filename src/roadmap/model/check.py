"""Checks of a whole plan, as ``roadmap check`` reports them.

Errors make a plan unusable for sequencing or contradict themselves (broken references,
dependency cycles, a deadline before the earliest start). Warnings are gaps a project lead
should see before publishing: items without owner or team, missing translations, needs that
no item answers.
"""

from __future__ import annotations

from dataclasses import dataclass

from roadmap.model.inputs import PlanDoc, Problem, check_references, cycle_problems

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Finding:
    severity: str
    subject: str
    """What the finding is about: ``item CI-7``, ``need N-3``, ``plan``."""
    message: str

    def __str__(self) -> str:
        return f"{self.severity}: {self.subject}: {self.message}"


def check_plan(doc: PlanDoc, *, stored: bool = False) -> list[Finding]:
    """Every error and warning of ``doc``, errors first, each group in document order.

    ``stored``: ``doc`` was read from the database, whose keys and foreign keys already rule
    out duplicates and broken references, so of those checks only cycles remain to be found.
    """
    problems = cycle_problems(doc) if stored else check_references(doc)
    errors = [Finding(ERROR, _subject(doc, p), p.message) for p in problems]
    for item in doc.items:
        if item.deadline and item.earliest_start and item.deadline < item.earliest_start:
            errors.append(
                Finding(
                    ERROR,
                    f"item {item.key}",
                    f"deadline {item.deadline} is before its earliest start {item.earliest_start}",
                )
            )
    return errors + _gaps(doc) + _missing_translations(doc)


def _subject(doc: PlanDoc, problem: Problem) -> str:
    loc = problem.loc
    if len(loc) >= 2 and loc[0] == "items" and isinstance(loc[1], int):
        return f"item {doc.items[loc[1]].key}"
    return problem.where()


def _gaps(doc: PlanDoc) -> list[Finding]:
    out = []
    for item in doc.items:
        if item.status in ("done", "dropped"):
            continue
        missing = [name for name in ("organisation", "team") if getattr(item, name) is None]
        if missing:
            out.append(Finding(WARNING, f"item {item.key}", f"has no {' and no '.join(missing)}"))
    answered = {key for item in doc.items for key in item.needs}
    for stakeholder in doc.stakeholders:
        for need in stakeholder.needs:
            if need.key not in answered:
                out.append(
                    Finding(
                        WARNING,
                        f"need {need.key}",
                        f"no item answers it ({stakeholder.name}: {need.text})",
                    )
                )
    return out


_TRANSLATED = {
    "sections": ("section", ("title", "body")),
    "organisations": ("organisation", ("name",)),
    "themes": ("theme", ("name", "description")),
    "sources": ("source", ("name", "holds", "access")),
    "stakeholders": ("stakeholder", ("name", "description")),
    "criteria": ("criterion", ("name",)),
    "items": ("item", ("title", "description")),
    "milestones": ("milestone", ("name",)),
}


def _missing_translations(doc: PlanDoc) -> list[Finding]:
    """Reader-facing texts that exist in the default language but not in another."""
    others = [lang for lang in doc.plan.languages if lang != doc.plan.default_language]
    if not others:
        return []
    rows: list[tuple[str, object, tuple[str, ...]]] = [("plan", doc.plan, ("name",))]
    for group, (noun, fields) in _TRANSLATED.items():
        rows.extend((f"{noun} {row.key}", row, fields) for row in getattr(doc, group))
    for stakeholder in doc.stakeholders:
        rows.extend((f"need {need.key}", need, ("text",)) for need in stakeholder.needs)
    out = []
    for subject, row, fields in rows:
        for lang in others:
            have = row.i18n.get(lang, {})
            lacking = [f for f in fields if getattr(row, f) and not have.get(f)]
            if lacking:
                out.append(
                    Finding(WARNING, subject, f"no {lang} translation of {', '.join(lacking)}")
                )
    return out
