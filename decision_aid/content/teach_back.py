"""Teach-back prompts for clinic mode: a nurse asks the person to say the key points back.

Shown only in clinic mode, on the pages that carry the decision's key points.
"""

from decision_aid.extensions import lazy_gettext as _l

THE_DECISION = _l("Can you tell me in your own words what your two options are?")
THE_NUMBERS = _l("Can you tell me in your own words what these numbers show about the two options?")
WHAT_MATTERS = _l("Can you tell me in your own words which things matter most to you, and why?")
SURE_RESULT = _l("Can you tell me in your own words what would help you feel ready to decide?")
