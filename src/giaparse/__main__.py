"""``python -m giaparse`` is the ``giaparse`` command."""

from .cli import main

main()
