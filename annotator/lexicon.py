"""Word lists the engine relies on: speech and cognition cues, titles, certainty cues.

Kept as plain data so that reviewers and researchers can read, audit and extend them.
All entries are lower-case lemmas (or word forms where noted).
"""

from __future__ import annotations

# Verbs that introduce speech or a stated position (lemmas).
SPEECH_VERBS = frozenset("""
say tell add state claim announce report explain note warn deny insist argue
confirm describe assert declare write comment remark reply respond answer acknowledge
admit allege concede contend maintain mention observe point reveal stress emphasise
emphasize suggest urge ask demand call predict promise vow pledge threaten estimate
recall testify testified caution complain accuse boast conclude disclose indicate
inform quote reiterate repeat shout scream whisper tweet post blog agree disagree
dispute question recount recommend propose order instruct announce clarify counter
continue insist lament hail praise criticise criticize condemn acknowledge concur
specify underline highlight brief assure reassure concede joke muse sigh reason chant
dismiss brand
""".split())

# Verbs of cognition / belief whose complement is a claim of the subject.
COGNITION_VERBS = frozenset("""
believe think feel consider expect hope fear suspect doubt know guess reckon
assume presume suppose understand worry conclude find judge
""".split())

# Verbs of request whose object + infinitive is the content ("asked the people to ...").
REQUEST_VERBS = frozenset("ask urge call request instruct order tell advise encourage".split())

# Nouns that head "in a statement", "in an interview" style cues.
STATEMENT_NOUNS = frozenset("""
statement interview press release communique communiqué briefing conference post tweet
message letter speech remarks report
""".split())

CUE_LEMMAS = SPEECH_VERBS | COGNITION_VERBS

# The last word of a company's name ("Brightwater Energy Inc.", "Siemens AG").
CORPORATE_SUFFIXES = frozenset({"inc", "ltd", "plc", "corp", "corporation", "group",
                                "holdings", "llc", "co", "ag", "sa", "nv", "se", "gmbh"})

# Head nouns of roles and titles ("Interior Minister", "Kremlin spokesman").
TITLE_NOUNS = frozenset("""
minister president co-founder cofounder spokesman spokeswoman spokesperson secretary
chief director head
chairman chairwoman chair ceo officer official governor mayor senator congressman
congresswoman representative ambassador general colonel major captain lieutenant
commander sergeant brigadier commodore admiral marshal king queen prince princess premier chancellor
prime deputy vice leader professor dr doctor analyst expert researcher economist
scientist spokes adviser advisor aide founder manager editor reporter correspondent
commissioner inspector superintendent sheriff judge justice attorney lawyer prosecutor
counsel envoy delegate diplomat mp mep pope bishop archbishop cardinal rabbi imam
priest pastor coach captain chairperson executive investigator detective constable
councillor councilor councilman councilwoman alderman alderwoman assemblyman
assemblywoman counselor lawmaker legislator activist campaigner witness
president-elect dean rector principal owner member fellow historian
specialist consultant strategist spokes-person mr mrs ms miss sir lord lady dame
curator coauthor co-author creator instructor lecturer teacher writer journalist
columnist commentator novelist poet artist mathematician physicist chemist biologist
engineer architect treasurer undersecretary under-secretary administrator coordinator
organiser organizer homeopath practitioner nurse surgeon physician psychologist
psychiatrist businessman businesswoman entrepreneur banker farmer student
goalkeeper striker midfielder defender winger player pundit referee athlete
sen rep gov lt col sgt capt cmdr adm supt insp prefect speaker
cllr dci det whip barrister solicitor actor actress paramedic firefighter midwife
dockworker steelworker marine soldier sailor
""".split())

# Words that say a person is a man or a woman (titles, roles, family): "she" does not
# point back to "Mr Harris" or to "the spokesman".
MALE_WORDS = frozenset("""
mr sir lord spokesman chairman businessman congressman councilman policeman fireman
father husband son brother uncle nephew grandfather king prince duke boy man widower
monk
""".split())
FEMALE_WORDS = frozenset("""
mrs ms miss dame lady madam spokeswoman chairwoman businesswoman congresswoman
councilwoman policewoman firewoman mother wife daughter sister aunt niece grandmother
queen princess duchess girl woman widow nun actress
""".split())

