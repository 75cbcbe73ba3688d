"""Build the hand-labelled evaluation set for the dissatisfaction finder.

Writes conversations.jsonl next to this file: one chat conversation a line,

    {"id": "<style>-<n>", "style": ..., "split": "dev" | "test",
     "messages": [{"role": "user" | "assistant", "content": ...}, ...],
     "labels": [{"turn": i, "label": "dsat" | "sat" | "neither"}, ...]}

where every user message that follows an assistant reply (messages[i], i >= 2) carries exactly one
label: the user's reaction to that reply. "dsat": the user is dissatisfied with it (complains,
corrects it, re-asks, restates a constraint it ignored, is sarcastic about it, gives up). "sat":
the user is satisfied with it (thanks, confirms it works, praises it, accepts it and moves on to
the next item). "neither": a neutral follow-up (a question building on the reply, a new request,
a clarification of the user's own request, small talk).

Every user reaction below was written by hand, with its label, for one style and one half of the
set (the only templated ones are re-asks that repeat the opening request, "Again: {ask}"): the
`dev` half and the `test` half draw on two disjoint banks of reactions and of topics, so that a
rule tuned on dev has not seen the test half's wording. This script only combines them:
for each style and half it picks a topic (an opening request and the assistant's first reply),
a number of user turns, and for each turn a label and a reaction from that half's bank, with a
random.Random seeded by SEED, so the output is the same on every run. It needs only the standard
library and takes no options besides --help.

    python data/finder_eval/build.py
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "conversations.jsonl"

SEED = 20240917
SPLITS = ("dev", "test")
LABELS = ("dsat", "sat", "neither")
CONVERSATIONS_PER_STYLE_AND_SPLIT = 16
USER_TURNS = (2, 3, 4, 5, 6)                  # user messages in a conversation
USER_TURN_WEIGHTS = (24, 30, 22, 14, 10)      # a style may override these ("turn_weights")
TOPIC_FOLLOW_UP_P = 0.6                       # chance of a topic's own reaction when one fits
AGAIN_P = 0.5                                 # chance of an "again" dsat once there was a revision
REPEAT_P = 0.35                               # chance of a re-ask ("repeat") after a flawed first answer


# ---------------------------------------------------------------------------------------------
# How a conversation is put together
# ---------------------------------------------------------------------------------------------
#
# A bank (one per style and split) holds
#   topics:  opening requests with the assistant's first answer, revised answers ("retry") and
#            reactions that only make sense for that topic (keyed by label);
#   dsat, sat: reactions that fit any topic of the style;
#   again:   (optional) dsat reactions that only fit after a revision ("same answer again");
#   repeat:  (optional) templates of a re-ask, "{ask}" standing for the opening request;
#   neither: neutral follow-ups that build on the reply, as (user, assistant) pairs;
#   new:     neutral turns that change the subject (a new request), as pairs;
#   chat:    (optional) small talk or "brb" that leaves the subject where it was, as pairs;
#   bye:     (optional) the user leaving for now; only ever the last user turn, as pairs.
# A reaction is a string (the assistant's next message is then made from the shared phrases
# below) or a (user, assistant) pair. A sat pair is "accept and move on": the user approves and
# asks the next thing in the same message, so the conversation continues on a new item.
#
# Coherence rules: a topic's own dsat reactions refer to the first answer, so they are used only
# before any revision or acceptance; a "flawed" topic's first answer misses the request, so its
# first reaction is one of its own dsat reactions or a re-ask from "repeat", and its own sat
# reactions refer to the revision that fixes it; "again" reactions come only after a revision;
# after a plain "thanks" the assistant closes and the user's next turn is neutral (a new request
# or a follow-up question); after a change of subject only generic reactions fit; no reaction
# appears twice in one conversation.

# The assistant's side of turns the banks leave to it (not part of what is evaluated).
DSAT_OPENERS = (
    "Sorry about that.", "You're right, my mistake.", "Apologies for the confusion.",
    "Thanks for pointing that out.", "I see — let me try again.", "My apologies, let me correct that.",
    "Understood.",
)
GENERIC_RETRIES = (
    "Here's a revised answer that sticks more closely to what you asked.",
    "Let me take a different approach and start from the simplest case.",
    "Here's a shorter, corrected version.",
    "Let me rework it from scratch with your requirements in mind.",
    "Here is another attempt; tell me if anything is still off.",
)
APOLOGETIC = ("Sorry", "My apologies", "You're right", "Understood", "Of course")  # retries needing no opener
SAT_CLOSERS = (
    "Glad that helped! Let me know if there's anything else.", "Great to hear! Anything else I can help with?",
    "You're welcome!", "Happy to help.", "Glad it worked out!", "Perfect — good luck with the rest!",
)


def topic(ask, answer, retry=(), dsat=(), sat=(), neither=(), flawed=False):
    """One opening request, the assistant's first answer and what only fits this topic."""
    if flawed and not dsat:
        raise ValueError(f"a flawed topic needs its own dsat reactions: {ask!r}")
    return {"ask": ask, "answer": answer, "retry": list(retry), "flawed": flawed,
            "own": {"dsat": list(dsat), "sat": list(sat), "neither": list(neither)}}


class Deck:
    """Draws items without replacement, reshuffling when empty, so a bank is used evenly."""

    def __init__(self, items, rng):
        self.items, self.rng, self.left = list(items), rng, []

    def draw(self, avoid=()):
        """The next item not in `avoid` (None when every item is), so a conversation never repeats one."""
        for _ in range(len(self.items) + 1):
            if not self.left:
                self.left = self.items[:]
                self.rng.shuffle(self.left)
            item = self.left.pop()
            if item not in avoid:
                return item
        return None


def split_reaction(item):
    """(user text, assistant reply or None) of a bank item."""
    return (item[0], item[1]) if isinstance(item, tuple) else (item, None)


def conversation(style, decks, label_deck, top, rng):
    """Messages and labels of one conversation on topic `top`."""
    n_user = rng.choices(USER_TURNS, weights=STYLES[style].get("turn_weights", USER_TURN_WEIGHTS))[0]
    messages = [{"role": "user", "content": top["ask"]}, {"role": "assistant", "content": top["answer"]}]
    labels = []
    retries = list(top["retry"])
    used = set()
    # Which of the topic's own reactions still fit: its dsat ones react to the first answer; its
    # sat ones to the first answer, or, for a flawed topic, to the revision that fixed it.
    own_ok = {"dsat": True, "sat": not top["flawed"], "neither": True}
    on_topic = True   # still talking about the opening request
    chain = False     # moved on to the next item of the same task ("works. next: ...")
    closed = False    # the assistant just closed with "glad it helped"
    revised = False   # the assistant has revised an answer at least once
    for k in range(n_user - 1):
        last = k == n_user - 2
        forced = k == 0 and top["flawed"]
        label = "dsat" if forced else "neither" if closed else label_deck.draw()

        # the topic's own reactions that still fit (after moving on, only the next "accept and move on")
        own = [r for r in top["own"][label] if r not in used and own_ok[label]
               and (on_topic or (chain and label == "sat" and isinstance(r, tuple)))]
        if forced and "repeat" in decks and rng.random() < REPEAT_P:
            item, kind = decks["repeat"].draw().replace("{ask}", top["ask"]), "repeat"
        elif own and (forced or rng.random() < TOPIC_FOLLOW_UP_P):
            item, kind = rng.choice(own), "own"
        elif label == "neither":
            kinds = ["new"] if closed else ["neither", "new"]
            kinds += [name for name in ("chat",) + (("bye",) if last else ()) if name in decks]
            rng.shuffle(kinds)
            for kind in kinds + ["new"]:
                item = decks[kind].draw(used)
                if item is not None:
                    break
        else:
            item, kind = None, label
            if label == "dsat" and revised and "again" in decks and rng.random() < AGAIN_P:
                item, kind = decks["again"].draw(used), "again"
            if item is None:
                item, kind = decks[label].draw(used), label
        if item is None:
            raise ValueError(f"{style}: the bank ran out of {label} reactions for one conversation")
        used.add(item)
        text, reply = split_reaction(item)

        if reply is None and label == "dsat":
            fix = retries.pop(0) if (on_topic and retries) else rng.choice(GENERIC_RETRIES)
            reply = fix if fix.startswith(APOLOGETIC) else f"{rng.choice(DSAT_OPENERS)} {fix}"
        elif reply is None and label == "sat":
            reply = rng.choice(SAT_CLOSERS)
        elif reply is None:
            raise ValueError(f"a neither reaction needs the assistant's reply: {text!r}")

        labels.append({"turn": len(messages), "label": label})
        messages.append({"role": "user", "content": text})
        messages.append({"role": "assistant", "content": reply})
        if label == "dsat":
            own_ok["dsat"], own_ok["sat"] = False, forced
            revised = True
        if label == "sat":
            own_ok["dsat"] = False
        if kind == "new" or (label == "sat" and isinstance(item, tuple)):
            on_topic, chain = False, kind == "own"
        if kind != "chat":
            closed = label == "sat" and reply in SAT_CLOSERS
    return messages, labels


def build():
    rows = []
    for style, spec in STYLES.items():
        n = 0
        for split in SPLITS:
            bank = spec[split]
            rng = random.Random(f"{SEED}/{style}/{split}")
            decks = {name: Deck(items, rng) for name, items in bank.items() if name != "topics"}
            topics = Deck(bank["topics"], rng)
            # the style's label mix as a small deck (a card per 5 points of weight), drawn without
            # replacement, so that both halves of every style come close to it
            cards = [c for c, w in zip(LABELS, spec["weights"]) for _ in range(max(1, round(w / 5)))]
            label_deck = Deck(cards, rng)
            for _ in range(CONVERSATIONS_PER_STYLE_AND_SPLIT):
                n += 1
                messages, labels = conversation(style, decks, label_deck, topics.draw(), rng)
                rows.append({"id": f"{style}-{n}", "style": style, "split": split,
                             "messages": messages, "labels": labels})
    return rows


def check(rows):
    """The shape promised in the docstring; raises on the first violation."""
    ids = set()
    for row in rows:
        assert row["id"] not in ids, row["id"]
        ids.add(row["id"])
        assert row["split"] in SPLITS and row["style"] in STYLES
        msgs = row["messages"]
        assert msgs and all(m["role"] == ("user" if i % 2 == 0 else "assistant") for i, m in enumerate(msgs))
        assert all(isinstance(m["content"], str) and m["content"].strip() for m in msgs)
        n_user = sum(m["role"] == "user" for m in msgs)
        assert 2 <= n_user <= 6, (row["id"], n_user)
        expected = [i for i in range(1, len(msgs)) if msgs[i]["role"] == "user" and msgs[i - 1]["role"] == "assistant"]
        assert [item["turn"] for item in row["labels"]] == expected, row["id"]
        assert all(item["label"] in LABELS for item in row["labels"])


def summary(rows):
    labels = Counter((r["split"], item["label"]) for r in rows for item in r["labels"])
    lines = [f"{len(rows)} conversations, {sum(labels.values())} labelled user turns"]
    for split in SPLITS:
        convs = sum(r["split"] == split for r in rows)
        counts = ", ".join(f"{c} {labels[split, c]}" for c in LABELS)
        texts = {r["messages"][i["turn"]]["content"] for r in rows if r["split"] == split for i in r["labels"]}
        lines.append(f"  {split}: {convs} conversations; {counts}; {len(texts)} distinct reactions")
    lines.append("  " + ", ".join(f"{c} {sum(labels[s, c] for s in SPLITS)}" for c in LABELS) + " overall")
    for style in STYLES:
        per = Counter(item["label"] for r in rows if r["style"] == style for item in r["labels"])
        lines.append(f"  {style:<10} " + " ".join(f"{c}={per[c]}" for c in LABELS))
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# The banks: one per style and split, written by hand. Nothing in a test bank repeats dev wording.
# ---------------------------------------------------------------------------------------------

STYLES = {}

