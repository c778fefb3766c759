"""Watch lists and alerts: an investigator watches a handle, a phone number, a person, a vessel
or an organisation (`graph watch add`); every ETL run looks for them in the reports it has just
written and raises an Alert, with the sentence and the report, for each one found."""
