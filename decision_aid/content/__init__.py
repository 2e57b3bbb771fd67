"""What the aid says: options, notes, values, the knowledge check, SURE, questions and numbers.

Data and pure functions of the answers and the evidence; nothing here reads the request.
"""

from flask import current_app


def current_evidence():
    """The validated evidence loaded when the app started (the one way content reaches it)."""
    return current_app.extensions["evidence"]
