"""sitreps: conflict news in, structured and sourced event data (``sitreps/1`` records) out.

    >>> import sitreps
    >>> record = sitreps.extract(text, published="2024-06-01")
    >>> record.events[0].fatalities.value
"""

from __future__ import annotations

from .version import __version__

from .errors import SitrepsError
from .pipeline import Extractor, Failure, extract
from .record import Record
from .settings import Settings, load_settings

__all__ = ["Extractor", "Failure", "Record", "Settings", "SitrepsError", "extract", "load_settings", "__version__"]
