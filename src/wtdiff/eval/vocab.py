"""Words and sentence patterns for the evaluation generator.

Everything here was written for wtdiff: plausible statutory-guidance prose
(duties of agencies towards children and families) built from slots, so that a
seeded generator can write editions of any length whose paragraphs are all
different yet share the vocabulary and phrasing that make real editions hard
to align. None of it is quoted from any edition of the guidance.

A sentence pattern is a string with ``{slot}`` fields; :data:`SLOTS` gives the
choices for each. Patterns are written so that no slot value starts a
sentence unless it is already capitalised, and modal verbs are always
followed by a bare verb, so no agreement is needed.
"""

from __future__ import annotations

#: Term replacements the edit scripts may apply document-wide: (old, new).
#: Each old phrase is used by the slots below, never at a sentence start and
#: never inside a longer word, so replacing it everywhere is clean.
TERMS: tuple[tuple[str, str], ...] = (
    ("Clinical Commissioning Groups", "Integrated Care Boards"),
    ("Local Safeguarding Children Boards", "local safeguarding partnerships"),
    ("designated professional", "designated practitioner"),
    ("serious case review", "child safeguarding practice review"),
    ("Youth Offending Teams", "youth justice services"),
    ("child in need plan", "child and family support plan"),
    ("early help assessment", "family help assessment"),
    ("Local Authority Designated Officer", "designated officer for allegations"),
    ("looked after children", "children in care"),
    ("independent scrutineer", "independent reviewer of the arrangements"),
)

#: Further replacements for phrases of the real 2023 edition (used when a base has them).
REAL_TERMS: tuple[tuple[str, str], ...] = (
    ("ICBs", "health boards"),
    ("lead practitioner", "key worker"),
    ("strategy discussion", "strategy meeting"),
    ("family network", "kinship circle"),
    ("independent scrutiny", "independent assurance"),
    ("relevant agencies", "named agencies"),
    ("domestic abuse", "family violence"),
    ("Home Office", "Ministry of Justice"),
)

ACTORS = [
    "the local authority", "local authority children's social care", "safeguarding partners",
    "the lead safeguarding partner", "each relevant agency", "health practitioners",
    "general practitioners", "police officers", "the designated safeguarding lead",
    "early years providers", "schools and colleges", "probation practitioners",
    "housing services", "adult social care services", "voluntary and community organisations",
    "sports clubs and faith organisations", "the lead practitioner", "social workers",
    "practice supervisors", "the director of children's services", "mental health services",
    "designated doctors and nurses", "Clinical Commissioning Groups", "Youth Offending Teams",
    "Local Safeguarding Children Boards", "the Local Authority Designated Officer",
    "the independent scrutineer", "the designated professional", "midwives and health visitors",
    "school nurses", "the chief officer of police", "youth workers", "family hub staff",
    "children's centre staff", "the named doctor for safeguarding", "the principal social worker",
    "residential care providers", "foster carers", "the virtual school head",
    "substance misuse services", "domestic abuse services", "out-of-hours services",
    "ambulance trusts", "the governing body", "the proprietor of an independent school",
    "local elected members", "the multi-agency hub", "the local child death review partners",
]

OBJECTS = [
    "children at risk of exploitation", "disabled children and their carers", "young carers",
    "children who go missing from home", "babies under one year old", "children held in custody",
    "unaccompanied asylum-seeking children", "children with special educational needs",
    "care leavers", "families affected by domestic abuse", "children living with parental substance misuse",
    "children educated at home", "children placed in secure settings", "siblings of a child who has died",
    "teenagers at risk of harm outside the home", "children whose parents are in prison",
    "privately fostered children", "looked after children", "children who are not brought to appointments",
    "children living in temporary accommodation", "children who are persistently absent from school",
    "young people moving into adult services", "children of parents with mental ill health",
    "children who have been trafficked", "children at risk of radicalisation",
    "children who display harmful sexual behaviour", "parents who find it hard to engage",
    "expectant parents who need extra support", "children who are home alone for long periods",
    "children in families with no recourse to public funds", "children who care for a disabled parent",
    "children placed out of their home area", "children excluded from school",
    "children whose first language is not English", "children who have witnessed violence",
]

