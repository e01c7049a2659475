"""Settings: one commented default file, every key documented, environment overrides."""

from __future__ import annotations

import re
from dataclasses import fields

import pytest

from sitreps.errors import ConfigError
from sitreps.settings import Settings, default_toml, load_settings


def test_every_setting_is_documented_in_default_toml():
    text = default_toml()
    lines = text.splitlines()
    for f in fields(Settings):
        if f.name == "extra":
            continue
        idx = next((i for i, line in enumerate(lines) if re.match(rf"{f.name}\s*=", line)), None)
        assert idx is not None, f"{f.name} missing from default.toml"
        assert lines[idx - 1].startswith("#"), f"{f.name} has no comment above it in default.toml"


def test_every_default_toml_key_is_a_setting():
    from sitreps.merge import MergeSettings

    tables = {"": Settings, "merge": MergeSettings}  # [table] -> the typed settings it is read into
    table = ""
    lines = default_toml().splitlines()
    for i, line in enumerate(lines):
        if t := re.match(r"^\[(\w+)\]", line):
            table = t.group(1)
            assert table in tables, f"[{table}] is read by no typed settings"
        elif m := re.match(r"^(\w+)\s*=", line):
            assert m.group(1) in {f.name for f in fields(tables[table])}, f"{m.group(1)} in [{table}] is not a setting"
            assert lines[i - 1].startswith("#"), f"{m.group(1)} has no comment above it in default.toml"


def test_environment_overrides_defaults():
    s = load_settings(env={"SITREPS_MAX_CHARS": "1000", "SITREPS_STAGES": "entities,numbers"})
    assert s.max_chars == 1000 and s.stages == ("entities", "numbers")


def test_config_file_overrides(tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text("batch_size = 4\nmin_confidence = 0.3\n")
    s = load_settings(cfg, env={})
    assert s.batch_size == 4 and s.min_confidence == 0.3


def test_bad_values_say_which_setting(tmp_path):
    with pytest.raises(ConfigError, match="max_chars"):
        load_settings(env={"SITREPS_MAX_CHARS": "lots"})
    bad = tmp_path / "bad.toml"
    bad.write_text("batch_size = [")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(bad, env={})
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "nope.toml", env={})
