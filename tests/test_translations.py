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


# ASCII-only texts a Chinese window may show: Python's own names and a language's own name.
_CODE_LIKE = re.compile(
    r"^(fork|forkserver|spawn|English|sleep ×\d+|pid|CPU %|Process|Pool|Queue)$"
)


def test_no_english_text_is_left_in_any_panel_in_chinese(qtbot):
    """Every panel built, in Chinese: every label, button, tab, list item, header, menu and
    tooltip that has words has Chinese in it (or is Python's own name for something)."""
    from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QComboBox,
        QLabel,
        QMenu,
        QTabWidget,  # fmt: skip
        QTreeWidget,
        QWidget,
    )

    from gui.app import create_app
    from gui.settings import Settings
    from gui.window import YOUR_PROGRAM, MainWindow
    from workers.demos import registry

    create_app()
    Settings()._store.clear()
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.set_language("zh_CN")
    try:
        for key in [d.id for d in registry.all_demos()] + [YOUR_PROGRAM]:
            window.show_concept(key)
        texts: set[tuple[str, str]] = set()
        for widget in window.findChildren(QWidget):
            if isinstance(widget, (QLabel, QAbstractButton)):
                texts.add((type(widget).__name__, widget.text()))
            if isinstance(widget, QComboBox):
                texts.update(("item", widget.itemText(i)) for i in range(widget.count()))
            if isinstance(widget, QTabWidget):
                texts.update(("tab", widget.tabText(i)) for i in range(widget.count()))
            model = (
                QAbstractItemView.model(widget) if isinstance(widget, QAbstractItemView) else None
            )
            if model is not None and not isinstance(model, QAbstractListModel):
                columns = model.columnCount(QModelIndex())  # (a list model has one, unnamed)
                texts.update(("header", str(model.headerData(c, Qt.Orientation.Horizontal)))
                             for c in range(columns))  # fmt: skip
            if isinstance(widget, QTreeWidget):
                for i in range(widget.topLevelItemCount()):
                    item = widget.topLevelItem(i)
                    texts.add(("group", item.text(0)))
                    texts.update(("concept", item.child(j).text(0))
                                 for j in range(item.childCount()))  # fmt: skip
            texts.add(("tooltip", widget.toolTip()))
        for menu in window.findChildren(QMenu):
            texts.add(("menu", menu.title()))
            texts.update(("action", action.text()) for action in menu.actions())
        english = sorted(
            f"{kind}: {text}" for kind, text in texts
            if re.search(r"[A-Za-z]{3,}", text) and not re.search(r"[\u4e00-\u9fff]", text)
            and not _CODE_LIKE.match(text) and text != "None"
        )  # fmt: skip
        assert not english
    finally:
        window.set_language("en")
