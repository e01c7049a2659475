"""The HTTP API of ``sitreps serve`` (FastAPI): the store's events, incidents and statistics,
exports, document submission, and the dashboard's static files. See docs/api.md.

    app = create_app("sitreps.db", token=os.environ.get("SITREPS_API_TOKEN"))
"""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
