"""``python -m flows.cli``: the same as the ``newsdistill`` command."""

from flows.cli import main

main()
