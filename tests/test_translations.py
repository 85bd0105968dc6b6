"""Every string the user sees has a finished Simplified Chinese translation."""

import re
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import translation_strings as ts  # noqa: E402

ZH = ts.TS_DIR / "torch_playground_zh_CN.ts"


@pytest.fixture(scope="module")
def entries():
    return ts.read_ts(ZH)


def test_no_unfinished_entry(entries):
    unfinished = [s for s, e in entries.items() if not e.finished]
    assert not unfinished, f"unfinished translations: {unfinished[:10]}"
    assert 'type="unfinished"' not in ZH.read_text(encoding="utf-8")


def test_every_string_in_the_code_is_in_the_ts(entries):
    missing = [s for s in ts.collect() if s not in entries]
    assert not missing, f"run `make update-translations` and translate: {missing[:10]}"


def test_extractor_finds_the_strings():
    strings = ts.collect()
    assert "Computed on {0}" in strings            # a tr() literal in widgets/
    assert "Activations & Losses" in strings       # an N_() marker
    assert "LeakyReLU" in strings                  # a catalog entry from app/


def test_placeholders_and_shortcuts_survive(entries):
    for source, entry in entries.items():
        assert sorted(re.findall(r"\{\d\}", source)) == sorted(re.findall(r"\{\d\}", entry.translation)), source
        if re.search(r"&\w", source):
            assert re.search(r"&\w", entry.translation), f"menu shortcut lost: {source}"


def test_translations_are_chinese(entries):
    words = [s for s in entries if re.search(r"[a-z]{3,} [a-z]{3,}", s)]   # real sentences, not names
    untranslated = [s for s in words if not re.search(r"[\u4e00-\u9fff]", entries[s].translation)]
    assert not untranslated, untranslated[:5]


def test_built_qm_loads_and_translates():
    qm = ZH.with_suffix(".qm")
    assert qm.exists(), "make translations builds it"
    assert qm.stat().st_mtime >= ZH.stat().st_mtime, "the .qm is older than its .ts: run make translations"
    translator = QTranslator()
    assert translator.load(str(qm))
    assert translator.translate(ts.CONTEXT, "Computed on {0}") == "计算设备：{0}"


def test_chinese_renders_as_characters_not_boxes(qapp):
    from PySide6.QtGui import QFontDatabase, QRawFont
    from PySide6.QtWidgets import QApplication

    assert QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese), "no CJK font installed"
    # The font Qt falls back to for Chinese in the UI font must hold the glyphs the panel uses.
    raw = QRawFont.fromFont(QApplication.font(), QFontDatabase.WritingSystem.SimplifiedChinese)
    assert all(raw.supportsCharacter(c) for c in "激活函数与损失梯度消失")