ACTIONS = [
    "share relevant information about", "keep a clear written record of their work with",
    "agree a written plan for", "review the support offered to", "identify at an early stage",
    "assess the needs of", "seek the views of", "report any concerns about",
    "make a referral to children's social care for", "provide early help to",
    "co-ordinate the services offered to", "respond promptly to concerns about",
    "put in place suitable support for", "monitor the progress of",
    "take account of the wishes and feelings of", "consider the risks faced by",
    "notify the local authority about", "escalate unresolved concerns about",
    "offer an assessment to", "maintain regular contact with", "plan the transition of",
    "arrange a multi-agency meeting about", "check the safety and wellbeing of",
    "record the outcome of each visit to", "provide specialist support to",
    "agree the lead agency for", "follow up missed appointments for",
    "talk directly with", "take protective action for", "listen carefully to",
]

CONDITIONS = [
    "as soon as a concern is identified", "in line with the local threshold document",
    "unless doing so would place the child at greater risk", "so that support is not delayed",
    "taking account of the child's age and understanding", "wherever it is safe to do so",
    "at every stage of the process", "and record the reasons for their decision",
    "before the case is closed", "even where the family has moved to another area",
    "using language the child can understand", "with the agreement of the family where possible",
    "in a way that respects the family's culture and faith", "and review the plan regularly",
    "without waiting to be asked by another agency", "so that no child falls between services",
    "and explain to the family what will happen next", "in partnership with the other agencies involved",
    "throughout any period of assessment", "and inform the referrer of the outcome",
    "when the level of need changes", "in a manner proportionate to the risk",
]

SITUATIONS = [
    "a practitioner is worried about a child", "there is reasonable cause to suspect significant harm",
    "a family declines an offer of help", "a child moves to another local area",
    "agencies disagree about the level of need", "information suggests that a crime has been committed",
    "a child is repeatedly not brought to appointments", "concerns relate to a person in a position of trust",
    "a young person is approaching their eighteenth birthday", "a parent asks for help with caring responsibilities",
    "a child is found to be living in unsuitable accommodation", "a referral is received out of hours",
    "the needs of a child change during an assessment", "a child discloses abuse to a member of staff",
    "a baby is born to parents already known to services", "there are concerns about harm outside the home",
    "several agencies are working with the same family", "a child goes missing from a placement",
]

PROCESSES = [
    "an early help assessment", "a strategy discussion", "an initial child protection conference",
    "the yearly report", "a rapid review", "a serious case review", "the child in need plan",
    "a return home interview", "the multi-agency risk assessment", "a section 47 enquiry",
    "the annual audit of safeguarding arrangements", "a core group meeting", "a pre-birth assessment",
    "the child protection plan", "a local practice review", "the transition plan",
    "a joint visit with the police", "a review child protection conference", "a family group conference",
    "the local threshold document",
]

GOALS = [
    "identify the help a family needs", "bring together the information held by each agency",
    "decide whether the child is at risk of significant harm", "agree who will do what and by when",
    "learn lessons that improve local practice", "check that the arrangements are working well",
    "make sure that the child's voice is heard", "give the family a clear account of the concerns",
    "reduce the need for statutory intervention", "keep the child safe while support is arranged",
    "test whether services are reaching the children who need them most",
    "understand the child's daily lived experience", "set out the outcomes the plan is meant to achieve",
    "support parents to make lasting changes", "hold each agency to account for its contribution",
]

TIMEFRAMES = [
    "within {n} working days", "within {h} hours", "at least once a year", "every {m} months",
    "without delay", "by the end of the next working day", "before the first review",
]

REASONS = [
    "because of concerns about data protection", "simply because consent has not been given",
    "on the grounds of cost alone", "because another agency is already involved",
    "because the child is close to adulthood", "while waiting for a formal referral",
    "because the family has asked them not to", "because the concern seems minor on its own",
]

FACTORS = [
    "the child's own account of events", "the history of previous referrals",
    "the views of every practitioner who knows the family", "the capacity of the parents to change",
    "the impact of poverty and poor housing", "any cultural or language barriers",
    "the risk posed by adults outside the family", "the child's health and developmental needs",
    "the quality of the child's relationships at home", "the evidence from recent research",
]

