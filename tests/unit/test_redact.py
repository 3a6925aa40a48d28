"""Redaction: identifiers never leak, names go, ordinary words and public bodies stay."""

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.text.redact import apply, find_entities, nhs_number_valid, redact


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("email me at jo.bloggs+fv@example.co.uk please", "EMAIL"),
        ("ring 07700 900982", "PHONE"),
        ("ring 07700900982", "PHONE"),
        ("ring +44 7700 900982", "PHONE"),
        ("ring +44 (0)1432 260800", "PHONE"),
        ("ring (01432) 260800", "PHONE"),
        ("ring 01432-260-800", "PHONE"),
        ("we live at HR4 9AB now", "POSTCODE"),
        ("we live at hr49ab now", "POSTCODE"),
        ("my postcode: HR4", "POSTCODE"),
        ("NHS number 943 476 5919", "NHS_NUMBER"),
        ("NHS number 9434765919", "NHS_NUMBER"),
        ("NI number QQ123456C", "NI_NUMBER"),
        ("NI number ab 12 34 56 d", "NI_NUMBER"),
        ("she was born on 03/04/2019", "DATE_OF_BIRTH"),
        ("DOB: 3rd March 2019", "DATE_OF_BIRTH"),
        ("he is 7 years old", "AGE"),
        ("see https://example.com/page?id=1", "URL"),
        ("about case FV-2026-000123", "CASE_REF"),
        ("we live at 12 Elm Road", "ADDRESS"),
        ("she goes to Oak Tree Primary School", "SCHOOL"),
    ],
)
def test_structured_identifiers_are_found(text, kind) -> None:
    assert kind in {e.type for e in find_entities(text)}
    assert f"[{kind}]" in redact(text).redacted


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("My son Jayden was upset", "Jayden"),
        ("my son jayden was upset", "jayden"),
        ("the social worker Sarah Jones came", "Sarah"),
        ("social worker sarah never called", "sarah"),
        ("we met Mrs Patel", "Patel"),
        ("Dr. Okafor said so", "Okafor"),
    ],
)
def test_names_after_cues_go(text, name) -> None:
    redacted = redact(text).redacted
    assert name not in redacted and "[NAME]" in redacted


def test_names_given_in_the_form_go_wherever_they_appear() -> None:
    text = "Kayleigh told me that kayleigh's brother Tom was scared of Tom's dad"
    redacted = redact(text, known_names=["Kayleigh Smith", "tom"]).redacted
    assert "ayleigh" not in redacted and "Tom" not in redacted


@pytest.mark.parametrize(
    "text",
    [
        "The social worker said my son is sad on Monday in March.",
        "Ofsted and the MASH and CAMHS and Herefordshire Council and the Families Commission.",
        "We waited 6 weeks and 3 days.",
        "It was at 10 30 and cost £12.50.",
    ],
)
def test_ordinary_words_public_bodies_months_and_small_numbers_stay(text) -> None:
    assert redact(text).redacted == text


def test_offsets_point_into_the_input() -> None:
    text = "Call 07700 900982 or email a@b.com"
    for entity in redact(text).entities:
        assert text[entity.start : entity.end] in ("07700 900982", "a@b.com")


def test_nhs_check_digit() -> None:
    assert nhs_number_valid("9434765919")
    assert not nhs_number_valid("9434765918")
    assert not nhs_number_valid("123")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I am Ruth Baker, grandmother to Philip", "I am [NAME] [NAME], grandmother to [NAME]"),
        ("her date of birth is 29/07/2012", "her date of birth is [DATE_OF_BIRTH]"),
        ("I am sorry and I am writing because", "I am sorry and I am writing because"),
        ("my name is Jo", "my name is [NAME]"),
    ],
)
def test_introductions_and_relations_found_by_the_benchmark(text, expected) -> None:
    assert redact(text).redacted == expected


