"""The command line as a user meets it: real files in, one clear line out on bad input."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from sitreps.cli.main import cli

ARTICLE = (
    "KHARKIV, Ukraine — A Russian missile strike on an apartment block in Kharkiv killed three people "
    "and wounded 14 on Tuesday, regional governor Oleh Syniehubov said.\n"
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def run(runner: CliRunner, *args: str, input: bytes | str | None = None):
    return runner.invoke(cli, list(args), input=input, catch_exceptions=False)


def test_extract_text_file_prints_a_record(runner, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = run(runner, "extract", str(path), "--published", "2024-06-05", "--include-text")
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["schema"] == "sitreps/1"
    assert record["document"]["published"] == "2024-06-05"
    assert record["document"]["text"] == ARTICLE


def test_extract_leaves_text_out_unless_asked(runner, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    record = json.loads(run(runner, "extract", str(path)).stdout)
    assert "text" not in record["document"]


def test_jsonl_in_gives_one_record_per_line(runner):
    lines = [
        {"id": "a1", "text": ARTICLE, "published": "2024-06-05", "title": "Strike on Kharkiv"},
        {"id": "a2", "text": "Protesters rallied in the capital on Sunday against the new law.", "published": "2024-06-02"},
    ]
    stdin = "\n".join(json.dumps(x) for x in lines) + "\n"
    result = run(runner, "extract", "-", "--format", "jsonl", input=stdin)
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["document"]["id"] for r in out] == ["a1", "a2"]
    assert out[0]["document"]["title"] == "Strike on Kharkiv"
    assert out[1]["document"]["published"] == "2024-06-02"


def test_jsonl_failure_is_kept_as_a_row_and_the_batch_goes_on(runner):
    stdin = json.dumps({"id": "empty", "text": "   "}) + "\n" + json.dumps({"id": "ok", "text": ARTICLE}) + "\n"
    result = run(runner, "extract", "-", "--format", "jsonl", input=stdin)
    assert result.exit_code == 1
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows[0]["failure"]["document_id"] == "empty"
    assert rows[0]["failure"]["code"] == "S104"
    assert rows[1]["document"]["id"] == "ok"


def test_html_page_main_text_title_and_date(runner, tmp_path):
    html = f"""<html><head><title>Missile strike hits Kharkiv</title>
    <meta property="article:published_time" content="2024-06-04T07:00:00Z"></head>
    <body><nav><a href="/">Home</a> | <a href="/world">World</a> | Subscribe now</nav>
    <article><h1>Missile strike hits Kharkiv</h1><p>{ARTICLE}</p>
    <p>Rescue workers searched the rubble through the night, the emergency service said in a statement.</p></article>
    <footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    record = json.loads(run(runner, "extract", str(path), "--include-text").stdout)
    assert "Syniehubov" in record["document"]["text"]
    assert "Subscribe now" not in record["document"]["text"]
    assert record["document"]["title"] == "Missile strike hits Kharkiv"
    assert record["document"]["published"] == "2024-06-04"


def test_table_format_shows_the_events(runner, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = run(runner, "extract", str(path), "--format", "table")
    assert result.exit_code == 0
    assert "— 1 events" in result.stdout  # the title counts them (the title alone would say "0 events")
    assert "Kharkiv" in result.stdout and "Oleh Syniehubov" in result.stdout  # and a row tells the event


@pytest.mark.parametrize(
    "content, code",
    [
        (b"", "S104"),
        (b"   \n\n  ", "S104"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "S101"),
        (b"Shelling killed two in the caf\xe9 district", "S102"),
    ],
    ids=["empty", "blank", "binary", "latin1"],
)
def test_bad_input_is_one_clear_line_and_nonzero_exit(runner, tmp_path, content, code):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = runner.invoke(cli, ["extract", str(path)])
    assert result.exit_code != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: [") and code in lines[0]
    assert "Traceback" not in result.output


def test_unparseable_published_date(runner, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    result = runner.invoke(cli, ["extract", str(path), "--published", "last tuesday-ish"])
    assert result.exit_code == 2
    assert "S106" in result.stderr and "--published" in result.stderr


def test_missing_file(runner):
    result = runner.invoke(cli, ["extract", "/no/such/file.txt"])
    assert result.exit_code == 2 and "S107" in result.stderr


def test_huge_file_is_refused_with_advice(tmp_path):
    # 50 MB of text: refused before parsing, in a real process (no traceback, bounded time).
    path = tmp_path / "huge.txt"
    with path.open("w") as fh:
        line = "Shelling killed two people in the border village, officials said. " * 100 + "\n"
        while fh.tell() < 50_000_000:
            fh.write(line)
    proc = subprocess.run([sys.executable, "-m", "sitreps", "extract", str(path)], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "S105" in proc.stderr and "max_chars" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize(("text", "args", "says"), [
    # Spanish: a language with no rules folder
    ("Los ataques con misiles alcanzaron la capital durante la noche y causaron al menos cinco muertos, "
     "según el alcalde, que pidió a los vecinos quedarse en los refugios.", [], "English or French"),
    # French, with the language fixed to English
    ("Des frappes de missiles ont touché la capitale pendant la nuit, faisant au moins cinq morts "
     "selon le maire, qui a appelé les habitants à rester dans les abris.", ["--lang", "en"], "does not look like English"),
])
def test_text_in_a_language_without_rules_gives_a_record_with_a_warning(runner, tmp_path, text, args, says):
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(path), *args])
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert record["events"] == []
    assert record["document"]["language"] is None
    assert any(says in w for w in record["warnings"])
    assert "warning:" in result.stderr


def test_debug_shows_the_traceback(runner, tmp_path):
    path = tmp_path / "e.txt"
    path.write_text("")
    result = runner.invoke(cli, ["--debug", "extract", str(path)])
    assert result.exit_code != 0
    assert result.exception is not None and "S104" in str(result.exception)


def test_help_on_every_verb(runner):
    for verb in ("extract", "eval", "gazetteer"):
        result = run(runner, verb, "--help")
        assert result.exit_code == 0 and "Usage" in result.output, verb
