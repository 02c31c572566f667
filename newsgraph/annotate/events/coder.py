"""Events: who did what to whom, when, where, and on whose word.

Reads: the Doc (sentences, dependency parse, entities), `article.mentions` and
`article.entities` (actors and places, from the actor stage), `article.timexes`
(dates), `article.attributions` (claims) and `article.published`.
Returns `Event` records with a CAMEO code, PLOVER type and mode, QuadClass and
Goldstein score, trigger and sentence evidence and the rule that fired; the
caller attaches them. Mentions of one event in one article are merged.

Finding candidates and deciding are split: `_Coder.triggers` matches lexicon patterns
per token; `_Coder.events_for` builds the events of one trigger (actors,
coordination, negation, intent, date, place, claim).
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span as SpacySpan, Token

from newsgraph.annotate.event_resources import EventLexicon, Gazetteer, Pattern
from newsgraph.annotate.events.merge import _actor_key, _confidence, _merge, _same_actor
from newsgraph.annotate.events.parties import (
    _Actors, _counted, _in_long_name, _is_actor_like, _known, _names_actor, _public,
)
from newsgraph.annotate.events.syntax import (
    _agent_of_participle, _announced, _asks_a_question, _background, _children, _children_named, _clause_boundary,
    _clause_head, _conjuncts, _dateline_word, _direct_objects, _earlier_act_mark, _enables_an_act, _entity_text,
    _for_to_clause, _fronted, _governed_by, _governing_clause, _in_direct_quote, _in_restrictive_relative, _is_for_to,
    _is_time, _lemmas, _light_object, _mandated, _many, _negating_phrase, _noun_infinitive, _personal_pronoun, _pobj,
    _purpose_infinitive, _said_to_come, _under_no_word, _verb_preps,
)
from newsgraph.annotate.events.words import (
    ACTOR_LABELS, ACTOR_NOUNS, AIRCRAFT, ALLY_PREPS, ANNOUNCING_VERBS, ANY_CLAUSE, ATTEMPT_GOVERNORS, BACKGROUND_MARKS,
    COMEBACKS, CONDITION_MARKS, DISPOSITION_ADJECTIVES, EVICTING_VERBS, FAILURE_VERBS, FIGURATIVE_FOES, FIRST_PERSON,
    FORECAST_ACT_WORDS, FUTURE_AUX, GENERIC_HEADS, HOMES, INTENT_GOVERNORS, IN_TARGET_VERBS, IRREGULAR_ATTACKERS,
    LIGHT_VERBS, MEDIA_WORDS, MODAL_AUX, NAME_LABELS, NEGATING_DETERMINERS, NEUTRAL_PARTICLES,
    NON_ACTOR_LABELS, NOT_PROPERTY, OBJECT_CONTROL, PAIR_NOUNS, PARTICLE_VERBS, PASSAGE_WORDS, PERSONAL_PRONOUNS,
    PLACE_LABELS, POSSESSIVE_PRONOUNS, PREPARING_GOVERNORS, PURPOSE_PARTICIPLES, REFLEXIVES, RELATIVE_PRONOUNS,
    SAYING_VERBS, SENDING_VERBS, SETTING_PREPS, SOURCING_WORDS, SPORT_WORDS, SUBJECT_DEPS, TARGET_PREPS, THEME_PREPS,
    THING_NOUNS, THING_PRONOUNS, TITLE_LABELS, TOPIC_PREPS, UNREAL_GOVERNORS, VERBAL_ATTACKS, VIOLENT_MODIFIERS,
    VISIT_CODES, WINNING_VERBS,
)
from newsgraph.annotate.events.decide import (
    ARGUMENT_DEPS, Argument, Candidate, EventModel, article_features, candidate_features, decide, dependency_path,
    trigger_vector,
)
from newsgraph.annotate.kb import STATE_SECTORS, ActorKB
from newsgraph.annotate.timex import shift_back
from newsgraph.model import Article, Event, EventMention, Mention, Place, Span, Timex

# CAMEO codes some rules put in place of the trigger's own
MOBILIZE_CODE = "150"  # "demonstrate military or police power": forces made ready to strike
MOBILIZE_FORCES = "154"  # "mobilize or increase armed forces"
ARMED_AID = frozenset({"072", "074"})  # "provide military aid", "provide military protection or peacekeeping"
BOMBING, SUICIDE_BOMBING = "183", "1831"  # CAMEO "conduct (suicide, car, or other non-military) bombing"
MILITARY_FORCE, AERIAL_WEAPONS = "190", "195"  # "use conventional military force", "employ aerial weapons"
UNCONVENTIONAL_VIOLENCE = "180"  # attacks by gunmen and bombers, not armed forces
ARMED_SECTORS = frozenset({"MIL", "REB", "COP", "UAF", "SPY"})
# who attacks in words: politicians, parties, officials, courts, media, groups (CAMEO 111 "criticize or denounce")
SPEAKING_SECTORS = frozenset({"GOV", "ELI", "LEG", "PTY", "OPP", "JUD", "MED", "NGO", "IGO", "BUS", "EDU", "CVL", "LAB"})
CRITICISM = "111"
DEPORTATION, MASS_EXPULSION = "174", "201"  # "expel or deport individuals", "engage in mass expulsion"
OFFICIAL_COMPLAINT = "114"  # "complain officially": a protest by a state or an international body
PESSIMISTIC_COMMENT = "012"  # "make pessimistic comment": a warning that threatens no act
BLOCKADE, REJECTION = "191", "120"  # what a state's blocking is: of passage, or of a plan or a deal
CENSORSHIP = "1721"  # "impose restrictions on political freedoms" (of speech and expression): a website blocked
# roots whose acts, told in the simple present with nobody to do them to, are a habit or a standing
# policy ("which patrol the streets", "the company allows"): meetings, cooperation, aid, yielding,
# protest, force posture, reduced relations, coercion
HABITUAL_ROOTS = frozenset({"04", "05", "06", "07", "08", "14", "15", "16", "17"})


@dataclass(slots=True)
class _Trigger:
    token: Token
    pattern: Pattern
    code: str
    rule: str
    inner: Token | None = None  # the act promised, for intent codes


def code_events(article: Article, doc: Doc, *, lexicon: EventLexicon, gazetteer: Gazetteer | None = None,
                kb: ActorKB | None = None, model: EventModel | None = None) -> list[Event]:
    """Events of the article; actors come from the actor stage's mentions and entities, and `kb`
    gives the country actor of a place that is acted on. With a `model`, every candidate (what the
    rules coded and every other predicate with an actor-like argument) is decided by it; without one,
    the rules' events are the record."""
    # the model's own events come from words the rules did not code: only a deciding model needs them,
    # and only a model reads features
    coder, candidates = propose(article, doc, lexicon=lexicon, gazetteer=gazetteer, kb=kb,
                                every_word=model is not None and model.adds_events, features=model is not None)
    if model is None:
        events = [event for candidate in candidates for event in candidate.rule_events]
    else:
        events = decide(candidates, model, coder)
    return _merge(events)


def propose(article: Article, doc: Doc, *, lexicon: EventLexicon, gazetteer: Gazetteer | None = None,
            kb: ActorKB | None = None, every_word: bool = True,
            features: bool = True) -> tuple[_Coder, list[Candidate]]:
    """Every event candidate of the article, in text order: each rule trigger with the events the rules
    coded from it, and (`every_word`) each other verb, event noun or light verb's object with an
    actor-like argument; with the features the decision model reads (`features`)."""
    coder = _Coder(article, doc, lexicon, gazetteer, kb)
    level = article_features(article) if features else {}
    candidates: list[Candidate] = []
    for sent in doc.sents:
        coded: dict[int, list[Event]] = {}
        for trigger in coder.triggers(sent):
            coded.setdefault(trigger.token.i, []).extend(coder.events_for(trigger, sent))
        for token in sent:
            rule_events = coded.get(token.i, [])
            if token.i not in coded and not (every_word and coder.could_be_act(token)):
                continue
            if not features:
                candidates.append(Candidate(token, sent, rule_events))
                continue
            sources, targets = coder.arguments(token)
            if token.i not in coded and not any(_is_actor_like_mention(m) for m in sources + targets):
                continue
            named = candidate_features(token, rule_events, sources, targets, coder.lexicon_roots(token), level)
            candidates.append(Candidate(token, sent, rule_events, named, trigger_vector(token)))
    return coder, candidates


def _is_actor_like_mention(mention: Mention) -> bool:
    """Linked to an actor, a pronoun, or a capitalised name ("the plan" is none of them)."""
    if mention.actor is not None or mention.kind == "pronoun":
        return True
    return mention.kind in ("name", "metonym") and mention.text[:1].isupper()


