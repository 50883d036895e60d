"""A small edition written for the tests, and a renderer to vary it.

The text is the project's own, in the style of statutory guidance. Each test
builds the old and new edition from this structure with one kind of change
applied, renders both as Markdown (or HTML through :mod:`wtdiff.export`), and
checks what wtdiff reports.
"""

from __future__ import annotations

import copy
from typing import Any

Chapter = list[Any]  # [title, [[section title, [paragraph, ...]], ...]]

P = {
    "child-centred": "Every practitioner who meets a child should see the child, listen to what they say and take "
                     "their views seriously when decisions are made about the help they receive.",
    "whole-family": "Help for a child is most effective when it also considers the needs of the adults around "
                    "them, so assessments should look at the family as a whole and not only at the child.",
    "equality": "Local authorities must have due regard to the need to eliminate discrimination, and no child "
                "should receive a less effective service because of a protected characteristic.",
    "info-sharing": "Timely sharing of information between agencies is essential to keeping children safe, and "
                    "fears about data protection must not stop practitioners from sharing what they know.",
    "consent": "Practitioners do not always need consent to share information where a child is at risk of "
               "significant harm, although they should explain to the family what they are sharing and why.",
    "records": "Each agency should keep a clear written record of the information it shares, the reasons for "
               "sharing it and the people it was shared with, so that decisions can be reviewed later.",
    "partners": "The three safeguarding partners for a local area are the local authority, the Clinical "
                "Commissioning Groups for the area and the chief officer of police for the area.",
    "lead-members": "Each safeguarding partner must name a lead representative who has the authority to speak "
                    "for their agency and to make decisions on its behalf about the local arrangements.",
    "relevant-agencies": "Safeguarding partners should set out which relevant agencies, such as schools, "
                         "housing providers and youth offending teams, they expect to take part in the work.",
    "scrutiny": "The arrangements should include independent scrutiny of how well the partners are working "
                "together, and the scrutineer may challenge any partner that is not playing its full part.",
    "funding": "Funding for the arrangements should be agreed between the partners and shared fairly, and the "
               "Clinical Commissioning Groups should contribute in proportion to their responsibilities.",
    "yearly-report": "The partners must publish a report each year that explains what they have done, how "
                     "effective the arrangements have been and what they plan to change in the coming year.",
    "early-help": "Providing early help is more effective in promoting the welfare of children than reacting "
                  "later, and practitioners should be alert to the signs that a family needs support.",
    "assessment": "Where a child may need help, a lead practitioner should carry out an early help assessment "
                  "with the family, agree a plan and review it regularly until the needs are met.",
    "referral": "Anyone who thinks that a child is at risk of harm should make a referral to local authority "
                "children's social care straight away and should follow it up if no reply is received.",
    "section47": "Where there is reasonable cause to suspect that a child is suffering significant harm, the "
                 "local authority must make enquiries under section 47 of the Children Act 1989.",
    "strategy": "A strategy discussion should be held whenever enquiries are being considered, and it should "
                "involve the local authority, the police, health professionals and the referring agency.",
    "conference": "An initial child protection conference should take place within fifteen working days of the "
                  "strategy discussion at which enquiries were started.",
    "schools": "Schools and colleges should have a designated safeguarding lead who takes responsibility for "
               "child protection and who knows how to make a referral to children's social care.",
    "health": "Clinical Commissioning Groups should employ designated doctors and nurses for safeguarding, who "
              "advise other health professionals and support the training of staff across the area.",
    "police": "All police officers have a duty to protect children, and every force should have specialist "
              "officers trained to investigate offences against children.",
    "allegations": "Any allegation that a person who works with children has harmed a child should be passed "
                   "to the designated officer in the local authority on the same working day.",
    "reviews": "When a child dies or is seriously harmed and abuse or neglect is known or suspected, the "
               "partners should consider whether a local child safeguarding practice review is needed.",
    "learning": "Reviews should look at how agencies worked together and what can be learned, and the "
                "findings should be published unless there is a strong reason to keep them private.",
}


def base() -> list[Chapter]:
    """The base edition: three chapters, two or three sections each."""
    return [
        ["Chapter 1: A shared responsibility", [
            ["A child-centred approach", ["child-centred", "whole-family", "equality"]],
            ["Information sharing", ["info-sharing", "consent", "records"]],
        ]],
        ["Chapter 2: Multi-agency safeguarding arrangements", [
            ["Safeguarding partners", ["partners", "lead-members", "relevant-agencies"]],
            ["Scrutiny and funding", ["scrutiny", "funding", "yearly-report"]],
        ]],
        ["Chapter 3: Assessing need and providing help", [
            ["Early help", ["early-help", "assessment"]],
            ["Child protection", ["referral", "section47", "strategy", "conference"]],
            ["Organisational duties", ["schools", "health", "police", "allegations"]],
        ]],
        ["Chapter 4: Learning from serious incidents", [
            ["Reviews", ["reviews", "learning"]],
        ]],
    ]


def paras(doc: list[Chapter], chapter: int, section: int) -> list[str]:
    """The paragraph list of one section (0-based chapter and section), to edit in place."""
    return doc[chapter][1][section][1]  # type: ignore[no-any-return]


def clone(doc: list[Chapter]) -> list[Chapter]:
    return copy.deepcopy(doc)


def text_of(key: str, texts: dict[str, str] | None = None) -> str:
    return (texts or {}).get(key, P.get(key, key))


def render(doc: list[Chapter], *, title: str = "Working Together (test edition)",
           texts: dict[str, str] | None = None, numbered: bool = True) -> str:
    """Markdown for ``doc``; paragraphs numbered 1, 2, 3… through the document.

    A paragraph is a key of :data:`P` (or of ``texts``), or literal text.
    """
    out = [f"# {title}", ""]
    n = 0
    for chapter, sections in doc:
        out += [f"## {chapter}", ""]
        for section, paras in sections:
            out += [f"### {section}", ""]
            for key in paras:
                n += 1
                body = text_of(key, texts)
                out += [f"{n}. {body}" if numbered else body, ""]
    return "\n".join(out)
