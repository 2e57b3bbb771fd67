"""Printed documents: the PDF renderer, its page CSS, and the hand-off link with its QR code."""
