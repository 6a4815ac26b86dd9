"""The readers as they were before the speed work (issue 16), kept to test that the fast paths change nothing.

Copies of ``giaparse/readers/{html,docx,text,encoding,stream}.py`` and
``giaparse/template/stream.py`` at commit 7033724, imports made absolute
(``giaparse.…``) or local to this package (``encoding``, ``reader_stream``,
``template_stream``) and their ``@register_reader`` removed, so that importing
them registers nothing. ``tests/test_fast_readers.py`` reads every corpus
document with these and with the package's readers and wants the same
``Document`` and the same JSON.

``html``, ``text``, ``reader_stream`` and ``template_stream`` are taken from the
converters work (issue 19: 7033724 plus its deliberate changes, the raw-HTML
fragment entry, drawn grids, converted-text metadata, stream evidence), which
changed behaviour on purpose and not for speed.

``template_stream`` also has the WPS work's change (the cell stream's anchors take a wrapped or clipped
row label through ``match.tolerant_key``, with a warning), made in both copies the same way.
``template_stream`` also carries the plain-text work's deliberate changes (figure runs: the
``template/figure_runs`` hook in ``stream_tables``, ``table_tree``'s merged ``other`` row, and
``_alignments`` letting a contested unit be no row's), patched in by hand.
``template_stream`` also has the wrong-numbers work's change (``_doubt_failing_rows``: a row whose own
sum fails under an alignment that is not complete is left null with a warning; ``_doubt_unconfirmed_rows``:
where most rows' labels have no figures after them, a row no identity across rows confirms is left null;
the bounded-search warning names its rows), patched in the same way in both copies.

When a reader's behaviour is changed on purpose (not for speed), copy the new
module here the same way; these files are references, not code to maintain.
"""
