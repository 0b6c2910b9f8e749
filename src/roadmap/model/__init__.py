"""The plan's data model: tables that store it, input models that validate it, its calendar."""
