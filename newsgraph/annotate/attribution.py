"""Attributions: who said (or thinks, or claims) what.

Reads: the spaCy Doc, `article.mentions` and `article.entities` as the actor
stage linked them. This stage picks each speaker's mention (the head of the
source phrase, or the antecedent of a pronoun, "the same source" or a role noun)
and takes the actor the actor stage linked to it; it resolves no actor itself.
Returns Attribution records (source / cue / content / kind / via / speaker, and
the `rules` that made each); the caller attaches them to the article.

Three steps, kept apart so each can be tested and explained:
1. `find_candidates` walks the dependency parse: reporting verbs from the cue
   lexicon with their subject and complement, "according to X" phrases, and
   quoted passages (curly, straight, guillemets; several sentences long).
2. `filter_candidates` drops verbs that report nothing (purposes, questions,
   commands, the reader addressed): named filters, chosen on PolNeAR train, listed
   in data/attribution_filters.tsv; `attribute_explained` says which dropped what.
3. `decide` turns candidates into attributions: it snaps content to the quote
   marks around it, trims spans to PolNeAR's conventions (content keeps the
   complementizer "that" and the punctuation inside quotes, drops the final
   full stop of reported speech; source keeps determiners and titles), picks
   the kind, chooses speakers and attaches relays ("via").
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from spacy.tokens import Doc, Token

from newsgraph.errors import NewsgraphError
from newsgraph.model import ActorRef, Article, Attribution, Mention, Span

DEFAULT_LEXICON = Path(__file__).resolve().parent.parent / "data" / "attribution_cues.tsv"
DEFAULT_FILTERS = Path(__file__).resolve().parent.parent / "data" / "attribution_filters.tsv"
OPEN_QUOTES = "“«‘\"„‹"
CLOSE_QUOTES = "”»’\"“›"
_PAIRS = {"“": "”", "«": "»", '"': '"', "„": "“", "‹": "›", "‘": "’"}
# A quote longer than this many characters without a closing mark is treated as
# unbalanced (a stray mark), not as a quote running to the end of the text.
MAX_QUOTE_CHARS = 3000

# Continuation quotes are joined only when the attributing sentence ends soon
# after the content ("..., Cole said." / "..., said the senator from Ohio."); tuned on PolNeAR train.
MAX_TAIL_CHARS = 120
# "Name: claim" is read as an attribution only when the name part is this short;
# tuned on PolNeAR train (longer prefixes are labels and lists, not speakers).
MAX_COLON_SOURCE_TOKENS = 4
# Marks that set a reporting clause off from what was said ("..., he said").
SET_OFF = frozenset({",", "”", '"', "’", "»", "—", "–", "''"})
# Newswire (and the NYT) write quotes as two apostrophes: ''like this''.
DOUBLE_APOSTROPHE = "''"
QUOTE_TOKENS = frozenset(OPEN_QUOTES) | frozenset(CLOSE_QUOTES) | {DOUBLE_APOSTROPHE, "``"}
# How many named sources back a pronoun may reach for its antecedent.
MAX_ANTECEDENTS = 8
# Verbs whose first complement is the addressee ("told reporters that ...").
ADDRESSEE_VERBS = frozenset({"tell", "assure", "reassure", "remind", "inform", "notify", "warn", "convince"})
# How far after a reporting verb its colon may come ("tells the crowd:").
MAX_COLON_GAP_TOKENS = 4
# A stop after a short capitalised word ("Mr.", "Sen.", "J.") ends no sentence.
ABBREVIATION = re.compile(r"(?:\b[A-Z][a-z]{0,3}|\b[A-Z])\.$")
SENTENCE_STOP = re.compile(r"[.?!…](?=\s)")
QUOTE_CHARS = frozenset("“”«»\"")
# "said in a statement that ...": how far up the that-clause may hang from the verb.
MAX_THAT_DEPTH = 4
# How many tokens back a pronoun may look for a subject when no speaker is named.
MAX_SUBJECT_LOOKBACK = 80
RELATIVE_TAIL = re.compile(r",\s+(?:who|which|whose)\b.*$|,$", re.S)
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "they", "them"})
GENDERED = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}
# Entity types "he" or "she" never stands for.
NOT_PERSON_ENTITIES = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})
# How many earlier name mentions a role noun ("the spokesman") may look back through.
MAX_ROLE_LOOKBACK = 40
PLURAL_PRONOUNS = frozenset({"they", "them"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
CLAUSE_DEPS = frozenset({"ccomp", "parataxis"})
OBJECT_DEPS = frozenset({"dobj", "xcomp", "attr", "oprd"})
# Prepositions whose phrase is what an object cue is about ("accused X of", "called for").
OBJECT_PREPOSITIONS = frozenset({"of", "for", "about", "against", "as"})
# A reporting verb with no subject in these roles is a modifier ("a program
# called X", "speaking on radio"), not an attribution; tuned on PolNeAR train.
UNSOURCED_DEPS = frozenset({"acl", "amod"})
# Things people say things in: "issued a statement saying ..." is its issuer's speech.
SPEECH_DOCUMENTS = frozenset({"statement", "letter", "tweet", "post", "message", "release", "memo", "email",
                              "video", "note", "op-ed", "editorial", "press"})
# Words before a reporting verb that PolNeAR's cues keep ("has said", "did not want", "also says").
CUE_LEFT_DEPS = frozenset({"aux", "auxpass", "neg", "advmod"})
SAME_SOURCE = re.compile(r"the\s+same\s+(?:source|sources|official|officials|spokesman|spokeswoman|spokesperson)", re.I)


class CueLexiconError(NewsgraphError):
    """The cue lexicon file is malformed."""


@dataclass(frozen=True, slots=True)
class Cue:
    lemma: str
    cls: str  # speech | belief | evidence
    content: str  # clause | object | quote


@dataclass(frozen=True, slots=True)
class CueLexicon:
    verbs: dict[str, Cue]
    # the names of the cue filters in use (see CUE_FILTERS), in the order they are tried
    filters: tuple[str, ...] = ()

    @classmethod
    def load(cls, path: Path | None = None, *, filters: Path | None = None) -> "CueLexicon":
        return cls(cls._load_verbs(path), load_filter_names(filters or DEFAULT_FILTERS))

    @staticmethod
    def _load_verbs(path: Path | None) -> dict[str, Cue]:
        source = path or DEFAULT_LEXICON
        verbs: dict[str, Cue] = {}
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 3 or parts[2] not in ("clause", "object", "quote"):
                raise CueLexiconError(
                    f"cue lexicon line {number} must be 'lemma<TAB>class<TAB>clause|object|quote': {line!r}"
                )
            # first entry wins: speech before belief readings of the same verb
            verbs.setdefault(parts[0], Cue(*parts))
        return verbs


@dataclass(slots=True)
class Candidate:
    """An attribution before spans are trimmed and the speaker is resolved."""

    cue: tuple[int, int]  # char offsets
    content: tuple[int, int] | None
    source: tuple[int, int] | None
    rule: str
    cue_token: int | None = None  # token index of the cue's head
    via: tuple[int, int] | None = None
    rules: list[str] = field(default_factory=list)  # further named rules that fired (cue, speaker)


# -- quotes -----------------------------------------------------------------


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Quoted passages as (start, end) including the marks; may span sentences."""
    quotes = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if text.startswith(DOUBLE_APOSTROPHE, i):
            after = text[i + 2] if i + 2 < n else " "
            close = text.find(DOUBLE_APOSTROPHE, i + 2, min(n, i + MAX_QUOTE_CHARS)) if not after.isspace() else -1
            if close > i + 2 and "\n" not in text[i:close]:
                quotes.append((i, close + 2))
                i = close + 2
                continue
            i += 2
            continue
        if ch in _PAIRS and _opens(text, i):
            close = _PAIRS[ch]
            j = i + 1
            limit = min(n, i + MAX_QUOTE_CHARS)
            while j < limit:
                if text[j] == close and (ch not in "‘'" or _closes(text, j)):
                    break
                if text[j] == "\n":
                    # a quote runs past its paragraph only when the next paragraph
                    # reopens it (the convention for speeches over several paragraphs)
                    k = j
                    while k < n and text[k].isspace():
                        k += 1
                    if k < n and text[k] == ch and ch in '"“«':
                        j = k + 1
                        continue
                    j = limit
                    break
                j += 1
            if j < limit and j > i + 1:
                quotes.append((i, j + 1))
                i = j + 1
                continue
        i += 1
    return quotes


