"""Questions about a token in the dependency parse that the event rules ask: is it a clause boundary,
a restrictive relative, a purpose, a negation, the background of another act?"""
from __future__ import annotations

from spacy.tokens import Token

from newsgraph.annotate.events.words import (
    ACTOR_LABELS, ACTOR_NOUNS, CAUSE_NOUNS, EARLIER_ACT_MARKS, ENABLING_VERBS, FACT_MARKS, INTENT_GOVERNORS, MANDATIVE_VERBS,
    FUTURE_TIME_WORDS, NEGATING_DETERMINERS, PART_NOUNS, PAST_ACT_HEADS, PERSONAL_PRONOUNS, QUESTION_WORDS, QUOTE_MARKS,
    SETTING_PREPS,
)


def _noun_infinitive(verb: Token) -> bool:
    """Is the verb an infinitive or an "of" gerund said of a noun ("the right to fire", "a plan to invade
    and occupy", "the decision of sending troops")? It names a possible act, not one that took place."""
    tok = verb
    for _ in range(3):
        if tok.dep_ == "acl":
            return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        if tok.dep_ == "pcomp" and tok.tag_ == "VBG" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN":
            return tok.head.head.lemma_.lower() not in ("process", "act", "midst", "course")  # "in the act of firing"
        if tok.dep_ not in ("conj", "xcomp"):
            return False
        tok = tok.head
    return False


def _in_restrictive_relative(verb: Token) -> bool:
    """Is the verb in a relative clause that identifies its noun, one not set off by a comma?"""
    tok = verb
    for _ in range(4):
        if tok.dep_ == "relcl":
            if _relative_adverbial(tok):
                return False  # "a visit during which the two men praised each other" tells what happened
            before = tok.left_edge.i - 1
            return before < 0 or tok.doc[before].text not in (",", "-", "--", "(", ";", "—", "–")
        if tok.dep_ not in ("conj", "xcomp", "advcl", "ccomp"):
            return False
        tok = tok.head
    return False


def _relative_adverbial(clause: Token) -> bool:
    """Is the relative clause joined by "during which", "in which", "where" or "when", so that it
    says what happened then or there rather than which one is meant?"""
    for child in clause.children:
        if child.dep_ == "advmod" and child.lower_ in ("where", "when", "whereby"):
            return True
        if child.dep_ == "prep" and any(c.lower_ in ("which", "whom") for c in child.children):
            return True
    return False


def _purpose_infinitive(verb: Token) -> bool:
    """Is the verb an infinitive of purpose with no subject of its own ("... to protest the law")?"""
    return verb.pos_ == "VERB" and verb.dep_ == "advcl" and not _children(verb, "nsubj", "nsubjpass") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _background(token: Token) -> bool:
    """Is a noun trigger the setting or cause of another act ("after days of battles",
    "in protest of the arrest") rather than reported for itself?"""
    tok = token
    for _ in range(6):
        if tok.dep_ == "pobj" and (tok.head.lower_ in SETTING_PREPS
                                   or tok.head.lower_ == "in" and tok.lemma_.lower() in CAUSE_NOUNS):
            return True
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in PAST_ACT_HEADS:
            return True  # "the anniversary of the attack", "victims of the bombing": an act told before
        if tok.dep_ not in ("pobj", "prep", "compound", "conj", "amod", "nmod", "poss") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _lemmas(token: Token) -> tuple[str, ...]:
    """The lemma, and what it should have been where the lemmatizer cut an "e" ("staged" → "stag"),
    each also in American spelling ("recognised" → "recognize", "mobilisation" → "mobilization")."""
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB" and token.lower_ in (lemma + "ed", lemma + "es", lemma + "ing"):
        if _short_closed(lemma):
            forms = (lemma + "e", lemma, token.lower_)  # "raped" is not "rapped": its lemma has the "e"
        else:
            forms = (lemma, lemma + "e", token.lower_)
    else:
        forms = (lemma, token.lower_)
    return forms + tuple(dict.fromkeys(_american(f) for f in forms if _american(f) != f))


