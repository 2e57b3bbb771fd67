"""A second language in one tagged PDF: /Lang on the structure elements of that language's part.

WeasyPrint writes the document's language (/Lang in the catalog) but not an element's own lang
attribute, so a screen reader would read the second part with the first language's voice. The
part starts on a new page at a named destination (its id); every structure element whose content
lies wholly on that page or later gets the part's /Lang (PDF 1.7, 14.9.2).
"""

import io
import logging

import pikepdf

logger = logging.getLogger(__name__)


def tag_part(pdf_bytes, anchor, lang):
    """Return the PDF with /Lang set on every structure element from the anchor's page onwards."""
    try:
        with pikepdf.open(io.BytesIO(pdf_bytes)) as document:
            start = _anchor_page(document, anchor)
            if start is None or "/StructTreeRoot" not in document.Root:
                logger.warning("Bilingual PDF: no start page for the second language; left untagged")
                return pdf_bytes
            pages = {page.obj.objgen: index for index, page in enumerate(document.pages)}
            _tag(document.Root.StructTreeRoot.K, pages, start, pikepdf.String(lang))
            out = io.BytesIO()
            document.save(out)
            return out.getvalue()
    except pikepdf.PdfError:
        # Still a readable PDF, with the document's language throughout: better than no PDF.
        logger.exception("Bilingual PDF: could not set the second part's language")
        return pdf_bytes


def _anchor_page(document, anchor):
    """The index of the page a named destination points at, or None."""
    names = document.Root.get("/Names")
    if names is None or "/Dests" not in names:
        return None
    tree = pikepdf.NameTree(names.Dests)
    if anchor not in tree:
        return None
    destination = tree[anchor]
    if isinstance(destination, pikepdf.Dictionary):
        destination = destination.D
    target = destination[0].objgen
    return next((i for i, page in enumerate(document.pages) if page.obj.objgen == target), None)


def _tag(node, pages, start, lang):
    """Tag the elements under node that lie wholly in the part; return the page indexes node touches."""
    if isinstance(node, pikepdf.Array):
        touched = set()
        for child in node:
            touched |= _tag(child, pages, start, lang)
        return touched
    if not isinstance(node, pikepdf.Dictionary):
        return set()  # a marked-content id: its page is the parent's /Pg
    touched = {pages[node.Pg.objgen]} if "/Pg" in node and node.Pg.objgen in pages else set()
    if "/K" in node:
        touched |= _tag(node.K, pages, start, lang)
    if "/S" in node and touched and min(touched) >= start:
        node.Lang = lang
    return touched
