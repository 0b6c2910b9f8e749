"""The export dialog: stakeholder documents in the chosen formats and languages, into a folder.

Writing runs in a worker thread through the same pipeline as ``roadmap export``
(:func:`roadmap.services.exporting.write_exports`, with a baseline when one is named), so the
app stays responsive on large plans; when it is done the dialog lists the files and a toast says
where they went.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, SelectionList, Static

from roadmap.i18n import N_, _, ngettext
from roadmap.services.context import PlanContext
from roadmap.tui.worded import WordedBindings

FORMATS = {
    "md": N_("Markdown document"),
    "html": N_("HTML document"),
    "csv": N_("CSV roadmap (spreadsheets)"),
    "ics": N_("Calendar (ics)"),
}
CHOSEN = ("md", "html")
"""Formats ticked when the dialog opens."""


class ExportDialog(WordedBindings, ModalScreen[list[Path] | None]):
    """Choose formats, languages and a folder; Ctrl+S writes the files."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "export", N_("Export"), priority=True),
        Binding("escape", "close", N_("Close")),
    ]

    def __init__(self, ctx: PlanContext, folder: Path) -> None:
        super().__init__()
        self.ctx, self.folder = ctx, folder
        self.written: list[Path] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(_("Export stakeholder documents")), classes="dialog-title")
            with VerticalScroll(id="form"):
                yield Label(_("Formats"), classes="field-label")
                yield SelectionList(
                    *(
                        (Text(f"{fmt}  {_(name)}"), fmt, fmt in CHOSEN)
                        for fmt, name in FORMATS.items()
                    ),
                    id="ex-formats",
                    classes="field-multi",
                )
                yield Label(_("Languages"), classes="field-label")
                yield SelectionList(
                    *((Text(lang), lang, True) for lang in self.ctx.languages),
                    id="ex-languages",
                    classes="field-multi",
                )
                yield Label(_("Folder"), classes="field-label")
                yield Input(str(self.folder), id="ex-folder")
                yield Label(_("Compare with baseline"), classes="field-label")
                yield Input(placeholder=_("name of a saved baseline (optional)"), id="ex-baseline")
                yield Static("", id="ex-result")
            with Horizontal(classes="buttons"):
                yield Button(_("Export") + "  ^S", variant="primary", id="export")
                yield Button(_("Close") + "  Esc", id="close")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#ex-formats").focus()

    def _result(self, text: str) -> None:
        self.query_one("#ex-result", Static).update(Text(text))

    @on(Button.Pressed, "#export")
    def action_export(self) -> None:
        formats = self.query_one("#ex-formats", SelectionList).selected
        languages = self.query_one("#ex-languages", SelectionList).selected
        folder = self.query_one("#ex-folder", Input).value.strip()
        baseline = self.query_one("#ex-baseline", Input).value.strip() or None
        if not formats or not languages or not folder:
            self._result(_("Choose at least one format and language, and a folder."))
            return
        self.query_one("#export", Button).disabled = True
        self._result(_("Writing ..."))
        self._write(formats, languages, Path(folder), baseline)

    @work(thread=True, exclusive=True, group="export")
    def _write(
        self, formats: list[str], languages: list[str], folder: Path, baseline: str | None
    ) -> None:
        from roadmap.services.exporting import NotFoundError, write_exports
        from roadmap.services.plans import explain

        store = self.ctx.store
        try:
            paths = write_exports(
                store, self.ctx.plan_id, formats, languages, folder, baseline=baseline
            )
        except NotFoundError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        except Exception as exc:
            message = explain(exc, store.describe())
            if message is None and not isinstance(exc, OSError):
                raise
            self.app.call_from_thread(self._failed, message or str(exc))
            return
        self.app.call_from_thread(self._written, paths, folder)

    def _failed(self, message: str) -> None:
        self.query_one("#export", Button).disabled = False
        self._result(_("Nothing written: {problem}", problem=message))
        self.notify(message, title=_("Export failed"), severity="error", markup=False)

    def _written(self, paths: list[Path], folder: Path) -> None:
        self.written = paths
        self.query_one("#export", Button).disabled = False
        self._result("\n".join(str(path) for path in paths))
        self.notify(
            ngettext(
                "{n} file written to {folder}",
                "{n} files written to {folder}",
                len(paths),
                folder=folder,
            ),
            title=_("Exported"),
            timeout=4,
            markup=False,
        )

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(self.written)
