"""The phrases the rules search for, by the kind of harm they signal, and the narrow
"discount" phrases that cover a match without meaning harm now.

Phrases are searched in the normalised text (see words.py): lower case, no apostrophes,
text-speak turned into plain words, tokens joined by single spaces. Warning signs taken
from published guidance live beside this file as data (warning-signs.json, signs.py).
"""

from __future__ import annotations

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
_CONTEXTUAL_PATTERNS: set[str] = set()
# Every pattern of these signals is protected except the bare words marked weak.
_PROTECTED_SIGNALS = frozenset({"sexual-abuse", "self-harm-suicide"})


def _weak(pattern: str) -> str:
    _WEAK_PATTERNS.add(pattern)
    return pattern


def _contextual(pattern: str) -> str:
    """A pattern of a protected signal that context may still lower ("gonna die lol")."""
    _CONTEXTUAL_PATTERNS.add(pattern)
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
        # Punishments: "kneel on rice for an hour", "he gets 'the slipper'".
        r"\bkneel\w* on (?:rice|salt|gravel|stones|peas)\b|"
        r"\b(?:gets?|got|getting|given|gives?) (?:him |her |them |me )?the (?:slipper|belt|cane|strap)\b",
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
        r"ending it all|(?<!the )end it|(?<!the )ending it|end things|"
        r"(?:written|wrote|writing) my note|suicide note)\b",
        r"\b(?:kill|killing|killed|hurt|hurting|harm|harming|cut|cutting|cuts|burn|burning|burnt|"
        r"hang|hanging|hanged|strangle|strangling|scratch|scratching|starve|starving|unalive|drown|"
        r"drowning|end|ending|punch|punching|hit|hitting) (?:my|him|her|them|your|our)? ?(?:self|selves|sel)\b",
        r"\b(?:want|wants|wanted|wanna|wish|wishing|ready|rather|prefer|like) "
        r"(?:\S+ ){0,3}?(?:to )?(?:die|be dead|dead|not exist|not be here|disappear forever|"
        r"not wake up|never wake up|go to sleep forever|sleep forever|be gone|end it)\b",
        _contextual(
            r"\b(?:going|gonna) (?:\S+ ){0,3}?(?:to )?(?:die|be dead|not be here|not wake up)\b"
        ),
        r"\b(?:(?:dont|do not|doesnt|does not|didnt) (?:really )?(?:want|wanna|wish)|not wanting) "
        r"(?:to )?(?:live|be alive|be here|exist|wake up)\b",
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
        r"running off|runs off|missing from (?:my |the |his |her |their )?"
        r"(?:home|care|school|placement|care home|unit|foster \w+))\b",
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
        # "he's back at school now" is a return to normal, not somebody back at the door.
        r"\b(?:here|outside|at the door|in the house|hes back|shes back)\b"
        r"(?! (?:at|in|to) (?:school|college|work|uni|nursery|normal)| home| and (?:fine|safe|well))"
        # "I've been here 6 years now": how long somebody has lived somewhere.
        r"(?! (?:for )?(?:\d+|a few|two|three|four|five|six|seven|eight|nine|ten|many) "
        r"(?:yrs|years|months|weeks) now)"
        r" (?:\S+ ){0,3}?(?:now|right now|rn)\b|"
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
    r"leaflet|film|video|drama|play|piece|performance|poster|campaign) (?:\S+ ){0,2}?(?:about|on) "
    r"(?:child )?(?:sexual )?(?:knife crime|county lines|domestic abuse|suicide|self harm|grooming|"
    r"exploitation|online safety|abuse|cse)\b",
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
