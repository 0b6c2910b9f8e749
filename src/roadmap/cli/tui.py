"""``roadmap tui``: the terminal app (also what a bare ``roadmap`` opens on a terminal)."""

from __future__ import annotations

from roadmap.cli.base import Context, cli, fail, pass_ctx, plan_option
from roadmap.i18n import _


@cli.command(help=_("Open the terminal app on the plan."))
@plan_option
@pass_ctx
def tui(ctx: Context, plan_slug: str | None) -> None:
    """Open the terminal app on the plan."""
    from roadmap.services.plans import NotFoundError
    from roadmap.tui.app import make_app

    try:
        app = make_app(store=ctx.store, plan=plan_slug)
    except NotFoundError as exc:
        fail(str(exc))
    app.run()
