"""Does this text suggest a child may be at risk now?

Rules, grouped by the kind of harm they signal, tuned for recall: a false alarm costs a
duty officer a minute, a missed one can cost a child. When in doubt, flag
(data/risk/README.md sets out the labelling policy the rules are measured against).

How a text is read:
1. It is split into tokens (words, punctuation, emoji), each keeping its offsets in the
   original text, so every match can be shown to staff as the words the family wrote.
2. Each token is normalised: lower-cased, curly quotes and apostrophes dropped ("he's" and
   "hes" read the same), letters repeated three or more times squeezed ("sooo" -> "so",
   "killll" -> "kil"), then a table turns text-speak and common misspellings into plain
   words ("kms" -> "kill myself", "bf" -> "boyfriend", "sucide" -> "suicide"), and a word
   still unknown that is one edit from a key harm word ("strangld", "tuches") is read as
   that word (rapidfuzz, optimal string alignment distance).
3. The phrases below are searched in the normalised text, tokens joined by single spaces.
A few narrow "discount" phrases (a knife-crime talk, "this delay is killing me", "no
safeguarding concerns") remove only the match they cover; nothing else is negated,
because "he never feeds us" and "I'm not safe" must still flag.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import OSA

from app.config import ROOT
from app.text import theme_model


@dataclass(frozen=True)
class Evidence:
    """Why a signal was raised: the words in the original text, and where they are.

    A rule's evidence is the phrase it matched. The model's is the sentence it found most
    urgent, with the terms that counted most in terms (empty for a rule).
    """

    signal: str
    text: str
    start: int
    end: int
    terms: tuple[str, ...] = ()


@dataclass(frozen=True)
class RiskAssessment:
    urgent: bool
    signals: tuple[str, ...]
    # One entry per match, in text order; empty when nothing was seen.
    evidence: tuple[Evidence, ...] = ()


# --- pieces the phrases are built from -------------------------------------------------
# Somebody a harm can be done to: the writer, a pronoun, "my son", "the baby", "the kids".
_KIN = (
    r"(?:son|sons|daughter|daughters|boy|girl|kids?|child|children|baby|babies|toddler|"
    r"brother|sister|bro|sis|niece|nephew|grandson|granddaughter|grandchild|grandchildren|"
    r"grandkids|little ones?|twins|mum|mam|mom|mother|siblings?|cousin|step ?(?:son|daughter)|"
    r"youngest|eldest|oldest|younger ones|older ones|lad|lass|wee one)"
)
_WHO = (
    rf"(?:me|us|him|her|them|you|my (?:\w+ )?{_KIN}|(?:his|her|their|our|the|your) (?:\w+ )?{_KIN}|"
    rf"{_KIN}|my (?:mum|mam|dad|face|head|arm|legs?|back|neck)|everyone)"
)
# A few words between two parts of a phrase.
_GAP = r"(?:\S+ ){0,4}?"
_GAP_WIDE = r"(?:\S+ ){0,8}?"
_ADULT = (
    r"(?:men|man|lads|boys|guys|blokes|bloke|guy|males?|adults?|adult males?|people|gang|"
    r"dealers?|women|woman|girls|youths)"
)
_DAYS = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|last night|the weekend|weekend)"

# How much a match alone can be trusted. A "weak" pattern is a bare harm word ("abuse",
# "threat", "at risk", "self-harm") that files, letters and closed cases use as often as
# disclosures; a "protected" one is a disclosure that must reach safeguarding whatever
# the rest of the text says (sexual abuse, suicidal intent, a child left alone). Every
# other pattern counts as weak only in a sentence that dates or frames it (see _CONTEXT).
_WEAK_PATTERNS: set[str] = set()
_PROTECTED_PATTERNS: set[str] = set()
# Every pattern of these signals is protected except the bare words marked weak.
_PROTECTED_SIGNALS = frozenset({"sexual-abuse", "self-harm-suicide"})


def _weak(pattern: str) -> str:
    _WEAK_PATTERNS.add(pattern)
    return pattern


def _protected(pattern: str) -> str:
    _PROTECTED_PATTERNS.add(pattern)
    return pattern


_SIGNALS: dict[str, tuple[str, ...]] = {
    "violence": (
        # Strong verbs: a few words may stand between the verb and the person.
        r"\b(?:hit|hits|hitting|punch|punches|punched|punching|kick|kicks|kicked|kicking|beat|"
        r"beats|beating|beaten|batter|batters|battered|battering|slap|slaps|slapped|slapping|"
        r"smack|smacks|smacked|smacking|whack|whacks|whacked|thump|thumps|thumped|lamp|lamps|"
        r"lamped|belt|belts|belted|belting|booted|throttle[sd]?|throttling|strangle[sd]?|strangling|"
        r"choke[sd]?|choking|headbutt\w*|burnt|scald\w*|stamped|stamps|stamping|hurts|hurting|"
        rf"dragged|drags|pinned|pins|shoved|shoves|attacked|attacks|injured|injures|bullies|bullying) {_GAP}{_WHO}\b",
        # Weak verbs (everyday meanings too): only right next to the person.
        r"\b(?:hurt|harm|harms|harming|push|pushed|pushes|grab|grabbed|grabs|shook|shakes|bit|"
        r"bites|bitten|burned|burns|twisted|squeezed|choked|scratched) (?:\S+ )?"
        rf"(?:me|us|him|her|them|my (?:\w+ )?{_KIN}|(?:the|his|her|their|our) {_KIN}|{_KIN})\b",
        r"\b(?:bruis\w*|black eye|broken (?:arm|leg|bone|ribs?|nose|wrist)|burn marks?|"
        r"marks on (?:his|her|my|their) \w+|fingertip marks|hand ?print|handprint|"
        r"cigarette burns?|split lip|swollen lip|lip was (?:all )?swollen)\b",
        # The bare words name a kind of harm; files, letters and past cases use them too.
        _weak(r"\b(?:abus\w*|assault\w*|violen\w*|domestic (?:abuse|violence)|dv)\b"),
        r"\b(?:beaten up|beat (?:me|him|her|them|us) up|knocks? "
        r"(?:me|him|her|them|us) about|knocked (?:me|him|her|them|us) about|battered|batters|"
        r"leathering|a (?:good )?hiding|gives? (?:me|him|her|them|us) a hiding|"
        r"physically chastis\w*|chastis\w* (?:him|her|them|me))\b",
        r"\b(?:by (?:the|my|his|her) (?:throat|neck|hair)|round the (?:head|ear|face)|"
        r"across the (?:face|head)|in the (?:face|stomach|head|ribs|belly)|down the stairs|"
        r"with a (?:belt|stick|cable|slipper|wooden spoon|shoe|lead|hanger|hairbrush))\b",
        # An injury on a child's body, however it is worded ("a burn on her arm").
        r"\b(?:a |an |the )?(?:burn|burns|cut|cuts|bruise|mark|marks|injury|injuries|graze|welts?|"
        r"bite marks?|scratches) (?:on|to|all over) (?:his|her|their|my|the babys?) (?:\w+ )?"
        r"(?:arm|arms|leg|legs|face|back|neck|hand|hands|head|chest|bum|bottom|body|cheek|ear)\b",
        r"\b(?:gets?|got|getting|takes?|took|taking) (?:his|her|their|the|a) (?:belt|slipper|stick|"
        r"wooden spoon|cane) (?:out|off)\b",
        r"\b(?:throws?|threw|throwing|chucks?|chucked) (?:stuff|things|plates?|cups?|bottles?|"
        r"furniture|chairs?) at\b",
        r"\b(?:broke|broken|breaks) (?:my|his|her|their) (?:\w+ )?(?:arm|leg|nose|wrist|ribs?|jaw|fingers?)\b",
    ),
    "sexual-abuse": (
        r"\b(?:sexual\w*|sex with|have sex|had sex|having sex|sex stuff|rape|raped|rapes|raping|"
        r"rapist|molest\w*|groom\w*|paedo\w*|pedo\w*|nonce|sextort\w*|indecent\w*|"
        r"inappropriate\w* touch\w*|touch\w* (?:\w+ )?inappropriately)\b",
        r"(?<!in )(?<!keep )(?<!get )\b(?:touch|touches|touched|touching|fondl\w*|grop\w*) (?:\S+ )?"
        r"(?:me|him|her|them|my|his|her|their|the (?:kids|children|baby))\b",
        r"\b(?:made|makes|make|making|forces?|forced|forcing|gets|got|tells|told) (?:me|him|her|them) "
        r"(?:to )?touch\b",
        r"\b(?:private parts?|privates|down (?:my|his|her|their) (?:pants|trousers|knickers|top)|"
        r"in (?:my|his|her|their) (?:pants|knickers)|no clothes|naked|undress\w*|nude|nudes|"
        r"explicit (?:pics|pictures|photos|images|messages|videos|content)|porn\w*|"
        r"dirty (?:messages|texts|pics|pictures|photos|videos)|sexting)\b",
        r"\b(?:send|sending|sent|sends|share|sharing|shared|asking for|asks? for|asked for|wants?|"
        r"leaked?|post(?:ed|ing)?) (?:me |him |her |them |you |some |more |his |her |my )?"
        r"(?:pics|snaps|vids|pictures of (?:me|her|him|my|your)|photos of (?:me|her|him|my|your)|"
        r"images of (?:me|her|him|my|your))\b",
        r"\b(?:comes?|came|coming|gets|got|getting) (?:in|into) (?:my|her|his|their|the kids) "
        r"(?:room|bed|bedroom)\b|\b(?:comes?|came|coming|walks?|walked|walking) (?:in|into) (?:the )?"
        r"(?:bathroom|shower|toilet)\b",
        r"\b(?:asking|asks|asked|ask) (?:\S+ ){0,2}?for (?:photos|pictures|pics|images|videos)\b|"
        r"\bgrown (?:man|men|adult|adults|up|ups) (?:\S+ ){0,3}?(?:messag\w*|texting|texts|snapchat\w*|"
        r"chatting|talking to|dms?)\b",
        r"\b(?:in the (?:bath|shower) with|watches (?:me|her|him) (?:in the|when)|"
        r"watch(?:es|ing)? (?:me|her|him) (?:shower|undress|change|get changed)|stares at (?:me|her|him))\b",
        r"\b(?:our (?:little )?secret|keep (?:it|this) (?:a )?secret|(?:makes|made|tells|told) "
        r"(?:me|her|him|us) (?:to )?keep (?:\S+ )?secrets?|(?:do|does|doing) (?:stuff|things) "
        r"(?:\S+ ){0,3}(?:dont|do not) want|make[sd]? (?:me|her|him) do (?:stuff|things)|"
        r"(?:try|tries|tried|trying) to kiss (?:me|her|him))\b",
        r"\b(?:1[0-5]|[2-9]|ten|eleven|twelve|thirteen|fourteen|fifteen) "
        r"(?:year old|years old|yr old|yrs old|yo|y o|and)\b (?:\S+ ){0,4}?(?:pregnant|sleeping with|"
        r"having sex)\b",
        r"\b(?:1[0-5]|[2-9]) (?:year old|years old|yr old|yo)\b (?:\S+ ){0,10}?"
        r"(?:1[89]|[2-6]\d) ?(?:year old|years old|yr old|yo)\b",
        r"\b(?:1[89]|[2-6]\d) ?(?:year old|yr old|yo) (?:\S+ ){0,2}?(?:man|men|boyfriend|girlfriend|"
        r"bloke|guy|woman|partner|lover)\b",
        r"\b(?:meet (?:up with )?(?:him|her|them)|video call) (?:\S+ ){0,6}?(?:no clothes|naked|secret|"
        r"dont tell|buy me)\b|\bbuy (?:me|her|him) (?:stuff|things) if\b",
    ),
    "self-harm-suicide": (
        _weak(r"\b(?:suicid\w*|self ?harm\w*|overdos\w*)\b"),
        r"\b(?:catch the bus|unalive\w*|"
        r"take my own life|take (?:his|her|their) own life|took (?:his|her|their|my) own life|"
        r"end (?:my|his|her|their) (?:own )?life|ending (?:my|his|her) life|end it all|"
        r"ending it all|(?<!the )end it|(?<!the )ending it|end things|goodbye (?:letter|note|message)s?|"
        r"(?:written|wrote|writing) my note|suicide note)\b",
        r"\b(?:kill|killing|killed|hurt|hurting|harm|harming|cut|cutting|cuts|burn|burning|burnt|"
        r"hang|hanging|hanged|strangle|strangling|scratch|scratching|starve|starving|unalive|drown|"
        r"drowning|end|ending|punch|punching|hit|hitting) (?:my|him|her|them|your|our)? ?(?:self|selves|sel)\b",
        r"\b(?:want|wants|wanted|wanna|wish|wishing|going|gonna|ready|rather|prefer|like) "
        r"(?:\S+ ){0,3}?(?:to )?(?:die|be dead|dead|not exist|not be here|disappear forever|"
        r"not wake up|never wake up|go to sleep forever|sleep forever|be gone|end it)\b",
        r"\b(?:dont|do not|doesnt|does not|didnt) (?:really )?(?:want|wanna|wish) (?:to )?"
        r"(?:live|be alive|be here|exist|wake up)\b",
        r"\b(?:better off (?:dead|without me|without him|without her|if i was gone)|"
        r"no (?:point|reason) (?:in |to )?(?:living|live|being alive|going on|be(?:ing)? here)|"
        r"(?:would|will|wouldnt|wont)(?: even)? (?:miss|notice) (?:me|if i)|"
        r"(?:nobody|no one) (?:would |will |wud )?(?:miss|care|notice|care if)|"
        r"(?<!\bit )(?<!this )(?<!that )(?:cant|cannot|can not) (?:do|take|cope with|go on|carry on|cope)"
        r"(?: this| it)?(?: any ?more| much longer)|"
        r"(?:cant|cannot) go on like this|(?:dont|cant|do not|cannot) see (?:the|any) point (?:in|of) "
        r"(?:living|being alive|life|going on|being here|anything)|"
        r"whats the point (?:in|of) (?:living|being alive|life|going on|anything)|"
        r"(?:want|need) it (?:all )?(?:to )?(?:be )?over|"
        r"not (?:going to|gonna) be (?:here|around) (?:much )?(?:longer|for long)|"
        r"giving (?:his|her|my|their) (?:things|stuff|belongings) away|"
        r"rather be dead|wish i was dead|wish i (?:wasnt|was not|had never been) born|"
        r"hate (?:myself|being alive|my life) (?:\S+ ){0,4}?die)\b",
        r"\b(?:sh|sh ing|shing) (?:again|scars?|cuts?|urges?|marks)\b|"
        r"\b(?:doing|did|do|done|does|started|start|stop|stopped|stopping|my|his|her|relapsed?|"
        r"urges? to|into) sh\b",
        _weak(r"\b(?:relapsed?|relapsing)\b"),
        r"\b(?:my|his|her|their) (?:arms|legs|wrists?|thighs) "
        r"(?:are|is) (?:a mess|covered|cut)\b",
        r"\b(?:pills|tablets|paracetamol|blades?|razors?|rope|ligature|noose)\b (?:\S+ ){0,6}?"
        r"(?:myself|ready|die|end|swallow\w*|saved|saving|stash\w*|hid|hiding|tonight)\b|"
        r"\b(?:jump|jumping|jumped) (?:off|from|in front of) (?:a|the) (?:bridge|building|roof|"
        r"train|car|cliff|multi storey|car park)\b|\bunder a (?:train|bus|car|lorry)\b",
        r"\b(?:took|taken|take|taking|swallowed|swallow|downed) (?:all|loads|a load|a packet|a box|"
        r"a bottle|the whole|a handful|handfuls|lots|\d+)\b(?: \S+){0,3}? (?:pills|tablets|paracetamol|"
        r"packet|box|bottle|meds|medication)\b|\bsaved up (?:\S+ ){0,2}(?:pills|tablets)\b|"
        r"\b(?:swallowed|downed) (?:\S+ ){0,3}(?:pills|tablets|paracetamol)\b",
        r"\b(?:try|tried|tries|trying|attempt\w*) to (?:hang|kill|end|strangle|drown)\b",
    ),
    "neglect": (
        _weak(r"\bneglect\w*\b"),
        r"\b(?:no food|nothing (?:\S+ ){0,4}?to eat|not (?:been )?fed|never fed|"
        r"(?:no one|nobody) (?:feeds|fed|looks after|cooks|takes care|cares for)|"
        r"starv\w*|always hungry|(?:are|is|go|going|goes|went|were|gone) hungry|hungry all|"
        r"one meal a day|cant afford (?:to feed|food)|skipping meals)\b",
        r"\b(?:havent|hasnt|have not|has not|hadnt|had not|didnt|did not|not|never|dont|doesnt|do not) "
        r"(?:\S+ ){0,2}?(?:eaten|fed|had (?:any |a )?(?:food|meal|proper meal|dinner|tea|breakfast|"
        r"anything to eat)|gets? (?:any )?(?:food|fed|a meal|dinner|tea)|got (?:any )?(?:food|a meal))\b",
        _protected(
            r"(?<!would )(?<!to )(?<!just )(?<!please )\b(?:left|leaves|leaving|leave) (?:\S+ ){0,4}?"
            r"(?:alone|on (?:their|his|her|my|our|there) own|by (?:them|him|her|my)sel(?:f|ves)|"
            r"unattended|with no one|with nobody|in the cot)\b|"
            r"\b(?:home alone|on (?:their|his|her|our|there) own all|no one is in the house|"
            r"nobody in the house|never seen an adult|no one (?:to|looking) (?:look after|after|watching))\b"
        ),
        r"\b(?:locked|lock|locks|locking) (?:\S+ ){0,3}?(?:in|out|inside|outside)\b"
        r"(?! of (?:the|my|our) (?:portal|account|system|app|website|email))|"
        r"\bshut (?:me|him|her|them|us) (?:in|out)\b",
        r"\b(?:nappy|nappies)\b (?:\S+ ){0,6}?(?:not|hasnt|dirty|soaked|full|rash|never|all day)|"
        r"\bdirty nappy\b",
        r"\b(?:filthy|smelly|stinks?|dog mess|faeces|bare mattress|no bed|(?:sleep|sleeps|sleeping) "
        r"on (?:a |the )?(?:floor|mattress))\b|"
        r"\b(?:kids|children|baby|they|he|she) (?:are|is|always|always are)\b (?:\S+ ){0,2}?(?:dirty|filthy|smelly)\b",
        r"\bno (?:electric|electricity|heating|heat|gas|water|beds?|nappies|milk|formula)\b|"
        rf"\b(?:{_KIN}|house|flat|home) (?:\S+ ){{0,4}}?freezing\b|\bwandering\b",
        r"\b(?:passed out|off (?:her|his|their) (?:face|head|heads)|"
        r"spends? (?:it all|all the money|the money|everything) on)\b|"
        r"\b(?:mum|dad|she|he|they|parents?) (?:is |are |s |was |were |gets |get )?(?:always )?"
        r"(?:drunk|wasted|high|stoned|on drugs|off (?:her|his) face)\b",
        r"\b(?:wont|will not|never|doesnt|does not|isnt|not|refuses to|nobody|no one) (?:\S+ ){0,3}?"
        r"(?:take|takes|took|taking|giving|give|gives|gave) (?:\S+ ){0,3}?(?:doctor|gp|dentist|hospital|"
        r"insulin|inhaler|meds|medicine|tablets)\b|"
        r"\b(?:hasnt|havent|not|never) (?:been )?(?:seen|taken to|registered with) (?:a|the|any) "
        r"(?:doctor|gp|dentist)\b",
        r"\b(?:kicked out|thrown out|threw me out|put (?:\S+ ){0,2}out on the street|on the streets?|"
        r"sleeping rough|sofa surf\w*|nowhere to (?:stay|sleep|go|live)|"
        r"no where to (?:stay|sleep|go)|homeless)\b",
        r"\b(?:look after|looking after|care for|caring for|feed|feeding) (?:my|our) "
        r"(?:baby |little |younger )?(?:brothers?|sisters?|siblings)\b|\bgets? (?:him|her)self to school\b|"
        r"\b(?:mum|dad|she|he) (?:is |s )?always (?:asleep|in bed|drunk|out)\b|"
        r"\bdoesnt get out of bed\b",
        r"\b(?:losing weight|lost weight|skin and bone|underweight)\b",
    ),
    "exploitation": (
        _weak(r"\b(?:county lines|exploit\w*|traffick\w*)\b"),
        r"\b(?:cuckoo\w*|plugg\w*|pimp\w*|grafting|"
        r"running (?:lines|drugs|a line)|drug runner|runner for|burner|trap house|trapping|"
        r"debt bondage|drop offs?|drop off for|dealing (?:drugs|weed|gear|for|from)|drug deal\w*)\b",
        r"\b(?:carry|carrying|carries|carried|hold|holding|holds|held|stash|stashing|"
        r"deliver\w*|sell|selling|sells|sold) (?:\S+ ){0,3}?(?:stuff|things|packages?|parcels?|drugs|"
        r"weed|gear|bags?|for (?:him|her|them|some|older|a gang|people))\b",
        r"\b(?:made|making|makes|make|forced|forcing|force|forces) (?:me|him|her|them|us|my \w+|"
        r"the kids) (?:to )?(?:sell|carry|deal|run|hold|stash|deliver|work for|be (?:a|their))\b|"
        r"\bgets? (?:me|him|her|them|us) to (?:carry|sell|hold|deal|deliver|run|stash|do (?:jobs|drops|runs))\b",
        r"\b(?:give|gives|gave|giving|given|buy|buys|bought|offer\w*|sends?|sent|supply|supplies) "
        r"(?:\S+ ){0,2}?(?:weed|drugs|vodka|alcohol|booze|vapes?|cigs|cigarettes|free stuff)\b",
        r"\b(?:he|she|they|men|man|lads|guy|guys|who|someone|somebody|older \w+) (?:\S+ ){0,2}?"
        r"(?:give|gives|gave|buy|buys|bought|sends?|sent) (?:me|him|her|my \w+) (?:\S+ )?"
        r"(?:money|cash|lifts?|gifts?|presents|phones?|trainers|everything)\b",
        r"\b(?:owe|owes|owed|owing) (?:them|him|her|some|people|money)\b|"
        r"\bdebt (?:with|to) (?:some|them|him|dealers|the)\b|\bwork it off\b",
        rf"\bolder (?:men|man|lads|boys|guys|blokes|bloke|guy|males?|girls|youths)\b|"
        rf"\b{_ADULT} (?:in|with) (?:a )?cars?\b|\b(?:into|in) cars? with\b|"
        rf"\bpick(?:ed|s|ing)? (?:\S+ ){{0,3}}up\b (?:\S+ ){{0,3}}?(?:by {_ADULT}|in (?:a )?cars?)",
        _weak(r"\b(?:gang|gangs|dealers?)\b"),
        r"\b(?:two|2|second|new|extra|another) (?:\S+ ){0,2}?(?:phones?|trainers)\b (?:\S+ ){0,10}?"
        r"(?:wont say|will not say|doesnt say|where from|where the money|cash|money)\b|"
        r"\b(?:comes?|came|coming) (?:back|home) (?:high|stoned|drunk|with (?:cash|money|loads|new|expensive))\b|"
        r"\bwont (?:say|tell) (?:me )?where (?:the money|it|he|she)\b",
        r"\b(?:keeps?|keep) (?:going|going off|getting the train|travelling) (?:\S+ ){0,2}?to "
        r"(?:birmingham|london|manchester|liverpool|bristol|cardiff|leeds|wolverhampton|coventry|"
        r"another (?:town|city|county))\b|\b(?:found|picked up|stopped|arrested) in another (?:county|town|city)\b",
        r"\b(?:took|taken|take|takes|taking) over (?:\S+ ){0,2}(?:flat|house|home|place)\b",
        r"\b(?:money|cash|paid|pays|pay) (?:for|me for) (?:pics|photos|sex|pictures|videos)\b",
    ),
    "missing": (
        rf"\b(?:he|she|they|i|him|her|them|{_KIN}|young person|yp) (?:(?:is|are|was|were|has|have|had|"
        r"been|gone|going|went|go|goes|keeps|kept|now|still|s|also|again|reported|being) ){0,4}"
        r"(?:missing|awol|vanished|disappeared)\b",
        r"\b(?:awol|absconded|abscond\w*|run away|ran away|running away|runaway|run off|ran off|"
        r"running off|runs off|missing from (?:home|care|school|placement|the home))\b",
        r"\b(?:not|hasnt|has not|havent|have not|didnt|did not|never|hadnt|isnt|not yet) "
        r"(?:\S+ ){0,2}?(?:come|came|coming|been|returned|return) (?:\S+ ){0,2}?(?:home|back)\b"
        r"(?! to (?:me|us|you))",
        r"\b(?:never|not) (?:came|come|returned) back\b(?! to (?:me|us|you))|"
        r"\bhas(?:nt| not) returned\b(?! (?:my|our|the) )",
        r"\b(?:dont|do not|doesnt|does not|didnt|no one|nobody|noone) (?:\S+ ){0,2}?knows? "
        rf"where (?:he|she|they|hes|shes|theyre|my (?:\w+ )?{_KIN}|{_KIN}|him|her|i am|im|i)\b|"
        rf"\bno idea where (?:he|she|they|hes|shes|theyre|my (?:\w+ )?{_KIN}|{_KIN}|him|her|i am|im)\b|"
        rf"\bno sign of (?:him|her|them|my|the (?:kids|children))\b|"
        rf"\bcant find (?:him|her|them|my (?:\w+ )?{_KIN})\b",
        rf"\b(?:not|hasnt|havent|nobody|no one|noone) (?:has |have |had )?(?:been )?(?:seen|heard from|heard of) "
        rf"(?:him|her|them|my (?:\w+ )?{_KIN}|{_KIN})\b|\b(?:hasnt|has not|not|havent) been seen\b",
        r"\b(?:police|they) (?:are |were )?(?:looking|searching) for\b|\breported (?:\S+ ){0,2}missing\b",
        r"\b(?:stays?|staying|stayed) out (?:for|all) (?:days|night|nights|weekend)\b|"
        r"\bout all (?:night|hours)\b|\b(?:ive|i have|i|he|she|they|hes|shes|has) (?:\S+ ){0,2}?"
        r"(?:left|leaving) home\b|\b(?:he|she|they|hes|shes|theyre|theyve) (?:is |s |are )?not answering\b|"
        r"\b(?:phone|phones) (?:is |are )?(?:off|dead)\b|\bnot to look for\b|"
        r"\b(?:gone|left|went|packed) (?:\S+ ){0,4}?(?:taken|took|taking) (?:nothing|everything|"
        r"(?:all )?(?:her|his|their) (?:stuff|things|clothes|bag))\b",
    ),
    "threat": (
        _weak(r"\b(?:threat\w*|menac\w*)\b"),
        r"\b(?:knife|knives|blade|blades|machete|machetes|gun|guns|firearm|pistol|shank|"
        r"stab|stabs|stabbed|stabbing|shoot|shooting|acid attack|baseball bat|zombie knife|weapon\w*)\b|"
        r"\bshot (?:him|her|me|at|them|dead)\b|\b(?:throw|chuck|chucked|threw) acid\b",
        r"\b(?:kill|murder|hurt|harm|stab|shoot|burn|smash|beat|batter|jump|strangle|slash) "
        r"(?:\S+ ){0,2}?(?:me|you|us|him|her|them|my|his|the kids|the baby|the children|everyone)\b "
        r"(?:\S+ ){0,3}?(?:if|when|unless)\b",
        r"\b(?:break|smash) (?:my|his|her|your|their) (?:legs?|arms?|neck|face|jaw|fingers|head)\b",
        r"\b(?:said|says|saying|say|told|tells|texted|texting|messaged|posted|posting|threatened|"
        r"threatening|shouting|screamed|screaming|swears?|swore|promised|warned) (?:\S+ ){0,6}?"
        r"(?:kill|murder|hurt|harm|stab|shoot|burn|smash|do (?:\S+ ){0,2}in|get (?:me|us|him|her|them)|"
        r"coming for|come for|come after|make (?:\S+ ){0,2}disappear|take (?:\S+ ){0,2}(?:kids|baby|children)|"
        r"jump (?:\S+ ){0,2}(?:him|her|me|son|daughter)|strangle|throw acid)\b",
        r"\b(?:hell|shell|theyll|hed|shed|theyd|will|would|wud|going to|goin to) "
        r"(?:\S+ ){0,2}?(?:kill|murder|hurt|harm|stab|shoot|burn|smash|do (?:\S+ ){0,2}in|"
        r"get (?:me|us|him|her|them)|come for|make (?:\S+ ){0,2}disappear|take (?:\S+ ){0,2}(?:kids|baby|children)|"
        r"jump (?:\S+ ){0,3}(?:him|her|me|son|daughter|brother|sister)|strangle|throw acid|regret)\b",
        r"\b(?:coming for|come after|knows? where (?:\S+ ){0,4}?(?:live|lives|school|stay|stays|sleep)|"
        r"(?:cant|cannot|doesnt|dont) have (?:\S+ ){0,2}?(?:nobody|no one) (?:will|can)|"
        r"never see (?:them|the kids|the children|her|him|the baby) again|"
        r"watch your back|youre dead|you re dead|dead meat|kys)\b",
    ),
    "immediate-danger": (
        r"\b(?:not safe|unsafe|dont feel safe|do not feel safe|never feel safe|"
        r"isnt safe|arent safe|wont be safe|sos)\b|(?<!\d )\b999\b",
        _weak(r"\b(?:in danger|at risk|risk to (?:the|my|his|her) \w+|emergency|danger)\b"),
        r"\b(?:scared|afraid|frightened|terrified|petrified|fear|fearful|worried sick|"
        r"frighten\w*|scares?) (?:\S+ ){0,4}?(?:of (?:him|her|them|my|his|mums|dads|going|what)|"
        r"of (?:(?:the|their|\w+s) )?(?:dad|mum|father|mother|step ?dad|step ?mum|boyfriend|partner|"
        r"uncle|granddad|ex|husband|brother)|"
        r"to (?:go|be) (?:home|back|there|alone|in)|go home|going home|he will|she will|"
        r"hell|shell|theyll|rn|right now|now|tonight|safety|what (?:he|she|they)|"
        rf"he might|she might|they might|for (?:my|his|her|their|our) (?:life|lives|safety)|"
        rf"for (?:my|the|his|her|our) (?:\w+ )?{_KIN})\b",
        r"\b(?:worried|scared|concerned|fear\w*|frightened|afraid|worry|worrying) (?:\S+ ){0,5}?safety\b|"
        r"\bsafety (?:of|at risk)\b",
        _weak(
            r"\b(?:please|pls|someone|somebody|some1|sum1) help(?: me| us)?\b"
            r"(?! (?:with|to|get|understand|find|sort|complain|me with|us with|me to|us to|me get|"
            r"us get))|\bhelp (?:me|us) please\b"
        ),
        r"\bneed help (?:now|right now|quick|please|asap)\b|"
        r"\b(?:come (?:and get|get|quick|quickly|now)|get me out|call (?:the police|999)|"
        r"ring (?:the police|999))\b",
        r"\b(?:right now|rn|at the moment|atm|tonight)\b (?:\S+ ){0,6}?(?:here|outside|door|"
        r"angry|drunk|kicking off|going mad|smashing|screaming|hiding|danger|hurt|scared|"
        r"unsafe|hitting|coming)\b|"
        r"\b(?:here|outside|at the door|in the house|hes back|shes back)\b (?:\S+ ){0,3}?(?:now|right now|rn)\b|"
        r"\bnow\b (?:\S+ ){0,3}?(?:kicking off|going mad|smashing|screaming|hitting|outside)\b",
        r"\b(?:hiding|hide) (?:in|from|under)\b|\b(?:kicking off|going mad|going mental|"
        r"smashing (?:\S+ ){0,2}up|smashed (?:\S+ ){0,2}up|banging on|back living|"
        r"moved back in|out of prison|released from prison|do something to)\b|"
        r"\b(?:he|she|they|hes|shes|theyve|ex|dad|boyfriend|partner|father) (?:has |had |s )?turned up\b|"
        r"\bcant stay (?:\S+ ){0,4}?with (?:him|her|them)\b",
        r"\b(?:dont|do not|wont|cant) (?:want to |wanna )?go (?:back|home)\b",
    ),
}

# Phrases that cover a match without meaning harm now. Each removes only the matches
# lying wholly inside it, so the rest of the text is still read.
_DISCOUNTS: tuple[str, ...] = (
    r"\b(?:knife crime|county lines|domestic abuse|suicide prevention|self harm|abuse|"
    r"exploitation|violence|gang|drugs|safeguarding|bullying) (?:\S+ ){0,2}?(?:awareness|talk|"
    r"talks|course|courses|training|session|sessions|workshop|programme|project|service|"
    r"services|worker|team|lesson|lessons|assembly)\b",
    r"\b(?:talk|talks|course|session|sessions|lesson|lessons|assembly|training|workshop|"
    r"leaflet|film|video) (?:\S+ ){0,2}?(?:about|on) (?:knife crime|county lines|domestic abuse|"
    r"suicide|self harm|grooming|exploitation|online safety|abuse)\b",
    # The council threatening to stop a payment is a complaint about the council.
    r"\bthreat\w* to (?:stop|cut|close|withdraw|reduce|end|remove) (?:\S+ ){0,3}?(?:allowance|"
    r"payments?|funding|support|benefits?|placement|package|services?|case)\b",
    r"\b(?:this|that|it|its|the) (?:\S+ ){0,3}?(?:is|was|s)? ?(?:killing|kill) me\b",
    r"\bno (?:safeguarding |child protection )?(?:concerns?|suggestion|evidence|risk|issues?)\b"
    r"(?:\S+ ){0,8}?(?:abus\w*|harm\w*|neglect\w*|safeguarding|concerns?|risk)\b",
    r"\b(?:could|would) (?:murder|kill) (?:a|for a|whoever)\b",
    # The service taking children into care is a fear about the process, not a threat.
    r"\b(?:council|social services|social workers?|local authority|court|courts|system) "
    r"(?:\S+ ){0,2}?(?:will|would|might|could|going to|gonna|want to|wants to|trying to) "
    r"(?:\S+ ){0,2}?take (?:\S+ ){0,2}?(?:kids|children|baby|son|daughter|grandchildren)\b",
    r"\b(?:dying|dead) (?:to|tired|keen|bored)\b",
    r"\bhit the (?:roof|ceiling|road)\b",
    r"\blike a (?:punch|kick|slap|smack) (?:in|to) the (?:stomach|face|teeth|gut|guts)\b",
    r"\bnot (?:going to|gonna|about to) (?:harm|hurt) (?:anyone|anybody)\b",
    # Idiom and service names that use harm words.
    r"\b(?:my|me|our) (?:head|heads|brain) (?:is |s |was |are |feels )?(?:\S+ )?(?:battered|"
    r"killing me|wrecked|mashed)\b",
    r"\bemergency (?:duty|out of hours|social work) (?:team|service|line|number)s?\b",
    r"\b(?:not|isnt|wasnt|no|never) (?:an? |really an? )?emergency\b",
    # The service threatening a family with its own processes.
    r"\bthreat\w* (?:\S+ ){0,2}?with (?:court|legal action|proceedings|care proceedings|"
    r"eviction|the police|a referral|section 47|removal)\b|\bthreatening (?:letters?|emails?|"
    r"calls?|tone|language)\b",
)

# Text-speak, slang and misspellings: token -> plain words. Keys are already lower-cased,
# apostrophe-free and squeezed; values use the same spelling the phrases above expect.
_TABLE: dict[str, str] = {
    # text-speak
    "u": "you",
    "ur": "your",
    "n": "and",
    "r": "are",
    "b": "be",
    "bf": "boyfriend",
    "gf": "girlfriend",
    "bff": "friend",
    "bro": "brother",
    "sis": "sister",
    "rn": "right now",
    "atm": "at the moment",
    "pls": "please",
    "plz": "please",
    "plss": "please",
    "wiv": "with",
    "wid": "with",
    "wit": "with",
    "abt": "about",
    "bc": "because",
    "cos": "because",
    "coz": "because",
    "cuz": "because",
    "dnt": "dont",
    "dont": "dont",
    "didn": "didnt",
    "wanna": "want to",
    "wana": "want to",
    "gonna": "going to",
    "gna": "going to",
    "gunna": "going to",
    "goin": "going",
    "gotta": "got to",
    "tryna": "trying to",
    "cud": "could",
    "wud": "would",
    "shud": "should",
    "ppl": "people",
    "sum1": "someone",
    "some1": "someone",
    "no1": "no one",
    "noone": "no one",
    "nobody": "nobody",
    "any1": "anyone",
    "every1": "everyone",
    "2day": "today",
    "2nite": "tonight",
    "tonite": "tonight",
    "2night": "tonight",
    "yday": "yesterday",
    "yest": "yesterday",
    "msg": "message",
    "msgs": "messages",
    "txt": "text",
    "txts": "texts",
    "pic": "pic",
    "piccies": "pics",
    "nudez": "nudes",
    "snap": "snapchat",
    "insta": "instagram",
    "yo": "yo",
    "yrs": "yrs",
    "yr": "yr",
    "mam": "mum",
    "mom": "mum",
    "mummy": "mum",
    "ma": "mum",
    "da": "dad",
    "daddy": "dad",
    "stepdad": "step dad",
    "stepmum": "step mum",
    "stepmom": "step mum",
    "grandad": "granddad",
    "nan": "nan",
    "fella": "boyfriend",
    "bloke": "bloke",
    # harm words in text-speak and slang
    "kms": "kill myself",
    "kys": "kys",
    "ctb": "catch the bus",
    "unalive": "unalive",
    "od": "overdose",
    "oded": "overdosed",
    "sh": "sh",
    "shing": "sh ing",
    "selfharm": "self harm",
    "selfharming": "self harming",
    "selfharms": "self harms",
    "suicided": "suicide",
    "ded": "dead",
    "deded": "dead",
    "myslf": "myself",
    "meself": "myself",
    "mysef": "myself",
    "myself": "myself",
    "himself": "himself",
    "herself": "herself",
    # common misspellings of the words the phrases key on
    "kil": "kill",
    "kiling": "killing",
    "killin": "killing",
    "kilin": "killing",
    "killd": "killed",
    "sucide": "suicide",
    "suicde": "suicide",
    "suiside": "suicide",
    "sucidal": "suicidal",
    "suicidle": "suicidal",
    "suisidal": "suicidal",
    "suicidel": "suicidal",
    "hurtin": "hurting",
    "hitin": "hitting",
    "hittin": "hitting",
    "beatin": "beating",
    "punchin": "punching",
    "kickin": "kicking",
    "slappin": "slapping",
    "smackin": "smacking",
    "touchin": "touching",
    "cuttin": "cutting",
    "cutin": "cutting",
    "starvin": "starving",
    "dyin": "dying",
    "thinkin": "thinking",
    "cryin": "crying",
    "screamin": "screaming",
    "shoutin": "shouting",
    "comin": "coming",
    "nothin": "nothing",
    "somethin": "something",
    "scard": "scared",
    "scaired": "scared",
    "scaried": "scared",
    "skared": "scared",
    "abuseing": "abusing",
    "abusin": "abusing",
    "abusd": "abused",
    "neglectid": "neglected",
    "neglectted": "neglected",
    "thretened": "threatened",
    "threatend": "threatened",
    "threatning": "threatening",
    "rapped": "raped",
    "rappd": "raped",
    "tuch": "touch",
    "tuched": "touched",
    "tuches": "touches",
    "tutch": "touch",
    "tutched": "touched",
    "touchd": "touched",
    "punshed": "punched",
    "punchd": "punched",
    "hited": "hit",
    "bruses": "bruises",
    "brusies": "bruises",
    "bruzes": "bruises",
    "bruized": "bruised",
    "missin": "missing",
    "overdosd": "overdosed",
    "paracetomol": "paracetamol",
    "paracetemol": "paracetamol",
    "tabs": "tablets",
    "pils": "pills",
    "stabbd": "stabbed",
    "nife": "knife",
    "knif": "knife",
    "hed": "hed",
    "hell": "hell",
    # emoji that say the word
    "🔪": "knife",
    "🗡": "knife",
    "🔫": "gun",
    "🆘": "sos",
    "🩸": "blood",
    "💊": "pills",
    "⚰": "die",
}

# Words a misspelling most often stands in for; a token one edit away from one of these
# (and not itself a known word) is read as it. Kept to long words whose one-edit
# neighbours are not common English ("hitting" would catch "sitting", "abused" "amused").
_FUZZY_TARGETS: tuple[str, ...] = (
    "suicide",
    "suicidal",
    "strangled",
    "strangle",
    "strangling",
    "punched",
    "punches",
    "punching",
    "touched",
    "touches",
    "touching",
    "bruises",
    "bruised",
    "neglected",
    "neglecting",
    "threatened",
    "threatening",
    "threatens",
    "molested",
    "molesting",
    "overdose",
    "overdosed",
    "battered",
    "battering",
    "starving",
    "killing",
    "myself",
    "himself",
    "herself",
    "missing",
    "beating",
    "slapped",
    "smacked",
    "raping",
    "groomed",
    "grooming",
    "exploited",
    "exploiting",
    "trafficked",
    "kicking",
    "hurting",
)
# Real words one edit from a target that mean something else: never read as the target.
# Found by running every word of a 73,000-word British English dictionary through the
# fuzzy step (bench/risk.py repeats the check where /usr/share/dict/british-english is
# installed); the rewrites left are harmless ("bruise" -> "bruises", "threaten" -> "threatens").
_REAL_WORDS_TEXT = """
    bantered bantering bartered bartering bating battening beading beaning belting berating
    besting bettering betting braised braises bruiser bruisers buttering grooved grooving
    hurtling kilning kinking kipling massing messing misting misusing mussing paunches pinched
    pinches pinching raging rapine raring rasping razing reaping roping sacked sapped slacked
    slipped slopped smacker smocked snacked snapped stacked staring starling starting staving
    straggle straggled straggling strange swapped torched torches torching overdoes overdone
    kissing hissing pissing filling billing willing milling tilling starring stirring cruises
    cruised vouched hunched lunched bunched munched buttered bettered battened heating seating
    bearing beaming boating bleating licking picking ticking nicking hunting hurling touchy
    coaching roaming rating raising racing raking rapping raving
