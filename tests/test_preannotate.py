"""`annotator preannotate` end to end: the real command, the real engine with the shipped
models, real database files. One session run covers every input kind and every kind of
bad input; other tests re-run on copies of its database, kill a run, or check refusals.
The long-text splitting is also tested on its own, on a 5 MB text."""

from __future__ import annotations

import gzip
import json
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annotator import store
from annotator.preannotate import CHUNK_CHARS, merge_chunks, split_chunks
from annotator.records import Analysis, Attribution, Document, Speaker

ANNOTATOR = str(Path(sys.executable).with_name("annotator"))
ARTICLES = {
    "bridge": "The mayor of Springfield, Jane Alder, said on Monday that the old bridge "
              "would reopen in May. \u201cWe have fixed every crack,\u201d Alder told "
              "reporters.\n\nCritics said the repairs had been rushed.",
    "wire-1": "Transport Minister Anna Berg told journalists that rail fares would rise "
              "next year. \u201cThere is no other way to pay for the new lines,\u201d she "
              "said.",
    "wire-2": "Four people were arrested overnight, according to police. The agency asked "
              "residents to stay indoors.",
    "gz-1": "\u201cWe will rebuild the school within a year,\u201d Governor Amy Chen said.",
    "gz-2": "The World Health Organization warned that the outbreak could spread further.",
    "stdin-1": "Defence Minister Lars Olsen denied that troops had crossed the border.",
}
FIELDS = ["--id-field", "uid", "--text-field", "body", "--field", "title=headline",
          "--field", "url=link"]
BIG_COPIES = 42  # x 3.2 kB: over twice CHUNK_CHARS, so at least three pieces


def annotator(*args: str, stdin: str | None = None, timeout: float = 900):
    return subprocess.run([ANNOTATOR, *args], input=stdin, capture_output=True, text=True,
                          timeout=timeout)


def line(uid: str, body, **extra) -> str:
    return json.dumps({"uid": uid, "body": body, **extra}) + "\n"


def backup(src: Path, dst: Path) -> Path:
    """A consistent copy of a WAL database (sqlite's backup API)."""
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)
    return dst


def slices_match(text: str, row: dict) -> None:
    for f in ("content", "cue", "speaker"):
        start, end = row[f + "_start"], row[f + "_end"]
        if start is not None or row[f] is not None:
            assert text[start:end] == row[f], (f, row)


