"""Word lists the event coder reads: dependency labels, function words, and the classes of verbs and
nouns its rules name. Lists of lemmas, lower case."""
from __future__ import annotations


SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
# `ccomp=*` in a pattern: any clausal complement ("denied that ..." whatever the clause's verb)
ANY_CLAUSE = "*"
# a visit is made to someone: a country, its capital, a leader (CAMEO 042 make, 043 host a visit)
VISIT_CODES = frozenset({"042", "043"})
# what mass expulsion drives people from (CAMEO 201: "forcibly remove large numbers of people from their homes")
EVICTING_VERBS = frozenset({"evict", "uproot"})
HOMES = frozenset({"home", "house", "village", "land", "town", "camp", "neighbourhood", "neighborhood", "district",
                   "area", "region", "property", "farm"})
# "alongside X", "with X against Y": the one acting with the doer
ALLY_PREPS = frozenset({"alongside", "beside", "with"})
TARGET_PREPS = ("with", "to", "against", "on", "upon", "toward", "towards", "into", "at")
# what a meeting is about or where it is held ("talks on Syria", "met on Tinder", "met at the UN")
TOPIC_PREPS = frozenset({"on", "upon", "at", "about", "over", "into", "against"})
# prepositions tying the thing acted on to an actor, the doer first ("condemned an attack by X on Y" is said of X)
THEME_PREPS = ("by", "from", "between", "against", "to", "for", "with", "on", "at")
IN_TARGET_VERBS = frozenset({"arrive", "land", "visit"})
LIGHT_VERBS = frozenset({"take", "hold", "have", "conduct", "carry", "make", "launch", "stage", "join",
                         "participate", "use", "pay", "begin", "start", "continue", "resume", "open", "mount",
                         "issue", "declare", "undertake", "renew", "give", "organize", "organise", "lodge",
                         "announce", "extend", "step", "speed", "accelerate", "complete", "order", "reiterate",
                         "repeat", "engage", "involve",
                         # taking part by coming together: "converged for a rally", "gathered for a vigil"
                         "gather", "converge", "assemble", "flock"})
