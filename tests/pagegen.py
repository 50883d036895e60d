"""The page typesetter the tests use lives with the evaluation harness."""

from wtdiff.eval.pages import *  # noqa: F401,F403
from wtdiff.eval.pages import Typesetter, layout_text, typeset, write_pdf  # noqa: F401