# Terse lowercase phone typing: typos, no punctuation, abbreviations.
STYLES["terse"] = {
    "weights": (32, 40, 28),
    "dev": {
        "topics": [
            topic("whats a good sub for buttermilk in pancakes no dairy",
                  "Easy one: stir 1 tablespoon of lemon juice into 1 cup of regular milk, wait 5 minutes and use "
                  "it like buttermilk. Plain yogurt thinned with a splash of milk also works.",
                  retry=[("For a dairy-free version, mix 1 cup of unsweetened soy or oat milk with 1 tablespoon of "
                          "lemon juice or vinegar and let it sit 5 minutes. Soy curdles best."),
                         "Another dairy-free option: 3/4 cup coconut yogurt thinned with 1/4 cup water."],
                  dsat=["no dairy tho", "milk is dairy lol i said no dairy"],
                  neither=[("how many pancakes does a cup of batter make",
                            "Usually 6 to 8 medium pancakes, depending on how big you pour them.")],
                  flawed=True),
            topic("how long to boil eggs for runny yolk",
                  "For a runny yolk with set whites, lower the eggs into already-boiling water and cook 6 "
                  "minutes, then move them to cold water for a minute before peeling.",
                  retry=[("Try 5 minutes 30 seconds if you want it really runny, and start the timer only once the "
                          "water is back at a boil."),
                         "If they keep coming out hard, use eggs straight from the fridge and drop to 5 minutes."],
                  dsat=["did 6 min and they came out hard"],
                  sat=["6 min was perfect ty"],
                  neither=[("does it matter if theyre straight from the fridge",
                            "A little: cold eggs need about 30 seconds longer than room-temperature ones.")]),
            topic("whats the time diff between nyc and london rn",
                  "London is 5 hours ahead of New York, so 9am in New York is 2pm in London.",
                  retry=[("You're right — for a few weeks in March and in late October the gap is 4 hours, because "
                          "the US and the UK change their clocks on different dates. Otherwise it's 5 hours.")],
                  dsat=["thats not right its 4 this week bc of the clock change"],
                  sat=["ok 5 hrs got it thx"],
                  neither=[("so if i call at 8am my time whats that there", "8am in New York is 1pm in London.")]),
            topic("can u recomend a show like severance",
                  "If you liked Severance, try Devs, Black Mirror, Maniac or Dark. Devs is probably the closest "
                  "in mood.",
                  retry=["Some less obvious picks: Homecoming (season 1), Counterpart, Mr. Robot and Station Eleven."],
                  sat=["ok watching devs tonight ty"],
                  neither=[("is devs finished or is there more seasons",
                            "Devs is a complete 8-episode miniseries, so there's no second season.")]),
        ],
        "dsat": [
            "thats not what i asked", "nope didnt work", "way too long i just need the answer",
            "this doesnt help at all", "ugh still the same", "ur not listening",
            "thats literally the opposite of what i said", "k forget it", "thx but thats wrong", "still broken",
            "nah u got it backwards", "r u serious lol no",
        ],
        "again": [
            "u already said that", "wrong again lol",
        ],
        "repeat": [
            "?? {ask}",
        ],
        "sat": [
            "ty that worked", "perfect thx", "omg yes thank u", "ok that fixed it", "lifesaver fr",
            "nice thats exactly it", "ahh ok makes sense now ty", "cool got it thx", "yesss thats it",
            "ok ya that works", "sick thank uuu", "thx u saved me", "works now ty ty",
            "no way that actually worked lol ty",
        ],
        "neither": [
            ("wait why tho", ("Good question — it's mostly because of how the first step sets things up; skipping it "
                              "changes the result.")),
            ("whats the cheapest way to do that", ("The cheapest route is to use what you already have at home and "
                                                   "skip the optional extras.")),
            ("how long does that take", "Usually about 10 to 15 minutes start to finish."),
            ("is there a way to do it without an app", "Yes, you can do it by hand — it just takes a bit longer."),
            ("what does that mean", "It just means the first option; the rest are extras."),
            ("ok and after that", "After that you're done — just check it once more."),
        ],
        "new": [
            ("unrelated but whats a good name for a grey cat",
             "A few ideas: Smokey, Ash, Pebble, Earl Grey or Storm."),
            ("also how do i screenshot on a pixel",
             "Press Power and Volume Down together, or use the Screenshot button in the recent-apps view."),
            ("whats 15 percent of 64", "15% of 64 is 9.6."),
            ("whats a good pizza place open late near downtown",
             ("I can't look up live listings, but searching \"pizza open now\" in your maps app will show what's "
              "open near you.")),
        ],
        "chat": [
            ("brb gotta walk the dog", "No problem, I'll be here when you get back."),
            ("wrong chat lol meant to text my sister", "No worries! Let me know if you need anything."),
            ("u ever get bored lol", "Not really — every question is a bit different! What's next?"),
        ],
    },
    "test": {
        "topics": [
            topic("best way to get red wine out of carpet",
                  "Blot (don't rub) as much as you can, pour a little cold water on it and blot again. Then mix 1 "
                  "tablespoon of dish soap and 1 tablespoon of white vinegar in 2 cups of warm water, sponge it on "
                  "and blot until the stain lifts.",
                  retry=[("For a set-in stain, make a paste of 3 parts baking soda to 1 part water, let it dry and "
                          "vacuum. If a mark remains, dab on hydrogen peroxide mixed 1:1 with dish soap (test a hidden "
                          "spot first on light carpet).")],
                  dsat=["tried the vinegar thing its worse now"],
                  sat=["dish soap thing worked omg"],
                  neither=[("will that bleach a beige carpet",
                            ("Dish soap and vinegar won't bleach it. Only be careful with hydrogen peroxide — test it "
                             "on a hidden spot first."))]),
            topic("how many grams of protein in 3 eggs",
                  "Three large eggs have about 18 grams of protein (roughly 6 g each).",
                  retry=[("Recounting: a large egg has about 6.3 g, so 3 large eggs are about 19 g; 3 medium eggs are "
                          "closer to 16-17 g.")],
                  sat=["ok 18 cool ty"],
                  neither=[("and if its just the whites", "Three egg whites have about 11 grams of protein.")]),
            topic("text to my landlord saying rent will be 3 days late keep it short",
                  "Dear Mr. Alvarez,\n\nI hope this message finds you well. I am writing to let you know that, due "
                  "to an unexpected delay with my paycheck this month, my rent payment will unfortunately be "
                  "approximately three days late. I sincerely apologize for any inconvenience this may cause and "
                  "truly appreciate your patience and understanding.\n\nBest regards",
                  retry=[("Hi, quick heads up: rent will be about 3 days late this month, it'll be paid by Friday. "
                          "Sorry and thanks!")],
                  dsat=["bro i said short", "its a text not a letter"],
                  neither=[("should i say why or nah",
                            "You don't have to. A short reason can help, but the key thing is the new date.")],
                  flawed=True),
            topic("whats a good beginner plant that wont die",
                  "A pothos or a snake plant. Both handle low light and forgotten waterings: water the pothos when "
                  "the top inch of soil is dry and the snake plant every 2-3 weeks.",
                  retry=[("If you have pets, go for a spider plant, a parlor palm or a cast iron plant — all "
                          "non-toxic to cats and dogs and hard to kill.")],
                  sat=["snake plant it is thx"],
                  neither=[("is a pothos ok for cats",
                            "No, pothos is toxic to cats if they chew it. A spider plant is a safe alternative.")]),
        ],
        "dsat": [
            "nah thats not it", "bruh thats so wrong", "tried it doesnt work", "too much text i cant read all that",
            "i asked a simple q", "not even close", "ok thx but ur wrong", "whatever ill just google it",
            "that makes no sense", "no no no i meant the other one", "wtf no", "didnt ask for all that",
            "still not working smh",
        ],
        "again": [
            "u keep saying the same thing", "thats the same thing u said b4",
        ],
        "repeat": [
            "{ask} ???",
        ],
        "sat": [
            "worked ty", "ayy thanks", "tysm", "yep thats right", "solid ty", "ohh ok that makes sense now thx",
            "good looks", "bet thats perfect", "legend", "yep works", "ty sm that helped", "ok perfect doing that",
            "nice one", "cant believe that worked ty",
        ],
        "neither": [
            ("wait how do u know that", ("It's the standard guidance on this; I can point you to where to "
                                         "double-check it if you like.")),
            ("does that work on android too", ("Yes, the same steps work on Android; the menu names are just "
                                               "slightly different.")),
            ("what if i dont have one", "Then skip that step — it only makes things a bit easier."),
            ("how much would that cost roughly", ("Usually somewhere between nothing and about $20, depending on "
                                                  "what you already have.")),
            ("how long till it starts working", "Usually within a day or two."),
            ("can i do it at night or no", "Yes, any time of day works."),
        ],
        "new": [
            ("random q how long does a passport renewal take",
             "In the US a routine renewal currently takes about 6 to 8 weeks; expedited is 2 to 3 weeks."),
            ("is it wrong to text my ex happy bday",
             "It's not wrong in itself. It depends on how things ended and whether you'd be fine with no reply."),
            ("whats a word for happy but fancier", "Try elated, jubilant, euphoric or overjoyed."),
            ("what day is thanksgiving this yr", "US Thanksgiving is the fourth Thursday of November."),
        ],
        "bye": [
            ("gtg class starting", "Good luck in class! Come back anytime."),
        ],
        "chat": [
            ("hows ur day going lol", "Pretty good — lots of interesting questions. What else can I help with?"),
            ("lol my cat just knocked my coffee over",
             "Oh no! Hope the cat (and the laptop) are okay. Anything else I can help with?"),
        ],
    },
}

# Polite formal English: dissatisfaction wrapped in courtesy.
STYLES["formal"] = {
    "weights": (32, 40, 28),
    "dev": {
        "topics": [
            topic("Good afternoon. Could you please summarise the main differences between a Roth IRA and a "
                  "traditional IRA?",
                  "Certainly. With a traditional IRA, contributions may be tax-deductible now and withdrawals in "
                  "retirement are taxed as income. With a Roth IRA, you contribute after-tax money and qualified "
                  "withdrawals are tax-free. You can contribute up to $7,000 to each type every year.",
                  retry=[("My apologies: the $7,000 annual limit for 2024 ($8,000 if you are 50 or older) is shared "
                          "across all of your traditional and Roth IRAs combined, not available for each.")],
                  dsat=[("Thank you. I believe, however, that the $7,000 limit is shared across both accounts rather "
                         "than available for each one separately.")],
                  sat=["That is a very clear explanation, thank you kindly."],
                  neither=[("Which of the two would generally suit someone early in their career?",
                            ("Many people early in their career favour a Roth IRA, since their tax rate is often lower "
                             "now than it will be later, though it depends on individual circumstances."))]),
            topic("Would you kindly draft a brief note declining an invitation to my colleague Robert's retirement "
                  "dinner on the 14th?",
                  "Dear Margaret,\n\nThank you so much for the kind invitation to your retirement dinner on the "
                  "14th. Unfortunately I have a prior commitment that evening and shall not be able to attend. I "
                  "wish you a wonderful celebration.\n\nWarm regards,",
                  retry=[("Dear Robert,\n\nThank you very much for the kind invitation to your retirement dinner on "
                          "the 14th. I am sorry to say that I have a prior commitment that evening. I wish you a "
                          "splendid celebration and every happiness in your retirement.\n\nWarm regards,")],
                  dsat=["I appreciate the draft; however, the dinner is in Robert's honour, not Margaret's."],
                  neither=[("Should I also send a small gift, in your view?",
                            ("A card or a small gift is a thoughtful touch but not expected; a handwritten card is "
                             "usually enough."))],
                  flawed=True),
            topic("I would be grateful for an explanation of how compound interest differs from simple interest.",
                  "Simple interest is calculated only on the original principal: £1,000 at 5% earns £50 every "
                  "year. Compound interest is calculated on the principal plus the interest already earned, so in "
                  "year two you earn 5% of £1,050, which is £52.50, and the growth accelerates over time.",
                  retry=[("Put in figures: after 10 years at 5%, £1,000 grows to £1,500 with simple interest but to "
                          "about £1,629 with annual compounding.")],
                  sat=["Thank you, the example with the figures made it entirely clear."],
                  neither=[("Does the frequency of compounding make a significant difference?",
                            ("Some: at 5%, monthly compounding gives an effective annual rate of about 5.12%. The "
                             "effect grows with higher rates and longer periods."))]),
            topic("Could you recommend a few reputable books on the history of the Byzantine Empire for a general "
                  "reader?",
                  "Certainly: \"Byzantium\" by Judith Herrin, \"Lost to the West\" by Lars Brownworth, and "
                  "\"A Short History of Byzantium\" by John Julius Norwich.",
                  retry=[("For something shorter, \"Byzantium: A Very Short Introduction\" by Peter Sarris is an "
                          "excellent overview in under 150 pages.")],
                  sat=["Those are excellent suggestions; I shall order the Norwich this afternoon."],
                  neither=[("Which of these would you suggest beginning with?",
                            ("\"Lost to the West\" is the most accessible; Herrin's book suits readers who prefer "
                             "themes to a chronological narrative."))]),
        ],
        "dsat": [
            "I am afraid this does not quite address my question.",
            "Thank you for your response, but I believe there may be an error in the second point.",
            "With respect, I asked for a concise answer, and this is rather lengthy.",
            "I appreciate the effort, though this is not what I had in mind.", "I'm sorry, but this is incorrect.",
            "Perhaps I was unclear, but this is not what I requested.",
            "Regrettably, this does not resolve the matter.", "I must say I find this answer rather unhelpful.",
            "I wonder whether you have read my question in full; the second half is unanswered.",
            "I am sorry to press the point, but the figure you give is not the one I asked about.",
            "That is rather beside the point, I'm afraid.",
        ],
        "again": [
            "Forgive me, but you appear to have repeated your earlier answer.",
        ],
        "sat": [
            "Thank you very much; this is most helpful.", "Excellent, that is exactly what I required.",
            "I am much obliged for the thorough explanation.", "Splendid. That resolves my query entirely.",
            "Many thanks, I shall proceed on that basis.", "Wonderful, I appreciate your assistance greatly.",
            "Thank you; that is a model of clarity.", "I am most grateful. That will do very nicely.",
            "Capital. That is just what I needed.", "How very helpful — thank you so much.",
        ],
        "neither": [
            ("Could you elaborate on the second point, please?",
             ("Certainly. The second point determines how the rest applies, so in practice it is worth checking that "
              "condition first.")),
            ("Would this apply equally in Scotland?",
             "Largely, although a few details differ under Scots law, so it is worth checking the specifics."),
            ("Is there a reputable source where I might read further?",
             ("Official guidance and well-regarded reference works are the best starting points; I can suggest "
              "specific titles.")),
            ("Would you be good enough to put that in a short table?",
             "Of course: option, cost and timing in three columns."),
            ("May I ask how recent this information is?",
             "It reflects the rules as of my last update; it is worth confirming with the official source."),
        ],
        "new": [
            ("On an unrelated matter, what is the correct form of address for a bishop in a letter?",
             ("In the Church of England, \"The Right Reverend\" on the envelope and \"Dear Bishop\" in the "
              "salutation.")),
            ("Might you tell me whether it is wrong to split an infinitive in formal writing?",
             "It is not wrong; the old rule is widely regarded as a myth. Split one when it reads more naturally."),
            ("I wonder whether you could also suggest a title for my talk on urban gardening.",
             "Perhaps \"Green Among the Grey: Growing Food in the City\" or \"Roots in Concrete\"."),
            ("Before I forget — what is the plural of 'cul-de-sac'?",
             "\"Culs-de-sac\" is the traditional plural, though \"cul-de-sacs\" is now widely accepted."),
            ("I am rather new to computers. Could you explain what a 'browser' is?",
             "A browser is the program you use to visit websites, such as Chrome, Safari or Firefox."),
        ],
        "chat": [
            ("Incidentally, I hope you are having a pleasant day.", "That is kind of you. How else may I help?"),
        ],
    },
    "test": {
        "topics": [
            topic("Good morning. Could you explain the difference between 'affect' and 'effect'?",
                  "Certainly. In most cases \"affect\" is a verb meaning to influence (\"the weather affected our "
                  "plans\"), while \"effect\" is a noun meaning a result (\"the weather had an effect on our "
                  "plans\"). Less commonly, \"effect\" is a verb meaning to bring about, as in \"to effect change\".",
                  sat=["That is admirably clear; my thanks."],
                  neither=[("How, then, would one use 'affect' as a noun?",
                            ("Mainly in psychology, meaning observable emotional expression: \"the patient showed a "
                             "flat affect\"."))]),
            topic("Would you be so kind as to suggest a three-day itinerary for Edinburgh in December?",
                  "Day 1: the Royal Mile, Edinburgh Castle and the Christmas market in Princes Street Gardens. "
                  "Day 2: the National Museum of Scotland, Greyfriars Kirkyard and an evening walk up Calton Hill. "
                  "Day 3: Arthur's Seat in the morning if the weather allows, then Dean Village and Stockbridge.",
                  retry=[("An adjusted plan with indoor alternatives for each day: the Scottish National Gallery, the "
                          "Surgeons' Hall Museums and a ghost tour of the underground vaults.")],
                  sat=["This is a delightfully balanced plan; thank you very much indeed."],
                  neither=[(("Thank you, though I had hoped for suggestions suitable for a wheelchair user, which I "
                             "ought to have mentioned."),
                            ("Of course. The castle, the National Museum and the Christmas market are accessible; "
                             "I would swap Arthur's Seat and Calton Hill for the Royal Botanic Garden and a canal "
                             "walk.")),
                           ("Are there any restaurants near the castle that you might recommend?",
                            ("The Witchery by the Castle for a special occasion, or Makars Gourmet Mash Bar for "
                             "something hearty and less formal."))]),
            topic("Please could you convert 68 degrees Fahrenheit to Celsius, showing the calculation?",
                  "Certainly: (68 − 32) × 9/5 = 64.8 °C.",
                  retry=["My apologies, I used the wrong factor. (68 − 32) × 5/9 = 36 × 5/9 = 20 °C."],
                  dsat=[("Forgive me, but 64.8 °C would be extraordinarily hot for a room. Should the factor not be "
                         "5/9?"),
                        "I am fairly certain that is not correct; I believe the answer is 20 degrees."],
                  flawed=True),
            topic("I should be grateful for a brief overview of how a bill becomes law in the United Kingdom.",
                  "A bill is introduced in either the Commons or the Lords and goes through first reading, second "
                  "reading, committee stage, report stage and third reading, then the same stages in the other "
                  "House. Once both Houses agree on the text, it receives Royal Assent and becomes an Act.",
                  sat=["Thank you; that is exactly the level of detail I required."],
                  neither=[("What happens if the two Houses cannot agree?",
                            ("The bill goes back and forth (\"ping-pong\") until they do. Failing that, the Commons "
                             "can in some cases use the Parliament Acts to pass it after a delay of about a year."))]),
        ],
        "dsat": [
            "With the greatest respect, that is not the question I posed.",
            "I am grateful for the reply, but it unfortunately contains several inaccuracies.",
            "I fear the answer has missed the point of my enquiry.",
            "This is considerably more detail than I needed; a sentence or two would suffice.",
            "I regret to say the suggestion did not work.", "I believe you have misunderstood me.",
            "Thank you, but I am not persuaded that is accurate.",
            "I had hoped for a rather more specific answer than this.",
            "Alas, this leaves me no better informed than before.",
            "I am afraid you have answered a different question from mine.",
            "That does not accord with my understanding, nor, I suspect, with the facts.",
            "I would be grateful if you would read my question again.",
        ],
        "again": [
            "That is, I am sorry to say, the same answer you gave a moment ago.",
        ],
        "sat": [
            "Thank you kindly; that answers my question perfectly.", "Most helpful, I am obliged to you.",
            "That is precisely what I was looking for. Thank you.",
            "I'm very grateful — that has cleared up my confusion.", "Admirable. Thank you for taking the trouble.",
            "Much appreciated; you have saved me a good deal of time.", "Thank you, that is most illuminating.",
            "Perfectly put. I am obliged.", "That settles it admirably; many thanks.",
            "Thank you — I could not have asked for a clearer reply.", "Not bad at all; thank you.",
        ],
        "neither": [
            ("Might you expand a little on the final point?",
             "Of course. The final point is about timing: it is best done last, once everything else is settled."),
            ("Is this generally the case in other countries as well?",
             "Broadly, though the details vary from country to country."),
            ("And roughly how long would that take, in your estimation?",
             "Generally a few days to a couple of weeks, depending on the circumstances."),
            ("Would you set out the steps in order, please?",
             "Certainly: first the preparation, then the main step, then a final check."),
            ("Is there any cost involved?", "Usually none, though some services charge a small administrative fee."),
        ],
        "new": [
            ("Separately, could you recommend a good fountain pen for a beginner?",
             "The Lamy Safari and the Pilot Metropolitan are both reliable first fountain pens at a modest price."),
            ("Would you tell me what is wrong with the phrase 'very unique'?",
             ("\"Unique\" traditionally means one of a kind, so it is not gradable; many style guides advise "
              "against \"very unique\", though it is common in speech.")),
            ("I wonder if you could also tell me the origin of the word 'quarantine'.",
             ("It comes from the Venetian \"quaranta giorni\", forty days: how long ships had to wait during plague "
              "outbreaks.")),
            ("If I may change the subject: what time is sunset in Bath in late June?",
             "Around 9:30 pm; the longest day falls on or about 21 June."),
            ("Might you suggest a good crossword for a beginner?",
             "The Times Quick Cryptic is a gentle introduction; The Guardian's Quick crossword is easier still."),
        ],
        "chat": [
            ("I trust you are keeping well.", "Very kind of you to ask. How else may I help today?"),
        ],
    },
}

