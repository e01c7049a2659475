"""Check that the repository tells its examples in its own words.

The evaluation data in ``../shared/data`` is for measuring, and its texts belong to their
publishers: none of it may be copied into the project (tests, docs, comments, samples). This
check reads every string of at least 40 characters in the data sets' JSON Lines files, and
fails when a file of the repository (tracked, or new and not ignored) shares a run of
``--words`` words (default 8) with one of them.
Eight words is long enough that ordinary phrases ("was shot and killed on", "police said the")
do not trip it and short enough that a borrowed sentence, or a clause of one, does. A run that
three or more of the data's records share ("anyone with information is asked to call the") is a
formula of the trade, not one publisher's sentence, and does not count.

    python scripts/own_words.py --data-root ../shared/data            # exit 1 on any borrowing
    python scripts/own_words.py --data-root ../shared/data tests/     # only these paths

Standard library only, so it runs before the project is installed. ``make test`` runs it when
the data is there.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Iterator

WORD = re.compile(r"[a-z0-9']+")
#: files that hold no prose of ours: lockfiles and generated or binary data
SKIP = re.compile(r"(package-lock\.json|\.lock|\.png|\.jpg|\.ico|\.parquet|\.gz|\.skops|\.joblib|\.npz|\.onnx)$")


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


#: a run this many records share is a formula, not a borrowing
FORMULA = 3


def shingles(data_root: Path, n: int) -> dict[str, str]:
    """Every run of ``n`` words in the data's longer strings, mapped to its data set's folder;
    runs shared by ``FORMULA`` or more records are left out."""
    first: dict[str, tuple[str, int]] = {}
    records: dict[str, int] = {}
    for path in sorted(data_root.rglob("*.jsonl")):
        with path.open(encoding="utf-8", errors="replace") as fh:
            for number, line in enumerate(fh):
                try:
                    record = json.loads(line)
                except json.JSONDecodeError:
                    continue
                here = hash((path, number))
                for s in strings(record):
                    if len(s) < 40:
                        continue
                    w = words(s)
                    for i in range(len(w) - n + 1):
                        key = " ".join(w[i:i + n])
                        seen = first.get(key)
                        if seen is None:
                            first[key] = (path.parent.name, here)
                            records[key] = 1
                        elif seen[1] != here:
                            first[key] = (seen[0], here)
                            records[key] += 1
    return {k: first[k][0] for k, c in records.items() if c < FORMULA}


def tracked(repo: Path, paths: list[str]) -> list[Path]:
    out = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "--", *paths], cwd=repo, capture_output=True, text=True, check=True)
    return [repo / p for p in out.stdout.splitlines() if not SKIP.search(p)]


def borrowed(files: list[Path], seen: dict[str, str], n: int) -> Iterator[tuple[Path, int, str, str]]:
    """(file, line number, data set, the shared words) for each line sharing a run with the data."""
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, FileNotFoundError, IsADirectoryError):
            continue
        for number, line in enumerate(text.splitlines(), 1):
            w = words(line)
            for i in range(len(w) - n + 1):
                key = " ".join(w[i:i + n])
                if key in seen:
                    yield path, number, seen[key], key
                    break


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-root", type=Path, default=Path("../shared/data"))
    parser.add_argument("--words", type=int, default=8, help="the length of a shared run that fails (default 8)")
    parser.add_argument("paths", nargs="*", help="limit the check to these tracked paths")
    args = parser.parse_args(argv)
    if not args.data_root.is_dir():
        print(f"own words: {args.data_root} not found; nothing to check against")
        return 0
    repo = Path(__file__).resolve().parent.parent
    seen = shingles(args.data_root, args.words)
    files = tracked(repo, args.paths)
    hits = list(borrowed(files, seen, args.words))
    for path, number, dataset, key in hits:
        print(f"{path.relative_to(repo)}:{number}: shares \"{key}\" with {dataset}")
    if hits:
        print(f"own words: {len(hits)} lines share a run of {args.words} words with the evaluation data; "
              "tell the example in the project's own words")
        return 1
    print(f"own words: {len(files)} tracked files share no run of {args.words} words with the evaluation data")
    return 0


if __name__ == "__main__":
    sys.exit(main())
