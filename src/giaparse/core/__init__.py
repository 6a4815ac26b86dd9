"""The shared table-reconstruction core: raw grids → aligned tables.

Every reader's ``RawGrid`` goes through the same chain (``reconstruct``):
clean cell text → place cells on a dense grid (``grid``) → split header and
body rows into segments → value columns with header paths, body rows with
label paths (``align``). Template-free: it knows Chinese outline numbering
and what a number looks like, nothing about the annual-report template.
"""

from .align import AlignedRow, AlignedTable, Column, Segment
from .reconstruct import reconstruct

__all__ = ["reconstruct", "AlignedTable", "Segment", "Column", "AlignedRow"]
