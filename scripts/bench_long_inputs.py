"""Time each stage of the analysis on long generated inputs, to check that time grows linearly.

    python scripts/bench_long_inputs.py --prose 100000 200000 400000 1000000 --table 400000 1000000

Prose is news paragraphs with quotes, claims and named people, none repeated (a repeated
line would be cut as scraping noise); the table is a page of match results with a <time>
in every row, which is what sends trafilatura to its justext fallback. Each input is
analysed in a fresh process (so that peak memory is its own) with no item time limit, and
one line per input gives its seconds per stage. `--events` adds the event stage.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import time

PEOPLE = [("Norway", "Anniken Huitfeldt", "Oslo", "she"), ("Finland", "Pekka Haavisto", "Helsinki", "he"),
          ("Estonia", "Urmas Reinsalu", "Tallinn", "he"), ("Sweden", "Ann Linde", "Stockholm", "she")]
DAYS = ["Monday", "Tuesday", "Friday", "Sunday", "Saturday"]
MONTHS = ["March", "April", "May", "June", "July", "October"]


def prose(chars: int) -> str:
    paragraphs, size, i = [], 0, 0
    while size < chars:
        country, minister, city, pronoun = PEOPLE[i % len(PEOPLE)]
        paragraphs.append(
            f'The foreign minister of {country}, {minister}, said on {DAYS[i % len(DAYS)]} that talks with Russia '
            f'over fishing rights would resume next week in {city}. "We are ready to meet them halfway," {pronoun} '
            'told reporters, adding that the government had not yet decided whether to send a delegation to Moscow. '
            'According to the Tass agency, the Kremlin spokesman Dmitry Peskov rejected the proposal on Tuesday. '
            '"There is nothing to discuss," Peskov said. Protesters gathered outside the parliament in Kyiv on '
            'Wednesday, demanding that President Volodymyr Zelensky dismiss the defence minister. Police arrested '
            f'{12 + i} people, officials said. The United Nations called for calm and urged both sides to return to '
            f'negotiations, while China said it would host a summit in Beijing in {MONTHS[i % len(MONTHS)]}. "We '
            'condemn this attack in the strongest terms," the European Union\'s foreign policy chief Josep Borrell '
            f'wrote in a statement, {3 + i % 9} days after the shelling of Kharkiv killed {9 + i % 31} civilians. '
            'Analysts say the sanctions imposed by Washington last year have had little effect. The Turkish '
            'president, Recep Tayyip Erdogan, will visit Athens on Thursday to sign an agreement on migration, his '
            'office announced.\n\n'
        )
        size += len(paragraphs[-1])
        i += 1
    return "Talks to resume\n\n" + "".join(paragraphs)[:chars].rsplit(" ", 1)[0] + ".\n"


def table(size: int) -> str:
    rows, total, i = [], 0, 0
    while total < size:
        rows.append(f"<tr><td><time datetime='2024-03-{i % 28 + 1:02d}'>March {i % 28 + 1}</time></td>"
                    f"<td>Team {i % 40}</td><td>{i % 5} - {i % 3}</td><td>Team {(i * 7) % 40}</td></tr>\n")
        total += len(rows[-1])
        i += 1
    return "<html><body><h1>Match results</h1><table>\n" + "".join(rows) + "</table></body></html>\n"


def measure(kind: str, size: int, events: bool, out: multiprocessing.Queue) -> None:
    from newsgraph.annotate.actors import apply_links, link_actors
    from newsgraph.annotate.attribution import attribute
    from newsgraph.annotate.entities import find_entities
    from newsgraph.annotate.timex import set_dateline_published, tag_timexes
    from newsgraph.ingest.read import RawDocument
    from newsgraph.pipeline import Pipeline
    from newsgraph.settings import Settings

    pipeline = Pipeline(Settings(max_input_bytes=10_000_000, max_text_chars=2_000_000))
    content = prose(size) if kind == "prose" else table(size)
    raw = RawDocument(source=f"{kind}-{size}", kind="text" if kind == "prose" else "html", content=content)
    seconds: dict[str, float] = {}

    def stage(name, work):
        start = time.perf_counter()
        value = work()
        seconds[name] = round(time.perf_counter() - start, 2)
        return value

    clean = stage("clean", lambda: pipeline._clean(raw))
    doc = stage("parse", lambda: pipeline.nlp(clean.text))
    article = pipeline._article(raw, clean)
    article.entities = stage("entities", lambda: find_entities(doc))
    set_dateline_published(article, lexicon=pipeline.timex_lexicon)
    stage("actors", lambda: apply_links(article, link_actors(article, doc, kb=pipeline.actor_kb)))
    article.timexes = stage("timex", lambda: tag_timexes(article, doc, lexicon=pipeline.timex_lexicon))
    article.attributions = stage("attribution", lambda: attribute(article, doc, lexicon=pipeline.cue_lexicon))
    if events:
        from newsgraph.annotate.events import code_events

        stage("events", lambda: code_events(article, doc, lexicon=pipeline.event_lexicon,
                                            gazetteer=pipeline.gazetteer, kb=pipeline.actor_kb,
                                            model=pipeline.event_model))
    out.put({"input": kind, "bytes": len(content.encode()), "text_chars": len(clean.text), "seconds": seconds,
             "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--prose", type=int, nargs="*", default=[], help="prose sizes in characters")
    parser.add_argument("--table", type=int, nargs="*", default=[], help="HTML table sizes in bytes")
    parser.add_argument("--events", action="store_true", help="also time the event stage")
    args = parser.parse_args()
    context = multiprocessing.get_context("spawn")
    for kind, sizes in (("prose", args.prose), ("table", args.table)):
        for size in sizes:
            out = context.Queue()
            process = context.Process(target=measure, args=(kind, size, args.events, out))
            process.start()
            print(json.dumps(out.get()), flush=True)
            process.join()


if __name__ == "__main__":
    main()
