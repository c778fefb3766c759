"""The periodic ETL: job files, incremental runs with an in-store checkpoint, quarantine, run log."""