# --- The name layers: list, context, spreading ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # A capital mid-sentence, no cue, a name in no list.
        ("We met Oluwaseun at the review.", ["Oluwaseun"]),
        ("I rang Chinyere Okonkwo twice.", ["Chinyere", "Okonkwo"]),
        # After "and", and lists of children.
        ("my son Jayden and Grace were scared", ["Jayden", "Grace"]),
        ("I am writing about Aachal, Chawish and Amber today.", ["Aachal", "Chawish", "Amber"]),
        (
            "Kids: Dairine, Ian, Tadeusz. Mum: June Hope.",
            ["Dairine", "Ian", "Tadeusz", "June", "Hope"],
        ),
        ("the plan for Ikenna or for Victor", ["Ikenna", "Victor"]),
        # Possessives.
        ("The school told Kayleigh's nan nothing.", ["Kayleigh"]),
        ("Nobody asked about Grace's school.", ["Grace"]),
        # Lower case after a cue, and the same name again anywhere.
        (
            "my daughter oluwaseun ran away. Oluwaseun has not come back.",
            ["oluwaseun", "Oluwaseun"],
        ),
        ("my daughter christian is with her nan", ["christian"]),
        ("I'm Tony's dad and I look after tony alone", ["Tony", "tony"]),
        # Double-barrelled, Irish, Polish, South Asian, African names.
        ("The worker was Smith-Okafor and she never came.", ["Smith-Okafor"]),
        (
            "We met Aideen Ó Monacháin and Naomh Ó hÉidhní on Monday.",
            ["Aideen", "Ó", "Monacháin", "Naomh", "hÉidhní"],
        ),
        ("Mrs Ó Mugabháin from the council visited.", ["Ó", "Mugabháin"]),
        ("my partner Łukasz Wójcik and I feel ignored", ["Łukasz", "Wójcik"]),
        ("We met Priya Sharma and Adebayo Balogun.", ["Priya", "Sharma", "Adebayo", "Balogun"]),
        # Professional names.
        ("Our GP, Dr Raghavan, wrote to the council.", ["Raghavan"]),
        ("Cllr Toynbee answered in March.", ["Toynbee"]),
        # A sentence's first word: listed, before a person's verb, or joined to a surname.
        ("Kayleigh has not been to school.", ["Kayleigh"]),
        ("Thembisile goes to a new school now.", ["Thembisile"]),
        ("Jack has not been seen since Monday.", ["Jack"]),
        ("Beth Smith from the police rang.", ["Beth", "Smith"]),
        # Names that are English words, with evidence beside them.
        ("We met Grace Baker and Will Okafor.", ["Grace", "Baker", "Will", "Okafor"]),
        ("My partner Aimee Day and I feel ignored.", ["Aimee", "Day"]),
        ("Then Kayleigh May came to the door.", ["Kayleigh", "May"]),
    ],
)
def test_names_go_by_list_context_and_spreading(text, names) -> None:
    spans = {text[e.start : e.end] for e in find_entities(text) if e.type == "NAME"}
    for name in names:
        assert name in spans, (name, redact(text).redacted)


@pytest.mark.parametrize(
    "text",
    [
        # Common English words that are also names, without evidence.
        "Will you call me back? I will wait.",
        "May was a hard month and in May nobody came.",
        "Hope is all we have left. We pray for grace and faith.",
        "I want to mark this as urgent. The bill came on Monday.",
        "The rose garden was lovely. Summer holidays start in July.",
        "Dawn is early. Hope you can help. Mark my words.",
        "We saw the sky, some amber lights and a rose.",
        # Kept terms: towns, public bodies, job titles, months and weekdays.
        "We moved from Hereford to Leominster and then Ross-on-Wye in August.",
        "The Independent Reviewing Officer and the Team Manager came on Friday.",
        "The Director of Children's Services wrote to Herefordshire Council.",
        "West Mercia Police, Cafcass, the NSPCC and Citizens Advice all know.",
        "The Family Court and the Department for Education were told.",
        "Since August and September nothing has changed.",
        # Ordinary capitalised words at a sentence's start.
        "Nobody listens. Honestly, things are worse. Yesterday was awful. Sadly it goes on.",
        "Everyone says sorry. Nothing has changed. Things have got worse.",
        "Apparently the plan changed. Meanwhile we wait. Unfortunately nobody rang.",
    ],
)
def test_ordinary_words_that_are_also_names_survive(text) -> None:
    names = [text[e.start : e.end] for e in find_entities(text) if e.type == "NAME"]
    assert names == [], redact(text).redacted


