"""The ontology's value vocabularies: named individuals grouped in SKOS concept schemes.

Polarity, strength and stance basis are individuals; claim kinds are the kind classes themselves
(`ontology.classes`), punned as concepts of the `claimKinds` scheme. A term's `scheme` says which
scheme lists it. `evidencing` is a Web Annotation motivation, a SKOS concept narrower than one of
the motivations the Web Annotation vocabulary defines.
"""

from __future__ import annotations

from dataclasses import replace

from ontology.term import Term
from ontology.term import i as _i


def i(name, types, en, es, cen, ces, broader=None, **kw) -> Term:
    term = _i(name, types, en, es, cen, ces, **kw)
    return replace(term, parents=(broader,)) if broader else term


INDIVIDUALS = [
    i("supports", ["ask:Polarity"], "supports", "apoya", "The holder is in favour of the topic.",
       "El titular está a favor del tema.",
      word="supports", table="polarity", scheme="ask:polarities"),
    i("opposes", ["ask:Polarity"], "opposes", "se opone a", "The holder is against the topic.",
       "El titular está en contra del tema.",
      word="opposes", table="polarity", scheme="ask:polarities"),
    i("concernedAbout", ["ask:Polarity"], "is concerned about", "le preocupa",
       "The holder voices concern about the topic.", "El titular expresa preocupación por el tema.",
      word="concerned-about", table="polarity", scheme="ask:polarities"),
    i("weak", ["ask:Strength"], "weak", "débil", "Held tentatively.", "Sostenida con reservas.",
      word="weak", table="strength", scheme="ask:strengths"),
    i("moderate", ["ask:Strength"], "moderate", "moderada", "Held plainly.",
       "Sostenida sin matices.",
      word="moderate", table="strength", scheme="ask:strengths"),
    i("strong", ["ask:Strength"], "strong", "fuerte", "Held emphatically.",
       "Sostenida con énfasis.",
      word="strong", table="strength", scheme="ask:strengths"),
    i("selfStated", ["ask:StanceBasis"], "stated by the holder", "expresada por el titular",
       "The holder expressed the stance (possibly as reported by a source).",
       "El titular expresó la postura (posiblemente según lo relata una fuente).",
      scheme="ask:stanceBases"),
    i("attributed", ["ask:StanceBasis"], "attributed by another", "atribuida por otro",
       "Someone other than the holder attributes the stance to them.",
       "Alguien distinto del titular le atribuye la postura.",
      scheme="ask:stanceBases"),
    i("evidencing", ["oa:Motivation"], "evidencing", "evidenciar",
      "The annotation's target is the passage of the source that is the evidence for its body (a "
      "claim): narrower than oa:assessing, as the annotation records what the passage is worth.",
      "El destino de la anotación es el pasaje de la fuente que sirve de evidencia a su cuerpo (una "
      "afirmación): más específico que oa:assessing.", broader="oa:assessing"),
]

# polarity pairs that make two stances on one topic a disagreement
OPPOSITES = [("ask:supports", "ask:opposes")]

SCHEMES = [
    _i("polarities", ["skos:ConceptScheme"], "polarities", "polaridades",
       "The directions a stance can take.", "Las direcciones que puede tomar una postura."),
    _i("strengths", ["skos:ConceptScheme"], "strengths", "intensidades",
       "How strongly a stance can be held.", "Con qué fuerza puede sostenerse una postura."),
    _i("stanceBases", ["skos:ConceptScheme"], "stance bases", "fundamentos de postura",
       "Whether a stance was stated by its holder or attributed by another.",
       "Si una postura la expresó su titular o se la atribuyó otro."),
    _i("claimKinds", ["skos:ConceptScheme"], "claim kinds", "tipos de afirmación",
       "The kinds of claim a source makes (a claim may be of several).",
       "Los tipos de afirmación que hace una fuente (una afirmación puede ser de varios)."),
]
