"""Widgets the views share: the virtual table, the timeline, the navigation bar."""
