"""Workshop sessions without the user interface: agenda, timer, voting rules, tallies, minutes.

Pure functions over plain records. Storage lives in :mod:`roadmap.store.workshop_sessions`,
``workshop_rounds`` and ``workshop_results``; the facilitator's and participants' apps in
:mod:`roadmap.tui.workshop`.
"""