# Non-native English: grammar slips, literal phrasing.
STYLES["nonnative"] = {
    "weights": (32, 40, 28),
    "dev": {
        "topics": [
            topic("Hello, please can you explain me what is the difference of 'since' and 'for' in english?",
                  "Sure! Use \"for\" with a length of time and \"since\" with a starting point: \"I have lived "
                  "here for three years\" and \"I have lived here since 2021.\"",
                  retry=["In short: for + how long (for two weeks), since + from when (since Monday)."],
                  sat=["Now I understand very well, thank you so much!"],
                  neither=[("And with 'ago' how is it working?",
                            ("\"Ago\" goes with the simple past and counts back from now: \"I moved here three years "
                             "ago.\""))]),
            topic("I want to make the cv for job of nurse in Germany, which things I must to put?",
                  "A German-style CV (Lebenslauf) usually has: personal details and often a photo, work "
                  "experience in reverse order, education and nursing qualifications, the recognition status of "
                  "your nursing degree in Germany, language skills with level (for example B2 German), and it is "
                  "signed and dated at the bottom.",
                  retry=[("Short version: personal data, experience, education, recognition of your degree, German "
                          "level, signature and date.")],
                  sat=["Very useful, I did not know about the recognition of the degree. Thanks!"],
                  neither=[("The photo is obligatory or only optional?",
                            ("It's optional by law, but still common in Germany. If you use one, choose a "
                             "professional-looking photo."))]),
            topic("Please give me recipe for borscht but without meat, I am vegetarian.",
                  "Here is a classic borscht: simmer 500 g of beef brisket in 2 litres of water for 1.5 hours to "
                  "make a broth. Then add grated beetroot, carrot, onion, shredded cabbage and potatoes, cook 20 "
                  "minutes, and finish with vinegar, garlic and dill.",
                  retry=[("Sorry! Vegetarian borscht: fry onion, carrot and grated beetroot in oil, add 2 litres of "
                          "vegetable stock, potatoes and cabbage, cook 20 minutes, then add a spoon of vinegar, garlic "
                          "and dill. Serve with sour cream.")],
                  dsat=["But I told you I don't eat meat, why you put the beef?",
                        "The beef is not possible for me, I wrote that I am vegetarian."],
                  neither=[("Can I make it one day before?", "Yes, borscht tastes even better the next day.")],
                  flawed=True),
            topic("How I can make my 4 year old son to sleep earlier? Now he sleep at 11 pm.",
                  "Move bedtime 15 minutes earlier every few days, keep the same routine every night (bath, "
                  "pyjamas, story, lights out), no screens in the last hour, and plenty of outdoor time during the "
                  "day. Also check his nap: a late nap pushes bedtime back.",
                  retry=[("Another approach: wake him at the same early time every morning for a week; the earlier "
                          "wake-up usually pulls bedtime earlier too.")],
                  sat=["We try this 15 minutes method and already it is better, thank you."],
                  neither=[("He still makes nap after lunch, until 3. I must stop it?",
                            "Not completely, but try ending it by about 2 pm and see if bedtime moves earlier.")]),
        ],
        "dsat": [
            "This is not answer for my question.", "You don't understand me, I ask something different.",
            "Sorry but is too long, I need more simple.", "I try this but is not working.",
            "Is wrong, I check in other place.", "No, I mean other thing. Please read again my question.",
            "Thank you but it not help me.", "Why you write in so difficult words? My english is not so good.",
            "But this I know already, I ask other thing.", "You forget the part what I ask in the end.",
            "Is very complicate, I cannot follow.",
        ],
        "again": [
            "Again you say the same thing like before.",
        ],
        "sat": [
            "Thank you very much, is very clear now!", "Super, this is exactly what I need.",
            "Ah ok, now I understand. Thanks a lot.", "It works! Many thanks to you.",
            "Very good explain, thank you.", "Perfect, you help me very much.",
            "Great, I will do like you say. Thank you!", "Oh, this is very nice, thank you for your patient.",
            "Yes! Now it is working good.", "I am happy, this resolve my problem.",
            "Thank you, you explain better than my teacher.",
        ],
        "neither": [
            ("Is same thing in British english and American english?",
             "Mostly yes; only a few details differ between British and American usage."),
            ("Please, what means 'straightforward'?", "\"Straightforward\" means simple and easy to understand or do."),
            ("How much time it takes more or less?", "Usually around 20 to 30 minutes."),
            ("This word, how I pronounce it?", "Say it in syllables: straight-FOR-ward, with the stress on \"for\"."),
            ("In my country is different, is normal?", "Yes, it's normal — customs differ from country to country."),
        ],
        "new": [
            ("Other question: how I say 'Guten Appetit' in english?",
             "People usually say \"Enjoy your meal!\" — English has no fixed phrase for it."),
            ("What is wrong in this sentence: 'She don't like coffee'?",
             "It should be \"She doesn't like coffee\": with he, she and it, use \"doesn't\"."),
            ("Can you recommend me some podcast for learn english?",
             "Try \"6 Minute English\" from the BBC, \"All Ears English\" or \"Luke's English Podcast\"."),
            ("Which is more polite, 'can you' or 'could you'?",
             "\"Could you\" is a little more polite; both are fine in everyday situations."),
        ],
        "bye": [
            ("Now I must go cooking, later I come back.", "Enjoy your cooking! I'll be here when you come back."),
        ],
        "chat": [
            ("Today is raining very much here, and by you?",
             "I don't have weather where I am, but I hope you stay dry! Anything else I can help with?"),
        ],
    },
    "test": {
        "topics": [
            topic("Please explain me how works the recycling of plastic bottles in Spain, where I must to throw "
                  "them?",
                  "In Spain, plastic bottles go in the yellow container (contenedor amarillo), together with cans "
                  "and other packaging. Glass goes in the green one, paper and cardboard in the blue one, and "
                  "organic waste in the brown one where there is one.",
                  sat=["Ah, the yellow one! Now is clear, thank you."],
                  neither=[("And the bottle caps, I put them separately?",
                            "You can leave the caps on; they go in the yellow container too.")]),
            topic("Write me please a short message for my teacher that my daughter is sick and will not come "
                  "tomorrow. In english but simple words.",
                  "Dear Ms. Thompson,\n\nI regret to inform you that my daughter has been afflicted by an illness "
                  "and will consequently be unable to attend school tomorrow. We anticipate her prompt recuperation "
                  "and shall ensure any outstanding assignments are duly completed.\n\nRespectfully,",
                  retry=[("Of course, a simpler version:\n\nDear Ms. Thompson,\nMy daughter is sick and will not come "
                          "to school tomorrow. She will catch up on the homework.\nThank you,")],
                  dsat=["Is too difficult words, I said simple. I don't understand 'afflicted'.",
                        "Please more simple, the teacher knows my english is not perfect, this not sounds like me."],
                  neither=[("What means 'catch up'?",
                            "\"To catch up\" means to do the work she missed so she is at the same level again.")],
                  flawed=True),
            topic("Which documents I need for open bank account in UK like a foreign student?",
                  "Usually your passport, your visa or eVisa share code, proof of UK address (many banks accept a "
                  "letter from your university) and your enrolment letter. Banks like Monzo or Revolut often need "
                  "only your passport and visa.",
                  sat=["Thank you, with Monzo was very easy, I have the account now!"],
                  neither=[("The letter of university, who must to sign it?",
                            "The student services or registry office issues it; ask them for a \"bank letter\".")]),
            topic("My tomato plants have yellow leaves in bottom. What is the reason?",
                  "Yellow lower leaves on tomatoes often come from overwatering, too little nitrogen, or early "
                  "blight (brown spots with rings). Remove the affected leaves, water at the base in the morning "
                  "and feed with a balanced fertiliser.",
                  retry=[("If watering and feeding are fine, it is probably early blight: remove spotted leaves, mulch "
                          "the soil so it doesn't splash, and use a copper-based fungicide.")],
                  dsat=["I already do all this and still they are yellow."],
                  neither=[("Brown spots with rings, yes I see some. What I do now?",
                            ("That sounds like early blight: remove affected leaves, keep the foliage dry, mulch, and "
                             "consider a copper-based fungicide."))]),
        ],
        "dsat": [
            "Sorry, I not ask this.", "Is not correct what you write, I think.",
            "Too much information, I need only the short answer.", "Not work, I make like you said.",
            "Thank you but you not understand my question.", "Please, answer what I ask, not other things.",
            "Hmm no, this is for other situation, not mine.", "I don't find this useful.",
            "You give me answer for other country.", "I read two times and still I don't understand.",
            "Maybe you not read all my message.",
        ],
        "again": [
            "This is the same answer, please give me other.",
        ],
        "sat": [
            "Oh thank you, is perfect!", "Yes, so is correct, now I know.", "Really helpful, I am very thankful.",
            "Thanks, with this I can continue.", "Yes yes, this I was looking for.",
            "It functions now, thank you very much!", "You are very kind, this helps a lot.",
            "Wow, very good, thanks for help me.", "Exactly this, thank you!", "Is working now, I am so happy.",
            "Thank you, now I can sleep tranquil.",
        ],
        "neither": [
            ("Is possible to do it also online?",
             "Often yes — check the official website for your area."),
            ("And in winter is the same?", "Mostly yes, although in winter you may need to adjust a little."),
            ("For a child is also ok?", "Yes, it's fine for children too, with an adult helping."),
            ("Is necessary to have appointment?", "In most cases yes; you can usually book it online."),
            ("How I can say this more formal?",
             "Replace the casual words with \"Could you please...\" and \"I would like to...\"."),
        ],
        "new": [
            ("Other thing: how is correct, 'on the weekend' or 'at the weekend'?",
             "Both: \"at the weekend\" is British English and \"on the weekend\" is American English."),
            ("Is it wrong to say 'I am agree'?",
             "Yes, the correct form is \"I agree\": \"agree\" is a verb, so it doesn't need \"am\"."),
            ("Can you tell me a good app for learn Italian?",
             "Duolingo and Babbel are popular; for conversation practice, try Tandem or italki."),
            ("Tell me please, what is 'small talk'?",
             "Light, friendly conversation about easy topics like the weather or weekend plans."),
            ("My son ask me why the sky is blue, what I say him?",
             "Sunlight has all colours, and the air scatters blue light the most, so we see blue everywhere."),
        ],
        "chat": [
            ("I am from Brazil, you know my country?", "Of course! How can I help you next?"),
        ],
    },
}

