"""What procscope remembers between sessions (QSettings): zoom, theme, limits, and each
demo's last parameters."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from workers.run import DEFAULT_MAX_PROCESSES

DEFAULT_TIME_LIMIT = 600.0  # seconds; a program that never ends is stopped by then
ZOOM_STEPS = (0.8, 0.9, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0, 2.5)


class Settings:
    def __init__(self) -> None:
        self._store = QSettings("procscope", "procscope")

    def _get(self, key: str, default, kind):
        value = self._store.value(key, default)
        try:
            return kind(value)
        except (TypeError, ValueError):
            return default

    @property
    def zoom(self) -> float:
        return self._get("view/zoom", 1.0, float)

    @zoom.setter
    def zoom(self, value: float) -> None:
        self._store.setValue("view/zoom", value)

    @property
    def theme(self) -> str:
        return self._get("view/theme", "light", str)

    @theme.setter
    def theme(self, value: str) -> None:
        self._store.setValue("view/theme", value)

    @property
    def language(self) -> str:
        return self._get("view/language", "", str)

    @language.setter
    def language(self, value: str) -> None:
        self._store.setValue("view/language", value)

    @property
    def max_processes(self) -> int:
        return self._get("limits/max_processes", DEFAULT_MAX_PROCESSES, int)

    @max_processes.setter
    def max_processes(self, value: int) -> None:
        self._store.setValue("limits/max_processes", value)

    @property
    def time_limit(self) -> float:
        return self._get("limits/time_limit", DEFAULT_TIME_LIMIT, float)

    @time_limit.setter
    def time_limit(self, value: float) -> None:
        self._store.setValue("limits/time_limit", value)

    def clear(self) -> None:
        self._store.clear()

    def value(self, key: str):
        return self._store.value(key)

    def set_value(self, key: str, value) -> None:
        self._store.setValue(key, value)

    def parameters(self, demo_id: str) -> dict[str, str]:
        self._store.beginGroup(f"parameters/{demo_id}")
        try:
            return {key: str(self._store.value(key)) for key in self._store.childKeys()}
        finally:
            self._store.endGroup()

    def set_parameters(self, demo_id: str, values: dict[str, str]) -> None:
        self._store.beginGroup(f"parameters/{demo_id}")
        for key, value in values.items():
            self._store.setValue(key, value)
        self._store.endGroup()
