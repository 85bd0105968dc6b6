"""Which strings the app shows, and what the .ts translation sources say about them.

Collected from the code by reading it (no import of widgets needed): the literal argument of
every `tr("...")` and `N_("...")` call under widgets/ and in main.py, plus the English strings
each app/ catalog lists in its `catalog_strings()`.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS_DIR = ROOT / "resources" / "translations"
CONTEXT = "app"
MARKERS = {"tr", "N_"}
APP_MARKERS = {"InputError"}   # app/ error templates, translated by widgets.i18n.error_text


@dataclass
class Entry:
    translation: str = ""
    finished: bool = False


def source_files() -> list[Path]:
    return sorted((ROOT / "widgets").rglob("*.py")) + [ROOT / "main.py"]


def strings_in_file(path: Path, markers: set[str] = MARKERS) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in markers
                and node.args and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)):
            found.append(node.args[0].value)
    return found


def catalog_strings() -> list[str]:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import app
    found = []
    for info in pkgutil.iter_modules(app.__path__):
        module = importlib.import_module(f"app.{info.name}")
        if hasattr(module, "catalog_strings"):
            found.extend(module.catalog_strings())
    return found


def collect() -> list[str]:
    """Every string the user may see, deduplicated, in a stable order."""
    seen = dict.fromkeys(s for path in source_files() for s in strings_in_file(path))
    seen.update(dict.fromkeys(s for path in sorted((ROOT / "app").rglob("*.py"))
                              for s in strings_in_file(path, APP_MARKERS)))
    seen.update(dict.fromkeys(catalog_strings()))
    return [s for s in seen if s.strip()]


def ts_files() -> list[Path]:
    return sorted(TS_DIR.glob("*.ts"))


def read_ts(path: Path) -> dict[str, Entry]:
    entries = {}
    for message in ET.parse(path).getroot().iter("message"):
        translation = message.find("translation")
        kind = translation.get("type") if translation is not None else "unfinished"
        text = (translation.text or "") if translation is not None else ""
        entries[message.findtext("source") or ""] = Entry(text, kind is None and bool(text.strip()))
    return entries


def write_ts(path: Path, language: str, entries: dict[str, Entry]) -> None:
    root = ET.Element("TS", version="2.1", language=language, sourcelanguage="en")
    context = ET.SubElement(root, "context")
    ET.SubElement(context, "name").text = CONTEXT
    for source, entry in entries.items():
        message = ET.SubElement(context, "message")
        ET.SubElement(message, "source").text = source
        translation = ET.SubElement(message, "translation")
        translation.text = entry.translation
        if not entry.finished:
            translation.set("type", "unfinished")
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")
