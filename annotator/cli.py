"""The ``annotator`` command line. Each subcommand is a thin wrapper over a library module."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from annotator import __version__


def _not_yet(name: str, issue: int) -> None:
    click.echo(f"`annotator {name}` is not implemented yet (issue #{issue}).", err=True)
    sys.exit(2)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="annotator")
def cli() -> None:
    """Find quotes and reported claims in news articles, attribute them to speakers,
    review them, and export them."""


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--db", "db_path", default="annotations.db", show_default=True,
              type=click.Path(dir_okay=False), help="SQLite database to write into.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: the fastest setting for this machine, 2).")
@click.option("--force", is_flag=True, help="Re-annotate documents already processed.")
@click.option("--limit", type=click.IntRange(min=0), default=None,
              help="Send at most N documents to the engine.")
@click.option("--model-dir", default=None, help="Stanza model directory, or 'official'.")
@click.option("--id-field", default="id", show_default=True, help="JSON Lines id field.")
@click.option("--text-field", default="text", show_default=True, help="JSON Lines text field.")
@click.option("--field", "field_pairs", multiple=True, metavar="NAME=FIELD",
              help="JSON Lines field for title, url, source or published "
                   "(e.g. --field title=headline).")
@click.option("--show", is_flag=True, help="Print the attributions found at the end.")
def preannotate(inputs, db_path, workers, force, limit, model_dir, id_field, text_field,
                field_pairs, show):
    """Pre-annotate documents (.txt, .jsonl, .jsonl.gz, directories, or - for JSON Lines
    on stdin) into a SQLite database.

    Documents already annotated with the same text and models are skipped, so an
    interrupted run continues where it stopped. Bad input is reported (file:line), recorded
    in the errors table and skipped; the exit status is 1 if any document failed.

    \b
    Example:
        annotator preannotate seeds/aktobe-attack.txt --db annotations.db --show
        annotator preannotate news/ feed.jsonl.gz --db annotations.db --workers 2
    """
    from annotator import preannotate as batch
    from annotator.inputs import Fields
    from annotator.store import StoreError

    try:
        fields = Fields.from_options(id_field, text_field, field_pairs)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--field") from exc
    try:
        summary = batch.preannotate(inputs, db_path, workers=workers, force=force,
                                    limit=limit, model_dir=model_dir, fields=fields,
                                    command=" ".join(["annotator", *sys.argv[1:]]))
    except (StoreError, batch.PreannotateError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(summary.line(), err=True)
    if show:
        for line in batch.show(db_path, summary.doc_ids):
            click.echo(line)
    if summary.status == "interrupted":
        sys.exit(130)
    if summary.failed:
        sys.exit(1)


@cli.command()
@click.option("--db", "db_path", default="annotations.db", show_default=True,
              type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl",
              show_default=True)
@click.option("-o", "--output", default="-", show_default=True, help="File, or - for stdout.")
@click.option("--status", "statuses", multiple=True,
              type=click.Choice(["pre-annotated", "accepted", "corrected", "rejected"]))
@click.option("--reviewed-only", is_flag=True)
@click.option("--doc", "docs", multiple=True, help="Only these document ids.")
@click.option("--speaker", default=None, help="Only this speaker name.")
@click.option("--reviews", is_flag=True, help="One record per review instead.")
def export(db_path, fmt, output, statuses, reviewed_only, docs, speaker, reviews):
    """Export attributed quotes and claims as JSON Lines or CSV."""
    import io
    import os
    import tempfile

    from annotator import export as ex
    from annotator.store import StoreError, open_db

    if reviews and (statuses or reviewed_only or speaker):
        raise click.UsageError("--reviews can be combined with --doc only.")
    try:
        db = open_db(db_path, create=False)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    if reviews:
        records, fields = ex.review_records(db, docs=docs), ex.REVIEW_FIELDS
    else:
        records = ex.final_records(db, statuses=statuses, docs=docs, speaker=speaker,
                                   reviewed_only=reviewed_only)
        fields = ex.FIELDS

    def write(fp) -> int:
        if fmt == "csv":
            return ex.write_csv(records, fp, fields)
        return ex.write_jsonl(records, fp)

    if output == "-":
        binary = getattr(sys.stdout, "buffer", None)  # UTF-8 whatever the locale says
        out = io.TextIOWrapper(binary, encoding="utf-8", newline="") if binary else sys.stdout
        try:
            write(out)
            out.flush()
        except BrokenPipeError:  # `annotator export | head`: the reader had enough
            sys.stderr.close()
            os._exit(0)
        finally:
            if binary:
                out.detach()
        return
    # Write next to the target and rename at the end: an export that fails half-way
    # leaves the previous file as it was.
    target = Path(output)
    if target.is_dir() or not target.parent.is_dir():
        raise click.ClickException(f"{output}: not a file in an existing directory.")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with open(fd, "w", encoding="utf-8", newline="") as fp:
            n = write(fp)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    click.echo(f"{n} records written to {output}", err=True)


@cli.command(name="eval")
@click.option("--gold", required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--pred", type=click.Path(exists=True, dir_okay=False), default=None)
@click.option("--db", "db_path", type=click.Path(dir_okay=False), default=None)
@click.option("-v", "--verbose", is_flag=True, help="List misses and spurious predictions.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def eval_(gold, pred, db_path, verbose, as_json):
    """Score predictions against gold attributions (both in the export schema)."""
    from annotator import evaluate
    from annotator.export import final_records
    from annotator.store import StoreError, open_db

    if (pred is None) == (db_path is None):
        raise click.UsageError("give exactly one of --pred FILE or --db DATABASE.")
    try:
        gold_items = evaluate.load_jsonl(gold, evaluate.GOLD_FIELDS)
        if pred is not None:
            predictions = evaluate.load_jsonl(pred, evaluate.PRED_FIELDS)
        else:
            predictions = final_records(open_db(db_path, create=False))
        report = evaluate.score(gold_items, predictions)
    except (evaluate.EvalError, StoreError) as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(report.to_dict(details=verbose), ensure_ascii=False))
    else:
        click.echo(evaluate.format_report(report, verbose=verbose))


@cli.command()
@click.argument("source", type=click.Path(allow_dash=True))
@click.option("--model-dir", default=None, help="Stanza model directory, or 'official'.")
def annotate(source, model_dir):
    """Annotate one text (FILE or -) and print its attributions as JSON Lines."""
    from annotator import engine
    from annotator.nlp import ModelError

    if source == "-":
        text, doc_id = sys.stdin.read(), "stdin"
    else:
        path = Path(source)
        if not path.is_file():
            raise click.ClickException(f"{source}: no such file")
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise click.ClickException(f"{source}: not UTF-8 text ({exc})") from exc
        doc_id = path.stem
    try:
        found = engine.annotate(text, model_dir=model_dir)
    except ModelError as exc:
        raise click.ClickException(str(exc)) from exc
    for a in found:
        click.echo(json.dumps({"doc_id": doc_id, **a.to_dict()}, ensure_ascii=False))


@cli.group()
def models() -> None:
    """Show or fetch the Stanza models."""


@models.command("info")
@click.option("--model-dir", default=None, help="Stanza model directory, or 'official'.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON with absolute paths.")
def models_info(model_dir, as_json):
    """Print which models are used, from where, and their scores."""
    from annotator import nlp

    try:
        data = nlp.info(model_dir)
    except nlp.ModelError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(data, indent=2))
        return
    click.echo(f"models: {data['source']} ({data['dir']})")
    for proc, entry in data["processors"].items():
        size = f"{entry['size_mb']:6.2f} MB" if "size_mb" in entry else ""
        vectors = f"  (word vectors: {Path(entry['pretrain_path']).name})" \
            if entry.get("pretrain_path") else ""
        click.echo(f"  {proc:9} {size}  {entry.get('model_path', '')}{vectors}")
    if "transformer" in data:
        t = data["transformer"]
        click.echo(f"  transformer ({', '.join(t['used_by'])}): {t['name']} from {t['path']}")
    if "total_size_mb" in data:
        click.echo(f"  total     {data['total_size_mb']:6.1f} MB")
    for proc, scores in data.get("scores", {}).items():
        click.echo(f"  score {proc:9} " + ", ".join(f"{k} {v}" for k, v in scores.items()))


@models.command("download")
def models_download():
    """Fetch Stanza's official English models (needs internet access)."""
    from annotator import nlp

    try:
        where = nlp.download()
    except nlp.ModelError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"official models in {where}; use them with ANNOTATOR_MODELS=official")


@cli.command()
@click.option("--db", "db_path", default="annotations.db", show_default=True,
              type=click.Path(dir_okay=False))
@click.option("--port", default=8501, show_default=True)
@click.option("--address", default="127.0.0.1", show_default=True,
              help="Listen address (localhost by default).")
def review(db_path, port, address):
    """Start the Streamlit review app on a database."""
    import subprocess

    from annotator.store import StoreError, open_db

    app = Path(__file__).resolve().parent.parent / "app.py"
    if not app.is_file():
        raise click.ClickException(f"{app} not found: `annotator review` runs from a source "
                                   "checkout (app.py sits beside the annotator package).")
    try:  # check the file here, so a wrong path fails before a server starts
        open_db(db_path, create=False).conn.close()
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    command = [sys.executable, "-m", "streamlit", "run", str(app),
               "--server.address", address, "--server.port", str(port),
               "--server.headless", "true", "--browser.gatherUsageStats", "false",
               "--client.toolbarMode", "viewer", "--", "--db", str(Path(db_path).resolve())]
    click.echo(f"Review app on http://{address}:{port} (Ctrl+C stops it)", err=True)
    try:
        sys.exit(subprocess.call(command))
    except KeyboardInterrupt:
        sys.exit(130)


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
