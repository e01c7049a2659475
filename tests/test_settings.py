"""Settings: one commented default file, every key documented, typed per-stage tables, unknown
keys refused with the closest valid key named, environment overrides."""

from __future__ import annotations

import re
import tomllib

import pytest

from sitreps import Extractor
from sitreps.errors import ConfigError
from sitreps.pipeline import BUILTIN_STAGES, stage_class
from sitreps.settings import KEYS, TABLES, default_toml, load_settings


def _documented(lines: list[str], key: str, start: int = 0) -> bool:
    idx = next((i for i in range(start, len(lines)) if re.match(rf"{key}\s*=", lines[i])), None)
    return idx is not None and lines[idx - 1].startswith("#")


def test_every_setting_is_documented_in_default_toml():
    lines = default_toml().splitlines()
    for key in KEYS:
        if key != "stages":
            assert _documented(lines, key), f"{key} missing from default.toml or has no comment above it"
    assert _documented(lines, "order", lines.index("[stages]")), "the stage order is not documented"
    for name in BUILTIN_STAGES:
        model = stage_class(name).Options
        for key in (model.model_fields if model else ()):
            header = f"[stages.{name}]"
            assert header in lines, f"{header} missing from default.toml"
            assert _documented(lines, key, lines.index(header)), f"[stages.{name}] {key} is not documented"


def test_every_default_toml_key_is_a_setting():
    from dataclasses import fields

    from sitreps.merge import MergeSettings

    data = tomllib.loads(default_toml())
    stages = data.pop("stages")
    components = {"merge": MergeSettings}  # [table] -> the typed settings it is read into
    assert set(components) == set(TABLES)
    for name, cls in components.items():
        assert set(data.pop(name)) <= {f.name for f in fields(cls)}, name
    assert set(data) <= set(KEYS)
    for name, table in stages.items():
        if name == "order":
            continue
        model = stage_class(name).Options
        assert model is not None and set(table) <= set(model.model_fields), name


def test_every_component_setting_is_documented_in_default_toml():
    from dataclasses import fields

    from sitreps.merge import MergeSettings

    lines = default_toml().splitlines()
    for f in fields(MergeSettings):
        assert _documented(lines, f.name, lines.index("[merge]")), f"[merge] {f.name} is not documented"


def test_a_component_table_is_checked_by_its_component(tmp_path):
    from sitreps.merge.config import load_merge_settings

    cfg = tmp_path / "c.toml"
    cfg.write_text("[merge]\nthreshhold = 0.7\n")
    with pytest.raises(ConfigError, match="threshold"):
        load_merge_settings(load_settings(cfg))
    cfg.write_text("[merge]\nthreshold = 0.7\n")
    assert load_merge_settings(load_settings(cfg)).threshold == 0.7


def test_environment_overrides_defaults():
    s = load_settings(env={"SITREPS_MAX_CHARS": "1000", "SITREPS_STAGES": "entities,numbers"})
    assert s.max_chars == 1000 and s.stages == ("entities", "numbers")


def test_config_file_overrides(tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text("batch_size = 4\nmin_confidence = 0.3\n[stages.locations]\nlookback = 1\n")
    s = load_settings(cfg, env={})
    assert s.batch_size == 4 and s.min_confidence == 0.3
    assert s.stage_tables["locations"]["lookback"] == 1 and s.stage_tables["quotes"]["min_indirect_chars"] == 12
    assert s.stages == load_settings(env={}).stages  # a file without an order keeps the default one


def test_a_list_of_stages_still_sets_the_order(tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text('stages = ["entities", "numbers"]\n')
    assert load_settings(cfg, env={}).stages == ("entities", "numbers")


def test_bad_values_say_which_setting(tmp_path):
    with pytest.raises(ConfigError, match="max_chars"):
        load_settings(env={"SITREPS_MAX_CHARS": "lots"})
    bad = tmp_path / "bad.toml"
    bad.write_text("batch_size = [")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(bad, env={})
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "nope.toml", env={})


def test_an_unknown_top_level_key_names_the_closest(tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text('stagse = ["entities"]\n')
    with pytest.raises(ConfigError, match=r"\[S009\] unknown setting 'stagse'.*Did you mean 'stages'\?"):
        load_settings(cfg, env={})


@pytest.mark.parametrize("table, message", [
    ("[stages.locations]\nlookbak = 2\n", r"\[S009\] unknown setting 'lookbak' in \[stages.locations\]. Did you mean 'lookback'\?"),
    ("[stages.plases]\nlookback = 2\n", r"\[S009\] \[stages.plases\] is no stage. Did you mean 'places'\?"),
    ("[stages.locations]\nlookback = \"far\"\n", r"\[S003\] setting 'lookback' in \[stages.locations\]"),
    ("[stages.locations]\nlookback = -1\n", r"\[S003\] setting 'lookback' in \[stages.locations\]"),
    ("[stages.times]\nwindow = 2\n", r"\[S009\] \[stages.times\] sets 'window', but stage 'times' takes no settings"),
])
def test_a_bad_stage_table_is_refused_when_the_pipeline_is_built(tmp_path, extractor, table, message):
    cfg = tmp_path / "c.toml"
    cfg.write_text(table)
    with pytest.raises(ConfigError, match=message):
        Extractor(load_settings(cfg, env={}), nlp=extractor.nlp)


def test_a_stage_setting_changes_what_the_stage_does(tmp_path, extractor):
    text = "The village was quiet on Sunday.\n“We have nothing left to eat here.”\n"
    quoted = "We have nothing left to eat here."
    assert [q.text for q in extractor(text).quotes] == [quoted]
    cfg = tmp_path / "c.toml"
    cfg.write_text("[stages.quotes]\nmin_unattributed_words = 10\n")
    strict = Extractor(load_settings(cfg, env={}), nlp=extractor.nlp)
    assert strict.stages[-1].options.min_unattributed_words == 10
    assert strict(text).quotes == []
