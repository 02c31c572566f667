"""A human-readable view of an analysed article (`--format text`)."""
from __future__ import annotations

import textwrap

from newsgraph.model import Article


def render_text(article: Article, *, width: int = 88) -> str:
    lines = [f"# {article.title or '(no title)'}", ""]
    meta = [
        ("id", article.id),
        ("url", article.url),
        ("published", f"{article.published} ({article.published_source})" if article.published else None),
        ("language", article.language),
        ("author", article.author),
        ("site", article.site),
        ("source", article.source),
    ]
    lines += [f"{key:>10}: {value}" for key, value in meta if value]
    lines.append("")
    for paragraph in article.text.split("\n\n"):
        lines += textwrap.wrap(paragraph, width) or [""]
        lines.append("")
    if article.entities:
        lines.append(f"## Entities ({len(article.entities)})")
        for entity in article.entities:
            linked = f" → {entity.actor.name} [{entity.actor.code}]" if entity.actor else ""
            place = f" @ {entity.place.name}" if entity.place else ""
            lines.append(f"  {entity.start:>6}-{entity.end:<6} {entity.label:<8} {entity.text}{linked}{place}")
        lines.append("")
    if article.actors:
        lines.append(f"## Actors ({len(article.actors)})")
        for item in article.actors:
            a = item.actor
            lines.append(f"  {a.code:<10} {a.name} ({a.country or '-'}, {a.sector or '-'}) ×{item.mentions}")
        lines.append("")
    if article.attributions:
        lines.append(f"## Attributions ({len(article.attributions)})")
        for a in article.attributions:
            who = a.source.text if a.source else "?"
            if a.speaker and a.source and a.speaker.text != a.source.text:
                who += f" (= {a.speaker.text})"
            via = f" via {a.via.text}" if a.via else ""
            cue = a.cue.text if a.cue else ""
            lines.append(f"  [{a.kind}] {who}{via} — {cue}: {textwrap.shorten(a.content.text, 100)}")
        lines.append("")
    if article.timexes:
        lines.append(f"## Time expressions ({len(article.timexes)})")
        for t in article.timexes:
            mod = f" ({t.mod})" if t.mod else ""
            lines.append(f"  {t.text!r:<32} {t.type:<9} {t.value}{mod}")
        lines.append("")
    if article.events:
        lines.append(f"## Events ({len(article.events)})")
        for e in article.events:
            src = e.source.text if e.source else "-"
            tgt = e.target.text if e.target else "-"
            flags = "".join(
                f" [{flag}]" for flag, on in (("negated", e.negated), ("hypothetical", e.hypothetical)) if on
            )
            lines.append(f"  {e.cameo:<5} {src} → {tgt}: {e.trigger.text}{flags} ({e.date or '-'})")
        lines.append("")
    if article.removed:
        lines.append(f"## Removed ({len(article.removed)})")
        for cut in article.removed:
            lines.append(f"  - {cut.reason}: {textwrap.shorten(cut.text, 90)}")
        lines.append("")
    if article.repairs:
        lines.append(f"## Repairs ({len(article.repairs)})")
        for repair in article.repairs:
            lines.append(f"  - {repair.reason}: {repair.text!r}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
