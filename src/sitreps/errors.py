"""Errors raised by sitreps, each with a code and a message that says what to do.

    SitrepsError                    base of everything sitreps raises on purpose
    ├── ConfigError      [S0xx]     a setting, a model or a pipeline that cannot be built
    │   ├── PipelineError           a stage whose requirements no earlier stage assigns
    │   └── ContractError    [S008] a stage that reads or writes a context slot it does not declare
    ├── InputError       [S1xx]     input that cannot be read: empty, binary, bad date, too large,
    │                               unreadable file (S114), lone surrogate (S115), a field of the wrong type (S116)
    │   └── SourceError  [S6xx]     an ingest source: a URL, feed or WARC file that cannot be read
    ├── GazetteerError   [S2xx]     a missing, corrupt or half-written gazetteer or GeoNames file
    ├── StageError       [S3xx]     a stage failed on one document (the batch goes on)
    │   ├── BudgetError  [S301]     the document took longer than ``max_seconds``
    │   └── ParseError   [S302]     spaCy could not parse the document
    ├── EvaluationError  [S4xx]     a data set that is missing or not laid out as expected
    ├── StoreError       [S5xx]     the event store: cannot open, locked, disk full, bad URL
    ├── BatchError       [S7xx]     a batch run: its output folder, its cluster, a partition it lost
    └── ApiError         [S8xx]     an HTTP request the API refuses: bad parameter, cursor, token, body

The CLI turns any of these into one line ``error: [S101] …`` and a non-zero exit; tracebacks
only with ``--debug``. In a batch, a document's error (S999, an unexpected bug, included) becomes
that document's failure row and the batch goes on. Library code raises, it never prints or exits.
"""

from __future__ import annotations


class SitrepsError(Exception):
    code = "S000"

    def __init__(self, message: str, code: str | None = None):
        if code:
            self.code = code
        super().__init__(message)

    def __str__(self) -> str:
        return f"[{self.code}] {self.args[0]}"


class ConfigError(SitrepsError):
    code = "S001"


class PipelineError(ConfigError):
    code = "S002"


class ContractError(ConfigError):
    """A stage touched a context slot it does not declare: a bug in the stage, not in the input."""

    code = "S008"


class InputError(SitrepsError):
    code = "S100"


class GazetteerError(SitrepsError):
    code = "S200"


class StageError(SitrepsError):
    code = "S300"

    def __init__(self, message: str, stage: str, code: str | None = None):
        self.stage = stage
        super().__init__(f"stage {stage!r}: {message}", code)


class BudgetError(StageError):
    code = "S301"


class ParseError(StageError):
    code = "S302"

    def __init__(self, message: str, code: str | None = None):
        super().__init__(message, "parse", code)


class EvaluationError(SitrepsError):
    code = "S400"


class StoreError(SitrepsError):
    code = "S500"


class SourceError(InputError):
    """A URL, feed or archive that cannot be read; stored as a failure of that input."""

    code = "S600"


class BatchError(SitrepsError):
    code = "S700"


class ApiError(SitrepsError):
    """A request ``sitreps serve`` refuses; ``status`` is the HTTP status, ``field`` the parameter at fault."""

    code = "S800"

    def __init__(self, message: str, code: str | None = None, status: int = 400, field: str | None = None):
        self.status = status
        self.field = field
        super().__init__(message, code)
