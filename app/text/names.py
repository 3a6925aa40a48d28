"""First names and surnames for the redaction name layer, from a maintained package.

Source: mimesis (MIT, maintained, pure data, no dependencies) ships per-locale JSON lists of
first names and surnames. We read the Latin-script locales whose people live in the UK in
numbers (en-gb, en, en-au, en-ca, pl, pt, it, es, fr, de, tr, cs, sk, hu, nl): about 13,000
first names and 14,000 surnames, loaded once on first use in ~40 ms, holding ~3 MB (the JSON
files only; mimesis itself is never imported). Its English list is a thin sample (no "Elaine",
no "Aimee"), which is why the list is one layer among several, never the only one.

Why not the others: names-dataset is a 56 MB wheel whose loader unpacks it whole, too heavy
for an app that imports redaction at start; Faker's person providers are
what bench/redaction.py draws its corpus from, so using them here would grade the list on its
own answers. mimesis has no South Asian or African locale, so those names are found by
context (capitals mid-sentence, cues, "and", neighbours): the bench reports names in this list
and names not in it separately, so the gap shows.

ENGLISH_WORDS are the list entries that are also ordinary English words (the lower-case
entries of Debian's british-english word list that appear in these name lists, plus the
virtue and season names that families give children): "Will", "May", "Grace", "Hope",
"Baker", "Church"... They count as names only with context, never on the list alone.
The mimesis major version is pinned so the list (and this set) change only on purpose.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib.util import find_spec
from pathlib import Path

LOCALES = (
    "en-gb",
    "en",
    "en-au",
    "en-ca",
    "pl",
    "pt",
    "it",
    "es",
    "fr",
    "de",
    "tr",
    "cs",
    "sk",
    "hu",
    "nl",
)
_LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F'\u2019-]+$")


def _words(text: str) -> list[str]:
    return text.split()


ENGLISH_WORDS = frozenset(
    _words(
        """
abate aide albino alder alders ale ales allegro amber ambrosia amir an angel angelic angers
angle ani ant arbour arena aria arias art arts astride auger august aura baas back bacon bade
baker bakes balder ball ballast band banks barber barker barney baron barrette basil bass bassi
basso bast bates battle baud beach bean beard beau beck bee begonia bell belladonna belle belt
bender bent berg berry best betting bigot bilge bill billet billy bins bird bishop black
blacking blank blitz blossom blot boas bob bobby boink bologna bolster bolt bond bong bonito
bonnet boom boon booth boss bouillon bouquet bourbon bourgeois bowers bowman brad brain brake
branch brand bras bravo bray brewer briar bridges bright brink broad broccoli bronco bronze
brooks brown browning bruins brunet buck bucks bud buddy bullock bunny bureau burgers burns bush
bussing buster butler butting cabal cabana cadenza camellia cameo campanile campers camping
campus can canal cannon canon canto capon caprice cardinal carmine carol carpenter carrier carry
carton carver case cash casino cassino castor celesta celli ch chad chambers champagne champion
chance chandler chase cherish cherry chi chin china chino chuck church clay clement cliff clocks
clomp clomps clovers clumps cock cocks coda coffers colas collier colon colonel combs conception
constant cook cools cooper coops copes copier cornet corona cote cots cotters cotton cousin cox
coy craft cramp crane crone cross cup curry curt dahlia daisy dale dams dauphin davenport day
dean dell delta derrick desire destiny diamond dick dicker dieter dimple dirk dirks diva don dot
dotty downs drake drew dries dropper droppers duke dull dung dunk dusty dyer earl earnest echo
ed eddy edelweiss edit ells else emerald emery emir emo era ester eta eve fairy faith fanny fare
fares farina farmer fedora fee feline fem fender ferry fields filet finch fink fisher flint
floor flora flowers ford foreman forest forget fort foster fox franc frank franks freeman french
fresco fried frost fry fuller gala gale gallant gamble garb garland garner garret garrison gates
gay gene genesis genie gentile gentry gig gill glass glen golden good gores grace grand grange
grant gravel graven graver graves green gribble griffin grim grimes gross grosser gutters guy ha
hack hale hall hamburger hang hank hardy hare harm harmony harms harry hart hatch hays head
heath hector hello hemming herb herders herring hers hertz hickey hicks hill hind hogan holder
holders hollers holly homer hones honey hood hop hopper horn horns house hue huff huge hull hung
hunk hunt hunter hyacinth idle iris ivory ivy jack jade jaguar jarred jasmine jasper jay jet
jewel jimmy job john johns jolly josh joy julienne junior justice karma ken key khan kick king
kiss kit knight knock lacy laden lady lam lamb lamers lance lane lea leach lean lee legato lemma
lemme lenders lens levering levy liberal liberty lien lies lily linden line lions lira lisle
little loan lock long lopes lord lore lot lotto lotus love lubbers lynch lyric mace madden mads
maestri magenta major mallet man manga mango manna manning manual many maple mar mare margarita
maria marina marine mark marks marlin marquis mars marsh mart marten martens martin martinet
martini martins marvel mas mason mats matt matte mauve max maxim maxima may mayo mead meadows
mecca meg melody mercury merino messier messing mete mica mickey mike mikes milder miles miller
millet mills mimosa min mine mink minks miss mo modest monster moody moon moos more morocco
morrow moss my nacho nadir nail name naves newton nice nick nil nine noble noel nova nu numbers
nuncio octave olive omega overs pa pace page pages pagination pain pander panders pane papa par
parent park parks pars parsons pas pass pastor pasty pat pate patella patience pearly peck peel
peg pepping perk peter peters petty pierce pigeon pike pilgrim ping pinkie pinto pip piper
pipers pitcher pool pope portal porter post pot potter pottier powers price prince prior prosper
prospers provost prune puck pull punt punter quarto randy ranger raven ray re reed reeves
regalia rein reis renting revel rice rich richer rick riddle riff righter rivers rivet roach
roan rob robber robin rocks rocky rod roes roger rogers roller romaine roman romp rooks rose
rosette rosier rosy rots rotunda royal ruby rump rumps rune rush rusty rut sage said sales
salmon salvo sample sander sanders sandy saner sang sari saucier savage savanna savannah sawyer
scarlet sears season see seller sellers senna sessions seven sexton shad sharp shepherd shields
shin shoemaker shook short sicking sill silvan sims singleton siren sky slats slaw slippers
small smit smith snider snow so sol soli son song sonny soprano span sparkle sparks spears spoon
spring stammers stamp stark stein sterling stokes stone stork storm storms stormy stout strong
strut summers sumps sung swain swan sweet swift t tad tam tamer tan tango tanner tap tardy tawny
tea temple tempo tequila terrier terry thus tiara ties tiller tine tines tiny toll tom tomes
tony top tops tor tore trinity troy trump tubes tucker tuna turner urban v valentine van vandal
vane vanilla vars velvet vi via vial victor villa villain viola virgin vital wade wage wait
waldo walker wall walls wan wanders ward ware warren waters watts weaver weavers weeks welch
well welling wells welsh wen west wheeler white wicker wildebeest wilder will willing willow
winter winters wise wit wolf wolfs wood woods workman worm worms wright xx yen yon young yuk
zeta hope dawn summer autumn april june august precious blessing gift mercy favour peace comfort
goodness patience faith joy sky amber jack grace bill rose mark will may
"""
    )
)

# Names that are abstract nouns or seasons: "Hope is fading", "Summer was hard". Only a cue,
# a neighbouring name or the family's own form makes them names.
ABSTRACT_NAMES = frozenset(
    _words(
        """
