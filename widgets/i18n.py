"""Run-time language switching through Qt's translator.

Every user-visible string is passed through `tr()` (one translation context, "app"), so
scripts/update_translations.py can collect them and tests/test_translations.py can check the
Chinese entry of each. Switching language installs a new QTranslator; Qt then sends every
widget a LanguageChange event, and each widget sets its texts again in `retranslate()`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

CONTEXT = "app"
TRANSLATIONS = Path(__file__).resolve().parent.parent / "resources" / "translations"
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}   # each shown in its own language

_translator: QTranslator | None = None


def tr(text: str) -> str:
    """Translate `text` into the current language (English source strings)."""
    return QCoreApplication.translate(CONTEXT, text)


def error_text(error: Exception) -> str:
    """A user-input error in the current language (app.errors.InputError carries its template)."""
    template = getattr(error, "template", None)
    if template is not None:
        return tr(template).format(**error.values)
    return str(error).splitlines()[0] if str(error) else type(error).__name__


def N_(text: str) -> str:
    """Mark a string for translation where it is defined; translate it with tr() where it is shown."""
    return text


def qm_path(code: str) -> Path:
    return TRANSLATIONS / f"torch_playground_{code}.qm"


def set_language(code: str) -> str:
    """Install the translator for `code`; returns the language actually in force."""
    global _translator
    app = QCoreApplication.instance()
    if _translator is not None:
        app.removeTranslator(_translator)
        _translator.deleteLater()   # one translator alive at a time, however often users switch
        _translator = None
    if code not in LANGUAGES or code == "en":
        return "en"
    translator = QTranslator(app)
    if not translator.load(str(qm_path(code))):
        translator.deleteLater()
        return "en"   # .qm not built: English rather than a half-translated window
    app.installTranslator(translator)
    _translator = translator
    return code
