"""Swedish public-sector report PDFs into traceable data."""

__version__ = "0.1.0"