"""
_REAL_WORDS = frozenset(_REAL_WORDS_TEXT.split())

# Hyphenated words stay one token ("sh-ing", "self-harm"); the hyphen then reads as a space.
_TOKEN = re.compile(r"[\w']+(?:-[\w']+)*|[^\w\s]", re.UNICODE)
# Letters only: "999" and ages must survive.
_SQUEEZE = re.compile(r"([^\W\d_])\1{2,}")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
# A gap of a few words stops at the end of a sentence: "he was really hurt. Children in
# care..." is two thoughts, not "hurt children".
_ANY_WORD = r"(?:\S+ )"
_SAME_SENTENCE_WORD = r"(?:[^\s.!?]+ )"
_COMPILED = {
    signal: tuple(
        (
            re.compile(p.replace(_ANY_WORD, _SAME_SENTENCE_WORD)),
            "protected"
            if p in _PROTECTED_PATTERNS
            or (signal in _PROTECTED_SIGNALS and p not in _WEAK_PATTERNS)
            else "weak"
            if p in _WEAK_PATTERNS
            else "context",
        )
        for p in patterns
    )
    for signal, patterns in _SIGNALS.items()
}
_COMPILED_DISCOUNTS = tuple(re.compile(p) for p in _DISCOUNTS)
# What dates a harm or frames it as somebody's record of it. A match in such a sentence
# may still be a disclosure ("he hit me last year and he's back"), so it is only handed
# to the model to vote down, never dropped.
_CONTEXT = re.compile(
    r"\b(?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten|many|some|few) (?:years?|yrs|months) ago|"
    r"(?:years|months|ages) ago|(?:19|20)\d\d|used to|historic\w*|in the past|as a (?:child|kid|teenager)|"
    r"when (?:i|he|she|they|we) (?:was|were) (?:\d+|little|younger|small|a baby|a child|a kid|a teenager|"
    r"in (?:care|year|yr))|last (?:year|winter|summer|spring|autumn|term)|aged \d+|in (?:year|yr) \d+|"
    r"reports?|assessment\w*|investigat\w*|accus\w*|allegation\w*|alleged|referral\w*|file|files|"
    r"records?|recorded|letters?|care plan|statement|the word|described|calls? me|called me|labelled|"
    r"section (?:47|7)|screening|tone|language|unfounded|no further action|complain\w*|convicted|"
    r"finding|minutes|register|policy|training)\b"
)
# Harm told in the present tense is explicit present harm whatever the sentence also
# says ("he hits my son, it is in the report"): never handed to the model to vote down.
_PRESENT_HARM = re.compile(
    r"\b(?:hits|hitting|punches|punching|kicks|kicking|beats|beating|batters|battering|slaps|"
    r"slapping|smacks|smacking|whacks|thumps|lamps|belts|belting|throttles|throttling|"
    r"strangles|strangling|chokes|choking|stamps|stamping|hurts|hurting|harms|harming|drags|"
    r"pins|shoves|attacks|injures|bullies|bullying|pushes|grabs|shakes|bites|burns|locks|"
    r"locking|leaves|leaving|keeps|still|again|now|every)\b"
)
_SENTENCE_ENDS = (" . ", " ! ", " ? ")
_QUOTE_MARKS = "'\"\u2018\u2019\u201c\u201d"
_KNOWN = frozenset(_TABLE) | frozenset(_FUZZY_TARGETS) | _REAL_WORDS


@lru_cache(maxsize=65536)
def _normalise_token(token: str) -> str:
    word = token.lower().replace("'", "")
    if not word:
        return ""
    if "-" in word:
        return " ".join(filter(None, (_normalise_token(part) for part in word.split("-"))))
    word = _SQUEEZE.sub(r"\1", word)
    if word in _TABLE:
        return _TABLE[word]
    if word.isalpha() and len(word) >= 6 and word not in _KNOWN:
        for target in _FUZZY_TARGETS:
            # Same first letter: misspellings rarely change it, and it keeps the
            # false friends out ("touches" stays away from "pouches").
            if target[0] == word[0] and OSA.distance(word, target, score_cutoff=1) <= 1:
                return target
    return word


def _normalise(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The normalised text, and for each of its characters the original span it came from."""
    text = text.translate(_QUOTES)
    parts: list[str] = []
    origin: list[tuple[int, int]] = []
    for match in _TOKEN.finditer(text):
        word = _normalise_token(match.group())
        if not word:
            continue
        if parts:
            parts.append(" ")
            origin.append(origin[-1])
        parts.append(word)
        origin.extend([match.span()] * len(word))
    return "".join(parts), origin