@pytest.fixture(scope="session")
def batch(tmp_path_factory, sample_text):
    """One run over every input kind (with bad input mixed in), into a fresh database."""
    root = tmp_path_factory.mktemp("batch")
    corpus = root / "corpus"
    (corpus / "local").mkdir(parents=True)
    (corpus / "bad").mkdir()
    (corpus / "aktobe-attack.txt").write_text(sample_text, encoding="utf-8")
    (corpus / "local" / "bridge.txt").write_text(ARTICLES["bridge"], encoding="utf-8")
    big = "\n\n".join([sample_text.strip()] * BIG_COPIES)
    (corpus / "big.txt").write_text(big, encoding="utf-8")
    (corpus / "bad" / "latin1.txt").write_bytes("Caf\u00e9 owners said so.".encode("latin-1"))
    (corpus / "bad" / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (corpus / "bad" / "empty.txt").write_text("  \n\n ", encoding="utf-8")
    feed = root / "feed.jsonl"
    feed.write_text(
        line("wire-1", ARTICLES["wire-1"], headline="Fares to rise", link="https://x/1",
             source="Wire", published="2026-05-01")
        + '{"uid": "broken", "body": "no closing brace"\n'  # 2
        + json.dumps({"uid": "no-body"}) + "\n"  # 3
        + line("blank", " \n\t ")  # 4
        + line("wire-1", ARTICLES["wire-1"])  # 5: the same document again
        + line("bridge", "Another text under an id already used.")  # 6
        + line("wire-2", ARTICLES["wire-2"]), encoding="utf-8")  # 7
    with gzip.open(root / "feed.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write(line("gz-1", ARTICLES["gz-1"]) + line("gz-2", ARTICLES["gz-2"]))
    db = root / "annotations.db"
    args = ["preannotate", str(corpus), str(feed), str(root / "feed.jsonl.gz"), "-",
            "--db", str(db), *FIELDS]
    result = annotator(*args, stdin=line("stdin-1", ARTICLES["stdin-1"]))
    return {"root": root, "db": db, "result": result, "args": args, "big": big,
            "feed": feed, "corpus": corpus}


@pytest.fixture
def rows(batch):
    def query(sql: str, params=()) -> list[dict]:
        with sqlite3.connect(batch["db"]) as conn:
            conn.row_factory = sqlite3.Row
            return [dict(r) for r in conn.execute(sql, params)]
    return query


def test_every_good_document_is_stored_once_and_the_exit_status_reports_failures(batch, rows):
    result = batch["result"]
    assert result.returncode == 1, result.stderr
    assert "8 done, 1 skipped, 7 failed" in result.stderr
    ids = [r["id"] for r in rows("select id from documents order by id")]
    assert ids == ["aktobe-attack", "big", "bridge", "gz-1", "gz-2", "stdin-1", "wire-1",
                   "wire-2"]
    for doc in rows("select * from documents"):
        assert doc["sha256"] == store.text_sha256(doc["text"])
        assert doc["words"] == len(doc["text"].split())
        assert doc["model_version"] and doc["annotated_at"] and doc["added_at"]
    assert rows("select text from documents where id = 'bridge'")[0]["text"] == \
        ARTICLES["bridge"]  # the first of the two "bridge" documents
    [run] = rows("select * from runs")
    assert (run["status"], run["documents_done"], run["documents_skipped"],
            run["documents_failed"]) == ("finished", 8, 1, 7)
    assert run["attributions"] == rows("select count(*) n from attributions")[0]["n"] > 8
    assert run["words"] == sum(r["words"] for r in rows("select words from documents"))


def test_bad_input_is_reported_by_file_and_line_and_recorded(batch, rows):
    corpus, feed = batch["corpus"], batch["feed"]
    expected = {
        f"{corpus / 'bad' / 'binary.txt'}": "binary file",
        f"{corpus / 'bad' / 'empty.txt'}": "empty text",
        f"{corpus / 'bad' / 'latin1.txt'}:1": "not UTF-8",
        f"{feed}:2": "malformed JSON",
        f"{feed}:3": "no 'body' field",
        f"{feed}:4": "empty text",
        f"{feed}:6": "duplicate id 'bridge' with a different text",
    }
    errors = rows("select * from errors")
    assert {e["location"]: e["stage"] for e in errors} == dict.fromkeys(expected, "input")
    for e in errors:
        assert expected[e["location"]] in e["message"]
        assert f"error: {e['location']}: {e['message']}" in batch["result"].stderr


def test_jsonl_fields_are_configurable_and_metadata_is_stored(batch, rows):
    [doc] = rows("select * from documents where id = 'wire-1'")
    assert (doc["title"], doc["url"], doc["source"], doc["published"]) == (
        "Fares to rise", "https://x/1", "Wire", "2026-05-01")
    assert doc["text"] == ARTICLES["wire-1"]
    assert rows("select text from documents where id = 'stdin-1'")[0]["text"] == \
        ARTICLES["stdin-1"]


def test_stored_predictions_are_what_the_engine_finds(batch, rows, sample_text,
                                                      sample_analysis):
    stored = rows("select * from attributions where doc_id = 'aktobe-attack' "
                  "order by content_start, content_end, kind")
    expected = sorted(sample_analysis.attributions,
                      key=lambda a: (a.content_start, a.content_end, a.kind))
    assert len(stored) == len(expected) > 0
    for row, a in zip(stored, expected, strict=True):
        assert store.decode(row) | a.to_dict() == store.decode(row)  # every field as found
        assert row["id"] == store.attribution_id("aktobe-attack", a.kind, a.content_start,
                                                 a.content_end)
        assert row["origin"] == "engine" and row["run_id"] == 1
        slices_match(sample_text, row)
    speakers = rows("select * from speakers where doc_id = 'aktobe-attack' order by id")
    assert [(s["name"], s["role"], s["type"], [tuple(m) for m in json.loads(s["mentions"])])
            for s in speakers] == [(s.name, s.role, s.type, [tuple(m) for m in s.mentions])
                                   for s in sample_analysis.speakers]


def test_a_long_document_is_analysed_in_pieces_with_offsets_into_the_whole_text(
        batch, rows, sample_text, sample_analysis):
    big = batch["big"]
    assert len(split_chunks(big)) >= 3
    [doc] = rows("select text from documents where id = 'big'")
    assert doc["text"] == big
    found = rows("select * from attributions where doc_id = 'big'")
    for row in found:
        slices_match(big, row)
    for s in rows("select * from speakers where doc_id = 'big'"):
        for start, end in json.loads(s["mentions"]):
            assert 0 <= start < end <= len(big) and big[start:end].strip()
    # every copy of the article yields the article's own spans, shifted to where it lies
    copy_len = len(sample_text.strip()) + 2
    spans = {(a.kind, a.content_start, a.content_end) for a in sample_analysis.attributions}
    for k in range(BIG_COPIES):
        lo = k * copy_len
        in_copy = {(r["kind"], r["content_start"] - lo, r["content_end"] - lo) for r in found
                   if lo <= r["content_start"] < lo + copy_len}
        assert in_copy == spans, f"copy {k}"


def test_full_text_search_finds_documents_and_attributions(batch, rows):
    db = store.open_db(batch["db"], create=False)
    try:
        assert {r["id"] for r in db["documents"].search("Aktobe")} == {"aktobe-attack", "big"}
        assert [r["id"] for r in db["documents"].search("fares")] == ["wire-1"]
        [hit] = rows("select id, content from attributions where doc_id = 'gz-1'")
        word = max(re.findall(r"\w+", hit["content"]), key=len)
        assert hit["id"] in {r["id"] for r in db["attributions"].search(word)}
    finally:
        db.close()


def test_a_second_run_skips_what_is_done_and_shows_it(batch, tmp_path):
    db = backup(batch["db"], tmp_path / "again.db")
    before = sqlite3.connect(db).execute(
        "select id, created_at, run_id from attributions order by id").fetchall()
    args = [a if a != str(batch["db"]) else str(db) for a in batch["args"]]
    result = annotator(*args, "--show", stdin=line("stdin-1", ARTICLES["stdin-1"]))
    assert result.returncode == 1  # the bad input still fails
    assert "0 done, 9 skipped, 7 failed" in result.stderr
    conn = sqlite3.connect(db)
    assert conn.execute("select id, created_at, run_id from attributions order by id"
                        ).fetchall() == before
    assert conn.execute("select count(*) from documents").fetchone()[0] == 8
    assert conn.execute("select status, documents_done from runs where id = 2").fetchone() \
        == ("finished", 0)
    # --show lists what is stored for the input documents, done now or before
    counts = dict(conn.execute("select doc_id, count(*) from attributions group by doc_id"))
    out = result.stdout.splitlines()
    heads = [i for i, s in enumerate(out) if not s.startswith("  ")]
    assert [out[i] for i in heads] == [f"{d}: {counts.get(d, 0)} attributions" for d in
                                       ["aktobe-attack", "big", "bridge", "wire-1", "wire-2",
                                        "gz-1", "gz-2", "stdin-1"]]
    kinds = {s.split()[0] for s in out if s.startswith("  ")}
    assert kinds <= {"direct", "indirect", "mixed"} and kinds


def test_force_reannotates_but_keeps_reviews_and_merges_duplicates(batch, tmp_path):
    db_path = backup(batch["db"], tmp_path / "reviewed.db")
    db = store.open_db(db_path)
    reviewed, other = list(db["attributions"].rows_where(
        "doc_id = 'aktobe-attack'", order_by="content_start", limit=2))
    db["reviews"].insert({"attribution_id": reviewed["id"], "doc_id": "aktobe-attack",
                          "reviewer": "ana", "decision": "corrected",
                          "speaker_name": "Counter-terrorism staff", "stance": "neutral",
                          "seconds": 12.5, "created_at": store.now()})
    review = list(db["reviews"].rows)
    count = db["attributions"].count_where("doc_id = 'aktobe-attack'")
    db.close()
    txt = str(batch["corpus"] / "aktobe-attack.txt")

    result = annotator("preannotate", txt, "--db", str(db_path), "--force")
    assert result.returncode == 0, result.stderr
    assert "1 done, 0 skipped, 0 failed" in result.stderr
    db = store.open_db(db_path)
    assert db["attributions"].get(reviewed["id"]) == reviewed  # kept exactly, run_id 1
    assert list(db["reviews"].rows) == review
    assert db["attributions"].count_where("doc_id = 'aktobe-attack'") == count  # merged
    assert db["attributions"].get(other["id"])["run_id"] == 2  # a fresh prediction

    # a different text under the reviewed document's id is refused, with or without --force
    changed = tmp_path / "changed.jsonl"
    changed.write_text(json.dumps({"id": "aktobe-attack", "text": "New text."}) + "\n",
                       encoding="utf-8")
    plain = annotator("preannotate", str(changed), "--db", str(db_path))
    forced = annotator("preannotate", str(changed), "--db", str(db_path), "--force")
    assert plain.returncode == forced.returncode == 1
    assert "already in the database with a different text; use --force" in plain.stderr
    assert "has 1 reviews on its stored text" in forced.stderr
    assert db["documents"].get("aktobe-attack")["sha256"] == store.text_sha256(
        (batch["corpus"] / "aktobe-attack.txt").read_text(encoding="utf-8"))
    assert db["errors"].count_where("stage = 'input' and doc_id = 'aktobe-attack'") == 2
    db.close()


def children_of(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def committed(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("select count(*) from documents").fetchone()[0]
    except sqlite3.Error:
        return 0


MANY = 40  # enough documents for several worker batches, so a run can be stopped midway


def many_documents(path: Path, sample_text: str) -> Path:
    paragraphs = [p for p in sample_text.split("\n") if p.strip()]
    with path.open("w", encoding="utf-8") as f:
        for i in range(MANY):  # distinct documents of a few paragraphs each
            text = "\n".join(paragraphs[i % len(paragraphs):] + paragraphs[:i % 3])
            f.write(json.dumps({"id": f"doc-{i:02}", "text": f"Report {i}.\n{text}"}) + "\n")
    return path


def start_until_committed(feed, db, count: int) -> tuple[subprocess.Popen, set[int]]:
    """Start a real batch run and wait until ``count`` documents are committed,
    remembering its worker processes on the way."""
    proc = subprocess.Popen([ANNOTATOR, "preannotate", str(feed), "--db", str(db)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    workers: set[int] = set()
    deadline = time.monotonic() + 600
    while committed(db) < count and proc.poll() is None and time.monotonic() < deadline:
        workers.update(children_of(proc.pid))
        time.sleep(0.02)
    return proc, workers


def test_a_killed_run_resumes_where_it_stopped(tmp_path, sample_text):
    feed = many_documents(tmp_path / "many.jsonl", sample_text)
    db = tmp_path / "resume.db"

    limited = annotator("preannotate", str(feed), "--db", str(db), "--limit", "3")
    assert limited.returncode == 0, limited.stderr
    assert committed(db) == 3

    proc, workers = start_until_committed(feed, db, 5)
    at_kill = committed(db)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 3 < at_kill < MANY, "the run must be killed midway"
    assert workers, "the run had worker processes"
    gone = time.monotonic() + 30
    while any(alive(p) for p in workers) and time.monotonic() < gone:
        time.sleep(0.1)
    assert not any(alive(p) for p in workers), "workers outlived the killed writer"

    conn = sqlite3.connect(db)
    killed_run = conn.execute("select status from runs where id = 2").fetchone()
    assert killed_run == ("running",)  # it never finished
    after_kill = committed(db)
    resumed = annotator("preannotate", str(feed), "--db", str(db), "--workers", "1")
    assert resumed.returncode == 0, resumed.stderr
    assert f"{MANY - after_kill} done, {after_kill} skipped, 0 failed" in resumed.stderr
    ids = [r[0] for r in conn.execute("select id from documents order by id")]
    assert ids == [f"doc-{i:02}" for i in range(MANY)]
    texts = {json.loads(s)["id"]: json.loads(s)["text"] for s in feed.read_text().splitlines()}
    for doc_id, text, n in conn.execute(
            "select d.id, d.text, count(a.id) from documents d left join attributions a "
            "on a.doc_id = d.id group by d.id"):
        assert text == texts[doc_id] and n > 0
    dup = conn.execute("select doc_id, name, type, count(*) from speakers "
                       "group by doc_id, name, type having count(*) > 1").fetchall()
    assert dup == []
    assert conn.execute("select count(*) from attributions where doc_id not in "
                        "(select id from documents)").fetchone() == (0,)


def test_sigterm_stops_cleanly_and_keeps_what_was_written(tmp_path, sample_text):
    feed = many_documents(tmp_path / "many.jsonl", sample_text)
    db = tmp_path / "stopped.db"
    proc, workers = start_until_committed(feed, db, 1)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted:" in err
    gone = time.monotonic() + 30
    while any(alive(p) for p in workers) and time.monotonic() < gone:
        time.sleep(0.1)
    assert workers and not any(alive(p) for p in workers)
    conn = sqlite3.connect(db)
    done = conn.execute("select count(*) from documents").fetchone()[0]
    assert 1 <= done < MANY
    run = conn.execute("select status, documents_done, finished_at from runs").fetchone()
    assert run[:2] == ("interrupted", done) and run[2]
    assert f"{done} done" in err


def test_refuses_a_non_sqlite_file_and_a_newer_database_untouched(tmp_path, sample_path):
    notes = tmp_path / "notes.db"
    notes.write_text("my notes, not a database\n" * 50, encoding="utf-8")
    before = notes.read_bytes()
    result = annotator("preannotate", str(sample_path), "--db", str(notes))
    assert result.returncode != 0 and "not a SQLite database" in result.stderr
    assert notes.read_bytes() == before

    newer = tmp_path / "newer.db"
    db = store.open_db(newer)
    db["_sqlite_migrations"].insert({"migration_set": "annotator", "name": "m999_future",
                                     "applied_at": "2031-01-01"})
    db.execute("pragma wal_checkpoint(truncate)")
    db.close()
    before = newer.read_bytes()
    result = annotator("preannotate", str(sample_path), "--db", str(newer))
    assert result.returncode != 0 and "newer version of the annotator" in result.stderr
    assert newer.read_bytes() == before


# ---- splitting long texts (no engine) --------------------------------------------------

def five_megabytes() -> str:
    paragraphs, size, i = [], 0, 0
    while size < 5_200_000:
        quote = f"\u201cWe counted {i} boats in the harbour,\u201d the harbour master said."
        filler = " ".join(f"Sentence {i}.{j} reports the weather." for j in range(i % 9))
        paragraphs.append(f"{quote} {filler}".strip())
        size += len(paragraphs[-1]) + 2
        i += 1
    long = "One very long paragraph without breaks. "  # 40 chars, over five pieces in all
    paragraphs.insert(100, long * (5 * CHUNK_CHARS // len(long)))
    return "\n\n".join(paragraphs)


def quotes_in(text: str) -> Analysis:
    """What an engine would report for ``text``: each quote, cue and speaker by offset."""
    found, mentions = [], []
    for m in re.finditer(r"\u201c([^\u201d]+)\u201d (the harbour master) (said)", text):
        found.append(Attribution("direct", m.group(1), m.start(1), m.end(1), m.group(3),
                                 m.start(3), m.end(3), m.group(2), m.start(2), m.end(2),
                                 speaker_name="Harbour master"))
        mentions.append((m.start(2), m.end(2)))
    return Analysis(found, [Speaker("Harbour master", mentions=mentions)] if found else [])


def test_split_chunks_covers_the_text_and_cuts_between_paragraphs():
    text = five_megabytes()
    pieces = split_chunks(text)
    assert "".join(p for _, p in pieces) == text
    assert [o for o, _ in pieces] == [sum(len(p) for _, p in pieces[:i])
                                      for i in range(len(pieces))]
    assert len(pieces) > 5_000_000 / CHUNK_CHARS
    long_start = text.index("One very long paragraph")
    long_end = text.index("\n", long_start)
    inside = 0
    for offset, piece in pieces[:-1]:
        end = offset + len(piece)
        assert len(piece) <= 4 * CHUNK_CHARS
        if long_start < end < long_end:  # only a paragraph longer than four pieces is cut,
            assert piece.endswith(". ")  # and then between sentences
            inside += 1
        else:
            assert piece.endswith("\n\n")
            assert len(piece) <= CHUNK_CHARS or offset < long_end < end
    assert inside >= 1
    assert split_chunks("short") == [(0, "short")]


def test_a_5mb_document_keeps_true_offsets_through_pieces_and_store(tmp_path):
    text = five_megabytes()
    merged = merge_chunks([(offset, quotes_in(piece)) for offset, piece in split_chunks(text)])
    whole = quotes_in(text)
    assert [a.to_dict() for a in merged.attributions] == [a.to_dict()
                                                          for a in whole.attributions]
    assert len(merged.speakers) == 1  # one speaker across all pieces
    assert merged.speakers[0].mentions == whole.speakers[0].mentions

    db = store.open_db(tmp_path / "big.db")
    stored = store.save_analysis(db, Document("big", text), merged, "v1")
    assert stored == len(whole.attributions) > 10_000
    row = db["documents"].get("big")
    assert row["text"] == text and len(row["text"].encode("utf-8")) > 5_000_000
    for r in db.query("select * from attributions where doc_id = 'big'"):
        slices_match(row["text"], r)
    [speaker] = db["speakers"].rows
    assert all(text[s:e] == "the harbour master" for s, e in json.loads(speaker["mentions"]))
    db.close()