hope faith grace joy patience mercy peace comfort goodness love harmony liberty destiny trinity
justice honey summer autumn winter spring dawn blessing precious gift favour charity prudence
constance verity felicity serenity unity bliss chance
"""
    )
)


# First names the package lists lack, written for this project: the commonest names given
# to children in England and Wales in the last twenty years (ONS baby-name tables: Alfie,
# Isla, Poppy, Muhammad, modern spellings such as Jaxon and Nevaeh) and common names of the
# UK's South Asian, Somali, Nigerian, Eritrean, Polish, Romanian, Vietnamese and Gypsy, Roma
# and Traveller families, which mimesis has no locale for. Names that are ordinary words
# (Summer, Precious, Reign) are listed here too and stay "ambiguous": names only with evidence.
EXTRA_FIRST_NAMES = frozenset(
    _words(
        """
muhammad mohammed mohammad alfie albie jaxon jaxson hudson grayson kayden kaiden caden brayden
jayden aiden rio kacey kacie tayla taylah nevaeh isla poppy phoebe harper esme orla summer
autumn reign raven tiegan teagan teegan kayleigh kaylee kyla lacey leah demi keira kiera skye
mia-rose lexi-mae tilly mikey ollie reggie ronnie frankie sonny teddy arlo theo jax
zainab yousuf yusuf umar hussain asif zain zayn ayaan rayyan arjun aarav krish rohan priya
anjali harpreet gurpreet manjit jaspreet simran navdeep kuldeep jaswinder rajinder parminder
sukhwinder amrit deepa kamla sunita meena pooja rani shabana nasreen samina tahira bushra saima
hira iqra anam mehwish ayan abdullah rahim tariq faisal usman waqar shahid naveed kashif adnan
junaid bilal hamza hafsa maryam aisha ayesha
abdi abdirahman abdullahi mohamud hodan faduma fadumo hibo sagal idil deeqa nimco ubah ifrah
hamdi liban sahra halima
chidi chidinma chinedu chioma chiamaka emeka ngozi nkechi obinna ifeanyi adaeze uchenna tunde
adebayo adewale ayodele bukola bisi folake funmilayo funmi temitope yetunde oluwaseun seun
olumide kehinde taiwo femi dayo damilola blessing precious godwin musa aminu hauwa
yonas yohannes tesfaye senait selam semhar mebrat feven luwam merhawit dawit tekle filmon
biniam kidane ruta
malgorzata pawel lukasz andrei alexandru ionut mihai florin cristian ioana andreea raluca
denisa larisa georgiana bogdan
anh hoa khanh linh minh ngoc phuong thao trang huong tuan
django romany rosie-lee lolly genty shay tyson gill tash
"""
    )
)
EXTRA_SURNAMES = frozenset(
    _words(
        """
