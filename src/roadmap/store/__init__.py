"""Storage: engines and transactions, schema migrations, backups and repository functions."""
