from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wtdiff.jsontext import dumps

_SCALARS = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True)
            | st.text())
_KEYS = st.text() | st.integers() | st.booleans() | st.none() | st.floats(allow_nan=False)
_DATA = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
                     | st.dictionaries(_KEYS, inner, max_size=4), max_leaves=30)


@settings(max_examples=300, deadline=None)
@given(data=_DATA)
def test_the_text_is_the_standard_librarys_indented_json(data):
    """Any JSON-like data — nested lists, tuples and dicts, keys of every type the standard library
    accepts, any string, NaN and the infinities — is written character for character as
    ``json.dumps(data, ensure_ascii=False, indent=2)`` writes it."""
    assert dumps(data) == json.dumps(data, ensure_ascii=False, indent=2)


def test_what_the_standard_library_refuses_is_refused():
    with pytest.raises(TypeError):
        dumps({"a": {1, 2}})
    with pytest.raises(TypeError):
        dumps({(1, 2): "a tuple key"})
