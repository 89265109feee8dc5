"""Command-line interface: a thin click layer over ``newsgraph.api`` and the store.

Every command's help ends with an example (tests check that each command is
documented in the README and has one).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import click

from newsgraph import __version__
from newsgraph.errors import NewsgraphError
from newsgraph.model import to_record
from newsgraph.store import open_store
from newsgraph.store.db import EventFilter, Store

EXPORT_KINDS = ("articles", "stories", "events", "entities", "quotes", "failures", "comparisons")


def _store(ctx: click.Context) -> Store:
    try:
        return open_store(ctx.obj["db"])
    except NewsgraphError as e:
        raise click.ClickException(str(e)) from e


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", envvar="NEWSGRAPH_DB", default=None, help="Database URL or SQLite path (default ./newsgraph.db).")
@click.version_option(__version__, prog_name="newsgraph")
@click.pass_context
def main(ctx: click.Context, db: str | None) -> None:
    """newsgraph: news reports in, a traceable record of world events out.

    \b
    Example:
      newsgraph ingest examples/ && newsgraph stories
    """
    ctx.ensure_object(dict)
    ctx.obj["db"] = db


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["auto", "text", "html", "jsonl", "rss", "warc"]), default="auto",
              show_default=True, help="Input format; auto detects it from the content.")
@click.option("--include", multiple=True, help="Glob of files to read in folders, e.g. '*.html' (repeatable).")
@click.option("--exclude", multiple=True, help="Glob of files to skip in folders, e.g. 'drafts/*' (repeatable).")
@click.option("--field", "fields", multiple=True, metavar="OURS=THEIRS",
              help="JSONL field name mapping, e.g. text=body or published=date (repeatable).")
@click.option("--outlet", default=None, help="Outlet name for every input (overrides the URL's domain).")
@click.option("--outlet-map", default=None, type=click.Path(exists=True, dir_okay=False),
              help="YAML or JSON file mapping domains to outlet names (adds to the built-in table).")
@click.option("--published", default=None, help="Publication datetime (ISO 8601) for every input.")
@click.option("--patterns", multiple=True, help="Extra event-pattern YAML file (repeatable).")
@click.option("--batch-size", default=64, show_default=True, help="Articles parsed per spaCy batch.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], fmt: str, include: tuple[str, ...], exclude: tuple[str, ...],
           fields: tuple[str, ...], outlet: str | None, outlet_map: str | None, published: str | None,
           patterns: tuple[str, ...], batch_size: int, as_json: bool) -> None:
    """Process and store articles from files, folders or - (stdin).

    Exit status is 0 when every input was stored or recorded as a failure
    with its reason, non-zero only when nothing could be done.

    \b
    Example:
      newsgraph ingest examples/ --db news.db
      cat story.txt | newsgraph ingest - --outlet "The Meridian" --published 2023-03-14T17:05:00+00:00
      newsgraph ingest crawl.warc.gz saved-pages/ --include '*.html' --exclude 'drafts/*'
      newsgraph ingest dump.jsonl --field text=body --field published=date
    """
    from newsgraph.api import ingest as run_ingest
    from newsgraph.clean.outlets import load_outlet_map
    from newsgraph.ingest.readers import check_fields
    from newsgraph.pipeline import PipelineConfig

    if published:
        from datetime import datetime

        try:
            datetime.fromisoformat(published)
        except ValueError as e:
            raise click.BadParameter(f"{published!r} is not an ISO 8601 datetime", param_hint="--published") from e
    field_map: dict[str, str] = {}
    for item in fields:
        ours, sep, theirs = item.partition("=")
        if not sep or not ours.strip() or not theirs.strip():
            raise click.BadParameter(f"{item!r} is not OURS=THEIRS", param_hint="--field")
        field_map[ours.strip()] = theirs.strip()
    try:
        check_fields(field_map)
    except NewsgraphError as e:
        raise click.BadParameter(e.detail, param_hint="--field") from e
    try:
        mapping = load_outlet_map(outlet_map) if outlet_map else {}
    except NewsgraphError as e:
        raise click.BadParameter(str(e), param_hint="--outlet-map") from e
    config = PipelineConfig(outlet=outlet, published=published, patterns=patterns, batch_size=batch_size,
                            outlet_map=mapping)
    store = _store(ctx)
    progress_ctx, progress_fn = _progress()
    try:
        with progress_ctx:
            summary = run_ingest(paths, store, config=config, progress=progress_fn, include=include,
                                 exclude=exclude, fields=field_map)
    except NewsgraphError as e:
        raise click.ClickException(str(e)) from e
    for f in summary.failures:
        click.echo(f"failed: {f.input}: [{f.stage}] {f.detail}", err=True)
    if as_json:
        click.echo(json.dumps(summary.as_dict()))
    else:
        t = summary.counts
        click.echo(
            f"read {summary.read}, stored {summary.stored}, unchanged {summary.unchanged}, "
            f"duplicates {summary.duplicates}, failed {summary.failed}; database now holds "
            f"{t.get('articles', 0)} articles, {t.get('stories', 0)} stories, {t.get('events', 0)} events, "
            f"{t.get('entities', 0)} entities, {t.get('quotes', 0)} quotes"
        )
    if summary.read == 0 or (summary.stored + summary.unchanged == 0 and summary.failed == 0):
        ctx.exit(1)


def _progress() -> tuple[Any, Any]:
    """A Rich progress bar on a terminal, nothing otherwise."""
    import contextlib

    if not sys.stderr.isatty():
        return contextlib.nullcontext(), None
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    prog = Progress(TextColumn("articles {task.completed}"), BarColumn(), TextColumn("{task.fields[name]}"),
                    TimeElapsedColumn(), console=Console(stderr=True), transient=True)
    task = prog.add_task("ingest", total=None, name="")

    def tick(n: int, name: str) -> None:
        prog.update(task, completed=n, name=name[-50:])

    return prog, tick


def _emit(records: Iterable[dict[str, Any]]) -> None:
    for r in records:
        click.echo(json.dumps(r, ensure_ascii=False, default=str))


def _table(title: str, columns: list[str], rows: list[list[Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    t = Table(title=title, show_lines=False)
    for c in columns:
        t.add_column(c, overflow="fold")
    for r in rows:
        t.add_row(*["" if v is None else str(v) for v in r])
    Console(width=max(100, Console().width)).print(t)


def _actors(refs: list[Any]) -> str:
    return ", ".join(f"{a.name} ({a.country or '?'}{'/' + a.sector if a.sector else ''})" for a in refs)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="JSONL output.")
@click.pass_context
def stories(ctx: click.Context, as_json: bool) -> None:
    """List stories: articles about one real-world story, grouped across outlets.

    \b
    Example:
      newsgraph stories --json | jq .title
    """
    items = _store(ctx).stories()
    if as_json:
        _emit(to_record(s) for s in items)
        return
    _table("Stories", ["id", "title", "outlets", "articles", "events", "first published"],
           [[s.id, s.title, ", ".join(s.outlets), len(s.article_ids), len(s.event_ids), s.first_published] for s in items])


@main.command()
@click.argument("story_id")
@click.option("--compare", is_flag=True,
              help="Cross-source comparison: each fact by outlet, who reported it first, what one outlet "
                   "alone reported, and where outlets disagree (dates, places, numbers).")
@click.option("--json", "as_json", is_flag=True, help="JSON output.")
@click.pass_context
def story(ctx: click.Context, story_id: str, compare: bool, as_json: bool) -> None:
    """Show one story: its articles by outlet and its events with their sources.

    With --compare, line up what each source reported (events, quotes, numbers,
    dates, people); wire copies count as their original's source.

    \b
    Example:
      newsgraph story story_1a2b3c4d5e6f
      newsgraph story story_1a2b3c4d5e6f --compare
      newsgraph story story_1a2b3c4d5e6f --compare --json | jq .disagreements
    """
    store = _store(ctx)
    if compare:
        _compare(store, story_id, as_json)
        return
    s = store.story(story_id)
    if s is None:
        raise click.ClickException(f"no story with id {story_id!r}; list them with `newsgraph stories`")
    arts = store.articles(story_id=story_id)
    evs = store.events(EventFilter(story_id=story_id))
    if as_json:
        rec = to_record(s)
        rec["articles"] = [{k: v for k, v in to_record(a).items() if k != "text"} for a in arts]
        rec["events"] = [to_record(e) for e in evs]
        click.echo(json.dumps(rec, ensure_ascii=False, default=str))
        return
    click.echo(f"{s.title}\n{s.summary}\n")
    _table("Articles", ["outlet", "published", "title"], [[a.outlet, a.published, a.title] for a in arts])
    _event_table(evs)


# Characters of an evidence sentence shown in the disagreements table.
EVIDENCE_CHARS = 90


def _compare(store: Store, story_id: str, as_json: bool) -> None:
    """``story ID --compare``: the comparison's tables, or its JSON."""
    from newsgraph.api import story_comparison

    try:
        comp = story_comparison(store, story_id)
    except NewsgraphError as e:
        raise click.ClickException(str(e)) from e
    if as_json:
        click.echo(json.dumps(comp.to_dict(), ensure_ascii=False, default=str))
        return
    click.echo(f"{comp.title}\n")
    _table("Sources (wire copies count as their original's source)",
           ["source", "outlets", "articles", "first published", "facts only it reported"],
           [[s.source, ", ".join(s.outlets), len(s.article_ids), s.first_published, len(s.unique_facts)]
            for s in comp.sources])
    for kind, title in (("events", "Events"), ("quotes", "Quotes by speaker"), ("numbers", "Numbers"),
                        ("dates", "Dates"), ("people", "People")):
        facts = getattr(comp, kind)
        if not facts:
            continue
        _table(title, ["fact", "outlets", "first", "unique"],
               [[_fact_cell(f), ", ".join(f.sources), _first_cell(f), "yes" if f.unique else ""] for f in facts])
    if not comp.disagreements:
        click.echo("No disagreements between sources.")
        return
    _table("Disagreements", ["kind", "about", "value", "outlets", "evidence"],
           [[d.kind, d.label, v.value, ", ".join(v.sources), _evidence_cell(v.reports)]
            for d in comp.disagreements for v in d.values])


