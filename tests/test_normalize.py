from wtdiff.normalize import clean, fold, words


def test_clean_keeps_what_the_reader_sees_but_drops_artefacts():
    raw = "multi-\u00adagency  work\u00a0with \ufb01nance\n\tteams\u200b"
    assert clean(raw) == "multi-agency work with finance teams"


def test_clean_maps_word_symbol_bullets_and_drops_control_characters():
    assert clean("\uf0b7 item\x07") == "• item"


def test_fold_ignores_typography_only():
    assert fold("the child\u2019s \u201cvoice\u201d \u2013 heard") == "the child's \"voice\" - heard"
    assert fold("Non\u2011stigmatising") == "Non-stigmatising"
    assert fold("Must") != fold("must")  # case is kept: it can matter in guidance


def test_words_are_lowercase_and_keep_compounds():
    assert words("Multi-agency working, the child\u2019s plan") == ["multi-agency", "working", "the", "child's", "plan"]
