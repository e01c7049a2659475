"""Reading input: plain text, HTML pages and JSON Lines into ``{id, text, published, title, url}`` items."""

from .read import Rejected, read_input

__all__ = ["Rejected", "read_input"]