def _fact_cell(f: Any) -> str:
    if f.kind == "number":
        values = "; ".join(f"{v} ({', '.join(dict.fromkeys(r.source for r in f.reports if r.value == v))})"
                           for v in f.detail.get("values", []))
        return f"{f.label}: {values}"
    if f.kind == "quote":
        first = f.reports[0].value or ""
        return f"{f.label}: “{first[:60]}{'…' if len(first) > 60 else ''}”" + (
            f" (+{len(f.reports) - 1})" if len(f.reports) > 1 else "")
    return str(f.label)


def _first_cell(f: Any) -> str:
    first = ", ".join(f.first) + (" (tie)" if len(f.first) > 1 else "") if f.first else "unknown"
    undated = f"; undated: {', '.join(f.undated)}" if f.undated else ""
    return first + undated


def _evidence_cell(reports: list[Any]) -> str:
    """One sentence per source (its first report; copies repeat it)."""
    cells = []
    firsts = {r.source: r for r in reversed(reports)}
    for r in reversed(list(firsts.values())):
        sent = r.evidence.sentence
        cells.append(f"{r.article_id} [{r.evidence.start}:{r.evidence.end}] "
                     f"{sent[:EVIDENCE_CHARS]}{'…' if len(sent) > EVIDENCE_CHARS else ''}")
    return "\n".join(cells)