# Angry or sarcastic users: sarcasm that reads as thanks, grudging satisfaction, venting at others.
STYLES["angry"] = {
    "weights": (50, 28, 22),
    "dev": {
        "topics": [
            topic("why does my laptop fan keep screaming even when im doing nothing",
                  "A loud fan at idle usually means something is using the CPU in the background. Open Task "
                  "Manager (Ctrl+Shift+Esc), sort by CPU and see what's at the top. Dust in the vents and old "
                  "thermal paste are the other usual causes.",
                  retry=[("If nothing shows up in Task Manager: update the BIOS and chipset drivers, set the power "
                          "plan to Balanced, and blow compressed air into the vents with the laptop off.")],
                  dsat=["i ALREADY checked task manager, nothing is running. useless."],
                  neither=[("fine. how do i check the thermal paste without breaking anything",
                            ("You'd have to open the case and remove the heatsink, which can void the warranty; a "
                             "repair shop can do it cheaply."))]),
            topic("my flight got cancelled and the airline app just loops. what are my rights in the EU",
                  "Under EU Regulation 261/2004, if your flight was cancelled less than 14 days before departure "
                  "you're entitled to a refund or rerouting, plus €250–€600 compensation depending on distance, "
                  "unless the cancellation was due to extraordinary circumstances. They must also provide meals "
                  "and a hotel if you're stuck overnight.",
                  retry=[("In practice: file the claim on the airline's website form, keep every receipt, and if "
                          "they refuse, escalate to the national enforcement body of the country you departed from.")],
                  sat=["ok. that's actually useful, thank you. the app could learn something from you"],
                  neither=[("what counts as 'extraordinary circumstances', because they will 100% claim that",
                            ("Severe weather, air traffic control strikes or security threats. Technical faults and "
                             "the airline's own staff strikes usually don't count."))]),
            topic("give me ONE word that means very tired. one. not a list.",
                  "Here are some options: exhausted, drained, fatigued, worn out, spent, knackered, weary.",
                  retry=["Exhausted."],
                  dsat=["what part of ONE did you not understand", "I said one word. You gave me seven. Incredible."],
                  flawed=True),
            topic("how do i cancel my gym membership online, they make it impossible",
                  "Many gyms only allow cancellation in person or by letter. Check your contract for a "
                  "cancellation clause, look for an online form in the member portal, and if you write a letter, "
                  "send it by recorded delivery so you have proof.",
                  retry=[("Most US states and the EU require gyms to let you cancel the same way you signed up: if "
                          "you joined online, you can demand to cancel online. Cite that in an email to them.")],
                  dsat=["wow, 'check your contract'. groundbreaking."],
                  neither=[("if i just stop paying what happens",
                            "They may send it to collections, which can hurt your credit score, so cancel formally.")]),
        ],
        "dsat": [
            "Wow thanks, super helpful. Now it's worse.", "Are you even reading what I write?",
            "That's wrong and you know it.", "Great, another wall of text that says nothing.",
            "Seriously? That's your answer?", "Thanks for nothing.", "Unbelievable. Just answer the question.",
            "Yeah no. Try again.", "Cool, so you just made that up.", "forget it. I'll ask someone who knows.",
            "Did you even try this yourself?", "Incredible how you manage to be wrong every time.",
            "Oh sure, 'just contact support', why didn't I think of that.",
        ],
        "again": [
            "Oh brilliant, the exact same answer as last time.", "I've told you three times now.",
        ],
        "repeat": [
            "I'll ask AGAIN: {ask}",
        ],
        "sat": [
            "Finally. That works.", "Ok, fine, that actually did it. Thanks.", "About time. Yes, that's right.",
            "Huh. That worked. Didn't expect that.", "Ok that's what I needed, thank you.",
            "Good. That's the first useful thing today.", "Ok. Yes. That's correct, thanks.",
            "Well that was easy. Thanks.", "Right, that's done. Cheers.", "Can't argue with that. Thanks.",
        ],
        "neither": [
            ("and how long is that supposed to take", ("Usually a few minutes; much longer means something else "
                                                       "is going on.")),
            ("ok and if that doesn't work then what", ("Then contact them directly or try the alternative; I can "
                                                       "walk you through it.")),
            ("who even decided it works like that", ("It's mostly historical — it was set up long ago and changing "
                                                     "it would break a lot of things.")),
            ("is that the same for everyone or just me", "It's the same for everyone on that plan."),
            ("how would i even know if that's the problem",
             "The giveaway is that it only happens at certain times of day."),
        ],
        "new": [
            ("different thing. my neighbour's dog barks all night, can i report it",
             ("Yes, most places let you report persistent noise to the local council or the non-emergency line; "
              "keep a log of dates and times.")),
            ("sorry for yelling, rough day. what's a quick dinner with eggs and rice",
             ("No problem at all. Egg fried rice: fry day-old rice with scrambled egg, soy sauce, spring onion and "
              "frozen veg.")),
            ("what's wrong with people who don't use turn signals",
             "Usually habit or distraction rather than malice. Still annoying!"),
            ("ugh. ok, different question: how do I dispute a parking ticket",
             ("Photograph the signs and the spot, then appeal in writing to the issuing council within the deadline "
              "on the ticket.")),
            ("whatever, totally different question: how long do i boil pasta",
             "About 8–12 minutes depending on the shape; taste a minute before the packet time."),
        ],
        "chat": [
            ("my boss is driving me insane today",
             "Sounds like a rough day. Want help drafting a reply to them, or something else?"),
        ],
    },
    "test": {
        "topics": [
            topic("my wifi drops every evening around 8, i'm so done with this router",
                  "Evening drops often mean a congested 2.4 GHz channel when the neighbours get home. Log in to "
                  "the router (usually 192.168.1.1), switch to channel 1, 6 or 11, or use the 5 GHz band, and "
                  "check for a firmware update.",
                  retry=[("If it drops on a cable too, the problem is on the provider's side: note the times, run a "
                          "line test at 8 pm and call the ISP — it may be a line fault.")],
                  dsat=["it drops on the ETHERNET too. so no, it's not your magic channel theory."],
                  neither=[("how do i even find out which channel the neighbours are on",
                            "A free Wi-Fi analyser app shows which channels are busy around you.")]),
            topic("what year did the berlin wall fall. just the year.",
                  "The Berlin Wall was a guarded barrier that divided Berlin from 1961 to 1989. It was built by the "
                  "German Democratic Republic to stop emigration to the West, and its fall on 9 November 1989 "
                  "became a symbol of the end of the Cold War, leading to reunification in 1990.",
                  retry=["1989."],
                  dsat=["JUST the year. I didn't ask for an essay.", "I literally said just the year"],
                  flawed=True),
            topic("my landlord kept my whole deposit for 'cleaning'. apartment was spotless. what can i do "
                  "(california)",
                  "In California the landlord must send an itemised statement within 21 days of move-out, with "
                  "receipts for charges over $125. If they didn't, or the charges are unreasonable, send a written "
                  "demand citing Civil Code 1950.5; if that fails, file in small claims court — bad-faith "
                  "withholding can cost them up to twice the deposit.",
                  sat=["ok. that's exactly the ammo I needed. thank you."],
                  neither=[("do i need a lawyer for small claims or can i do it myself",
                            ("You represent yourself in California small claims; lawyers can't appear for you at the "
                             "hearing. Filing costs roughly $30–$75."))]),
            topic("why is every recipe online a 3000 word life story. just tell me how long to roast a chicken",
                  "For a 1.5–2 kg chicken: 200 °C (400 °F), about 20 minutes per 500 g plus 20 minutes, until the "
                  "thickest part of the thigh reaches 74 °C (165 °F).",
                  sat=["thank you. no life story. beautiful."],
                  neither=[("do i rest it after or is that a myth too",
                            "Not a myth: rest it 10–15 minutes under loose foil.")]),
        ],
        "dsat": [
            "Oh perfect, thank you so much for telling me to restart it. Genius.", "No. Just no.",
            "How is that even remotely what I asked?", "I swear you're doing this on purpose.",
            "Amazing. Wrong in a brand new way.", "Did you read a single word of my message?",
            "Stop apologising and fix it.", "What a waste of time.",
            "Really appreciate you wasting ten minutes of my life.", "i give up with you",
            "Oh fantastic, more generic advice. Just what I needed.", "Was that written by a fortune cookie?",
            "Perfect. Now it deletes everything.",
        ],
        "again": [
            "That's the fourth time you've ignored what I said.", "Nope. Wrong. Again.",
            "You're making stuff up again.",
        ],
        "repeat": [
            "READ what I asked: {ask}",
        ],
        "sat": [
            "Right. That worked. Thank you.", "Fine, you win, that was the answer.",
            "Ok, good, that's finally sorted.", "That's it. That's literally all I wanted. Thanks.",
            "Alright, credit where it's due, that fixed it.", "Yes. THAT. Thank you.", "Fine. That worked. Thanks.",
            "Ok good. Sorted.", "Wow, that was actually helpful.",
        ],
        "neither": [
            ("and why does nobody tell you that upfront", "Mostly because it's buried in the fine print."),
            ("so how much is that going to cost me", "Typically nothing to a small fee, depending on the provider."),
            ("what if they just ignore me", ("Then escalate: put it in writing, keep records, and go to the "
                                             "regulator or ombudsman.")),
            ("is there a deadline for that or can i do it whenever",
             "There's usually a deadline — often 30 days — so do it soon."),
            ("who do i even call for that", "The customer service number on the back of your card or bill."),
        ],
        "new": [
            ("ok unrelated, how do i block a number on iphone",
             "Phone → Recents, tap ⓘ next to the number, then \"Block this Caller\"."),
            ("sorry, not mad at you, just this day. got any good comfort movies",
             "Totally understandable. Paddington 2, The Princess Bride, Chef or My Neighbour Totoro."),
            ("tell me what's wrong with a society where rent is 60% of your income",
             ("When housing eats most of income, people can't save, move for better jobs or absorb shocks; "
              "economists mostly point to housing shortages.")),
            ("anyway. what's the fastest way to thaw frozen chicken",
             "Sealed in a bag in cold water, changing the water every 30 minutes: about an hour per pound."),
            ("unrelated: why does my cat scream at 4am",
             "Usually hunger or boredom; a timed feeder and play before bed often help."),
            ("ok I'm calmer now. my lower back is killing me, any stretch for that",
             "Knees-to-chest: lie on your back and hug both knees for 30 seconds, a few times."),
        ],
    },
}

