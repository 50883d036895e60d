"""The duties register: who must, should or may do what, where, on what legal basis — and what
changed for whom. Fixtures are paragraphs written for these tests in the style of the guidance."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from wtdiff import parse
from wtdiff.cli import main
from wtdiff.duties import compare_duties, extract, load_vocabulary
from wtdiff.duties.audience import comparison_for, register_for
from wtdiff.duties.extract import legal_basis, sentences
from wtdiff.duties.render import render_diff, render_register
from wtdiff.errors import InputError, UsageError
from wtdiff.model import Block, Document, Section


def para(pid: str, text: str, number: str | None = None, *, page: int | None = None,
         notes: tuple[Block, ...] = ()) -> Block:
    return Block(id=pid, kind="paragraph", text=text, number=number, page=page, notes=notes)


def item(pid: str, text: str, level: int = 0, page: int | None = None) -> Block:
    return Block(id=pid, kind="list-item", text=text, level=level, page=page)


def doc(*blocks: Block, title: str = "Test edition", heading: str = "Responsibilities") -> Document:
    path = (heading,)
    return Document(title=title, children=(Section(id="s1", title=heading, path=path,
                                                   children=tuple(replace(b, path=path) for b in blocks)),))


def duties_of(*blocks: Block):
    return extract(doc(*blocks)).duties


# --- one edition -----------------------------------------------------------------------------

def test_a_duty_has_its_actor_strength_action_and_place() -> None:
    d, = duties_of(para("p7", "Local authorities must publish a local offer of early help.", "7", page=12))
    assert (d.strength, d.form, d.actors) == ("must", "must", ("local-authority",))
    assert d.action == "publish a local offer of early help"
    assert (d.place.number, d.place.page, d.place.label) == ("7", 12, "paragraph 7, page 12")


def test_they_and_their_resolve_to_the_actor_before_them_in_the_paragraph() -> None:
    first, second = duties_of(para("p1", "Health practitioners should record every concern. "
                                         "They should also tell the designated safeguarding lead."))
    assert second.actors == ("icb-and-health",)
    assert first.actors == second.actors


def test_a_list_of_actors_gives_the_duty_to_each() -> None:
    d, = duties_of(para("p1", "The police, health services and the local authority should agree a plan."))
    assert d.actors == ("police", "icb-and-health", "local-authority")


def test_list_items_inherit_the_lead_ins_modal_and_actor() -> None:
    found = duties_of(para("p9", "Safeguarding partners should:", "9", page=3),
                      item("p9.li1", "publish their arrangements;", page=3),
                      item("p9.li2", "review them every year.", page=4))
    assert [(d.strength, d.actors, d.place.item, d.place.number) for d in found[1:]] == [
        ("should", ("safeguarding-partners",), "1", "9"), ("should", ("safeguarding-partners",), "2", "9")]
    assert found[2].action == "review them every year"
    assert found[2].context == "Safeguarding partners should review them every year."
    assert found[2].place.label == "paragraph 9(2), page 4"


def test_items_under_a_lead_in_without_a_duty_are_not_duties() -> None:
    found = duties_of(para("p2", "Examples of early help include:"), item("p2.li1", "parenting support;"))
    assert found == ()


def test_may_and_will_are_duties_only_of_an_actor() -> None:
    found = duties_of(para("p1", "Children may be at risk at any age. The plan will help. "
                                 "The local authority may delegate this function. "
                                 "The police will attend every strategy discussion."))
    assert [(d.strength, d.actors) for d in found] == [("may", ("local-authority",)), ("will", ("police",))]


def test_a_passive_takes_its_agent_or_no_one() -> None:
    agent, nobody = duties_of(para("p1", "The plan should be agreed by the lead safeguarding partners. "
                                         "The police should be informed at once."))
    assert agent.actors == ("lead-safeguarding-partners",)
    assert nobody.actors == ("unspecified",)


def test_quoted_modals_and_negated_needs_are_not_duties() -> None:
    assert duties_of(para("p1", "We use \u201cmust\u201d where a person is legally required to act. "
                                "Practitioners do not need to seek consent to discuss a concern.")) == ()


def test_negative_forms_have_their_own_strength() -> None:
    found = duties_of(para("p1", "Staff should never promise to keep a secret. Schools must not charge for this."))
    assert [(d.strength, d.actors) for d in found] == [("should not", ("staff",)),
                                                      ("must not", ("schools-and-colleges",))]


def test_legal_basis_from_the_sentence_the_paragraph_or_its_footnotes() -> None:
    note = Block(id="p1.fn1", kind="footnote", text="Children Act 2004 Section 11(2).", number="1")
    d1, d2 = duties_of(para("p1", "Under section 10 of the Children Act 2004, local authorities must co-operate "
                                  "with their partners. Integrated care boards should take part.", notes=(note,)))
    assert d1.basis == ("section 10 of the Children Act 2004", "section 11(2) of the Children Act 2004")
    assert d2.basis == ("section 10 of the Children Act 2004", "section 11(2) of the Children Act 2004")


def test_legal_basis_normalises_both_ways_of_citing() -> None:
    assert legal_basis("Education Act 2002 Section 175") == ["section 175 of the Education Act 2002"]
    assert legal_basis("See the Children Act 1989 and sections 16G and 16H of the Children Act 2004.") == [
        "Children Act 1989", "sections 16G and 16H of the Children Act 2004"]


@given(st.lists(st.sampled_from(["Local authorities must act.", "e.g. this one", "Schools should (see para. 4) act.",
                                 "Why?", "The plan will vary.", "It is set out in section 2.1 of the plan."]),
                min_size=1, max_size=6))
def test_sentences_cover_the_text_in_order(parts: list[str]) -> None:
    text = " ".join(parts)
    spans = sentences(text)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a < b <= c for (a, b), (c, _) in zip(spans, spans[1:]))
    assert "".join(text[a:b] for a, b in spans).replace(" ", "") == text.replace(" ", "")


def test_the_vocabulary_can_be_extended(tmp_path: Path) -> None:
    extra = tmp_path / "actors.toml"
    extra.write_text('[audiences]\ntransport = "Transport operators"\n\n[[actor]]\nid = "bus-operators"\n'
                     'name = "bus operators"\nterms = ["bus operator"]\naudiences = ["transport"]\n', "utf-8")
    vocab = load_vocabulary(extra)
    d, = extract(doc(para("p1", "Bus operators should train their drivers.")), vocab).duties
    assert d.actors == ("bus-operators",)
    assert vocab.concerns("bus-operators", "transport")


@pytest.mark.parametrize("text, message", [
    ('[[actor]]\nid = "x"\nname = "x"\nterms = []\naudiences = []\n', "needs a non-empty list of terms"),
    ('[[actor]]\nid = "x"\nname = "x"\nterms = ["x"]\naudiences = ["nowhere"]\n', "unknown audience(s) nowhere"),
    ('[[actor]]\nname = "x"\n', "actor 1 has no 'id'"),
    ("not toml [", "not valid TOML"),
])
def test_a_bad_actors_file_is_named_with_what_to_fix(tmp_path: Path, text: str, message: str) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(text, "utf-8")
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_vocabulary(bad)


# --- two editions ----------------------------------------------------------------------------

OLD = doc(para("p1", "Schools should keep a record of every concern.", "1"),
          para("p2", "Local authorities should reply within one working day.", "2"),
          para("p3", "Practitioners should seek advice from a manager.", "3"),
          para("p4", "The police may attend the meeting.", "4"),
          para("p5", "Health services should share information with schools promptly.", "5"),
          para("p6", "Governing bodies should appoint a designated safeguarding lead.", "6"))
NEW = doc(para("p1", "Schools must keep a record of every concern.", "1"),
          para("p2", "Local authorities may reply within one working day.", "2"),
          para("p3", "Designated safeguarding leads should seek advice from a manager.", "3"),
          para("p4", "The police must attend the meeting in person.", "4"),
          para("p6", "Governing bodies should appoint a designated safeguarding lead.", "5"),
          para("p7", "Colleges should publish their child protection policy.", "6"))


def test_the_register_diff_says_what_changed_for_whom() -> None:
    result = compare_duties(OLD, NEW)
    kinds = {(c.kind, c.change, c.actors) for c in result.changes}
    assert kinds == {
        ("strengthened", "should → must", ("schools-and-colleges",)),
        ("weakened", "should → may", ("local-authority",)),
        ("reassigned", "reassigned", ("designated-safeguarding-lead", "practitioners")),
        ("strengthened", "may → must", ("police",)),
        ("removed", "removed", ("icb-and-health",)),
        ("added", "added", ("schools-and-colleges",)),
    }
    police = next(c for c in result.changes if c.actors == ("police",))
    assert police.kinds == ("strengthened", "reworded")
    assert [t.strip() for op, t in police.diff if op != "="] == ["may", "must", "in person"]
    assert result.unchanged == 1  # renumbered only
    assert list(result.by_actor())[0] == "schools-and-colleges"


@settings(max_examples=15, deadline=None)
@given(st.integers(min_value=0, max_value=5))
def test_an_edition_compared_with_itself_has_no_duty_changes(k: int) -> None:
    d = [OLD, NEW, parse("specimen-a"), parse("specimen-b"), doc(), doc(para("p", "Nothing here."))][k]
    result = compare_duties(d, d)
    assert result.changes == ()
    assert result.unchanged == len(extract(d).duties)


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "json"])
def test_every_format_renders_the_same_bytes_twice(fmt: str) -> None:
    a, b = parse("specimen-a"), parse("specimen-b")
    assert render_register(extract(b), fmt) == render_register(extract(b), fmt)
    assert render_diff(compare_duties(a, b), fmt) == render_diff(compare_duties(a, b), fmt)


def test_json_and_csv_list_every_duty_once_with_all_its_actors() -> None:
    register = extract(OLD)
    data = json.loads(render_register(register, "json"))
    assert [d["actors"] for d in data["duties"]] == [list(d.actors) for d in register.duties]
    assert data["duties"][0]["place"]["label"] == "paragraph 1"
    rows = list(csv.DictReader(io.StringIO(render_register(register, "csv").lstrip("\ufeff"))))
    assert [r["actors"] for r in rows] == ["; ".join(d.actors) for d in register.duties]
    diff = json.loads(render_diff(compare_duties(OLD, NEW), "json"))
    assert diff["counts"]["strengthened"] == 2 and diff["counts"]["added"] == 1


def test_markdown_groups_by_actor_and_redlines_rewording() -> None:
    text = render_diff(compare_duties(OLD, NEW), "md")
    assert "## police (1)" in text and "### Strengthened (1)" in text
    assert "**may → must** — paragraph 4 *(also reworded)*" in text
    assert "The police ~~may~~**must** attend the meeting **in person**." in text


# --- one audience ----------------------------------------------------------------------------

def test_for_an_audience_keeps_its_own_generic_and_addressed_duties() -> None:
    vocab = load_vocabulary()
    mixed = doc(para("p1", "The police should attend.", "1"),
                para("p2", "Schools should keep records.", "2"),
                para("p3", "Practitioners should seek advice.", "3"),
                para("p4", "Local authorities should help all schools to take part.", "4"))
    kept = register_for(extract(mixed, vocab), "schools", vocab).duties
    assert [d.place.number for d in kept] == ["2", "3", "4"]
    addressed = doc(para("p1", "The arrangements should be published.", "1"), heading="Working with schools")
    assert len(register_for(extract(addressed, vocab), "schools", vocab).duties) == 1
    with pytest.raises(UsageError, match="not an audience"):
        register_for(extract(mixed, vocab), "shops", vocab)


def test_a_section_whose_duties_fall_on_an_audience_is_addressed_to_it() -> None:
    vocab = load_vocabulary()
    recruitment = doc(para("p1", "Schools must check the identity of every candidate.", "1"),
                      para("p2", "Colleges should keep a single central record.", "2"),
                      para("p3", "Governing bodies should review the policy every year.", "3"),
                      para("p4", "A barred list check must be obtained before the person starts work.", "4"),
                      heading="Safer recruitment")
    for_schools = register_for(extract(recruitment, vocab), "schools", vocab).duties
    assert [d.place.number for d in for_schools] == ["1", "2", "3", "4"]
    assert register_for(extract(recruitment, vocab), "police", vocab).duties == ()
    too_few = doc(*[para(f"p{k}", t, str(k)) for k, t in enumerate(
        ["Schools must check every candidate.", "A record must be kept."], 1)], heading="Checks")
    assert [d.place.number for d in register_for(extract(too_few, vocab), "schools", vocab).duties] == ["1"]


def test_a_comparison_for_an_audience_keeps_only_its_blocks() -> None:
    from wtdiff import compare

    vocab = load_vocabulary()
    result = comparison_for(compare(OLD, NEW), "police", vocab)
    assert {b.id for c in result.changes for b in c.new} <= {"p3", "p4"}
    assert any(b.id == "p4" for c in result.changes for b in c.new)


# --- the command -----------------------------------------------------------------------------

def test_the_command_lists_and_compares_duties(tmp_path: Path) -> None:
    runner = CliRunner()
    one = runner.invoke(main, ["duties", "specimen-b", "-f", "json"])
    assert one.exit_code == 0, one.output
    assert json.loads(one.output)["duties"]
    out = tmp_path / "changes.csv"
    two = runner.invoke(main, ["duties", "specimen-a", "specimen-b", "--for", "schools", "-o", str(out)])
    assert two.exit_code == 0, two.output
    assert out.read_text("utf-8-sig").startswith("kind,kinds,change,actors")
    assert "duty change(s)" in two.stderr
    bad = runner.invoke(main, ["duties", "specimen-a", "--for", "nobody"])
    assert bad.exit_code == 2
    assert "wtdiff: error: 'nobody' is not an audience of the actors vocabulary. Choose one of:" in bad.stderr


def test_the_html_page_is_one_escaped_page() -> None:
    page = render_register(extract(doc(para("p1", "Schools should check <script> tags.", "1"))), "html")
    assert "&lt;script&gt; tags" in page and "<script> tags" not in page
    assert page.count("<html") == 1 and "Duties register" in page


def test_compare_for_an_audience_lists_only_what_concerns_it() -> None:
    runner = CliRunner()
    whole = runner.invoke(main, ["compare", "specimen-a", "specimen-b", "-f", "json"])
    police = runner.invoke(main, ["compare", "specimen-a", "specimen-b", "-f", "json", "--for", "police"])
    assert whole.exit_code == police.exit_code == 0
    kept = {c["id"]: c for c in json.loads(police.output)["blocks"]}
    every = {c["id"]: c for c in json.loads(whole.output)["blocks"]}
    assert kept and set(kept) < set(every)
    assert all(kept[k] == every[k] for k in kept)  # the records kept are unchanged
    naming = [k for k, c in every.items() if "police" in json.dumps(c).lower()]
    assert naming and all(k in kept for k in naming)
    bad = runner.invoke(main, ["compare", "specimen-a", "specimen-b", "--for", "nobody"])
    assert bad.exit_code == 2 and "not an audience" in bad.stderr


def test_json_follows_the_duties_schema() -> None:
    from importlib import resources

    import jsonschema

    schema = json.loads((resources.files("wtdiff") / "schemas" / "duties.schema.json").read_text("utf-8"))
    a, b = parse("specimen-a"), parse("specimen-b")
    for text in (render_register(extract(b), "json"), render_diff(compare_duties(a, b), "json"),
                 render_diff(compare_duties(OLD, NEW), "json")):
        jsonschema.validate(json.loads(text), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"schema": "wtdiff/duties@1", "duties": []}, schema)


_VOCAB = load_vocabulary()
_TERMS = sorted((t, a.id) for a in _VOCAB.actors for t in a.terms)


@pytest.mark.parametrize("term, actor", _TERMS)
def test_every_term_of_the_vocabulary_names_its_actor(term: str, actor: str) -> None:
    for form in ("must", "should", "must not", "may", "will", "are required to"):
        for opening in ("", "In every case, ", "Where a child is at risk, "):
            subject = term if opening or not term[0].islower() else term[0].upper() + term[1:]
            d, = duties_of(para("p1", f"{opening}{subject} {form} review the plan with the family."))
            assert d.actors == (actor,), (opening, subject, form)
            assert d.action == "review the plan with the family"


@pytest.mark.parametrize("term, actor", _TERMS)
def test_every_term_takes_an_impersonal_assignment_and_is_pointed_back_to(term: str, actor: str) -> None:
    for lead, strength in (("It is the responsibility of the", "must"), ("It will be for the", "will"),
                           ("It is for the", "must")):
        d, = duties_of(para("p1", f"{lead} {term} to review the plan with the family."))
        assert (d.strength, d.actors, d.action) == (strength, (actor,), "review the plan with the family")
    assert duties_of(para("p1", f"It is for the {term} to decide whether to review the plan.")) == ()
    head = term.split()[-1]
    if not head.islower() or any(head == t.split()[-1] and a != actor for t, a in _TERMS):
        return  # a proper name, or a head noun other actors' names share: no one to point back to
    first, second = duties_of(para("p1", f"The {term} should meet the family."),
                              para("p2", f"These {head} must also review the plan."))
    assert second.actors == (actor,) and second.strength == "must"


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["Written consent", "A safety plan", "An interpreter", "A second opinion"]),
       st.sampled_from(["is required", "is always required", "is legally required"]),
       st.sampled_from(["", "No ", "Where ", "If "]))
def test_a_bare_passive_requirement_is_a_duty_unless_negated_or_a_condition(
        noun: str, verb: str, opening: str) -> None:
    subject = noun if not opening else opening + noun[0].lower() + noun[1:]
    text = f"{subject} {verb} before the meeting" + (", the chair should record why." if opening in ("Where ", "If ")
                                                      else ".")
    found = duties_of(para("p1", text))
    if opening == "":
        assert [(d.strength, d.actors) for d in found] == [("must", ("unspecified",))]
    elif opening == "No ":
        assert found == ()
    else:  # the condition is not a requirement; the chair's duty is the sentence's
        assert [d.strength for d in found] == ["should"]


@settings(max_examples=30, deadline=None)
@given(st.sampled_from([(t, a) for t, a in _TERMS if t.islower() and len(t.split()) <= 3]),
       st.sampled_from(["This may take some weeks.", "It is rarely simple.", "There may be delays.",
                        "This includes visits that may last an hour."]))
def test_they_passes_over_a_sentence_about_this_or_it(term_actor: tuple[str, str], between: str) -> None:
    term, actor = term_actor
    subject = term[0].upper() + term[1:]
    first, *rest = duties_of(para("p1", f"{subject} should keep a record. {between} They should share it."))
    assert first.actors == (actor,)
    assert [d.actors for d in rest] == [(actor,)]


def test_a_lead_in_set_twice_is_paired_by_its_list() -> None:
    """Two "Safeguarding partners should:" in the old edition; the new drops the first and makes
    the second "must:" in another place: the change is found on the second, by its items."""
    old = doc(para("p1", "Safeguarding partners should:", "1"),
              item("p1.1", "publish a yearly report on their arrangements;"),
              item("p1.2", "consult the voluntary sector on their priorities."),
              para("p2", "Schools should keep records.", "2"),
              para("p3", "Safeguarding partners should:", "3"),
              item("p3.1", "commission independent scrutiny of the arrangements;"),
              item("p3.2", "agree the funding each partner contributes."))
    new = doc(para("p3", "Safeguarding partners must:", "1"),
              item("p3.1", "commission independent scrutiny of the arrangements;"),
              item("p3.2", "agree the funding each partner contributes."),
              para("p2", "Schools should keep records.", "2"))
    from wtdiff import compare

    # the paragraphs left unaligned (as the aligner leaves two short lead-ins it cannot tell
    # apart), so the duties are paired across the editions
    result = compare_duties(old, new, result=replace(compare(old, new), changes=()))
    lead = next(c for c in result.changes if c.new is not None and c.new.text == "Safeguarding partners must:")
    assert lead.old is not None and lead.old.place.block == "p3" and lead.change == "should → must"
    removed = [c.old.place.block for c in result.changes if c.kind == "removed" and c.old is not None]
    assert "p1" in removed and "p3" not in removed
