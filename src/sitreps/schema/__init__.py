"""The JSON Schema of the ``sitreps/1`` record, and validation against it."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from ..errors import SitrepsError


class SchemaError(SitrepsError):
    code = "S010"


@lru_cache(maxsize=1)
def record_schema() -> dict[str, Any]:
    return json.loads(resources.files(__name__).joinpath("record.schema.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def _validator() -> Any:
    import jsonschema

    return jsonschema.Draft202012Validator(record_schema(), format_checker=jsonschema.FormatChecker())


def validation_errors(record: dict[str, Any]) -> list[str]:
    """Every way ``record`` breaks the schema, plus every span whose text is not ``text[start:end]``."""
    errors = [f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}" for e in _validator().iter_errors(record)]
    text = record.get("document", {}).get("text")
    if isinstance(text, str):
        from ..record import _walk_spans

        for path, value, start, end in _walk_spans(record, ""):
            if not (0 <= start <= end <= len(text)) or text[start:end] != value:
                errors.append(f"{path}: evidence {value!r} is not text[{start}:{end}] ({text[start:end]!r})")
    return errors


def validate(record: dict[str, Any]) -> None:
    errors = validation_errors(record)
    if errors:
        raise SchemaError("record does not match sitreps/1: " + "; ".join(errors[:5]))
