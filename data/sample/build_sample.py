"""Write synthetic_sat_dsat_annotation.json: hand-written SYNTHETIC conversations (no real user
data) in WildFeedback's sat_dsat_annotation schema, one row per utterance, real column names.

    python data/sample/build_sample.py
    python filter_data.py --input data/sample/synthetic_sat_dsat_annotation.json \
        --format wildfeedback-annotation --out data/sample/filtered

Each conversation below is a list of turns. A user turn after the first carries the label of
the reply before it: "dsat", "sat", "neutral" (both false), "both" (both true), "null" (both
null) or "no_sat_field" (Disatisfaction true, Satisfaction missing). As in the real data, an
Agent row repeats the labels of the User row of its turn, unless `agent_labels` overrides them
(the filter must ignore labels on Agent rows).
"""

import argparse
import json
from pathlib import Path

LABELS = {  # label -> (Satisfaction, Disatisfaction)
    None: (False, False), "neutral": (False, False), "dsat": (False, True), "sat": (True, False),
    "both": (True, True), "null": (None, None), "no_sat_field": (None, True),
}
STATES = {"dsat": "FEEDBACK", "sat": "FEEDBACK", "both": "FEEDBACK", "no_sat_field": "FEEDBACK"}


def U(text, label=None, preceeding="YES", state=None, **extra):
    return {"role": "User", "text": text, "label": label, "preceeding": preceeding,
            "state": state, **extra}


def A(text, agent_labels=None, **extra):
    return {"role": "Agent", "text": text, "agent_labels": agent_labels, **extra}


CONVERSATIONS = [
    # DSAT, then a revision the user accepts: one dsat, one seed, one sat row
    [U("What is the capital of Australia?"),
     A("The capital of Australia is Sydney, its largest city."),
     U("That's wrong, Sydney isn't the capital. It's Canberra.", "dsat"),
     A("You're right, I apologize. The capital of Australia is Canberra."),
     U("Thanks, that's what I needed.", "sat")],
    [U("How do I reverse a list in Python?"),
     A("Use my_list.sort(reverse=True) to reverse a list."),
     U("No, that sorts it in descending order. I want the elements in the opposite order.", "dsat"),
     A("Sorry about that. Use my_list.reverse() to reverse it in place, or my_list[::-1] for a reversed copy."),
     U("Perfect, the slicing version is what I wanted.", "sat")],
    [U("Convert 5 miles to kilometers."),
     A("5 miles is about 3.1 kilometers."),
     U("That's backwards, 5 kilometers is 3.1 miles. I asked for miles to kilometers.", "dsat"),
     A("My mistake. 5 miles is about 8.05 kilometers."),
     U("Great, thank you!", "sat")],
    [U("Write a one-sentence email telling my team the meeting moved to 3 pm."),
     A("Dear team, I hope this message finds you well. Due to a scheduling conflict, our meeting "
       "has been moved. It will now take place at 3 pm."),
     U("Too long, I said one sentence.", "dsat"),
     A("Hi team, today's meeting has moved to 3 pm."),
     U("Good, that works.", "sat")],
    # two DSATs in a row, then SAT: two dsat rows, one seed (the second DSAT -> SAT), one sat
    [U("What year did the Berlin Wall fall?"),
     A("The Berlin Wall fell in 1991."),
     U("No, 1991 is when the Soviet Union dissolved.", "dsat"),
     A("Apologies, the Berlin Wall fell in 1990."),
     U("Still wrong, 1990 was reunification. Check again.", "dsat"),
     A("You're right to push back. The Berlin Wall fell on 9 November 1989."),
     U("Yes, thank you.", "sat")],
    # DSAT, then the conversation ends on the revision: the last reply has no label
    [U("Give me a synonym for 'happy' that starts with J."),
     A("Cheerful is a good synonym for happy."),
     U("That doesn't start with J.", "dsat"),
     A("Joyful is a synonym for happy that starts with J.")],
    # Preceeding NO: a new topic, so the (dissatisfied) labels are not about the book reply
    [U("Recommend a science fiction novel."),
     A("Try Dune by Frank Herbert."),
     U("Different question: how long should I boil an egg?", "dsat", preceeding="NO", state="NEW TOPIC"),
     A("Boil it for 10 to 12 minutes for a hard-boiled egg."),
     U("That's too long, I wanted a soft-boiled egg with a runny yolk.", "dsat"),
     A("For a soft-boiled egg with a runny yolk, boil it for 6 to 7 minutes."),
     U("Thanks!", "sat")],
    # both labels true: unclear, not used
    [U("What's 15% of 80?"),
     A("15% of 80 is 12."),
     U("OK, that's right, but you should show the working next time.", "both"),
     A("Sure: 0.15 x 80 = 12.")],
    # null labels: unclear, not used (even though the complaint reads like DSAT)
    [U("Translate 'good morning' into Spanish."),
     A("Buenas noches."),
     U("That means good night.", "null"),
     A("Sorry, 'good morning' is 'buenos días'."),
     U("Gracias, perfecto.", "sat")],
    # labels on Agent rows contradict the User rows after them: they must be ignored
    [U("How many legs does a spider have?"),
     A("A spider has eight legs.", agent_labels="dsat"),
     U("Thanks. And how many does an insect have?", "sat", state="CONTINUATION"),
     A("Insects have six legs.", agent_labels="dsat"),
     U("Got it, that's clear.", "sat")],
    [U("Write a Python function that returns the square of a number."),
     A("def square(x): return x * 2", agent_labels="sat"),
     U("That doubles the number, it doesn't square it.", "dsat"),
     A("You're right. def square(x): return x ** 2"),
     U("Works now, thanks.", "sat")],
    [U("Give me a quick vegetarian dinner idea."),
     A("Try grilled chicken with roasted vegetables."),
     U("Chicken isn't vegetarian.", "dsat"),
     A("Sorry about that. Try a chickpea and spinach curry with rice; it takes about 25 minutes.")],
    # SAT first, then DSAT -> SAT later in the same conversation
    [U("What's the boiling point of water?"),
     A("Water boils at 100 °C at sea level."),
     U("And in Fahrenheit?", "sat", state="CONTINUATION"),
     A("That's 100 °F."),
     U("No, 100 °C is not 100 °F.", "dsat"),
     A("Correct, my mistake: water boils at 212 °F at sea level."),
     U("Thanks.", "sat")],
    # DSAT, then a neutral turn (both labels false), then the last reply
    [U("Can you make this more formal: 'gonna be late, sorry'?"),
     A("Gonna be late, so sorry!!"),
     U("That's not more formal at all.", "dsat"),
     A("I apologize; I will be arriving late."),
     U("Okay. Can you also make 'thx for the help' formal?", "neutral", state="CONTINUATION"),
     A("Thank you for your assistance.")],
    [U("Is 91 a prime number?"),
     A("Yes, 91 is prime."),
     U("It isn't, 91 = 7 x 13.", "dsat"),
     A("You're right, 91 is not prime because 7 x 13 = 91."),
     U("Right.", "sat")],
    # Disatisfaction true with no Satisfaction field at all: "Satisfaction not true", so DSAT
    [U("How many days are there in a leap year?"),
     A("A leap year has 365 days."),
     U("That's a normal year. Leap years have one more day.", "no_sat_field"),
     A("Apologies, a leap year has 366 days, with 29 February as the extra day.")],
    # unicode: accents, CJK, emoji
    [U("¿Cómo se dice 'thank you' en japonés?"),
     A("Se dice 'arigatō' (ありがとう)."),
     U("Perfecto, gracias 🙏", "sat")],
    [U("Which Greek letter is used for pi?"),
     A("Pi is written Σ."),
     U("No, Σ is sigma. Pi is π.", "dsat"),
     A("You're right, pi is written π and sigma is Σ."),
     U("👍 thanks", "sat")],
    [U("What's the chemical symbol for gold?"),
     A("The chemical symbol for gold is Gd."),
     U("Gd is gadolinium, not gold.", "dsat"),
     A("Sorry, the chemical symbol for gold is Au, from the Latin aurum."),
     U("Right, thanks.", "sat")],
    [U("How many minutes are in 3 hours?"),
     A("There are 120 minutes in 3 hours."),
     U("That's 2 hours. I asked about 3.", "dsat"),
     A("My mistake: 3 hours is 180 minutes.")],
    # an exact repeat of the first conversation: every row it gives is a duplicate
    "repeat 0",
    # the second conversation logged again, cut after the complaint: its dsat row is a duplicate
    "prefix 1 3",
    # an empty reply: the whole conversation is skipped (empty_content)
    [U("Summarize Romeo and Juliet in one sentence."),
     A(""),
     U("You didn't write anything.", "dsat")],
    # two User rows in a row: skipped (roles_not_alternating)
    [U("What's the tallest mountain in the world?"),
     U("Above sea level, I mean."),
     A("Mount Everest, at 8,849 metres above sea level."),
     U("Thanks.", "sat")],
    # a User row without its Content column: skipped (missing_field)
    [U("Name a primary colour."),
     A("Green is a primary colour."),
     U(None, "dsat", drop="Content"),
     A("Sorry, the primary colours of paint are red, yellow and blue.")],
]