def _event_table(evs: list[Any]) -> None:
    _table("Events", ["type", "mode", "actor", "recipient", "date", "aux", "place", "sources", "conf"],
           [[e.type, e.mode, _actors(e.actor), _actors(e.recipient), e.date, e.aux_mode,
             e.location.name if e.location else None, e.num_sources, f"{e.confidence:.2f}"] for e in evs])


@main.command()
@click.option("--actor", default=None, help="Entity id or part of an actor's name.")
@click.option("--type", "etype", default=None, help="PLOVER type, e.g. CONSULT.")
@click.option("--country", default=None, help="ISO 3166 alpha-3 code of an actor or recipient.")
@click.option("--since", default=None,
              help="Earliest event date (YYYY-MM-DD, YYYY-MM or YYYY); a week- or month-dated event counts if it overlaps.")
@click.option("--until", default=None, help="Latest event date (YYYY-MM-DD, YYYY-MM or YYYY: through its last day).")
@click.option("--story", "story_id", default=None, help="Only events of this story.")
@click.option("--min-confidence", type=float, default=None, help="Drop events below this confidence (0-1).")
@click.option("--json", "as_json", is_flag=True, help="JSONL output.")
@click.pass_context
def events(ctx: click.Context, actor: str | None, etype: str | None, country: str | None, since: str | None,
           until: str | None, story_id: str | None, min_confidence: float | None, as_json: bool) -> None:
    """List events (who did what to whom, when, where), merged across articles.

    \b
    Example:
      newsgraph events --type CONSULT --country TUR --since 2023-03-01
    """
    f = EventFilter(actor=actor, country=country, type=etype, since=since, until=until, story_id=story_id,
                    min_confidence=min_confidence)
    items = _store(ctx).events(f)
    if as_json:
        _emit(to_record(e) for e in items)
        return
    _event_table(items)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="JSONL output.")
