"""Meaning: what tables say. Takes document tables and the first pages; gives the document's
context and outline (outline), the year, kind and period of each column and the role of each
row (labels), the typed datasets: measures, finances, volumes, key figures, personnel
(datasets), and the multi-year series merged across reports (merge)."""
