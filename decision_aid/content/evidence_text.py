"""Sentences taken from the evidence data's facts, for content that is written as module constants.

The facts live in the evidence loaded at start-up, so the sentences are looked up when a page is drawn,
in the reader's language, with their numbers from the data.
"""

from markupsafe import escape

from decision_aid.content import current_evidence


class FactsText:
    """An optional lead-in, then the sentences of some facts, in order, then an optional close."""

    def __init__(self, fact_ids, lead=None, tail=None):
        self.fact_ids = tuple(fact_ids)
        self.lead = lead
        self.tail = tail

    def __str__(self):
        evidence = current_evidence()
        parts = [str(self.lead)] if self.lead is not None else []
        parts += [str(evidence.fact(fact_id).text) for fact_id in self.fact_ids]
        parts += [str(self.tail)] if self.tail is not None else []
        return " ".join(parts)

    def __html__(self):
        return str(escape(str(self)))

    def __repr__(self):
        return f"FactsText({self.fact_ids!r})"


# Survival as the evidence as a whole, largest first (EVIDENCE.md (g), wording rule 1).
SURVIVAL_FACT_IDS = ("survival.pooled", "survival.mxi", "survival.ifm", "survival.network_meta")