def _american(word: str) -> str:
    """The -ize spelling of a British -ise word ("criticise", "organisation")."""
    for british, american in (("isation", "ization"), ("ise", "ize"), ("ised", "ized"), ("ising", "izing")):
        if len(word) > len(british) + 3 and word.endswith(british):
            return word[: -len(british)] + american
    return word


def _short_closed(stem: str) -> bool:
    """Does a one-syllable stem end consonant-vowel-consonant ("rap", "bar")? Such a verb doubles its
    last letter before "-ed" ("rapped"), so an undoubled "-ed" form comes from the stem plus "e"."""
    vowels = "aeiou"
    return len(stem) >= 3 and stem[-1] not in vowels + "wxy" and stem[-2] in vowels \
        and stem[-3] not in vowels and sum(c in vowels for c in stem) == 1


def _is_time(token: Token | None) -> bool:
    return token is not None and token.ent_type_ in ("DATE", "TIME")


def _clause_boundary(token: Token) -> bool:
    """Does a governor above `token` stop bearing on it? A clause with its own subject joined by "and"
    or "but", a relative or a marked adverbial clause ("once they landed"), or a time setting ("wants
    to explain, after accusing") reports what happened apart from the plan or fear above it."""
    if token.dep_ in ("relcl", "parataxis"):
        return True
    if token.dep_ == "acl" and token.tag_ == "VBG":
        return True  # "intends to withdraw the troops helping X": the troops help now
    if token.dep_ == "conj" and _children(token, "nsubj", "nsubjpass"):
        return True
    if token.dep_ == "advcl" and any(m.lower_ in FACT_MARKS for m in _children(token, "mark")):
        return True
    # ("aimed at ending the war": the object of an aim, not its setting)
    return token.dep_ == "prep" and token.lower_ in SETTING_PREPS and token.head.lemma_.lower() not in INTENT_GOVERNORS


def _dateline_word(token: Token) -> bool:
    """Is the word the place of a dateline the parser took into the sentence ("TEHRAN (FNA)- Iraq's
    army has shot down ...")? It opens the sentence and an agency or a dash follows it, or a comma
    after capitals."""
    doc = token.doc
    if token.i != token.sent.start or token.i + 1 >= len(doc):
        return False
    after = doc[token.i + 1].text
    # "NEWPORT, Wales (AP) —": a place in capitals and a comma
    return after[:1] in "(—–-" or after in (",", ":") and token.text.isupper() and len(token.text) > 1


def _under_no_word(token: Token) -> bool:
    """Is the act what a noun with "no" is about ("no information on X being wounded", "no evidence
    that Y attacked")? Nothing says it happened."""
    tok = token
    for _ in range(5):
        if tok.dep_ not in ("pcomp", "pobj", "prep", "acl", "ccomp") or tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.pos_ == "NOUN" and any(c.dep_ in ("det", "neg") and c.lower_ == "no" for c in tok.children):
            return True
    return False


def _personal_pronoun(token: Token) -> bool:
    """Is the word a personal pronoun ("they", "us"; not "US", the United States)?"""
    return token.lower_ in PERSONAL_PRONOUNS and token.pos_ == "PRON"


def _for_to_clause(verb: Token) -> Token | None:
    """The verb's "for X to do" clause ("called for the army to withdraw"): what is asked or wished."""
    return next((c for c in verb.children if c.dep_ in ("advcl", "ccomp", "xcomp") and _is_for_to(c)), None)


def _is_for_to(verb: Token) -> bool:
    """Is the verb an infinitive with a subject of its own ("for the army to withdraw")? Never a fact."""
    return any(c.dep_ == "mark" and c.lower_ == "for" for c in verb.children) and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _governed_by(token: Token, words: frozenset[str]) -> bool:
    """Is the token's act governed, within its clause, by a verb or noun among `words` ("prepared to
    resume shelling", "a team trying to broker a pact")?"""
    tok = token
    for _ in range(4):
        if tok.dep_ == "ROOT" or tok.head.i == tok.i or _clause_boundary(tok):
            return False
        tok = tok.head
        if tok.pos_ in ("VERB", "NOUN", "ADJ") and tok.lemma_.lower() in words:
            return True
    return False