def test_a_name_that_is_a_word_capitalised_mid_sentence_is_hidden_when_it_reads_as_one() -> None:
    # Fail-closed: "Grace and Faith" mid-sentence is as likely two girls as two virtues.
    assert redact("Grace and Faith are words in the Bible.").redacted == (
        "[NAME] and [NAME] are words in the Bible."
    )


def test_a_month_name_after_a_relation_cue_is_a_name() -> None:
    assert redact("my daughter May is seven").redacted == "my daughter [NAME] is seven"
    assert redact("my son will be seven in May").redacted == "my son will be seven in May"


def test_what_a_name_owns_is_not_a_name() -> None:
    assert redact("Ikenna's Head Teacher was kind.").redacted == "[NAME]'s Head Teacher was kind."


def test_school_names_with_apostrophes_and_church_words() -> None:
    for school in ("St Mary's Primary School", "Holy Trinity C of E Primary School"):
        assert redact(f"She goes to {school} now.").redacted == "She goes to [SCHOOL] now."


def test_addresses_with_irish_and_scottish_surnames() -> None:
    for address in ("45 O'Brien Lane", "94 McLean Road"):
        assert redact(f"We live at {address}.").redacted == "We live at [ADDRESS]."


def test_name_list_is_loaded_from_the_package_and_keeps_english_words_apart() -> None:
    from app.text.names import ENGLISH_WORDS, name_lists

    first, last = name_lists()
    assert {"jayden", "agnieszka"} <= first and {"kowalski", "smith"} <= last | first
    assert {"will", "grace", "hope", "jack", "may", "rose"} <= ENGLISH_WORDS


# --- Properties ------------------------------------------------------------------------------


_WORDS = st.sampled_from(
    [
        "the",
        "social",
        "worker",
        "said",
        "my",
        "son",
        "and",
        "daughter",
        "were",
        "at",
        "school",
        "on",
        "Monday",
        "in",
        "March",
        ".",
        ",",
        "Kayleigh",
        "Jayden",
        "Oluwaseun",
        "Grace",
        "Will",
        "May",
        "Hope",
        "Hereford",
        "Ofsted",
        "MASH",
        "called",
        "ring",
        "07700",
        "900982",
        "HR4",
        "9AB",
        "email",
        "a@b.com",
        "Dr",
        "Mrs",
        "Mum:",
        "Ó",
        "Smith-Jones",
        "Kayleigh's",
    ]
)
_TEXT = st.lists(_WORDS, max_size=40).map(" ".join)
_NAME = st.from_regex(r"[A-Z][a-z]{3,9}", fullmatch=True)


@settings(max_examples=150, deadline=None)
@given(text=_TEXT)
def test_entities_never_overlap_and_index_the_input(text) -> None:
    entities = find_entities(text)
    for a, b in itertools.pairwise(entities):
        assert a.end <= b.start
    for e in entities:
        assert 0 <= e.start < e.end <= len(text)
        assert text[e.start : e.end].strip() == text[e.start : e.end]
    rebuilt = redact(text)
    assert rebuilt.entities == tuple(entities)


@settings(max_examples=150, deadline=None)
@given(before=_TEXT, name=_NAME, after=_TEXT, lower=st.booleans())
def test_a_known_name_never_survives(before, name, after, lower) -> None:
    word = name.lower() if lower else name
    text = f"{before} {word} {after}"
    redacted = redact(text, known_names=[f"{name} Smith"]).redacted
    assert not any(w.lower() == name.lower() for w in redacted.replace("'s", " ").split())


def test_known_phrases_are_hidden_whole_whatever_their_case() -> None:
    text = "she left st mary's ce primary last year"
    entities = find_entities(text, known_phrases=["St Mary's CE Primary"])
    assert apply(text, entities).redacted == "she left [SCHOOL] last year"


# --- Rules from independently written accounts (rules version 3) ------------------------------