ACTS = [
    ("Children Act 1989", ["17", "20", "31", "47", "22", "27"]),
    ("Children Act 2004", ["10", "11", "13", "16E", "16F", "16G"]),
    ("Children and Social Work Act 2017", ["1", "2", "16"]),
    ("Education Act 2002", ["157", "175"]),
    ("Data Protection Act 2018", ["8", "10", "35"]),
    ("Crime and Disorder Act 1998", ["37", "39"]),
    ("Care Act 2014", ["9", "42", "58"]),
    ("Housing Act 1996", ["188", "213A"]),
    ("Modern Slavery Act 2015", ["48", "52"]),
    ("Domestic Abuse Act 2021", ["1", "3"]),
]
#: Citation updates the edit scripts may apply to one paragraph: old → new.
ACT_UPDATES = {
    "Children Act 2004": "Children and Social Work Act 2017",
    "Education Act 2002": "Education and Inspections Act 2006",
    "Crime and Disorder Act 1998": "Police, Crime, Sentencing and Courts Act 2022",
    "Data Protection Act 2018": "Data (Use and Access) Act 2025",
    "Housing Act 1996": "Homelessness Reduction Act 2017",
}

#: Qualifiers that may follow an actor or an object, so that slot values vary more.
ACTOR_QUALIFIERS = [
    "in the area", "working with the family", "on duty at the time", "in each partner agency",
    "who know the child best", "commissioned by the local authority", "with safeguarding responsibilities",
    "across the partnership", "in universal services", "who first hear of the concern",
    "in the neighbouring area", "responsible for the case", "who hold the most relevant information",
    "at the front door", "in specialist teams", "with day-to-day contact with children", "on call at night",
    "in hospitals and clinics", "in the voluntary sector", "employed through agencies",
]
OBJECT_QUALIFIERS = [
    "and their families", "known to several agencies", "with complex health needs",
    "who have recently arrived in the country", "placed by another authority", "in rural communities",
    "whose needs are escalating", "living in overcrowded housing", "at the edge of care",
    "who are also young parents", "with a history of self-harm", "in the youth justice system",
    "who do not speak English at home", "living with a parent who has a learning disability",
    "attending alternative provision", "in the first months of life", "on a child protection plan",
    "moving between schools", "living in supported accommodation", "whose carers are elderly",
    "who are young carers themselves", "returning from custody", "with no settled address",
    "in large sibling groups", "who spend time online late at night", "in families facing eviction",
    "who have been excluded more than once", "with undiagnosed needs", "who travel to school alone",
]
#: Matters a sentence may list; drawn two or three at a time, they give paragraphs their own words.
MATTERS = [m.strip() for m in """
    housing tenure, benefit sanctions, school attendance, exclusion rates, bereavement, truancy, bullying,
    online grooming, gang affiliation, county lines, knife crime, sexting, neglect, malnutrition, dental decay,
    obesity, immunisation, eyesight, hearing loss, speech delay, literacy, numeracy, sleep hygiene, debt,
    eviction, homelessness, overcrowding, damp and mould, fuel poverty, food banks, transport costs,
    childcare costs, unemployment, shift work, parental separation, contact disputes, court orders,
    kinship care, fostering, adoption, respite care, short breaks, wheelchair access, medication, epilepsy,
    diabetes, asthma, allergies, eating disorders, anxiety, depression, psychosis, trauma, attachment,
    bonding, postnatal depression, breastfeeding, sudden infant death, safe sleeping, co-sleeping,
    head injuries, fractures, bruising, burns, scalds, poisoning, drowning, road safety, fire safety,
    firearms, dangerous dogs, radicalisation, extremism, hate crime, racism, harassment, stalking,
    coercive control, honour-based abuse, forced marriage, female genital mutilation,
    witchcraft accusations, trafficking, modern slavery, criminal exploitation, sexual exploitation,
    financial abuse, cuckooing, gambling, alcohol, cannabis, solvents, vaping, smoking, pregnancy,
    contraception, sexual health, puberty, gender identity, faith, interpretation, translation,
    immigration status, asylum claims, age assessment, detention, custody, remand, bail, curfews,
    electronic tagging, licence conditions, victim support, restorative justice, mentoring, apprenticeships,
    volunteering, youth clubs, holiday activities, sport, music, drama, scouting, after-school clubs,
    breakfast clubs, tutoring, home schooling, elective home education, flexi-schooling,
    part-time timetables, managed moves, pupil referral units, hospital education,
    personal education plans, pathway plans, leaving care grants, personal advisers,
    staying put arrangements, supported lodgings, semi-independent accommodation, hostels, refuges,
    sanctuary schemes, panic alarms, non-molestation orders, injunctions, wardship, special guardianship,
    placement orders, care proceedings, pre-proceedings letters, legal planning meetings,
    parenting assessments, cognitive assessments, psychological reports, medical examinations,
    paediatric assessments, forensic interviews, video recorded interviews, intermediaries, advocacy,
    independent visitors, complaint procedures, whistleblowing, disciplinary hearings, vetting,
    barring referrals, supervision, caseloads, staff turnover, induction, audits, performance data,
    inspections, peer reviews, mobile phones, social media, gaming, image sharing, sleepovers,
    babysitting, private tuition, religious settings, supplementary schools, holiday camps,
    youth offending orders, police protection, emergency protection orders, missing episodes,
    return interviews, runaway helplines, night-time economy, licensed premises, taxis, hotels,
    fast food outlets, shopping centres, parks, railway stations
""".replace("\n", " ").split(",")]

