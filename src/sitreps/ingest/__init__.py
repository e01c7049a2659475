"""Reading input: plain text, HTML pages and JSON Lines into ``{id, text, published, title, url}`` items."""

from .read import read_input

__all__ = ["read_input"]
