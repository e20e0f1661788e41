"""Output: the tables written and loaded. Takes the documents' results; gives the contract's
tables in CSV and Parquet and OUT's generations (store), the warehouse in DuckDB or
PostgreSQL (warehouse), and the manifest and cache a rerun reads (manifest)."""