# verbs whose object is the subject of their infinitive ("urge X to go")
OBJECT_CONTROL = frozenset({"urge", "ask", "call", "invite", "force", "help", "allow", "order", "persuade",
                            "encourage", "request", "tell", "warn", "press", "push", "convince",
                            # causing someone to act: "the drills prompted North Korea to put its army on alert"
                            "prompt", "cause", "lead", "compel", "oblige", "spur", "provoke", "drive", "pressure",
                            "instruct", "direct", "command"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
FUTURE_TIME_WORDS = frozenset({"soon", "later", "shortly", "eventually", "tomorrow", "next", "coming", "upcoming"})
MODAL_AUX = frozenset({"would", "could", "might", "may", "should", "must", "can", "ca"})
# a governing verb that makes what it governs unreal: feared, denied, planned, doubted
# a governing verb that announces the act: "plans to impose", "intends to visit", "is due to visit"
INTENT_GOVERNORS = frozenset({"plan", "intend", "prepare", "poise", "aim", "vow", "pledge", "promise",
                              "schedule", "due", "slate"})
# "interested in signing", "keen to meet", "likely to attack": a disposition toward an act, not the act
DISPOSITION_ADJECTIVES = frozenset({"interested", "keen", "eager", "serious", "open", "capable", "determined",
                                    "intent", "close", "hopeful", "reluctant", "likely", "unlikely", "anxious",
                                    "desperate", "afraid", "wary", "loath", "loth"})
# "tried to broker a truce", "an attempt to mediate": an act tried is not done (an attack tried was made)
ATTEMPT_GOVERNORS = frozenset({"try", "attempt", "strive", "endeavor", "endeavour", "struggle"})
# "the army prepared to resume shelling", "troops poised to invade": force made ready, CAMEO 150
PREPARING_GOVERNORS = frozenset({"prepare", "ready", "poise"})
# "a meeting aimed at establishing ties", "a law designed to curb protest": the purpose of a thing, not an act
PURPOSE_PARTICIPLES = frozenset({"aim", "design", "intend", "mean", "gear"})
UNREAL_GOVERNORS = frozenset({"fear", "worry", "deny", "doubt", "expect", "hope", "want",
                              "seek", "consider", "threaten", "warn", "rule", "risk", "avoid",
                              "prevent", "reject", "refuse", "plot", "conspire"})
# verbs announcing what the speaker will or could do ("warned it could strike", "said it would"):
# among unreal governors, those that make a threat
ANNOUNCING_VERBS = frozenset({"announce", "warn", "threaten", "vow", "pledge", "declare", "signal"})
# words in a warning that name something done to its target ("would face consequences")
FORECAST_ACT_WORDS = frozenset({"face", "consequence", "consequences", "pay", "price", "response", "retaliation"})
# what a state blocks when it blockades rather than rejects ("blocked the border crossing")
# what blocking or banning restricts speech through ("blocked access to Twitter", "blocked the website")
MEDIA_WORDS = frozenset({"internet", "website", "site", "platform", "app", "newspaper", "broadcaster", "channel",
                         "youtube", "twitter", "facebook", "telegram", "whatsapp", "wikipedia", "media"})
PASSAGE_WORDS = frozenset({"road", "highway", "border", "crossing", "port", "route", "access", "entrance", "street",
                           "bridge", "airport", "passage", "corridor", "strait", "harbour", "harbor"})
# words of the formulas by which a source stays unnamed ("requested anonymity", and "asked not to be
# identified" or "named"): a reporting convention, not an appeal
SOURCING_WORDS = frozenset({"anonymity", "anonymous", "anonymously"})
# titles that make a traveller a visitor ("Deputy Prime Minister X left for Y")
PUBLIC_TITLES = frozenset({"president", "minister", "premier", "mayor", "governor", "ambassador", "envoy",
                           "delegation", "king", "queen", "prince", "chancellor", "secretary", "official", "leader",
                           "senator", "lawmaker", "general", "commander", "diplomat", "spokesman", "chief", "head",
                           "emir", "sultan", "pope", "foreign"})
# verbs after which "that X sign" is asked for, not told as done
SENDING_VERBS = frozenset({"send", "dispatch"})
# verbs of attack that a politician's attack on a person makes verbal ("attacked Clinton", "shot back")
VERBAL_ATTACKS = frozenset({"attack", "blast", "slam", "lambast", "savage"})  # (and "shot/fired/hit back")
# what makes an attack one of force whoever makes it ("terrorist attacks", "a knife attack")
VIOLENT_MODIFIERS = frozenset({"terrorist", "terror", "suicide", "armed", "military", "deadly", "bomb", "gun", "knife",
                               "rocket", "missile", "air", "drone", "chemical", "militant", "jihadist", "mortar",
                               "artillery", "grenade", "acid", "car", "truck", "arson", "physical"})
# who bombs from the air (CAMEO 195), and who attacks outside any army (CAMEO 18: gunmen, bombers)
AIRCRAFT = frozenset({"warplane", "jet", "aircraft", "plane", "helicopter", "drone", "airforce"})  # ("bomber" is a person too)
IRREGULAR_ATTACKERS = frozenset({"gunman", "bomber", "attacker", "assailant", "shooter", "hijacker", "kidnapper",
                                 "terrorist", "man", "mob", "extremist", "jihadist", "sniper", "suspect", "knifeman"})
# the words of a game: "defending champion Croatia", "rallied to beat Bautista", "attacked the goal"
SPORT_WORDS = frozenset({"champion", "crown", "championship", "cup", "trophy", "medal", "goalkeeper", "goalie",
                         "midfielder", "tournament"})
COMEBACKS = frozenset({"behind", "deficit", "set", "down", "goal", "point"})  # "rallied from behind"
WINNING_VERBS = frozenset({"beat", "defeat", "win", "level", "edge", "overcome", "clinch", "secure", "finish", "tie",
                           "draw", "reach", "claim", "take"})
# verbs that report what someone says happened ("said X violated ...") rather than weigh it
SAYING_VERBS = frozenset({"say", "claim", "stress", "insist", "report", "state", "tell"})
MANDATIVE_VERBS = frozenset({"insist", "propose", "suggest", "recommend", "require", "demand", "urge", "ask"})
# "No country recognised it", "Neither X nor Y signed": a subject that says nobody did it
NEGATING_DETERMINERS = frozenset({"no", "neither"})
# "failed to reach a deal", "neglected to inform", "was unable to meet": the act governed did not happen
FAILURE_VERBS = frozenset({"fail", "neglect", "unable", "unwilling"})
# particles that leave the verb's sense as it is ("beat up", "shot dead" is no particle)
NEUTRAL_PARTICLES = frozenset({"up"})
# verb forms a particle turns into another verb, whatever the particle: "wound up" (ended up) is
# no wounding, "troops freed up" (made available) no release
PARTICLE_VERBS = frozenset({"wound", "free", "freed", "frees", "freeing"})
# prepositions of a trigger's setting ("demanded X at the talks"): not what the act is about
SETTING_PREPS = frozenset({"at", "during", "after", "before", "since", "amid", "following", "despite", "ahead"})
# "in protest at X", "in response to X": the manner or cause of the sentence's act, not an act of its own
CAUSE_NOUNS = frozenset({"protest", "response", "retaliation", "reprisal", "reaction", "revenge", "wake"})
# nouns whose "of" names an act already past: "the anniversary of the attack", "in the aftermath of the raid"
PAST_ACT_HEADS = frozenset({"anniversary", "aftermath", "wake", "memory", "memorial", "commemoration", "victim",
                            "survivor", "legacy", "history", "scene", "site", "ruin", "remains"})
# ("while" and "as" also join simultaneous acts: "praised X, while Y promised Z")
BACKGROUND_MARKS = frozenset({"after", "before", "since", "when", "because"})
CONDITION_MARKS = frozenset({"if", "unless", "whether"})
# a clause marked so tells an act that came before the act of the clause above it: its date is
# not that clause's date ("the trip comes nine months after Putin hosted Kim")
EARLIER_ACT_MARKS = frozenset({"after", "since"})
# a clause joined by these tells what happened ("once they landed"); "until", "before", "if" do not
FACT_MARKS = frozenset({"once", "after", "when", "because", "since", "while", "as", "although", "though"})
# "help someone to do something": the verb lends a hand to another act. ("Allow X to run" stays a
# yielding: PLOVER codes a permission given as CONCEDE.)
ENABLING_VERBS = frozenset({"help", "enable", "assist"})
# what is asked when "ask" puts a question: "asked a question", "asked why"
QUESTION_WORDS = frozenset({"question", "questions", "what", "why", "how", "who", "whether", "if", "where", "when"})
RELATIVE_PRONOUNS = frozenset({"which", "who", "that", "whom"})
THING_PRONOUNS = frozenset({"it", "this", "that", "which", "what", "something", "anything"})
FIRST_PERSON = frozenset({"i", "we"})
REFLEXIVES = frozenset({"himself", "herself", "itself", "themselves", "myself", "ourselves", "yourself"})
PERSONAL_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "him", "her", "them", "us", "i", "you"})
ACTOR_NOUNS = frozenset({
    "government", "army", "military", "force", "troop", "soldier", "police", "official", "minister", "president",
    "leader", "premier", "spokesman", "spokeswoman", "spokesperson", "delegation", "rebel", "militant", "insurgent",
    "opposition", "party", "community", "people", "country", "nation", "state", "side", "parliament", "ministry",
    "agency", "council", "authority", "regime", "embassy", "ambassador", "envoy", "diplomat", "counterpart", "ally",
    "neighbor", "neighbour", "man", "woman", "refugee", "protester", "student", "worker", "court", "head", "general",
    "staff", "commander", "chief", "secretary", "king", "queen", "chancellor", "mediator", "negotiator", "team",
    "organization", "organisation", "union", "group", "alliance", "coalition", "administration", "cabinet",
    "congress", "senate", "navy", "guard", "militia", "faction", "movement", "front", "inspector", "peacekeeper",
    "monitor", "observer", "journalist", "activist", "member", "partner", "west", "westerner", "capital",
    "guerrilla", "guerilla", "fundamentalist", "landowner", "youth", "demonstrator", "villager", "resident",
    "supporter", "follower", "fighter", "gunman", "bomber", "separatist", "extremist", "terrorist", "settler",
    "farmer", "miner", "crowd", "mob", "agent", "officer", "administration", "prosecutor", "judge", "bulldozer",
    "helicopter", "jet", "warplane", "artillery", "tank", "police", "troops", "contingent", "peacekeeper",
    "inhabitant", "citizen", "population", "worker", "victim", "newspaper", "radio", "television", "broadcaster",
    "paper", "media", "governor", "mayor", "chairman", "director", "bishop", "archbishop", "cleric", "priest",
    "imam", "pope", "lawyer", "senator", "lawmaker", "legislator", "deputy", "representative", "delegate",
    "candidate", "politician", "dissident", "prisoner", "hostage", "detainee", "civilian", "child", "employee",
    "company", "firm", "bank", "tribe", "clan", "chieftain", "warlord", "sheikh", "prince", "emperor", "dictator",
    "junta", "legislature", "assembly", "tribunal", "commission", "committee", "board", "bloc", "federation",
    "league", "association", "institute", "agency", "network", "brigade", "battalion", "unit", "squad", "gang",
    "warship", "ship", "vessel", "boat", "gunboat", "aircraft", "plane", "drone", "submarine",
    "captive", "crew", "fisherman", "foreigner", "immigrant", "migrant", "missionary", "national", "opponent",
    "pilot", "sailor", "suspect", "tourist", "commando", "marine", "paratrooper", "policeman", "coastguard",
})
# things that are no actors when they are the subject of an act: documents, measures, plans, ideas
# ("the plan could boost troops", "an essay discussing X", "the bill bans protests")
THING_NOUNS = frozenset({
    "plan", "report", "essay", "article", "study", "statement", "video", "film", "book", "letter", "document",
    "bill", "law", "move", "decision", "deal", "agreement", "proposal", "resolution", "measure", "policy",
    "program", "programme", "project", "initiative", "idea", "story", "post", "tweet", "message",
    "data", "figure", "survey", "poll", "research", "paper", "analysis", "review", "change", "rule",
    "regulation", "system", "technology", "product", "device", "money", "budget", "photo", "picture", "image",
    "footage", "clip", "song", "show", "episode", "app", "website", "site", "platform", "campaign", "effort",
    "strategy", "approach", "method", "process", "situation", "crisis", "problem", "question", "case",
    # weapons that went off: the attack is by someone unnamed
    "bomb", "mine", "landmine", "shell", "missile", "rocket", "grenade", "bullet", "blast", "ied",
    # opinions clash, people do not: "his views clashed with those of the governor"
    "view", "opinion", "belief", "value", "interest",
    # "killed by terrorism and armed conflict": what kills, not who
    "terrorism", "conflict", "violence", "war", "warfare", "unrest", "insurgency", "crossfire",
})
# what one fights without arms: "fighting addiction", "battling the flames", "the war on poverty"
# "seized power in a coup", "seized the initiative": no property or place is taken (CAMEO has no code
# for a coup; "seized control of the town" takes the town)
NOT_PROPERTY = frozenset({"power", "initiative", "opportunity", "chance", "moment", "lead", "headline", "attention",
                          "imagination", "spotlight", "momentum", "advantage"})