#: Adjectives and abstract nouns for "{adj} {noun}" phrases ("a proportionate response").
ADJECTIVES = [
    "timely", "proportionate", "co-ordinated", "trauma-informed", "evidence-based", "strengths-based",
    "consistent", "robust", "flexible", "accessible", "specialist", "intensive", "targeted",
    "universal", "statutory", "voluntary", "multi-disciplinary", "integrated", "confidential",
    "independent", "transparent", "thorough", "holistic", "child-centred", "family-focused",
    "sustained", "short-term", "long-term", "regional", "national", "joint", "shared", "preventative",
    "responsive", "reflective", "rigorous", "practical", "named", "secure", "suitable", "realistic",
    "measurable", "agreed", "written", "documented", "regular", "periodic", "annual", "quarterly",
    "monthly", "weekly", "immediate", "interim", "provisional", "formal", "informal", "detailed",
    "concise", "coherent", "current", "previous", "relevant", "reliable", "accurate", "complete",
    "prompt", "careful", "systematic", "structured", "local",
]
NOUNS = [
    "approach", "response", "pathway", "protocol", "procedure", "policy", "framework", "arrangement",
    "review", "audit", "report", "record", "referral", "meeting", "visit", "interview", "discussion",
    "consultation", "strategy", "intervention", "programme", "offer", "package", "provision",
    "placement", "supervision", "training", "induction", "mentoring", "advice", "information",
    "evidence", "analysis", "decision", "judgement", "threshold", "outcome", "target", "priority",
    "escalation", "resolution", "agreement", "commitment", "oversight", "assurance", "culture",
    "leadership", "capacity", "workforce", "budget", "contract", "forum", "panel", "network",
    "timetable", "checklist", "summary", "chronology", "genogram", "questionnaire", "template",
    "register", "database", "dashboard", "newsletter", "leaflet", "helpline", "website", "toolkit",
    "briefing", "handbook", "charter", "statement", "declaration", "memorandum", "schedule", "rota",
    "roster",
]
VERBS = [
    "agree", "publish", "maintain", "review", "monitor", "update", "share", "circulate", "explain",
    "test", "strengthen", "adapt", "simplify", "replace", "extend", "fund", "evaluate", "record",
    "document", "approve", "endorse", "promote", "commission", "design", "deliver", "co-produce",
    "translate", "shorten", "revise",
]

