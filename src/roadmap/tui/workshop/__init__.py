"""The workshop's apps: the facilitator's projector view and the participants' voting view."""