def rule_assessment(text: str) -> RiskAssessment:
    """What the rules alone see in text."""
    return _rule_assessment(text, *_normalise(text))


def _rule_assessment(text: str, normalised: str, origin: list[tuple[int, int]]) -> RiskAssessment:
    return _rule_matches(text, normalised, origin)[0]


def _rule_matches(
    text: str, normalised: str, origin: list[tuple[int, int]]
) -> tuple[RiskAssessment, bool]:
    """What the rules see, and whether every match is one the model may vote down (a
    weak pattern, or a non-protected one in a sentence that dates or frames it)."""
    if not normalised:
        return RiskAssessment(urgent=False, signals=()), False
    discounted = [m.span() for pattern in _COMPILED_DISCOUNTS for m in pattern.finditer(normalised)]
    found: list[tuple[int, int, str]] = []
    all_weak = True
    for signal, patterns in _COMPILED.items():
        for pattern, strength in patterns:
            for m in pattern.finditer(normalised):
                start, end = m.span()
                if end <= start:
                    continue
                if any(d_start <= start and end <= d_end for d_start, d_end in discounted):
                    continue
                begin, finish = origin[start][0], origin[end - 1][1]
                found.append((begin, finish, signal))
                if all_weak and strength != "weak":
                    all_weak = (
                        strength == "context"
                        and not _PRESENT_HARM.search(m.group())
                        and _in_context(text, normalised, start, end, begin, finish)
                    )
    found.sort()
    evidence = tuple(Evidence(signal, text[start:end], start, end) for start, end, signal in found)
    signals = tuple(s for s in _COMPILED if any(e.signal == s for e in evidence))
    return RiskAssessment(urgent=bool(signals), signals=signals, evidence=evidence), all_weak