SLOTS: dict[str, list[str]] = {
    "actor": ACTORS, "actor2": ACTORS, "object": OBJECTS, "object2": OBJECTS, "action": ACTIONS,
    "condition": CONDITIONS, "situation": SITUATIONS, "process": PROCESSES, "goal": GOALS,
    "timeframe": TIMEFRAMES, "reason": REASONS, "factor": FACTORS,
    "adj": ADJECTIVES, "adj2": ADJECTIVES, "noun": NOUNS, "noun2": NOUNS, "verb": VERBS, "verb2": VERBS,
}
#: Slots filled by two or three :data:`MATTERS` ("debt, eviction and damp").
MATTER_SLOTS = {"matters"}

#: Sentence patterns of a numbered paragraph. ``{Actor}`` is ``{actor}`` capitalised.
SENTENCES = [
    "{Actor} {modal} {action} {object} {condition}.",
    "Where {situation}, {actor} {modal} {action} {object}.",
    "{Actor} {modal} work closely with {actor2} to {goal}.",
    "The purpose of {process} is to {goal}.",
    "{Process} {modal} be completed {timeframe} and {modal} involve {actor2}.",
    "Under {citation}, {actor} {modal} {action} {object}.",
    "{Actor} must not delay action to protect a child {reason}.",
    "In deciding whether to {action} {object}, {actor} should take account of {factor}.",
    "{Actor} {modal} make sure that {object} receive help {timeframe}.",
    "This applies equally to {object} and to {object2}.",
    "When {situation}, {process} {modal} be arranged {timeframe}.",
    "{Actor} {modal} be able to explain how {process} will {goal}.",
    "Good practice is for {actor} to {action} {object} {condition}.",
    "Information from {process} {modal} be shared with {actor2} {condition}.",
    "{Actor} and {actor2} {modal} agree locally how they will {goal}.",
    "It is important that {actor} {action} {object} {timeframe}.",
    "Evidence suggests that it helps {actor} to {action} {object} {condition}.",
    "{Actor} {modal} also consider {factor} before {process} is closed.",
    "The duty in {citation} applies to {actor} as well as to {actor2}.",
    "Any decision not to {action} {object} {modal} be recorded, with the reasons for it.",
    "{Actor} {modal} pay particular attention to {matters}.",
    "Concerns about {matters} {modal} be discussed with {actor2} {condition}.",
    "Assessments of {object} {modal} cover {matters}.",
    "Experience locally shows that {matters} often go unrecognised for {object}.",
    "Where {matters} are raised, {actor} {modal} {action} {object} {timeframe}.",
    "Training for {actor} {modal} include {matters}.",
    "{Actor} {modal} keep up to date with local services for {matters}.",
    "The local offer for {object} {modal} describe help with {matters}.",
    "{Actor} {modal} {verb} a {adj} {noun} for {object}.",
    "A {adj} {noun} {modal} set out how {actor2} will {goal}.",
    "The {adj} {noun} {modal} be shared with {actor2} and kept under review.",
    "Each {noun} {modal} record {matters} and who is responsible for the {adj2} {noun2}.",
    "{Actor} {modal} {verb} the {noun} and {verb2} the {adj} {noun2} {timeframe}.",
    "There {modal} be a {adj} {noun} for {object}, agreed with {actor2}.",
    "Without a {adj} {noun}, {object} are less likely to receive {adj2} help.",
    "To {goal}, {actor} {modal} {verb} a {adj} {noun} with {actor2}.",
    "The {noun} {modal} be {adj}, {adj2} and easy for {object} to understand.",
    "{Actor} {modal} ask {actor2} to {verb} the {adj} {noun} {condition}.",
    "If {situation}, the {adj} {noun} {modal} be looked at again without delay.",
    "Records of the {noun} {modal} show what was decided about {matters}.",
]

#: Openings and endings a sentence may take, so that sentences built on one pattern differ.
OPENINGS = [
    "In practice, ", "As a minimum, ", "In most cases, ", "Locally, ", "For this reason, ", "Where possible, ",
    "At the same time, ", "In addition, ", "In every case, ", "From the outset, ", "As part of this, ",
    "Without exception, ", "In line with this guidance, ", "Taken together, ", "Above all, ",
]
ENDINGS = [
    ", including {matters}", ", with particular regard to {matters}", ", especially where {matters} are involved",
    ", drawing on advice about {matters}", ", which may involve {matters}", " alongside {matters}",
]