def _announced(verb: Token) -> bool:
    """Is the verb a decision announced ("announced it would halt aid")? CAMEO codes it as the act
    (an announced "will", a plan still to come, stays an intent)."""
    return verb.dep_ == "ccomp" and verb.head.lemma_.lower() == "announce"


def _mandated_form(verb: Token) -> bool:
    """Is the verb in the bare form of what is asked for ("that Panama sign"), with no auxiliary
    ("did you attack?", "would talk" are questions or statements)?"""
    return verb.tag_ in ("VB", "VBP") and not _children(verb, "aux", "auxpass")


def _mandated(verb: Token) -> bool:
    """Is the verb what someone insists or proposes be done ("insisted that Panama sign the accord")?
    A present form with no auxiliary under such a verb is asked for, not reported as done."""
    return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in MANDATIVE_VERBS and _mandated_form(verb)


def _fronted(prep: Token, verb: Token) -> bool:
    """Is the prepositional phrase put before its verb ("On CNN, she called for ...", "In its report,
    the group concluded ...")? It sets the scene; a party or a frame of the verb follows it."""
    return verb.pos_ == "VERB" and prep.i < verb.i and prep.right_edge.i < verb.i


def _negating_phrase(prep: Token) -> bool:
    """Is the prepositional phrase a negation of its verb ("at no time did X agree", "in no way
    helped", "under no circumstances will")? Its noun is quantified by "no"."""
    obj = _pobj(prep)
    return obj is not None and any(d.dep_ == "det" and d.lower_ in NEGATING_DETERMINERS for d in obj.children)


def _enables_an_act(verb: Token) -> bool:
    """Is the verb "help" or the like with an act of someone else ("helped X rebuild", "enabled X
    to leave")? What is enabled is the news; no aid is given."""
    return verb.lemma_.lower() in ENABLING_VERBS and any(
        c.pos_ in ("VERB", "AUX") for c in _children(verb, "xcomp", "ccomp"))


def _asks_a_question(verb: Token) -> bool:
    """Is "ask" a question put ("asked about the talks", "'Why?', she asked", "asked whether ...")
    rather than a request? A request names what is wanted: someone to act ("asked X to leave"),
    something "for", a "that" clause, or a thing ("asked help")."""
    if verb.lemma_.lower() != "ask":
        return False
    if _children(verb, "xcomp") or any(prep.lower_ == "for" for prep in _children(verb, "prep")):
        return False
    for clause in _children(verb, "ccomp"):
        if any(m.lower_ == "that" for m in _children(clause, "mark")) or _mandated_form(clause):
            return False  # "asked that aid be sent"
    return all(obj.lemma_.lower() in QUESTION_WORDS or _is_person_word(obj) for obj in _children(verb, "dobj"))


def _is_person_word(token: Token) -> bool:
    return token.lower_ in PERSONAL_PRONOUNS or token.ent_type_ in ACTOR_LABELS or token.lemma_.lower() in ACTOR_NOUNS


def _children_named(token: Token, dep: str, words: frozenset[str]) -> list[Token]:
    return [c for c in token.children if c.dep_ == dep and c.lower_ in words]


def _children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def _pobj(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)


def _light_object(noun: Token, verb: Token) -> bool:
    """Is the act's noun what the light verb does ("staged protests", "took part in a wave of strikes"),
    not a word about another noun ("made a comment about the allegations", "held a debate on the strikes")?"""
    tok = noun.head
    while tok.i != verb.i:
        if tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() not in PART_NOUNS:
            return False
        tok = tok.head
    return True


def _conjuncts(token: Token) -> list[Token]:
    return [token, *token.conjuncts]


