"""Two languages, English and Simplified Chinese, through Qt's translation system.

Strings are written in English and passed through ``tr()``; the Chinese comes from
``resources/i18n/procscope_zh_CN.ts``, compiled to a ``.qm`` with Qt's lrelease the first
time it is needed (into the user's cache, never committed). Demo texts come from the demo
registry's own English and Chinese fields. Switching installs the translator and sends every
widget a LanguageChange event; widgets re-set their texts in ``retranslate()``.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QStandardPaths, QTranslator

I18N = Path(__file__).resolve().parent.parent / "resources" / "i18n"
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
CONTEXT = "procscope"

_translator: QTranslator | None = None
_qt: QTranslator | None = None  # Qt's own texts
_current = "en"


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def current() -> str:
    return _current


def chinese() -> bool:
    return _current == "zh_CN"


def system_language() -> str:
    return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def _compiled(code: str) -> Path | None:
    """The .qm for CODE, built from its .ts when missing or older; None if impossible."""
    source = I18N / f"procscope_{code}.ts"
    if not source.exists():
        return None
    cache = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation))
    target = cache / "i18n" / f"procscope_{code}.qm"
    if target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
        return target
    import PySide6

    lrelease = Path(PySide6.__file__).parent / "lrelease"
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run([str(lrelease), "-silent", str(source), "-qm", str(target)],
                       check=True, capture_output=True, timeout=60)  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None
    return target


def _qt_translator(app, code: str) -> QTranslator | None:
    """Qt's own texts (file dialogs, message boxes: OK, Cancel, Open...) in CODE: PySide6
    ships them as qtbase_CODE.qm."""
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    return translator if translator.load(f"qtbase_{code}", folder) else None


def set_language(code: str) -> bool:
    """Switch the interface to CODE ("en" or "zh_CN"); False if its translation is missing."""
    global _translator, _qt, _current
    app = QCoreApplication.instance()
    for installed in (_translator, _qt):
        if installed is not None:
            app.removeTranslator(installed)
    _translator = _qt = None
    if code != "en":
        qm = _compiled(code)
        translator = QTranslator(app)
        if qm is None or not translator.load(str(qm)):
            _current = "en"
            return False
        app.installTranslator(translator)
        _translator = translator
        _qt = _qt_translator(app, code)
        if _qt is not None:
            app.installTranslator(_qt)
    _current = code
    return True


def process_label(proc) -> str:
    """A process's name on screen, in the current language: a raw fork child still calls
    itself MainProcess, and multiprocessing's helpers are named by their role."""
    if proc.role == "fork":
        return tr("fork of {0}").format(proc.ppid)
    return tr(proc.role) if proc.helper else proc.name


# Messages made in workers/ (no Qt there, so English), as the window shows them: each
# pattern's groups fill the translated text's placeholders in order.
_FROM_WORKERS = (
    (r"no such file: (.+)", "no such file: {0}"),
    (r"(.+) is a folder, not a Python program", "{0} is a folder, not a Python program"),
    (r"(.+) is not a regular file, not a Python program",
     "{0} is not a regular file, not a Python program"),
    (r"cannot read (.+?): (.+)", "cannot read {0}: {1}"),
    (r"(.+) is not valid Python \(line (\d+): (.+)\)", "{0} is not valid Python (line {1}: {2})"),
    (r"(.+) is not a Python program", "{0} is not a Python program"),
    (r"(\w+) must be (.+), not (.+)", "{0} must be {1}, not {2}"),
)  # fmt: skip


def say(message: str) -> str:
    """MESSAGE, from workers/, in the interface's language when it is one we know."""
    for pattern, text in _FROM_WORKERS:
        match = re.fullmatch(pattern, message, re.S)
        if match:
            return tr(text).format(*match.groups())
    return message