@pytest.mark.parametrize(
    ("text", "secret", "kind"),
    [
        # Outward codes alone and lower-case postcodes, wherever they stand.
        ("we moved to HR2 last year", "HR2", "POSTCODE"),
        ("she lives in hr4 now", "hr4", "POSTCODE"),
        ("address 5 mill lane, ledbury hr8 2ab", "hr8 2ab", "POSTCODE"),
        # Web addresses without a scheme, and social media handles.
        ("see facebook.com/jo.smith.77 for the letter", "facebook.com/jo.smith.77", "URL"),
        ("our blog is www.ourfamilystory.co.uk", "www.ourfamilystory.co.uk", "URL"),
        ("it is on mysite.org.uk/news", "mysite.org.uk/news", "URL"),
        ("my insta is @kay.lee_09", "@kay.lee_09", "URL"),
        ("add me on snap its kayxo_22", "kayxo_22", "URL"),
        # Dates of birth in the forms people write them, next to a birth cue or a name.
        ("dob 12.05.12, he is in year 8", "12.05.12", "DATE_OF_BIRTH"),
        ("she was born on the 2nd of feb 2019", "2nd of feb 2019", "DATE_OF_BIRTH"),
        ("Her birthday is 4th June", "4th June", "DATE_OF_BIRTH"),
        ("date of birth: 2015-03-04", "2015-03-04", "DATE_OF_BIRTH"),
        ("Dates of birth: Mia 03/04/2015, Tyler 1/2/17.", "1/2/17", "DATE_OF_BIRTH"),
        ("I look after Oliver (03/09/2016) on my own", "03/09/2016", "DATE_OF_BIRTH"),
        ("21/02/2012 (DOB) is on the form", "21/02/2012", "DATE_OF_BIRTH"),
        # Addresses: flats, lower case, abbreviations, "the", house names and villages.
        ("We live at flat 2, 18 Widemoor Street now", "flat 2, 18 Widemoor Street", "ADDRESS"),
        ("she lives at 33a holmer rd in town", "33a holmer rd", "ADDRESS"),
        ("I live at 7 the Paddocks, Bromyard", "7 the Paddocks", "ADDRESS"),
        ("I live at 15 Westfields, Bromyard", "15 Westfields", "ADDRESS"),
        ("Write to Rose Cottage, Much Birch please", "Rose Cottage, Much Birch", "ADDRESS"),
        ("We are at The Old Forge, Tarrington now", "The Old Forge, Tarrington", "ADDRESS"),
        ("we are on pitch 7, Watery Lane site", "pitch 7, Watery Lane site", "ADDRESS"),
        ("It is 22 Old Road, Bromyard", "22 Old Road", "ADDRESS"),
        # Schools without "School", saints' schools and lower-case town schools.
        ("He goes to Kingsmead Primary now", "Kingsmead Primary", "SCHOOL"),
        ("The school (St Peter's) said no", "St Peter's", "SCHOOL"),
        ("they go to St Francis Xavier's together", "St Francis Xavier's", "SCHOOL"),
        ("i'm at hereford college of arts", "hereford college of arts", "SCHOOL"),
        ("She is at Aylestone High and likes it", "Aylestone High", "SCHOOL"),
    ],
)
def test_identifiers_as_other_people_write_them(text, secret, kind) -> None:
    start = text.index(secret)
    covered = [False] * len(text)
    for e in find_entities(text):
        for i in range(e.start, e.end):
            covered[i] = True
    assert all(covered[i] for i in range(start, start + len(secret)) if text[i].isalnum()), redact(
        text
    ).redacted
    assert kind in {e.type for e in find_entities(text)}, redact(text).redacted


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # Sentence-initial names in no list, names of every origin, names in lists.
        ("Thandiwe told me she is scared.", ["Thandiwe"]),
        ("Our Mikey and Shannon go to the same school.", ["Mikey", "Shannon"]),
        ("Tobi, Kemi and Dami were all there.", ["Tobi", "Kemi", "Dami"]),
        # Names that are English words, with evidence.
        ("Our Grace has been waiting two years.", ["Grace"]),
        ("Rose, our youngest, has been moved.", ["Rose"]),
        ("Will is 16 and autistic.", ["Will"]),
        ("Will Harris (dad) was left off the list.", ["Will", "Harris"]),
        ("I told Ruby it would be fine.", ["Ruby"]),
        ("pls tell Dawn from the family support team", ["Dawn"]),
        ("mark from the leaving care team never rang", ["mark"]),
        # Lower-case and hyphenated first names, titles with initials, towns as surnames.
        ("skye-louise has had a bruise twice", ["skye-louise"]),
        ("Complaint from Mrs J Pugh about the plan.", ["J", "Pugh"]),
        ("Mr V. Popa wrote in.", ["V", "Popa"]),
        ("We are Tom and Susan Whitby of Bromyard.", ["Tom", "Susan", "Whitby"]),
    ],
)
def test_names_as_other_people_write_them(text, names) -> None:
    spans = {text[e.start : e.end] for e in find_entities(text) if e.type == "NAME"}
    for name in names:
        assert name in spans, (name, redact(text).redacted)