#: Opening lines of a paragraph that introduces a list.
LIST_INTROS = [
    "{Actor} {modal}:", "Arrangements for {object} {modal} set out:", "This includes:",
    "In particular, {actor} {modal}:", "{Process} {modal} consider:", "Local arrangements {modal} make clear:",
    "Where {situation}, {actor} {modal}:", "The plan for {object} {modal} record:",
]
#: List items, each ending with ";" (the last one of a list with ".").
LIST_ITEMS = [
    "{action} {object}", "work with {actor2} to {goal}", "{action} {object} {timeframe}",
    "how {actor2} will {goal}", "the arrangements for {process}", "who will {action} {object}",
    "take account of {factor}", "keep {process} under review", "what help {object} will be offered",
    "{action} {object} {condition}",
    "any concerns about {matters}", "help with {matters}", "{action} {object} affected by {matters}",
    "the part {actor2} will play in {process}", "{matters}", "whether {object} need help with {matters}",
    "how {actor2} and {actor} will share what they know", "support for {object} {timeframe}",
    "the views of {object} about {matters}", "{action} {object} where {situation}",
    "a {adj} {noun} for {object}", "the {adj} {noun} agreed with {actor2}", "{verb} the {adj} {noun}",
    "who will {verb} the {noun} and when", "a {adj} {noun} covering {matters}",
]

FOOTNOTES = [
    "See {citation}.", "{Citation} sets out the duty in full.", "Guidance on {process} is published separately.",
    "The duty in {citation} is summarised in the glossary.", "Further advice on {object} is available from {actor}.",
]

CHAPTER_NAMES = [
    "A shared responsibility", "Multi-agency safeguarding arrangements", "Providing help and support",
    "Protecting children from significant harm", "Organisational responsibilities",
    "Learning from serious incidents", "Child death reviews", "Working with education settings",
    "Harm outside the home", "Information, records and consent", "Assessment and planning",
    "Support for disabled children", "Children in secure settings", "Transitions to adulthood",
]
CHAPTER_RENAMES = [
    "Keeping children safe together", "Local partnership arrangements", "Help, support and protection",
    "Responding to significant harm", "The duties of each agency", "Reviews and learning",
    "When a child dies", "The role of schools and colleges", "Risks beyond the family",
    "Sharing information well", "Understanding need", "Disabled children and their families",
    "Children deprived of their liberty", "Moving into adult services",
]
SECTION_HEADS = [
    "Supporting {object}", "The role of {actor}", "Working with {actor}", "Planning for {object}",
    "Assessing the needs of {object}", "Information about {object}", "Responding to concerns about {object}",
    "When {situation}", "Arrangements for {process}", "Reviewing {process}",
]

#: Word or phrase substitutions used for light rewording: old → choices.
SYNONYMS = {
    "make sure": ["ensure", "check"], "ensure": ["make sure"], "promptly": ["quickly", "without delay"],
    "without delay": ["straight away", "immediately"], "clear": ["full", "accurate"],
    "regularly": ["often", "at agreed intervals"], "agree": ["settle", "decide"],
    "support": ["help", "assistance"], "consider": ["think about", "weigh up"],
    "important": ["essential", "vital"], "concerns": ["worries", "issues"],
    "practitioners": ["professionals", "staff"], "arrangements": ["procedures", "systems"],
    "children": ["young people", "children and young people"], "family": ["household", "family network"],
    "record": ["note", "document"], "review": ["revisit", "check"], "identify": ["recognise", "spot"],
    "work closely with": ["co-operate with", "liaise with"], "explain": ["set out", "describe"],
    "local": ["area", "local area"], "risk": ["danger", "risk of harm"], "help": ["support", "services"],
}
#: Clauses rewording may insert before a sentence's full stop.
CLAUSES = [
    "where it is safe to do so", "in line with local procedures", "as far as possible",
    "with the consent of the family where appropriate", "and keep the decision under review",
    "drawing on the expertise of other agencies", "at the earliest opportunity",
    "including through digital channels", "whatever the setting", "as part of a whole-family approach",
]
