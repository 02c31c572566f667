"""`newsgraph explain`: for each event, the words, the rule and the evidence behind it."""
from __future__ import annotations

import textwrap

from newsgraph.model import Article, Mention


def _who(mention: Mention | None) -> str:
    if mention is None:
        return "-"
    if mention.actor is None:
        return f"\"{mention.text}\" (unlinked {mention.kind})"
    rules = f"; {', '.join(mention.rules)}" if mention.rules else ""
    return f"\"{mention.text}\" → {mention.actor.name} [{mention.actor.code}] ({mention.kind}, {mention.actor.id}{rules})"


def explain_events(article: Article, *, width: int = 100) -> str:
    lines = [f"# {article.title or article.id}: {len(article.events)} event(s)", ""]
    claims = {a.id: a for a in article.attributions}
    for event in article.events:
        flags = [name for name, on in (("NEGATED", event.negated), ("HYPOTHETICAL", event.hypothetical)) if on]
        lines.append(f"{event.id}  CAMEO {event.cameo}  PLOVER {event.plover_type or '-'}"
                     f"{'/' + event.plover_mode if event.plover_mode else ''}  quad {event.quad_class}"
                     f"  goldstein {event.goldstein}  confidence {event.confidence}"
                     + (f"  model score {event.score:.2f}" if event.score is not None else "")
                     + (f"  [{' '.join(flags)}]" if flags else ""))
        lines.append(f"    rules:    {' '.join(event.rules or [event.rule])}")
        lines.append(f"    source:   {_who(event.source)}")
        lines.append(f"    target:   {_who(event.target)}")
        for number, mention in enumerate(event.mentions or [], 1):
            sentence = mention.sentence.text
            offset = mention.trigger.start - mention.sentence.start
            marked = sentence[:offset] + "[[" + mention.trigger.text + "]]" + sentence[offset + len(mention.trigger.text):]
            lines.append(f"    mention {number}: rule {mention.rule}  trigger \"{mention.trigger.text}\""
                         f" @{mention.trigger.start}")
            lines += textwrap.wrap(marked, width, initial_indent="        ", subsequent_indent="        ")
        lines.append(f"    date:     {event.date or '-'} ({event.date_source or 'none'})")
        if event.location is not None:
            place = event.location
            lines.append(f"    where:    {place.name} ({place.country or '?'}"
                         + (f", {place.lat:.3f}, {place.lon:.3f}" if place.lat is not None else "") + ")")
        if event.claimed_by:
            claim = claims.get(event.claimed_by)
            who = claim.source.text if claim is not None and claim.source else "?"
            lines.append(f"    claimed by {event.claimed_by}: {who}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
