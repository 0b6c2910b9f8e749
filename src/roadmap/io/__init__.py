"""Reading and writing plan files (YAML, JSON, CSV) and stakeholder documents."""
