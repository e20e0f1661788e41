"""The programs that turn a generated document into a PDF, as the world's reports are made:
a browser printing HTML, LibreOffice converting what an office suite wrote, WeasyPrint,
reportlab. Each producer is a function (document, style, work folder) -> PDF bytes.

Chromium and LibreOffice are Debian's (`ci/corpus.sh` installs them); python-docx, odfpy,
openpyxl and WeasyPrint come with `pip install -e '.[corpus]'`. Only `make corpus` needs
them: the committed test set is rendered once.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from corpus.document import Document
from corpus.render_html import document_html
from corpus.style import Style

Producer = Callable[[Document, Style, Path], bytes]
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync")


class ProducerMissing(RuntimeError):
    """A program a producer needs is not installed; the message says how to get it."""


def _which(program: str, how: str) -> str:
    found = shutil.which(program)
    if found is None:
        raise ProducerMissing(f"{program} is not installed: {how}")
    return found


def chromium(doc: Document, style: Style, work: Path) -> bytes:
    """Headless Chromium printing the HTML, with or without its own header and footer
    (date, title, the file's URL, "1/3")."""
    binary = _which("chromium", "apt-get install chromium (or run ci/corpus.sh)")
    source = work / f"{doc.name}.html"
    source.write_text(document_html(doc, style, folios=not style.browser_header_footer),
                      encoding="utf-8")
    target = work / f"{doc.name}.pdf"
    flags = [] if style.browser_header_footer else ["--no-pdf-header-footer"]
    with tempfile.TemporaryDirectory(prefix="chromium-") as profile:
        subprocess.run([binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *flags,
                        f"--print-to-pdf={target}", source.as_uri()],
                       check=True, capture_output=True, timeout=120)
    return target.read_bytes()


def weasyprint(doc: Document, style: Style, work: Path) -> bytes:
    from weasyprint import HTML

    return bytes(HTML(string=document_html(doc, style), base_url=str(work)).write_pdf())


def soffice_convert(source: Path, work: Path, filter_options: tuple[str, ...] = ()) -> bytes:
    """LibreOffice, headless, converting `source` to PDF in `work` (a profile of its own, so
    that runs in parallel do not share one)."""
    binary = _which("soffice", "apt-get install libreoffice-writer libreoffice-calc "
                               "(or run ci/corpus.sh)")
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        subprocess.run([binary, f"-env:UserInstallation={Path(profile).as_uri()}",
                        "--headless", "--norestore", *filter_options, "--convert-to", "pdf",
                        "--outdir", str(work), str(source)],
                       check=True, capture_output=True, timeout=180,
                       env={**os.environ, "HOME": profile})
    return source.with_suffix(".pdf").read_bytes()


def lo_html(doc: Document, style: Style, work: Path) -> bytes:
    """LibreOffice Writer opening the HTML as a text document (not Writer/Web)."""
    source = work / f"{doc.name}.html"
    source.write_text(document_html(doc, style, folios=False, break_paragraphs=True),
                      encoding="utf-8")
    return soffice_convert(source, work, ("--infilter=HTML (StarWriter)",))


def _lazy(module: str, name: str) -> Producer:
    def produce(doc: Document, style: Style, work: Path) -> bytes:
        import importlib

        function: Producer = getattr(importlib.import_module(module), name)
        return function(doc, style, work)
    return produce


PRODUCERS: dict[str, Producer] = {
    "chromium": chromium,
    "weasyprint": weasyprint,
    "lo-html": lo_html,
    "lo-odt": _lazy("corpus.render_odf", "lo_odt"),
    "lo-docx": _lazy("corpus.render_docx", "lo_docx"),
    "lo-xlsx": _lazy("corpus.render_sheet", "lo_xlsx"),
    "lo-ods": _lazy("corpus.render_sheet", "lo_ods"),
    "reportlab": _lazy("corpus.render_reportlab", "reportlab_pdf"),
}
