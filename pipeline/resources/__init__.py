"""Data the pipeline reads at run time, shipped inside the package (and so inside its wheel):
the goal-assessment classifier (models/assessment), the Great Expectations suites
(expectations/*.json) and the gazetteer of organisations and programmes (gazetteer.jsonl).
Read through `pipeline.core.resources`, never through paths relative to the source tree."""
