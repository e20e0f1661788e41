"""Quality: the dataset checked. Takes the output tables; gives failures at cells and rows:
the project's own arithmetic checks (checks), the Great Expectations suites (expect), and the
auditors' report with page crops (validation)."""