def _last_inside(text: str, quote: tuple[int, int]) -> str:
    """The last character inside a quote's marks."""
    inner = text[quote[0] : quote[1]].rstrip("”»’\"“›'")
    return inner[-1:] or " "


def _opens(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if text[i] in "‘'":
        return not before.isalnum() and after.isalnum()
    return not after.isspace() or text[i] in "“«„‹"


def _closes(text: str, j: int) -> bool:
    after = text[j + 1] if j + 1 < len(text) else " "
    return not after.isalnum()


# -- candidates ---------------------------------------------------------------


def find_candidates(doc: Doc, lexicon: CueLexicon, quotes: list[tuple[int, int]] | None = None) -> list[Candidate]:
    """Every reporting verb with its subject and complement, and every "according to"."""
    # Doc.text joins every token on each call: read it once, never per token.
    text = doc.text
    quotes = find_quotes(text) if quotes is None else quotes
    quote_end = {q[1]: q for q in quotes}
    quote_start = {q[0]: q for q in quotes}
    candidates: list[Candidate] = []
    for token in doc:
        if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            candidate = _according_to(doc, token, lexicon)
            if candidate:
                candidates.append(candidate)
            continue
        if token.text == ":":
            candidate = _colon(doc, token)
            if candidate:
                candidates.append(candidate)
            continue
        if token.pos_ not in ("VERB", "AUX") or token.dep_ == "aux" or token.dep_ == "auxpass":
            continue
        cue = lexicon.verbs.get(token.lemma_.lower())
        if cue is None:
            continue
        candidate = _verb_candidate(doc, text, token, cue, quote_start, quote_end)
        if candidate:
            candidates.append(candidate)
    return candidates


def _verb_candidate(doc: Doc, text: str, verb: Token, cue: Cue, quote_start: dict,
                    quote_end: dict) -> Candidate | None:
    content = None
    rule = "verb-clause"
    for child in verb.children:
        if child.dep_ == "parataxis" and child.i < verb.i:
            continue  # "Paris and Berlin say, X agreed": the aside is not what X agreed to
        if (child.dep_ in CLAUSE_DEPS or child.dep_ == "advcl" and _is_question(child)) \
                and not _across_paragraph(text, child, verb):
            content = _subtree(child)
            if verb.lemma_.lower() in ADDRESSEE_VERBS:
                content = _after_addressee(doc, content)
            break
    if content is None:
        content = _adjacent_quote(doc, verb, quote_start, quote_end)
        rule = "verb-quote"
    if content is None and cue.content == "clause":
        # "said in a statement that ...": the that-clause hangs off a noun after the verb
        that = next((t for t in doc[verb.i + 1 : verb.right_edge.i + 1] if t.dep_ == "mark"
                     and t.lower_ == "that" and t.head.dep_ in ("ccomp", "acl")
                     and _governed_by(t.head, verb, MAX_THAT_DEPTH)), None)
        if that is not None:
            content = (that.i, that.head.right_edge.i + 1)
            rule = "verb-clause"
    if content is None and (cue.content == "object" or _clausal_object(verb)
                            or cue.cls == "speech" and cue.content == "clause"):
        # "accused X of Y", "called X a liar", "talked about Y": object and its complements
        parts = [c for c in verb.rights if c.dep_ in OBJECT_DEPS
                 or (c.dep_ == "prep" and c.lower_ in OBJECT_PREPOSITIONS)]
        if parts:
            first = parts[0].left_edge.i
            if parts[0].dep_ == "prep" and first == parts[0].i and first + 1 < parts[0].right_edge.i + 1:
                first += 1  # "talked about X", "called for X": X is what was said
            content = (first, max(c.right_edge.i for c in parts) + 1)
            rule = "verb-object"
            if cue.content != "object":
                content = _after_addressee(doc, content)
    if content is None and (cue.content == "object" or cue.content == "clause" and cue.cls == "speech"):
        xcomp = next((c for c in verb.rights if c.dep_ == "xcomp"), None)
        if xcomp is not None:
            content = _subtree(xcomp)
            rule = "verb-xcomp"
    if content is None:
        subject = next((c for c in verb.lefts if c.dep_ == "nsubjpass"), None)
        agent = next((c for c in verb.rights if c.dep_ == "agent"), None)
        if subject is not None and (agent is not None or cue.cls == "speech") \
                and not any(c.dep_ == "xcomp" for c in verb.rights):
            # "These proposals have been applauded by critics": what was said is the subject
            content = (subject.left_edge.i, subject.right_edge.i + 1)
            rule = "verb-passive"
    if content is None and verb.dep_ == "advcl" and verb.i < verb.head.i and any(
            c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        # "As Breitbart News reported, the White House was ...": the main clause is the report
        after = verb.right_edge.i + 1
        while after < len(doc) and doc[after].text == ",":
            after += 1
        if after < verb.head.right_edge.i:
            content = (after, verb.head.right_edge.i + 1)
            rule = "verb-as"
    if content is None and verb.dep_ in ("parataxis", "ccomp"):
        # The parser hung the reporting clause on what was said. Only a clause set
        # off by a comma or a closing quote is one ("..., he said" / "X, they say, Y");
        # otherwise the verb is just part of a longer statement.
        head = verb.head
        first = min([verb.i] + [c.left_edge.i for c in verb.lefts if c.dep_ in SUBJECT_DEPS])
        after = verb.right_edge.i + 1
        set_off = doc[first].text in SET_OFF or first > 0 and doc[first - 1].text in SET_OFF
        if head.i < verb.i and set_off:
            content = _subtree(head, stop=verb)
            rule = "verb-inverted"
        elif head.i > verb.right_edge.i and set_off and after < len(doc):
            if doc[after].text == ",":
                after += 1
            elif doc[after - 1].text != ",":
                return None
            content = (after, head.right_edge.i + 1)
            subject = next((c for c in head.lefts if c.dep_ in SUBJECT_DEPS and c.i < first), None)
            if subject is not None:
                # "A comic tone, she said, would help": the statement surrounds the aside
                content = (subject.left_edge.i, head.right_edge.i + 1)
            rule = "verb-parenthetical"
    if content is None:
        return None
    if content[1] <= verb.i:
        # "Still, golf clubs are “...,” he said": the opening connective is the writer's
        start = content[0]
        while start + 1 < content[1] and (doc[start].dep_ == "cc" or (
                doc[start].dep_ == "advmod" and doc[start + 1].text == ",")):
            start += 2 if doc[start + 1].text == "," else 1
        content = (start, content[1])
    source = _source(verb)
    if source is None and content[1] <= verb.i:
        # quotative inversion the parser read as an object: "“...” declared the envoy"
        inverted = next((c for c in verb.rights if c.dep_ in ("dobj", "attr", "npadvmod")
                         and c.pos_ in ("NOUN", "PROPN")), None)
        if inverted is not None:
            source = _noun_phrase(inverted)
    if source is None and verb.dep_ in UNSOURCED_DEPS:
        return None
    end = verb.idx + len(verb.text)
    first = verb.i
    for child in reversed(list(verb.lefts)):
        if child.i == first - 1 and child.dep_ in CUE_LEFT_DEPS:
            first = child.i
    last = verb.i
    for child in verb.rights:
        if child.i == last + 1 and child.dep_ == "prt":
            last = child.i
    after = last + 1
    if after < len(doc) and doc[after].text == ":":
        last = after  # "said:" — the colon introduces the quote
    elif after < len(doc) and doc[after].dep_ == "prep" and doc[after].head.i == verb.i \
            and content[0] == after + 1:
        last = after  # "talked about", "called for": the preposition belongs to the cue
    end = _token_end(doc[last])
    return Candidate(
        cue=(doc[first].idx, end),
        content=(doc[content[0]].idx, _token_end(doc[content[1] - 1])),
        source=source,
        rule=rule,
        cue_token=verb.i,
        rules=[f"cue:{cue.lemma}/{cue.cls}"],
    )


def _governed_by(token: Token, verb: Token, depth: int) -> bool:
    """`token` hangs from `verb` through nouns and prepositions only ("said in a statement that")."""
    for _ in range(depth):
        token = token.head
        if token.i == verb.i:
            return True
        if token.pos_ in ("VERB", "AUX") or token.dep_ == "ROOT":
            return False
    return False


def _clausal_object(verb: Token) -> bool:
    """A speech verb's object that is itself a statement ("says the movement is ...")."""
    return any(c.dep_ == "dobj" and (c.pos_ in ("NOUN", "PROPN") and any(
        g.dep_ in ("relcl", "acl", "ccomp") for g in c.children)) for c in verb.rights)


def _after_addressee(doc: Doc, content: tuple[int, int]) -> tuple[int, int]:
    """"told Russian media accompanying him that ...": the that-clause is what was said,
    not the people it was said to (the parser often reads them as a clause)."""
    that = next((t for t in doc[content[0] : content[1]] if t.dep_ == "mark"
                 and t.lower_ == "that" and t.head.dep_ == "ccomp"), None)
    return (that.i, content[1]) if that is not None else content


def _is_question(clause: Token) -> bool:
    """An embedded question hung as a modifier: "asked if he would run"."""
    return any(c.dep_ == "mark" and c.lower_ in ("if", "whether") for c in clause.children)


def _adjacent_quote(doc: Doc, verb: Token, quote_start: dict, quote_end: dict) -> tuple[int, int] | None:
    """A quote the parser left unattached, right before the speaker ("“...” one person
    tweeted") or right after the verb ("he wrote: “...”")."""
    first = min([verb.i] + [c.left_edge.i for c in verb.lefts if c.dep_ in SUBJECT_DEPS])
    i = first - 1
    while i >= 0 and doc[i].text in (",", "—", "–"):
        i -= 1
    if i >= 0:
        quote = quote_end.get(_token_end(doc[i]))
        if quote is not None:
            return _char_to_tokens(doc, quote)
    j = verb.i + 1
    # "he tells the crowd: “...”", "says:\n\n“...”": an addressee or adverb, then a colon
    for k in range(verb.i + 1, min(len(doc), verb.i + MAX_COLON_GAP_TOKENS + 2)):
        if doc[k].text == ":":
            j = k
            break
        if doc[k].is_punct or doc[k].is_space:
            break
    while j < len(doc) and (doc[j].text in (",", ":", "—", "–") or doc[j].is_space):
        j += 1
    quote = quote_start.get(doc[j].idx) if j < len(doc) else None
    if quote is not None:
        return _char_to_tokens(doc, quote)
    return None


def _char_to_tokens(doc: Doc, span: tuple[int, int]) -> tuple[int, int] | None:
    chars = doc.char_span(span[0], span[1], alignment_mode="expand")
    return (chars.start, chars.end) if chars is not None else None


def _across_paragraph(text: str, child: Token, verb: Token) -> bool:
    """A complement in another paragraph is a parser error (a heading glued to the sentence)."""
    if child.i < verb.i:
        return text.find("\n", child.right_edge.idx, verb.idx) >= 0
    return text.find("\n", verb.idx, child.left_edge.idx) >= 0


def _subtree(token: Token, stop: Token | None = None) -> tuple[int, int]:
    """Token range [start, end) of a subtree; with `stop`, only what precedes it."""
    start, end = token.left_edge.i, token.right_edge.i + 1
    if stop is not None:
        end = min(end, stop.i)
        for child in token.children:
            if child.i < stop.i <= child.right_edge.i:
                end = min(end, child.left_edge.i)
    return start, end


def _token_end(token: Token) -> int:
    return token.idx + len(token.text)


def _source(verb: Token) -> tuple[int, int] | None:
    """The subject (or passive agent) of the verb, or of the clause it modifies."""
    node: Token | None = verb
    for _ in range(3):
        if node is None:
            break
        for child in node.children:
            if child.dep_ in ("nsubj", "csubj"):
                return _noun_phrase(child)
        for child in node.children:
            if child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return _noun_phrase(pobj)
        # "..., saying that" / "and added": the subject of the verb it hangs from
        if node.dep_ in ("advcl", "conj", "xcomp") and node.head.i != node.i:
            node = node.head
            continue
        # "issued a statement saying ...": the statement's author is the speaker
        if node.dep_ == "acl" and node.head.lemma_.lower() in SPEECH_DOCUMENTS \
                and node.head.dep_ in ("dobj", "pobj") and node.head.head.pos_ in ("VERB", "AUX"):
            node = node.head.head
            continue
        if node.dep_ == "relcl":
            return _noun_phrase(node.head)
        break
    return None


def _noun_phrase(head: Token, *, relative: bool = True) -> tuple[int, int]:
    """The whole noun phrase, appositive and relative clause included.

    PolNeAR's sources keep them and the comma that closes them ("Jenna
    Golden, Twitter's director of political advertising,"), but never run
    across a paragraph break (a dateline or time stamp before the name).
    """
    doc = head.doc
    start, end = head.left_edge.i, head.right_edge.i + 1
    if not relative:
        # an antecedent without the relative clause that points back to it
        end = head.i + 1
        for child in head.rights:
            if child.dep_ in ("relcl", "punct", "acl"):
                break
            end = child.right_edge.i + 1
    while start < end - 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    for i in range(end - 1, start, -1):
        if "\n" in doc[i].text or "\n" in doc[i - 1].whitespace_:
            start = i
            break
    for i in range(start, end):
        # a dateline or kicker before the name: "MACAU (Reuters) – ", "EXCLUSIVE – "
        if doc[i].text in ("—", "–", "-") and i + 1 < end:
            prefix = doc[start:i].text
            if prefix.isupper() or "(" in prefix:
                start = i + 1
            break
    keeps_comma = any(c.dep_ in ("appos", "relcl", "acl") for c in head.children) and doc[end - 1].text == ","
    while end - 1 > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        if keeps_comma and doc[end - 1].text == ",":
            break
        end -= 1
    while doc[start].is_space and start < end - 1:
        start += 1
    return doc[start].idx, _token_end(doc[end - 1])


def _according_to(doc: Doc, according: Token, lexicon: CueLexicon) -> Candidate | None:
    to = doc[according.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    source = _noun_phrase(pobj)
    sent = according.sent
    phrase_start = according.i
    phrase_end = max(pobj.right_edge.i + 1, according.i + 2)
    # content: the rest of the sentence, on the side that carries the clause
    before = (sent.start, phrase_start)
    after = (phrase_end, sent.end)
    if phrase_start - sent.start <= 1:
        span = after
    elif sent.end - phrase_end <= 2:
        span = before
    else:
        span = (sent.start, sent.end)
    # a second clause that reports someone else's words is not part of the claim
    # ("According to X, A happened, and the Pentagon accused B")
    head = according.head
    if head.pos_ in ("VERB", "AUX") and span[0] <= head.i < span[1]:
        for child in head.rights:
            if child.dep_ == "conj" and child.i > phrase_end and child.lemma_.lower() in lexicon.verbs and any(
                    c.dep_ in SUBJECT_DEPS for c in child.children):
                cut = child.left_edge.i
                while cut > span[0] and (doc[cut - 1].dep_ == "cc" or doc[cut - 1].is_punct):
                    cut -= 1
                span = (span[0], min(span[1], cut))
                break
    start, end = _strip_tokens(doc, *span)
    if start >= end:
        return None
    return Candidate(
        cue=(according.idx, _token_end(to)),
        content=(doc[start].idx, _token_end(doc[end - 1])),
        source=source,
        rule="according-to",
        cue_token=according.i,
    )


def _colon(doc: Doc, colon: Token) -> Candidate | None:
    """Headline style "Sanders: Brexit's message could help Trump": a name, a colon, a claim."""
    sent = colon.sent
    before = doc[sent.start : colon.i]
    if not 0 < len(before) <= MAX_COLON_SOURCE_TOKENS or colon.i + 2 >= sent.end:
        return None
    if any(t.pos_ in ("VERB", "AUX") or "\n" in t.text for t in before):
        return None
    if not any(t.pos_ == "PROPN" for t in before) or before[0].like_num:
        return None
    start, end = _strip_tokens(doc, colon.i + 1, sent.end)
    if start >= end or not any(t.pos_ in ("VERB", "AUX") for t in doc[start:end]):
        return None  # "Clinton: 2,316" is a tally, not a claim
    return Candidate(
        cue=(colon.idx, colon.idx + 1),
        content=(doc[start].idx, _token_end(doc[end - 1])),
        source=(before[0].idx, _token_end(before[-1])),
        rule="colon",
        cue_token=colon.i,
    )


def _strip_tokens(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end and (doc[start].is_punct and doc[start].text not in QUOTE_TOKENS or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct and doc[end - 1].text not in QUOTE_TOKENS or doc[end - 1].is_space):
        end -= 1
    return start, end


# -- cue filters --------------------------------------------------------------------
# A reporting verb found by the lexicon is not always someone reporting something.
# Each filter names one construction that reports nothing; the names in use are
# listed, with the example each was written for and what it removes from PolNeAR
# train, in data/attribution_filters.tsv (`scripts/tune_attribution.py --filters`
# measures them). A filter only ever drops a verb candidate: "according to" and
# "Name: claim" are never filtered.

WH_SUBJECTS = frozenset({"who", "what", "whoever", "whatever"})
SECOND_PERSON = frozenset({"you", "ya", "y'all", "yourself", "yourselves"})


class CueFilterError(NewsgraphError):
    """The cue filter file is malformed or names an unknown filter."""


@dataclass(frozen=True, slots=True)
class Rejection:
    """A candidate a cue filter dropped, and which filter."""

    cue: Span
    rule: str
    filter: str


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in SUBJECT_DEPS or c.dep_ == "expl"), None)


def _fronted_participle(verb: Token, cue: Cue, cand: Candidate) -> bool:
    """"Assuming the data is right, ...", "Observing the market, traders sold": a participle
    before the clause it modifies, with no subject of its own, only sets the scene, unless
    it is speech with a clause or quote ("Asked whether ..., voters said")."""
    return verb.tag_ in ("VBG", "VBN") and verb.dep_ == "advcl" and verb.i < verb.head.i \
        and not any(c.dep_ in SUBJECT_DEPS or c.dep_ in ("aux", "auxpass", "mark") for c in verb.children) \
        and (cue.cls != "speech" or cand.rule in ("verb-object", "verb-xcomp"))


def _purpose_infinitive(verb: Token, cue: Cue, cand: Candidate) -> bool:
    """"The panel met to determine whether ...": an infinitive of purpose says what someone
    means to find out or decide (speech, "called in to discuss", stays: PolNeAR marks it)."""
    return verb.dep_ == "advcl" and cue.cls != "speech" and any(
        c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)


def _noun_infinitive(verb: Token, cue: Cue, cand: Candidate) -> bool:
    """"the push to expand ...", "a bid to show that ...": an infinitive completing a noun
    names an aim."""
    return verb.dep_ in ("acl", "relcl") and any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)


def _passive_of_a_deed(verb: Token, cue: Cue, cand: Candidate) -> bool:
    """"He was charged with fraud": a passive with no agent, what it was done "with", and only
    its own subject for content reports no words."""
    return cand.rule == "verb-passive" and not any(c.dep_ == "agent" for c in verb.children) \
        and any(c.dep_ == "prep" and c.lower_ == "with" for c in verb.children)


def _thing_without_content(verb: Token, cue: Cue, cand: Candidate) -> bool:
    """"The data shows a rise", "the board sought a delay": an evidence or wanting verb with
    only an object, and a subject that is not a person, states no one's words."""
    if cue.cls == "speech" or cand.rule not in ("verb-object", "verb-xcomp"):
        return False
    subject = _subject(verb)
    return subject is None or subject.pos_ == "NOUN" and not subject.ent_type_


def _question(verb: Token, cue: Cue, cand: Candidate) -> bool:
    """"Who knows what comes next?": a question's subject is nobody in particular."""
    subject = _subject(verb)
    return subject is not None and subject.lower_ in WH_SUBJECTS and verb.dep_ == "ROOT" \
        and verb.sent.text.rstrip(" \n\"”’'").endswith("?")


def _second_person(verb: Token, cue: Cue, cand: Candidate) -> bool:
    """"You might want to read it": the reader is addressed, no one is reported."""
    subject = _subject(verb)
    return subject is not None and subject.lower_ in SECOND_PERSON


def _imperative(verb: Token, cue: Cue, cand: Candidate) -> bool:
    """"Email any tips to ...", "Tell us what you think": a command to the reader."""
    if verb.tag_ != "VB" or verb.dep_ != "ROOT" or _subject(verb) is not None:
        return False
    first = verb.sent.start
    while first < verb.i and (verb.doc[first].is_punct or verb.doc[first].is_space):
        first += 1
    return first == verb.i or all(t.dep_ in ("advmod", "intj", "punct") for t in verb.doc[first:verb.i])


def _reader_prompt(verb: Token, cue: Cue, cand: Candidate) -> bool:
    """"HuffPost wants to know what you think": a wish about the reader's views, not a claim."""
    if cue.cls == "speech" or cand.content is None:
        return False
    doc = verb.doc
    span = doc.char_span(cand.content[0], cand.content[1], alignment_mode="expand")
    return span is not None and not any(t.text in QUOTE_TOKENS for t in span) and any(
        t.lower_ in SECOND_PERSON and t.dep_ in SUBJECT_DEPS for t in span)


# name → test; the file data/attribution_filters.tsv says which are used.
CUE_FILTERS: dict[str, Callable[[Token, Cue, Candidate], bool]] = {
    "fronted-participle": _fronted_participle,
    "purpose-infinitive": _purpose_infinitive,
    "noun-infinitive": _noun_infinitive,
    "passive-of-a-deed": _passive_of_a_deed,
    "thing-without-content": _thing_without_content,
    "question": _question,
    "second-person": _second_person,
    "imperative": _imperative,
    "reader-prompt": _reader_prompt,
}


def load_filter_names(path: Path) -> tuple[str, ...]:
    """The filters marked `yes` in a filter file (name, use, example, effect on PolNeAR train)."""
    names = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 2 or parts[1] not in ("yes", "no"):
            raise CueFilterError(f"cue filter line {number} must be 'name<TAB>yes|no<TAB>...': {line!r}")
        if parts[0] not in CUE_FILTERS:
            raise CueFilterError(f"cue filter line {number} names an unknown filter {parts[0]!r} "
                                 f"(known: {', '.join(CUE_FILTERS)})")
        if parts[1] == "yes":
            names.append(parts[0])
    return tuple(names)


def filter_candidates(doc: Doc, candidates: list[Candidate], lexicon: CueLexicon,
                      names: Iterable[str] | None = None) -> tuple[list[Candidate], list[Rejection]]:
    """Drop verb candidates that report nothing; each dropped one says which filter dropped it.
    `names`: the filters to try (default: the lexicon's)."""
    tests = [(name, CUE_FILTERS[name]) for name in (lexicon.filters if names is None else names)]
    text = doc.text
    kept: list[Candidate] = []
    rejected: list[Rejection] = []
    for cand in candidates:
        verb = doc[cand.cue_token] if cand.cue_token is not None else None
        cue = lexicon.verbs.get(verb.lemma_.lower()) if verb is not None else None
        fired = None
        if cue is not None and cand.rule not in ("according-to", "colon"):
            fired = next((name for name, test in tests if test(verb, cue, cand)), None)
        if fired is None:
            kept.append(cand)
        else:
            rejected.append(Rejection(Span(cand.cue[0], cand.cue[1], text[cand.cue[0]:cand.cue[1]]),
                                      cand.rule, fired))
    return kept, rejected


# -- deciding -----------------------------------------------------------------


def decide(article: Article, doc: Doc, candidates: list[Candidate],
           quotes: list[tuple[int, int]] | None = None) -> list[Attribution]:
    """`quotes` as `find_quotes` gives them: sorted and disjoint, which every lookup here relies on."""
    text = article.text
    quotes = _Quotes(find_quotes(text) if quotes is None else quotes)
    quote_at = {q[0]: q for q in quotes.spans}
    # A cue inside someone's quoted words is part of what they said, not a new
    # attribution (PolNeAR gives each token one role only).
    candidates = [c for c in candidates if not quotes.encloses(c.cue)]
    candidates = _merge_relays(doc, candidates)
    spans: list[tuple[Candidate, int, int]] = []
    seen: set[tuple[int, int]] = set()
    for cand in sorted(candidates, key=lambda c: c.cue[0]):
        start, end = _snap_to_quotes(text, cand.content, quotes)
        start, end = _cut_at_quote(text, start, end, quote_at)
        start, end = _clip_to_paragraph(text, start, end, cand.cue)
        start, end = _trim_content(text, start, end)
        if start >= end or (start, end) in seen:
            continue
        seen.add((start, end))
        spans.append((cand, start, end))
    # Every subject of a reporting verb is a possible antecedent, even where its
    # own attribution is dropped as nested ("Westerners fear ..., according to them").
    named = sorted({c.source for c in candidates if c.source and text[c.source[0]:c.source[1]].lower()
                    not in PERSON_PRONOUNS | RELATIVE_PRONOUNS and not SAME_SOURCE.fullmatch(
                        text[c.source[0]:c.source[1]])})
    spans = _drop_nested(spans)
    claimed = _Intervals((s, e) for _, s, e in spans)
    index = _ArticleIndex(article, doc)
    results: list[Attribution] = []
    for cand, start, end in spans:
        end = _continue_quote(doc, text, cand, start, end, quotes, quote_at, claimed)
        source = _mention(index, cand.source) if cand.source else None
        speaker, how = None, "speaker:none"
        if source is not None:
            before = bisect.bisect_left(named, cand.source)
            # only the nearest antecedents are ever read: a slice of them, not a copy of all
            speaker, how = _resolve(index, doc, source, named[max(0, before - MAX_ANTECEDENTS - 1) : before],
                                    content=(start, end))
            if source.kind == "pronoun" or SAME_SOURCE.fullmatch(source.text.lower()):
                # the source's actor is the speaker's: the one chosen here, or none
                source = replace(source, actor=speaker.actor if speaker else None)
        results.append(
            Attribution(
                id="",
                content=Span(start, end, text[start:end]),
                kind=_kind(text, start, end, quotes),  # type: ignore[arg-type]
                cue=Span(cand.cue[0], cand.cue[1], text[cand.cue[0] : cand.cue[1]]),
                source=source,
                via=_mention(index, cand.via) if cand.via else None,
                speaker=speaker,
                rules=(cand.rule, *cand.rules, how),
            )
        )
    results += _quoted_headings(text, quotes, claimed, results)
    results.sort(key=lambda a: a.content.start)
    return [replace(a, id=f"a{i}") for i, a in enumerate(results, 1)]


def _drop_nested(spans: list[tuple[Candidate, int, int]]) -> list[tuple[Candidate, int, int]]:
    """A reporting verb inside what someone else is reported to have said is part of
    that content ("He said she believed ..."): PolNeAR gives each token one role.
    Spans are distinct (start, end) pairs, so "another span" is any other pair."""
    contents = _Intervals((start, end) for _, start, end in spans)
    return [(cand, start, end) for cand, start, end in spans
            if not contents.any_covering(cand.cue[0], cand.cue[1], exclude=(start, end))]


def _merge_relays(doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
    """"X said, according to Tass, that ..." is X's statement relayed by Tass."""
    verbs = _RelayHosts({c.cue_token: c for c in candidates if c.rule != "according-to" and c.source}.values())
    kept = []
    for cand in candidates:
        if cand.rule == "according-to" and cand.cue_token is not None:
            # only a relay set between the cue and what was said ("X said, according to Y, that")
            host = verbs.first_around(cand.cue[0])
            if host is not None and host.via is None and cand.source:
                host.via = cand.source
                continue
        kept.append(cand)
    return kept


def _clip_to_paragraph(text: str, start: int, end: int, cue: tuple[int, int]) -> tuple[int, int]:
    """Content stays in the cue's paragraph (headings and datelines are not speech)."""
    para_start = text.rfind("\n", 0, cue[0]) + 1
    para_end = text.find("\n", cue[1])
    if para_end >= 0 and text[cue[1]:para_end].rstrip().endswith(":") and start >= para_end:
        # "... says:" and the quote (of one or more paragraphs) that follows
        return start, end
    if para_end < 0:
        para_end = len(text)
    return max(start, para_start), min(end, para_end)


def _resolve(index: _ArticleIndex, doc: Doc, source: Mention, named: list[tuple[int, int]], *,
             content: tuple[int, int]) -> tuple[Mention | None, str]:
    """The speaker a source stands for, and the name of the rule that chose it.

    A name or title stands for the person (or body) at its head: "Putin's spokesman
    Dmitry Peskov" is Peskov, "a spokesman for Putin" is an unnamed spokesman. A pronoun,
    a relative "who", "the same source" or a role noun ("the spokesman") stands for an
    earlier speaker or mention that agrees with it, never for a mere mention inside what
    it says ("Trump, he said, had been briefed"); when none does, the speaker stays unknown (None). `named` holds the named sources
    before it, in text order (the nearest MAX_ANTECEDENTS are enough). Actors are the
    actor stage's: each speaker carries the actor linked to its head."""
    low = source.text.lower()
    if SAME_SOURCE.fullmatch(low):
        return (_mention(index, named[-1]), "speaker:same-source") if named else (None, "speaker:unresolved")
    if low in RELATIVE_PRONOUNS:
        span = doc.char_span(source.start, source.end, alignment_mode="expand")
        if span is not None and span.root.head.dep_ == "relcl":
            noun = span.root.head.head
            return _mention(index, _noun_phrase(noun, relative=False)), "speaker:relative"
        return None, "speaker:unresolved"
    if source.kind != "pronoun":
        cut = RELATIVE_TAIL.search(source.text)
        if cut:  # "Officials in Kyiv, who asked not to be named," → "Officials in Kyiv"
            source = _mention(index, (source.start, source.start + cut.start()))
        if source.actor is not None:
            return source, "speaker:head"
        role = _role_antecedent(index, doc, source, content)
        if role is not None:
            return role, "speaker:role-antecedent"
        return source, "speaker:head-unlinked"
    if low in PLURAL_PRONOUNS:
        for offset, span in enumerate(reversed(named)):
            if offset >= MAX_ANTECEDENTS:
                break
            # a source inside the content is its cognizer ("Westerners fear ..., according to them")
            if _is_plural(doc, span):
                return _mention(index, span), "speaker:previous-source"
        subject = _previous_subject(index, doc, source, plural=True)
        if subject is not None and not _inside((subject.start, subject.end), content):
            return subject, "speaker:previous-subject"
        return None, "speaker:unresolved"
    # he / she: the person the actor stage linked the pronoun to, named before it and
    # outside what is said ("Trump, he said, had been briefed": not Trump) ...
    linked = index.linked_pronoun(source)
    if linked is not None:
        antecedent = index.last_mention_of(linked.id, before=source.start)
        if antecedent is None:
            return replace(source, actor=linked), "speaker:pronoun-link"
        if not _inside((antecedent.start, antecedent.end), content):
            return antecedent, "speaker:pronoun-link"
    # ... else the nearest earlier speaker who can be "he" or "she"
    want = "f" if low in ("she", "her") else "m"
    for offset, span in enumerate(reversed(named)):
        if offset >= MAX_ANTECEDENTS:
            break
        if _is_plural(doc, span):
            continue
        candidate = _mention(index, span)
        if index.can_be_person(doc, candidate, want):
            return candidate, "speaker:previous-source"
    return None, "speaker:unresolved"


def _inside(span: tuple[int, int], content: tuple[int, int]) -> bool:
    return content[0] <= span[0] and span[1] <= content[1]


def _role_antecedent(index: _ArticleIndex, doc: Doc, source: Mention, content: tuple[int, int]) -> Mention | None:
    """"The spokesman said" after "Kremlin spokesman Dmitry Peskov": a definite role noun
    (the, this, his) stands for the nearest earlier name titled with that role. A
    relational noun is never its own possessor: "his lawyer" is not "he"."""
    head = _head_token(doc, source.start, source.end)
    if head is None or head.pos_ != "NOUN" or head.tag_ == "NNS":
        return None
    determiners = [c for c in head.children if c.dep_ in ("det", "poss")]
    if not determiners or not all(c.dep_ == "poss" or c.lower_ in ("the", "this", "that") for c in determiners):
        return None
    possessor = next((c for c in determiners if c.dep_ == "poss"), None)
    owner = index.actor_of(possessor.idx, _token_end(possessor)) if possessor is not None else None
    word = head.lower_
    for mention in index.name_mentions_before(source.start):
        if _inside((mention.start, mention.end), content) or mention.actor is None \
                or owner is not None and mention.actor.id == owner.id:
            continue
        if word in _title_words(doc, mention):
            return mention
    return None


def _title_words(doc: Doc, mention: Mention) -> set[str]:
    """The words that title a name: inside the mention ("spokesman Dmitry Peskov"), before it
    ("lawyer Elena Brandt", where the title is a common noun) or beside it ("Elena Brandt,
    his lawyer,")."""
    words = {w.lower() for w in re.findall(r"\w+", mention.text)}
    head = _head_token(doc, mention.start, mention.end)
    if head is not None:
        words |= {c.lower_ for c in head.children if c.dep_ in ("compound", "appos") and c.i < head.i + 8}
        if head.dep_ == "appos":
            words.add(head.head.lower_)
    return words


def _head_token(doc: Doc, start: int, end: int) -> Token | None:
    """The word a source phrase is about: its syntactic head, or the name in apposition to
    a role ("Putin's spokesman, Dmitry Peskov," → Peskov)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    head = span.root
    if head.pos_ != "PROPN":
        name = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"
                     and span.start <= c.i < span.end), None)
        if name is not None:
            head = name
    return head


def _previous_subject(index: _ArticleIndex, doc: Doc, source: Mention, plural: bool) -> Mention | None:
    """Last resort for "they": the nearest earlier subject noun of the same number
    ("The ministers met ... “...,” they said")."""
    span = doc.char_span(source.start, source.end, alignment_mode="expand")
    if span is None:
        return None
    for i in range(span.start - 1, max(-1, span.start - MAX_SUBJECT_LOOKBACK), -1):
        token = doc[i]
        if token.dep_ in ("nsubj", "nsubjpass") and token.pos_ in ("NOUN", "PROPN") \
                and (token.tag_ in ("NNS", "NNPS")) == plural:
            return _mention(index, _noun_phrase(token, relative=False))
    return None


def _is_plural(doc: Doc, chars: tuple[int, int]) -> bool:
    span = doc.char_span(chars[0], chars[1], alignment_mode="expand")
    if span is None:
        return False
    return span.root.tag_ in ("NNS", "NNPS") or any(t.dep_ == "cc" for t in span)


def _quoted_headings(text: str, quotes: _Quotes, claimed: _Intervals,
                     found: list[Attribution]) -> list[Attribution]:
    """A paragraph that is only a quote, right before a paragraph with a named speaker
    (a quoted sub-heading), is that speaker's."""
    extra = []
    cues = sorted((a.cue.start, position) for position, a in enumerate(found) if a.cue)
    cue_starts = [start for start, _ in cues]
    for q_start, q_end in quotes.spans:
        line_start = text.rfind("\n", 0, q_start) + 1
        line_end = text.find("\n", q_end)
        line_end = len(text) if line_end < 0 else line_end
        if text[line_start:q_start].strip() or text[q_end:line_end].strip(" .\t"):
            continue
        if claimed.any_covering(q_end - 1, q_start + 1):  # overlaps a claimed content
            continue
        next_para = line_end
        while next_para < len(text) and text[next_para].isspace():
            next_para += 1
        para_end = text.find("\n", next_para)
        para_end = len(text) if para_end < 0 else para_end
        follower = _first_named_cue(found, cues, cue_starts, next_para, para_end)
        if follower is None:
            continue
        extra.append(Attribution(id="", content=Span(q_start, q_end, text[q_start:q_end]),
                                 kind="direct", source=follower.source, speaker=follower.speaker,
                                 rules=("quoted-heading", *follower.rules[-1:])))
    return extra


def _first_named_cue(found: list[Attribution], cues: list[tuple[int, int]], cue_starts: list[int],
                     start: int, end: int) -> Attribution | None:
    """The first attribution of `found` (in its order) with a speaker whose cue starts
    in [start, end); `cues` are (cue start, position in found), sorted."""
    first = None
    for k in range(bisect.bisect_left(cue_starts, start), bisect.bisect_left(cue_starts, end)):
        attribution = found[cues[k][1]]
        # a named (or titled) speaker, or a pronoun: an unknown "she" still speaks the heading
        if attribution.speaker is not None and attribution.speaker.kind != "pronoun" or (
                attribution.source is not None and attribution.source.kind == "pronoun"):
            first = cues[k][1] if first is None else min(first, cues[k][1])
    return None if first is None else found[first]


def _cut_at_quote(text: str, start: int, end: int, quote_at: dict) -> tuple[int, int]:
    """A content that opens with a complete quoted sentence ends with it (“...,” he said)."""
    quote = quote_at.get(start)
    if quote and quote[1] < end and _last_inside(text, quote) in ",.?!…":
        return start, quote[1]
    return start, end


def _continue_quote(doc: Doc, text: str, cand: Candidate, start: int, end: int,
                    quotes: _Quotes, quote_at: dict, claimed: _Intervals) -> int:
    """Quoted speech that goes on right after the attributing sentence belongs to it.

    “We will win,” she said. “Nothing stops us.” — the second quote has no cue
    of its own; PolNeAR annotates both quotes as one (discontinuous) content.
    """
    if cand.cue_token is None or not quotes.inside(start, end):
        return end
    if end <= cand.cue[0]:
        # “The first half,” the judge said, “and the second half.”
        position = max(cand.cue[1], cand.source[1] if cand.source else 0)
        while position < len(text) and text[position] in " ,:":
            position += 1
        quote = quote_at.get(position)
        if quote is not None and not _claimed_by_other(quote, start, end, claimed):
            end = quote[1]
    # The attributing sentence ends at the first stop after the content, cue and
    # source that is followed by a quote; the parser's sentence ends are unreliable
    # next to quote marks.
    tail = max(end, cand.cue[1], cand.source[1] if cand.source else 0)
    for stop in SENTENCE_STOP.finditer(text, tail, min(len(text), tail + MAX_TAIL_CHARS)):
        position = stop.end()
        while position < len(text) and text[position].isspace():
            position += 1
        quote = quote_at.get(position)
        if quote is None:
            if ABBREVIATION.search(text, max(0, stop.start() - 5), stop.end()):
                continue  # "Mr.", "Sen.", "J." do not end the sentence
            return end
        # a continuation is whole sentences ("...”); a bare quoted line is a heading
        if _last_inside(text, quote) not in ".?!…" or _claimed_by_other(quote, start, end, claimed):
            return end
        if any(ch in QUOTE_CHARS for ch in text[tail : stop.start()]):
            return end
        return quote[1]
    return end


def _claimed_by_other(quote: tuple[int, int], start: int, end: int, claimed: _Intervals) -> bool:
    """Another claimed content overlaps the quote."""
    return claimed.any_covering(quote[1] - 1, quote[0] + 1, exclude=(start, end))


def _snap_to_quotes(text: str, content: tuple[int, int], quotes: _Quotes) -> tuple[int, int]:
    """Grow content to the quote marks of any quote it starts or ends inside."""
    start, end = content
    # quotes that end before the content starts are passed over at once
    for q_start, q_end in quotes.spans[bisect.bisect_right(quotes.ends, start):]:
        if q_start >= end:
            break
        if q_end <= start:
            continue
        if q_start <= start < q_end or (q_start <= end <= q_end):
            if q_start <= start + 2 and q_end >= end - 2:
                start, end = min(start, q_start), max(end, q_end)
            elif q_start <= start + 2:
                start = min(start, q_start)
            elif q_end >= end - 2:
                end = max(end, q_end)
    return start, end


def _trim_content(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \n\t,:;—–-":
        start += 1
    # reported speech drops its final stop; a quote keeps the stop inside its marks
    while end > start and (text[end - 1] in " \n\t,.;:—–-" and text[end - 1] not in CLOSE_QUOTES):
        if text[end - 1] == "." and end - 3 >= start and text[end - 3] == "." and text[end - 2].isalpha():
            break  # an abbreviation's own stop ("7 p.m.", "the U.S.")
        end -= 1
    return start, end


def _kind(text: str, start: int, end: int, quotes: _Quotes) -> str:
    inside = quotes.inside(start, end)
    if not inside:
        return "indirect"
    quoted = sum(q[1] - q[0] for q in inside)
    if (text[start] in OPEN_QUOTES or text.startswith(DOUBLE_APOSTROPHE, start)) and quoted >= 0.8 * (end - start):
        return "direct"
    return "mixed"


def _mention(index: _ArticleIndex, span: tuple[int, int]) -> Mention:
    """The span as a mention, with the actor the actor stage linked to its head."""
    start, end = span
    surface = index.text[start:end]
    low = surface.lower()
    kind = "pronoun" if low in PERSON_PRONOUNS or low in RELATIVE_PRONOUNS else "role" if SAME_SOURCE.fullmatch(low) else "name"
    head = _head_token(index.doc, start, end)
    actor = index.actor_of(head.idx, _token_end(head)) if head is not None else None
    return Mention(start, end, surface, actor=actor, kind=kind)  # type: ignore[arg-type]


# -- lookups ----------------------------------------------------------------------------
# Each answers one question the rules above ask once per candidate or speaker. Scanning
# every quote, span or mention of the article for each would make long texts quadratic
# (a 200,000-character text spent 12 s in `decide` alone); these read only what is near.


class _Quotes:
    """Quoted passages, sorted and disjoint (as `find_quotes` returns them)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self.starts = [q[0] for q in spans]
        self.ends = [q[1] for q in spans]  # increasing too, as the quotes are disjoint

    def encloses(self, span: tuple[int, int]) -> bool:
        """A quote strictly around `span`: only the last quote opening before it can be."""
        k = bisect.bisect_left(self.starts, span[0]) - 1
        return k >= 0 and span[1] < self.ends[k]

    def inside(self, start: int, end: int) -> list[tuple[int, int]]:
        """The quotes within [start, end], in text order."""
        k = bisect.bisect_left(self.starts, start)
        return self.spans[k : bisect.bisect_right(self.ends, end, lo=k)]


class _Intervals:
    """Distinct (start, end) intervals sorted by start, each prefix with its two longest-reaching
    members, so that 'does another interval start by x and reach y' is one bisection."""

    def __init__(self, intervals: Iterable[tuple[int, int]]) -> None:
        self.intervals = sorted(set(intervals))
        self.starts = [s for s, _ in self.intervals]
        self.reach: list[tuple[tuple[int, int], tuple[int, int] | None]] = []
        first: tuple[int, int] | None = None
        second: tuple[int, int] | None = None
        for interval in self.intervals:
            if first is None or interval[1] > first[1]:
                first, second = interval, first
            elif second is None or interval[1] > second[1]:
                second = interval
            self.reach.append((first, second))  # type: ignore[arg-type]

    def any_covering(self, x: int, y: int, *, exclude: tuple[int, int] | None = None) -> bool:
        """An interval other than `exclude` with start <= x and end >= y."""
        k = bisect.bisect_right(self.starts, x)
        if k == 0:
            return False
        first, second = self.reach[k - 1]
        best = second if first == exclude else first
        return best is not None and best[1] >= y


class _RelayHosts:
    """Reporting-verb candidates that a relay ("according to Y") set at a given offset,
    between a verb's cue and its content, attaches to."""

    def __init__(self, verbs: Iterable[Candidate]) -> None:
        self.verbs = list(verbs)
        # (cue end, content start, position): the first verb in candidate order wins
        gaps = sorted((v.cue[1], v.content[0], position) for position, v in enumerate(self.verbs) if v.content)
        self.cue_ends = [g[0] for g in gaps]
        self.gaps = gaps
        self.reach: list[int] = []  # the furthest content start of each prefix: where a scan may stop
        for _, content_start, _ in gaps:
            self.reach.append(max(content_start, self.reach[-1]) if self.reach else content_start)

    def first_around(self, offset: int) -> Candidate | None:
        """The first verb whose cue ends by `offset` and whose content starts after it."""
        first = None
        k = bisect.bisect_right(self.cue_ends, offset) - 1
        while k >= 0 and self.reach[k] > offset:
            _, content_start, position = self.gaps[k]
            if content_start > offset and (first is None or position < first):
                first = position
            k -= 1
        return None if first is None else self.verbs[first]


class _ArticleIndex:
    """The article's text, and the actor stage's mentions and entities by offset, for naming speakers."""

    # how far before a word a mention covering it may start (titles are at most a few words)
    MAX_MENTION_CHARS = 300

    def __init__(self, article: Article, doc: Doc) -> None:
        self.article, self.text, self.doc = article, article.text, doc
        # mentions come sorted by (start, -end) from the actor stage; sort again to be sure
        self.mentions = sorted(article.mentions, key=lambda m: (m.start, -m.end))
        self.mention_starts = [m.start for m in self.mentions]
        self.entities = sorted((e for e in article.entities if e.actor), key=lambda e: (e.start, -e.end))
        self.entity_starts = [e.start for e in self.entities]
        # what the actor stage's pronoun links say about each actor's gender
        self.gender: dict[str, str] = {}
        for m in self.mentions:
            if m.kind == "pronoun" and m.actor is not None and m.text.lower() in GENDERED:
                self.gender.setdefault(m.actor.id, GENDERED[m.text.lower()])
        self.by_actor: dict[str, list[Mention]] = {}  # name and role mentions of each actor, in order
        for m in self.mentions:
            if m.actor is not None and m.kind in ("name", "role"):
                self.by_actor.setdefault(m.actor.id, []).append(m)
        self.by_actor_starts = {key: [m.start for m in ms] for key, ms in self.by_actor.items()}

    def actor_of(self, start: int, end: int) -> ActorRef | None:
        """The actor of the tightest mention (else entity) covering [start, end)."""
        for items, starts in ((self.mentions, self.mention_starts), (self.entities, self.entity_starts)):
            best = None
            k = bisect.bisect_right(starts, start) - 1
            while k >= 0 and items[k].start >= start - self.MAX_MENTION_CHARS:
                item = items[k]
                if item.end >= end and item.actor is not None and (
                        best is None or item.end - item.start < best.end - best.start):
                    best = item
                k -= 1
            if best is not None:
                return best.actor
        return None

    def linked_pronoun(self, source: Mention) -> ActorRef | None:
        """The actor the actor stage linked this pronoun to."""
        k = bisect.bisect_left(self.mention_starts, source.start)
        while k < len(self.mentions) and self.mentions[k].start == source.start:
            mention = self.mentions[k]
            if mention.end == source.end and mention.kind == "pronoun":
                return mention.actor
            k += 1
        return None

    def last_mention_of(self, actor_id: str, *, before: int) -> Mention | None:
        """The actor's last name or role mention ending by `before`."""
        mentions = self.by_actor.get(actor_id, [])
        k = bisect.bisect_left(self.by_actor_starts.get(actor_id, []), before) - 1
        while k >= 0 and mentions[k].end > before:
            k -= 1
        return mentions[k] if k >= 0 else None

    def name_mentions_before(self, offset: int, *, reach: int = MAX_ROLE_LOOKBACK) -> Iterable[Mention]:
        """Name mentions ending by `offset`, nearest first, at most `reach` mentions back."""
        k = bisect.bisect_left(self.mention_starts, offset) - 1
        seen = 0
        while k >= 0 and seen < reach:
            mention = self.mentions[k]
            if mention.kind == "name" and mention.end <= offset:
                seen += 1
                yield mention
            k -= 1

    def can_be_person(self, doc: Doc, mention: Mention, gender: str) -> bool:
        """Can "he" or "she" (`gender` m / f) stand for this mention? A single person or
        person noun of no known other gender; not a place, body or organisation."""
        if mention.actor is not None and self.gender.get(mention.actor.id, gender) != gender:
            return False
        head = _head_token(doc, mention.start, mention.end)
        if head is None or head.ent_type_ in NOT_PERSON_ENTITIES or head.tag_ in ("NNS", "NNPS"):
            return False
        return head.pos_ in ("PROPN", "NOUN") and (head.pos_ == "NOUN" or head.ent_type_ == "PERSON")


def attribute(article: Article, doc: Doc, *, lexicon: CueLexicon) -> list[Attribution]:
    """Find quotes and claims with their speakers (see the module docstring)."""
    return attribute_explained(article, doc, lexicon=lexicon)[0]


def attribute_explained(article: Article, doc: Doc, *, lexicon: CueLexicon,
                        ) -> tuple[list[Attribution], list[Rejection]]:
    """The attributions, and the candidates the cue filters dropped (with the filter's name)."""
    quotes = find_quotes(article.text)
    kept, rejected = filter_candidates(doc, find_candidates(doc, lexicon, quotes), lexicon)
    return decide(article, doc, kept, quotes), rejected
