"""Bad input, as a new user feeds it: the document path streams, and every failure stays with
its own document (issue 7, "Bad input"). One input line gives one output line, in order."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
import time

import pytest
from click.testing import CliRunner

import sitreps
from sitreps import Extractor, Failure, budget, pipeline
from sitreps.cli.main import cli
from sitreps.errors import InputError
from sitreps.ingest import Rejected, read_input
from sitreps.pipeline import Stage

ARTICLE = (
    "KHARKIV, Ukraine — A Russian missile strike on an apartment block in Kharkiv killed three people "
    "and wounded 14 on Tuesday, regional governor Oleh Syniehubov said."
)
FAST = "stages = [\"entities\", \"numbers\"]\n"  # a short pipeline: these tests are about input, not accuracy


@pytest.fixture
def fast_config(tmp_path) -> str:
    path = tmp_path / "fast.toml"
    path.write_text(FAST, encoding="utf-8")
    return str(path)


def rows(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.split("\n") if line]


# -- one bad line does not lose the batch --------------------------------------------------------
BAD_LINES = [
    ('{"id": "cut", "text": ', "S109"),  # malformed
    ("[1, 2]", "S110"),  # an array
    ('{"id": 5, "text": 12}', "S110"),  # text a number, id an integer
    ('{"id": "n", "text": null}', "S110"),
    ('{"id": "m"}', "S110"),
    (json.dumps({"id": "p", "text": ARTICLE, "published": 20240605}), "S106"),
    (json.dumps({"id": "q", "text": ARTICLE, "published": {}}), "S106"),
    (json.dumps({"id": "g", "text": ARTICLE, "published": "2024-06-05garbage"}), "S106"),
    ('{"id": "s", "text": "Shelling \\ud800 killed two"}', "S115"),  # a lone surrogate
    ("[" * 100_000 + "]" * 100_000, "S109"),  # json's RecursionError
    ('{"id": "t", "text": "x", "title": ["a"]}', "S116"),
    ("", "S104"),  # a blank line keeps its place too
]


def test_every_line_gives_one_row_in_order_and_bad_lines_say_their_line(fast_config):
    good = [json.dumps({"id": f"ok{i}", "text": ARTICLE}) for i in range(2)]
    lines = [good[0], *(line for line, _ in BAD_LINES), good[1]]
    result = CliRunner().invoke(cli, ["extract", "-", "--input-format", "jsonl", "--format", "jsonl", "--config", fast_config], input="\n".join(lines) + "\n")
    assert result.exit_code == 1, result.output
    out = rows(result.stdout)
    assert len(out) == len(lines)
    assert out[0]["document"]["id"] == "ok0" and out[-1]["document"]["id"] == "ok1"
    for n, ((_, code), row) in enumerate(zip(BAD_LINES, out[1:-1]), start=2):
        assert row["failure"]["code"] == code, row
        assert row["failure"]["line"] == n and f"line {n}" in row["failure"]["message"]
    assert out[3]["failure"]["document_id"] == "5"  # an integer id becomes a string
    assert "Traceback" not in result.stderr
    assert len([x for x in result.stderr.splitlines() if x.startswith("error: [")]) == len(BAD_LINES)


def test_ids_of_any_json_type_become_strings(fast_config):
    lines = [json.dumps({"id": 7, "text": ARTICLE}), json.dumps({"id": {"feed": "a", "n": 1}, "text": ARTICLE})]
    result = CliRunner().invoke(cli, ["extract", "-", "--format", "jsonl", "--config", fast_config], input="\n".join(lines))
    assert result.exit_code == 0, result.output
    assert [r["document"]["id"] for r in rows(result.stdout)] == ["7", '{"feed":"a","n":1}']


def test_line_separators_inside_json_strings_do_not_split_a_line(fast_config):
    text = ARTICLE + "\u2028Rescuers searched the rubble.\u2029Power was cut.\u0085Schools closed."
    stdin = json.dumps({"id": "sep", "text": text}, ensure_ascii=False) + "\n"
    result = CliRunner().invoke(cli, ["extract", "-", "--format", "jsonl", "--include-text", "--config", fast_config], input=stdin.encode("utf-8"))
    assert result.exit_code == 0, result.output
    (record,) = rows(result.stdout)
    assert record["document"]["text"] == text


def test_raw_ids_with_newlines_are_escaped_on_stderr(fast_config):
    stdin = json.dumps({"id": "evil\nerror: [S000] forged", "text": " "}) + "\n" + json.dumps({"id": "ok", "text": ARTICLE}) + "\n"
    result = CliRunner().invoke(cli, ["extract", "-", "--format", "jsonl", "--config", fast_config], input=stdin)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "evil\\nerror" in lines[0] and "S104" in lines[0]


# -- a failure mid-batch stops at its document ---------------------------------------------------
class Picky:
    """A spaCy pipeline that cannot parse texts containing 'POISON' (as spaCy fails on odd input)."""

    def __init__(self, nlp):
        self.nlp = nlp
        self.max_length = nlp.max_length
        self.lang = nlp.lang

    def __call__(self, text):
        if "POISON" in text:
            raise ValueError("cannot parse this")
        return self.nlp(text)

    def pipe(self, texts, batch_size=32):
        for text in texts:
            yield self(text)


def test_a_text_spacy_cannot_parse_fails_alone(extractor):
    ex = Extractor(nlp=Picky(extractor.nlp), stages=["entities", "numbers"])
    items = [{"id": "a", "text": ARTICLE}, {"id": "b", "text": "POISON " + ARTICLE}, {"id": "c", "text": ARTICLE}]
    out = list(ex.pipe(items, batch_size=3))
    assert [type(r).__name__ for r in out] == ["Record", "Failure", "Record"]
    assert out[1].code == "S302" and out[1].stage == "parse" and out[2].document.id == "c"


def test_an_unexpected_error_outside_the_stages_is_a_failure_row(extractor, monkeypatch):
    ex = Extractor(nlp=extractor.nlp, stages=["entities"])
    real = ex.process

    def process(doc, published=None, **meta):
        if meta.get("id") == "b":
            raise KeyError("a bug")
        return real(doc, published=published, **meta)

    monkeypatch.setattr(ex, "process", process)
    out = list(ex.pipe([{"id": i, "text": ARTICLE} for i in "abc"]))
    assert isinstance(out[1], Failure) and out[1].code == "S999" and "KeyError" in out[1].message
    assert [r.document.id for r in (out[0], out[2])] == ["a", "c"]


def test_pipe_turns_any_item_into_a_record_or_a_failure(extractor):
    ex = Extractor(nlp=extractor.nlp, stages=["entities"])
    items = [["not", "a", "dict"], {"id": 3, "text": ARTICLE, "published": 20240605}, {"id": 4.5, "text": ARTICLE}]
    out = list(ex.pipe(items))
    assert [getattr(r, "code", None) for r in out] == ["S110", "S106", None]
    assert out[1].document_id == "3" and out[2].document.id == "4.5"


# -- long documents: parsed in pieces, memory bounded --------------------------------------------
def test_pieces_cut_at_paragraphs_and_join_back_exactly():
    from sitreps.parse import pieces

    text = ("Shelling hit the town. " * 30 + "\n\n") * 20 + "x" * 2500
    parts = pieces(text, 1000)
    assert "".join(parts) == text and all(len(p) <= 1000 for p in parts)
    assert all(p.endswith("\n\n") for p in parts[:5])


def test_a_text_longer_than_spacys_max_length_is_parsed_whole(extractor, monkeypatch):
    from sitreps import parse

    monkeypatch.setattr(parse, "CHUNK_CHARS", 400)
    text = "\n\n".join([ARTICLE] * 8)
    ex = Extractor(nlp=extractor.nlp, stages=["entities", "numbers"])
    record = ex(text, published="2024-06-05")
    doc = parse.parse_one(extractor.nlp, text)
    assert doc.text == text and len(list(doc.sents)) >= 8
    assert len(record.entities) >= 8  # Kharkiv, Syniehubov … in every paragraph, not just the first piece
    out = list(ex.pipe([{"id": "long", "text": text}, {"id": "short", "text": ARTICLE}]))
    assert [r.document.id for r in out] == ["long", "short"]


def test_max_chars_and_spacy_agree(extractor):
    from sitreps.parse import CHUNK_CHARS

    # every text sitreps accepts reaches spaCy in pieces spaCy accepts
    assert CHUNK_CHARS < extractor.nlp.max_length <= sitreps.load_settings().max_chars


# -- reading is bounded ---------------------------------------------------------------------------
class Endless(io.RawIOBase):
    """An endless stream (like /dev/zero or `yes`), counting the bytes it gives."""

    def __init__(self, byte: bytes):
        self.byte, self.given = byte, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buf) -> int:
        n = len(buf)
        buf[:n] = self.byte * n
        self.given += n
        return n


@pytest.mark.parametrize("fmt", ["text", "auto"])
def test_a_huge_stream_is_refused_after_reading_at_most_the_cap(fmt):
    from sitreps.ingest.read import byte_cap

    stream = Endless(b"a")
    with pytest.raises(InputError) as err:
        list(read_input("-", fmt, stdin=io.BufferedReader(stream), max_chars=10_000))
    assert err.value.code == "S105"
    assert stream.given <= byte_cap(10_000) + 2 * io.DEFAULT_BUFFER_SIZE


def test_dev_zero_is_refused_without_reading_it_all():
    proc = subprocess.run([sys.executable, "-m", "sitreps", "extract", "/dev/zero"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and "S101" in proc.stderr and "Traceback" not in proc.stderr


def test_an_over_long_jsonl_line_is_one_failure_row_and_the_next_line_is_read():
    big = json.dumps({"id": "big", "text": "a" * 50_000})
    stream = io.BytesIO((big + "\n" + json.dumps({"id": "next", "text": ARTICLE}) + "\n").encode())
    out = list(read_input("-", "jsonl", stdin=stream, max_chars=1000))
    assert isinstance(out[0], Rejected) and out[0].error.code == "S105" and out[0].line == 1
    assert out[1]["id"] == "next"


# -- odd files ------------------------------------------------------------------------------------
def test_utf16_with_a_bom_is_decoded(tmp_path, fast_config):
    path = tmp_path / "utf16.txt"
    path.write_bytes(ARTICLE.encode("utf-16"))
    result = CliRunner().invoke(cli, ["extract", str(path), "--include-text", "--config", fast_config])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["document"]["text"] == ARTICLE


def test_nul_bytes_after_the_first_8_kb_are_binary(tmp_path):
    path = tmp_path / "late-nul.txt"
    path.write_bytes((ARTICLE + "\n").encode() * 100 + b"\x00\x01\x02")
    result = CliRunner().invoke(cli, ["extract", str(path)])
    assert result.exit_code == 2 and "S101" in result.stderr


def test_chinese_text_gets_a_language_warning_not_en(tmp_path, fast_config):
    path = tmp_path / "zh.txt"
    path.write_text("据当地官员称，周二凌晨，一枚导弹击中了哈尔科夫的一栋公寓楼，造成三人死亡，十四人受伤。救援人员正在废墟中搜寻幸存者。", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(path), "--config", fast_config])
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert record["document"].get("language") != "en" and record["events"] == []
    assert "warning:" in result.stderr and "English" in result.stderr


def test_published_must_be_a_whole_iso_date(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(path), "--published", "2024-06-05garbage"])
    assert result.exit_code == 2 and "S106" in result.stderr


def test_a_symlink_loop_is_a_coded_error(tmp_path):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    result = CliRunner().invoke(cli, ["extract", str(loop)])
    assert result.exit_code == 2 and "[S114]" in result.stderr and "link loop" in result.stderr


def test_a_file_without_read_permission_is_a_coded_error(tmp_path, monkeypatch):
    from sitreps.ingest import read

    path = tmp_path / "secret.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    path.chmod(0)
    if os.geteuid() == 0:  # root reads anything: make open() answer as it would to a user
        def denied(name, mode="r", *args, **kwargs):
            raise PermissionError(13, "Permission denied", name)

        monkeypatch.setattr(read, "open", denied, raising=False)
    result = CliRunner().invoke(cli, ["extract", str(path)])
    assert result.exit_code == 2 and "[S114]" in result.stderr and "permission denied" in result.stderr


def test_a_batch_piped_into_head_exits_quietly(tmp_path, fast_config):
    path = tmp_path / "many.jsonl"
    path.write_text("".join(json.dumps({"id": f"d{i}", "text": ARTICLE * 20}) + "\n" for i in range(60)), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "sitreps", "extract", str(path), "--format", "jsonl", "--include-text", "--config", fast_config],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = proc.stdout.readline()
    proc.stdout.close()  # what `head -1` does
    _, err = proc.communicate(timeout=300)
    assert json.loads(first)["document"]["id"] == "d0"
    assert proc.returncode == 141 and b"Traceback" not in err and b"error" not in err


# -- the numbers stage is linear -------------------------------------------------------------------
def test_sentence_bounds_match_spacy_and_are_worked_out_once(extractor):
    from sitreps.stages.numbers.quantities import quantity_of, sentence_bounds

    doc = extractor.nlp("Gunmen killed 12 people on Monday. Another 3 soldiers died of wounds, and 40 were hurt.")
    assert all(sentence_bounds(t) == (t.sent.start, t.sent.end) for t in doc)
    cached = doc.user_data["sitreps.sentence_bounds"]
    values = [quantity_of(t).value for t in doc if t.like_num]
    assert values == [12, 3, 40] and doc.user_data["sitreps.sentence_bounds"] is cached


# -- a per-document time budget ----------------------------------------------------------------------
class Endlessly(Stage):
    """A stage whose loop never ends on documents that say 'forever' (it checks the budget, as
    the built-in stages' long loops do)."""

    name = "endlessly"
    requires = ("doc",)
    assigns = ("nothing",)

    def __call__(self, ctx):
        while "forever" in ctx.text:
            budget.check(self.name)
            time.sleep(0.01)
        return ctx


def test_a_document_over_its_time_budget_fails_alone(extractor):
    ex = Extractor(settings=sitreps.load_settings(max_seconds=0.2), nlp=extractor.nlp, stages=["entities"])
    ex.stages.append(Endlessly(ex.settings, ex.nlp))
    out = list(ex.pipe([{"id": "a", "text": ARTICLE}, {"id": "b", "text": ARTICLE + " It goes on forever."}, {"id": "c", "text": ARTICLE}]))
    assert isinstance(out[1], Failure) and out[1].code == "S301" and out[1].stage == "endlessly"
    assert "max_seconds" in out[1].message
    assert [r.document.id for r in (out[0], out[2])] == ["a", "c"]


# -- cold start from several threads ---------------------------------------------------------------
def test_the_default_extractor_is_built_once_by_four_threads(extractor, gazetteer_file, monkeypatch):
    loads = []

    def load_nlp(model):
        loads.append(model)
        time.sleep(0.2)  # widen the window in which a second thread could start a second load
        return extractor.nlp

    monkeypatch.setattr(pipeline, "load_nlp", load_nlp)
    monkeypatch.setattr(pipeline, "_DEFAULT", None)
    results: list = []
    threads = [threading.Thread(target=lambda: results.append(sitreps.extract(ARTICLE, published="2024-06-05"))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(loads) == 1 and len(results) == 4
    assert len({json.dumps(r.to_dict(), sort_keys=True) for r in results}) == 1


def _fake_build(counter: list):
    from sitreps.geo import build
    from sitreps.geo.writer import Writer

    def build_default(path, progress=None):
        counter.append(path)
        time.sleep(0.2)
        with Writer(path) as w:
            w.meta(source="default: test", default_build=build.BUILD_VERSION)
            return w.commit()

    return build_default


def test_four_threads_build_the_gazetteer_once(tmp_path, monkeypatch):
    from sitreps.geo import build
    from sitreps.geo.gazetteer import ensure_gazetteer

    built: list = []
    monkeypatch.setattr(build, "build_default", _fake_build(built))
    settings = sitreps.load_settings(gazetteer=str(tmp_path / "g.sqlite"))
    opened: list = []
    threads = [threading.Thread(target=lambda: opened.append(ensure_gazetteer(settings))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(built) == 1 and len(opened) == 4
    assert not list(tmp_path.glob("g.sqlite.tmp-*"))


def test_a_build_in_another_process_is_waited_for_and_not_repeated(tmp_path, monkeypatch):
    from sitreps.geo import build
    from sitreps.geo.gazetteer import ensure_gazetteer

    target = tmp_path / "g.sqlite"
    script = (
        "import sys, time\n"
        "from sitreps.geo.build import BUILD_VERSION\n"
        "from sitreps.geo.writer import Writer\n"
        "from sitreps.geo.lock import build_lock\n"
        f"with build_lock({str(target)!r}):\n"
        "    print('locked', flush=True)\n"
        "    time.sleep(1.0)\n"
        f"    with Writer({str(target)!r}) as w:\n"
        "        w.meta(source='default: other process', default_build=BUILD_VERSION)\n"
        "        w.commit()\n"
    )
    other = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert other.stdout.readline().strip() == "locked"

    def must_not_build(path, progress=None):
        raise AssertionError("rebuilt a gazetteer another process was building")

    monkeypatch.setattr(build, "build_default", must_not_build)
    gaz = ensure_gazetteer(sitreps.load_settings(gazetteer=str(target)))
    assert other.wait(timeout=60) == 0
    assert gaz.meta["source"] == "default: other process"


def test_a_killed_build_leaves_no_temporary_file_behind(tmp_path, monkeypatch):
    from sitreps.geo import build
    from sitreps.geo.gazetteer import ensure_gazetteer

    leftover = tmp_path / "g.sqlite.tmp-4242-deadbeef"  # what a build killed with SIGKILL leaves
    leftover.write_bytes(b"half a gazetteer")
    built: list = []
    monkeypatch.setattr(build, "build_default", _fake_build(built))
    ensure_gazetteer(sitreps.load_settings(gazetteer=str(tmp_path / "g.sqlite")))
    assert built and not leftover.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.sqlite", "g.sqlite.lock"]


def test_input_lines_are_read_lazily():
    # the reader hands out the first item before the rest of the input exists
    r, w = os.pipe()
    os.write(w, (json.dumps({"id": "first", "text": ARTICLE}) + "\n").encode())
    with os.fdopen(r, "rb") as fh:
        items = read_input("-", "jsonl", stdin=fh)
        assert next(items)["id"] == "first"
        os.write(w, (json.dumps({"id": "second", "text": ARTICLE}) + "\n").encode())
        os.close(w)
        assert [i["id"] for i in items] == ["second"]


def test_json_lines_with_a_utf8_bom_are_still_json_lines():
    data = b"\xef\xbb\xbf" + (json.dumps({"id": "a", "text": ARTICLE}) + "\n" + json.dumps({"id": "b", "text": ARTICLE}) + "\n").encode()
    assert [i["id"] for i in read_input("-", stdin=io.BytesIO(data))] == ["a", "b"]


@pytest.mark.parametrize("published", [20240605, ["2024-06-05"], 3.5])
def test_a_published_date_that_is_no_date_is_a_coded_error(extractor, published):
    with pytest.raises(InputError, match="S106"):
        extractor("Shelling killed two people in Kharkiv.", published=published)


def test_a_datetime_published_counts_as_its_date(extractor):
    from datetime import datetime

    record = extractor("Shelling killed two people in Kharkiv on Monday.", published=datetime(2024, 6, 5, 14, 30))
    assert record.document.published == "2024-06-05"


def test_the_stages_read_the_documents_text_as_spacy_gives_it_joined_once(extractor):
    from sitreps.parse import text_of

    doc = extractor.nlp("Shelling hit the town.  Two people were hurt,\n\nthe mayor said. ")
    assert text_of(doc) == doc.text and text_of(doc) is text_of(doc)
