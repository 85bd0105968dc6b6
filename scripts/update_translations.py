"""Bring the .ts translation sources up to date with the strings in the code.

    python scripts/update_translations.py                 add new strings (unfinished), drop gone ones
    python scripts/update_translations.py --import F.tsv  also take translations from English<TAB>Chinese lines
    python scripts/update_translations.py --todo          list what is still untranslated
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import translation_strings as ts  # noqa: E402

LANGUAGES = {"torch_playground_zh_CN.ts": "zh_CN"}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--import", dest="imports", action="append", default=[], metavar="TSV")
    parser.add_argument("--todo", action="store_true")
    args = parser.parse_args()
    imported = {}
    for tsv in args.imports:
        for line in Path(tsv).read_text(encoding="utf-8").splitlines():
            if "\t" in line:
                source, translation = line.split("\t", 1)
                imported[source] = translation.strip()
    strings = ts.collect()
    ts.TS_DIR.mkdir(parents=True, exist_ok=True)
    for name, language in LANGUAGES.items():
        path = ts.TS_DIR / name
        old = ts.read_ts(path) if path.exists() else {}
        entries = {}
        for source in strings:
            entry = old.get(source, ts.Entry())
            if source in imported and imported[source]:
                entry = ts.Entry(imported[source], True)
            entries[source] = entry
        ts.write_ts(path, language, entries)
        todo = [s for s, e in entries.items() if not e.finished]
        print(f"{path.name}: {len(entries)} strings, {len(todo)} unfinished")
        if args.todo:
            for source in todo:
                print(f"  {source!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