def _in_context(text: str, normalised: str, start: int, end: int, begin: int, finish: int) -> bool:
    """Whether a match sits in a sentence that dates the harm or frames it as a record,
    a process or a quoted word ("the report says I hit him", "years ago", "'violent'")."""
    edges = text[max(begin - 1, 0) : begin + 1] + text[max(finish - 1, 0) : finish + 1]
    if any(mark in edges for mark in _QUOTE_MARKS):
        return True
    left = max(normalised.rfind(mark, 0, start) for mark in _SENTENCE_ENDS)
    right = min(
        (i for i in (normalised.find(mark, end) for mark in _SENTENCE_ENDS) if i >= 0),
        default=len(normalised),
    )
    return _CONTEXT.search(normalised, left + 1, right) is not None


# --- the supervised part ---------------------------------------------------------------
# Rules are phrased the way their author writes; other people describe the same harm in
# words no rule lists ("👊🏻 every nite from him", "he took the dog lead"). A classifier
# trained on every labelled text that ships with the project (theme_model: TF-IDF over
# words, word pairs and character n-grams, logistic regression) reads the wording as a
# whole. A text is urgent when a rule fires or the model's probability reaches its cut.
LABELLED: tuple[Path, ...] = (
    ROOT / "data" / "risk" / "dev.jsonl",
    ROOT / "data" / "risk" / "eval.jsonl",
    ROOT / "data" / "dev2" / "risk.jsonl",
    ROOT / "data" / "dev3" / "risk.jsonl",
)
URGENT = "urgent"
SIGNALS: tuple[str, ...] = tuple(_SIGNALS)
# The model's cut is the highest at which rules and model together still find this share
# of each writer's urgent texts, the model scoring each writer's texts after training on
# the others' only (where the rules were written from one writer's texts, that writer's
# share is the rules' 100%, and the cut is set by the other writers).
MIN_RECALL = 0.95
# A rule flag made only of weak matches (a bare harm word, or a harm dated or framed as
# a record: see _rule_matches) may be voted down by the model, never a protected one. The
# model must have a whole text to read (short texts with a bare "in danger" or "county
# lines" are mostly urgent and the model scores them poorly), and its probability must
# be under VETO_MARGIN times the lowest that any urgent text caught only by weak rules
# got when its writer was held out, and never above VETO_MAX.
VETO_MIN_WORDS = 10
VETO_MARGIN = 0.75
VETO_MAX = 0.2
# The model is trusted only with a few words to read: a greeting or a bare "ok" carries
# too little to score, and an empty text would get the classifier's prior.
_MIN_WORDS = 3
_WORD = re.compile(r"[^\W\d_]{2,}")
# A sentence, for the model's evidence: up to a full stop, ? ! or a line break.
_SENTENCE = re.compile(r"[^.!?\n]*[^.!?\n\s][^.!?\n]*[.!?]*")


