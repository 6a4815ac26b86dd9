"""A faster ``__init__`` for the frozen dataclasses built once per cell.

``@dataclass(frozen=True)`` generates an ``__init__`` that stores each field
with ``object.__setattr__(self, name, value)`` (the class's own
``__setattr__`` refuses). A conversion builds a few thousand such objects
(a ``Provenance``, ``BoundingBox``, ``RawCell`` and core ``Cell`` per table
cell, a ``CellValue`` and ``CellSource`` per output cell), and those calls
are most of their cost. ``fast_init`` gives such a class an ``__init__``
with the same signature and defaults that stores the fields straight into
the instance's ``__dict__``: the object that comes out is the same (same
fields, equality, hash, repr; still frozen), only built in about half the
time. Classes it cannot treat so (``__slots__``, ``__post_init__``,
``default_factory``, ``InitVar``, keyword-only or non-init fields) are
refused, so the result is never a silently different object.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

T = TypeVar("T", bound=type)


def fast_init(cls: T) -> T:
    """Replace the generated ``__init__`` of frozen dataclass ``cls`` (see the module doc)."""
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen:
        raise TypeError(f"{cls.__name__} is not a frozen dataclass")
    if "__slots__" in cls.__dict__ or hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__}: __slots__ or __post_init__ need the generated __init__")
    names = list(cls.__dataclass_fields__)
    fields = dataclasses.fields(cls)
    if len(fields) != len(names):  # an InitVar or ClassVar pseudo-field
        raise TypeError(f"{cls.__name__}: pseudo-fields need the generated __init__")
    args, body, defaults = [], [], {}
    for f in fields:
        if not f.init or f.kw_only or f.default_factory is not dataclasses.MISSING:
            raise TypeError(f"{cls.__name__}.{f.name}: needs the generated __init__")
        if f.default is dataclasses.MISSING:
            args.append(f.name)
        else:
            defaults[f"_default_{f.name}"] = f.default
            args.append(f"{f.name}=_default_{f.name}")
        body.append(f"    d[{f.name!r}] = {f.name}")
    source = (f"def __init__(self, {', '.join(args)}):\n    d = self.__dict__\n" + "\n".join(body) + "\n")
    namespace: dict[str, Any] = {}
    exec(source, dict(defaults), namespace)  # noqa: S102 - code built from the class's own field names
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.__doc__ = cls.__init__.__doc__
    cls.__init__ = init  # type: ignore[misc]
    return cls
