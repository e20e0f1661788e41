"""Tables: lines and rules of a page into tables. Takes page layouts and lines; gives page
tables with rows, columns, header and label column (ruled grids: ruled; whitespace tables:
whitespace; cells of a line: cells), then document tables joined across pages and their
observations, one per numeric cell (assemble)."""