# Programming help: code, error messages pasted back, "still getting the same error".
STYLES["code"] = {
    "weights": (36, 40, 24),
    "dev": {
        "topics": [
            topic("getting `ModuleNotFoundError: No module named 'requests'` when I run my script, but I did pip "
                  "install requests",
                  "That usually means `pip` installed into a different Python than the one running your script. "
                  "Run `python -m pip install requests` with the same `python` you use for the script, and check "
                  "which one that is with `python -c \"import sys; print(sys.executable)\"`.",
                  retry=[("If you use a virtual environment, activate it (`source .venv/bin/activate`) before "
                          "installing and running; in VS Code also select that interpreter with \"Python: Select "
                          "Interpreter\".")],
                  dsat=[("did `python -m pip install requests`, it says already satisfied, still getting the same "
                         "error")],
                  sat=["`python -m pip` did it, thanks! it was installing into the homebrew python"],
                  neither=[("what's the difference between pip and python -m pip anyway",
                            ("`python -m pip` runs pip as a module of that exact interpreter, so packages land where "
                             "that Python looks; a bare `pip` may belong to another installation."))]),
            topic("how do I reverse a list in python without modifying the original?",
                  "Use slicing: `reversed_list = my_list[::-1]`, or `list(reversed(my_list))`. Both return a new "
                  "list and leave `my_list` unchanged.",
                  sat=["oh slicing, nice, that's clean"],
                  neither=[("is one of them faster for big lists?",
                            "Slicing is usually slightly faster, but the difference rarely matters.")]),
            topic("In JavaScript, how do I check if an array is empty? Please no lodash, plain JS only.",
                  "You can use lodash: `_.isEmpty(arr)` returns `true` for an empty array.",
                  retry=["In plain JavaScript: `if (Array.isArray(arr) && arr.length === 0) { ... }`."],
                  dsat=["I said no lodash.", "That's a lodash call, I asked for plain JS"],
                  flawed=True),
            topic("my SQL query `SELECT name, COUNT(*) FROM orders GROUP BY customer_id` errors with 'column "
                  "\"orders.name\" must appear in the GROUP BY clause'",
                  "Every selected column that isn't aggregated must be in the GROUP BY. Either group by it too: "
                  "`SELECT customer_id, name, COUNT(*) FROM orders GROUP BY customer_id, name`, or drop `name` "
                  "from the SELECT.",
                  retry=[("If each customer can have several names in `orders`, pick one with an aggregate: "
                          "`SELECT customer_id, MAX(name), COUNT(*) FROM orders GROUP BY customer_id`.")],
                  sat=["adding name to the group by fixed it 👍"],
                  neither=[("what's the difference between WHERE and HAVING here",
                            ("`WHERE` filters rows before grouping; `HAVING` filters groups after, e.g. "
                             "`HAVING COUNT(*) > 5`."))]),
        ],
        "dsat": [
            "still getting the same error", "that's not valid syntax, it doesn't even compile",
            "Same traceback:\n```\nTypeError: 'NoneType' object is not subscriptable\n```",
            "that function doesn't exist in the version I'm using", "this breaks the other tests now",
            "you changed the function signature, I need it to stay the same", "that's exactly the code I sent you",
            "nope, output is still empty", "thanks, but this has the same off-by-one bug",
            "why did you rewrite the whole thing? I only asked about one line",
            "that just moves the error to line 42", "you're mixing Python 2 and 3 syntax",
            "nope: `KeyError: 'id'` now", "great, now nothing loads at all",
        ],
        "sat": [
            "that fixed it, thanks!", "tests pass now 🎉", "works perfectly, appreciate it",
            "ahh the missing await, of course. thank you", "compiles and runs, cheers", "yep that was it",
            "great explanation, it finally clicked", "👍 merged", "nice, that regex works for all my cases",
            "ah, that's the bit I was missing. thanks!", "perfect, deployed", "no more errors, thanks!",
        ],
        "neither": [
            ("could you add comments to that?", "Sure — here it is again with a one-line comment above each step."),
            ("what would the time complexity of that be?", "O(n): each element is visited once."),
            ("is there a way to write a unit test for this?",
             "Yes — call it on a small known input and assert the expected output."),
            ("is this the idiomatic way or just a way that works?",
             "It's the idiomatic way in recent versions; older code often does it more verbosely."),
            ("should this go in a separate module?",
             "Only if it grows or gets reused; for now it's fine where it is."),
        ],
        "new": [
            ("unrelated, but what's a good name for a function that strips and lowercases a string?",
             "`normalize_text` or `clean_string` are both clear."),
            ("btw what's the git command to undo the last commit but keep the changes?",
             "`git reset --soft HEAD~1` — the changes stay staged."),
            ("what's wrong with using `eval` for parsing user input, in general?",
             ("`eval` runs arbitrary code, so malicious input can execute anything. Use `json.loads` or "
              "`ast.literal_eval` for data.")),
            ("what's the best way to learn Go if I know Python?",
             "Start with the Tour of Go, then rewrite a small Python tool of yours in Go."),
            ("random: why is it called a 'bug'?",
             "The word predates computers, but a moth found in the Harvard Mark II in 1947 made it famous."),
        ],
        "chat": [
            ("lol it's 2am and I'm still debugging", "The classic 2am session! Hope it works soon — what's next?"),
        ],
    },
    "test": {
        "topics": [
            topic("Rust: `error[E0382]: borrow of moved value: v` after I pass `v` to a function",
                  "Passing `v` by value moves it into the function, so you can't use it afterwards. Pass a "
                  "reference: `fn process(v: &Vec<i32>)` and call `process(&v)`. If the function needs ownership, "
                  "pass `v.clone()`.",
                  retry=[("If the function modifies it, use a mutable reference: `fn process(v: &mut Vec<i32>)`, "
                          "`let mut v = ...;` and call `process(&mut v)`.")],
                  dsat=[("changed it to &v and now I get `cannot borrow *v as mutable, as it is behind a & "
                         "reference`")],
                  sat=["passing &v worked, thank you — the borrow checker finally makes sense"],
                  neither=[("when should I prefer `&[i32]` over `&Vec<i32>`?",
                            "Almost always for parameters: `&[i32]` accepts vectors, arrays and slices.")]),
            topic("bash one-liner to count lines in all .py files under src, recursively",
                  "`wc -l src/*.py`",
                  retry=["Recursive: `find src -name '*.py' -print0 | xargs -0 cat | wc -l`."],
                  dsat=["that only counts the top-level folder, I said recursively", "doesn't go into subdirectories"],
                  flawed=True),
            topic("React: my useEffect runs twice on mount in development, is that a bug?",
                  "It's expected: in development with StrictMode, React 18 mounts, unmounts and remounts "
                  "components to expose effects without proper cleanup. It doesn't happen in production builds.",
                  sat=["oh that explains it, thanks — it's the StrictMode wrapper"],
                  neither=[("so should I remove StrictMode?",
                            ("No — keep it, and make sure the effect returns a cleanup function so running twice is "
                             "harmless."))]),
            topic("pandas: how do I drop rows where column 'price' is NaN?",
                  "`df = df.dropna(subset=['price'])`",
                  retry=[("If the missing values are strings like 'NaN' or empty strings, convert first: "
                          "`df['price'] = pd.to_numeric(df['price'], errors='coerce')`, then `dropna`.")],
                  dsat=["I ran it and the NaN rows are still there when I print df"],
                  sat=["dropna with subset, perfect"],
                  neither=[("and if I want to fill them with the median instead?",
                            "`df['price'] = df['price'].fillna(df['price'].median())`")]),
        ],
        "dsat": [
            "still failing with exactly the same message",
            "```\nAttributeError: 'list' object has no attribute 'shape'\n```\nnow this",
            "that method was deprecated two major versions ago", "you're calling a variable you never defined",
            "it compiles but the output is wrong: expected 10, got 9",
            "please just give me the diff, not the whole file again",
            "this is the same code as before with the variables renamed",
            "your fix works for the example but crashes on an empty input",
            "ty but the import path is wrong, it's `from core.utils`, not `utils`",
            "no, I can't add a dependency for this", "I don't think that regex does what you say it does",
            "segfault now, before it at least ran", "that's Python, I'm writing Go",
            "the linter rejects this: unused variable `tmp`",
        ],
        "sat": [
            "works now, thank you!!", "green CI, finally. thanks", "that's the one, cheers",
            "nice, way cleaner than my version", "ran it on the full dataset, all good",
            "oh wow, much faster now. thanks", "lgtm 👍", "ahh, off by one, of course. fixed, thanks",
            "benchmark went from 12s to 0.8s 🚀", "clean, thank you", "passes locally and in CI",
            "no more warnings either 🙌",
        ],
        "neither": [
            ("can you also write a short doc comment for it?",
             "Sure: a one-line summary, then what each argument means and what it returns."),
            ("how would this behave with unicode input?",
             "Fine in most modern languages, but normalise strings before comparing them."),
            ("would it be better as a class or is a function fine?",
             "A function is fine: there's no state to keep between calls."),
            ("does this need a lock if two threads call it?",
             "Yes, if they share state; guard the update with a lock or mutex."),
            ("how would I log what it's doing?",
             "Add a debug-level log line at each step with your language's logging library."),
        ],
        "new": [
            ("different question: tabs or spaces for a new Python project?",
             "Spaces, four per level, as PEP 8 recommends."),
            ("btw, how do I rename a branch locally and on the remote?",
             "`git branch -m old new`, then `git push origin -u new` and `git push origin --delete old`."),
            ("is it wrong to catch bare `Exception` in a CLI entry point?",
             "Not at the very top level if you log it and exit non-zero; avoid it deeper in the code."),
            ("off-topic: any good mechanical keyboard for coding?",
             "A Keychron K2 or a Leopold FC750R are popular, solid choices."),
            ("what's the difference between a process and a thread, quickly?",
             "A process has its own memory; threads share their process's memory."),
        ],
        "chat": [
            ("do you ever dream in Python? :)", "If I did, it would be full of indentation errors. What's next?"),
        ],
    },
}

# Long multi-turn task work: writing and editing, planning. Longer conversations on one task.
STYLES["longtask"] = {
    "weights": (30, 40, 30),
    "turn_weights": (0, 15, 30, 30, 25),
    "dev": {
        "topics": [
            topic("I'm writing a 600-word essay for my history class on why the Roman Republic fell. Can you help "
                  "me outline it?",
                  "Here's an outline:\n1. Introduction: the fall as a process, not one event (thesis: political "
                  "violence and armies loyal to generals).\n2. Social tensions: land, the Gracchi, the breakdown of "
                  "norms.\n3. Military reforms: Marius.\n4. Civil wars: Sulla, then Caesar crossing the Rubicon.\n"
                  "5. Conclusion: Augustus formalises what was already true.",
                  retry=[("Here's a tighter version: three body sections, with the economic causes (land and "
                          "debt) folded into the first one."),
                         "Revised again, keeping your wording where you had it and only changing what you flagged."],
                  dsat=["Five sections is way too many for 600 words.",
                        "I don't think Marius is even that relevant, and you left out the economy completely."],
                  sat=["This outline is great, the Marius point is exactly what I was missing."],
                  neither=[("Can you draft the introduction paragraph from point 1?",
                            ("Sure: \"The Roman Republic did not fall in a day. Over a century, political violence "
                             "and armies loyal to their generals hollowed out its institutions...\"")),
                           ("Should I cite Plutarch or is that too old for a class essay?",
                            "Plutarch is fine — he's a primary source; just note he wrote over a century later."),
                           ("My teacher wants a counterargument section too. Where would that fit?",
                            "Just before the conclusion: address the view that Caesar alone destroyed the Republic.")]),
            topic("Help me plan a 5-day trip to Japan in April. I land in Tokyo and fly out of Osaka, and I'd like "
                  "to avoid early mornings.",
                  "Day 1: Asakusa and Senso-ji, then a Sumida river walk. Day 2: Shinjuku Gyoen for the cherry "
                  "blossoms, Harajuku, Shibuya at night. Day 3: Shinkansen to Kyoto, Gion in the evening. Day 4: "
                  "Fushimi Inari at 6 am to beat the crowds, then Arashiyama. Day 5: Nara for the deer, evening in "
                  "Dotonbori, Osaka.",
                  retry=[("Updated day 4: Arashiyama from 10 am and Kinkaku-ji after lunch, with Fushimi Inari in the "
                          "late afternoon when the crowds thin out again.")],
                  dsat=["Fushimi Inari at 6am is exactly the kind of early start I said I wanted to avoid."],
                  sat=["Love it, Nara with the deer is going to be the highlight."],
                  neither=[("Is a JR Pass worth it for this route?",
                            "Probably not since the 2023 price increase: single Shinkansen tickets cost less."),
                           ("What's a good area to stay in Kyoto?",
                            "Around Kawaramachi or Kyoto Station; Kawaramachi is livelier in the evening."),
                           ("We're two adults and a 10-year-old, by the way — does that change anything?",
                            ("A little: Nara's deer and Arashiyama's monkey park are big hits with kids, and the "
                             "Osaka Aquarium is a good rainy-day option."))],
                  flawed=True),
            topic("I need a cover letter for a junior data analyst role at a logistics company. I have a stats "
                  "degree and did an internship at a supermarket chain building sales dashboards.",
                  "Dear Hiring Manager,\n\nI'm excited to apply for the Junior Data Analyst position at [Company]. "
                  "With a degree in Statistics and hands-on experience building sales dashboards during my "
                  "internship at [Supermarket], I've seen how clear data drives everyday decisions...",
                  retry=["Here's a more specific version that ties the dashboard work to delivery and stock data.",
                         "Shorter version, three paragraphs, with the dashboard example up front."],
                  dsat=["It's way too generic, this could be for any job."],
                  sat=["That second paragraph about the dashboards is spot on, thank you."],
                  neither=[("The company is called Northline Freight, can you put that in?",
                            "Done — [Company] is now Northline Freight throughout."),
                           ("Should I mention that I know SQL and Power BI, or is that obvious?",
                            "Mention them: applicant tracking systems scan for tool names.")]),
            topic("Can you help me write a best man speech? Groom is my brother Dan, bride is Priya, they met at a "
                  "climbing gym.",
                  "Here's a first draft: \"Good evening everyone. For those who don't know me, I'm Sam, Dan's "
                  "brother. Dan has always climbed higher than he should... and then he met Priya, who not only "
                  "climbed higher, but actually knew how to get down.\"",
                  retry=[("Here's the draft with your name left as a blank and the jokes toned down for a family "
                          "audience.")],
                  dsat=["My name isn't Sam.", "It's a bit too roast-y, Priya's grandparents will be there."],
                  sat=["Haha the climbing joke is perfect, Dan will love that."],
                  neither=[("Can we add a line thanking Priya's parents?",
                            ("Sure — after the opening: \"And a huge thank you to Priya's parents for welcoming Dan "
                             "into the family.\"")),
                           ("How long should the speech be when spoken?", ("Aim for 4–6 minutes, roughly 500–750 "
                                                                           "words."))]),
        ],
        "dsat": [
            "This doesn't sound like me at all.", "This isn't really what I had in mind.",
            "It's too generic, it could be about anyone.", "That's way more than I asked for.",
        ],
        "again": [
            "This version lost everything I liked about the previous one.",
            "Hmm, this is getting worse with each revision.", "That's basically the same draft again.",
            "No, go back to the earlier version, this one doesn't work.", "You're ignoring the word limit again.",
            "You undid the change we agreed on two messages ago.", "It's still too long.",
            "You've changed the parts I said were fine and left the part I asked you to fix.",
            "Still missing the part I asked for.",
        ],
        "sat": [
            "Great, let's lock that in.", "Yes, much better, that's the one.", "Love this version.",
            "Perfect, that section is done then.", "Really happy with how this turned out, thanks.",
            "Okay I actually love this now.", "Yes, that's the voice I wanted.", "Nice, that's a keeper.",
            "Perfect, ticking that off the list.",
        ],
        "neither": [
            ("Can you do the same for the next part?", "Sure — here's the next part in the same style."),
            ("Let me think about it and come back to you.", "Of course, take your time."),
            ("What would you cut if I needed to trim it?", ("The examples in the middle — they're the least "
                                                            "essential to the main point.")),
            ("Can you remind me what we decided for the opening?",
             "We kept the short version that starts with the main point."),
            ("Let's do the conclusion next.", "Sure — here's a draft conclusion that ties back to your opening."),
            ("How many words are we at now?", "About 540, so there's room for one more short paragraph."),
        ],
        "new": [
            ("Quick tangent: is 'alot' ever correct?", "No — it's always two words, \"a lot\"."),
            ("Tangent: how do you pronounce 'Nguyen'?",
             "In English it's often said \"win\"; in Vietnamese it's closer to one syllable, \"ngwee-en\"."),
        ],
        "bye": [
            ("Pausing here for lunch.", "Enjoy your lunch!"),
        ],
        "chat": [
            ("Taking a coffee break, back in 10.", "Enjoy your coffee! I'll be here."),
            ("My cat just walked across the keyboard, ignore that last bit.", "Ha — ignored! Where were we?"),
        ],
    },
    "test": {
        "topics": [
            topic("I'm working on my personal statement for a master's in environmental engineering. Can you help "
                  "me structure it? Limit is 800 words.",
                  "A structure that works well:\n1. Opening (100 words): a specific moment that sparked your "
                  "interest.\n2. Academic background (200).\n3. Practical experience (200).\n4. Why this programme "
                  "(150).\n5. Goals (150).",
                  retry=[("Here's a structure built around you: the flood as the opening, your fieldwork as the "
                          "centre, and the programme's water-resources track as the reason to apply."),
                         "A plainer version with the word counts rebalanced toward your experience."],
                  dsat=[("This is the generic template from every admissions website, I wanted something "
                         "tailored to me.")],
                  sat=["This structure makes it feel so much more doable."],
                  neither=[(("The moment for me was a flood in my hometown in 2019. Can you draft the opening around "
                             "that?"),
                            ("Draft: \"In the spring of 2019, the river that runs through my hometown rose higher "
                             "than anyone remembered...\"")),
                           ("Should I name specific professors in the 'why this programme' part?",
                            "Yes, if their research genuinely matches your interests — one or two names."),
                           ("I also volunteered with a water charity in Ghana for a summer. Where does that go?",
                            "Under practical experience — it's strong evidence of commitment.")]),
            topic("Plan a 4-day road trip from Denver. We like hiking and hot springs, max 4 hours driving per day, "
                  "and we have a dog.",
                  "Day 1: Denver → Glenwood Springs (2.5 h), hike Hanging Lake. Day 2: Glenwood → Ouray (2.5 h), "
                  "soak at Ouray Hot Springs. Day 3: Ouray → Pagosa Springs (2.5 h). Day 4: Pagosa → Denver "
                  "(4.5 h).",
                  retry=[("Revised: Day 1 hike the dog-friendly Grizzly Creek trail instead of Hanging Lake, and "
                          "split the way back with a night in Buena Vista so no day is over 4 hours.")],
                  dsat=["Day 4 is four and a half hours, over the limit I gave.",
                        "Hanging Lake doesn't allow dogs, I mentioned we have one."],
                  sat=["Great, that works with the dog now. Booking the Ouray hotel tonight."],
                  neither=[("Do the hot springs in Ouray allow dogs anywhere on site?",
                            "Not in the pools; book a pet-friendly hotel nearby or take turns with the dog."),
                           ("What's the weather like there in late September?",
                            "Mostly sunny and mild by day, cold at night, especially in Ouray.")],
                  flawed=True),
            topic("I'm editing a short story for a contest (3000 words max). It's at 3600, pasted below. Can you cut "
                  "it without losing the ending?\n\n[story]",
                  "Here's a cut version at about 2,990 words: I shortened the opening, merged the two train scenes, "
                  "removed the grandmother's flashback and trimmed the dialogue tags. The ending is unchanged.",
                  retry=[("Here's a second pass that keeps the grandmother scene whole and cuts the train journey "
                          "and the second argument instead.")],
                  dsat=["You cut the grandmother scene, which is the whole emotional core.",
                        "I counted and it's still at 3500, not 2990."],
                  sat=["It reads so much tighter and the ending is untouched. Amazing."],
                  neither=[("Why did you merge the two train scenes?",
                            ("They did the same job — showing the distance between the sisters — so one scene "
                             "carries it in fewer words.")),
                           ("Is 'said' really better than 'exclaimed'?",
                            ("Usually: \"said\" is nearly invisible, fancier tags pull attention from the "
                             "dialogue."))]),
            topic("Help me prepare a 10-minute talk for my company's all-hands about our team's move to a four-day "
                  "week.",
                  "Outline for 10 minutes:\n1. Why we tried it (1 min)\n2. How it worked: schedule, coverage, rules "
                  "(3 min)\n3. Results: output, sick days, survey (3 min)\n4. What didn't work (2 min)\n5. Next "
                  "steps and Q&A (1 min).",
                  retry=[("Tighter version: three sections (why, results, what's next), with the schedule details "
                          "moved to a handout.")],
                  dsat=["This outline would take 20 minutes, not 10."],
                  sat=["The 'what didn't work' section is a great idea, leadership will appreciate it."],
                  neither=[("Our survey had 42 responses, 88% positive. Where should that number go?",
                            "Lead section 3 with it — it's your strongest single data point."),
                           ("Should I use slides or just talk?", ("A few slides for the numbers; talk for the "
                                                                  "rest."))]),
        ],
        "dsat": [
            "You keep adding things I didn't ask for.", "I asked you to change only the second paragraph.",
            "Hmm, this misses most of what I described.", "It's a lot longer than it needs to be.",
            "This feels completely off-brief.",
        ],
        "again": [
            "We're going in circles here.", "This draft reverted my edits from before.",
            "Now it's too formal, it was better before.",
            "Honestly the first version was better than all of these.", "That's over the limit again.",
            "That's longer than the last one, not shorter.",
            "You've lost my voice again, it sounds like a press release.", "Nope, the order is still wrong.",
        ],
        "sat": [
            "Yes! This is it.", "Okay, that part is finished, nice work.",
            "Brilliant, I'm keeping this exactly as is.", "So much better. Thank you for sticking with it.",
            "That's great, let's move on.", "That flows so much better, thanks.", "Love how the ending lands now.",
            "Yes, we're there. Thank you!", "Good, that's final.",
        ],
        "neither": [
            ("Could you format it as bullet points so I can compare?", "Sure — here it is as bullet points."),
            ("I'll run this by my partner tonight.", "Sounds good — tell me what they think and we'll adjust."),
            ("Which part do you think is weakest?", ("Probably the middle: it repeats the opening point without "
                                                     "adding to it.")),
            ("Can we go back to section two for a moment?", "Sure — what would you like to change there?"),
            ("What would a reader find confusing here?",
             "Probably the jump in time between the second and third paragraphs."),
            ("Could you show me the changes side by side?",
             "Here's the old and the new version of each changed sentence."),
        ],
        "new": [
            ("Totally unrelated, what's the best way to store fresh basil?",
             "Stems in a glass of water on the counter, loosely covered — not in the fridge."),
            ("Off topic, but how long should I steep green tea?",
             "About 2–3 minutes at 75–80 °C; longer makes it bitter."),
        ],
        "bye": [
            ("Need to go pick up my kid, I'll continue later.", "No problem, see you later!"),
            ("I'll pick this up tomorrow morning.", "Sounds good — everything's here when you're back."),
        ],
    },
}

