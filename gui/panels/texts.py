"""A panel's title and explanation: the demo's, the program's, or the replay's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gui import i18n
from gui.i18n import tr

if TYPE_CHECKING:
    from gui.panels.concept import ConceptPanel


def show_texts(panel: ConceptPanel) -> None:
    """The panel's title and explanation, in the current language."""
    demo, program = panel.demo, panel.program
    if panel.replayer.active:
        recording = panel.replayer.replay.recording
        panel.title.setText(tr("Replay: {0}").format(recording.program))
        said = " ".join([recording.program, *recording.args])
        method = recording.start_method or tr("default")
        panel.explanation.setText(tr(
            "Recorded {0}: {1} (start method: {2}). A replay starts no process: drag the "
            "slider, press ▶ Play, or step through it with ← and →."
        ).format(recording.recorded[:16].replace("T", " ") or "?", said, method))  # fmt: skip
        return
    if demo is not None and not panel.live:  # the program in the class's language
        wanted = demo.path_in(i18n.current())
        if wanted != program:
            panel.session.program = wanted
            panel.code.show_file(str(wanted))
    if demo is not None:
        zh = i18n.chinese()
        panel.title.setText(demo.title_zh if zh else demo.title)
        panel.explanation.setText(demo.explanation_zh if zh else demo.explanation)
    elif program is not None:
        panel.title.setText(program.name)
        panel.explanation.setText(str(program))
    else:
        panel.title.setText(tr("Your program"))
        panel.explanation.setText(tr(
            "Open any Python file (or drop it on the window) and run it: every process it "
            "creates gets a lane."
        ))  # fmt: skip
