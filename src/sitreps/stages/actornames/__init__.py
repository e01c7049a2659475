"""Names of actors: countries, demonyms and capitals (:mod:`.countries`) and kinds of actor by
head word or group name (:mod:`.kinds`), used by :mod:`sitreps.stages.actors`."""

from .countries import CountryTable
from .kinds import actor_kind, armed_group_in, armed_group_name

__all__ = ["CountryTable", "actor_kind", "armed_group_in", "armed_group_name"]