def rows_of(conversation):
    rows = []
    for i, turn in enumerate(conversation):
        if turn["role"] == "User":
            label = turn["label"]
            preceeding = "NO" if i == 0 else turn["preceeding"]
            state = turn["state"] or ("NEW TOPIC" if i == 0 else STATES.get(label, "CONTINUATION"))
        else:  # an Agent row repeats its turn's User labels unless told otherwise
            label = turn["agent_labels"] or conversation[i - 1]["label"]
            preceeding, state = rows[-1]["Preceeding"], rows[-1]["State"]
        sat, dsat = LABELS[label]
        row = {
            "UtterranceId": i, "TurnId": i // 2 + 1, "Role": turn["role"], "Content": turn["text"],
            "Preceeding": preceeding, "State": state,
            "Satisfaction": sat,
            "Satisfaction-Justificiation": "The user thanks the assistant and accepts the answer." if sat else "",
            "Disatisfaction": dsat,
            "Dissatisfaction-Justificiation": "The user points out that the answer is wrong or ignores the request." if dsat else "",
        }
        if label == "no_sat_field":
            del row["Satisfaction"], row["Satisfaction-Justificiation"]
        if turn.get("drop"):
            del row[turn["drop"]]
        rows.append(row)
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.parse_args(argv)  # no options: --help prints this, anything else is an error
    conversations = []
    for c in CONVERSATIONS:
        if isinstance(c, str) and c.startswith("repeat"):
            c = CONVERSATIONS[int(c.split()[1])]
        elif isinstance(c, str) and c.startswith("prefix"):
            _, which, n = c.split()
            c = CONVERSATIONS[int(which)][: int(n)]
        conversations.append(rows_of(c))
    rows = [row for c in conversations for row in c]
    text = "[\n" + ",\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n]\n"
    path = Path(__file__).with_name("synthetic_sat_dsat_annotation.json")
    path.write_text(text, encoding="utf-8")
    print(f"wrote {len(conversations)} conversations, {len(rows)} rows to {path}")


if __name__ == "__main__":
    main()
