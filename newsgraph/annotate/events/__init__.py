"""Events: who did what to whom, when, where, and on whose word.

One module per concern: `words` (the word lists the rules read), `syntax` (questions
about a token in the parse), `parties` (noun phrases resolved to actors), `coder`
(triggers, arguments, modality, date, place and claim of each event) and `merge`
(mentions of one event merged; confidence).
"""
from newsgraph.annotate.events.coder import code_events
from newsgraph.annotate.events.merge import _same_actor

__all__ = ["code_events", "_same_actor"]