@click.pass_context
def entities(ctx: click.Context, as_json: bool) -> None:
    """List entities (people, organisations, countries) with their aliases.

    \b
    Example:
      newsgraph entities --json | grep Baerbock
    """
    items = _store(ctx).entities()
    if as_json:
        _emit(to_record(e) for e in items)
        return
    _table("Entities", ["id", "name", "type", "country", "sector", "aliases", "articles"],
           [[e.id, e.name, e.type, e.country, e.sector, "; ".join(e.aliases), len(e.article_ids)] for e in items])


@main.command()
@click.option("--json", "as_json", is_flag=True, help="JSONL output.")
@click.pass_context
def quotes(ctx: click.Context, as_json: bool) -> None:
    """List quotes (direct, and reported speech as "indirect") with their speakers.

    \b
    Example:
      newsgraph quotes --json
    """
    items = _store(ctx).quotes()
    if as_json:
        _emit(to_record(q) for q in items)
        return
    _table("Quotes", ["speaker", "kind", "quote", "article"],
           [[q.speaker.name if q.speaker else None, q.kind, q.text, q.article_id] for q in items])


@main.command()
@click.option("--what", type=click.Choice(EXPORT_KINDS), required=True, help="Which records to export.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default="jsonl", show_default=True)
@click.option("-o", "--output", default=None, help="Output file (JSONL and CSV default to stdout).")
@click.pass_context
def export(ctx: click.Context, what: str, fmt: str, output: str | None) -> None:
    """Export records as JSONL, CSV or Parquet (fields as in DESIGN.md's contract).

    \b
    Example:
      newsgraph export --what events --format csv -o events.csv
    """
    from newsgraph.export import write_records

    records = export_records(_store(ctx), what)
    try:
        write_records(records, fmt, output)
    except NewsgraphError as e:
        raise click.ClickException(str(e)) from e


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; the default answers this machine only. 0.0.0.0 exposes the API to the network.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="TCP port.")
@click.option("--token", envvar="NEWSGRAPH_TOKEN", default=None,
              help="Enables POST /api/ingest for requests with 'Authorization: Bearer TOKEN' "
                   "(default $NEWSGRAPH_TOKEN, which keeps it out of the process list). Without it writes are off.")
@click.option("--max-body-mb", type=click.FloatRange(min=0, min_open=True), default=16.0, show_default=True,
              help="Largest request body accepted (413 above it).")
@click.option("--ingest-root", type=click.Path(exists=True, file_okay=False), default=None,
              help="Folder whose files POST /api/ingest may read by path (default: none; posted articles only).")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, token: str | None, max_body_mb: float,
          ingest_root: str | None) -> None:
    """Serve the REST API under /api (docs at /api/docs) and the web UI at /.

    Reads are open to whoever can reach the address; ingest needs the token.

    \b
    Example:
      newsgraph serve --db news.db
      NEWSGRAPH_TOKEN=$(openssl rand -hex 16) newsgraph serve --port 8080 --ingest-root ./incoming
    """
    import uvicorn

    from newsgraph.store import resolve_db_url
    from newsgraph.web.app import create_app

    db_url = resolve_db_url(ctx.obj["db"])
    try:
        app = create_app(db_url, token=token or None, max_body_bytes=int(max_body_mb * 2**20),
                         ingest_root=ingest_root)
    except NewsgraphError as e:
        raise click.ClickException(str(e)) from e
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: binding {host}: the API is reachable from other machines, over plain HTTP", err=True)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"newsgraph {__version__}: serving {db_url.split('@')[-1]} at http://{shown}:{port}/ "
               f"(API docs at /api/docs; ingest {'enabled' if token else 'off: no token'})", err=True)
    uvicorn.run(app, host=host, port=port, log_level="info")


def export_records(store: Store, what: str) -> list[dict[str, Any]]:
    """The contract's records for one kind (library function shared with the API later)."""
    if what == "comparisons":
        from newsgraph.api import story_comparisons

        return [c.to_dict() for c in story_comparisons(store)]
    if what == "articles":
        from newsgraph.views import article_record

        return [article_record(a) for a in store.articles()]
    getters: dict[str, Callable[[], Sequence[Any]]] = {
        "stories": store.stories, "events": store.events, "entities": store.entities,
        "quotes": store.quotes, "failures": store.failures,
    }
    return [to_record(x) for x in getters[what]()]


if __name__ == "__main__":  # pragma: no cover
    main()
