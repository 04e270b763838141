"""The application object: name, organisation, icon and look, created in one place."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def app_icon() -> QIcon:
    icon = QIcon()
    for png in sorted((RESOURCES / "icons").glob("procscope-*.png")):
        icon.addFile(str(png))
    svg = RESOURCES / "procscope.svg"
    if svg.exists():
        icon.addFile(str(svg))
    return icon


def create_app(argv: list[str] | None = None) -> QApplication:
    """The one QApplication (made on first call), with pyqtgraph set for a white page."""
    import pyqtgraph as pg

    pg.setConfigOptions(antialias=True, background="w", foreground="#222222")
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
        app.setApplicationName("procscope")
        app.setApplicationDisplayName("procscope")
        app.setOrganizationName("procscope")
        app.setDesktopFileName("procscope")
        app.setWindowIcon(app_icon())
    return app


def run_window(program: str | None = None) -> int:
    """Open the main window (with PROGRAM loaded, if given) and run until it closes."""
    app = create_app()
    from gui.window import MainWindow

    window = MainWindow()
    if program:
        window.open_program(program)
    window.show()
    return app.exec()
