"""``python -m wtdiff`` runs the command line."""

from .cli import main

main(prog_name="wtdiff")