def model_text(text: str) -> str:
    """What the model reads: the rules' normalised text, so text-speak and misspellings
    ("kms", "sucide") reach it in the plain words it was trained on."""
    return _normalise(text)[0]


def read_labelled(path: Path) -> list[theme_model.Example]:
    """A labelled risk file as model examples: its signals, plus "urgent" when urgent;
    the source is the file, so thresholds can be chosen one writer held out at a time."""
    examples = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            labels = (*row["signals"], URGENT) if row["urgent"] else ()
            examples.append(theme_model.Example(row["text"], tuple(labels), path.parent.name))
    return examples


def train_model(examples: Sequence[theme_model.Example]) -> theme_model.ThemeModel:
    """The urgent/signal model from labelled examples (their texts as written).

    Its meta["veto_below"] is the probability under which the model may vote down a
    rule flag whose matches are all weak (see veto_cut); 0 when it may not."""
    writers = len({e.source for e in examples})
    # With a single writer the rules may have been written from those very texts, so
    # they earn no credit: the model alone must then reach MIN_RECALL on unseen folds.
    rules = [_rule_matches(e.text, *_normalise(e.text)) for e in examples]
    caught = [assessment.urgent for assessment, _ in rules] if writers > 1 else None
    texts = [model_text(e.text) for e in examples]
    model = theme_model.train(
        [theme_model.Example(t, e.themes, e.source) for t, e in zip(texts, examples, strict=True)],
        taxonomy=(URGENT, *SIGNALS),
        min_recall={URGENT: MIN_RECALL},
        found={URGENT: caught} if caught else None,
        folds_by_source=writers > 1,
        # The signal classifiers only name the likeliest harm; their cuts go unused.
        choose_thresholds=False,
    )
    vetoable = [
        URGENT in e.themes and assessment.urgent and weak and _vetoable_length(t)
        for e, t, (assessment, weak) in zip(examples, texts, rules, strict=True)
    ]
    cut = 0.0
    if writers > 1 and URGENT in model.labels and any(vetoable):
        # The same folds (one writer held out) training used to cut URGENT: reused, not refitted.
        held_out = model.held_out[URGENT]
        cut = veto_cut(held_out[np.asarray(vetoable, dtype=bool)])
    model.meta["veto_below"] = cut
    return model