def _in_direct_quote(token: Token) -> bool:
    """Is the word inside quotation marks within its sentence (an odd number of marks before it)?"""
    marks = sum(1 for t in token.sent[:token.i - token.sent.start] if t.text in QUOTE_MARKS)
    return marks % 2 == 1


def _many(noun: Token) -> bool:
    """Does the phrase count people by the hundred or more ("more than 1,000 refugees", "thousands of
    residents", "hundreds of families")?"""
    words = [noun, *(c for c in noun.children if c.dep_ in ("nummod", "quantmod", "amod"))]
    for word in words:
        lower = word.lower_.replace(",", "")
        if lower.rstrip("s") in ("hundred", "thousand", "million") or lower.isdigit() and int(lower) >= 100:
            return True
    return False


def _said_to_come(verb: Token) -> bool:
    """Does the clause place its act ahead ("would be freed soon", "would withdraw next month", "later
    this year")?"""
    return any(t.lower_ in FUTURE_TIME_WORDS for c in verb.children if c.dep_ in ("advmod", "npadvmod", "prep", "tmod")
               for t in c.subtree)


def _direct_objects(verb: Token) -> list[Token]:
    """The verb's direct objects, or, where it has none, those of the verb it is coordinated with
    ("abused and humiliated the detainees": both are done to the detainees)."""
    objects = _children(verb, "dobj")
    if objects or verb.pos_ != "VERB":
        return objects
    for conj in _children(verb, "conj"):
        between = verb.doc[verb.i + 1:conj.i]
        if conj.pos_ == "VERB" and not _children(conj, "nsubj", "nsubjpass") \
                and all(t.lower_ in ("and", "or", ",") for t in between):
            return _children(conj, "dobj")
    return []


def _verb_preps(verb: Token) -> list[Token]:
    """The verb's prepositions, with those the parser hangs on a phrase of manner ("spoke by telephone
    with X", "talked over the phone with X": the "with" is the verb's)."""
    preps = _children(verb, "prep")
    for manner in list(preps):
        obj = _pobj(manner) if manner.lower_ in ("by", "over", "via") else None
        if obj is not None:
            preps += _children(obj, "prep")
    return preps


def _agent_of_participle(noun: Token) -> Token | None:
    """Who the noun's participle names as doer ("a bomb planted by ETA", "mines laid by the rebels")."""
    for participle in _children(noun, "acl"):
        if participle.tag_ == "VBN":
            for agent in _children(participle, "agent"):
                return _pobj(agent)
    return None


def _entity_text(token: Token) -> str:
    """The whole name the token is part of ("the United States" for "States"), or the token."""
    # the token's own entity (Token.ent_iob_ marks where it begins), not a walk over the doc's entities
    if not token.ent_type_:
        return token.text
    start = token.i
    while start > 0 and token.doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(token.doc) and token.doc[end].ent_iob_ == "I":
        end += 1
    entity = token.doc[start:end]
    return " ".join(t.text for t in entity if t.pos_ != "DET") if entity is not None else token.text


def _clause_head(token: Token) -> Token:
    """The verb heading the clause a word belongs to (the word itself for a verb; the sentence root
    when no verb governs it)."""
    tok = token
    for _ in range(12):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            return tok
        tok = tok.head
    return tok


def _governing_clause(clause: Token) -> Token | None:
    """The clause a subordinate clause hangs from (None at the top)."""
    return None if clause.head.i == clause.i else _clause_head(clause.head)


def _earlier_act_mark(clause: Token) -> str | None:
    """"after"/"since" marking a clause whose act came before the act of the clause above it
    ("comes nine months after Putin hosted Kim"), or "had" of a past perfect ("who had hosted")."""
    marks = [m.lower_ for m in _children(clause, "mark")]
    if any(m in EARLIER_ACT_MARKS for m in marks):
        return next(m for m in marks if m in EARLIER_ACT_MARKS)
    if clause.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in clause.children):
        return "had"
    return None
