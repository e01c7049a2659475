"""The ``actors`` stage (:mod:`.stage`) and the names of actors it reads: countries, demonyms and
capitals (:mod:`.countries`) and kinds of actor by head word or group name (:mod:`.kinds`)."""

from .countries import CountryTable
from .kinds import actor_kind, armed_group_in, armed_group_name
from .stage import ActorsStage, DocActors

__all__ = ["ActorsStage", "CountryTable", "DocActors", "actor_kind", "armed_group_in", "armed_group_name"]