# Indirect dissatisfaction: no negative words; the user re-asks, restates an ignored constraint, "I meant".
STYLES["indirect"] = {
    "weights": (50, 25, 25),
    "dev": {
        "topics": [
            topic("What time does the Louvre close on Fridays?",
                  "The Louvre is generally open from 9 am to 6 pm and is closed on Tuesdays.",
                  retry=["On Fridays the Louvre has a late opening and closes at 9:45 pm."],
                  dsat=["And on Fridays?", "Right, but Fridays specifically?"],
                  neither=[("Is it less crowded in the evening?", "Yes, Friday evenings are usually quieter.")],
                  flawed=True),
            topic("Give me a vegetarian dinner idea that takes under 20 minutes.",
                  "Try a mushroom risotto: sauté onions and mushrooms, toast arborio rice, then add stock a ladle "
                  "at a time over 35-40 minutes until creamy.",
                  retry=[("A 15-minute option: chickpea and spinach curry — fry onion and garlic, add curry paste, a "
                          "tin of chickpeas, a tin of coconut milk and spinach, simmer 8 minutes.")],
                  dsat=["Something under 20 minutes, please.", "I have about 20 minutes tonight."],
                  flawed=True),
            topic("How do I say 'good luck' in Japanese to a friend?",
                  "You can say 頑張ってください (ganbatte kudasai). It's polite and suits colleagues or people you "
                  "don't know well.",
                  retry=["To a friend, just 頑張って! (ganbatte!) is more natural."],
                  dsat=["It's for a close friend, though.", "Is there a way you'd say it to a friend?"],
                  flawed=True),
            topic("What's the capital of Australia? I always get it wrong.",
                  "Many people think it's Sydney, the largest city, famous for its Opera House and Harbour Bridge.",
                  retry=["The capital is Canberra."],
                  dsat=["So which city is the capital?"],
                  flawed=True),
            topic("Can you suggest a name for a small bakery run by two sisters?",
                  "A few ideas: Two Sisters Bakehouse, Flour & Kin, Sister Crumb, Rise Together, The Sibling Loaf.",
                  retry=["More in that direction: Kin & Crust, Twin Whisk, Sister Loaf Co."],
                  sat=["Flour & Kin! Yes, that's the one."],
                  neither=[("Which one would work best on a sign?",
                            "\"Flour & Kin\" — short, memorable and easy to read from across the street.")]),
            topic("Can I bring a power bank in my checked luggage?",
                  "Power banks are lithium-ion batteries, which airlines treat as a fire risk; the rules are set by "
                  "the IATA and by each airline.",
                  retry=["No — power banks must go in your carry-on bag, never in checked luggage."],
                  dsat=["So is that a yes or a no?", "So can I put it in the suitcase or not?"],
                  flawed=True),
            topic("How many ounces in a cup of flour?",
                  "There are 8 fluid ounces in a cup.",
                  retry=["By weight, a cup of all-purpose flour is about 4.25 ounces (120 g)."],
                  dsat=["I meant by weight — it's flour.", "Weight-wise, for flour?"],
                  flawed=True),
            topic("What's the price of a 15-day Eurail Global Pass, second class, for an adult?",
                  "Eurail passes come in many variants: first or second class, youth, adult and senior, and "
                  "durations from 4 days to 3 months. Prices change every year.",
                  retry=[("As a rough guide, a 15-day continuous adult pass in second class costs around €500–600; "
                          "eurail.com has today's price.")],
                  dsat=["Okay, but what's the actual number?", "Roughly how much, then?"],
                  flawed=True),
            topic("How many tablespoons are in a quarter cup?",
                  "There are 16 tablespoons in a cup.",
                  retry=["A quarter cup is 4 tablespoons."],
                  dsat=["So for a quarter cup that would be…?", "A quarter cup, though."],
                  flawed=True),
        ],
        "dsat": [
            "Could you answer just the question I asked?", "Okay, but what's the answer?",
            "Sure, but which would you choose?", "Just the short version, please.",
            "I was hoping for one suggestion rather than a list.", "Right — and the answer itself?",
            "Interesting. And my question?", "I'm asking about my situation specifically.",
        ],
        "repeat": [
            "{ask}", "Again: {ask}", "My question was: {ask}",
        ],
        "sat": ["That's the one I was after.", "Ah, there it is. Thanks.", "Yes, exactly that.",
            "That's what I was asking, thanks.",
            "Perfect, that answers it."],
        "neither": [
            ("What's the reasoning behind that?", "Convention more than anything; that's how it's usually done."),
            ("Where could I double-check that?", "An official source or a good reference book."),
            ("Does that change in the summer?",
             "Sometimes — summer schedules can differ, so check closer to the date."),
            ("Is that recent?", "Yes, it's current as far as I know."),
        ],
        "new": [
            ("Different topic: how long do cut flowers last?",
             "Usually 5 to 10 days; change the water every two days."),
            ("Switching topics: what's a good houseplant for a dark room?",
             "A ZZ plant or a snake plant; both tolerate low light."),
            ("Also, what's a good stretch after running?",
             "A standing quad stretch and a calf stretch against a wall, 30 seconds each."),
        ],
        "bye": [
            ("Anyway, I've got a meeting now.", "Good luck with the meeting!"),
        ],
    },
    "test": {
        "topics": [
            topic("When is the next leap year?",
                  "A leap year happens every four years, adding February 29 to keep the calendar in step with the "
                  "Earth's orbit. Century years are leap years only if divisible by 400.",
                  retry=["The next leap year is 2028."],
                  dsat=["Which year is the next one?", "So the next one is in…?"],
                  flawed=True),
            topic("Recommend a board game for two players that isn't chess.",
                  "You can't go wrong with chess — it's the classic two-player game, with endless depth.",
                  retry=["Try Patchwork, Jaipur or 7 Wonders Duel — all excellent two-player games."],
                  dsat=["Other than chess.", "Something besides chess, for two people."],
                  neither=[("Which of those is quickest to learn?", "Jaipur — you can explain it in five minutes.")],
                  flawed=True),
            topic("Translate 'where is the train station' into Portuguese for Brazil.",
                  "Onde fica a estação de comboios?",
                  retry=["In Brazil: \"Onde fica a estação de trem?\""],
                  dsat=["This is for Brazil.", "How would a Brazilian say it?"],
                  flawed=True),
            topic("Give me a synonym for 'happy' that starts with J.",
                  "Some synonyms for happy: cheerful, delighted, content, glad.",
                  retry=["Jubilant, or joyful."],
                  dsat=["Starting with J?", "One that begins with the letter J."],
                  flawed=True),
            topic("What's a good gift for a 70-year-old dad under $30?",
                  "A nice option is a Kindle Paperwhite (about $150) or a quality watch.",
                  retry=["Under $30: a photo book of family pictures, warm slippers, or a crossword collection."],
                  dsat=["Around $30 at most.", "My budget is $30."],
                  flawed=True),
            topic("How do I turn on dark mode in Word? Where do I click?",
                  "Dark mode reduces eye strain and is popular with people who work late; many apps support it now, "
                  "including Microsoft Office.",
                  retry=["File → Account → Office Theme → Black."],
                  dsat=["Where do I click, though?", "Which menu is it in?"],
                  flawed=True),
            topic("What's the date of Easter Sunday in 2026?",
                  "Easter falls on the first Sunday after the first full moon on or after the spring equinox, so "
                  "its date changes every year.",
                  retry=["Easter Sunday 2026 is on 5 April."],
                  dsat=["The date, please.", "So which day is it in 2026?"],
                  flawed=True),
            topic("Can you shorten this sentence: 'Due to the fact that the meeting was postponed, we will "
                  "reschedule the presentation.'",
                  "Sure: \"Due to the fact that the meeting was postponed, the presentation will be rescheduled.\"",
                  retry=["\"The meeting was postponed, so we'll reschedule the presentation.\""],
                  dsat=["I meant fewer words.", "Shorter, as in fewer words?"],
                  flawed=True),
            topic("How far is the Moon from Earth?",
                  "On average about 384,400 km (238,900 miles).",
                  sat=["384,400, got it. Thank you."],
                  neither=[("How long would it take to drive that at highway speed?",
                            "At 100 km/h nonstop, about 160 days.")]),
        ],
        "dsat": [
            "Okay… and the answer to my question is?", "Same question, shorter answer please.",
            "In one sentence, please.", "Could you pick one for me?", "Which of those, specifically?",
            "That's background — what I need is the answer itself.", "Sure. So, in short?",
            "Let me try once more, more simply.",
        ],
        "repeat": [
            "{ask}", "I'll repeat the question: {ask}", "Asking once more — {ask}",
        ],
        "sat": ["There we go, that's it. Thanks.", "Exactly what I wanted to know.", "Good, that answers it.",
            "Bingo, that's the bit I needed.",
            "Okay, that's the answer I needed."],
        "neither": [
            ("How do you know that?", "It's well documented; the standard references agree on it."),
            ("Is that the same everywhere?", "Broadly, with small regional differences."),
            ("Why is that, by the way?", "Mainly for historical reasons."),
            ("Can you give me an example?", "Sure: if you start on a Monday, you'd finish by Friday."),
        ],
        "new": [
            ("Unrelated: how do I get candle wax off a tablecloth?",
             "Scrape off what you can, cover it with a paper towel and press with a warm iron."),
            ("Sorry, I'm asking a lot today.", "No need to apologise — that's what I'm here for."),
            ("Different question: how do you get rid of fruit flies?",
             "A small dish of cider vinegar with a drop of dish soap traps them."),
        ],
        "bye": [
            ("I'm off to bed soon.", "Sleep well!"),
        ],
    },
}