FIGURATIVE_FOES = frozenset({
    "addiction", "disease", "cancer", "illness", "crime", "corruption", "poverty", "flame", "blaze",
    "wildfire", "inflation", "unemployment", "hunger", "obesity", "depression", "virus", "infection", "epidemic",
    "pandemic", "drug", "tooth", "nail", "odds", "tear", "urge", "temptation", "climate", "stigma",
    "discrimination", "racism", "injustice", "bureaucracy", "traffic", "weather", "storm", "flood", "drought",
})
# "tens of thousands of students", "a group of refugees": the actor is the "of" phrase
QUANTITY_NOUNS = frozenset({"ten", "tens", "hundred", "hundreds", "thousand", "thousands", "dozen", "dozens",
                            "group", "number", "patch", "band", "unit", "deployment", "delegation", "team"})
# nouns through which a light verb still does the act: "took part in", "launched a wave of attacks"
PART_NOUNS = frozenset({"part", "wave", "series", "campaign", "string", "spate", "round", "number", "day", "week",
                        "month", "year", "hour", "night", "kind", "form", "act", "way", "lot", "couple", "role"})
POSSESSIVE_PRONOUNS = frozenset({"its", "their", "his", "her", "our", "my", "your"})
# nouns that take an event noun as modifier: "a mediation mission", "peace efforts"
GENERIC_HEADS = frozenset({"mission", "effort", "process", "operation", "campaign", "bid", "attempt", "programme",
                           "program", "plan", "deal", "package"})
