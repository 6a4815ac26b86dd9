"""The ``giaparse`` command line.

    giaparse convert INPUT [INPUT ...] [-o OUT]
    giaparse schema

Bad input never produces a traceback: each failing file gets one line on
standard error, the other files are still converted, and the exit status
says whether everything went through.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import click

from . import __version__
from .errors import GiaparseError
from .options import PdfBackend, ReadOptions
from .pipeline import parse
from .schema import schema_text

EXIT_OK = 0
EXIT_SOME_FAILED = 1


def _write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file and rename, so an interrupted batch never
    leaves a half-written JSON file (and never clobbers a good one)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.write("\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _out_name(src: str, used: set[str]) -> str:
    stem = Path(src).stem if src != "-" else "stdin"
    name, n = f"{stem}.json", 2
    while name in used:
        name, n = f"{stem}-{n}.json", n + 1
    used.add(name)
    return name


def _error(message: str) -> None:
    click.echo(f"giaparse: error: {message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="giaparse")
def main() -> None:
    """Turn 政府信息公开工作年度报告 (government information disclosure annual
    reports) into structured JSON: the three statistical tables as numbers,
    the template's own arithmetic as checks, and the six parts as text.

    \b
    Start with:
      giaparse convert report.html                 # JSON to standard output
      giaparse convert reports/*.pdf -o out/       # one JSON file per input
      giaparse schema > canonical.schema.json      # the output's JSON Schema
      giaparse compare 2021.pdf 2022.pdf 2023.pdf  # cross-year checks of a series
    """


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT [INPUT ...]")
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Directory to write one <input stem>.json per input into (created if missing).")
@click.option("--indent", type=click.IntRange(0, 8), default=2, show_default=True,
              help="JSON indentation; 0 writes one compact line.")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar on standard error (default: on for several inputs on a terminal).")
@click.option("--pdf-backend", type=click.Choice([b.value for b in PdfBackend]), default=PdfBackend.PDFPLUMBER.value,
              show_default=True, help="Where PDF tables come from: ruling lines via pdfplumber, or camelot's lattice "
              "parser (needs giaparse[camelot]).")
@click.option("-q", "--quiet", is_flag=True, help="No per-file notes or summary; errors are still printed.")
def convert(inputs: tuple[str, ...], out_dir: Path | None, indent: int, progress: bool | None, pdf_backend: str,
            quiet: bool) -> None:
    """Convert annual reports (text, HTML; PDF and DOCX with their extras) to canonical JSON.

    \b
    The format is recognised from the content, not the file name.
    One INPUT and no -o: the JSON goes to standard output.
    Several INPUTs and no -o: JSON Lines (one compact document per line).
    With -o DIR: DIR/<input stem>.json for each input; a clash of stems
    gets a numbered name (report-2.json). "-" reads standard input.

    \b
    A file that cannot be read gets one line on standard error and the
    others are still converted. Exit status: 0 all converted, 1 some
    input failed, 2 usage error. A document that is not an annual report
    is converted with "kind": "other" (not an error).

    \b
    Examples:
      giaparse convert 2023年报.txt
      giaparse convert *.html -o json/
      curl -s URL | giaparse convert - > report.json
    """
    if out_dir is not None:
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise click.UsageError(f"cannot create output directory {out_dir}: {exc.strerror}") from None
    to_stdout = out_dir is None
    jsonl = to_stdout and len(inputs) > 1
    show_bar = progress if progress is not None else (len(inputs) > 1 and sys.stderr.isatty())

    from tqdm import tqdm

    options = ReadOptions(pdf_backend=PdfBackend(pdf_backend))
    failed, used = 0, set()
    bar = tqdm(inputs, unit="file", disable=not show_bar, file=sys.stderr, dynamic_ncols=True)
    for src in bar:
        bar.set_postfix_str(Path(src).name[:40], refresh=False)
        try:
            report = (parse(sys.stdin.buffer.read(), name="<stdin>", options=options) if src == "-"
                      else parse(src, options=options))
        except GiaparseError as exc:  # bad input, a missing extra: one line, go on
            failed += 1
            bar.clear()
            _error(str(exc))
            continue
        except Exception as exc:  # a bug in giaparse: report it, keep the batch going
            failed += 1
            bar.clear()
            _error(f"{src}: internal error, please report it: {type(exc).__name__}: {exc}")
            continue
        if jsonl:
            click.echo(report.to_json(indent=None))
        elif to_stdout:
            click.echo(report.to_json(indent=indent or None))
        else:
            target = out_dir / _out_name(src, used)
            try:
                _write_atomic(target, report.to_json(indent=indent or None))
            except OSError as exc:
                failed += 1
                _error(f"{target}: cannot write ({exc.strerror})")
                continue
        if not quiet and not report.is_annual_report and len(inputs) > 1:
            bar.clear()
            click.echo(f"giaparse: note: {src}: not an annual report (kind: other)", err=True)
    bar.close()
    if not quiet and len(inputs) > 1:
        click.echo(f"giaparse: converted {len(inputs) - failed} of {len(inputs)} file(s)"
                   + (f", {failed} failed" if failed else ""), err=True)
    sys.exit(EXIT_SOME_FAILED if failed else EXIT_OK)


@main.command()
def schema() -> None:
    """Print the JSON Schema (draft 2020-12) of the canonical output."""
    click.echo(schema_text(), nl=False)


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="REPORT [REPORT ...]")
@click.option("-o", "--output", "out_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the checks as JSON to this file (written atomically).")
@click.option("--factor", type=click.FloatRange(min=1.0, min_open=True), default=10.0, show_default=True,
              help="Flag a table-2 count that changed by more than this factor from one year to the next.")
@click.option("--all", "all_rows", is_flag=True, help="List passing checks too, not only failures and skips.")
def compare(inputs: tuple[str, ...], out_file: Path | None, factor: float, all_rows: bool) -> None:
    """Cross-year checks over one organ's reports (any inputs, or giaparse JSON).

    \b
    For each pair of consecutive years y-1, y:
      series.carry_over     二、上年结转 (y) = 四、结转下年度继续办理 (y-1), per column
      series.in_force       现行有效件数 (y) = 现行有效件数 (y-1) + 本年制发 - 本年废止
                            (规章, 规范性文件; 2021 template)
      series.change_factor  a table-2 count that changed by more than --factor
    A failed check is data about the reports, never repaired. Exit status:
    0 when every input was read, 1 when one could not be (the rest are still
    compared), 2 for a usage error.

    \b
    Examples:
      giaparse compare 2021.pdf 2022.pdf 2023.html
      giaparse compare out/*.json -o series.json --all
    """
    from .compare import compare_reports, format_table, read_inputs

    docs, errors = read_inputs(inputs)
    for exc in errors:
        _error(str(exc))
    result = compare_reports(docs, factor=factor)
    click.echo(format_table(result, all_rows=all_rows))
    if out_file is not None:
        import json

        try:
            _write_atomic(out_file, json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        except OSError as exc:
            raise click.ClickException(f"{out_file}: cannot write ({exc.strerror})") from None
    sys.exit(EXIT_SOME_FAILED if errors else EXIT_OK)



@main.command()
@click.argument("input_path", metavar="INPUT")
@click.option("-o", "--output", "out_file", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The HTML file to write (one self-contained page; written atomically).")
@click.option("--pdf-backend", type=click.Choice([b.value for b in PdfBackend]), default=PdfBackend.PDFPLUMBER.value,
              show_default=True, help="Where PDF tables come from, as for convert.")
def review(input_path: str, out_file: Path, pdf_backend: str) -> None:
    """Write a review page: the tables beside their source, failed checks and warnings marked.

    \b
    One static HTML file, no network and no external asset: the three
    tables in the template's layout with Chinese labels; cells of failed
    checks and cells named by warnings highlighted; beside them the source
    (PDF pages rendered, with the table regions drawn; HTML/DOCX source
    grids; text lines numbered). Click a cell to see its source location.

    \b
    Example:
      giaparse review 2023年报.pdf -o 2023年报.html
    """
    from .review import review_page

    try:
        data = sys.stdin.buffer.read() if input_path == "-" else None
        page = review_page(data if data is not None else input_path, name="<stdin>" if data is not None else None,
                           options=ReadOptions(pdf_backend=PdfBackend(pdf_backend)))
    except GiaparseError as exc:
        _error(str(exc))
        sys.exit(EXIT_SOME_FAILED)
    except Exception as exc:  # a bug in giaparse: one line, not a traceback
        _error(f"{input_path}: internal error, please report it: {type(exc).__name__}: {exc}")
        sys.exit(EXIT_SOME_FAILED)
    try:
        _write_atomic(out_file, page)
    except OSError as exc:
        _error(f"{out_file}: cannot write ({exc.strerror})")
        sys.exit(EXIT_SOME_FAILED)

if __name__ == "__main__":  # pragma: no cover
    main()