# Implicit satisfaction: the user accepts and moves on ("works. next: ..."), or just "👍".
STYLES["implicit"] = {
    "weights": (14, 62, 24),
    "dev": {
        "topics": [
            topic("I have 5 Excel formula questions for a course. First: how do I get the last 4 characters of "
                  "cell A2?",
                  "`=RIGHT(A2, 4)`",
                  retry=["If your Excel uses a comma as the decimal separator, use semicolons: `=RIGHT(A2; 4)`."],
                  dsat=["i get #NAME? with that"],
                  sat=[("works. next: how do I count cells in B2:B50 that say 'yes'?", "`=COUNTIF(B2:B50, \"yes\")`"),
                       ("👍 next one, sum column C only where B is 'yes'", "`=SUMIF(B2:B50, \"yes\", C2:C50)`")],
                  neither=[("does RIGHT work on numbers too or only text?",
                            "On numbers too, but it returns text: `=RIGHT(12345, 2)` gives \"45\".")]),
            topic("Help me rename files in bulk on Mac. First, how do I select all the files in a Finder folder?",
                  "Press ⌘A in the Finder window.",
                  sat=[("that did it. now how do I rename them all at once",
                        "With them selected, right-click → Rename…, then choose \"Replace Text\" or \"Format\"."),
                       "got them all selected 👍"],
                  neither=[("can I undo if I mess it up?", "Yes — ⌘Z right after renaming undoes it.")]),
            topic("I'm setting up a new Android phone. How do I turn off the keyboard vibration?",
                  "Settings → System → Keyboard → On-screen keyboard → Gboard → Preferences → turn off \"Haptic "
                  "feedback on keypress\".",
                  retry=[("On a Samsung: Settings → Sounds and vibration → System sound/vibration control → turn off "
                          "keyboard vibration.")],
                  dsat=["there's no Preferences in my keyboard settings, it's a Samsung"],
                  sat=[("found it. next, how do I stop new apps from showing up on the home screen",
                        "Long-press the home screen → Home settings → turn off \"Add new apps to Home screen\".")],
                  neither=[("does turning that off save battery?", "A tiny bit, not enough to notice.")]),
            topic("Cooking rice for the first time. How much water for 1 cup of white rice?",
                  "About 1.5 cups of water for long-grain white rice. Bring to a boil, cover, simmer on low 15 "
                  "minutes, then rest 10 minutes off the heat.",
                  retry=["If it came out crunchy, add 2-3 tablespoons more water and keep the lid on the whole time."],
                  sat=["came out perfect 👌",
                       ("nailed it. and for brown rice next time?", ("About 2 to 2.25 cups of water per cup, simmer "
                                                                     "40-45 minutes."))],
                  neither=[("do I need to rinse it first?", ("It's a good idea: it removes surface starch so it's "
                                                             "less sticky."))]),
        ],
        "dsat": ["doesn't work", "nothing happened", "that menu doesn't exist", "same as before",
            "it says access denied",
            "no change"],
        "sat": [
            "works", "that did it", "👍", "yep, that's it", "done ✅", "ok cool, sorted",
            ("good. next: how do I freeze the top row in Google Sheets?", "View → Freeze → 1 row."),
            ("ok got it. next question: how do I make a hanging indent in Word?",
             "Select the paragraph and press Ctrl+T, or Paragraph → Special → Hanging."),
            ("perfect, on to the next: how many ml in a fluid ounce?", "About 29.6 ml in a US fluid ounce."),
            ("that worked. moving on — how do I mute a group chat on WhatsApp?",
             "Open the chat, tap its name → Mute notifications."),
            ("sorted. now how do I print just page 3 of a PDF?", "In the print dialog, choose Pages and type 3."),
            "that's it 👌", "ok, works on mine",
            ("👌 next: how do I make a column wider to fit the text?",
             "Double-click the right edge of the column header."),
            ("cool. next: how do I change the default browser on Windows?",
             "Settings → Apps → Default apps → pick the browser → Set default."),
        ],
        "neither": [
            ("why does that work?", "It tells the program exactly which part to use, so it skips the rest."),
            ("where would I find that setting later?", "In Settings, under the section named after the feature."),
            ("is that the same on Windows?", "Almost: use Ctrl where the Mac uses ⌘."),
            ("do I need to save after?", "No, it applies immediately."),
        ],
        "new": [
            ("random: is it 'lay down' or 'lie down'?", "\"Lie down\" for yourself; \"lay\" needs an object."),
            ("what's the weather usually like in Lisbon in March?",
             "Mild: around 15–19 °C by day, with some rain."),
        ],
        "chat": [
            ("hang on, phone's ringing", "Sure, take your time."),
            ("brb making tea", "Enjoy your tea!"),
        ],
    },
    "test": {
        "topics": [
            topic("Doing my Python homework, part 1: how do I read a text file line by line?",
                  "```python\nwith open('file.txt') as f:\n    for line in f:\n        print(line.rstrip())\n```",
                  sat=[("runs 👍 part 2: count how many lines contain the word 'error'",
                        ("```python\nwith open('file.txt') as f:\n"
                         "    count = sum(1 for line in f if 'error' in line)\n```")),
                       ("that did the trick. part 3 is writing the count to out.txt",
                        "```python\nwith open('out.txt', 'w') as f:\n    f.write(str(count))\n```")],
                  neither=[("what does rstrip do there?", "It removes the trailing newline from each line.")]),
            topic("Setting up my new TV. How do I turn off motion smoothing on an LG?",
                  "Settings → Picture → Picture Mode Settings → Picture Options → TruMotion → Off.",
                  retry=[("On newer LG models it's under Picture → Advanced Settings → Clarity → TruMotion; or pick "
                          "Filmmaker Mode, which turns it off.")],
                  dsat=["there's no TruMotion option in Picture Options"],
                  sat=[("gone. now the sound is delayed on my soundbar",
                        "Settings → Sound → AV Sync Adjustment, and move the slider until it lines up."),
                       "soap opera effect gone 🙌"]),
            topic("What's 18% tip on $64.50?",
                  "$11.61, so $76.11 total.",
                  sat=[("ty. and split 3 ways?", "$76.11 ÷ 3 = $25.37 each.")],
                  neither=[("should I tip on the pre-tax amount or after tax?",
                            "Either is acceptable; pre-tax is traditional.")]),
            topic("Packing list help — what do I need for a 2-night camping trip in the mountains?",
                  "Tent, sleeping bag rated to 0 °C, sleeping pad, headlamp, stove and fuel, water filter, warm "
                  "layers and a rain jacket, first-aid kit, map, and food for 3 days.",
                  sat=["checked off everything 👌",
                       ("list done. now food — easy dinners that don't need a fridge?",
                        "Couscous with tuna pouches, instant noodles with peanut butter, or dehydrated chili.")],
                  neither=[("how cold does it get at night at 3000 m in August?",
                            "It can drop to around 0–5 °C, so the 0 °C bag is a good call.")]),
        ],
        "dsat": ["nope, same thing", "didn't change anything", "that option's greyed out", "still there",
            "error again", "it just crashes",
            "nah, didn't do anything"],
        "sat": [
            "works now", "that's the one", "perfect 👌", "🙏", "nailed it", "yep all good",
            ("done. next up: how do I turn a column of text dates into real dates in Excel?",
             "Data → Text to Columns → Finish, or `=DATEVALUE(A2)`."),
            ("great, that's sorted — how do I set an out-of-office in Outlook?",
             "File → Automatic Replies → Send automatic replies."),
            ("✅ next, what's the shortcut to reopen a closed tab?", "Ctrl+Shift+T (⌘⇧T on Mac)."),
            ("done and done. read receipts in iMessage — how do I turn those off?",
             "Settings → Messages → turn off Send Read Receipts."),
            ("👍 now how do I add a signature in Gmail?", "Settings → See all settings → General → Signature."),
            "yup 👍", "👌👌",
            ("great. next: how do I hide a column in Google Sheets?", "Right-click the column header → Hide column."),
            ("yep that's it. and how do I pin a message in Slack?",
             "Hover over the message → More actions (⋮) → Pin to channel."),
        ],
        "neither": [
            ("what's the difference between that and the other way?", "Mostly convenience; both give the same result."),
            ("will that reset if I restart?", "No, the setting is saved."),
            ("is that the newest way or the old way?", "It's the current way in recent versions."),
            ("can I undo that later?", "Yes, repeat the steps and switch it back."),
        ],
        "new": [
            ("side question: how much ground coffee per cup?", "About 1 to 2 tablespoons per 6 oz of water."),
            ("quick one: how many days from Dec 1 to Christmas?", "24 days."),
        ],
        "chat": [
            ("brb, doorbell", "Sure, I'll be here."),
            ("hold on, my kid needs me", "Of course — I'll be here."),
        ],
    },
}

