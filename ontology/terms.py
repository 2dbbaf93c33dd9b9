"""The ontology's single source of truth: every term we declare, as data.

`ontology.source` turns this table into an OWL ontology with owlready2; the committed
`ai-stance.ttl` / `ai-stance.owl` and `docs/vocabulary.md` are generated from it. Standard
vocabularies are reused wherever they fit; only what they lack is declared here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ONTOLOGY_IRI = "https://w3id.org/ai-stance-kg/ontology"
NS = ONTOLOGY_IRI + "#"
ID_NS = "https://w3id.org/ai-stance-kg/id/"
VERSION = "0.1.0"

PREFIXES = {
    "ask": NS,
    "id": ID_NS,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "dcterms": "http://purl.org/dc/terms/",
    "oa": "http://www.w3.org/ns/oa#",
    "wd": "http://www.wikidata.org/entity/",
}


@dataclass(frozen=True)
class Term:
    """One declared term. `parents` are superclasses (classes) or super-properties."""

    name: str
    kind: str  # class | object | data | annotation | individual
    en: str
    es: str
    comment_en: str
    comment_es: str
    parents: tuple[str, ...] = ()
    domain: tuple[str, ...] = ()  # a union when several
    range: tuple[str, ...] = ()
    functional: bool = False
    symmetric: bool = False
    inverse: str | None = None
    types: tuple[str, ...] = field(default=())  # for individuals


def _c(name, en, es, cen, ces, parents=()):
    return Term(name, "class", en, es, cen, ces, parents=tuple(parents))


def _o(name, en, es, cen, ces, domain=(), range=(), parents=(), functional=False,
       symmetric=False, inverse=None):
    return Term(name, "object", en, es, cen, ces, parents=tuple(parents), domain=tuple(domain),
                range=tuple(range), functional=functional, symmetric=symmetric, inverse=inverse)


def _d(name, en, es, cen, ces, domain=(), range=(), functional=False, parents=()):
    return Term(name, "data", en, es, cen, ces, parents=tuple(parents), domain=tuple(domain),
                range=tuple(range), functional=functional)


def _a(name, en, es, cen, ces):
    return Term(name, "annotation", en, es, cen, ces)


def _i(name, types, en, es, cen, ces):
    return Term(name, "individual", en, es, cen, ces, types=tuple(types))


CLASSES = [
    # Agents
    _c("Actor", "actor", "actor",
       "A person or organisation whose positions or relations the graph records.",
       "Persona u organización cuyas posturas o relaciones registra el grafo.",
       ["prov:Agent"]),
    _c("Person", "person", "persona", "A human actor.", "Un actor humano.",
       ["ask:Actor", "schema:Person", "prov:Person"]),
    _c("Organization", "organisation", "organización",
       "An organised group of people acting as one actor.",
       "Grupo organizado de personas que actúa como un solo actor.",
       ["ask:Actor", "schema:Organization", "prov:Organization"]),
    _c("Company", "company", "empresa", "A for-profit organisation.",
       "Organización con fines de lucro.", ["ask:Organization", "schema:Corporation"]),
    _c("NonProfit", "non-profit organisation", "organización sin fines de lucro",
       "An organisation without a profit motive.", "Organización sin ánimo de lucro.",
       ["ask:Organization", "schema:NGO"]),
    _c("Platform", "platform", "plataforma",
       "An online platform (such as a social network) that acts or publishes as an actor.",
       "Plataforma en línea (como una red social) que actúa o publica como un actor.",
       ["ask:Organization"]),
    # Topics and controlled values
    _c("Topic", "topic", "tema",
       "A subject on which actors take positions; a concept in the topic scheme.",
       "Asunto sobre el que los actores toman posición; concepto del esquema de temas.",
       ["skos:Concept"]),
    _c("Polarity", "polarity", "polaridad",
       "The direction of a stance: supports, opposes, is concerned about.",
       "La dirección de una postura: apoya, se opone, le preocupa.", ["skos:Concept"]),
    _c("Strength", "strength", "intensidad", "How strongly a stance is held, where the source says.",
       "Con qué fuerza se sostiene una postura, cuando la fuente lo dice.", ["skos:Concept"]),
    _c("StanceBasis", "stance basis", "fundamento de la postura",
       "Whether the holder stated the stance or someone else attributed it to them.",
       "Si el titular expresó la postura o si otra persona se la atribuyó.", ["skos:Concept"]),
    # Stances, relationships, disagreements
    _c("Stance", "stance", "postura",
       "An actor's position on a topic (an n-ary relation: holder, topic, polarity, evidence).",
       "La posición de un actor sobre un tema (relación n-aria: titular, tema, polaridad, evidencia).",
       ["prov:Entity"]),
    _c("Relationship", "relationship", "relación",
       "A relation between an actor and another thing, with its dates, reason and evidence; "
       "the same relation is also given as one direct triple.",
       "Relación entre un actor y otra cosa, con sus fechas, motivo y evidencia; la misma "
       "relación figura también como una tripleta directa.", ["prov:Entity"]),
    _c("Disagreement", "disagreement", "desacuerdo",
       "A relationship in which one actor disagrees with another.",
       "Relación en la que un actor discrepa de otro.", ["ask:Relationship"]),
    _c("AssertedDisagreement", "asserted disagreement", "desacuerdo afirmado",
       "A disagreement that a source states.", "Desacuerdo que una fuente afirma.",
       ["ask:Disagreement"]),
    _c("InferredDisagreement", "inferred disagreement", "desacuerdo inferido",
       "A disagreement derived by the build from two opposite stances on one topic; no source "
       "states it.",
       "Desacuerdo que la construcción deriva de dos posturas opuestas sobre un mismo tema; "
       "ninguna fuente lo afirma.", ["ask:Disagreement"]),
    _c("StanceChange", "stance change", "cambio de postura",
       "Derived by the build from two dated stances of one actor on one topic that differ in "
       "polarity or strength; no source states it.",
       "Derivado por la construcción de dos posturas fechadas de un actor sobre un mismo tema que "
       "difieren en polaridad o intensidad; ninguna fuente lo afirma.", ["prov:Entity"]),
    _c("Comparison", "comparison", "comparación",
       "A quantitative or qualitative comparison of one thing against another.",
       "Comparación cuantitativa o cualitativa de una cosa con otra.", ["prov:Entity"]),
    # Statements and their kinds
    _c("Statement", "statement", "afirmación",
       "A claim made in a source, with who asserts it, its kind and the quoted evidence.",
       "Afirmación hecha en una fuente, con quién la afirma, su tipo y la cita que la respalda.",
       ["prov:Entity"]),
    _c("EventReport", "event report", "relato de un hecho",
       "A statement that something happened.", "Afirmación de que algo ocurrió.",
       ["ask:Statement"]),
    _c("FactStatement", "fact", "hecho",
       "A statement of a property of a thing.", "Afirmación de una propiedad de una cosa.",
       ["ask:Statement"]),
    _c("Estimate", "estimate", "estimación", "A figure given as approximate.",
       "Una cifra dada como aproximada.", ["ask:Statement"]),
    _c("PlanOrPrediction", "plan or prediction", "plan o predicción",
       "A statement about the future.", "Afirmación sobre el futuro.", ["ask:Statement"]),
    _c("SelfAssessment", "self-assessment", "autoevaluación",
       "An actor's statement about its own work.", "Afirmación de un actor sobre su propio trabajo.",
       ["ask:Statement"]),
    _c("StanceStatement", "stance statement", "afirmación de postura",
       "A statement expressing an actor's position on a topic.",
       "Afirmación que expresa la posición de un actor sobre un tema.", ["ask:Statement"]),
    _c("RelationStatement", "relation statement", "afirmación de relación",
       "A statement of a relation between actors.", "Afirmación de una relación entre actores.",
       ["ask:Statement"]),
    _c("ComparisonStatement", "comparison statement", "afirmación comparativa",
       "A statement comparing one thing with another.", "Afirmación que compara una cosa con otra.",
       ["ask:Statement"]),
    # Sources
    _c("Source", "source", "fuente",
       "A document or utterance that statements come from.",
       "Documento o intervención de la que proceden las afirmaciones.",
       ["prov:Entity", "schema:CreativeWork"]),
    _c("NewsArticle", "news article", "artículo periodístico", "A news article.",
       "Un artículo periodístico.", ["ask:Source", "schema:NewsArticle"]),
    _c("SocialMediaPost", "social-media post", "publicación en redes sociales",
       "A post on a social-media platform.", "Una publicación en una red social.",
       ["ask:Source", "schema:SocialMediaPosting"]),
    _c("Interview", "interview", "entrevista", "An interview, known in full or through a report.",
       "Una entrevista, conocida íntegra o a través de un relato.", ["ask:Source"]),
    _c("Book", "book", "libro", "A book.", "Un libro.", ["ask:Source", "schema:Book"]),
    _c("Speech", "speech", "discurso", "A talk or speech given at an event.",
       "Charla o discurso pronunciado en un evento.", ["ask:Source"]),
    _c("JointStatement", "joint statement", "declaración conjunta",
       "An open letter or joint statement: one text that each signatory asserts by signing it.",
       "Carta abierta o declaración conjunta: un texto que cada firmante afirma al firmarlo.",
       ["ask:Source"]),
    _c("SignatoryList", "signatory list", "lista de firmantes",
       "The published list of who signed a joint statement, with affiliations and dates.",
       "La lista publicada de quienes firmaron una declaración conjunta, con afiliaciones y fechas.",
       ["ask:Source"]),
    _c("Signature", "signature", "firma",
       "One signatory's signing of a joint statement, as its signatory list records it.",
       "La firma de una declaración conjunta por un firmante, tal como la registra su lista.",
       ["prov:Entity"]),
    # Events, AI systems, compute
    _c("Event", "event", "acontecimiento", "Something that happened or is planned, with a date.",
       "Algo que ocurrió o está previsto, con fecha.", ["schema:Event"]),
    _c("AISystem", "AI system", "sistema de IA", "An artificial-intelligence system or product.",
       "Un sistema o producto de inteligencia artificial.", ["schema:SoftwareApplication"]),
    _c("AIModel", "AI model", "modelo de IA", "A trained AI model or a version of one.",
       "Un modelo de IA entrenado o una versión de él.", ["ask:AISystem"]),
    _c("ComputeCluster", "compute cluster", "clúster de cómputo",
       "A cluster of accelerators used to train or run AI systems.",
       "Conjunto de aceleradores usado para entrenar o ejecutar sistemas de IA.",
       ["prov:Entity"]),
    _c("Hardware", "hardware product", "producto de hardware", "A hardware product, such as a GPU.",
       "Un producto de hardware, como una GPU.", ["schema:Product"]),
    _c("CuratorInference", "curator inference", "inferencia del curador",
       "A value the curator inferred rather than read in the source, with the reasoning.",
       "Un valor que el curador infirió en lugar de leerlo en la fuente, con su razonamiento.",
       ["prov:Entity"]),
]

THING_RANGES = ("ask:AISystem", "ask:ComputeCluster")

OBJECT_PROPERTIES = [
    # stance
    _o("holder", "holder", "titular", "The actor who holds the stance (or whose stance changed).",
       "El actor que sostiene la postura (o cuya postura cambió).", ["ask:Stance", "ask:StanceChange"],
       ["ask:Actor"], functional=True),
    _o("topic", "topic", "tema", "The topic a stance, disagreement or stance change is about.",
       "El tema de una postura, un desacuerdo o un cambio de postura.",
       ["ask:Stance", "ask:Relationship", "ask:StanceChange"], ["ask:Topic"]),
    _o("polarity", "polarity", "polaridad", "The direction of the stance.",
       "La dirección de la postura.", ["ask:Stance"], ["ask:Polarity"], functional=True),
    _o("strength", "strength", "intensidad", "How strongly the stance is held.",
       "Con qué fuerza se sostiene la postura.", ["ask:Stance"], ["ask:Strength"], functional=True),
    _o("basis", "basis", "fundamento",
       "Whether the holder stated the stance or another agent attributed it.",
       "Si el titular expresó la postura o si otro agente se la atribuyó.",
       ["ask:Stance"], ["ask:StanceBasis"], functional=True),
    _o("attributedBy", "attributed by", "atribuida por",
       "The agent who attributes the stance to its holder (only for attributed stances).",
       "El agente que atribuye la postura a su titular (solo posturas atribuidas).",
       ["ask:Stance"], ["prov:Agent"]),
    _o("expressedBy", "expressed by", "expresada en",
       "The statement that expresses this stance, relationship, comparison or event.",
       "La afirmación que expresa esta postura, relación, comparación o acontecimiento.",
       ["ask:Stance", "ask:Relationship", "ask:Comparison", "ask:Event"], ["ask:Statement"]),
    _o("oppositeOf", "opposite of", "opuesta a",
       "Two polarities that cannot both be held on one topic without disagreement.",
       "Dos polaridades que no pueden sostenerse sobre un mismo tema sin desacuerdo.",
       ["ask:Polarity"], ["ask:Polarity"], symmetric=True),
    # relationship (n-ary)
    _o("from", "from", "de", "The actor the relationship starts from (its subject).",
       "El actor del que parte la relación (su sujeto).",
       ["ask:Relationship"], ["ask:Actor"], functional=True),
    _o("to", "to", "a", "What the relationship points to (its object).",
       "Aquello a lo que apunta la relación (su objeto).", ["ask:Relationship"], functional=True),
    _o("conflictingStance", "conflicting stance", "postura en conflicto",
       "One of the two opposite stances an inferred disagreement rests on.",
       "Una de las dos posturas opuestas en que se basa un desacuerdo inferido.",
       ["ask:InferredDisagreement"], ["ask:Stance"]),
    _o("earlierStance", "earlier stance", "postura anterior",
       "The earlier of the two dated stances a stance change rests on.",
       "La anterior de las dos posturas fechadas en que se basa un cambio de postura.",
       ["ask:StanceChange"], ["ask:Stance"], functional=True),
    _o("laterStance", "later stance", "postura posterior",
       "The later of the two dated stances a stance change rests on.",
       "La posterior de las dos posturas fechadas en que se basa un cambio de postura.",
       ["ask:StanceChange"], ["ask:Stance"], functional=True),
    # direct relations between actors
    _o("founded", "founded", "fundó", "The actor founded the organisation.",
       "El actor fundó la organización.", ["ask:Actor"], ["ask:Organization"]),
    _o("cofounded", "co-founded", "cofundó", "The actor founded the organisation with others.",
       "El actor fundó la organización junto con otros.", ["ask:Actor"], ["ask:Organization"],
       parents=["ask:founded"]),
    _o("left", "left", "abandonó", "The actor left the organisation.",
       "El actor abandonó la organización.", ["ask:Actor"], ["ask:Organization"]),
    _o("funded", "funded", "financió", "The actor gave money to the organisation.",
       "El actor aportó dinero a la organización.", ["ask:Actor"], ["ask:Organization"]),
    _o("built", "built", "construyó", "The actor built the system or cluster.",
       "El actor construyó el sistema o clúster.", ["ask:Actor"], list(THING_RANGES)),
    _o("developed", "developed", "desarrolló", "The actor develops or developed the AI system.",
       "El actor desarrolla o desarrolló el sistema de IA.", ["ask:Actor"], ["ask:AISystem"]),
    _o("disagreesWith", "disagrees with", "discrepa de", "The actor disagrees with the other actor.",
       "El actor está en desacuerdo con el otro actor.", ["ask:Actor"], ["ask:Actor"]),
    _o("criticises", "criticises", "critica", "The actor criticises the other actor.",
       "El actor critica al otro actor.", ["ask:Actor"], ["ask:Actor"]),
    _o("considersLegalActionAgainst", "considers legal action against",
       "considera acciones legales contra", "The actor is considering legal action against the other.",
       "El actor está considerando emprender acciones legales contra el otro.",
       ["ask:Actor"], ["ask:Actor"]),
    _o("formerChiefExecutiveOf", "former chief executive of", "ex director ejecutivo de",
       "The person was formerly the organisation's CEO.",
       "La persona fue anteriormente director ejecutivo de la organización.",
       ["ask:Person"], ["ask:Organization"]),
    # statements and provenance
    _o("assertedBy", "asserted by", "afirmada por",
       "Who asserts the statement: the source's author, or an actor as reported.",
       "Quién hace la afirmación: el autor de la fuente o un actor según lo relatado.",
       ["ask:Statement"], ["prov:Agent"], parents=["prov:wasAttributedTo"]),
    _o("statedIn", "stated in", "enunciada en",
       "Where the asserter made the statement (a post, an interview, the article itself).",
       "Dónde hizo la afirmación quien la enuncia (una publicación, una entrevista, el propio "
       "artículo).", ["ask:Statement"], ["ask:Source"]),
    _o("evidence", "evidence", "evidencia",
       "A Web Annotation selecting the exact quote in the source document.",
       "Una anotación web que selecciona la cita exacta en el documento fuente.",
       ["ask:Statement"], ["oa:Annotation"]),
    _o("about", "about", "trata de", "A thing the statement is about.",
       "Algo de lo que trata la afirmación.", ["ask:Statement"]),
    _o("supportsTriple", "supports triple", "respalda la tripleta",
       "A reified triple (rdf:Statement) whose direct form this statement is the evidence for.",
       "Una tripleta reificada (rdf:Statement) cuya forma directa respalda esta afirmación.",
       ["ask:Statement"], ["rdf:Statement"]),
    _o("hasInference", "has curator inference", "tiene inferencia del curador",
       "A value of this resource that the curator inferred, with the reasoning.",
       "Un valor de este recurso que infirió el curador, con su razonamiento.",
       range=["ask:CuratorInference"]),
    _o("reportedIn", "reported in", "relatada en",
       "The source through which this source is known (a chain of report).",
       "La fuente a través de la cual se conoce esta fuente (cadena de relato).",
       ["ask:Source"], ["ask:Source"]),
    _o("participant", "participant", "participante", "An actor taking part in an interview or event.",
       "Actor que participa en una entrevista o acontecimiento.",
       ["ask:Source", "ask:Event"], ["ask:Actor"]),
    _o("onPlatform", "on platform", "en la plataforma", "The platform a post was published on.",
       "La plataforma en la que se publicó una publicación.", ["ask:SocialMediaPost"],
       ["ask:Platform"], functional=True),
    _o("signer", "signer", "firmante", "The actor who signed.", "El actor que firmó.",
       ["ask:Signature"], ["ask:Actor"], functional=True),
    _o("signed", "signed", "firmó", "The joint statement that was signed.",
       "La declaración conjunta firmada.", ["ask:Signature"], ["ask:JointStatement"],
       functional=True),
    _o("bySigning", "asserted by signing", "afirmada al firmar",
       "The signature through which the asserter made this statement: the signatory asserts the "
       "joint statement's text by signing it.",
       "La firma por la que quien la enuncia hizo esta afirmación: el firmante afirma el texto de "
       "la declaración conjunta al firmarlo.", ["ask:Statement"], ["ask:Signature"]),
    _o("involves", "involves", "involucra", "A thing an event involves.",
       "Algo que involucra un acontecimiento.", ["ask:Event"]),
    # AI systems and compute
    _o("developedBy", "developed by", "desarrollado por", "The actor that develops the AI system.",
       "El actor que desarrolla el sistema de IA.", ["ask:AISystem"], ["ask:Actor"],
       inverse="ask:developed"),
    _o("versionOf", "version of", "versión de", "The AI system this model is a version of.",
       "El sistema de IA del que este modelo es una versión.", ["ask:AIModel"], ["ask:AISystem"],
       functional=True),
    _o("poweredBy", "powered by", "impulsado por", "A model that powers the AI product.",
       "Un modelo que impulsa el producto de IA.", ["ask:AISystem"], ["ask:AIModel"]),
    _o("trainedOn", "trained on", "entrenado en", "A compute cluster the model is trained on.",
       "Un clúster de cómputo en el que se entrena el modelo.", ["ask:AISystem"],
       ["ask:ComputeCluster"]),
    _o("gpuModel", "GPU model", "modelo de GPU", "The GPU product the cluster is made of.",
       "El producto de GPU del que se compone el clúster.", ["ask:ComputeCluster"],
       ["ask:Hardware"]),
    _o("estimatedValue", "estimated value", "valor estimado",
       "The cluster's estimated monetary value (a schema:MonetaryAmount).",
       "El valor monetario estimado del clúster (un schema:MonetaryAmount).",
       ["ask:ComputeCluster"], ["schema:MonetaryAmount"]),
    _o("compares", "compares", "compara", "The thing being compared.", "Lo que se compara.",
       ["ask:Comparison"], functional=True),
    _o("against", "against", "frente a", "What the thing is compared against.",
       "Con qué se compara.", ["ask:Comparison"], functional=True),
]

DATA_PROPERTIES = [
    _d("gpuCount", "GPU count", "número de GPU", "How many GPUs the cluster has.",
       "Cuántas GPU tiene el clúster.", ["ask:ComputeCluster"], ["xsd:integer"]),
    _d("cooling", "cooling", "refrigeración", "How the cluster is cooled.",
       "Cómo se refrigera el clúster.", ["ask:ComputeCluster"]),
    _d("interconnect", "interconnect", "interconexión", "The network fabric joining the GPUs.",
       "La red que une las GPU.", ["ask:ComputeCluster"]),
    _d("factor", "factor", "factor",
       "How many times the compared thing exceeds what it is compared against (below 1: falls "
       "short).",
       "Cuántas veces lo comparado supera a aquello con lo que se compara (menos de 1: queda "
       "por debajo).", ["ask:Comparison"], ["xsd:decimal"], functional=True),
    _d("outcome", "outcome", "resultado", "What the comparison found, in words.",
       "Lo que concluye la comparación, en palabras.", ["ask:Comparison"]),
    _d("dimension", "dimension", "dimensión", "What is compared (computing power, strength...).",
       "Qué se compara (potencia de cálculo, fuerza...).", ["ask:Comparison"]),
    _d("approximate", "approximate", "aproximado", "True when the source gives the figure as approximate.",
       "Verdadero cuando la fuente da la cifra como aproximada.", range=["xsd:boolean"],
       functional=True),
    _d("date", "date", "fecha",
       "When a stance was held, a statement made or an event happened (xsd:gYear, xsd:date or "
       "xsd:dateTime, as precise as the source allows).",
       "Cuándo se sostuvo una postura, se hizo una afirmación u ocurrió un hecho (xsd:gYear, "
       "xsd:date o xsd:dateTime, con la precisión que permita la fuente).", functional=True),
    _d("startDate", "start date", "fecha de inicio", "When a relationship began.",
       "Cuándo comenzó una relación.", ["ask:Relationship"], functional=True),
    _d("endDate", "end date", "fecha de fin", "When a relationship ended.",
       "Cuándo terminó una relación.", ["ask:Relationship"], functional=True),
    _d("duration", "duration", "duración", "How long an event took (xsd:duration).",
       "Cuánto duró un acontecimiento (xsd:duration).", ["ask:Event"], ["xsd:duration"],
       functional=True),
    _d("reason", "reason", "motivo", "Why, as the source gives it.", "Por qué, según la fuente.",
       ["ask:Relationship"]),
    _d("affiliation", "affiliation", "afiliación",
       "The affiliation a signatory gave, as the signatory list prints it (not a checked relation).",
       "La afiliación que dio un firmante, tal como la imprime la lista (no una relación comprobada).",
       ["ask:Signature"]),
    _d("gloss", "English gloss", "glosa en inglés",
       "An English rendering of the quoted passage.", "Traducción al inglés del pasaje citado.",
       ["oa:Annotation"]),
    _d("explanation", "explanation", "explicación",
       "Why an inferred disagreement or a stance change was derived, in words.",
       "Por qué se derivó un desacuerdo inferido o un cambio de postura, en palabras.",
       ["ask:InferredDisagreement", "ask:StanceChange"]),
    _d("curatorNote", "curator note", "nota del curador",
       "A note by the curator on how a resource was read from its source.",
       "Nota del curador sobre cómo se leyó un recurso en su fuente."),
    _d("inferredByCurator", "inferred by curator", "inferida por el curador",
       "True when the whole resource rests on the curator's reading rather than on the text.",
       "Verdadero cuando todo el recurso se basa en la lectura del curador y no en el texto.",
       range=["xsd:boolean"], functional=True),
]

ANNOTATION_PROPERTIES = [
    _a("inferredProperty", "inferred property", "propiedad inferida",
       "The property whose value the curator inferred.",
       "La propiedad cuyo valor infirió el curador."),
    _a("relation", "relation", "relación",
       "The direct property (such as ask:cofounded) that this relationship qualifies.",
       "La propiedad directa (como ask:cofounded) que esta relación matiza."),
]

INDIVIDUALS = [
    _i("supports", ["ask:Polarity"], "supports", "apoya", "The holder is in favour of the topic.",
       "El titular está a favor del tema."),
    _i("opposes", ["ask:Polarity"], "opposes", "se opone a", "The holder is against the topic.",
       "El titular está en contra del tema."),
    _i("concernedAbout", ["ask:Polarity"], "is concerned about", "le preocupa",
       "The holder voices concern about the topic.", "El titular expresa preocupación por el tema."),
    _i("weak", ["ask:Strength"], "weak", "débil", "Held tentatively.", "Sostenida con reservas."),
    _i("moderate", ["ask:Strength"], "moderate", "moderada", "Held plainly.",
       "Sostenida sin matices."),
    _i("strong", ["ask:Strength"], "strong", "fuerte", "Held emphatically.",
       "Sostenida con énfasis."),
    _i("selfStated", ["ask:StanceBasis"], "stated by the holder", "expresada por el titular",
       "The holder expressed the stance (possibly as reported by a source).",
       "El titular expresó la postura (posiblemente según lo relata una fuente)."),
    _i("attributed", ["ask:StanceBasis"], "attributed by another", "atribuida por otro",
       "Someone other than the holder attributes the stance to them.",
       "Alguien distinto del titular le atribuye la postura."),
]

# polarity pairs that make two stances on one topic a disagreement
OPPOSITES = [("ask:supports", "ask:opposes")]

TERMS = CLASSES + OBJECT_PROPERTIES + DATA_PROPERTIES + ANNOTATION_PROPERTIES + INDIVIDUALS

# Pairs of classes no individual may belong to both of.
DISJOINT = [
    ["ask:Person", "ask:Organization"],
    ["ask:Actor", "ask:Topic", "ask:Stance", "ask:Statement", "ask:Source", "ask:Event",
     "ask:AISystem", "ask:ComputeCluster", "ask:Hardware", "ask:Relationship", "ask:Comparison",
     "ask:StanceChange"],
    ["ask:AssertedDisagreement", "ask:InferredDisagreement"],
]
