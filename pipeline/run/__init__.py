"""Run: the stages over a folder. Takes RAW and OUT; reads files as tasks on processes or a
Dask cluster (runner), shows progress (progress), builds every output of the run (publish),
and gives the library's entry points (api: extract_folder, extract_document)."""