class _Coder:
    def __init__(self, article: Article, doc: Doc, lexicon: EventLexicon, gazetteer: Gazetteer | None,
                 kb: ActorKB | None) -> None:
        self.article = article
        self.doc = doc
        self.lexicon = lexicon
        self.gazetteer = gazetteer
        self.actors = _Actors(article, doc, kb)
        self.timexes = sorted((t for t in article.timexes if t.value and t.value[:1].isdigit()
                               and t.type in ("DATE", "TIME")), key=lambda t: t.start)
        self.durations = [t for t in article.timexes if t.type == "DURATION" and t.value]
        self.attributions = sorted(article.attributions, key=lambda a: a.content.start)
        self.places = {e.start: e for e in article.entities if e.place is not None}
        self.last_pair: list[Mention] = []
        # noun-event sources given by the syntax ("protests by students", "students staged protests")
        self.structural_sources: set[int] = set()
        self.report_verbs = lexicon.classes.get("REPORT", frozenset())

    # -- candidates -----------------------------------------------------------

    def _match(self, token: Token) -> Pattern | None:
        pos = {"VERB": "VERB", "NOUN": "NOUN", "PROPN": "NOUN", "ADJ": "ADJ"}.get(token.pos_)
        if pos is None:
            return None
        patterns = next((self.lexicon.patterns[(lemma, pos)] for lemma in _lemmas(token)
                         if (lemma, pos) in self.lexicon.patterns), None)
        if not patterns:
            return None
        if pos == "NOUN" and token.ent_type_ in NON_ACTOR_LABELS:
            return None  # "in March", "a strike rate of 40 percent"
        if pos == "NOUN" and token.ent_type_ in NAME_LABELS and _in_long_name(token):
            return None  # "the Economic Cooperation Organization", "the Protest Party": a name, not an act
        if pos == "VERB" and token.ent_type_ in TITLE_LABELS and _in_long_name(token):
            return None  # "NBC's 'Meet the Press'", "the Stop the War Coalition": a title, not an act
        if pos == "NOUN" and token.dep_ == "compound" and token.head.lemma_.lower() not in GENERIC_HEADS:
            return None
        if pos == "VERB" and token.dep_ == "amod" and token.tag_ in ("VBG", "VBN"):
            return None  # "the defending champion", "an armed man": the word describes, no act happens
        if pos == "VERB" and token.lemma_.lower() == "arm" and token.tag_ == "VBN" and _children(token, "prep") \
                and not _children(token, "agent"):
            return None  # "armed with an early victory", "armed with knives": what one has, not aid given
        if pos == "VERB" and token.lemma_.lower() == "rally" and any(
                c.lower_ == "back" or c.lower_ == "from" and _pobj(c) is not None and _pobj(c).lemma_.lower() in COMEBACKS
                or c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in WINNING_VERBS
                for c in token.children):
            return None  # "rallied to beat Bautista", "rallied from two sets down": a comeback, no rally
        if any(o.ent_type_ == "LANGUAGE" for o in _children(token, "dobj")):
            return None  # "the militant, speaking English with a British accent": a language, no talks
        if any(w.lemma_.lower() in SPORT_WORDS for o in _children(token, "dobj")
               for w in [o, *_children(o, "compound", "amod")]):
            return None  # "defending champion Croatia", "attacked the goal": a game, not politics
        for pattern in patterns:
            if self._fits(token, pattern):
                return pattern
        return None

    def _objects(self, token: Token) -> list[Token]:
        objects = _children(token, "nsubjpass", "attr", "oprd") + _direct_objects(token)
        if token.dep_ == "relcl":  # "Mosul, which was seized by the militants": the relative stands for Mosul
            objects = [token.head if o.lower_ in RELATIVE_PRONOUNS else o for o in objects]
        for prep in _children(token, "prep"):
            if prep.lower_ in ("of", "with", "on", "over", "to") or token.pos_ != "VERB":
                obj = _pobj(prep)
                if obj is not None:
                    objects.append(obj)
        objects = [o for obj in objects for o in _conjuncts(obj)]
        return objects + [c for obj in objects for c in obj.children if c.dep_ == "compound"] + [
            p for obj in objects for prep in _children(obj, "prep") if prep.lower_ == "of" for p in [_pobj(prep)] if p]

    def _scope(self, token: Token) -> set[str]:
        setting = {t.i for c in token.children if c.dep_ == "prep" and c.lower_ in SETTING_PREPS for t in c.subtree}
        clause = [t for t in self._clause(token) if t.i not in setting]
        return {t.lemma_.lower() for t in clause} | {t.lower_ for t in clause}

    @staticmethod
    def _clause(token: Token) -> list[Token]:
        """The trigger's own words: its subtree without coordinated clauses, plus its
        governing verb's object for an infinitive or purpose clause ("draw on stocks to supply")."""
        out = []
        stack = [token]
        while stack:
            tok = stack.pop()
            out.append(tok)
            stack.extend(c for c in tok.children
                         if c.dep_ not in ("relcl", "appos") and not (tok.i == token.i and c.dep_ in ("conj", "cc", "nsubj")))
        infinitive = token.dep_ == "xcomp" or token.dep_ == "advcl" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
        governor = token.head if infinitive else token.head.head if token.dep_ == "pobj" else None
        if governor is not None and governor.pos_ == "VERB" and token.pos_ == "VERB":
            for child in governor.children:
                if child.dep_ in ("dobj", "prep") and not (child.left_edge.i <= token.i <= child.right_edge.i):
                    out.extend(child.subtree)
        return out

    def _fits(self, token: Token, pattern: Pattern) -> bool:
        # a particle makes another verb ("blast off", "sign up", "back out"): only a pattern naming it fits
        particle = next((c.lower_ for c in _children(token, "prt")), None)
        if particle is not None and (particle not in NEUTRAL_PARTICLES or token.lower_ in PARTICLE_VERBS) and not any(
                particle in words for words in (pattern.prt, pattern.prep) if words is not None):
            return False  # (the parser takes some prepositions for particles: "called on X")
        if (pattern.bare or pattern.noclause) and token.pos_ == "VERB" and _children(
                token, *(("dobj", "ccomp") if pattern.bare else ("ccomp",))):
            return False  # "demonstrated that those who criticise him pay", "conceded that she is uneasy"
        if pattern.person and token.pos_ == "VERB" and any(
                not self._person_like(o) and not (pattern.obj and o.lemma_.lower() in pattern.obj)
                for o in self._undergoers(token)):
            return False  # "released the figures", "executed the plan", "a video released by X"
        if pattern.obj is not None:
            if not any(o.lemma_.lower() in pattern.obj or o.lower_ in pattern.obj or o.ent_type_ in pattern.obj
                       for o in self._objects(token)):
                return False
        if pattern.prep is not None and not any(
                c.lower_ in pattern.prep and not _is_time(_pobj(c)) and not _fronted(c, token)
                for c in _children(token, "agent", "prt") + _verb_preps(token)) and not (
                "for" in pattern.prep and _for_to_clause(token) is not None):
            return False  # ("called for the army to withdraw": the parser makes "for" the clause's mark)
        # the parser often takes a particle for a preposition ("called off the talks", "crack down on")
        if pattern.prt is not None and not any(c.lower_ in pattern.prt and (c.dep_ == "prt" or _pobj(c) is None or (
                _pobj(c).ent_type_ not in PLACE_LABELS and not _is_time(_pobj(c))))
                for c in _children(token, "prt", "prep")):
            return False  # ("the speech he gave in Cairo" has no particle; "gave in to demands" has)
        if pattern.ccomp is not None and not any(
                c.lemma_.lower() in pattern.ccomp or ANY_CLAUSE in pattern.ccomp for c in _children(token, "ccomp")):
            return False
        if pattern.scope is not None and not (self._scope(token) & pattern.scope):
            return False
        if pattern.mod is not None and not any(c.lemma_.lower() in pattern.mod or c.lower_ in pattern.mod
                                               for c in token.children if c.dep_ in ("amod", "compound", "nmod")):
            return False
        if pattern.cmodal is not None and not any(
                aux.lower_ in pattern.cmodal and not _children_named(c, "nsubj", FIRST_PERSON)
                for c in _children(token, "ccomp") for aux in _children(c, "aux")):
            return False  # ("'I must confess', he said" asks nothing of anyone)
        if not pattern.specificity and _enables_an_act(token):
            return False  # "helped them dodge the draft": the act enabled is the news, no aid is given
        if pattern.report and pattern.cameo.startswith("02") and _asks_a_question(token):
            return False  # a question put is no appeal
        if pattern.subj is not None:
            subject = self._subject(token)
            words = set() if subject is None else {
                t.lemma_.lower() for t in (subject, *self._objects(subject), *_children(subject, "compound", "amod"))}
            if not words & pattern.subj:
                return False
        return True

    @staticmethod
    def _opposed(verb: Token) -> list[Token]:
        """What the act is against ("fought against poverty", "the battle with cancer")."""
        return [obj for prep in _children(verb, "prep") if prep.lower_ in ("against", "with")
                for obj in [_pobj(prep)] if obj is not None]

    @staticmethod
    def _undergoers(verb: Token) -> list[Token]:
        """Who or what the verb is done to: its object, its passive subject, or the noun its participle
        describes ("a video released by X")."""
        undergoers = _direct_objects(verb) + _children(verb, "nsubjpass")
        if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ == "NOUN":
            undergoers.append(verb.head)
        return undergoers

    def _from_homes(self, verb: Token) -> bool:
        """Are people driven from where they live ("evicted", "forced out of their homes", "expelled from
        the village", "from Pristina"), not sent out of a country ("deported", "expelled from Germany")?"""
        if verb.lemma_.lower() in EVICTING_VERBS:
            return True
        places = [_pobj(p) for p in verb.subtree if p.dep_ == "prep" and p.lower_ in ("from", "of")]
        kb = self.actors.kb
        return any(p is not None and (p.lemma_.lower() in HOMES or p.ent_type_ in PLACE_LABELS and kb is not None
                                      and kb.country_of_word(_entity_text(p)) is None) for p in places)

    def _person_like(self, token: Token) -> bool:
        """Can the phrase be people ("20 prisoners", "them", "the journalist"), not a thing ("it", "the figures")?"""
        if token.lower_ in THING_PRONOUNS:
            return False
        if token.lower_ in ("who", "whom"):
            return True  # "Sotloff, who was executed by ISIS"
        return _is_actor_like(token, self.actors) or token.ent_type_ == "CARDINAL" or \
            token.lemma_.lower() in self.lexicon.classes.get("PERSON", frozenset())

    def triggers(self, sent: SpacySpan) -> list[_Trigger]:
        matched = {}
        for token in sent:
            pattern = self._match(token)
            if pattern is not None:
                matched[token.i] = pattern
        suppressed: set[int] = set()
        inner_of: dict[int, int] = {}
        for index, pattern in matched.items():
            token = self.doc[index]
            if pattern.report and pattern.ccomp is not None and token.lemma_.lower() in SAYING_VERBS and any(
                    t.i in matched and matched[t.i].cameo[:2] >= "14"
                    for c in _children(token, "ccomp") for t in _conjuncts(c)) and self._third_party(token):
                # "the OSCE said separatists violated the ceasefire": a monitor's saying so reports the violation
                # (196, on its word); "Ukraine said Russia violated the ceasefire", "said the US violated the
                # deal" are accusations
                suppressed.add(index)
                continue
            if pattern.report:
                governor = self._governing_verb(token) if token.pos_ in ("NOUN", "PROPN") else None
                # "reiterated its demand that X ease ...": the parser may hang the demanded clause on the verb
                clauses = [c for c in governor.children if c.dep_ == "ccomp"] if governor is not None else []
                for child in [*token.children, *clauses]:
                    if child.dep_ in ("relcl", "advcl", "conj", "nsubj", "nsubjpass") and not _is_for_to(child):
                        continue
                    for tok in child.subtree:
                        if tok.i in matched and tok.i != index:
                            suppressed.add(tok.i)
                            # "vowed to strike", "vowed that Israel would strike": the act promised
                            inner = child.dep_ in ("xcomp", "prep") or child.dep_ == "ccomp" and tok.i == child.i \
                                and pattern.cameo.startswith("03") and bool(_children(tok, "dobj"))
                            if inner and index not in inner_of and self._stance_code(pattern.cameo, matched[tok.i].cameo):
                                inner_of[index] = tok.i
            if pattern.cameo.startswith("02") and any(
                    t.lower_ in SOURCING_WORDS or t.lower_ in ("named", "identified") and t.tag_ == "VBN"
                    for t in self._clause(token)):
                suppressed.add(index)  # "asked not to be identified", "requested anonymity": how news is sourced
            elif pattern.cameo.startswith("13") and pattern.report and token.tag_ == "VBG" and token.dep_ in (
                    "advcl", "acl") and not _children(token, "nsubj") and any(
                    c.dep_ == "xcomp" and not any(t.i in matched for t in c.subtree) for c in token.children):
                suppressed.add(index)  # "cut prices, threatening to deepen a glut": a risk, no act threatened
            elif token.dep_ in ("relcl", "ROOT", "conj") and token.tag_ in ("VBZ", "VBP") \
                    and pattern.cameo[:2] in HABITUAL_ROOTS and not _children(token, "aux", "auxpass") \
                    and self._verb_target(token, pattern.obj) is None and not self._dated(sent):
                # "the police, which patrol the streets", "the company allows 12 weeks of leave": what they do,
                # not what happened ("the Kurds, who fight IS", "Pyongyang, which supplies the Russian army":
                # acts on others still going on are news, and so is a caption's present with its date:
                # "students throw rocks ..., Monday Oct. 13")
                suppressed.add(index)
            elif token.dep_ == "advcl" and token.tag_ in ("VBZ", "VBP") and any(
                    m.lower_ in ("when", "whenever") for m in _children(token, "mark", "advmod")):
                suppressed.add(index)  # "when I talk to people", "when he calls for lower taxes": whenever, a habit
            elif token.pos_ in ("NOUN", "PROPN") and _background(token):
                suppressed.add(index)
            elif token.pos_ in ("NOUN", "PROPN"):
                governor = self._governing_verb(token)
                if governor is not None and governor.i in matched and governor.i != index:
                    suppressed.add(index)
            elif token.pos_ == "VERB" and _in_restrictive_relative(token):
                # "the guerrillas who overran it", "a strike that shut down the city": it says which
                # ones are meant; a relative set off by a comma ("Iran, which has armed X") tells news
                suppressed.add(index)
            elif token.dep_ == "advcl" and self._act_of(token.head, matched) and any(
                    c.dep_ in ("mark", "advmod") and c.lower_ in BACKGROUND_MARKS for c in token.children):
                # "protested after police arrested X", "announced a suspension of flights a day after
                # rebels shot down a helicopter": the occasion of the reported act
                suppressed.add(index)
            elif pattern.cameo.startswith("14") and _purpose_infinitive(token) and (
                    token.head.i not in matched or matched[token.head.i].cameo[:2] < "14"):
                # "stayed away from work to protest", "shunned the vote to protest": the act done
                # to protest is the protest ("recalled its envoy to protest" stays a recall); "began a
                # hunger strike to protest": the strike its verb took on is that protest
                protest_taken_on = any(c.i in matched and matched[c.i].cameo.startswith("14")
                                       for c in _children(token.head, "dobj"))
                suppressed.add(index if protest_taken_on else token.head.i)
            elif token.dep_ in ("advcl", "xcomp", "acl") and not _children(token, "nsubj", "nsubjpass") \
                    and self._act_of(token.head, matched):
                # "visited Y to discuss", "marched demanding": the purpose is not a second act; nor is
                # the result ("fired on the camp, killing or wounding 50": one attack)
                suppressed.add(index)
                suppressed.update(c.i for c in _conjuncts(token)[1:] if c.i in matched
                                  and matched[c.i].cameo[:2] == pattern.cameo[:2] and not _children(c, "nsubj", "nsubjpass"))
            elif token.dep_ in ("pobj", "pcomp") and token.head.dep_ == "prep" and token.head.head.i in matched and not (
                    token.dep_ == "pcomp" and token.head.lower_ in SETTING_PREPS):
                # "jailed them for playing", "accused X of violating": said of another act ("crossed before
                # retreating" is a sequence of two); so is "of killing and torturing civilians"
                suppressed.add(index)
                suppressed.update(c.i for c in _conjuncts(token)[1:] if c.i in matched and c.tag_ == token.tag_)
        triggers = []
        for index, pattern in matched.items():
            if index in suppressed:
                continue
            if pattern.pos == "ADJ" and pattern.cameo.startswith("03") and index not in inner_of:
                continue  # "willing to take a risk": ready for nothing this coder knows as an act
            token = self.doc[index]
            inner = inner_of.get(index)
            if inner is not None:
                inner_pattern = matched[inner]
                code = self._stance_code(pattern.cameo, inner_pattern.cameo) or pattern.cameo
                triggers.append(_Trigger(token, pattern, code, f"{pattern.rule}>{inner_pattern.rule}", self.doc[inner]))
            else:
                triggers.append(_Trigger(token, pattern, pattern.cameo, pattern.rule))
        return triggers

    @staticmethod
    def _act_of(verb: Token, matched: dict[int, Pattern]) -> bool:
        """Is the verb an act coded here, itself or by its object ("announced a suspension")?"""
        return verb.i in matched or any(c.i in matched for c in _children(verb, "dobj"))

    def _stance_code(self, stance: str, act: str) -> str | None:
        """The code of a promise or a refusal of an act: "promised to release" 0353, "refused to
        release" 1243 (None: the act has no such code, or the stance is neither)."""
        if stance.startswith("03"):
            return self.lexicon.intent(act)
        if stance == "120":
            return self.lexicon.refusal(act)
        return None

    @staticmethod
    def _governing_verb(token: Token) -> Token | None:
        """The verb a noun is the object of, through prepositions ("take part in sanctions")."""
        tok = token
        for _ in range(4):
            if tok.dep_ in ("dobj", "pobj", "nsubjpass", "attr", "prep", "oprd", "npadvmod", "appos", "pcomp"):
                tok = tok.head
                if tok.pos_ in ("VERB", "AUX"):
                    return tok
            else:
                return None
        return None

    # -- deciding ---------------------------------------------------------------

    def _subject(self, token: Token) -> Token | None:
        for _ in range(6):
            subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS and not _dateline_word(c)]
            # the parser sometimes hangs two subjects on one verb ("A teenager who ... after her parents
            # refused"): the one nearest before the verb is its own
            before = [c for c in subjects if c.i < token.i]
            subject = before[-1] if before else next(iter(subjects), None)
            if subject is not None:
                if subject.lower_ in RELATIVE_PRONOUNS and token.dep_ == "relcl":
                    return _antecedent(token.head, subject)
                return subject
            agent = next((c for c in token.children if c.dep_ == "agent"), None)
            if agent is not None and _pobj(agent) is not None:
                return _pobj(agent)
            if any(c.dep_ == "nsubjpass" for c in token.children) or token.tag_ == "VBN" and any(
                    c.dep_ == "auxpass" for c in token.children):
                return None  # "dozens were killed": a passive without "by" names no doer
            if token.dep_ == "xcomp":
                obj = next((c for c in token.head.children if c.dep_ in ("dobj",)), None)
                if obj is not None and token.head.lemma_.lower() in OBJECT_CONTROL:
                    return obj
                # "Japan is scheduled to meet", "the rebels were forced to withdraw": the passive's subject acts
                raised = next((c for c in token.head.children if c.dep_ == "nsubjpass"), None)
                if raised is not None:
                    return raised
                token = token.head
            elif token.dep_ in ("conj", "advcl") and not _children(token, "aux", "dobj") and (
                    token.tag_ == "VBN" and (token.dep_ == "advcl" or _children(token.head, "nsubjpass"))
                    or token.dep_ == "conj" and _children(token.head, "nsubjpass") and any(
                        p.lower_ in ("with", "for", "over", "by") for p in _children(token, "prep"))):
                # "she was taken into custody and charged with fraud", "Foley was reporting when abducted":
                # the passive goes on, and names no doer
                return None
            elif token.dep_ == "conj" and token.tag_ != "VBN" and any(c.dep_ == "nsubjpass" for c in token.head.children):
                # "was indicted by the court and will resign": the shared subject, not the agent
                return next(c for c in token.head.children if c.dep_ == "nsubjpass")
            elif token.dep_ in ("conj", "advcl", "ccomp", "pcomp", "acomp") and token.head.pos_ in ("VERB", "AUX", "ADJ"):
                token = token.head
            elif token.dep_ == "pcomp" and token.head.dep_ == "mark":
                return None  # "as fighting over the region entered its second week": a noun, nobody's act here
            elif token.dep_ == "pcomp" and token.head.lower_ in ("for", "of") and (
                    judged := self._blamed(token.head.head)) is not None:
                return judged  # "cast X as divisive for proposing": X proposed
            elif token.dep_ == "pcomp" and token.head.dep_ == "prep" and token.head.head.pos_ in ("VERB", "AUX"):
                token = token.head.head  # "resorted to blocking roads", "succeeded in capturing"
            elif token.dep_ == "acl":
                # "soldiers crossing the line" is done by the noun; "gifts offered to him" is undergone by it
                # ... and "the right to fire" names no doer either
                infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
                return None if token.tag_ == "VBN" or infinitive else token.head
            elif token.dep_ == "pcomp" or (token.dep_ == "pobj" and token.head.dep_ == "prep"):
                token = token.head.head
            else:
                return None
        return None

    def _blamed(self, word: Token) -> Token | None:
        """The actor a "for"/"of" reason hanging on `word` is said of: the object of its verb ("praised X
        for helping", "cast X as reckless for sending"); None when the object is no actor."""
        for _ in range(3):
            if word.pos_ == "VERB":
                obj = next((c for c in word.children if c.dep_ == "dobj"), None)
                return obj if obj is not None and _is_actor_like(obj, self.actors) else None
            if word.dep_ not in ("amod", "acomp", "oprd", "pobj", "prep"):
                return None
            word = word.head
        return None

    def _verb_target(self, token: Token, theme: frozenset[str] | None = None,
                     preps: frozenset[str] | None = None) -> Token | None:
        """Who the act is done to; `theme` lists object words that are what is acted on
        ("voiced opposition", "signed a deal"), not whom; `preps` are the prepositions the
        trigger's pattern requires ("left for X", "warned of X"), whose object comes first."""
        passive = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
        if passive is not None and _is_actor_like(passive, self.actors) and not (theme and passive.lemma_.lower() in theme):
            return passive
        # "the agreement was signed by X and Y": a thing undergoing the act is its theme, like an object
        passive_theme = [passive] if passive is not None else []
        dative = next((c for c in token.children if c.dep_ == "dative"), None)
        if dative is not None:
            return _pobj(dative) if dative.pos_ == "ADP" else dative
        for prep in _children(token, "prep"):
            # "offered its engineers to Chile": the recipient, not the thing given
            if prep.lower_ == "to" and _children(token, "dobj"):
                obj = _pobj(prep)
                if obj is not None and _is_actor_like(obj, self.actors):
                    return obj
        # what is acted on: the object, or the object of the pattern's preposition ("called for sanctions")
        themes = passive_theme + _direct_objects(token) + [
            obj for prep in _children(token, "prep", "prt") if preps and prep.lower_ in preps for obj in [_pobj(prep)]
            if obj is not None]
        for obj in themes:
            if obj.lower_ in ("whom", "who") and token.dep_ == "relcl" and _is_actor_like(token.head, self.actors):
                return token.head  # "the minister, whom they had taken hostage": the one the clause is about
            if _is_actor_like(obj, self.actors) and not (theme and obj.lemma_.lower() in theme):
                return obj
            owner = next((c for c in obj.children if c.dep_ == "poss"), None)
            if owner is not None and owner.lower_ not in POSSESSIVE_PRONOUNS and _is_actor_like(owner, self.actors):
                return owner
            # "provided aid to Ukraine", "welcomed the resumption of ties with Bhutan":
            # the recipient hangs on the object, or on its "of" phrase
            nouns = [obj] + [p for prep in _children(obj, "prep") if prep.lower_ == "of" for p in [_pobj(prep)] if p]
            if len(nouns) > 1 and _is_actor_like(nouns[1], self.actors):
                return nouns[1]  # "rejected the demands of Iraq"
            for noun in nouns:
                party = self._party_of_theme(noun)
                if party is not None:
                    return party
        opponent = _opponent_of_allies(token)
        if opponent is not None and _is_actor_like(opponent, self.actors):
            return opponent
        # "arrived in Lima" names whom it visits; elsewhere "in X" is where, not whom
        places = ("in",) if theme is None and token.lemma_.lower() in IN_TARGET_VERBS else ()
        for preposition in (*sorted(preps or ()), *TARGET_PREPS, *places):
            for prep in _verb_preps(token):
                if prep.lower_ == preposition and not _fronted(prep, token):
                    obj = _pobj(prep)
                    if obj is not None and _is_actor_like(obj, self.actors):
                        return obj
        if token.dep_ == "relcl" and any(c.lower_ == "where" for c in token.children):
            return token.head
        if token.dep_ == "acl" and token.tag_ == "VBN" and _is_actor_like(token.head, self.actors):
            return token.head  # "the Kurds, backed by the US": the participle is done to its noun
        if token.dep_ == "xcomp" and token.head.lemma_.lower() not in OBJECT_CONTROL:
            return None
        return None

    def _party_of_theme(self, noun: Token) -> Token | None:
        """The actor a thing acted on is tied to: who did it ("condemned an attack by X"), whom it came
        from ("welcomed memos from X"), between whom ("ties between X and Y") or whom it is for or
        against ("aid to X", "sanctions against X", "shells at X"); the doer comes first."""
        for preposition in THEME_PREPS:
            for prep in _children(noun, "prep", "agent"):
                if prep.lower_ == preposition:
                    party = _pobj(prep)
                    if party is not None and _is_actor_like(party, self.actors):
                        return party
        return None

    def _noun_args(self, token: Token) -> tuple[Token | None, Token | None, list[Token]]:
        source = target = None
        pair: list[Token] = []
        if token.dep_ == "compound":  # "a mediation mission between": the phrase's head carries the arguments
            token = token.head
        for child in token.children:
            if child.dep_ == "poss" and source is None and child.lower_ not in POSSESSIVE_PRONOUNS:
                source = child
            elif child.dep_ in ("prep", "agent"):
                obj = _pobj(child)
                if obj is None:
                    continue
                word = child.lower_
                if word == "by":
                    source = obj
                    self.structural_sources.add(obj.i)
                elif word == "between":
                    pair = _conjuncts(obj)
                elif word == "of" and _is_actor_like(obj, self.actors):
                    if token.lemma_.lower() in ("visit", "trip", "talks", "talk", "meeting", "summit", "aid",
                                                "assistance", "offer", "promise", "pledge", "demand", "appeal"):
                        source = source or obj
                    else:
                        target = target or obj
                elif word == "of" and target is None:
                    # "a suspension of flights to Peru", "the sale of arms to Iran": the party of what is acted on
                    target = next((party for prep in _children(obj, "prep") if prep.lower_ in TARGET_PREPS
                                   for party in [_pobj(prep)] if party is not None
                                   and _is_actor_like(party, self.actors)), None)
                elif word in TARGET_PREPS and _is_actor_like(obj, self.actors):
                    target = target or obj
        if source is None:
            # "the signing of the treaty by X": the parser often hangs "by" on the object
            for prep in _children(token, "prep"):
                obj = _pobj(prep) if prep.lower_ == "of" else None
                agent = next((c for c in obj.children if c.dep_ in ("prep", "agent") and c.lower_ == "by"),
                             None) if obj is not None else None
                if agent is not None and _pobj(agent) is not None:
                    source = _pobj(agent)
                    self.structural_sources.add(source.i)
        verb = self._governing_verb(token)
        if verb is not None and LIGHT_VERBS.intersection(_lemmas(verb)) and _light_object(token, verb):
            if source is None:
                source = self._subject(verb)
                if source is None and verb.lemma_.lower() in ("engage", "involve"):
                    # "forces were engaged in ethnic cleansing": the passive's subject does it
                    source = next(iter(_children(verb, "nsubjpass")), None)
                if source is not None:
                    self.structural_sources.add(source.i)
            if target is None and not pair:
                target = self._light_verb_target(verb, token)  # "gave a warm welcome to X", "held talks with X"
        if source is None:
            for child in token.children:
                if child.dep_ in ("amod", "compound") and child.ent_type_ in ("NORP", "GPE", "ORG") \
                        and not self._only_place(child):
                    source = child
                    break
        return source, target, pair

    def _names_doer(self, act: Token) -> bool:
        """Does an act's noun name who did it ("US raids"), not only where ("the Lyon attacks")?"""
        head = _counted(act)
        left, right = _Actors.phrase(head)
        return any(t.ent_type_ in ACTOR_LABELS and t.ent_iob_ == "B" and not self._only_place(t)
                   for t in act.doc[left:right])

    def _only_place(self, token: Token) -> bool:
        """Is the word a town or region the actor stage did not take for an actor ("the Paris attacks",
        "the Hama massacre")? Before an act's noun it says where; a country ("US raids") says who."""
        entity = self.places.get(token.idx) if token.ent_iob_ == "B" else None
        kb = self.actors.kb
        return entity is not None and entity.actor is None and (kb is None or kb.country_of_word(entity.text) is None)

    def _light_verb_target(self, verb: Token, noun: Token) -> Token | None:
        """The party of an act named by a noun but hung by the parser on its light verb."""
        for preposition in TARGET_PREPS:
            for prep in _children(verb, "prep"):
                obj = _pobj(prep) if prep.lower_ == preposition else None
                if obj is not None and obj.i != noun.i and _is_actor_like(obj, self.actors):
                    return obj
        return None

    def _expand(self, token: Token | None) -> list[Mention]:
        """Mentions for a phrase and its conjuncts; "the two men" stands for the last pair."""
        if token is None:
            return []
        heads = [_counted(h) for h in _conjuncts(token)]
        if len(heads) == 1 and token.lemma_.lower() in PAIR_NOUNS and self.last_pair and any(
                c.lower_ in ("two", "both") for c in token.children):
            return list(self.last_pair)
        mentions = [self.actors.mention(h) for h in heads]
        if len(heads) == 1:
            mentions = self.actors.coordinated_countries(heads[0], mentions[0]) or mentions
        return mentions

    def _negated(self, token: Token) -> bool:
        tok = token
        if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "pobj"):
            # "will not participate in any negotiations", "did not hold talks": the verb's negation holds
            governor = self._governing_verb(tok)
            if governor is not None and any(c.dep_ == "neg" for c in governor.children):
                return True
        for _ in range(3):
            if any(c.dep_ == "neg" or c.lower_ in ("never", "no") and c.dep_ in ("advmod", "det") for c in tok.children):
                return True
            if any(d.lower_ in NEGATING_DETERMINERS and d.dep_ in ("det", "preconj")
                   for subject in _children(tok, "nsubj", "nsubjpass") for d in subject.children):
                return True
            if any(_negating_phrase(prep) for prep in _children(tok, "prep")):
                return True
            if tok.pos_ == "VERB" and any(d.dep_ == "det" and d.lower_ == "no"
                                          for obj in _children(tok, "dobj") for d in obj.children):
                return True  # "offered no information", "signed no deal": none was
            if _under_no_word(tok):
                return True  # "no information on X being wounded", "no sign that X attacked"
            if tok.dep_ in ("pcomp", "pobj") and tok.tag_ == "VBG" and tok.head.lower_ == "without":
                return True  # "without appearing to give in": not done
            if tok.dep_ in ("pcomp", "pobj") and tok.tag_ == "VBG" and tok.head.dep_ == "prep" \
                    and tok.head.head.pos_ == "ADJ":
                tok = tok.head.head  # "are not serious in fighting ISIL": the adjective's negation holds
                continue
            if tok.dep_ in ("xcomp", "acomp") and tok.head.pos_ in ("VERB", "ADJ", "AUX"):
                # "he is not willing to": the copula carries the negation of its adjective
                if tok.head.lemma_.lower() in FAILURE_VERBS:
                    return True  # "failed to reach a deal": the act did not happen
                if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in ("be", "have") and any(
                        c.dep_ == "advmod" and c.lower_ == "yet" for c in tok.head.children):
                    return True  # "has yet to sign", "are yet to respond": not done so far
                tok = tok.head
            else:
                break
        return False

    def _modality(self, token: Token) -> tuple[bool, bool, bool]:
        """(future, unreal, only_thought): "will sign" is future; "would/could sign", "if they sign",
        "fear a strengthening", "denied attacking" are unreal; only_thought when a governing verb
        alone makes it so ("feared", "plotted", "considered": nobody announced the act)."""
        future = unreal = only_thought = False
        verb = token if token.pos_ in ("VERB", "AUX", "ADJ") else self._governing_verb(token)
        if verb is not None:
            for child in verb.children:
                word = child.lower_
                if child.dep_ == "aux" and word in FUTURE_AUX:
                    future = True
                elif child.dep_ == "aux" and word in MODAL_AUX:
                    # "said it would permit": future in reported speech
                    if word == "would" and _announced(verb) and not _said_to_come(verb):
                        pass  # "announced it would prohibit aid": the decision announced is the act
                    elif word == "would" and _announced(verb):
                        future = True  # "announced that Mandela would be freed soon": not yet
                    elif word == "would" and verb.dep_ == "ccomp" and verb.head.lemma_.lower() in self.report_verbs:
                        future = True
                    else:
                        unreal = True
                elif child.dep_ == "mark" and word in CONDITION_MARKS:
                    unreal = only_thought = True  # "if they attack", "whether he was captured": no threat
                elif child.dep_ == "mark" and word == "for" and _is_for_to(verb):
                    unreal = True  # "waiting for the army to withdraw": wished, not done
            if any(c.dep_ == "aux" and c.lower_ == "going" for c in verb.children):
                future = True
            if _mandated(verb):
                unreal = True
        tok = token
        for _ in range(4):
            if tok.dep_ in ("ROOT",) or tok.head.i == tok.i or _clause_boundary(tok):
                break
            tok = tok.head
            if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.lemma_.lower() in PURPOSE_PARTICIPLES:
                unreal = True
                break
            if tok.pos_ in ("VERB", "NOUN", "ADJ") and tok.lemma_.lower() in INTENT_GOVERNORS:
                future = True
                break
            if tok.pos_ == "ADJ" and tok.lower_ in DISPOSITION_ADJECTIVES:
                unreal = only_thought = True
                break
            if tok.pos_ in ("VERB", "NOUN") and tok.lemma_.lower() in UNREAL_GOVERNORS:
                only_thought = tok.lemma_.lower() not in ANNOUNCING_VERBS
                unreal = True
                break
        return future, unreal, only_thought

    def _dated(self, sent: SpacySpan) -> bool:
        """Does the sentence name a day or a time (not a span such as "12 weeks")?"""
        return any(t.type in ("DATE", "TIME") and sent.start_char <= t.start < sent.end_char for t in self.timexes)

    def _date(self, trigger: Token, sent: SpacySpan) -> tuple[str | None, str | None]:
        """The act's date and how it was found. A date in the act's own clause dates it ("timex");
        an act told as background of another ("nine months after Putin hosted Kim", "who had hosted
        Kim") is dated by its offset from that act when the text gives one ("timex offset"), else
        only as before it ("PAST_REF", "background"); otherwise a date of a clause above it
        ("timex of the governing clause"), else the publication date."""
        clause = _clause_head(trigger)
        own = self._clause_timexes(clause, sent)
        if own:
            return min(own, key=lambda t: abs(t.start - trigger.idx)).value, "timex"
        mark = _earlier_act_mark(clause)
        governing = _governing_clause(clause)
        if mark is not None:
            offset = self._offset(clause, sent)
            if offset is not None and governing is not None and mark != "had":
                anchor, _ = self._date(governing, sent)
                shifted = shift_back(anchor, offset) if anchor else None
                if shifted:
                    return shifted, "timex offset"
            return "PAST_REF", f"background ({mark})"
        while governing is not None:
            above = self._clause_timexes(governing, sent)
            if above:
                return min(above, key=lambda t: abs(t.start - trigger.idx)).value, "timex of the governing clause"
            governing = _governing_clause(governing)
        if self.article.published:
            return self.article.published, "published"
        return None, None

    def _clause_timexes(self, clause: Token, sent: SpacySpan) -> list[Timex]:
        """The dates in the sentence whose words belong to `clause` (not to a clause below it)."""
        found = []
        for timex in self.timexes:
            if sent.start_char <= timex.start and timex.end <= sent.end_char:
                words = [t for t in sent if timex.start <= t.idx < timex.end]
                if words and any(_clause_head(t).i == clause.i for t in words):
                    found.append(timex)
        return found

    def _offset(self, clause: Token, sent: SpacySpan) -> str | None:
        """The duration the text puts between a background act and the act above it ("nine months
        after"), as a TIMEX3 duration value."""
        for timex in self.durations:
            if sent.start_char <= timex.start and timex.end <= sent.end_char:
                words = [t for t in sent if timex.start <= t.idx < timex.end]
                if any(t.dep_ == "npadvmod" and t.head.i == clause.i for t in words):
                    return timex.value
        return None

    @staticmethod
    def _place_of(ent: SpacySpan, trigger: Token) -> bool:
        """Is "in/at PLACE" said of the trigger: attached to it, or to its objects
        ("a summit in Pyongyang"), but not to another act ("Putin's arrival in Pyongyang")?"""
        if ent.root.dep_ != "pobj" or ent.root.head.lower_ not in ("in", "at", "near", "inside"):
            return False
        tok = ent.root.head.head
        for _ in range(4):
            if tok.i == trigger.i:
                return True
            if tok.pos_ in ("VERB", "AUX") or any(c.dep_ == "poss" for c in tok.children) or tok.head.i == tok.i:
                return False
            tok = tok.head
        return False

    def _location(self, trigger: Token, sent: SpacySpan) -> Place | None:
        choice = next((ent for ent in sent.ents if ent.label_ in PLACE_LABELS and self._place_of(ent, trigger)), None)
        if choice is None:
            return None
        entity = self.places.get(choice.start_char)
        if entity is not None and entity.place is not None:
            return self.gazetteer.locate(entity.place) if self.gazetteer else entity.place
        name = choice.text.removeprefix("the ").removesuffix("'s")
        return self.gazetteer.geocode(name) if self.gazetteer else Place(name, None)

    def _claim(self, trigger: Token) -> str | None:
        for attribution in self.attributions:
            if attribution.content.start <= trigger.idx < attribution.content.end:
                return attribution.id
        return None

    # -- what the decision model reads and asks for ------------------------------

    def could_be_act(self, token: Token) -> bool:
        """A verb, an event noun of the lexicon, or the object of a light verb ("held talks")."""
        if token.pos_ == "VERB":
            return token.dep_ not in ("amod", "aux", "auxpass")
        if token.pos_ == "NOUN":
            return any((lemma, "NOUN") in self.lexicon.patterns for lemma in _lemmas(token)) or (
                token.dep_ == "dobj" and token.head.lemma_.lower() in LIGHT_VERBS)
        return False

    def arguments(self, token: Token) -> tuple[list[Mention], list[Mention]]:
        """The mentions the parse gives as doer and as undergoer of `token`, before any rule."""
        if token.pos_ in ("NOUN", "PROPN"):
            source_tok, target_tok, _ = self._noun_args(token)
            if source_tok is None and token.dep_ == "dobj" and token.head.lemma_.lower() in LIGHT_VERBS:
                source_tok = self._subject(token.head)
        else:
            source_tok, target_tok = self._subject(token), self._verb_target(token)
        sources = [self.actors.mention(source_tok)] if source_tok is not None else []
        targets = [self.actors.mention(target_tok)] if target_tok is not None else []
        return sources, targets

    def lexicon_roots(self, token: Token) -> set[str]:
        """The CAMEO roots the trigger lexicon gives the word in any frame."""
        pos = "NOUN" if token.pos_ in ("NOUN", "PROPN") else token.pos_
        return {p.cameo[:2] for lemma in _lemmas(token) for p in self.lexicon.patterns.get((lemma, pos), [])}

    def argument_mentions(self, candidate: Candidate) -> list[Argument]:
        """Every actor-like phrase of the candidate's sentence, and the speaker whose words hold it."""
        token, found = candidate.token, {}
        for tok in candidate.sent:
            if tok.pos_ not in ("PROPN", "NOUN", "PRON") or tok.dep_ not in ARGUMENT_DEPS:
                continue
            mention = self.actors.mention(tok)
            if not (mention.actor is not None or tok.ent_type_ in ACTOR_LABELS or mention.kind == "pronoun"
                    and tok.lower_ not in THING_PRONOUNS or tok.lemma_.lower() in ACTOR_NOUNS):
                continue
            known = found.get((mention.start, mention.end))
            # a phrase is placed in the parse by its head, the word whose own head lies outside it
            if known is None or mention.start <= known.token.head.idx < mention.end:
                found[(mention.start, mention.end)] = Argument(mention, tok, path=dependency_path(tok, token))
        claim = self._claim(token)
        speaker = next((a.speaker or a.source for a in self.attributions if a.id == claim), None)
        if speaker is not None and (speaker.start, speaker.end) not in found:
            found[(speaker.start, speaker.end)] = Argument(speaker, None, path="speaker")
        return list(found.values())

    def build(self, candidate: Candidate, code: str, source: Mention | None, target: Mention | None,
              rules: list[str], score: float) -> Event:
        """An event decided by the model: its code and parties, with the rules' modality, date, place, claim."""
        token, sent = candidate.token, candidate.sent
        future, unreal, _ = self._modality(token)
        negated = self._negated(token)
        hypothetical = (unreal or future) and code[:2] not in ("03", "13")
        info = self.lexicon.info(code)
        date, date_source = self._date(token, sent)
        trigger_span = Span(token.idx, token.idx + len(token), token.text)
        sentence_span = Span(sent.start_char, sent.end_char, sent.text)
        noun = token.pos_ in ("NOUN", "PROPN")
        return Event(
            id="", cameo=code, trigger=trigger_span, sentence=sentence_span, source=source, target=target,
            root=code[:2], plover_type=info.plover_type, plover_mode=info.plover_mode, quad_class=info.quad_class,
            goldstein=info.goldstein, date=date, date_source=date_source, location=self._location(token, sent),
            claimed_by=self._claim(token), negated=negated, hypothetical=hypothetical,
            confidence=_confidence(source, target, noun, code), rule=rules[0], rules=rules, score=score,
            mentions=[EventMention(trigger_span, sentence_span, rules[0])],
        )

    def events_for(self, trigger: _Trigger, sent: SpacySpan) -> list[Event]:
        token, pattern = trigger.token, trigger.pattern
        # a gerund used as a noun ("the signing of the treaty by ...") takes a noun's arguments
        noun = token.pos_ in ("NOUN", "PROPN") or token.tag_ == "VBG" and token.dep_ in (
            "nsubj", "nsubjpass", "dobj", "pobj") and any(c.dep_ == "det" for c in token.children)
        pair: list[Token] = []
        if noun:
            source_tok, target_tok, pair = self._noun_args(token)
        else:
            source_tok = self._subject(token)
            # a pattern's object words name what is acted on ("signed a deal"), unless it is done to them
            theme = None if pattern.person else pattern.obj
            target_tok = self._verb_target(trigger.inner if trigger.inner is not None else token, theme,
                                           None if trigger.inner is not None else pattern.prep)
            if target_tok is None and trigger.inner is not None:
                target_tok = self._verb_target(token, theme, pattern.prep)
            if pattern.ccomp is not None and ANY_CLAUSE not in pattern.ccomp:
                # "accused that X had ...": the charge is against the clause's subject
                complement = next((c for c in token.children if c.dep_ == "ccomp"), None)
                target_tok = self._subject(complement) if complement is not None else None
            if target_tok is None and token.dep_ == "conj" and token.head.pos_ == "VERB":
                # "provided X with expertise and sent aid": coordinated acts share the recipient
                target_tok = self._verb_target(token.head)
            if target_tok is not None and source_tok is not None and target_tok.i == source_tok.i:
                target_tok = None  # "was charged and will resign": the shared subject is the doer of both
        if target_tok is not None and target_tok.head.dep_ == "prep" and (
                "05" <= trigger.code[:2] < "09" and target_tok.head.lower_ == "against"
                or trigger.code.startswith("04") and trigger.code not in VISIT_CODES
                and target_tok.head.lower_ in TOPIC_PREPS):
            # "coordinated efforts against the Islamic State": no partner; "talks on Syria", "met on
            # Tinder": what or where, not with whom
            target_tok = None
        if target_tok is None and pattern.report and not noun:
            # "threatened to cut supplies to X", "refused to meet X": the one the announced act is done to
            inner_act = next((c for c in token.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
            target_tok = self._verb_target(inner_act) if inner_act is not None else None
        if target_tok is None and pattern.report and pattern.ccomp is None and not trigger.code.startswith("03"):
            # "demanded that Israel withdraw", "its demand that Israel ease": the one asked is the clause's subject
            complement = next((c for c in token.children if (c.dep_ in ("ccomp", "acl") or _is_for_to(c))
                               and _children(c, "nsubj")), None)
            subject = _children(complement, "nsubj")[0] if complement is not None else None
            if subject is not None and subject.lower_ not in RELATIVE_PRONOUNS and not _personal_pronoun(subject) \
                    and _is_actor_like(subject, self.actors):
                target_tok = subject
        if source_tok is not None and (source_tok.lemma_.lower(), "NOUN") in self.lexicon.patterns \
                and not self._names_doer(source_tok):
            source_tok = None  # "a minefield explosion killed ...": an act is not an actor ("US raids" name one)
        planter = _agent_of_participle(source_tok) if source_tok is not None and not noun else None
        if planter is not None and source_tok.lemma_.lower() in THING_NOUNS and trigger.code[:2] >= "18" \
                and _is_actor_like(planter, self.actors):
            source_tok = planter  # "a bomb planted by ETA exploded": the attack is ETA's
        if source_tok is not None and not noun and source_tok.pos_ == "NOUN" and not source_tok.ent_type_ \
                and source_tok.lemma_.lower() in THING_NOUNS:
            if trigger.code[:2] < "18":
                return []  # "the plan could boost troops", "an essay discussing X": a thing does no act
            source_tok = None  # "a roadside bomb killed three soldiers": an attack by someone unnamed
        if trigger.code[:2] in ("18", "19", "20") and any(
                o.lemma_.lower() in FIGURATIVE_FOES for o in self._objects(token) + self._opposed(token)):
            return []  # "fighting addiction", "battling the flames": no armed foe
        if trigger.code[:3] in ("171", "192") and any(
                o.lemma_.lower() in NOT_PROPERTY and not any(p.lower_ == "of" for p in _children(o, "prep"))
                for o in _children(token, "dobj")):
            return []  # "seized power in a coup": nothing is seized from anyone
        if any(o.lower_ in REFLEXIVES for o in _children(token, "dobj")):
            if trigger.code.startswith("183"):
                target_tok = None  # "a suicide bomber blew himself up on a bus": the bombing
            else:
                return []  # "shot himself", "killed themselves": done to oneself, between no two actors
        if source_tok is not None and source_tok.lower_ == "you" and self.actors.mention(source_tok).actor is None:
            return []  # "when you give people money": the generic or addressed "you" is nobody in the news
        if source_tok is not None and _personal_pronoun(source_tok) and not (
                _in_direct_quote(source_tok) and source_tok.lower_ not in FIRST_PERSON):
            # ("'They ask for money,' he said": in his own words "they" are others, not the speaker)
            speaker = self._speaker(token)
            if speaker is not None and self.actors.mention(source_tok).actor is None:
                source_tok = speaker
        relative = token.dep_ == "relcl" and any(
            c.dep_ in SUBJECT_DEPS and c.lower_ in RELATIVE_PRONOUNS for c in token.children)
        sources = [self.actors.mention(source_tok)] if relative and source_tok is not None else self._expand(source_tok)
        targets = self._expand(target_tok)
        if pair:
            pair_mentions = self._expand(pair[0]) if len(pair) == 1 else [self.actors.mention(p) for p in pair]
            if not pattern.symmetric and sources:
                targets = targets or pair_mentions  # "X's mediation between Y and Z": Y and Z are its targets
            elif len(pair_mentions) >= 2:
                sources, targets = pair_mentions, []
            elif pair_mentions and not targets:
                targets = pair_mentions
        if len(sources) == 1 and len(targets) >= 2 and target_tok is not None and target_tok.head.lower_ == "between":
            # "Kim promised friendship between the two countries": the target is the other country
            others = [m for m in targets if _actor_key(m) != _actor_key(sources[0])]
            targets = others or targets
        reciprocal = any(o.lower_ == "other" and any(c.lower_ in ("each", "one") for c in o.children)
                         for o in _children(token, "dobj", "pobj"))
        if reciprocal:
            targets = []
        if not targets and len(sources) == 1:
            targets = self._partner_from_pair(token, sources[0])
        if noun and not any(m.actor is not None for m in sources) and not (
                source_tok is not None and source_tok.i in self.structural_sources):
            return []  # a bare noun ("the visit") needs a known actor; "X staged protests" names its own
        if token.dep_ == "acl" and token.tag_ == "VBN" and source_tok is None:
            return []  # "the sanctions imposed on X": background, with nobody doing it
        if not any(m.actor is not None for m in sources + targets) and not any(
                tok is not None and not _personal_pronoun(tok) and _is_actor_like(tok, self.actors)
                for tok in (source_tok, target_tok)):
            return []  # an event needs an actor: a linked one, or at least a name or a role ("the rebels")
        if not sources and not targets:
            return []
        if not sources and not any(m.actor is not None for m in targets) and not (
                target_tok is not None and _names_actor(target_tok)):
            return []  # "dozens were killed": no doer, and nobody named it was done to
        if pattern.symmetric and trigger.code.startswith("04") and len(sources) == 1 and not targets and not pair \
                and source_tok is not None and not any(c.dep_ in ("amod", "compound", "nmod") and _children(c, "conj")
                                                       for c in source_tok.children):
            return []  # "the cabinet met": a body meeting alone is not an interaction
        if pattern.cameo in VISIT_CODES and not (
                _known(sources, source_tok) and _known(targets, target_tok)
                and (any(m.coded for m in sources) or _public(source_tok))):
            # "refugees arrived in Europe", "he headed to the island", "the recruit arrived in Syria":
            # travel, not a visit (the visitor or host is a state, an official or a body)
            return []
        fired = [trigger.rule]
        code, targets = self._sense(trigger, sources, targets, source_tok, sent, fired)
        future, unreal, only_thought = self._modality(token)
        negated = self._negated(token)
        conflict = code[:2] >= "12"
        if code[:2] < "12" and _governed_by(token, ATTEMPT_GOVERNORS):
            # "trying to broker a truce": not brokered ("tried to hack", "tried to storm the base": done)
            unreal = True
        if future and code[:2] in ("18", "19", "20") and _governed_by(token, PREPARING_GOVERNORS):
            code, future = MOBILIZE_CODE, False  # "prepared to resume shelling": a show of force, not a threat
        # "may suspend the talks", "will impose sanctions": an announced coercive act is a threat
        # ("plotting to attack", "feared an attack": no threat was made; "police could arrest her" in the
        # writer's words is a possibility, "Iran said it could close the strait" a threat)
        threatened = unreal and conflict and token.pos_ == "VERB" and not only_thought and self._reported(token)
        if (future or threatened) and not code.startswith(("03", "13")):
            intent = self.lexicon.intent(code)
            if intent:
                code, unreal = intent, False
                if not sources and _announced(token) and (announcer := self._subject(token.head)) is not None:
                    sources = self._expand(announcer)  # "announced that Mandela would be freed": his intent
            else:
                unreal = True
            if negated and future and not conflict:
                # "will not meet their demands" is a refusal
                code, negated = self.lexicon.refusal(trigger.code) or "120", False
        elif negated and future and code.startswith("03"):
            code, negated = "120", False  # "will not accept more refugees", "will not agree to talks"
        if token.pos_ == "VERB" and _noun_infinitive(token):
            unreal = True  # "the right to fire": a possible act, neither done nor threatened
        if sent.text.rstrip(" \"'”’").endswith("?") and token.pos_ == "VERB" and _children(token, "aux"):
            unreal = True  # "How hard will Clinton attack?", "Will Russia invade?": asked, not told
        symmetric = pattern.symmetric and not code.startswith("12")  # a refusal goes one way
        if len(sources) >= 2 and (symmetric or reciprocal or pair) and not targets:
            self.last_pair = sources[:2]
            dyads = [(a, b) for a in sources for b in sources if a is not b]
        else:
            dyads = [(s, t) for s in sources or [None] for t in targets or [None]]
            # "agreed to release X": X is whom the promised act is done to, not a party to the agreement
            if len(sources) == 1 and len(targets) == 1 and symmetric and trigger.inner is None:
                self.last_pair = [sources[0], targets[0]]
                if code[:2] < "09":  # "X met Y" is mutual; "we fought Isis" is our fight, told from our side
                    dyads.append((targets[0], sources[0]))
            elif len(sources) == 1 and len(targets) == 1 and sources[0].actor and targets[0].actor:
                self.last_pair = [sources[0], targets[0]]
        info = self.lexicon.info(code)
        date, date_source = self._date(token, sent)
        location = self._location(token, sent)
        claimed_by = self._claim(token)
        trigger_span = Span(token.idx, token.idx + len(token), token.text)
        sentence_span = Span(sent.start_char, sent.end_char, sent.text)
        rule = trigger.rule + (">prepared" if code == MOBILIZE_CODE != trigger.code else "")
        if code != trigger.code and not fired[1:]:
            fired.append(f"reading:{trigger.code}>{code}")  # intents, threats, refusals, shows of force
        events = []
        kept = [(s, t) for s, t in dyads if s is None or t is None or not _same_actor(s, t)]
        if code in VISIT_CODES:  # "the Texas senator headed to Nevada": a trip at home visits nobody
            kept = [(s, t) for s, t in kept if not (s and t and s.actor and t.actor and s.actor.country
                                                    and t.actor.code == t.actor.country == s.actor.country)]
            if not kept:
                return []
        if not kept and dyads and not any("pronoun" in (s.kind, t.kind) for s, t in dyads if s and t):
            # "Bosnian Serbs demanded a truce with forces in Bosnia": one country on both sides is
            # still an act of the source's, with no target to code ("he would welcome him": a pronoun
            # read as its own partner is a misreading, not an act)
            kept = list(dict.fromkeys((s, None) for s, _ in dyads))
        for source, target in kept:
            events.append(Event(
                id="", cameo=code, trigger=trigger_span, sentence=sentence_span, source=source, target=target,
                root=code[:2], plover_type=info.plover_type, plover_mode=info.plover_mode,
                quad_class=info.quad_class, goldstein=info.goldstein, date=date, date_source=date_source,
                location=location, claimed_by=claimed_by, negated=negated, hypothetical=unreal,
                confidence=_confidence(source, target, noun, code), rule=rule, rules=list(fired),
                mentions=[EventMention(trigger_span, sentence_span, rule)],
            ))
        return events

    def _sense(self, trigger: _Trigger, sources: list[Mention], targets: list[Mention], source_tok: Token | None,
               sent: SpacySpan, fired: list[str]) -> tuple[str, list[Mention]]:
        """The code the act gets once its parties are known: a state's protest is a complaint, its
        blocking a blockade, rejection or censorship; forces sent to nobody mobilize; bombing by an army
        is an air strike and killing by a gunman unconventional violence; many driven from their homes
        are a mass expulsion. Returns the code and the targets left."""
        token, code = trigger.token, trigger.code
        if code.startswith("13") and token.lemma_.lower() == "warn" and self._forecast(token):
            fired.append("sense:warning-threatens-nothing")
            code = PESSIMISTIC_COMMENT  # "warned their repatriation would be difficult": no act is threatened
        if code == "144" and sources and all(self._official(m) for m in sources):
            # "Erdogan blocked a new operation": a state blocking rejects; blocking roads or ports blockades
            objects = self._objects(token)
            passage = any(o.lemma_.lower() in PASSAGE_WORDS for o in objects)
            fired.append("sense:state-blocking")
            code = BLOCKADE if passage else REJECTION
            reached = objects + [p for o in objects if o.lemma_.lower() == "access"
                                 for prep in _children(o, "prep") if prep.lower_ == "to" for p in [_pobj(prep)] if p]
            if any(o.lemma_.lower() in MEDIA_WORDS or o.ent_type_ in ("ORG", "PRODUCT") and o.head.lower_ == "to"
                   for o in reached):
                fired.append("sense:blocking-speech")
                code = CENSORSHIP  # "blocked access to Twitter", "blocked the website": speech restricted
        if code.startswith("14") and token.lemma_.lower() == "protest" and sources and all(
                self._official(m) for m in sources):
            fired.append("sense:state-protest")
            code = OFFICIAL_COMPLAINT  # "Pakistan protested the shelling": a state complains, it does not demonstrate
        if code in ARMED_AID and token.lemma_.lower() in SENDING_VERBS and not any(m.actor for m in targets):
            # "sent more tanks to its border", "sent two warships to the Gulf": forces moved, to nobody's aid
            fired.append("sense:forces-sent-to-nobody")
            code, targets = MOBILIZE_FORCES, []
        if code[:2] in ("18", "19") and not any(c.lemma_.lower() in VIOLENT_MODIFIERS for c in token.children) \
                and self._words_only(token, sources, targets, source_tok):
            # "Trump attacked Clinton", "Bush attacked Trump over immigration", "Hillary shot back": a
            # politician's attack on a person or party is in words ("Putin attacked Ukraine" is not)
            fired.append("sense:attack-in-words")
            return CRITICISM, targets
        if code == BOMBING and (any(m.actor is not None and m.actor.sector == "MIL" for m in sources) or (
                source_tok is not None and source_tok.lemma_.lower() in AIRCRAFT)):
            fired.append("sense:air-strike")
            code = AERIAL_WEAPONS  # "Egyptian warplanes bombed IS targets": an air strike, not a terrorist bombing
        elif code == MILITARY_FORCE and source_tok is not None and (
                source_tok.lemma_.lower() in IRREGULAR_ATTACKERS or source_tok.ent_type_ == "PERSON"
                and all(m.actor is None or not (m.actor.sector or m.actor.country) for m in sources)):
            # "killed by a suicide bomber", "the gunman fired on the crowd", "Rouleau used his car to assault
            # soldiers": unconventional violence (18)
            fired.append("sense:irregular-attacker")
            code = BOMBING if source_tok.lemma_.lower() == "bomber" else UNCONVENTIONAL_VIOLENCE
        if code == BOMBING and any(t.lower_ == "suicide"
                                   for t in [*token.children, *(source_tok.subtree if source_tok else [])]):
            fired.append("sense:suicide-bombing")
            code = SUICIDE_BOMBING  # "a suicide bomber blew himself up"
        if code == DEPORTATION and self._from_homes(token) and any(
                _many(o) for o in self._objects(token) + self._undergoers(token)):
            # "forced out more than 1,000 refugees from their homes", "evicted hundreds of families": a mass
            # expulsion; "deported 168 Liberians", "expelled 120 diplomats" remove people one by one
            fired.append("sense:mass-expulsion")
            code = MASS_EXPULSION
        return code, targets

    def _forecast(self, warn: Token) -> bool:
        """Does the warning foretell something nobody is to do ("warned their repatriation would be
        difficult"), rather than an act by the one warning or anyone ("warned it would strike",
        "warned that Iran would face sanctions")?"""
        clause = next((c for c in warn.children if c.dep_ == "ccomp"), None)
        if clause is None:
            # "warned against complacency", "warned of a dangerous arms race": a danger, not an act by the
            # one warning ("warned of retaliation", "warned of strikes" threaten)
            warned = [p for prep in _children(warn, "prep") if prep.lower_ in ("against", "about", "of")
                      for p in [_pobj(prep) or next(iter(_children(prep, "pcomp")), None)] if p is not None]
            return bool(warned) and not any(
                p.lemma_.lower() in FORECAST_ACT_WORDS or (self._match(p) is not None and p.tag_ != "VBG")
                for p in warned)
        subject = next(iter(_children(clause, "nsubj", "nsubjpass")), None)
        if subject is not None and subject.lower_ in PERSONAL_PRONOUNS and subject.lower_ != "they":
            return False  # "warned it would ...": of itself ("warned they could trigger an arms race": of others)
        if subject is not None and subject.dep_ == "nsubj" and clause.lemma_.lower() not in FORECAST_ACT_WORDS \
                and self._other_side(subject, self._subject(warn)) \
                and any(self._match(t) is not None for t in [clause, *_children(clause, "dobj")]):
            # "US officials warned that Moscow could launch an invasion": another state's act foretold, not
            # threatened ("the security chief warned that police will not tolerate rallies" threatens)
            return True
        return not any(self._match(t) is not None or t.lemma_.lower() in FORECAST_ACT_WORDS for t in clause.subtree)

    @staticmethod
    def _words_only(token: Token, sources: list[Mention], targets: list[Mention], source_tok: Token | None) -> bool:
        """Is an attack in words: "attacked", "slammed" or "shot back" by a person or a political body (no
        armed force, no state) at people or parties it names ("Bush attacked Trump", "Fox fired back at
        Trump"; "Mateen shot 49 people", "Putin attacked Ukraine" are not)?"""
        if source_tok is None or not sources:
            return False
        back = any(c.lower_ == "back" for c in token.children)
        if token.lemma_.lower() not in VERBAL_ATTACKS and not back:
            return False

        def civil(m: Mention, unknown_ok: bool) -> bool:
            """No state, no armed force: a known body of a speaking sector, or (when `unknown_ok`) someone
            the KB does not know."""
            if m.actor is None or not m.actor.sector:
                return unknown_ok and (m.actor is None or m.actor.code != m.actor.country)
            return m.actor.sector in SPEAKING_SECTORS

        if any(d.pos_ != "PRON" and not any(t.start <= d.idx < t.end for t in targets)
               for d in _children(token, "dobj")):
            return False  # "attacked the Pulse nightclub", "attacked a convoy": a thing attacked is force
        doc = token.doc

        def place(t: Mention) -> bool:
            span = doc.char_span(t.start, t.end, alignment_mode="expand")
            return span is not None and len(span) > 0 and span[0].ent_type_ in PLACE_LABELS

        return all(civil(m, source_tok.ent_type_ == "PERSON") for m in sources) and all(
            civil(t, True) and not place(t) for t in targets)

    def _third_party(self, said: Token) -> bool:
        """Is who says it a monitor, a body or the press (IGO, NGO, media), not a party to the fight?"""
        speaker = self._subject(said)
        actor = self.actors.mention(speaker).actor if speaker is not None else None
        return actor is not None and (actor.code[:3] in ("IGO", "NGO") or actor.sector == "MED")

    def _other_side(self, actor: Token, other: Token | None) -> bool:
        """Are the two linked to different countries (or bodies)?"""
        if other is None:
            return False
        mine, theirs = (self.actors.mention(t).actor for t in (actor, other))
        return mine is not None and theirs is not None and bool(mine.country or theirs.country) \
            and (mine.country or mine.code[:3]) != (theirs.country or theirs.code[:3])

    def _reported(self, verb: Token) -> bool:
        """Is the verb what someone is reported to have said or announced ("said it could close",
        or inside a quotation), not the writer's own word?"""
        head = verb
        for _ in range(3):
            if head.dep_ == "ccomp" and head.head.lemma_.lower() in self.report_verbs | ANNOUNCING_VERBS:
                return True
            if head.dep_ not in ("conj", "xcomp") or head.head.i == head.i:
                break
            head = head.head
        return _in_direct_quote(verb)

    def _official(self, mention: Mention) -> bool:
        """Does the mention stand for a state, one of its organs or an international body (not a
        people called by its demonym: "Palestinians shunned work to protest")?"""
        actor, kb = mention.actor, self.actors.kb
        if actor is None or kb is not None and kb.names_people(mention.text):
            return False
        return actor.code.startswith("IGO") or bool(actor.country) and (
            actor.code == actor.country or actor.sector in STATE_SECTORS)

    def _speaker(self, token: Token) -> Token | None:
        """"Peru said it would permit ...": an unlinked pronoun subject of a reported clause is the speaker."""
        tok = token
        for _ in range(3):
            if tok.dep_ == "ccomp" and tok.head.lemma_.lower() in self.report_verbs | {"announce", "confirm"}:
                return next((c for c in tok.head.children if c.dep_ in SUBJECT_DEPS), None)
            if tok.dep_ in ("xcomp", "conj", "acomp"):
                tok = tok.head
            else:
                return None
        return None

    def _partner_from_pair(self, token: Token, source: Mention) -> list[Mention]:
        """"promised friendship between the two countries": the target is the source's partner."""
        for tok in self._clause(token):
            if tok.dep_ == "prep" and tok.lower_ == "between":
                obj = _pobj(tok)
                members = self._expand(obj)
                if len(members) == 2:
                    key = _actor_key(source)
                    others = [m for m in members if _actor_key(m) != key]
                    if len(others) == 1:
                        return others
        return []


def _antecedent(head: Token, pronoun: Token) -> Token:
    """The noun a relative pronoun stands for: of "Moscow and Pyongyang, which", the nearer one."""
    head = _past_aside_owner(head, pronoun)
    before = [t for t in _conjuncts(head) if t.i < pronoun.i]
    return max(before, key=lambda t: t.i) if before else head


def _opponent_of_allies(verb: Token) -> Token | None:
    """"Fought alongside the rebels against the army": the allies are on the doer's side; the
    parser hangs the opponent on them."""
    for prep in _children(verb, "prep"):
        allies = _pobj(prep) if prep.lower_ in ALLY_PREPS else None
        against = next((c for c in allies.children if c.dep_ == "prep" and c.lower_ == "against"),
                       None) if allies is not None else None
        if against is not None and _pobj(against) is not None:
            return _pobj(against)
    return None


def _past_aside_owner(head: Token, pronoun: Token) -> Token:
    """"The Kurds, supported by the US, who fight Isis": after an aside set off by commas the
    relative goes on describing the noun the aside is about, not the aside's agent (the parser
    hangs it on the nearer noun)."""
    aside = head.head.head if head.dep_ == "pobj" and head.head.dep_ in ("agent", "prep") else None
    if aside is None or aside.dep_ != "acl" or aside.tag_ != "VBN":
        return head
    doc = head.doc
    set_off = aside.i > 0 and doc[aside.i - 1].text == "," and pronoun.i > 0 and doc[pronoun.i - 1].text == ","
    return aside.head if set_off else head