nguyen tran pham hoang huynh vu dang bui khan akhtar hussain begum bibi iqbal mahmood rashid
shah qureshi chaudhry choudhury ahmed mohamed warsame farah okafor okonkwo adeyemi akande
ogunleye balogun eze nwosu kowalski nowak wisniewski wojcik popescu popa ionescu
"""
    )
)


def _entries(value: object) -> list[str]:
    if isinstance(value, dict):
        return [name for names in value.values() for name in names]
    if isinstance(value, list):
        return [str(name) for name in value]
    return []


@cache
def name_lists() -> tuple[frozenset[str], frozenset[str]]:
    """(first names, surnames), lower-cased, Latin script only; loaded once.

    mimesis's locales, plus zxcvbn's census lists (US first names and surnames, already a
    dependency for password strength): a second, independent source for English names.
    """
    # The data files only: importing mimesis itself would load all its providers (~5 MB).
    spec = find_spec("mimesis")
    if spec is None or spec.origin is None:
        raise ImportError("mimesis is not installed: pip install -e .")
    root = Path(spec.origin).parent / "datasets"
    first: set[str] = set()
    last: set[str] = set()
    for locale in LOCALES:
        data = json.loads((root / locale / "person.json").read_text("utf-8"))
        first.update(n.lower() for n in _entries(data.get("names")) if _LATIN.match(n))
        last.update(n.lower() for n in _entries(data.get("surnames")) if _LATIN.match(n))
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    first.update(FREQUENCY_LISTS["female_names"])
    first.update(FREQUENCY_LISTS["male_names"])
    last.update(FREQUENCY_LISTS["surnames"])
    first.update(EXTRA_FIRST_NAMES)
    last.update(EXTRA_SURNAMES)
    return frozenset(first), frozenset(last)


# Suffixes stripped to find a dictionary headword: web2 lists "report", not "reported".
# Not "ly" nor "y": "carly" is no inflection of "carl".
_SUFFIXES = ("s", "es", "ed", "d", "ing", "er", "ers", "ies", "ied", "ness", "ment", "ful")


@cache
def english_words() -> frozenset[str]:
    """Common English words that are not proper nouns, lower-cased; loaded once (~80 ms).

    Frequent (zxcvbn's English Wikipedia and film-subtitle lists, ~49,000 words, names
    already moved to its name lists) and in the dictionary in lower case (Webster's Second
    via the english-words package, where proper nouns keep their capital), or an inflection
    of such a headword. Frequency alone would keep "priya" and "romania"; the dictionary
    alone has 210,000 entries, many of them rare words that are also surnames.
    """
    from english_words import get_english_words_set
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    dictionary = {w for w in get_english_words_set(["web2"]) if w.islower()}
    frequent = set(FREQUENCY_LISTS["english_wikipedia"]) | set(FREQUENCY_LISTS["us_tv_and_film"])
    found = set()
    for word in frequent:
        if not word.isalpha():
            continue
        if word in dictionary:
            found.add(word)
            continue
        for suffix in _SUFFIXES:
            stem = word[: -len(suffix)]
            if word.endswith(suffix) and len(stem) > 2:
                if stem in dictionary or stem + "e" in dictionary or stem + "y" in dictionary:
                    found.add(word)
                    break
                if len(stem) > 3 and stem[-1] == stem[-2] and stem[:-1] in dictionary:
                    found.add(word)  # "stopped", "running"
                    break
    return frozenset(found)


@cache
def place_words() -> frozenset[str]:
    """UK towns, counties and the world's countries, lower-cased words: kept, never names.

    mimesis's en-gb towns (~1,000) and counties and its English country list. A town that is
    also a surname ("Preston", "Stafford") is a name only with evidence beside it.
    """
    spec = find_spec("mimesis")
    if spec is None or spec.origin is None:
        raise ImportError("mimesis is not installed: pip install -e .")
    root = Path(spec.origin).parent / "datasets"
    places: set[str] = set()
    for locale, keys in (("en-gb", ("city", "state")), ("en", ("country",))):
        data = json.loads((root / locale / "address.json").read_text("utf-8"))
        for key in keys:
            for place in _entries(data.get(key)):
                words = place.lower().replace("&", " ").split()
                if len(words) == 1 and len(words[0]) > 2:
                    places.add(words[0])
                else:
                    places.update(w for w in words if len(w) > 3)
    return frozenset(places)
