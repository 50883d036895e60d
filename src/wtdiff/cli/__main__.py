"""``python -m wtdiff.cli``: the ``wtdiff`` command."""

import sys

from . import main

sys.exit(main(prog_name="wtdiff"))  # pragma: no cover
