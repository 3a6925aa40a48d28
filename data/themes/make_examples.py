"""Write the theme examples: data/themes/train.jsonl and the held-out data/themes/eval.jsonl.

    .venv/bin/python data/themes/make_examples.py            # both files, seed 2026

Each line is {"text": ..., "themes": [codes]}, in the words families use (parents, young
people, grandparents, kinship and foster carers, advocates): long and short, several
themes at once, some with none, lower case, text-speak and misspellings. Names are
placeholders ([NAME]); nothing here is about a real person.

The two sets share no phrase, opener, connector, closer or text-speak spelling: the
training set is built from TRAIN banks, the evaluation set from EVAL banks written
separately as paraphrases, so a score on eval.jsonl measures what the model generalises,
not what it memorised. The script refuses to write if any phrase appears in both.
Deterministic: the same seed writes the same files.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Phrases per theme. {n}, {period}, {month}, {child}, {ordinal} are filled at random.
TRAIN: dict[str, list[str]] = {
    "worker-changes": [
        "we have had {n} different social workers in {period}",
        "every time we get used to a worker they leave",
        "the social worker keeps changing",
        "{child} has had {n} social workers and has to tell his story again every time",
        "they keep sending agency staff who dont know us",
        "our worker left and we were just handed to someone new",
        "I dont even know who our social worker is anymore",
        "new social worker again, thats the {ordinal} this year",
        "it has been locum after locum",
        "we never have the same worker twice",
        "there is no consistent worker for my grandchildren",
        "the handover between workers was a mess",
        "temporary workers come and go",
        "each new worker starts from scratch with us",
        "she was our {ordinal} social worker in two years",
        "they changed his worker right before the court hearing",
        "the agency worker only stayed six weeks",
        "too many changes of worker, the kids dont trust anyone now",
        "staff turnover means we start again every few months",
        "i have lost count of how many social workers we have had",
        "as soon as one worker gets to know him they move on",
        "the team keeps moving our case to different workers",
    ],
    "not-listened-to": [
        "nobody listens to what I say",
        "{child} told them what he wanted and it was ignored",
        "they never asked my daughter what she thinks",
        "I was not invited to the meeting about my own children",
        "my views were not written down",
        "decisions are made about us without us",
        "it feels like I am talking to a brick wall",
        "they didnt listen to me at all",
        "my son says nobody hears him",
        "I was left out of the planning meeting",
        "the childs wishes were not taken into account",
        "we told them again and again and they took no notice",
        "they dont listen to kids",
        "nobody asked me what I wanted to happen",
        "I wasnt included in the review",
        "my side of the story was never heard",
        "as her grandparent I was not consulted",
        "they made up their mind before hearing from us",
        "i said i didnt want to go but they didnt care what i said",
        "our worries were brushed aside",
        "they talk over me in meetings",
        "no one took her feelings seriously",
    ],
    "communication": [
        "my calls are never returned",
        "I have emailed {n} times and had no reply",
        "nobody rings me back",
        "we are not kept informed about anything",
        "I left voicemails and heard nothing",
        "no one told me the meeting was cancelled",
        "I only found out what was going on from the school",
        "the letters are full of jargon I cant understand",
        "they didnt provide an interpreter for my mum",
        "I dont know what is happening with the case",
        "the duty line just rings out",
        "we get no updates",
        "messages left with reception go nowhere",
        "I was told one thing and then another",
        "nobody explained what a child in need plan is",
        "emails bounce between people and no one answers",
        "i need things in writing because of my dyslexia and they wont do it",
        "they changed the plan and didnt tell us",
        "i text the worker and get nothing back",
        "I have no idea who to contact",
        "the phone number we were given doesnt work",
        "information is missing from everything they send",
    ],
    "delays": [
        "we have been waiting {period} for an assessment",
        "nothing has happened for {period}",
        "the plan has drifted for months",
        "it took them {period} to do anything",
        "still waiting for the review",
        "everything takes so long",
        "the assessment was supposed to be done in {n} weeks and it is still not done",
        "the referral has been sitting there since {month}",
        "they keep putting it off",
        "by the time they act it is too late",
        "we were on a waiting list for ages",
        "the meeting has been postponed {n} times",
        "its been months and still nothing",
        "the report was late again",
        "the delay has made everything worse for my son",
        "months go by and nothing changes",
        "they said weeks and its now been a year",
        "slow slow slow",
        "i have waited since {month} for a decision",
        "the case is stuck",
    ],
    "face-to-face": [
        "the social worker has never visited us",
        "we have only spoken on the phone",
        "everything is done on teams, I have never met her",
        "she hasnt seen my son in {period}",
        "visits keep being missed",
        "the worker lives miles away and works from home",
        "they only do video calls",
        "nobody has come to the house since {month}",
        "he was supposed to be seen every {n} weeks and hasnt been",
        "i have never met my social worker in person",
        "the home visit was called off again",
        "they want to do everything over zoom",
        "she came once and never again",
        "no one has sat down with us face to face",
        "the worker is based in another county",
        "a quick phone call is not the same as seeing us",
        "the visits stopped after the first month",
        "my daughter has never been seen on her own",
    ],
    "records-accuracy": [
        "the assessment says things that are not true",
        "the report has the wrong dates and the wrong school",
        "they wrote that I refused help which is a lie",
        "the records are full of mistakes",
        "the report is one-sided",
        "things I never said are in the file",
        "they copied someone elses details into our assessment",
        "the minutes of the meeting are wrong",
        "the chronology is inaccurate",
        "my partner is described as violent and that is false",
        "they made up things in the court report",
        "the plan has errors in it",
        "nothing I said was written down correctly",
        "i asked them to correct the assessment and they wont",
        "the case notes twist what happened",
        "the facts in the report are wrong",
        "half of what is written about us is untrue",
        "they exaggerated everything in the assessment",
        "the report left out all the positive things about us",
    ],
    "support-services": [
        "we asked for help and got nothing",
        "there is no support for families like us",
        "we were promised respite and it never came",
        "my son needs therapy and nobody will fund it",
        "early help closed the case and left us",
        "camhs said no and social care said no",
        "we get passed from one service to another",
        "he has an EHCP but none of the support is in place",
        "I cant afford the bus fares and there is no financial help",
        "no parenting support was offered",
        "the family support worker was taken away",
        "I am a kinship carer and get no support",
        "they said we dont meet the threshold for help",
        "there is nothing for teenagers round here",
        "short breaks were cut",
        "i just need some help with the kids behaviour",
        "we were signposted to a leaflet",
        "no counselling for my daughter after what happened",
        "the send team and social care blame each other",
        "we were left to cope on our own",
        "I asked for a carers assessment and got nothing",
        "there are no services for disabled children",
    ],
    "attitude-respect": [
        "the social worker was rude to me",
        "I felt judged from the moment she walked in",
        "they blamed me for everything",
        "she threatened to take my kids away",
        "they treated us like criminals",
        "he spoke down to me",
        "nobody believed my daughter",
        "she rolled her eyes at me",
        "the manager was patronising",
        "they made me feel like a bad mum",
        "no empathy at all",
        "they laughed at me",
        "i was shouted at in front of my kids",
        "they talk to me like I'm stupid",
        "she was condescending",
        "they assumed the worst about us because of where we live",
        "they were really disrespectful to my husband",
        "i felt humiliated",
        "they called me a liar",
        "the worker was cold and uncaring",
        "we were treated with contempt",
    ],
    "family-time": [
        "contact with my son keeps getting cancelled",
        "family time was cut to once a month",
        "I only see my kids for an hour a week",
        "the contact centre is two hours away",
        "they stopped my contact with no reason",
        "my daughter wants to see her brother and they wont arrange it",
        "as her nan I have not been allowed to see her",
        "the supervised contact is in a tiny room",
        "the contact supervisor didnt turn up",
        "they reduced my time with the children",
        "we were promised overnight stays and they never started",
        "i miss my mum and i want to see her more",
        "letterbox contact was never passed on",
        "contact was moved to a weekday when I work",
        "he was told he can only phone his dad once a fortnight",
        "the transport for contact keeps falling through",
        "i havent seen my little sister since we were split up",
        "family time sessions end early",
        "contact was suspended without a meeting",
        "they want it supervised forever",
    ],
    "placements-care": [
        "{child} has moved placements {n} times",
        "the foster carers dont look after him properly",
        "she was put in a childrens home miles away",
        "he is in an unregulated placement",
        "the placement broke down and he was moved overnight",
        "the home she lives in has no proper staff",
        "as a care leaver I was left with nowhere to live",
        "the foster placement is so far from his school",
        "they moved her to new carers without any warning",
        "the kids were split up into different foster homes",
        "she has been in {n} homes in a year",
        "the residential home is chaotic",
        "I'm 17 and leaving care and have no pathway plan",
        "the placement does not meet his needs",
        "he was put in a B&B at 16",
        "as a foster carer I was given no training",
        "the carers stopped him doing his hobbies",
        "she is sleeping in an office because there is no placement",
        "my son hates his foster home",
        "they want to move him to another county",
    ],
    "safeguarding-practice": [
        "they removed my children without any evidence",
        "child protection was heavy handed",
        "I reported that my granddaughter was at risk and they did nothing",
        "a section 47 was started over nothing",
        "they took my baby at the hospital",
        "I raised worries about her dad and nobody acted",
        "the risk assessment was never done",
        "they put him on a child protection plan for no reason",
        "they overreacted to one bruise",
        "the school reported concerns months ago and social care did not act",
        "they left her at home with her abuser",
        "the safeguarding response was far too slow",
        "the police and social care turned up at 6am over a misunderstanding",
        "they closed the case even though he is still unsafe",
        "the strategy meeting jumped to conclusions",
        "they started care proceedings over a messy house",
        "nobody checked where he was going at night",
        "my son was allowed home to a parent who hurts him",
        "a referral about abuse was not followed up",
    ],
    "complaints-handling": [
        "I complained before and it went nowhere",
        "my last complaint was never answered",
        "the stage 1 response did not address anything I raised",
        "I made a complaint in {month} and heard nothing",
        "they closed my complaint without speaking to me",
        "the complaints team just defended the worker",
        "my complaint was passed back to the same manager",
        "they said my complaint was out of time",
        "this is my third complaint about the same thing",
        "the response to my complaint was full of excuses",
        "I was told I cant complain while there are court proceedings",
        "nobody acknowledged my complaint",
        "they promised to learn from my complaint and nothing changed",
        "I asked for stage 2 and was refused",
        "the complaints process is a joke",
        "they lost my complaint",
        "the apology they gave after my complaint was meaningless",
        "I want to go to the ombudsman because nobody deals with complaints here",
    ],
    "information-rights": [
        "I asked for a copy of my records and have not had them",
        "my subject access request is overdue",
        "they shared my address with my ex",
        "they told the school private things about us without asking",
        "the worker discussed my case in front of other parents",
        "my file was sent to the wrong person",
        "they gave my medical details to my partners family",
        "I never gave consent for them to speak to my GP",
        "the report was emailed to the wrong address",
        "the redacted file still showed my new address",
        "I want to see what they have written about me",
        "they passed on my information without permission",
        "my confidential information was shared on a group email",
        "i want my data deleted",
        "as a care leaver I want to read my care file",
        "they read out my private messages in a meeting",
        "my new partners details were shared with the father",
    ],
    "praise": [
        "I want to say thank you to our social worker",
        "[NAME] was brilliant with my son",
        "the family support worker has been amazing",
        "for the first time someone actually helped",
        "our new worker is lovely and really listens",
        "the team went above and beyond",
        "I am grateful for the support we got",
        "the contact supervisor was kind to the kids",
        "thanks to the early help team things are much better",
        "my IRO is the only one who gets it",
        "she always calls back",
        "the foster carers have been fantastic",
        "I couldnt have got through this without my worker",
        "the duty worker was really helpful on the phone",
        "good job to the team",
        "our social worker is the best we have had",
        "my PA is great",
        "the manager sorted everything out quickly",
    ],
}

# More training phrases: the breadth of each theme's vocabulary (THEMES.md "covers").
TRAIN_MORE: dict[str, list[str]] = {
    "worker-changes": [
        "we have a different worker every time they ring",
        "the worker we trusted resigned and nobody replaced her properly",
        "my case has been reassigned so many times",
        "there is no named worker for us now",
        "he has had more social workers than birthdays",
        "they rely on agency workers who are gone in weeks",
        "the new worker had not read the file from the last one",
        "our worker went on leave and a temp covered",
        "staff keep leaving the team",
        "we get a new person every few months",
        "each time the worker changes the plan changes",
        "the high turnover of workers is damaging my children",
        "short term workers who never get to know the kids",
        "i have had four sws since i was 12",
    ],
    "not-listened-to": [
        "no one listened to my concerns",
        "my daughter was not asked for her views",
        "they ignored what the young person wanted",
        "I was excluded from the child in need meeting",
        "we were not involved in any of the decisions",
        "they disregarded everything I told them",
        "nobody takes any notice of grandparents",
        "the plan was made without asking us",
        "my voice doesnt count",
        "i said no and they did it anyway",
        "his views are not recorded anywhere",
        "I was not allowed to speak at the conference",
        "they wont hear what the kids have to say",
        "our input was never sought",
    ],
    "communication": [
        "nobody replies to my emails",
        "they never return my calls or texts",
        "I was not informed the case was closed",
        "they cancelled without letting me know",
        "the worker does not answer her phone",
        "we have heard nothing since the assessment",
        "I keep ringing and no one picks up",
        "I was never given a copy of the plan",
        "we were not told about the change",
        "nobody keeps me updated",
        "they never explain anything properly",
        "I need a translator and none was arranged",
        "I waited all day for a call that never came",
        "communication is terrible",
    ],
    "delays": [
        "it has taken far too long",
        "we are still waiting for a response",
        "the assessment is months overdue",
        "everything is delayed",
        "they are dragging their feet",
        "the plan keeps being put back",
        "it took ages for anyone to act",
        "we have waited over a year",
        "the review keeps being pushed back",
        "there has been no progress for months",
        "the process is painfully slow",
        "still no decision after all this time",
        "they missed every timescale",
        "the wait list is endless",
    ],
    "face-to-face": [
        "we never see the social worker",
        "she has not visited in months",
        "the worker does everything by phone",
        "nobody comes out to see us",
        "we have never had a home visit",
        "he has not been seen since the summer",
        "the meetings are all online",
        "the worker is too far away to visit",
        "she only talks to us over video",
        "they have not met the children in person",
        "visits are rare",
        "i want someone to come and see us",
        "the worker has been to the house once",
        "we never meet anyone face to face",
    ],
    "records-accuracy": [
        "the report contains lies",
        "there are mistakes in the assessment",
        "the file says things that never happened",
        "they recorded the wrong information",
        "the notes are inaccurate",
        "what they wrote is incorrect",
        "the report is biased",
        "the assessment is full of false statements",
        "they mixed us up with another family in the report",
        "the court report is misleading",
        "key facts are wrong in the record",
        "they put my words down wrong",
        "I want the errors in my file corrected",
        "the minutes do not reflect what was said",
    ],
    "support-services": [
        "we have had no help at all",
        "there is no support available",
        "we were refused early help",
        "my child needs camhs and we cant get it",
        "there is no respite for us",
        "nobody will help with his special needs",
        "we were passed around different departments",
        "no financial support for kinship carers",
        "the support package was withdrawn",
        "we need family support and there is none",
        "services keep saying it is not their job",
        "no help with housing or money",
        "the family hub could not help",
        "he has no ehcp and no support at school",
    ],
    "attitude-respect": [
        "she was very rude",
        "they were disrespectful",
        "I felt blamed and judged",
        "they made me feel like a criminal",
        "the worker was arrogant",
        "we were spoken to with no respect",
        "they were hostile to us",
        "she accused me of lying",
        "he was unkind to my son",
        "they treated me like dirt",
        "I was threatened with court",
        "nobody showed any empathy",
        "they were nasty to me",
        "the worker belittled my daughter",
    ],
    "family-time": [
        "my contact has been cancelled again",
        "I cant see my children",
        "they reduced contact to once a month",
        "contact is too far away",
        "contact sessions keep being cancelled",
        "the siblings are not allowed to see each other",
        "my grandchildren are not allowed to visit us",
        "contact with dad has stopped",
        "they wont let me see my kids",
        "the family time is always supervised",
        "contact was cut without explanation",
        "i want more contact with my brother",
        "our time together is too short",
        "contact was changed to video only",
    ],
    "placements-care": [
        "he has been moved from placement to placement",
        "the foster carers are not suitable",
        "the childrens home is terrible",
        "my daughter is in care and her placement is not working",
        "she was placed out of area",
        "the placement is unstable",
        "care leavers get no help",
        "he has had too many placement moves",
        "the foster carer shouts at him",
        "the kids home is not safe",
        "they keep moving her",
        "I'm a care leaver and I have been left alone",
        "the supported lodging is terrible",
        "she is in a home far from her family",
    ],
    "safeguarding-practice": [
        "they did nothing when I reported abuse",
        "the children were taken into care without good reason",
        "child protection got involved over nothing",
        "they ignored the risk to my granddaughter",
        "social care failed to protect him",
        "the investigation was heavy handed",
        "they were too slow to act on the risk",
        "my child is still at risk and no one is acting",
        "they removed him from school with the police",
        "the strategy discussion was unfair",
        "nobody assessed the risk properly",
        "they put the kids on a plan for no reason",
        "the referral about neglect was ignored",
        "they overreacted and it traumatised the kids",
    ],
    "complaints-handling": [
        "my complaint was ignored",
        "I have complained and nothing happened",
        "the complaint response was poor",
        "they never investigated my complaint",
        "I am still waiting for my complaint to be answered",
        "my previous complaint was not upheld without reason",
        "the complaint was handled badly",
        "stage 2 was refused",
        "they did not keep the promises in my complaint response",
        "this complaint is about how my last complaint was dealt with",
        "the complaints manager never called me",
        "my complaint was not taken seriously",
        "they closed the complaint without an answer",
        "I complained to the ombudsman",
    ],
    "information-rights": [
        "I want access to my records",
        "they shared my information without consent",
        "my data was shared with the wrong people",
        "they breached my confidentiality",
        "I asked for my file and they refused",
        "my address was given out",
        "they sent my details to the wrong family",
        "my privacy was not respected",
        "they disclosed my health information",
        "i did not consent to this being shared",
        "they gave information about me to my ex partner",
        "my subject access request was ignored",
        "they told other people about my case",
        "the data protection rules were broken",
    ],
    "praise": [
        "thank you for all your help",
        "our social worker is brilliant",
        "the worker was really kind",
        "I am very happy with the service",
        "the team have been great",
        "she really helped us",
        "we are so grateful",
        "the support was excellent",
        "he is the best social worker",
        "thanks for listening to us",
        "everyone was lovely",
        "the worker has been fantastic with the kids",
        "I want to praise the early help worker",
        "we have had really good support",
    ],
}

for _code, _more in TRAIN_MORE.items():
    TRAIN[_code] += _more

EVAL: dict[str, list[str]] = {
    "worker-changes": [
        "I'm on my {ordinal} social worker since the summer",
        "another new face every couple of months",
        "the kids have stopped learning the workers names because they never stay",
        "our allocated worker went off and a stand-in was sent",
        "continuity is non existent, it is a revolving door of workers",
        "we keep being reallocated",
        "the case got transferred to yet another worker",
        "I have had to explain everything again to each new person",
        "interim workers leave before they know us",
        "he had to meet a stranger again because his worker quit",
        "swapping social workers every few weeks",
        "no one stays long enough to know my family",
        "the third worker this year turned up",
    ],
    "not-listened-to": [
        "I feel completely unheard",
        "they dismissed everything I raised",
        "my grandsons voice is missing from the plan",
        "we were shut out of the core group",
        "they carried on regardless of what we said",
        "nobody bothered to find out how my daughter felt",
        "it was decided behind our backs",
        "i tried to tell them but they just nodded and did their own thing",
        "the conference went ahead without me there",
        "what I want does not seem to matter to anyone",
        "they ignore me coz im a kid",
        "our opinion counted for nothing",
        "they paid no attention to the advocate",
        "I asked to be part of the meeting and was refused",
    ],
    "communication": [
        "I'm always the last to know",
        "my voicemails go unanswered",
        "no one has got back to me",
        "we have been left in the dark",
        "their reply didnt answer any of my questions",
        "the office keeps saying someone will call and no one does",
        "I had to chase them for every bit of news",
        "english is not my first language and there was nobody to translate",
        "the paperwork they sent made no sense",
        "they never update me unless I ring them",
        "silence from the team since the meeting",
        "i found out about the decision through a letter out of the blue",
        "i dont even have a direct number for the worker",
        "the inbox is full and emails come back",
    ],
    "delays": [
        "we're approaching a year with no outcome",
        "it's dragged on far longer than anyone said",
        "the deadline came and went",
        "everything is on hold and nobody knows for how long",
        "the timescales keep slipping",
        "eight weeks became five months",
        "it's been sat on someones desk for ages",
        "we are in limbo",
        "progress has ground to a halt",
        "i was promised a decision by christmas and we are now in march",
        "the wait is unbearable",
        "nothing moves unless I push",
        "the process is taking forever",
        "it was rescheduled again and again",
    ],
    "face-to-face": [
        "we have not laid eyes on our worker",
        "it's all phone calls, never in person",
        "the last time anyone came round was last year",
        "she does everything remotely",
        "no one has been out to see the children",
        "they ring instead of coming",
        "a worker who has never stepped into our home",
        "the statutory visits are not happening",
        "we only ever see her on a screen",
        "he works hundreds of miles away so never pops in",
        "the worker has turned up twice in a year",
        "they will not come out to us",
        "i want someone to actually meet my kids",
    ],
    "records-accuracy": [
        "the paperwork misrepresents our family",
        "there are glaring factual errors in the document",
        "they wrote down the opposite of what I told them",
        "the write-up is riddled with inaccuracies",
        "the case summary bears no resemblance to reality",
        "key details were fabricated",
        "the social history is muddled up with another family",
        "dates and events are all mixed up in the document",
        "my words were taken out of context in the minutes",
        "i want the false statements removed from the file",
        "the c&f assessment reads like it is about someone else",
        "their notes are biased against dad",
        "what is recorded is simply not accurate",
    ],
    "support-services": [
        "the help we were offered was a phone number",
        "we fall through the gaps between health and social care",
        "we have been bounced between departments",
        "I'm at breaking point and there's no help available",
        "the youth club and the family hub have closed",
        "my autistic son gets no provision",
        "the money for the special guardianship was stopped",
        "we need a break and there is no respite care",
        "there was nothing after the assessment, no package at all",
        "mental health services turned her away",
        "they refused to fund the therapy he needs",
        "the parenting course was scrapped and not replaced",
        "no practical help with anything",
    ],
    "attitude-respect": [
        "the tone she used was so belittling",
        "I was made to feel worthless",
        "they looked down their nose at us",
        "her manner was aggressive",
        "they accused me of making it up",
        "he sneered at my partner",
        "it felt like we were guilty until proven innocent",
        "she was dismissive and sarcastic",
        "there was zero compassion",
        "they mocked my accent",
        "I was intimidated in that meeting",
        "the way they spoke to my grandson was horrible",
        "we were not shown basic courtesy",
    ],
    "family-time": [
        "seeing my children has been cut down to nothing",
        "the arrangements to see my grandchildren fell apart",
        "the siblings are kept apart",
        "our weekly session was scrapped at the last minute",
        "I have to travel three hours for sixty minutes with my son",
        "my visits with mum were taken away",
        "we cant even have a video call with our daughter now she is looked after",
        "the contact plan was changed without asking us",
        "my brother and I are only allowed to meet twice a year",
        "birthday contact was refused",
        "I'm only allowed supervised time with my own children",
        "nobody sorts out when I can see my dad",
        "the family centre keeps cancelling our slot",
    ],
    "placements-care": [
        "my grandson has been shunted from home to home",
        "the residential unit is not fit for purpose",
        "the foster family treat her differently from their own kids",
        "since turning 18 my personal adviser has vanished",
        "he's been placed far away from everything he knows",
        "the semi-independent accommodation is awful",
        "my daughter hates where she has been placed",
        "the carer is not meeting her medical needs",
        "we asked to have him with us and they placed him with strangers",
        "i have lived in six different houses since i came into care",
        "the staff at the home change every shift",
        "as a care experienced young person I had no help with my flat",
        "the emergency placement has gone on for months",
    ],
    "safeguarding-practice": [
        "the response to my disclosure was pitiful",
        "they stepped in too hard and too fast",
        "my grandchildren were left in danger for weeks",
        "the investigation into my family was out of proportion",
        "they went straight to a protection plan without any help first",
        "warning signs were missed",
        "the domestic abuse was known about and no action taken",
        "the decision to remove them was rushed",
        "they sent the police round instead of talking to us",
        "she is still at risk and the case was shut",
        "no one looked into what the school flagged",
        "nobody weighed up the danger properly",
        "they interviewed my kids at school as if we were abusers",
    ],
    "complaints-handling": [
        "my grievance was dismissed without investigation",
        "the investigating officer never contacted me",
        "i escalated to stage two and its been ignored",
        "the response letter was copied and pasted",
        "they upheld nothing even though I had evidence",
        "I've been through the whole procedure and got nowhere",
        "the LGO told me to go back to the council and the council ignores me",
        "filing a formal complaint made things worse",
        "the outcome was decided by the person I complained about",
        "no one followed through on what the complaint response promised",
        "they refused to accept it as a formal complaint",
        "the review panel was a tick box exercise",
        "my MP had to chase my complaint",
    ],
    "information-rights": [
        "a letter about my children went to my neighbour",
        "I requested all the information held on me under data protection",
        "they disclosed where we live to the person we fled from",
        "my privacy was breached",
        "they spoke to my employer behind my back",
        "the records they released were mostly blacked out",
        "they handed my diary to the other side",
        "I never agreed to them contacting my ex",
        "personal details of my daughter were left on a printer",
        "i want access to everything on my file",
        "they shared screenshots of my texts",
        "my consent was never sought before the referral",
        "sensitive information about my mental health was passed around",
    ],
    "praise": [
        "I can't fault the way the team handled things",
        "she has been a godsend to our family",
        "credit where its due, the worker was superb",
        "my daughter adores her social worker",
        "the advocate was wonderful",
        "they turned things around for us",
        "a massive thank you",
        "hats off to the family hub staff",
        "she was warm, honest and reliable",
        "we finally have someone who cares",
        "really pleased with how things went",
        "the worker made my son feel safe and happy",
        "excellent service from start to finish",
    ],
}

# Sentences that carry no theme: who is writing, and background.
OPENERS = {
    "train": [
        "I am writing about my son.",
        "Im a single mum of {n}.",
        "I'm a dad and I want to raise this.",
        "We are parents of two boys.",
        "im 14.",
        "I'm writing this myself.",
        "I'm 16 and this is about me.",
        "I am the grandmother of [NAME].",
        "As his grandad I have to say something.",
        "We are kinship carers for our grandson.",
        "I am an advocate writing for a young person.",
        "On behalf of the family I support:",
        "We are foster carers.",
        "This is about my daughter [NAME].",
        "Hi.",
        "",
        "",
        "",
    ],
    "eval": [
        "Hello, I'm mum to three.",
        "Writing on behalf of my nephew.",
        "i am 15 yrs old.",
        "My wife and I look after our granddaughter.",
        "I'm an independent advocate.",
        "This concerns my stepson [NAME].",
        "Good afternoon.",
        "I'm his aunt.",
        "To whoever reads this,",
        "Me and my partner have a little girl.",
        "",
        "",
        "",
    ],
}
FILLER = {
    "train": [
        "We live out in the county.",
        "My son is {n} and has autism.",
        "There are {n} kids in our house.",
        "It started in {month}.",
        "I work full time.",
        "We moved here last year.",
        "This has been going on a while.",
        "The weekend was busy with football.",
        "He likes drawing and lego.",
        "She is doing well at college.",
        "We went to my sisters on Sunday.",
        "The baby was born in {month}.",
        "I am writing this on my phone.",
        "My partner was at work.",
        "It was raining all day.",
        "I have attached the letter.",
        "He was excited about his birthday.",
        "We have lived in the same house for years.",
        "The car was in the garage.",
        "She was tired after school.",
        "My husband drives a van for work.",
        "The kids were at their grans.",
        "I was at the shops.",
    ],
    "eval": [
        "We're in a small village.",
        "My girl is {n} and has ADHD.",
        "Dad works nights.",
        "All this began around {month}.",
        "We have a dog and two cats.",
        "The youngest is at nursery.",
    ],
}
CONNECTORS = {
    "train": [". ", ". Also ", " and ", ". On top of that ", ", ", ". And "],
    "eval": [". Plus ", ". Not only that, ", "; ", ". Another thing: ", " - ", "... "],
}
CLOSERS = {
    "train": [
        "Please help.",
        "I just want things to change.",
        "This needs sorting.",
        "I want an apology.",
        "Im at the end of my tether.",
        "",
        "",
        "",
    ],
    "eval": [
        "Something has to give.",
        "What are you going to do about it?",
        "I hope someone reads this.",
        "Enough is enough.",
        "",
        "",
        "",
    ],
}
SLOTS = {
    "train": {
        "n": ["3", "4", "5", "six", "seven", "three"],
        "period": ["3 months", "six weeks", "a year", "18 months", "8 weeks"],
        "month": ["January", "may", "September", "last summer"],
        "child": ["my son", "my daughter", "[NAME]", "my grandson", "our eldest"],
        "ordinal": ["4th", "fifth", "third", "6th"],
    },
    "eval": {
        "n": ["2", "8", "nine", "11"],
        "period": ["four months", "half a year", "10 weeks", "two years"],
        "month": ["march", "October", "easter", "christmas"],
        "child": ["my girl", "the little one", "[NAME]", "my stepson", "my nephew"],
        "ordinal": ["7th", "eighth", "second"],
    },
}
# Text-speak as people type it, different spellings in each set.
TEXT_SPEAK = {
    "train": {
        "you": "u",
        "are": "r",
        "because": "cos",
        "social worker": "sw",
        "please": "pls",
        "don't": "dont",
        "nothing": "nothin",
        "about": "abt",
    },
    "eval": {
        "you": "ya",
        "because": "bc",
        "social worker": "s/w",
        "people": "ppl",
        "nothing": "nuthin",
        "with": "wiv",
        "thanks": "thx",
        "really": "rly",
        "have": "hav",
    },
}


def _fill(phrase: str, rng: random.Random, slots: dict[str, list[str]]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: rng.choice(slots[m.group(1)]), phrase)


def _misspell(word: str, rng: random.Random) -> str:
    if len(word) < 5 or not word.isalpha():
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("drop", "swap", "double"))
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "swap":
        return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]


def _noise(text: str, rng: random.Random, speak: dict[str, str]) -> str:
    if rng.random() < 0.2:
        for plain, short in speak.items():
            text = re.sub(rf"\b{re.escape(plain)}\b", short, text, flags=re.IGNORECASE)
    if rng.random() < 0.2:
        words = text.split(" ")
        for _ in range(rng.randint(1, 3)):
            j = rng.randrange(len(words))
            words[j] = _misspell(words[j], rng)
        text = " ".join(words)
    if rng.random() < 0.25:
        text = text.lower()
    if rng.random() < 0.1:
        text = re.sub(r"[.,:;']", "", text)
    return text


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def make(split: str, count: int, seed: int) -> list[dict[str, object]]:
    """count examples from the split's own banks, each theme about equally often."""
    rng = random.Random(f"{seed}-{split}")  # noqa: S311  (reproducible examples, not secrets)
    bank = TRAIN if split == "train" else EVAL
    slots = SLOTS[split]
    codes = list(bank)
    seen = dict.fromkeys(codes, 0)
    examples: list[dict[str, object]] = []
    for _ in range(count):
        k = rng.choices((0, 1, 2, 3), weights=(12, 43, 30, 15))[0]
        chosen: list[str] = []
        while len(chosen) < k:
            # Rarer themes are likelier, so every code ends up well covered.
            pool = [c for c in codes if c not in chosen]
            weights = [1.0 / (1 + seen[c]) for c in pool]
            chosen.append(rng.choices(pool, weights=weights)[0])
        for code in chosen:
            seen[code] += 1
        parts = [_fill(rng.choice(bank[c]), rng, slots) for c in chosen]
        if not parts or rng.random() < 0.3:
            parts.insert(
                rng.randrange(len(parts) + 1),
                _fill(rng.choice(FILLER[split]), rng, slots).rstrip("."),
            )
        body = parts[0]
        for part in parts[1:]:
            connector = rng.choice(CONNECTORS[split])
            body += connector + (
                _sentence(part) if connector.rstrip().endswith((".", ":")) else part
            )
        short = k == 1 and rng.random() < 0.25  # a line typed on a phone
        pieces = (
            [body]
            if short
            else [
                _fill(rng.choice(OPENERS[split]), rng, slots),
                _sentence(body) + ".",
                rng.choice(CLOSERS[split]),
            ]
        )
        text = " ".join(p for p in pieces if p).strip()
        text = _noise(text, rng, TEXT_SPEAK[split])
        ordered = [c for c in codes if c in chosen]
        examples.append({"text": text, "themes": ordered})
    return examples


def _check_disjoint() -> None:
    def phrases(split: str) -> set[str]:
        bank = TRAIN if split == "train" else EVAL
        every = [p for ps in bank.values() for p in ps]
        every += OPENERS[split] + FILLER[split] + CLOSERS[split]
        return {p.lower() for p in every if p}

    shared = phrases("train") & phrases("eval")
    if shared:
        raise SystemExit(f"phrases in both sets: {sorted(shared)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--train", type=int, default=1200)
    parser.add_argument("--eval", type=int, default=320)
    args = parser.parse_args()
    _check_disjoint()
    for split, count in (("train", args.train), ("eval", args.eval)):
        rows = make(split, count, args.seed)
        path = HERE / f"{split}.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        per_code: dict[str, int] = {}
        for row in rows:
            for code in row["themes"]:  # type: ignore[attr-defined]
                per_code[code] = per_code.get(code, 0) + 1
        empty = sum(1 for row in rows if not row["themes"])
        print(f"{path.name}: {len(rows)} examples, {empty} with no theme, per code {per_code}")


if __name__ == "__main__":
    main()