# Mixed-language snippets and emoji-heavy text. Dev: Spanish and Hindi; test: French, German,
# Portuguese and Tagalog.
STYLES["mixed"] = {
    "weights": (32, 40, 28),
    "dev": {
        "topics": [
            topic("hola! necesito un caption para insta de mi viaje a Cancún 🌴☀️ something short and fun",
                  "Some options: \"Vitamin Sea 🌊\", \"Cancún state of mind ☀️\", \"Tan lines and good times 🌴\", "
                  "\"Salt in the air, sand in my hair\".",
                  retry=["Less typical: \"Currently accepting no emails 🌴\", \"Out of office, into the ocean 🌊\"."],
                  dsat=["mmm nah son muy cliché 😕 algo más original porfa"],
                  sat=["JAJAJA vitamin sea es perfecto 😂🙌"],
                  neither=[("y en español? mis abuelos van a ver el post 👵",
                            "Claro: \"Modo vacaciones: activado 🌴\" o \"Mar, sol y cero preocupaciones ☀️\".")]),
            topic("yaar mujhe ek simple dal recipe chahiye, hostel mein hu, only electric kettle hai 😅",
                  "Kettle dal: rinse 1/2 cup red lentils (masoor), put them in the kettle with 2 cups water, a "
                  "pinch of turmeric and salt. Boil, switch off, wait 10 minutes, boil again — 3 or 4 times until "
                  "soft. Finish with butter, chilli powder and lemon.",
                  retry=["Soak the dal for an hour first, then it softens in 2 boils instead of 4."],
                  dsat=["bhai 4 baar boil kiya, phir bhi kachchi hai 😩"],
                  sat=["bhai it actually worked 😂🔥 thank you!!"],
                  neither=[("moong dal bhi chalega ki masoor hi?", "Split yellow moong works too, almost as fast.")]),
            topic("cómo le digo a mi jefe que necesito el viernes libre? in english pls, it's for my US boss 🙏",
                  "¡Claro! Puedes decirle: \"Hola, quería pedirte el viernes libre por un asunto personal. Dejaré "
                  "mis tareas cubiertas.\"",
                  retry=[("In English: \"Hi Mark, would it be possible for me to take Friday off for a personal "
                          "matter? I'll make sure my tasks are covered. Thanks!\"")],
                  dsat=["in ENGLISH 😭 mi jefe no habla español", "lo necesito en inglés jaja"],
                  flawed=True),
            topic("bro suggest some good web series in hindi, comedy types 😂",
                  "Try Panchayat, TVF Pitchers, Gullak, Kota Factory (more drama-comedy) and Permanent Roommates.",
                  sat=["Panchayat dekha, mast hai 🔥 thanks yaar"],
                  neither=[("Gullak kaunse platform pe hai?", "Gullak is on SonyLIV.")]),
        ],
        "dsat": [
            "nope 😩 sigue sin funcionar", "no es lo que pedí 🙄", "yaar ye galat hai 🤦", "muy largo 😴 tl;dr?",
            "eso ya lo intenté 🙃", "gracias pero está mal 😬", "kya bakwas hai 😤 kuch samajh nahi aaya",
            "ugh no, eso no es 😒", "yaar tumne mera sawaal padha bhi nahi 🙄",
        ],
        "again": [
            "bhai same cheez phir se bol diya 😑", "otra vez lo mismo 🙃🙃",
        ],
        "sat": [
            "gracias!! funcionó 🙌", "perfecto 😍", "ekdum sahi 👌 thanks", "ayyy sí, justo eso 🙏",
            "mil gracias, me salvaste 😭❤️", "bhai tu legend hai 🔥", "jajaja sí, eso era 😂👌", "arre wah, perfect 😍",
            "listo, ya funciona 🎉", "shukriya bhai 🙏 kaam ho gaya",
        ],
        "neither": [
            ("y cuánto tarda más o menos? ⏱️", "Más o menos 15–20 minutos en total."),
            ("ye weekend pe bhi chalega? 🤔", "Yes, it works on weekends too."),
            ("aur agar oil na ho toh? 🤔", "You can use a little butter or ghee instead."),
            ("se puede hacer sin horno? 🍳", "Sí, en sartén a fuego bajo también funciona."),
        ],
        "new": [
            ("jaja oye otra cosa, ¿cuál es la capital de Canadá? 🇨🇦", "¡Ottawa! 🇨🇦"),
            ("¿qué tiene de malo comer cereal de cena? 🥣😂",
             "Nada grave de vez en cuando — add some yogurt or nuts so it keeps you full."),
            ("btw kal Holi hai 🎨 kya bana sakte hai?", "Gujiya, thandai or dahi vada are Holi classics 🎨"),
        ],
        "bye": [
            ("jajaja me voy a dormir 😴", "¡Buenas noches! 😴"),
        ],
        "chat": [
            ("aaj mausam bohot accha hai ☀️😌", "Nice! Enjoy the sunshine ☀️ Anything else?"),
        ],
    },
    "test": {
        "topics": [
            topic("coucou! tu peux m'aider à écrire un petit mot d'anniversaire pour ma collègue? en anglais, elle "
                  "est anglaise 🎂",
                  "Of course! \"Happy birthday! 🎉 Wishing you a wonderful year ahead, full of laughter, cake and "
                  "well-deserved breaks. So glad to work with you!\"",
                  retry=[("A more personal one: \"Happy birthday! 🎂 May your year be full of calm yoga mornings and "
                          "cats who let you sleep in. 🐱\"")],
                  dsat=["bof, un peu trop générique 😕 elle adore le yoga et les chats"],
                  sat=["trop mignon 🥰 merci beaucoup!!"],
                  neither=[("c'est 'wishing' ou 'wish' au début? 🤔",
                            "\"Wishing you...\" is the natural way to open that line in a card.")]),
            topic("Hallo! kannst du mir erklären, wie man 'Feierabend' auf Englisch sagt? 🍻",
                  "\"Feierabend\" is the end of the working day, the time after work when you can relax. There's "
                  "no single English word; people say \"quitting time\" or just \"after work\".",
                  sat=["super, genau das 👍 danke!"],
                  neither=[("und 'Fernweh'? 😄✈️", ("\"Fernweh\" is a longing for faraway places — roughly "
                                                   "\"wanderlust\", with more ache in it."))]),
            topic("oi! me passa uma receita de brigadeiro sem leite condensado? 🍫 tô sem em casa",
                  "Claro! Brigadeiro clássico: 1 lata de leite condensado, 1 colher de manteiga, 2 colheres de "
                  "chocolate em pó. Mexa em fogo baixo até desgrudar da panela.",
                  retry=[("Sem leite condensado: 1 xícara de leite, 1/2 xícara de açúcar, 2 colheres de manteiga, 3 "
                          "de chocolate em pó e 1 de amido de milho. Mexa em fogo baixo até engrossar.")],
                  dsat=["mas eu disse SEM leite condensado 😂😭", "não tenho leite condensado, por isso perguntei 🙈"],
                  flawed=True),
            topic("salamat po! can you help me say 'I miss you' in a sweet way for my lola's birthday card? 💕",
                  "How about: \"Happy birthday, Lola! 💕 Every day I miss your hugs, your cooking and your "
                  "stories. I can't wait to see you again. Mahal na mahal kita!\"",
                  sat=["aww ang ganda 😭💕 thank you po"],
                  neither=[("pwede po bang mas maikli? sa small card lang kasi 🥹",
                            "Sure: \"Happy birthday, Lola! 💕 Miss you so much. Mahal kita!\"")]),
        ],
        "dsat": [
            "non non, c'est pas ça 🙅‍♀️", "ça marche toujours pas 😤", "mdr t'as rien compris 😂",
            "das stimmt nicht 🤨", "hä? das hab ich nicht gefragt 🙄", "nossa, que resposta enorme 😵 resume aí",
            "obrigada mas tá errado 😬", "hindi po 'yan 😕 iba po tanong ko", "non mais c'est faux 🤦‍♂️",
            "bah non, ça répond pas à ma question 😑", "nee, so geht das nicht 😤",
        ],
        "sat": [
            "merci, ça marche nickel 👌", "génial 🤩", "danke, hat geklappt 🙌", "perfeito!! valeu 🙏",
            "ayos! salamat 😊", "top, c'est exactement ce qu'il me fallait 💯", "c'est parfait, merci 🙏",
            "mega, danke dir 😄", "aiii sim, perfeito 😍", "salamat po, ang galing 👏",
        ],
        "neither": [
            ("et ça prend combien de temps? ⏳", "Around 10 to 15 minutes in total."),
            ("geht das auch ohne Ofen? 🤔", "Yes — a pan on the stove works too, on low heat."),
            ("et si j'ai pas de beurre? 🧈", "Oil works too, just use a little less."),
            ("und für wie viele Personen reicht das? 🍽️", "About 4 people."),
        ],
        "new": [
            ("au fait, c'est quoi le fuseau horaire de Montréal? 🇨🇦", "Eastern Time (UTC−5, UTC−4 in summer)."),
            ("was ist falsch an 'Ich bin kalt'? 🥶",
             "\"Ich bin kalt\" means you're a cold person; to say you feel cold, use \"Mir ist kalt\"."),
            ("tiens, tu connais un bon film français récent? 🎬",
             "Try \"Anatomie d'une chute\" or \"Le Règne animal\", both from 2023."),
        ],
        "chat": [
            ("haha bom dia pra você também ☕😄", "Bom dia! ☕ Em que mais posso ajudar?"),
            ("kumain ka na? 😄🍚", "Ha, I don't eat, but thanks for asking! 😄 How can I help?"),
        ],
    },
}

# Customer-support tone: the user writes to a support assistant for a (fictional) company.
STYLES["support"] = {
    "weights": (36, 38, 26),
    "dev": {
        "topics": [
            topic("Hi, my Parcelio order #48213 was marked as delivered yesterday but I never received it.",
                  "I'm sorry to hear that. Carriers sometimes mark parcels as delivered a little early. Please "
                  "check with your neighbours and around your property, and wait 24 hours. If it still hasn't "
                  "arrived, I can open a missing parcel claim for you.",
                  retry=[("I've opened a missing parcel claim for order #48213. You'll hear from us within 2 "
                          "business days, and you can choose a refund or a replacement.")],
                  dsat=["It's already been more than 24 hours, that's why I'm contacting you."],
                  sat=["That's reassuring, thank you. I'll check with the neighbours first."],
                  neither=[("What information do you need for the claim?",
                            "Just a short description — I already have order #48213 and your address on file.")]),
            topic("I was charged twice for my Streamly subscription this month.",
                  "I apologise for the inconvenience. I can see two charges of $12.99 on 3 March; the second is a "
                  "duplicate and I've issued a refund. It should appear in 5–7 business days.",
                  retry=["I've flagged the refund as urgent; most banks then show it within 2–3 business days."],
                  dsat=["5–7 business days? I need that money now, this was your mistake."],
                  sat=["Perfect, thank you for sorting that out so quickly."],
                  neither=[("Will it go back to the same card?",
                            "Yes, the refund goes to the card that was charged.")]),
            topic("How do I change the delivery address on an order I already placed?",
                  "You can change it from Orders → select the order → Edit delivery details, as long as the order "
                  "hasn't been dispatched yet.",
                  retry=[("If that button isn't showing, the order has already been dispatched. I can ask the carrier "
                          "to redirect it; that usually takes 1 business day.")],
                  dsat=["There's no Edit delivery details button on my order."],
                  sat=["Found it, address updated. Thanks!"]),
            topic("Can I pause my Streamly membership for two months instead of cancelling?",
                  "Yes! You can pause for 1 to 3 months from Account → Membership → Pause. You won't be charged "
                  "during the pause and your watch history is kept.",
                  sat=["Oh great, I didn't know that was possible. Paused it, thanks!"],
                  neither=[("Do I keep my current price when it resumes?", "Yes, your price stays the same.")]),
        ],
        "dsat": [
            "I've already tried all of that before contacting you.",
            "This is the third time I'm explaining the same issue.",
            "That's a copy-paste answer, it doesn't address my case.",
            "Can I speak to a human, please? This isn't helping.",
            "Your link just takes me back to the help centre homepage.", "That's not what your website says.",
            "Sorry, but that doesn't solve anything.",
            "Thanks, but I was told something completely different yesterday.",
            "I'd like to make a formal complaint about this response.", "That's not an acceptable resolution.",
            "I asked about the refund, not the delivery date.", "You've closed my ticket without fixing anything.",
        ],
        "sat": [
            "Brilliant, that's sorted. Thanks for your help!", "Thank you, you've been really helpful.",
            "Great service, much appreciated.", "Lovely, that's all I needed.", "Ah perfect, that worked.",
            "Excellent, thanks for the quick response.", "That's really helpful, thanks for explaining.",
            "Perfect, I'll wait for the email then. Thank you!", "Great, that's all working again.",
            "No complaints, that's sorted it perfectly.",
        ],
        "neither": [
            ("Will I get an email confirmation?", "Yes, within a few minutes."),
            ("How long does that usually take?", "Usually 2–3 business days."),
            ("Do I need to keep the original packaging?", "It helps but isn't required for most returns."),
            ("Can I do this from the app as well?", "Yes, the same option is under Account in the app."),
            ("Is there a fee for that?", "No, there's no fee."),
        ],
        "new": [
            ("While I have you, can I also update my phone number?",
             "Of course — Account → Personal details, or tell me the new number and I'll update it."),
            ("No worries, I know it's not your fault. Is there a way to track it?",
             "Thanks for understanding! Orders → Track parcel."),
            ("What's wrong with the app today? It keeps logging me out.",
             "There's a known login issue this morning; the team is on it and it should be fixed within hours."),
            ("Unrelated, but do you deliver to Ireland?", "Yes, we deliver to Ireland in 3–5 business days."),
        ],
        "chat": [
            ("Hang on, let me find my order number.", "Take your time."),
        ],
    },
    "test": {
        "topics": [
            topic("Hello, my energy bill from Voltio this month is almost double the usual. Can you check?",
                  "Of course. Your last bill was based on an estimated meter reading, which was higher than your "
                  "actual usage. If you submit a current meter reading, I'll recalculate it.",
                  retry=[("I can see the reading from last week now; I've recalculated the bill, which drops from "
                          "£212 to £118.")],
                  dsat=["I submitted a reading last week, it's in the app."],
                  sat=["That makes sense, thank you. I'll send a reading tonight."],
                  neither=[("Where exactly do I find the reading on the meter?",
                            "The black-and-white digits on the front; ignore any red numbers after the point.")]),
            topic("My Kitbox delivery came with the chicken missing from the recipe bag.",
                  "I'm really sorry about that! I've added a $10 credit to your account for the missing item, which "
                  "will apply to your next box.",
                  retry=["I've refunded the $10 to your card instead, so you can pick up chicken today."],
                  dsat=["A credit for next week doesn't help me cook dinner tonight."],
                  sat=["That's fair, thank you for the credit."],
                  neither=[("Can I choose a vegetarian option next week instead?",
                            "Yes — change your recipes on the Menu page until Wednesday midnight.")]),
            topic("I'd like to cancel my Kitbox subscription.",
                  "I'm sorry to see you go! Before you cancel, would you like 50% off your next two boxes instead?",
                  retry=["Understood — your subscription is cancelled. You won't be charged again."],
                  dsat=["No thanks. Please just cancel it."],
                  neither=[("Will I still get the box that's already scheduled?",
                            "Yes, Friday's box will still be delivered.")],
                  flawed=True),
            topic("Hi, I moved house. How do I transfer my Voltio account to the new address?",
                  "Congratulations on the move! Send me your move-out date and final meter reading for the old "
                  "address, and your move-in date and the new address; I'll set up the new account and close the "
                  "old one.",
                  sat=["Super clear, thanks. I'll gather those and get back to you."],
                  neither=[("The move-out was on the 12th, is it too late to give a reading now?",
                            "Not too late — send today's reading and we'll estimate back to the 12th.")]),
        ],
        "dsat": [
            "I've already restarted it twice, as I said in my first message.",
            "You're reading from a script. I need an actual solution.",
            "That's the same reply I got from your colleague, and it didn't work then either.",
            "Is there anyone who can actually fix this?", "Your instructions don't match what I see in the app.",
            "Thank you, but that's not the issue at all.",
            "With all due respect, this doesn't resolve my complaint.", "I'm not satisfied with this answer.",
            "I've been going back and forth for an hour now.",
            "I've been promised a callback three times and nobody called.", "That doesn't answer what I asked.",
            "So I'm paying for your mistake? No.",
        ],
        "sat": [
            "Brilliant, that's fixed it. Thank you!", "Thanks so much, you've been a star.",
            "That's great news, appreciate it.", "All working now, cheers.",
            "Perfect, that's exactly what I needed to know.", "Lovely, thank you for being so patient.",
            "Fantastic, thanks for your help today.", "Thank you, that's put my mind at rest.",
            "Great, confirmation received. Thanks!", "I can't believe it was that simple. Thank you!",
        ],
        "neither": [
            ("Is there a reference number for this?", "Yes: 55-2031. It's also in your confirmation email."),
            ("What are your opening hours at weekends?", "9am–5pm on Saturdays; closed on Sundays."),
            ("Do I need to do anything else on my end?", "No, nothing else is needed."),
            ("Can someone call me instead of email?", "Yes — share a number and a time and we'll call you."),
            ("Will this affect my next bill?", "It will show as a credit on your next bill."),
        ],
        "new": [
            ("Also, how do I change my password?", "Account → Security → Change password."),
            ("No problem at all, these things happen. Could you also send me last month's invoice?",
             "Thanks for your patience! I've emailed last month's invoice to you."),
            ("Out of curiosity, what's wrong with the old app? Why did you replace it?",
             "It couldn't support features like live tracking, so it was rebuilt."),
            ("Also, can I add a second person to the account?",
             "Yes, under Account → Household you can invite a second user."),
        ],
        "chat": [
            ("One second, someone's at the door.", "No problem, I'll wait."),
        ],
    },
}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.parse_args(argv)
    rows = build()
    check(rows)
    with OUT.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {OUT}")
    print(summary(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
