"""The engine: scoring, the dependency graph and sequencing. Pure Python and networkx."""
