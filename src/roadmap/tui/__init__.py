"""The terminal app for project leads: views of a plan, editors, and the roadmap as it moves.

:func:`roadmap.tui.app.make_app` builds the app for the command line and for tests alike.
"""