def veto_cut(urgent_probabilities: npt.NDArray[np.float64]) -> float:
    """The probability under which the model may vote down a weak rule flag: a margin
    below the lowest score any urgent text that only weak rules caught got from a model
    that had not seen its writer, so none of them would have been voted down."""
    if not len(urgent_probabilities):
        return 0.0
    return float(min(VETO_MAX, VETO_MARGIN * float(urgent_probabilities.min())))


def _vetoable_length(normalised: str) -> bool:
    return len(_WORD.findall(normalised)) >= VETO_MIN_WORDS


_model_lock = threading.Lock()


@lru_cache(maxsize=1)
def _shipped_model() -> theme_model.ThemeModel | None:
    examples = [e for path in LABELLED if path.exists() for e in read_labelled(path)]
    if not any(URGENT in e.themes for e in examples) or all(URGENT in e.themes for e in examples):
        return None  # nothing to learn from: the rules stand alone
    return train_model(examples)


def shipped_model() -> theme_model.ThemeModel | None:
    """The model trained from the shipped labelled files, at first use (well under 2 s)."""
    with _model_lock:
        return _shipped_model()


def model_assessment(
    text: str, model: theme_model.ThemeModel, normalised: str | None = None
) -> RiskAssessment:
    """What the model alone sees in text: one signal (the likeliest), shown by the
    sentence the model finds most urgent and the terms that weigh most."""
    normalised = model_text(text) if normalised is None else normalised
    if len(_WORD.findall(normalised)) < _MIN_WORDS or URGENT not in model.labels:
        return RiskAssessment(urgent=False, signals=())
    urgent = model.labels.index(URGENT)
    probabilities = model.probabilities_one(normalised)
    if probabilities[urgent] < model.thresholds[urgent]:
        return RiskAssessment(urgent=False, signals=())
    named = [(probabilities[j], label) for j, label in enumerate(model.labels) if label in SIGNALS]
    signal = max(named)[1] if named else "immediate-danger"
    sentences = [m.span() for m in _SENTENCE.finditer(text)] or [(0, len(text))]
    # Scored together: one vectorizer pass for all the sentences.
    scores = model.probabilities([model_text(text[a:b]) for a, b in sentences])[:, urgent]
    start, end = sentences[int(np.argmax(scores))]
    while start < end and text[start].isspace():
        start += 1
    terms = tuple(model.reasons(normalised, URGENT, top=5))
    evidence = Evidence(signal, text[start:end], start, end, terms)
    return RiskAssessment(urgent=True, signals=(signal,), evidence=(evidence,))


def assess_risk(text: str) -> RiskAssessment:
    """Which harm signals the text shows, with the words that showed them; urgent if any.

    The rules are read first; the model only when they see nothing, or to vote down
    a flag made only of weak matches when it is confident the text is not urgent.
    """
    return assess_with(text, shipped_model())


def assess_with(text: str, model: theme_model.ThemeModel | None) -> RiskAssessment:
    """assess_risk with a given model (None: the rules alone)."""
    normalised, origin = _normalise(text)
    rules, weak = _rule_matches(text, normalised, origin)
    if model is None:
        return rules
    if rules.urgent:
        if weak and _vetoable_length(normalised) and URGENT in model.labels:
            veto_below = float(model.meta.get("veto_below", 0.0))
            probability = model.probabilities_one(normalised)[model.labels.index(URGENT)]
            if probability < veto_below:
                return RiskAssessment(urgent=False, signals=())
        return rules
    return model_assessment(text, model, normalised)
