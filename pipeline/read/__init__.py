"""Read: a PDF file into page layouts. Takes a path; gives per page the words with font and
box, rules, ruled-table cells, shaded cells and marks (pdf, prescan), OCR words for scanned
pages (ocr), page images (render), and lines, columns and reading order without running
headers (layout)."""
