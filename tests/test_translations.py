"""Every text the window puts through tr() has its Chinese translation (issue 14)."""

from __future__ import annotations

import ast
import html
import re

from tests.helpers import ROOT

_TR_CALL = re.compile(r'\btr\(\s*((?:"(?:[^"\\]|\\.)*"\s*)+)\)')
_LITERAL = re.compile(r'"((?:[^"\\]|\\.)*)"')


def _translated() -> dict[str, str]:
    ts = (ROOT / "resources" / "i18n" / "procscope_zh_CN.ts").read_text(encoding="utf-8")
    pairs = re.findall(r"<source>(.*?)</source>\s*<translation>(.*?)</translation>", ts, re.S)
    return {html.unescape(source): html.unescape(target) for source, target in pairs}


def _texts_in_tr_calls() -> set[tuple[str, str]]:
    found = set()
    for path in (ROOT / "gui").rglob("*.py"):
        for call in _TR_CALL.finditer(path.read_text(encoding="utf-8")):
            parts = _LITERAL.findall(call.group(1))
            found.add((path.name, "".join(ast.literal_eval(f'"{part}"') for part in parts)))
    return found


def test_every_tr_text_has_a_chinese_translation():
    translated = _translated()
    texts = _texts_in_tr_calls()
    assert len(texts) > 60  # the scan finds the window's texts
    missing = sorted(f"{name}: {text}" for name, text in texts if not translated.get(text))
    assert not missing


def test_a_translation_keeps_every_placeholder():
    for source, target in _translated().items():
        assert sorted(re.findall(r"\{\d\}", source)) == sorted(re.findall(r"\{\d\}", target)), (
            source
        )


def test_qt_s_own_dialog_texts_follow_the_language(qtbot):
    from PySide6.QtCore import QCoreApplication

    from gui import i18n
    from gui.app import create_app

    create_app()
    try:
        assert i18n.set_language("zh_CN")
        cancel = QCoreApplication.translate("QPlatformTheme", "Cancel")
        assert cancel != "Cancel" and any("\u4e00" <= ch <= "\u9fff" for ch in cancel)
    finally:
        i18n.set_language("en")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