@pytest.mark.parametrize(
    "text",
    [
        # Ordinary English words capitalised mid-sentence or at a sentence's start.
        "I rang the Emergency Duty Team on Saturday night.",
        "Rent is due and the Personal Adviser has not replied.",
        "We are a Traveller family and proud of it.",
        "Tel: nobody answers. Hiya, is anyone there?",
        # Towns, counties and countries from the place list, not only the council's own.
        "We moved from Romania to Stafford and then to Cornwall.",
        "He was placed in Kidderminster, miles from Ledbury.",
        # After a job-title cue, a lower-case word is the sentence going on.
        "His teacher reported a bruise and the social worker visited.",
        # Numbers that are not addresses; a school year that is not a postcode.
        "We have 2 kids who walk to school. He is in Y6.",
        "In 2020 the council changed the plan.",
        # An event date with a birth cue in an earlier clause stays an event.
        "She turned 6 in May. The meeting is on 3 September.",
    ],
)
def test_ordinary_words_and_places_survive(text) -> None:
    assert redact(text).redacted == text


def test_a_date_after_a_birth_is_an_event_not_a_birth() -> None:
    text = "His son, born 2 March 2015, was placed in foster care on 12 September."
    redacted = redact(text).redacted
    assert "2 March 2015" not in redacted and "12 September" in redacted


def test_overlapping_spans_merge_so_nothing_inside_them_leaks() -> None:
    text = "Rose Cottage, Eardisley HR3 5EU is our home"
    assert "HR3" not in redact(text).redacted and "5EU" not in redact(text).redacted


def test_english_word_list_keeps_names_apart() -> None:
    from app.text.names import english_words, place_words

    words = english_words()
    assert {"emergency", "reported", "traveller", "rent"} <= words
    assert not {"priya", "carly", "romania", "kayleigh"} & words
    assert {"romania", "stafford", "cornwall"} <= place_words()


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # Greetings and sign-offs: a message's own cues, whatever the case.
        ("Hi Gemma, the GP letter came through.", ["Gemma"]),
        ("hey summer lol did u get the letter", ["summer"]),
        ("hi gurpreet can u tell the panel", ["gurpreet"]),
        ("Can you pass it to the IRO? thanks, dawn x", ["dawn"]),
        ("His sister was missed out. Thank you, Funmilayo Akande", ["Funmilayo", "Akande"]),
        ("Hey Ty, its Mercy. did they tell u", ["Mercy"]),
        # The writer and another, a name and a relation.
        ("me and jordan asked for contact to go back", ["jordan"]),
        ("Grace and her brother went without food.", ["Grace"]),
        # Lists said to be relations, with commas, "and", "n" or nothing between.
        ('ivy daisy n rose r my sisters not "the children"', ["ivy", "daisy", "rose"]),
        ("Hope and Faith are my granddaughters.", ["Hope", "Faith"]),
        ("mark and bill r my uncles not unknown males", ["mark", "bill"]),
        ("leon n zakariye been in the same home 3 yrs", ["leon", "zakariye"]),
        # Relation and job-title cues with a word between, kin words on their own.
        ("my little brother kai is 6", ["kai"]),
        ("i told my advocate priya and she said to write it", ["priya"]),
        ("i want to stay with aunty manjit pls", ["manjit"]),
        ("The reviewing officer, Joy, was fine but the report was not.", ["Joy"]),
        # Names typed in capitals; acronyms are not.
        ("i dont want MARK at my meetings anymore", ["MARK"]),
        ("omg they moved TAYLA to a home in Stoke", ["TAYLA"]),
        # "Will" where the modal cannot stand.
        ("Will someone tell me why Will's contact stopped?", ["Will's"]),
        ("At 71 I don't have years to waste. Will needs to know.", ["Will needs"]),
        ("Big Dave from the contact centre is the problem.", ["Big", "Dave"]),
        # A sentence's first word before a verb only a person takes, capitalised or not.
        ("Precious said she'd never felt listened to.", ["Precious"]),
        ("Hi all, just to say Precious won't be at school.", ["Precious"]),
        ("jack said will u come to his football", ["jack"]),
        ("poppy cried all the way home from contact", ["poppy"]),
        ("The council said no. Angel hasn't been to school in 3 weeks.", ["Angel"]),
        # What a person owns; a capitalised possessive; an age; "X, she ...".
        ("Faith's dad is in prison and the letters stopped.", ["Faith"]),
        ("Dr Ramaswamy's letter confirming Arjun's diagnosis was sent.", ["Arjun"]),
        ("Reign is 3, she's non-verbal, and nobody signs.", ["Reign"]),
        ("Mornings are the worst time for Dawn, she wakes up panicking.", ["Dawn"]),
        ("Holly, my actual daughter, thinks it is funny.", ["Holly"]),
        # Every other mention of a name, where it stands as a person.
        ("Summer and Autumn are twins. Summer has the asthma, not Autumn.", ["Summer", "Autumn"]),
        ("Jade rang me crying. jade NEVER cries.", ["Jade", "jade"]),
        # Tone marks are part of a word.
        ("His sister is Ìfẹ́olúwa.", ["Ìfẹ́olúwa", "olúwa"]),
    ],
)
def test_names_in_messages_lists_and_other_peoples_ways(text, names) -> None:
    redacted = redact(text).redacted
    for name in names:
        assert name not in redacted, (name, redacted)


