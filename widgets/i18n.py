"""Run-time language switching through Qt's translator.

Every user-visible string is passed through `tr()` (one translation context, "app"), so
scripts/update_translations.py can collect them and tests/test_translations.py can check the
Chinese entry of each. Switching language installs a new QTranslator; Qt then sends every
widget a LanguageChange event, and each widget sets its texts again in `retranslate()`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

CONTEXT = "app"
TRANSLATIONS = Path(__file__).resolve().parent.parent / "resources" / "translations"
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}   # each shown in its own language

_translators: list[QTranslator] = []   # ours and Qt's own (dialog buttons, text-field menus)


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
    """Install the translators for `code`; returns the language actually in force."""
    app = QCoreApplication.instance()
    for old in _translators:   # one set alive at a time, however often users switch
        app.removeTranslator(old)
        old.deleteLater()
    _translators.clear()
    if code not in LANGUAGES or code == "en":
        return "en"
    ours = QTranslator(app)
    if not ours.load(str(qm_path(code))):
        ours.deleteLater()
        return "en"   # .qm not built: English rather than a half-translated window
    qt_own = QTranslator(app)
    if qt_own.load(f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        _translators.append(qt_own)
    else:
        qt_own.deleteLater()
    _translators.append(ours)
    for translator in _translators:
        app.installTranslator(translator)
    return code
