"""The Spanish and French wording the translation review flagged (language review A.2 and A.3) stays fixed.

One register per language (usted; vous), the drug is a capsule (cápsula, gélule), the decision question
asks rather than obliges, and the ungrammatical constructions the review found do not come back.
"""

import re

import pytest

from tests.helpers import catalog
from tests.helpers import text

DECISION_QUESTION = "Should I take lenalidomide maintenance after my stem cell transplant?"

# A tablet or a pill is the wrong form: lenalidomide and its placebo are capsules.
NOT_A_CAPSULE = {
    "es": re.compile(r"\b(?:tabletas?|pastillas?|comprimidos?)\b", re.IGNORECASE),
    # "pilule contraceptive" is the birth-control pill, not the drug.
    "fr": re.compile(r"\bcomprimés?\b|\bpilules?\b(?! contraceptives?)", re.IGNORECASE),
}
# es: tú-form imperatives opening a sentence ("Toma una cápsula…", "Sigue tomándola…"), and tú itself.
TU_FORM = re.compile(
    r"(?:^|[.!?]\s+|¡)(?:Toma|Sigue tomándola|Mira|Piensa|Habla con|Elige|Lee|Escribe|Comprueba|Vuelve)\b"
    r"|\b(?:tú|tienes|puedes|quieres|sabes|te sientes)\b"
)
# fr: tu-form ("tu", "ton", "prends") never appears in a vous text.
TU_FORM_FR = re.compile(r"\b(?:tu|ton|ta|tes|prends|peux|veux)\b", re.IGNORECASE)
# Constructions the review flagged as errors.
FLAGGED = {
    "es": re.compile(
        r"\bsi usted o su pareja podría\b|\bhasta que el mieloma empeora\b|\bcentral \(mediana\)|\bbajada\b"
        r"|^¿Tomo lenalidomida|\bpor la boca\b|\bSEGURO/A\b"
    ),
    "fr": re.compile(
        r"\bpourriez(?!-vous)\b|\bDois-je\b|\blésée?s?\b|\bcentrale \(médiane\)|\bpar la bouche\b"
        r"|\bTous les combien\b|\bfait mieux\b|\bcaillot passé\b|\bcancer passé\b"
    ),
}


def translations(locale):
    return [(str(message.id), text(message.string)) for message in catalog(locale) if message.id]


@pytest.mark.parametrize("locale", ["es", "fr"])
def test_the_drug_is_a_capsule(locale):
    assert not [msgstr for _, msgstr in translations(locale) if NOT_A_CAPSULE[locale].search(msgstr)]


def test_spanish_uses_usted_only():
    assert not [msgstr for _, msgstr in translations("es") if TU_FORM.search(msgstr)]


def test_french_uses_vous_only():
    assert not [msgstr for _, msgstr in translations("fr") if TU_FORM_FR.search(msgstr)]


@pytest.mark.parametrize("locale", ["es", "fr"])
def test_flagged_constructions_are_gone(locale):
    assert not [msgstr for _, msgstr in translations(locale) if FLAGGED[locale].search(msgstr)]


def test_the_decision_question_asks_rather_than_obliges():
    es = dict(translations("es"))[DECISION_QUESTION]
    fr = dict(translations("fr"))[DECISION_QUESTION]
    assert es.startswith("¿Debería tomar lenalidomida")
    assert fr.startswith("Devrais-je prendre")