@pytest.mark.parametrize(
    "text",
    [
        # Virtues, seasons and times of day that are words here, not the children's names.
        "Dawn is the worst time for us.",
        "I hope someone reads this. Hope is all we have.",
        "Hi all, the Grace period ended on Monday.",
        "Summer was hard and autumn is worse.",
        "There is little hope. It was a little bit better.",
        "Will you call me? Will it happen soon?",
        "Mark my words. I want to mark this as urgent.",
        # Greetings, sign-offs and relations with no name in them.
        "Hello, I am writing to complain.",
        "Hi there, quick question",
        "Kind regards, the family",
        "Thank you for listening",
        "me and my partner are tired",
        "These are my sisters. They are my children.",
        "my little brother is scared and the baby is due in May",
        # Numbers after "is" that are no child's age.
        "The report said he is 7. Contact is 2 hours on Saturdays.",
        "The meeting was 3 weeks ago.",
        # Languages, peoples, acronyms, brands, sign-off words, plural weekdays, kin words.
        "She speaks Somali and Arabic, not English. We're Romany Gypsies.",
        "The LADO and the PEP meeting were late. He gets PIP and Universal Credit.",
        "MASH REFERRAL WAS IGNORED. PLEASE HELP US.",
        "Cheers for the Xbox. Ta for sorting the Uber on Fridays.",
        "Their Nani looked after them until Boxing Day.",
        "We moved to Weston-super-Mare and then Stoke-on-Trent.",
        "A PC came round and the EPO was served.",
    ],
)
def test_words_that_look_like_names_in_messages_survive(text) -> None:
    assert redact(text).redacted == text


def test_a_birthday_with_a_date_is_a_date_of_birth() -> None:
    redacted = redact("she turns 18 on 22 July 2007, and there is still no flat").redacted
    assert "2007" not in redacted and "[DATE_OF_BIRTH]" in redacted


def test_name_list_holds_the_supplement_of_common_uk_names() -> None:
    from app.text.names import EXTRA_FIRST_NAMES, name_lists

    first, _ = name_lists()
    assert first >= EXTRA_FIRST_NAMES
    assert {"poppy", "arjun", "nevaeh", "abdi", "gurpreet", "chioma"} <= first


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my sw gemma price never rings", "my sw [NAME] [NAME] never rings"),
        ("me and jordan wood went to town", "me and [NAME] [NAME] went to town"),
        # A function word after a name stays, surname or not.
        ("tell sam will you", "tell [NAME] will you"),
    ],
)
def test_a_surname_that_is_also_a_word_after_a_lower_case_first_name(text, expected) -> None:
    assert redact(text).redacted == expected
