"""Shared by every stage: the typed records that carry their provenance (records), the
catalogue of output tables, problem codes and checks (catalogue), the guards that turn a
stage's exception into a problems row (guard), files (sha256, atomic replace) and the
package's data files (resources). Imports nothing else of the pipeline."""
