"""Tools for developers and auditors, on top of a run: a page's tables drawn over its image
(debug) and ruled tables compared with camelot's (crosscheck)."""