# Definite descriptions that may refer back to a person or an organisation speaker.
PERSON_NOUNS = TITLE_NOUNS | frozenset("""
man woman boy girl person mother father employee worker resident neighbour neighbor
passenger customer patient voter parent survivor victim eyewitness villager shopkeeper
""".split())
ORGANIZATION_NOUNS = frozenset("""
body agency ministry government department office committee council company firm
organisation organization newspaper paper channel broadcaster network group party
police army military court service services union federation association bank
authority authorities staff administration kremlin cabinet parliament embassy
commission board team club institute center centre university school hospital
airline carrier operator regulator watchdog charity foundation museum gallery tribunal
publisher insurer lender retailer manufacturer observatory laboratory lab academy society
programme program city municipality maker carmaker automaker chipmaker supplier producer
developer giant conglomerate prefecture treasury bureau directorate secretariat
inspectorate coalition alliance
""".split())
# Places that speak for a government in news: "Downing Street said".
SEATS_OF_POWER = frozenset("""
downing street|number 10|no 10|white house|whitehall|pentagon|kremlin|elysee|élysée
|elysee palace|élysée palace|capitol hill|quai d'orsay|zhongnanhai|blue house
""".replace("\n", "").split("|"))
# Things that "say" in news without being anyone: "the report says", "the study found".
SOURCE_NOUNS = frozenset("""
report study survey poll paper analysis document website site memo review audit research
findings results data figures article book statement filing complaint lawsuit ruling
judgment verdict decision resolution law bill letter post
""".split())
# Plural common nouns naming groups of people speaking together.
GROUP_NOUNS = frozenset("""
officials experts witnesses residents sources analysts observers critics protesters
activists lawmakers diplomats investigators researchers scientists doctors workers
people villagers survivors victims families students teachers leaders politicians
members locals neighbours neighbors fans voters citizens
""".split())
# Collective nouns that speak as organisations even though they are plural in form.
INSTITUTIONAL_PLURALS = frozenset("police authorities staff military".split())

# Certainty cues: word forms or lemmas found in the content or the cue.
HEDGES_POSSIBLE = frozenset("""
may might could possibly perhaps maybe potentially conceivably doubtfully doubt
unlikely uncertain unclear questionable possible
""".split())
HEDGES_PROBABLE = frozenset("""
probably likely believe think expect suspect seem seemingly appear apparently
presumably suggest estimate assume reckon guess supposedly feel
""".split())
UNCOMMITTED = frozenset("""
reportedly allegedly purportedly rumoured rumored claim claimed allege alleged
according
""".split())
BOOSTERS = frozenset("""
certainly definitely clearly undoubtedly surely obviously always never must
know confirm insist absolutely indeed truly sure certain
""".split())


IRREGULAR = {
    "say": ["said"], "tell": ["told"], "think": ["thought"], "feel": ["felt"],
    "write": ["wrote", "written"], "know": ["knew", "known"], "find": ["found"],
    "understand": ["understood"], "hold": ["held"], "speak": ["spoke", "spoken"],
    "testify": ["testified", "testifies"], "deny": ["denied", "denies"],
    "reply": ["replied", "replies"], "imply": ["implied", "implies"],
}


def inflections(lemma: str) -> set[str]:
    """Likely word forms of a regular English verb (over-generation is harmless:
    the forms only decide which sentences are worth parsing)."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("e"):
        forms |= {lemma[:-1] + "ing"}
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ied", lemma[:-1] + "ies"}
    if len(lemma) > 2 and lemma[-1] not in "aeiouwy" and lemma[-2] in "aeiou":
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    forms.update(IRREGULAR.get(lemma, []))
    return forms


CUE_FORMS = frozenset(f for lemma in CUE_LEMMAS | REQUEST_VERBS for f in inflections(lemma))