PAIR_NOUNS = frozenset({"man", "leader", "country", "side", "nation", "president", "government", "party", "state",
                        "neighbor", "neighbour", "capital", "power", "ally"})
NP_EXCLUDED_DEPS = frozenset({"relcl", "acl", "prep", "appos", "punct", "cc", "conj", "advcl", "parataxis"})
ACTOR_LABELS = frozenset({"PERSON", "NORP", "ORG", "GPE"})
NON_ACTOR_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
# names of bodies, places and things, whose words are not acts ("Gulf Cooperation Council")
TITLE_LABELS = frozenset({"WORK_OF_ART", "LAW", "EVENT", "PRODUCT", "ORG", "FAC"})  # names a verb may start
NAME_LABELS = frozenset({"ORG", "FAC", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT", "GPE", "LOC", "NORP", "PERSON"})
# "the government of X", "soldiers from X", "officials in X": the role belongs to X (CAMEO codes an
# actor of no stated nationality by the country it is in)
AFFILIATION_PREPS = frozenset({"of", "from", "in"})
# ... a place or a body: "supporters of President X" are not X
AFFILIATION_LABELS = frozenset({"GPE", "LOC", "ORG", "NORP"})
# bodies that are somewhere without being that place's state ("a group in Syria", "a company in Peru");
# officials, police, troops in a country are coded by it, as CAMEO does
LOCATED_BODIES = frozenset({"group", "organization", "organisation", "company", "firm", "network", "team",
                            "association", "movement", "institute", "bank", "charity", "club", "band"})
BACKERS = frozenset({"backed", "supported", "sponsored", "funded", "armed", "trained", "allied"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
QUOTE_MARKS = frozenset({'"', "“", "”", "«", "»"})
