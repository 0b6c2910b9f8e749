"""roadmap: plan a vision and a roadmap together with the people it concerns."""

__version__ = "0.1.0"
