#!/usr/bin/env python3
"""Build the "fresh" hand-labelled evaluation set for the dissatisfaction finder.

The banks below were written by hand. Every user reaction carries its label through the
bank it sits in (dsat / sat / neither). This script only combines them: it picks a topic,
a number of user turns and a reaction for each turn, using random.Random with a fixed seed,
so every run writes the same file byte for byte.

Bank layout per style
  topics: T(open, first, d=..., r=..., g=..., r2=..., s=..., n=...)
      open   opening request (the unlabelled first user turn)
      first  the assistant's first answer; flawed when the topic has `d` reactions
      d      dsat reactions to the flawed first answer (only used right after it)
      r      the assistant's revision after one of `d`
      g      topic-specific "still wrong" dsat reactions (only after a revision)
      r2     the assistant's second revision after one of `g` (or a generic "still")
      s      sat reactions; a plain string gets a stock acknowledgement, a
             (user, assistant) pair is "accept and move on" with the next answer
      n      neither reactions: (user, assistant) pairs, follow-ups that build on the answer
             or add information the user had not given before; a trailing 1 marks the ones
             that also fit right after a flawed first answer (the user has not noticed the flaw
             yet, or asks something else first)
  generic banks per style (fit any topic):
      dsat   complaints about any answer          -> stock apology
      dsat_out complaints that only fit a piece of writing (after a sound first answer or a new item)
      still  complaints after a revision          -> stock second apology
      same   "that's the same thing again"; only after a stock apology, which changed nothing visible
      quit   giving up (only as the last turn)    -> stock reply
      sat    approval of any answer               -> stock acknowledgement
      fixed  approval that only fits after a fix or a new piece of work ("works now")
      nei    neutral (user, assistant) pairs: new or unrelated requests, small talk
      leave  leaving (only as the last turn, label neither)
      ack, sorry, sorry2, bye, byeok: stock assistant replies
  In the multilingual style the generic banks are keyed by the topic's language.
"""
import argparse
import hashlib
import json
import random
from collections import Counter, defaultdict
from pathlib import Path

SEED = 390
OUT = Path(__file__).resolve().parent / "conversations.jsonl"
MAX_USE = 3  # no user reaction appears more than this many times in the file
# user turns per conversation, for each style (22 conversations per style)
TURN_PLAN = [2] * 4 + [3] * 6 + [4] * 6 + [5] * 4 + [6] * 2

STYLES = {}


def T(o, a, d=(), r=None, g=(), r2=None, s=(), n=(), lang=None):
    return {"open": o, "first": a, "dsat": list(d), "rev": r, "again": list(g),
            "rev2": r2, "sat": list(s), "nei": list(n), "lang": lang}


def style(name, desc, mix, topics, **gen):
    STYLES[name] = {"desc": desc, "mix": mix, "topics": topics, **gen}


# ---------------------------------------------------------------------------------------
# student: homework, essays, maths; casual, sometimes lazy
# ---------------------------------------------------------------------------------------
style(
    "student",
    "homework, essay and maths help; casual, lowercase, sometimes lazy ('just give me the answer')",
    (1.0, 1.0, 1.0),
    [
        T("solve 2x + 7 = 3x - 5 just give me the answer",
          "Subtract 2x from both sides: 7 = x - 5. Then subtract 5: x = -12. So x = -12.",
          d=["the answer key says 12 not -12",
             "i plugged -12 back in and it doesnt work??",
             "wait how is it negative, 7 + 5 is 12 so that cant be right"],
          r="You're right, I made a sign error: 7 = x - 5 gives x = 7 + 5 = 12.",
          g=["hold on now ur steps say 12 but the first line still says x = -12"],
          r2="Sorry for the mix-up. The only answer is x = 12: 2(12) + 7 = 31 and 3(12) - 5 = 31.",
          s=["ok 12 matches the key, thanks",
             ("perfect, now do 5x - 3 = 2x + 9", "5x - 2x = 9 + 3, so 3x = 12 and x = 4."),
             ("k next one: 4(x - 2) = 2x + 6", "4x - 8 = 2x + 6, so 2x = 14 and x = 7.")],
          n=[("how do u check these fast on a test", "Plug your answer back into both sides; if both give the same number, it's right.", 1),
             ("what if theres fractions on both sides too", "Multiply every term by the common denominator first, then solve as usual.")]),
        T("write me an intro paragraph for an essay on whether school uniforms should be required, like 5 sentences",
          "School uniforms have long been a subject of considerable debate among educators, parents and policymakers. "
          "Proponents contend that uniforms foster equality... (the paragraph runs to eleven sentences in an academic register)",
          d=["i said like 5 sentences this is a whole page",
             "this is way too fancy, im in 9th grade my teacher will know",
             "can u make it shorter its longer than my whole essay lol",
             "i meant 5 sentences total not 5 sentences per idea lol"],
          r="Sorry, here's a 5-sentence version in plainer words: Lots of schools make students wear uniforms. "
            "Some people think this makes everyone more equal. Others think it takes away a way to express yourself. "
            "It can also cost families money. In this essay I'll argue whether uniforms should be required.",
          s=["ok this sounds like me, ty",
             ("nice now do a conclusion the same length", "Here's a 5-sentence conclusion that mirrors the intro: ...")],
          n=[("should my thesis be the last sentence or the first", "Usually the last sentence of the intro, so the paragraph leads into it."),
             ("oh its supposed to be argumentative btw, im against uniforms", "Got it, here's the same intro arguing against required uniforms, ending on a clear thesis.", 1)]),
        T("when did the berlin wall fall and why",
          "On 9 November 1989. Protests in East Germany, people fleeing through Hungary, and a botched announcement "
          "that travel rules were relaxed led crowds to the border, and the guards opened it.",
          s=["ok thats exactly what i needed",
             "sweet, thats enough for my notes"],
          n=[("can u make that into 3 bullet points for my flashcards", "- 9 Nov 1989\n- Mass protests and people fleeing west\n- A confused announcement made guards open the border"),
             ("who was the leader of east germany then", "Erich Honecker until October 1989, then Egon Krenz."),
             ("wait so was it not torn down the same night", "No, the border opened that night, but most of the wall was demolished in 1990."),
             ("is the wall still there anywhere", "Yes, sections remain, e.g. the East Side Gallery in Berlin.")]),
        T("balance this equation: Fe + O2 -> Fe2O3",
          "Balanced: 2Fe + 3O2 -> Fe2O3",
          d=["thats not balanced, count the O's. 6 on the left and 3 on the right??",
             "my teacher said the answer has a 4 in it somewhere",
             "uh the iron doesnt match either if you put a 2 in front"],
          r="You're right, sorry. Balanced: 4Fe + 3O2 -> 2Fe2O3 (4 Fe and 6 O on each side).",
          s=["yesss 4 3 2 thats it",
             ("ok got it. next one is C3H8 + O2 -> CO2 + H2O", "C3H8 + 5O2 -> 3CO2 + 4H2O.")],
          n=[("is there a trick for balancing these or do u just guess", "Start with the element that appears in the fewest compounds, and leave O and H for last.", 1)]),
        T("summarize chapter 3 of of mice and men, short pls",
          "Of Mice and Men follows George and Lennie... (a summary of the whole novel, including the ending)",
          d=["i only asked for chapter 3 why did u spoil the ending 😭",
             "thats the whole book not chapter 3",
             "ok but what happens IN chapter 3 specifically"],
          r="Sorry! Chapter 3 only: Slim lets Carlson shoot Candy's old dog, Candy joins George and Lennie's plan "
            "to buy a farm, and Curley picks a fight and Lennie crushes his hand.",
          s=["ok perfect thats what i needed for the quiz",
             ("cool can u do chapter 4 the same way", "Chapter 4: Lennie wanders into Crooks' room; Crooks mocks the farm dream, then wants in, until Curley's wife threatens him.")],
          n=[("why does candy care so much about the dog", "It's his only companion, and its fate makes him fear being thrown away when he's old too.", 1),
             ("what page does chapter 3 start on", "It depends on the edition; in the common Penguin edition it's around page 34.")]),
        T("explain photosynthesis like im 10",
          "Plants make their own food. They take in sunlight through their leaves, water through their roots and "
          "carbon dioxide from the air, and turn them into sugar. The leftover oxygen goes out into the air for us to breathe.",
          s=["thats actually a really good way to explain it",
             ("nice ok now do cellular respiration the same way", "Your cells take the sugar from food and oxygen from the air and 'burn' them slowly to get energy. What's left is carbon dioxide and water.")],
          n=[("oh its for my little brothers project hes actually 7", "Even simpler then: plants eat sunshine! They mix light, water and air to make food, and breathe out the air we need."),
             ("do plants do it at night too", "No, it needs light. At night plants only respire, like we do.")]),
    ],
    dsat=["thats not what i asked tho",
          "u didnt even answer the question",
          "this is so confusing, can u explain it like normal",
          "that sounds so robotic lol can u say it like a normal person",
          "ok but that doesnt help me at all",
          "wait thats wrong, we literally learned this last week"],
    still=["still wrong",
           "nope still confused",
           "thanks but thats still not it"],
    same=["thats literally the same thing again", "u just said the same thing in different words"],
    quit=["forget it ill just ask my friend", "ugh nvm ill figure it out myself", "this is useless, bye"],
    sat=["omg thank u", "ok that makes sense now", "ahh i get it", "ty ty", "lifesaver fr", "ok cool that actually helped"],
    fixed=["ok yeah thats right now", "yesss that matches the answer key"],
    nei=[("wait whats the difference between a simile and a metaphor again", "A simile compares using 'like' or 'as'; a metaphor says one thing is another."),
         ("how long should a conclusion paragraph be usually", "Usually 3 to 5 sentences."),
         ("random but how do i cite a youtube video in mla", "Creator. \"Title.\" YouTube, uploaded by Channel, Day Month Year, URL."),
         ("is it bad to use 'I' in an essay or no", "It depends on the assignment; many teachers want it avoided in formal essays, so check the rubric."),
         ("do u know any good apps for flashcards", "Anki and Quizlet are the usual ones; Anki is free on desktop and Android."),
         ("no worries if not but can u also explain what a thesis statement is", "It's one sentence, usually at the end of the intro, that states the main claim your essay will argue.")],
    leave=["ok gotta go class is starting", "brb mom is calling me", "ok im gonna go write this now"],
    ack=["Glad that helped!", "Happy to help, good luck with it.", "Great! Ask if anything else comes up."],
    sorry=["Sorry about that, let me try again more simply.", "My mistake. Here's a clearer version that sticks to what you asked."],
    sorry2=["Sorry, let me redo it carefully from the start.", "You're right, I repeated myself. Here's a different approach."],
    bye=["Sorry I couldn't help with this one. Good luck!"],
    byeok=["No problem, good luck!", "Sure, see you later."],
)

# ---------------------------------------------------------------------------------------
# voice: speech-to-text transcripts, no punctuation, fillers, run-on
# ---------------------------------------------------------------------------------------
style(
    "voice",
    "speech-to-text transcripts: no punctuation, filler words (um, like, you know), run-on sentences",
    (1.0, 1.0, 1.1),
    [
        T("hey um what's a good substitute for buttermilk i'm like in the middle of making pancakes",
          "Stir 1 tablespoon of lemon juice or white vinegar into 1 cup of milk and let it sit for 5 to 10 minutes.",
          s=["oh perfect i have lemons okay thanks",
             ("okay cool and um how much baking soda do i use then like for two cups of flour", "About 1 teaspoon of baking soda for 2 cups of flour.")],
          n=[("does it matter if it's like almond milk or does it have to be regular milk", "Almond milk works too; it just curdles less, so the pancakes are a little less fluffy."),
             ("um how long do i let it sit again", "About 5 to 10 minutes, until it looks slightly curdled.")]),
        T("um can you write a text to my boss saying i'm gonna be like 15 minutes late because of traffic keep it short",
          "Dear Dave, I hope this message finds you well. I am writing to inform you that due to unforeseen traffic "
          "conditions I will be arriving approximately fifteen minutes late this morning. I apologise for any inconvenience...",
          d=["whoa no that's like a whole email i said a text just short",
             "no no it's a text message not a letter you know like one line",
             "um why is it so formal it's just dave",
             "i meant like a text text you know on my phone"],
          r="Sorry! Short version: 'Hi Dave, stuck in traffic, running about 15 min late. Sorry!'",
          s=["yeah that's perfect send that",
             "okay good that sounds like me",
             ("great now um one to my wife saying i'll pick up the kids at six", "'Hey, I'll pick up the kids at 6.'")],
          n=[("oh and should i like mention the meeting at nine or no", "If you'll miss the start, add: 'I'll join the 9:00 as soon as I'm in.'", 1)]),
        T("hey how tall is mount everest",
          "Mount Everest is about 8,849 feet tall.",
          d=["wait feet that can't be right that's like not even two miles",
             "um no i think that's meters not feet",
             "hmm that seems way too short for everest like way too short"],
          r="You're right, sorry. It's 8,849 metres, which is about 29,032 feet.",
          s=["okay yeah twenty nine thousand that sounds right thanks", "oh okay that makes more sense"],
          n=[("and um who climbed it first", "Edmund Hillary and Tenzing Norgay, on 29 May 1953.", 1),
             ("how long does it take to like climb it", "Most expeditions take about two months, mostly for acclimatisation.", 1)]),
        T("okay so my phone keeps saying storage full um how do i fix that it's an iphone",
          "Open Settings > Device care > Storage, or install Files by Google and use its Clean tab to remove junk files.",
          d=["um i don't have a device care thing i said it's an iphone",
             "no that's like android stuff i have an iphone",
             "there's no files by google on my phone what are you talking about"],
          r="Sorry, those were Android steps. On iPhone: Settings > General > iPhone Storage shows what uses space and "
            "offers 'Offload Unused Apps'. Deleting old videos and emptying 'Recently Deleted' in Photos frees the most.",
          g=["okay i did the recently deleted thing and it still says storage full"],
          r2="It can take a few minutes to update. Also check Messages: set 'Keep Messages' to 1 year and delete large attachments.",
          s=["oh wow okay that freed up like ten gigs thank you", "okay the message went away nice"],
          n=[("um does offloading delete like my photos or anything", "No, offloading removes the app but keeps its data. Photos aren't touched."),
             ("should i just get more icloud storage or is that a waste of money", "If you keep lots of photos, the 50 GB plan is cheap and usually enough.")]),
        T("um what temperature do i cook chicken thighs in the oven and for how long",
          "200°C (400°F) for about 35 to 40 minutes for bone-in thighs, until the inside reaches 74°C (165°F).",
          s=["okay cool thanks i'll do that",
             ("okay and um what about like potatoes on the same tray", "Cut them into chunks; they'll need about the same 35 to 45 minutes at that temperature.")],
          n=[("oh wait they're boneless does that change anything", "Yes, boneless thighs cook faster: about 20 to 25 minutes at 200°C."),
             ("do i need to like cover them with foil or no", "No need; uncovered gives crispier skin.")]),
    ],
    dsat=["um no that's not what i asked i asked like something totally different",
          "wait what no that doesn't make sense",
          "hmm no you kind of missed the point there",
          "i don't know that's not really helping me you know",
          "no that's wrong i'm pretty sure that's wrong",
          "um that's not the thing i asked about like at all"],
    still=["uh still not right", "no no no it's still doing the thing", "hmm nope still not working"],
    same=["no it's still the same thing you just said it again", "okay that's basically what you said before"],
    quit=["okay never mind forget it i'll just google it", "ugh forget it this isn't working", "you know what never mind i'll ask my wife"],
    sat=["oh okay perfect thank you", "yeah that's great thanks", "okay cool that works",
         "awesome that's exactly what i needed thanks", "oh nice okay got it"],
    fixed=["okay yeah that one worked", "oh there we go that did it"],
    nei=[("oh hey random question how many ounces in a cup", "There are 8 fluid ounces in a US cup."),
         ("what time is it in tokyo right now like roughly", "Tokyo is UTC+9, so about 13 to 14 hours ahead of US Eastern time."),
         ("um okay can you tell me a joke while i'm waiting", "Why don't skeletons fight each other? They don't have the guts."),
         ("hey um what's the capital of australia my kid's asking", "Canberra."),
         ("okay so um can you spell necessary", "N-E-C-E-S-S-A-R-Y."),
         ("oh no i just realized i'm out of eggs what can i use instead", "For baking, 1 tablespoon of ground flaxseed in 3 tablespoons of water per egg, or a quarter cup of mashed banana.")],
    leave=["okay i gotta go i'm pulling into the parking lot", "alright that's all for now bye", "hold on somebody's at the door"],
    ack=["You're welcome!", "Glad that works.", "Great, enjoy!"],
    sorry=["Sorry about that. Here's a simpler answer.", "My mistake, let me try again."],
    sorry2=["Sorry, let me try a different way.", "Apologies. Here's another approach."],
    bye=["Sorry I couldn't sort it out. Good luck!"],
    byeok=["Okay, talk later!", "Sure, bye for now."],
)

# ---------------------------------------------------------------------------------------
# elderly: unfamiliar with technology, polite, long-winded, sometimes confused
# ---------------------------------------------------------------------------------------
style(
    "elderly",
    "older users unfamiliar with technology: polite, long-winded, sometimes unsure what went wrong",
    (1.0, 1.0, 1.2),
    [
        T("Hello. My granddaughter sent me photographs in an email and I would like to see them. I have a computer with Windows. How do I open them? Thank you.",
          "Download the attachment, then extract the ZIP archive to a folder and open the JPEG files with the Photos app or your default image viewer.",
          d=["I'm sorry, I don't know what 'extract' or 'ZIP' means. I only want to see the pictures of the baby.",
             "That was rather a lot of instructions for an old lady. Is there not a simpler way?",
             "I followed your first step but now I don't know where the pictures have gone. I think I have done something wrong."],
          r="I'm sorry, that was too complicated. In the email, look near the bottom for small pictures. Click on one once, "
            "and it will open large. Use the arrows at the side to see the next one.",
          g=["I have clicked on the little picture but it only goes grey and nothing opens, dear."],
          r2="Sometimes it takes a moment. If it stays grey, double-click it (click twice quickly), or right-click and choose 'Open'.",
          s=["Oh there's the baby! Thank you ever so much, she's got her mother's nose.",
             "It worked, I can see all six of them now."],
          n=[("Can I print one of them to put on the mantelpiece?", "Yes. With the picture open, click 'Print' at the top, or press Ctrl and P together, then choose your printer."),
             ("Will they still be there tomorrow or do they disappear?", "They stay in the email until you delete it, so you can look again any time.")]),
        T("I had a telephone call from a man who said he was from Microsoft and that my computer has a virus. He wants me to go to a website. Should I?",
          "No. That is a well-known scam. Microsoft does not ring people about viruses. Hang up, don't visit the website, and don't give any details.",
          s=["Thank you. I had a feeling something wasn't right with him. I'm glad I asked.",
             "I shan't do it then. Thank you for being so clear."],
          n=[("He rang again this morning. What should I say to him?", "You don't need to say anything; just put the phone down."),
             ("Should I tell someone about it, the police perhaps?", "In the UK you can report it to Action Fraud on 0300 123 2040. Tell your bank too if you gave any details."),
             ("No, I didn't give him any money, but I did tell him my postcode. Is that bad?", "A postcode on its own isn't dangerous. Just be wary of more calls and never give bank details.")]),
        T("My new telephone has very small letters. How do I make them bigger? It is a Samsung.",
          "Go to Settings > Display & Brightness > Text Size and drag the slider, or turn on Larger Text under Accessibility.",
          d=["I don't have anything called 'Display & Brightness'. It's a Samsung, as I said.",
             "I've looked everywhere and there is no 'Larger Text' on my telephone. I wonder if we are talking about the same thing.",
             "My grandson says those are instructions for an Apple. Mine isn't an Apple."],
          r="I'm sorry, those were iPhone steps. On a Samsung: open Settings (the gear wheel), tap Display, then "
            "'Font size and style', and slide the bar to the right.",
          g=["I found Display, dear, but there's no 'Font size' in it. There's 'Screen zoom' and some other things."],
          r2="On some models it's under Settings > Accessibility > Visibility enhancements > Font size. Sliding the bar right makes the letters larger.",
          s=["Oh yes, that's much better, I can read it without my glasses now.",
             "There we are. I can see my messages properly now, thank you."],
          n=[("Can I make the ringing louder as well? I often miss calls.", "Yes: press the button on the side upwards, or go to Settings > Sounds and vibration > Volume.")]),
        T("Could you tell me how many teaspoons are in a tablespoon? My recipe is from America.",
          "There are 4 teaspoons in a tablespoon.",
          d=["That doesn't sound right to me. My old cookery book says three.",
             "Are you quite sure? I have always used three teaspoons for a tablespoon."],
          r="You're right, I'm sorry. A tablespoon is 3 teaspoons.",
          s=["Thank you. I thought as much, but it's good to be sure.",
             ("Lovely. And what is a 'stick' of butter? The recipe says one stick.", "A US stick of butter is 113 grams, about 4 ounces.")],
          n=[("My husband used to do all the baking, you know. I'm only learning now.", "It's never too late to learn, and American recipes can be confusing. I'm happy to help with any other measures.", 1),
             ("And what would 350 degrees be on my oven? It's in Celsius.", "350°F is about 180°C, or 160°C if it's a fan oven.", 1)]),
        T("My son wants to do a 'video call' on the computer for my birthday. What do I need to do? He says it's called Zoom.",
          "Your son will send you a link in an email. On the day, click the link, then click 'Join' and allow the camera and microphone when asked. That's all.",
          s=["That seems simple enough. Thank you, I'll try it on Saturday.",
             "Thank you, I've written it all down on my notepad."],
          n=[("Will he be able to see me or only hear me?", "Both, as long as your camera is on. If the little camera button at the bottom has a line through it, click it."),
             ("Do I need to pay for this Zoom?", "No, joining a call is free."),
             ("What if the link doesn't work when I press it?", "Then ring your son; he can send it again or read you the meeting number to type in.")]),
    ],
    dsat=["I'm sorry dear, but I don't understand a word of that. Could you please explain it more simply?",
          "That's very kind of you, but I'm afraid it doesn't help me much.",
          "You've used a lot of words I don't know. My grandson usually explains these things better.",
          "Well, that doesn't seem to be what I asked about, but thank you anyway.",
          "I don't think that can be right. It's not what the lady at the library told me."],
    still=["I did exactly as you said, but it's still the same as before.",
           "I'm sorry to be a bother but nothing has changed on my screen.",
           "I'm afraid that's still not what I meant, dear."],
    same=["That seems to be what you told me the first time, dear."],
    quit=["Never mind, I will wait until my daughter visits on Sunday.",
          "I think I'll give up on this for today. It's too much for me.",
          "Oh dear, this is beyond me. I'll ring the shop instead."],
    sat=["That's much clearer now, thank you.",
         "Thank you, dear. That's just what I needed to know.",
         "Oh that's marvellous, I'll write that down so I remember.",
         "How very useful. Thank you, dear."],
    fixed=["Oh wonderful, that worked! Thank you so much, you've been very patient with me.",
           "Well I never, there it is. Thank you kindly."],
    nei=[("While I have you, do you know if it's going to rain on Thursday? We have the garden club.", "I can't see the forecast from here, but the weather page of the BBC or your local radio will have Thursday's."),
         ("Can you tell me how to make the writing bigger on this screen? My eyes aren't what they were.", "Yes: hold the Ctrl key and press + a few times. That enlarges the text on most screens."),
         ("Are you a real person? My neighbour says these things are computers.", "I'm a computer program, not a person, but I'm happy to go step by step with you."),
         ("I was a schoolteacher for forty years, you know. Things were very different then.", "That's a long career! You must have seen a great many changes in the classroom."),
         ("I'm not very good with these things, but could you tell me what 'the cloud' is?", "It just means your files are kept on a company's computers over the internet, so you can see them from any device."),
         ("Is it safe to put my bank card into a website? My daughter does it all the time.", "On well-known shops it's generally safe. Look for the padlock by the address, and never give your PIN.")],
    leave=["I must go now, my tea is getting cold. Goodbye.",
           "Mavis has just arrived, so I'll stop here. Goodbye for now.",
           "I'm going to have a little rest now."],
    ack=["You're very welcome. Take your time, and ask whenever you like.", "I'm glad that helped!", "You're welcome. Enjoy!"],
    sorry=["I'm sorry, I'll explain it more simply, one step at a time.", "My apologies, let me try again in plainer words."],
    sorry2=["I'm sorry it's still not working. Let's try a different way.", "Apologies. Let's go through it again slowly."],
    bye=["I'm sorry I couldn't help more. I hope your family can show you."],
    byeok=["Goodbye, and take care!", "Of course. Goodbye for now."],
)

# ---------------------------------------------------------------------------------------
# dev: developers; terse; pasted errors, stack traces, versions
# ---------------------------------------------------------------------------------------
style(
    "dev",
    "developers: terse, pasted error messages, stack traces and log lines, version numbers",
    (1.1, 1.0, 0.9),
    [
        T("ImportError: cannot import name 'soft_unicode' from 'markupsafe'\njinja2 2.11.3, python 3.10. fix?",
          "Try reinstalling Jinja2: `pip uninstall jinja2 && pip install jinja2`.",
          d=["reinstalled, same ImportError",
             "jinja2 is installed fine. the problem is markupsafe",
             "did you even read the error? it's soft_unicode"],
          r="Right: markupsafe 2.1 removed soft_unicode. Either pin `markupsafe==2.0.1` or upgrade to `jinja2>=3.0`.",
          g=["pinned 2.0.1, pip says flask 2.3 requires markupsafe>=2.1. so no"],
          r2="Then upgrade jinja2 instead: `pip install 'jinja2>=3.1'` works with markupsafe 2.1 and current Flask.",
          s=["pinned markupsafe, works", "upgraded jinja to 3.1, all good"],
          n=[("will pinning markupsafe break anything else?", "Unlikely; only packages that need markupsafe>=2.1 would complain, and pip will say so.")]),
        T("postgres 15: select users who have no orders. tables users(id), orders(user_id)",
          "SELECT u.* FROM users u LEFT JOIN orders o ON o.user_id = u.id WHERE o.user_id IS NULL;",
          s=["clean, thanks",
             ("ok now same but only users created in the last 30 days, created_at col", "Add: AND u.created_at >= now() - interval '30 days'")],
          n=[("is NOT EXISTS faster than the left join here?", "Postgres usually plans both as the same anti-join; check with EXPLAIN ANALYZE."),
             ("no index on orders.user_id btw, does that matter", "Yes, add `CREATE INDEX ON orders(user_id);` or it will scan orders in full.")]),
        T("TypeError: Cannot read properties of undefined (reading 'map')\n    at ItemList (ItemList.jsx:14:23)\nreact 18, data comes from fetch in useEffect",
          "This usually happens when list items lack a unique `key` prop. Add `key={item.id}` to each element you render in the map.",
          d=["key prop has nothing to do with this",
             "the error is about undefined, not keys",
             "added keys, still Cannot read properties of undefined (reading 'map')"],
          r="Sorry. `data` is undefined on the first render, before the fetch resolves. Initialise state with an empty array, "
            "`useState([])`, or guard with `data?.map(...)`.",
          g=["useState([]) now, still undefined after the fetch. api returns {items: [...]}"],
          r2="Then you're storing the whole object. Use `setData(json.items)` instead of `setData(json)`.",
          s=["yep, optional chaining fixed it", "renders now", "json.items. that was it. ty", "no errors anymore, list shows up"],
          n=[("should I use react-query for this instead of useEffect?", "For anything beyond a small app, yes: it handles loading, caching and errors.")]),
        T("docker build fails:\n => ERROR [4/6] COPY requirements.txt .\nfailed to compute cache key: \"/requirements.txt\": not found",
          "Try clearing the builder cache with `docker system prune -a` and build again.",
          d=["prune did nothing. file is definitely there",
             "why would pruning fix a missing file"],
          r="Sorry. It's usually the build context: the file must be inside the directory you pass to `docker build`, "
            "and not excluded by `.dockerignore`.",
          g=["no dockerignore, context is `.`, still not found"],
          r2="Then check the path: `COPY requirements.txt .` reads from the context root. If the file is in `backend/`, use `COPY backend/requirements.txt .`.",
          s=["`*.txt` in .dockerignore. facepalm. thanks", "builds now"],
          n=[("is multi-stage worth it for a python image?", "Yes if you compile wheels: build in one stage and copy the venv into a slim image.", 1)]),
        T("how do I undo last commit but keep the changes, already pushed to my own feature branch",
          "`git reset --soft HEAD~1`, fix things up, commit, then `git push --force-with-lease`.",
          s=["perfect", "ty, force-with-lease is what I needed"],
          n=[("what if someone else already pulled it", "Then prefer `git revert HEAD`, so you don't rewrite shared history."),
             ("and if I want the changes unstaged, not staged", "Use `git reset HEAD~1` (mixed) instead of --soft.")]),
        T("regex to match ISO dates like 2024-03-15, JS",
          "/^\\d{2}\\/\\d{2}\\/\\d{4}$/",
          d=["that's MM/DD/YYYY. I said ISO",
             "2024-03-15 doesn't match that",
             "YYYY-MM-DD. regex for that please"],
          r="Sorry: /^\\d{4}-\\d{2}-\\d{2}$/",
          s=["matches, thanks",
             ("good. now one that rejects month 13", "/^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$/")],
          n=[("does it need the u flag?", "No, it's all ASCII.", 1)]),
    ],
    dsat=["no. that's not how that works",
          "that's wrong, read the docs",
          "source? that's not in the docs anywhere",
          "that's outdated, changed years ago",
          "I don't need a tutorial, just the answer",
          "you're answering a different question"],
    still=["same error", "nope. identical output", "still not right",
           "that's what I already tried", "now it's a different error, lol"],
    quit=["nvm, found it on SO", "forget it, reverting", "never mind, I'll read the source"],
    sat=["makes sense, thx", "ok good to know", "clear, ty", "👍"],
    fixed=["works, ty", "that did it", "tests green now", "nice, merged", "👍 fixed", "no more warnings, thanks"],
    nei=[("unrelated: git rebase vs merge in one sentence", "Merge joins histories with a merge commit; rebase replays your commits on top of the other branch for a linear history."),
         ("what's wrong with using a global variable for config in general?", "Globals make testing and reasoning about state harder; passing a settings object is easier to mock."),
         ("also, any good linter for yaml?", "yamllint: `pip install yamllint` then `yamllint .`."),
         ("btw is python 3.13 stable enough for prod yet", "Yes, it's a stable release; check that your dependencies ship wheels for it."),
         ("random q: tabs or spaces in a Makefile", "Recipe lines must start with a tab, unless you set .RECIPEPREFIX."),
         ("not urgent, but how do I squash the last 3 commits", "`git rebase -i HEAD~3`, then mark the last two as `squash`.")],
    leave=["ok, standup, back later", "gotta jump on a call", "afk"],
    ack=["👍", "Nice.", "np"],
    sorry=["Sorry, I misread that. Corrected version:", "My mistake, here's the right approach:"],
    sorry2=["Let's check the exact versions. Different approach:", "Sorry. Try this instead:"],
    bye=["OK. Sorry it didn't work out."],
    byeok=["Sure.", "OK, later."],
)

# ---------------------------------------------------------------------------------------
# creative: fiction, poems, lyrics, names, rewriting tone
# ---------------------------------------------------------------------------------------
style(
    "creative",
    "creative writing: poems, lyrics, fiction, names, rewriting for tone",
    (1.0, 1.3, 0.9),
    [
        T("write a haiku about the first frost, strict 5-7-5",
          "Frost on the window\nglittering over the sleeping garden beds\nmorning holds its breath",
          d=["the middle line is way over 7 syllables",
             "that's not 5-7-5, count line two again",
             "I said strict 5-7-5. 'glittering over the sleeping garden beds' is like 11"],
          r="Sorry, corrected:\nBreath hangs in the air\nthe garden's last tomatoes\nwear a thin white coat",
          s=["ok the tomatoes line is lovely",
             ("great, now one for the first snow", "Morning without sound\nthe dog stops at the doorway\nand forgets to bark")],
          n=[("is 'tomatoes' three syllables in your count?", "Yes: to-ma-toes.")]),
        T("give me 10 names for a dwarf blacksmith, no Tolkien knockoffs",
          "Thorin Ironfist, Balinor, Durgin Stonehammer, Gimrik, Dwalgar, Fundor, Oinar, Bofur Deepdelve, Narvi Goldbeard, Thrain Emberforge",
          d=["Thorin is literally a Tolkien name",
             "half of these are straight out of the hobbit",
             "I said no Tolkien knockoffs and you gave me Bofur??"],
          r="Sorry. Fresh ones: Hadda Coalbrow, Ysolt Anvilmark, Brannoc Grell, Tesk Ironwhistle, Mordag Vell, "
            "Kettra Fume, Ulm Rask, Dovra Stone-Ear, Gethin Clay, Isk Harrowhand.",
          s=["Ysolt Anvilmark. done, that's her", "ooh Kettra Fume is great"],
          n=[("oh and she's a woman btw, should have said", "Then some that suit her: Hadda Coalbrow, Kettra Fume, Dovra Stone-Ear, Ysolt Anvilmark.", 1),
             ("what would the forge be called", "Something plain and local: 'The Coalbrow Works' or 'Anvilmark's at the Ford'.")]),
        T("rewrite my opening line so it's creepier: 'The house at the end of the street had been empty for years.'",
          "Nobody had lived in the house at the end of the street for years, but someone kept the porch light on.",
          s=["ooh the porch light. yes", "that's exactly the creepy I wanted"],
          n=[("should I keep it in past tense for the whole story?", "Past tense is the safe default; switch only for a deliberate effect."),
             ("can you do the same again for my closing line?", "Sure, paste the closing line and I'll rework it the same way.")]),
        T("write a chorus for a breakup song, country, 4 lines, no clichés about trucks or whiskey",
          "I poured the whiskey down the drain\nyour name still rattling in my brain\nI drove your pickup to the county line\nand left the keys and your goodbye behind",
          d=["the first line literally has whiskey in it",
             "I said no trucks or whiskey and you managed both",
             "why is there a pickup in line 3?"],
          r="Sorry! Without them:\nYou left the porch swing moving\nlike you'd be back by noon\nI've been keeping your side warm\nfor a ghost since June",
          s=["porch swing, love it, much better", "'a ghost since June' hurts in the best way"],
          n=[("what chord progression would fit that?", "I-V-vi-IV in G (G-D-Em-C) is classic country and fits the rhythm.", 1)]),
        T("my story ends with the lighthouse keeper deciding to stay. can you write the last paragraph, keep my ending, about 100 words",
          "...He folded the letter from the mainland, climbed down the hundred and twelve steps one last time, and stepped onto the supply boat without looking back.",
          d=["why did you change the ending? he stays",
             "he's supposed to stay. that's the whole point of the story",
             "you had him get on the boat?? no"],
          r="Sorry, with him staying: ...He folded the letter from the mainland into a paper boat and set it on the tide. "
            "Then he climbed the hundred and twelve steps, wiped the salt from the glass, and lit the lamp as he had every night for thirty years.",
          s=["yes that's the ending I wanted, thank you", "the paper boat is perfect"],
          n=[("should the last line be dialogue or description?", "Description usually lands quieter; dialogue works if his voice matters most."),
             ("is 'a hundred and twelve' better than '112' in prose?", "Yes, spell it out in fiction.")]),
    ],
    dsat=["eh. that's not really what I was going for",
          "hmm, I don't buy that",
          "that's not really what I asked",
          "I don't think that's right tbh",
          "you're overexplaining it"],
    dsat_out=["this is so generic, it could be about anything",
              "the tone is off for what I described",
              "that's a bit bland tbh"],
    still=["still reads like a greeting card", "closer but it's lost the voice now", "now it's too dark, lol"],
    same=["this is the same thing with three words swapped"],
    quit=["ok I'll just write it myself", "never mind, I'm going to scrap this idea"],
    sat=["perfect, thank you", "good advice, thanks", "ha, that's helpful", "ok that makes sense"],
    fixed=["oh I love this", "yes!! this is the vibe", "that last line gave me chills", "ok this is really good, keeping it"],
    nei=[("do you think second person works for short fiction or is it gimmicky?", "It can work when the 'you' is a real character; it's tiring over long pieces."),
         ("different thing: what rhymes with orange, seriously", "No perfect rhyme; near rhymes include 'door hinge' and 'sporange'."),
         ("any tips for getting past writer's block? asking for me", "Lower the bar: write a deliberately bad page, or a scene out of order."),
         ("is it weird to write in present tense", "Not at all; it's common in literary and YA fiction."),
         ("not sure if this is a dumb question but is it 'lay' or 'lie' down", "'Lie down' (no object). You 'lay' something down.")],
    leave=["ok I'm going to go write, bye", "gotta go, will pick this up tomorrow"],
    ack=["So glad you like it!", "Happy writing!", "Great, glad it fits."],
    sorry=["Fair point. Here's another take:", "Sorry, let me try again with that in mind:"],
    sorry2=["Let me try a different direction:", "Sorry. A fresh attempt:"],
    bye=["Fair enough, good luck with it!"],
    byeok=["Have fun writing!", "See you then."],
)

# ---------------------------------------------------------------------------------------
# understated: British-style understatement and politeness
# ---------------------------------------------------------------------------------------
style(
    "understated",
    "British-style understatement and politeness: complaints and praise both muted",
    (1.2, 1.0, 1.0),
    [
        T("What's the quickest way from London to Edinburgh by train, and roughly how long does it take?",
          "Take a train from Euston to Manchester Piccadilly and change there for Edinburgh. It takes about 7 hours.",
          d=["Hmm, I was under the impression the direct ones were nearer four and a half hours.",
             "I'm not sure Manchester is on the way, strictly speaking.",
             "Isn't there a direct service from King's Cross?"],
          r="You're right, apologies. LNER runs direct from King's Cross to Edinburgh Waverley; the fastest take about 4 hours 20.",
          s=["Ah yes, that rings a bell. Thank you.",
             ("Super. And is it cheaper to book ahead?", "Yes, Advance fares are much cheaper and are usually released about 12 weeks before travel.")],
          n=[("Is there a quiet coach, do you know?", "Yes, LNER trains have a quiet coach; the coach letter is shown on your booking.", 1)]),
        T("Could you tidy up my cover letter opening? It feels a bit stiff: 'I am writing to apply for the position of Archivist advertised on your website.'",
          "I am absolutely THRILLED to throw my hat in the ring for the Archivist role! Archives are my lifelong passion and I can't wait to bring my energy to your amazing team!",
          d=["Gosh. That's rather more enthusiastic than I'd normally be.",
             "I'm not sure 'passionate' is quite me.",
             "I think I'd rather not sound like I'm selling double glazing."],
          r="Fair enough. A calmer version: 'I'd like to apply for the Archivist post advertised on your website. "
            "For the past six years I have catalogued parish records at...'",
          s=["That's much more like it.", "Yes, I could say that without blushing."],
          n=[("Should I mention I'm moving to the area, or is that irrelevant?", "Worth one line: it answers why you're applying from elsewhere.", 1)]),
        T("When should I prune my roses? They're climbers, against a south wall.",
          "Prune climbers in late autumn or winter, once they're dormant: cut side shoots back to two or three buds and tie in the long stems horizontally.",
          s=["Jolly good, that's what I'd half remembered.", "Very helpful, thank you."],
          n=[("And should I be feeding them at all?", "Yes, a rose feed in spring and again after the first flush of flowers."),
             ("Not to worry if you don't know, but is it too late to plant a new one this year?", "Bare-root roses go in from November to March, so it's not too late.")]),
        T("Who was Prime Minister when the NHS was founded?",
          "Winston Churchill was Prime Minister when the NHS was founded in 1948.",
          d=["Hmm, I rather thought it was Attlee.",
             "Wasn't Churchill out of office by 1948?"],
          r="You're quite right, apologies. It was Clement Attlee; the NHS was founded on 5 July 1948 under his Labour government.",
          s=["Yes, that's the one. Thank you."],
          n=[("And who was the health minister behind it?", "Aneurin Bevan.", 1)]),
        T("I'm doing a fish pie for six on Saturday. What would you serve alongside?",
          "Buttered peas or green beans, a sharp green salad, and some crusty bread. A dry white such as a Muscadet would go well.",
          s=["Peas it is. Lovely, thanks.",
             ("Perfect. Pudding next, something light?", "A lemon posset: make it the day before, and it's light after a rich pie.")],
          n=[("One of them is vegetarian, which I should have said.", "Then a small leek and cheese pie alongside would do nicely."),
             ("Can the pie be made the day before?", "Yes, assemble it, keep it covered in the fridge, and add 10 to 15 minutes to the baking.")]),
    ],
    dsat=["Hmm, I'm not sure that's quite right.",
          "That's not quite what I was after, I'm afraid.",
          "I think that might have missed the point slightly.",
          "I wonder if that's a little off the mark.",
          "Right. I'm not entirely convinced, to be honest.",
          "I'm not sure that quite answers what I asked."],
    still=["Still not quite there, I'm afraid.", "Closer, but not quite, sadly.", "I'm afraid that's still not right."],
    same=["That's rather similar to the last one, isn't it?", "Hmm. I think we've gone round in a circle."],
    quit=["Never mind, I'll muddle through on my own. Thanks anyway.", "Let's leave it there, I think. I'll sort it out myself."],
    sat=["Lovely, that's just the ticket.", "Oh, that's rather good actually.", "Brilliant, thank you very much.",
         "That'll do nicely, thanks.", "Not bad at all.", "Splendid.", "Can't complain, that's spot on."],
    fixed=["Ah, that's more like it.", "Yes, I think that's got it."],
    nei=[("Unrelated, but do you know roughly when the clocks go back this year?", "In the UK the clocks go back on the last Sunday of October."),
         ("I'll have a think about it over a cup of tea.", "Of course, take your time."),
         ("By the way, how does one pronounce 'quinoa'? I've been saying it wrong for years.", "KEEN-wah."),
         ("While I think of it, is it 'fewer' or 'less' for people?", "'Fewer people', since people are countable."),
         ("Sorry to bother you again, but what's the best way to get red wine out of a carpet?", "Blot, don't rub; then dab with cold water and a little washing-up liquid, or sprinkle salt to draw it out.")],
    leave=["Right, I'd better get on with my day.", "I'll leave it there for today."],
    ack=["You're welcome.", "Glad to help.", "Not at all, enjoy."],
    sorry=["Apologies, let me have another go.", "Sorry, I'll try that again."],
    sorry2=["Sorry, let me take a different tack.", "Apologies, another attempt:"],
    bye=["Of course. Sorry I couldn't be more help."],
    byeok=["Of course, all the best.", "Right you are."],
)

# ---------------------------------------------------------------------------------------
# passive: passive-aggressive and sarcastic users
# ---------------------------------------------------------------------------------------
style(
    "passive",
    "passive-aggressive or sarcastic users; approval is grudging",
    (1.4, 0.8, 0.9),
    [
        T("printer says it's offline but it's literally right next to me and on. windows 11, HP",
          "Make sure the printer is plugged in and turned on, and that it has paper.",
          d=["oh wow, plug it in. why didn't I think of that",
             "yes, it is on. I said it's on. in the first message.",
             "groundbreaking advice. it's been plugged in since 2019"],
          r="Sorry. Try Settings > Bluetooth & devices > Printers > your HP > open the queue and untick 'Use printer offline'. "
            "If it's on wifi, remove and re-add the printer.",
          g=["there is no 'use printer offline' option. great."],
          r2="On some builds it's in the old queue window: open the queue, click 'Printer' in the menu bar, untick 'Use Printer Offline'. Otherwise run HP Smart's diagnose tool.",
          s=["well look at that, it printed. only took 40 minutes", "ok it's online. fine. thank you."],
          n=[("why does it keep doing this though, is it the wifi", "Often yes: the printer gets a new IP address from the router. Reserving an IP for it stops that.", 1)]),
        T("need a dinner idea, I have chicken, rice and a sad looking pepper. nothing fancy",
          "How about a quick paella? Brown chorizo, add saffron-infused stock, bomba rice, chicken and peas, and finish with lemon.",
          d=["right, let me just pop out for saffron",
             "I said chicken, rice and a pepper. where's the chorizo coming from, my imagination?",
             "'nothing fancy' and you went with paella. sure."],
          r="Fair. Simple version: fry the chicken in chunks, add the sliced pepper, stir in cooked rice and a splash of soy sauce. 20 minutes.",
          s=["ok that's edible. fine.", "made it. it was actually good. annoying."],
          n=[("can I use leftover rice for that", "Yes, cold leftover rice is actually best for frying.")]),
        T("write a reply to my coworker who keeps cc'ing my manager on everything. keep it professional",
          "Hi Sam, happy to keep working on this with you. For day-to-day questions, could we keep it between us and loop in Priya when a decision is needed? Thanks!",
          s=["ok that's passive aggressive in exactly the right amount, thank you", "chef's kiss honestly"],
          n=[("should I cc my manager on this, lol", "I'd leave your manager off; the point is to move it to a one-to-one conversation."),
             ("and if he does it again after this?", "Then raise it in person or in your next one-to-one with your manager, with a couple of examples.")]),
        T("explain the difference between these three phone plans for me, I don't care about data, just calls",
          "Plan A gives 10 GB of data, Plan B 50 GB with 5G, and Plan C unlimited data with tethering and EU roaming...",
          d=["fascinating stuff about data, which I said I don't care about",
             "so many gigabytes. so little about calls.",
             "did you read the part where I said calls?"],
          r="Sorry, calls only: Plan A has 500 minutes, Plan B unlimited UK calls, Plan C unlimited plus 100 international minutes. "
            "For mostly UK calls, B is cheapest.",
          s=["finally, an answer. B it is."],
          n=[("do any of them do wifi calling?", "Most UK carriers support it on all plans; check your phone model on the carrier's site.", 1)]),
        T("convert 3.5 cups of flour to grams",
          "3.5 cups of flour is about 350 g.",
          d=["350g? my scale disagrees but sure",
             "cool, so my bread's going to be a brick"],
          r="Sorry, that assumed 100 g per cup. Plain flour is about 125 g per cup, so 3.5 cups is about 440 g.",
          s=["440, that's more like it"],
          n=[("is bread flour the same weight per cup", "Close: about 130 g per cup.", 1)]),
    ],
    dsat=["wow, so helpful",
          "cool cool cool. didn't answer my question though",
          "riveting. not what I asked, but riveting",
          "sure, that's one way to completely miss the point",
          "love that for me 🙃",
          "sure, if I lived in 2015",
          "thanks, I guess? that's not even close",
          "incredible. wrong, but incredible"],
    still=["wonderful, still broken", "groundbreaking. same result.", "great, now it's worse"],
    same=["oh look, the same answer again", "ah yes, exactly the same thing with extra words"],
    quit=["you know what, never mind. I'll do it the hard way.", "k. forget it.", "I'll just ask a person, thanks"],
    sat=["fine. that works.", "finally.", "ok that's actually decent, I'll give you that", "about time. thanks.",
         "ok. that's actually useful.", "fine, I'll take it."],
    fixed=["huh. ok, that actually worked", "look at that, it only took three tries"],
    nei=[("while you're here, what's a polite way to say 'per my last email'", "'As mentioned in my previous email' or 'Just following up on the below'."),
         ("anyway. what's a good podcast for a long drive", "'99% Invisible' is easy listening; 'Hardcore History' if you want long episodes."),
         ("not your fault but my landlord still hasn't fixed the heating. can you help me write to him?", "Sure, give me the dates you reported it and I'll draft a short, firm letter."),
         ("unrelated: is it rude to leave a group chat", "Not if you say a quick goodbye first, or mute it instead.")],
    leave=["right, off to my next thrilling meeting", "ok, gotta go"],
    ack=["Glad it helps.", "You're welcome.", "Good to hear."],
    sorry=["Fair, sorry. Let me answer that properly.", "You're right, that missed the point. Here's a direct answer."],
    sorry2=["Sorry, that was the same thing again. Different approach:", "Apologies. Let's try something else."],
    bye=["Understood, sorry about that."],
    byeok=["Good luck with it.", "Sure."],
)

# ---------------------------------------------------------------------------------------
# research: academics, statistics, citations, data analysis
# ---------------------------------------------------------------------------------------
style(
    "research",
    "academics and analysts: statistics, citations, data analysis; precise corrections",
    (1.1, 1.0, 1.0),
    [
        T("I have n=40, mean 12.3, SD 4.1. Compute the 95% confidence interval for the mean.",
          "SE = 4.1/√40 = 0.648. With z = 1.645: 12.3 ± 1.07, so the CI is [11.23, 13.37].",
          d=["That's the 90% interval; you used 1.645.",
             "The CI should be 95%, not 90%.",
             "With n=40 I'd expect t ≈ 2.02, not 1.645.",
             "I meant the 95% interval, as I wrote."],
          r="Apologies. With t(39) = 2.023: 12.3 ± 2.023 × 0.648 = 12.3 ± 1.31, so the 95% CI is [10.99, 13.61].",
          s=["Yes, [10.99, 13.61] matches mine.",
             ("Good. Now n=25 with the same mean and SD.", "t(24) = 2.064, SE = 0.82, so 12.3 ± 1.69 = [10.61, 13.99].")],
          n=[("Would a bootstrap CI be more appropriate if the data are skewed?", "Yes; a BCa bootstrap interval handles skew better than the t interval.", 1)]),
        T("What's the original reference for the Benjamini–Hochberg FDR procedure?",
          "Benjamini, Y., & Hochberg, Y. (1995). Controlling the false discovery rate: a practical and powerful approach to multiple testing. "
          "Journal of the Royal Statistical Society: Series B, 57(1), 289–300.",
          s=["Correct, thanks.",
             ("Great. And the Benjamini–Yekutieli one for dependent tests?", "Benjamini, Y., & Yekutieli, D. (2001). The control of the false discovery rate in multiple testing under dependency. Annals of Statistics, 29(4), 1165–1188.")],
          n=[("Do you have the DOI as well?", "10.1111/j.2517-6161.1995.tb02031.x"),
             ("Is BH valid under positive dependence, or only independence?", "It remains valid under positive regression dependence (PRDS), shown in the 2001 paper.")]),
        T("Two groups, n=12 each, outcome is a single Likert item (1–5). Which test?",
          "Use an independent-samples t-test to compare the group means.",
          d=["It's ordinal data, a t-test isn't appropriate here.",
             "I mentioned it's a single Likert item. Why a t-test?"],
          r="You're right. Use the Mann–Whitney U (Wilcoxon rank-sum) test, and report the median and IQR per group.",
          s=["Yes, that's what I'd planned, just wanted to check."],
          n=[("How should I report the effect size for Mann–Whitney?", "The rank-biserial correlation, or r = Z/√N."),
             ("There are quite a lot of ties, though. Does that matter?", "Use the tie-corrected normal approximation or an exact permutation version; most software applies the correction by default.")]),
        T("In R, how do I get robust (HC3) standard errors for an lm model?",
          "Use `summary(model, robust = TRUE)`.",
          d=["summary.lm has no 'robust' argument; that silently does nothing.",
             "That output is identical to the ordinary SEs.",
             "Where is that argument documented? I can't find it in ?summary.lm"],
          r="Apologies. Use sandwich and lmtest: `coeftest(model, vcov = vcovHC(model, type = \"HC3\"))`.",
          s=["That works, the SEs are larger as expected.", "Good, that's the output I was after."],
          n=[("Is HC3 preferable to HC1 for small samples?", "Yes, HC3 performs better below roughly n = 250 (Long & Ervin, 2000).", 1)]),
        T("Odds ratio 2.5 for smoking on the outcome. Can I write that smokers are 2.5 times as likely to have it?",
          "Yes, an odds ratio of 2.5 means smokers are 2.5 times as likely to have the outcome.",
          d=["No, that's the risk ratio interpretation. The outcome is common here, about 30%.",
             "That's only approximately true when the outcome is rare, which it isn't."],
          r="You're right; with about 30% prevalence the OR overstates the RR. Write 'the odds were 2.5 times higher', or convert using the baseline risk.",
          s=["Right, that's the wording I'll use."],
          n=[("Is there a formula to convert it, given the baseline risk?", "Zhang & Yu (1998): RR = OR / (1 − p0 + p0 × OR).")]),
    ],
    dsat=["That's not correct.",
          "I don't think that's right; do you have a source?",
          "That's an oversimplification.",
          "This is too hand-wavy for a methods section.",
          "That doesn't answer the question I asked.",
          "You've conflated two different things there."],
    still=["Still incorrect.", "You've repeated the same mistake.", "Now the units are wrong."],
    same=["The number hasn't changed from your last answer."],
    quit=["I'll consult the textbook instead.", "Never mind, I'll ask our statistician."],
    sat=["That's correct, thank you.", "That's a clean explanation; I'll use it in my lecture.", "Agreed. Thanks.",
         "Useful, thank you.", "Yes, that's consistent with what I've read."],
    fixed=["Yes, that matches my output in R.", "Right, that's the correct version."],
    nei=[("Separate question: is there a convention for reporting p-values below .001?", "APA style: report p < .001 rather than the exact value."),
         ("What's wrong with stepwise regression, in general terms?", "It inflates Type I error, biases coefficients and gives unstable models; penalised regression is usually preferred."),
         ("I'm reviewing a paper this week. Any advice on writing constructive reviews?", "Summarise the contribution first, separate major from minor issues, and suggest concrete fixes."),
         ("No need to be exhaustive, but what are the main alternatives to Welch's t-test?", "Mann–Whitney for ordinal or skewed data, a permutation test, or a bootstrap CI of the mean difference."),
         ("Unrelated: what's a sensible default for the number of bootstrap resamples?", "2,000 is common for percentile intervals; use 10,000 or more for BCa or small p-values.")],
    leave=["I have a seminar now; I'll come back to this.", "Off to teach. Later."],
    ack=["You're welcome.", "Glad that helps.", "Good to hear."],
    sorry=["Apologies, let me correct that.", "You're right; corrected below."],
    sorry2=["Apologies again. Let me recompute from scratch.", "Sorry, here is a corrected version."],
    bye=["Understood; sorry I couldn't resolve it."],
    byeok=["Of course.", "Good luck with the seminar."],
)

# ---------------------------------------------------------------------------------------
# multilingual: English mixed with Italian, Dutch, Japanese (romaji), Hindi (romanised),
# Polish and Indonesian; some whole turns in one language
# ---------------------------------------------------------------------------------------
style(
    "multilingual",
    "English mixed with Italian, Dutch, Japanese romaji, romanised Hindi, Polish and Indonesian; some turns wholly in one language",
    (1.0, 1.0, 1.0),
    [
        T("scrivimi una mail breve al mio padrone di casa, il riscaldamento non funziona da 3 giorni. in italiano per favore",
          "Dear Mr Rossi, I am writing to let you know that the heating has not been working for three days. Could you please send someone to look at it? Kind regards.",
          lang="it",
          d=["ma l'hai scritta in inglese! ho detto in italiano",
             "il mio padrone di casa non parla inglese 😅",
             "perché in inglese?? serve in italiano"],
          r="Scusa! 'Gentile Sig. Rossi, le scrivo perché il riscaldamento non funziona da tre giorni. Potrebbe mandare un tecnico al più presto? Cordiali saluti.'",
          s=["perfetto così, la mando subito", "grazie, è proprio quello che volevo"],
          n=[("devo mettere anche il numero dell'appartamento?", "Sì, aggiungi il numero dell'appartamento dopo il nome, così è chiaro.", 1)]),
        T("kun je deze zin checken? 'Ik heb gisteren naar de winkel gegaan.' is dat correct?",
          "Yes, that sentence is correct.",
          lang="nl",
          d=["volgens mijn leraar is het 'ben gegaan' en niet 'heb'",
             "weet je het zeker? 'heb gegaan' klinkt raar"],
          r="Sorry, je hebt gelijk: 'Ik ben gisteren naar de winkel gegaan.' Gaan naar een plaats krijgt 'zijn'.",
          s=["aha, logisch. bedankt!",
             ("top, en deze: 'Zij heeft de hele dag gefietst.'", "Die is correct: fietsen zonder bestemming krijgt 'hebben'.")],
          n=[("maar waarom is het dan 'ik heb gefietst' en niet 'ik ben gefietst'?", "Zonder bestemming gebruik je 'hebben'; met bestemming ('naar huis') vaak 'zijn'.")]),
        T("ne, 'otsukaresama desu' tte eigo de nan te iu no? when do I use it",
          "There's no exact English equivalent. It's roughly 'thanks for your hard work' and is said to colleagues when leaving work or after finishing a task together.",
          lang="ja",
          s=["naruhodo! that makes sense, arigatou", "sou nanda, wakatta. thanks!"],
          n=[("jaa, 'gochisousama' wa?", "Said after a meal: roughly 'thank you for the food'."),
             ("ok and to my boss, is just 'otsukare' too casual?", "Yes, use 'otsukaresama desu' with your boss.")]),
        T("mujhe chicken biryani ki recipe chahiye, 8 logon ke liye, not too spicy please",
          "For 8: 1.5 kg chicken, 1 kg basmati, 6 green chillies, 2 tbsp red chilli powder, 1 tbsp garam masala...",
          lang="hi",
          d=["yeh toh bahut teekha hai, maine bola tha not too spicy",
             "6 hari mirch?? bacche bhi kha rahe hain yaar",
             "itni mirch mein toh main bhi nahi kha paunga"],
          r="Sorry! Milder version: 1 green chilli (deseeded), 1 tsp Kashmiri chilli powder just for colour, and extra yoghurt and fried onions.",
          s=["haan ab theek hai, perfect",
             ("badhiya, ab raita bhi bata do", "500 g dahi, grated cucumber, roasted jeera powder, salt and a little mint.")],
          n=[("rice kitni der bhigona hai?", "Soak the basmati for 30 minutes before parboiling.", 1)]),
        T("przetłumacz na angielski: 'Z przyjemnością przyjmę zaproszenie na kolację w piątek.'",
          "I happily accept invitation for the supper on Friday.",
          lang="pl",
          d=["to brzmi dziwnie po angielsku, chyba brakuje 'the'",
             "hmm, 'the supper'? nikt tak nie mówi"],
          r="Sorry, more natural: 'I'd be happy to accept your invitation to dinner on Friday.'",
          s=["o, teraz brzmi naturalnie. dzięki"],
          n=[("a jak to powiedzieć bardziej formalnie, do szefa?", "'I would be delighted to accept your kind invitation to dinner on Friday.'", 1)]),
        T("tolong jelaskan bedanya 'di' sebagai awalan dan 'di' sebagai kata depan, singkat aja",
          "(a long explanation in six paragraphs covering the history of Indonesian affixes, with twenty examples)",
          lang="id",
          d=["kepanjangan, saya minta singkat aja",
             "wah panjang banget, intinya apa?"],
          r="Maaf. Singkatnya: awalan di- ditulis sambung (dimakan, ditulis); kata depan di ditulis pisah dan menunjukkan tempat (di rumah, di sana).",
          s=["nah gitu, jelas. makasih"],
          n=[("terus 'ke' juga sama aturannya?", "Ya: 'ke' sebagai kata depan ditulis pisah (ke pasar).", 1)]),
    ],
    # generic banks per language, keyed by the topic's `lang`
    dsat={"it": ["no no, non è quello che ho chiesto", "mah, non mi torna per niente"],
          "nl": ["hmm dit klopt niet helemaal", "nee, dat bedoelde ik niet"],
          "ja": ["chigau yo, sore ja nai", "un... nanka hen da yo, that's not natural"],
          "hi": ["yeh galat hai yaar", "arre maine kuch aur poocha tha"],
          "pl": ["nie o to mi chodziło", "chyba coś tu się nie zgadza"],
          "id": ["bukan itu maksud saya", "hmm kayaknya salah deh"]},
    still={"it": ["ancora sbagliato", "non va ancora bene"],
           "nl": ["nog steeds fout hoor", "klopt nog steeds niet"],
           "ja": ["mada chigau kedo", "un, mada okashii"],
           "hi": ["abhi bhi same problem hai", "nahi yaar, ab bhi galat hai"],
           "pl": ["nadal źle", "dalej nie tak"],
           "id": ["masih salah", "masih belum bener"]},
    same={"it": ["è uguale a prima"], "nl": ["nog steeds hetzelfde, je zegt gewoon hetzelfde"],
          "ja": ["mada dame desu… same thing"], "hi": ["phir se wahi galti"],
          "pl": ["dalej to samo"], "id": ["masih sama aja kayak tadi"]},
    quit={"it": ["lascia perdere, faccio da solo"], "nl": ["laat maar, ik zoek het zelf wel uit"],
          "ja": ["mou ii ya, jibun de shiraberu"], "hi": ["chhodo, main khud kar lunga"],
          "pl": ["dobra, nieważne, sam to zrobię"], "id": ["udahlah, saya cari sendiri aja"]},
    sat={"it": ["perfetto, grazie mille!", "ottimo, proprio quello che serviva"],
         "nl": ["top, dank je!", "helder, bedankt"],
         "ja": ["arigatou, kore de daijoubu", "sugoi, perfect 🙏"],
         "hi": ["bahut badhiya, thanks yaar", "haan yeh sahi hai, shukriya"],
         "pl": ["super, dzięki!", "o to chodziło, dziękuję"],
         "id": ["mantap, makasih ya", "oke sip, jelas banget"]},
    fixed={"it": ["ecco, adesso sì"], "nl": ["zo klopt het wel"], "ja": ["kondo wa ok! arigatou"],
           "hi": ["haan ab sahi hai"], "pl": ["teraz jest dobrze"], "id": ["nah sekarang bener"]},
    nei={"it": [("btw come si dice 'deadline' in italiano, o si usa deadline e basta?", "Si dice 'scadenza', ma in ufficio 'deadline' è molto comune."),
                ("a proposito, cosa mangio a Bologna se ho solo un giorno?", "Tagliatelle al ragù e tortellini in brodo, e un giro al Mercato di Mezzo.")],
         "nl": [("eh, wat is eigenlijk het verschil tussen 'die' en 'dat'?", "'Die' hoort bij de-woorden en meervoud; 'dat' bij het-woorden."),
                ("trouwens, is 'gezellig' echt onvertaalbaar?", "Vrijwel: het mengt cosy, friendly en convivial; 'cosy' is de gebruikelijke benadering.")],
         "ja": [("by the way, 'yoroshiku onegaishimasu' wa email no saigo ni tsukaeru?", "Yes, it's the standard closing line for work emails."),
                ("ne, osusume no anime aru? something short", "'Odd Taxi' is a clever 13-episode series; 'Mob Psycho 100' is short and fun.")],
         "hi": [("kal mera interview hai, koi quick tips?", "Research the company, prepare 2 or 3 examples using STAR, and have a question ready for them. All the best!"),
                ("accha ek aur baat, office colleagues ko Diwali pe kya gift dein?", "Dry fruits, sweets from a good mithai shop, or scented candles are safe choices.")],
         "pl": [("a tak w ogóle, polecisz jakąś dobrą książkę po angielsku na poziom B1?", "Try 'Holes' by Louis Sachar or 'Wonder' by R. J. Palacio: clear language, good stories."),
                ("a jak się mówi 'smacznego' po angielsku?", "There's no exact equivalent; 'Enjoy your meal' is the closest.")],
         "id": [("ngomong-ngomong, jam berapa di Jakarta kalau di London jam 9 pagi?", "Jakarta (UTC+7) is 6 hours ahead of London in summer and 7 in winter: 15:00 or 16:00."),
                ("eh, rekomendasi makanan khas Bandung dong", "Coba nasi timbel, batagor, dan surabi.")]},
    leave={"it": ["ok devo andare, ciao!"], "nl": ["oké, ik moet gaan. doei"], "ja": ["ja, mata ne"],
           "hi": ["chalo baad mein baat karte hain"], "pl": ["muszę lecieć, na razie"], "id": ["oke, saya cabut dulu ya"]},
    ack={"it": ["Prego!", "Figurati!"], "nl": ["Graag gedaan!"], "ja": ["Dou itashimashite!", "You're welcome!"],
         "hi": ["Koi baat nahi!", "You're welcome!"], "pl": ["Nie ma za co!"], "id": ["Sama-sama!"]},
    sorry={"it": ["Scusa, correggo subito."], "nl": ["Sorry, ik corrigeer het."], "ja": ["Gomen, let me fix that."],
           "hi": ["Sorry, main theek karta hoon."], "pl": ["Przepraszam, poprawiam."], "id": ["Maaf, saya perbaiki."]},
    sorry2={"it": ["Scusa ancora, riprovo con più attenzione."], "nl": ["Sorry, ik probeer het nog een keer."],
            "ja": ["Sumimasen, mou ichido yarimasu."], "hi": ["Sorry, ek baar phir try karta hoon."],
            "pl": ["Przepraszam, spróbuję jeszcze raz."], "id": ["Maaf, saya coba lagi."]},
    bye={"it": ["Mi dispiace di non averti aiutato."], "nl": ["Sorry dat ik niet kon helpen."], "ja": ["Gomen ne, good luck."],
         "hi": ["Sorry, all the best."], "pl": ["Przepraszam, powodzenia."], "id": ["Maaf ya, semoga berhasil."]},
    byeok={"it": ["Ciao!"], "nl": ["Doei!"], "ja": ["Mata ne!"], "hi": ["Bye!"], "pl": ["Na razie!"], "id": ["Oke, sampai nanti!"]},
)

# ---------------------------------------------------------------------------------------
# shopping: travel, shopping, recipes, home repair; symptoms of a failed answer
# ---------------------------------------------------------------------------------------
style(
    "shopping",
    "travel, shopping, recipes and home repair; users report what happened when they tried the answer",
    (1.1, 1.0, 1.0),
    [
        T("I need a simple vanilla sponge recipe for a 20cm tin",
          "200 g butter, 200 g sugar, 4 eggs, 200 g self-raising flour, 2 tsp baking powder, 2 tbsp milk. Bake at 220°C for 15 minutes.",
          d=["made it and the cake sank in the middle",
             "the top burned and the middle was raw",
             "220 seemed hot but I trusted you. it's black on top"],
          r="Sorry, that temperature was wrong. Bake at 180°C (160°C fan) for 25 to 30 minutes, and don't open the oven in the first 20 minutes.",
          g=["tried again at 180, it still dipped a bit in the centre"],
          r2="Then it's probably slightly underbaked or has too much raising agent. Use 1 tsp baking powder, not 2, and check with a skewer before taking it out.",
          s=["second attempt came out perfect, thank you!", "rose beautifully this time"],
          n=[("can I freeze it before icing?", "Yes, wrap it well; it keeps for up to 3 months.", 1),
             ("could I do it as cupcakes instead", "Yes: about 18 minutes at 180°C in paper cases makes around 12.")]),
        T("my kitchen tap is dripping from the spout even when it's off. single lever mixer",
          "You need to replace the washer: turn off the water, unscrew the tap head and swap the rubber washer at the bottom of the spindle.",
          d=["there's no washer in this one, it's a cartridge",
             "took it apart, there's no rubber washer like you described",
             "that's for old two-handle taps, mine is a single lever like I said"],
          r="Sorry. Single-lever mixers use a ceramic cartridge. Turn off the water under the sink, remove the lever, unscrew the cartridge nut "
            "and take the cartridge to a plumbing shop to match it.",
          g=["replaced the cartridge, it's still dripping", "new cartridge in and it's still leaking"],
          r2="Check the small rubber seals at the base of the cartridge; if they're damaged or out of place it will drip. Also make sure the nut is fully tight.",
          s=["no more drips, finally", "dry as a bone now. thank you", "not a single drip since yesterday. cheers"],
          n=[("do I need to turn off the water at the mains or is under the sink enough", "The isolation valves under the sink are enough if they close fully.", 1)]),
        T("3 days in Lisbon in March, what should we not miss? we don't like museums much",
          "Wander Alfama, ride tram 28, have pastéis de nata in Belém, take a day trip to Sintra, browse LX Factory, and catch sunset at a miradouro.",
          s=["great list, exactly our kind of thing",
             ("perfect. where should we stay for that?", "Baixa or Chiado: central, walkable and close to the trams.")],
          n=[("is March rainy there?", "It can be; expect some showers and about 15 to 18°C."),
             ("when I said we I meant me and my parents, they're in their 70s. still ok?", "Yes; skip the steep Alfama climbs on foot and use tram 28 or taxis for the hills. Sintra is fine by bus and tuk-tuk."),
             ("oh we'll have a 2 year old with us, is Sintra doable?", "Yes, but take the 434 bus up rather than walking, and bring a carrier rather than a pushchair.")]),
        T("recommend a budget robot vacuum under $200 that works with pet hair",
          "The Roboclean X5 Pro ($149) is a great choice: strong suction, tangle-free brush and a big bin.",
          d=["the store says that model doesn't exist",
             "googled the Roboclean X5 Pro, nothing comes up",
             "is that a real product? I can't find it anywhere"],
          r="Sorry about that. I can't check live stock or prices, so rather than a model name: look for a rubber (not bristle) main brush, "
            "at least 2000 Pa suction and a bin over 0.5 L, and filter by those on the store's site.",
          s=["found one with a rubber brush for $179, ordered", "ok that helps, filtered and got it down to two"],
          n=[("do those even work on thick rugs", "Most budget ones struggle on deep pile; they're fine on low rugs.", 1)]),
        T("how much paint do I need for a room 4m x 3.5m, 2.5m high, two coats",
          "The room is 14 m², so two coats is 28 m². At 12 m² per litre you need about 2.5 litres.",
          d=["that's just the floor, I'm painting the walls",
             "2.5 litres for two coats on four walls? no way",
             "I ran out halfway through the first wall",
             "I meant the walls obviously, who paints a floor with two coats of emulsion"],
          r="Sorry, that was the floor. Walls: perimeter 15 m × 2.5 m = 37.5 m², minus about 4 m² for the door and window, so about 33.5 m². "
            "Two coats is about 67 m²; at 12 m² per litre that's about 5.6 L, so a 5 L tin plus a 1 L, or 7.5 L.",
          s=["bought the 7.5L, had a bit left over. spot on"],
          n=[("do I need primer on old magnolia walls?", "Not usually on sound, previously painted walls; a light sand and a wipe is enough.", 1)]),
    ],
    dsat=["That doesn't answer my question at all.",
          "This is generic advice I could've found on the box.",
          "none of that applies to my situation",
          "hmm, that's not right, I'm pretty sure",
          "that's way more complicated than it needs to be"],
    still=["tried it, same result", "nope, same problem as before", "still not right."],
    same=["that's the same thing you said the first time"],
    quit=["forget it, I'm calling a plumber", "never mind, I'll just ask at the store"],
    sat=["great tip, thanks", "ok that's really helpful", "nice, that's sorted then", "good to know, thanks"],
    fixed=["that worked, thank you!", "perfect, ordered it"],
    nei=[("how long do leftovers keep in the fridge, generally?", "Usually 3 to 4 days for cooked leftovers."),
         ("no rush, but can you also suggest a basic toolkit for a first flat?", "Screwdrivers, a hammer, tape measure, pliers, hex keys and a spirit level cover most jobs."),
         ("what's a normal tip in the US these days", "18 to 20% at sit-down restaurants is standard."),
         ("oh no, I forgot to ask: do I need to preheat the oven for frozen pizza?", "Yes, preheat fully; most frozen pizzas say 200 to 220°C."),
         ("unrelated, is it cheaper to fly on a Tuesday or is that a myth", "Midweek is often a bit cheaper, but it varies by route; compare flexible dates.")],
    leave=["ok heading to the store now", "gotta run, the kids are home"],
    ack=["Great, glad that helps!", "Enjoy!", "Good to hear."],
    sorry=["Sorry about that. Let's try something else.", "Apologies, here's a better answer."],
    sorry2=["Sorry it's still not right. Next thing to check:", "Let's look at it another way."],
    bye=["Sorry I couldn't fix it. A professional should sort it quickly."],
    byeok=["Good luck!", "Have a good one."],
)

# ---------------------------------------------------------------------------------------
# teen: emoji-heavy, slang, abbreviations
# ---------------------------------------------------------------------------------------
style(
    "teen",
    "teenagers: emoji, slang and abbreviations ('bruh', 'fr', 'ngl', '💀', 'mid')",
    (1.0, 1.1, 1.0),
    [
        T("need a caption for my beach pic w my friends, short and not cringe",
          "Sun, sand, and squad goals! 🌊☀️ #BestDayEver #BeachVibes #FriendshipGoals",
          d=["squad goals?? 💀 its not 2016",
             "the hashtags are so cringe omg",
             "nah i said not cringe and u gave me #FriendshipGoals"],
          r="fair 😭 try: 'salt in our hair, sand in the car' or just '🌊'",
          s=["salt in the car one is so good omg", "ok the 🌊 alone is actually a vibe"],
          n=[("should i post it rn or wait till like 7", "Evenings tend to get more views, so around 7 is a good bet.", 1)]),
        T("explain the french revolution in like 3 sentences i have a quiz tmr",
          "The French Revolution (1789–1799) was a period of radical political and societal change in France... (three long paragraphs)",
          d=["bro i said 3 SENTENCES 😭",
             "this is an essay i cant read all this rn",
             "u wrote a whole textbook page 💀"],
          r="sorry! 1) France was broke and regular people paid most of the taxes while nobles didn't. 2) In 1789 people stormed the Bastille "
            "and later overthrew the king. 3) It led to the Terror and eventually Napoleon.",
          s=["ok perfect i can memorize that",
             ("bet, now do the russian revolution same way", "1) Russia was losing WW1 and people were starving. 2) In 1917 the Tsar was overthrown and the Bolsheviks took power. 3) That led to civil war and the USSR.")],
          n=[("wait who was the king again", "Louis XVI.", 1)]),
        T("how do i text my crush without it being weird, we have chem together",
          "Keep it low-pressure and about something you share: ask about the chem homework or the next test, then see where it goes.",
          s=["omg thats actually smart", "ok im doing it 😳"],
          n=[("what if they leave me on read tho", "Then it's not on you. Give it a day and don't double text right away."),
             ("lol not gonna lie im scared", "Totally normal! Keep it simple.")]),
        T("whats the best starter pokemon in scarlet",
          "Bulbasaur is the best pick: strong early against the first gyms, and Venusaur is solid late game.",
          d=["thats not even the right game lol",
             "bulbasaur isnt a scarlet starter 💀",
             "bro what, bulbasaur?? i said scarlet",
             "ok but which one do i pick in SCARLET"],
          r="my bad! Scarlet starters are Sprigatito, Fuecoco and Quaxly. Fuecoco is the easiest early game.",
          s=["fuecoco gang 🔥 ty"],
          n=[("does it evolve at like level 16", "Yep, Fuecoco evolves into Crocalor at level 16.")]),
        T("is a black hoodie w grey sweats ok for a first day at a new school or is that mid",
          "That's a safe, comfortable pick. Clean white sneakers make it look put together.",
          s=["ok valid", "ty that helps lol"],
          n=[("should i wear my airpods or is that rude", "Take them out in class and when people talk to you; hallways are fine."),
             ("no but like should i bring a backpack or a tote", "Backpack for the first day; you'll probably get a pile of books.")]),
    ],
    dsat=["bruh that's not it 💀",
          "ngl that's kinda mid",
          "u lowkey ignored what i said",
          "nah thats wrong my teacher said the opposite",
          "wait that makes no sense"],
    dsat_out=["nah this is cringe", "who says that 😭"],
    still=["still mid tbh", "nope still cringe", "worse somehow 💀"],
    same=["bro it's the same thing 😭"],
    quit=["ok im done lol", "nvm ill ask my sister"],
    sat=["yooo this is fire 🔥", "ok ur goated fr", "W", "this slaps ngl", "tysm 😭🙏", "ok bet that works",
         "not gonna lie thats actually helpful"],
    fixed=["ok NOW we're talking", "finally lmao ty"],
    nei=[("lowkey what should i eat rn", "Something quick: toast with peanut butter and a banana, or noodles with an egg."),
         ("can u recommend a show to binge this weekend", "For mystery and comedy: 'Only Murders in the Building'. For animation: 'Arcane'."),
         ("wait how old do u have to be to work at like a cafe", "It depends on where you live; often 14 to 16, with limits on hours."),
         ("no cap whats a good gift for my moms bday under 20 bucks", "A nice candle, a framed photo of you two, or her favourite snacks in a little basket."),
         ("random but whats the time difference w korea", "Korea is UTC+9: 8 or 9 hours ahead of the UK, 13 or 14 ahead of New York.")],
    leave=["gtg my mom's calling 💀", "brb", "ok logging off"],
    ack=["yay glad it helped!", "ofc!", "🙌"],
    sorry=["sorry! let me try again:", "my bad, here's a better one:"],
    sorry2=["ok different approach:", "sorry, let me try something totally different:"],
    bye=["fair, good luck!"],
    byeok=["ok later!", "👋"],
)

# ---------------------------------------------------------------------------------------
# business: workplace emails, spreadsheets, reports; formal but curt
# ---------------------------------------------------------------------------------------
style(
    "business",
    "workplace emails, spreadsheets, reports and memos; formal but curt",
    (1.1, 1.0, 1.0),
    [
        T("Draft a short email declining a vendor proposal. Polite, under 80 words.",
          "(a 180-word email with three paragraphs thanking the vendor, explaining the evaluation process and inviting future bids)",
          d=["That's well over 80 words.",
             "I said under 80.",
             "Cut it by half at least. It's a decline, not a letter of recommendation.",
             "I meant under 80 words in total, including the greeting."],
          r="Revised (58 words): 'Dear Ms Hart, thank you for your proposal and the time your team put into it. After careful review, we have decided "
            "not to proceed at this stage. We appreciated the clarity of your submission and will keep your details on file. Kind regards, ...'",
          s=["Length is right now. Sent.", "Good, that's the tone I wanted."],
          n=[("Should I cc procurement?", "Yes, if they took part in the evaluation; it keeps the record complete.", 1)]),
        T("Excel formula: look up the price from Sheet2 (col A product code, col B price) for the code in A2.",
          "=VLOOKUP(A2,Sheet2!B:A,2,FALSE)",
          d=["Formula gives #N/A on every row.",
             "That returns #N/A, and the codes are definitely there.",
             "Your range is backwards. B:A?"],
          r="Sorry, the range was reversed. Use =VLOOKUP(A2,Sheet2!A:B,2,FALSE), or =XLOOKUP(A2,Sheet2!A:A,Sheet2!B:B).",
          g=["Still #N/A for about a third of the rows."],
          r2="Probably numbers stored as text on one sheet. Convert both columns with Data > Text to Columns, or use =XLOOKUP(A2&\"\",Sheet2!A:A&\"\",Sheet2!B:B).",
          s=["Works. All rows populated.",
             ("Good. Now sum the prices for codes starting with 'EU'.", "=SUMIF(A:A,\"EU*\",C:C), assuming the looked-up prices are in column C.")],
          n=[("Is XLOOKUP available in Excel 2016?", "No, it needs Microsoft 365 or Excel 2021 or later.", 1)]),
        T("Summarise Q3 results for the board in 3 bullets: revenue 4.2M (+8%), churn 3.1% (down from 3.6%), two new enterprise clients.",
          "- Revenue of 4.2M, up 8%\n- Churn improved to 3.1% from 3.6%\n- Two new enterprise clients signed",
          s=["Good, that's board-ready.", "Exactly what I needed."],
          n=[("Should I add a bullet for risks?", "A fourth line on risks is common for boards; keep it to one sentence."),
             ("By 'board' I mean the advisory board, by the way; they're less formal. Does that change anything?", "Slightly: you can drop the formal framing and add one line of context per bullet."),
             ("The +8% is year on year, by the way. Should that be in the bullet?", "Yes, say it: 'Revenue of 4.2M, up 8% year on year'. Boards will ask otherwise.")]),
        T("Create a 30-minute agenda for a project kickoff, 5 attendees.",
          "Introductions (10 min), Goals and scope (15 min), Timeline (15 min), Roles (10 min), Risks (5 min), Next steps (5 min).",
          d=["That adds up to an hour.",
             "The times total 60 minutes. It's a 30-minute slot.",
             "Did you add those up?"],
          r="Apologies: Introductions 3, Goals and scope 7, Timeline 7, Roles 5, Risks 5, Next steps 3 = 30 minutes.",
          s=["Adds up now. Thanks."],
          n=[("Who should own the risks item, typically?", "Usually the project manager, with input from the technical lead.", 1)]),
        T("Reword this for an all-staff memo: 'Effective immediately, no more WFH on Fridays.'",
          "Hey team! 👋 Quick heads-up: we're saying bye-bye to WFH Fridays 😅 See you all in the office!",
          d=["It's an all-staff memo. No emojis.",
             "Too chatty. This goes to 300 people.",
             "This reads like a group chat. Formal, please."],
          r="Revised: 'From 1 July, all staff are asked to work on site on Fridays. Please speak with your manager about any exceptions.'",
          s=["Better. Use that.", "Fine. That's usable."],
          n=[("Should HR send it or the CEO?", "For a policy change, usually HR, mentioning the leadership decision.", 1)]),
    ],
    dsat=["This doesn't address the question.",
          "That's not our process.",
          "Please stop adding disclaimers.",
          "That's not accurate.",
          "That's not what I asked."],
    dsat_out=["The tone is too casual for a client.", "Bullets, please. Not prose."],
    still=["Still too long.", "Same issue as before.", "Still not right."],
    same=["This is effectively unchanged."],
    quit=["I'll draft it myself.", "Never mind. Will handle it."],
    sat=["That works, thanks.", "Fine, that'll do.", "Perfect, exactly what I needed.", "Great, thank you.", "Helpful. Thanks."],
    fixed=["Good. Sending.", "Correct now.", "No further changes needed."],
    nei=[("Separate question: a reasonable out-of-office message for two weeks?", "'I'm out of the office until [date] with limited access to email. For urgent matters please contact [name].'"),
         ("'Kind regards' or 'Best regards' for a first contact?", "Both are fine; 'Kind regards' is slightly warmer."),
         ("No rush on this, but can you also list three KPIs for a support team?", "First response time, resolution time and customer satisfaction (CSAT)."),
         ("Different topic: how do I freeze the top row in Excel?", "View > Freeze Panes > Freeze Top Row."),
         ("Not for now, but remind me later: what's the shortcut to paste values only?", "Ctrl+Alt+V, then V, then Enter. (I can't set reminders, though.)")],
    leave=["Meeting starting. Later.", "That's all for now."],
    ack=["You're welcome.", "Glad that works.", "Noted."],
    sorry=["Apologies. Revised below.", "Understood, corrected version:"],
    sorry2=["Apologies. Another revision:", "Understood. Reworked below:"],
    bye=["Understood."],
    byeok=["Of course.", "Good luck with the meeting."],
)

# ---------------------------------------------------------------------------------------
# combining the banks
# ---------------------------------------------------------------------------------------
# What may follow each state, with base weights. States:
#   flawed   after a deliberately flawed first answer
#   pending  the flawed first answer was followed by a neutral turn and is still unaddressed
#   ok       after a sound first answer
#   revised  after the topic's revision (a topic complaint was answered)
#   revised2 after a second revision
#   gfixed   after a stock apology to a generic complaint
#   answered after an answer to a neutral follow-up
#   moved    after the next item of an "accept and move on"
#   acked    after a stock acknowledgement of thanks: only neutral turns follow
MOVES = {
    "flawed": [("dsat_topic", 0.70), ("nei_early", 0.30)],
    "pending": [("dsat_topic", 0.80), ("nei_early", 0.20)],
    "ok": [("sat_topic", 0.50), ("nei_topic", 0.33), ("dsat_gen", 0.17)],
    "revised": [("sat_topic", 0.56), ("dsat_again", 0.24), ("nei_topic", 0.20)],
    "revised2": [("sat_any", 0.50), ("dsat_still", 0.20), ("nei_topic", 0.30)],
    "gfixed": [("sat_gen", 0.50), ("dsat_still", 0.20), ("nei_any", 0.30)],
    "answered": [("sat_gen", 0.45), ("dsat_gen", 0.27), ("nei_any", 0.28)],
    "moved": [("sat_gen", 0.45), ("dsat_gen", 0.27), ("nei_any", 0.28)],
    "acked": [("nei_any", 1.0)],
}
LABEL_OF = {"dsat_topic": "dsat", "dsat_again": "dsat", "dsat_still": "dsat", "dsat_gen": "dsat", "quit": "dsat",
            "sat_topic": "sat", "sat_gen": "sat", "sat_any": "sat",
            "nei_topic": "neither", "nei_any": "neither", "nei_early": "neither", "leave": "neither"}
LABELS = ("dsat", "sat", "neither")
FALLBACK = ["nei_any", "sat_gen", "dsat_gen"]
ALT = {"nei_topic": "nei_any", "sat_topic": "sat_gen", "dsat_again": "dsat_still", "sat_any": "sat_gen"}
END = "end"
FALLBACKS = Counter()  # (state, wanted source, used source) when the wanted bank was used up


def gen(st, key, tp):
    """A style's generic bank; multilingual banks are keyed by the topic's language."""
    v = st.get(key, [])
    if isinstance(v, dict):
        return v.get(tp["lang"], [])
    return v


def candidates(src, st, tp, prev_state, rng, stock_prev=False, flaw_open=False):
    """(user text, assistant reply, next state) options for one source."""
    out = []
    if src == "dsat_topic":
        out = [(x, tp["rev"], "revised") for x in tp["dsat"]]
    elif src in ("dsat_again", "dsat_still"):
        use_rev2 = prev_state == "revised" and tp["rev2"]
        pool = (tp["again"] if (src == "dsat_again" and prev_state == "revised") else []) + gen(st, "still", tp)
        if stock_prev:
            # "that's the same thing again" only fits after a stock reply that changed nothing visible
            pool = pool + gen(st, "same", tp)
        out = [(x, tp["rev2"] if use_rev2 else rng.choice(gen(st, "sorry2", tp)), "revised2") for x in pool]
    elif src == "dsat_gen":
        pool = gen(st, "dsat", tp)
        if prev_state in ("ok", "moved"):
            # complaints about a piece of writing only fit right after one
            pool = pool + gen(st, "dsat_out", tp)
        out = [(x, rng.choice(gen(st, "sorry", tp)), "gfixed") for x in pool]
    elif src == "quit":
        out = [(x, rng.choice(gen(st, "bye", tp)), END) for x in gen(st, "quit", tp)]
    elif src in ("sat_topic", "sat_gen", "sat_any"):
        pool = tp["sat"] if src != "sat_gen" else []
        if src != "sat_topic":
            pool = pool + gen(st, "sat", tp)
            if prev_state in ("revised2", "gfixed", "moved"):
                # "it works now" kinds of approval only fit right after a fix or a new piece of work
                pool = pool + gen(st, "fixed", tp)
        for x in pool:
            if isinstance(x, tuple):
                out.append((x[0], x[1], "moved"))
            else:
                out.append((x, rng.choice(gen(st, "ack", tp)), "acked"))
    elif src in ("nei_topic", "nei_any"):
        # while a flawed first answer is still unaddressed, only the flagged follow-ups fit
        topic_nei = [x for x in tp["nei"] if len(x) == 3] if flaw_open else tp["nei"]
        pool = topic_nei + (gen(st, "nei", tp) if src == "nei_any" else [])
        out = [(x[0], x[1], "answered") for x in pool]
    elif src == "nei_early":
        # neutral turns that fit right after a flawed first answer: flagged topic follow-ups
        # and unrelated requests; the flaw stays unaddressed
        pool = [x for x in tp["nei"] if len(x) == 3] + gen(st, "nei", tp)
        out = [(x[0], x[1], "pending") for x in pool]
    elif src == "leave":
        out = [(x, rng.choice(gen(st, "byeok", tp)), END) for x in gen(st, "leave", tp)]
    return out


def pick(cands, used, usage, rng):
    ok = [c for c in cands if c[0] not in used and usage[c[0]] < MAX_USE]
    if not ok:
        return None
    low = min(usage[c[0]] for c in ok)
    return rng.choice([c for c in ok if usage[c[0]] == low])


def weighted(rng, items):
    total = sum(w for _, w in items)
    x = rng.random() * total
    for it, w in items:
        x -= w
        if x < 0:
            return it
    return items[-1][0]


def make_conversation(rng, st, tp, n_user, usage):
    msgs = [{"role": "user", "content": tp["open"]}, {"role": "assistant", "content": tp["first"]}]
    labels = []
    used = set()
    state = "flawed" if tp["dsat"] else "ok"
    mult = dict(zip(LABELS, st["mix"]))
    stock_prev = False  # was the last assistant reply a stock phrase rather than topic text?
    flaw_open = bool(tp["dsat"])  # flawed first answer not yet revised
    for k in range(n_user - 1):
        last = k == n_user - 2
        moves = [(s, w * mult[LABEL_OF[s]]) for s, w in MOVES[state]]
        src = weighted(rng, moves)
        order = [src]
        if last and LABEL_OF[src] == "dsat" and src in ("dsat_again", "dsat_still") and rng.random() < 0.45:
            order = ["quit", src]
        elif last and LABEL_OF[src] == "neither" and state not in ("flawed", "pending") and rng.random() < 0.35:
            order = ["leave", src]
        if ALT.get(src):
            order.append(ALT[src])
        order += [s for s, _ in sorted(moves, key=lambda m: -m[1]) if s not in order]
        order += [s for s in FALLBACK if s not in order]
        choice = None
        for s in order:
            choice = pick(candidates(s, st, tp, state, rng, stock_prev, flaw_open), used, usage, rng)
            if choice:
                if s != order[0] and not (s == src and order[0] in ("quit", "leave")):
                    FALLBACKS[(state, order[0], s)] += 1
                src = s
                break
        if choice is None:
            raise SystemExit(f"bank exhausted in style {st['name']}")
        text, reply, nxt = choice
        used.add(text)
        usage[text] += 1
        labels.append({"turn": len(msgs), "label": LABEL_OF[src]})
        msgs.append({"role": "user", "content": text})
        msgs.append({"role": "assistant", "content": reply})
        state = nxt
        stock_prev = src in ("dsat_gen", "dsat_still", "dsat_again") and reply not in (tp["rev"], tp["rev2"])
        if src == "dsat_topic":
            flaw_open = False
        if state == END:
            break
    return msgs, labels


def build():
    rng = random.Random(SEED)
    usage = Counter()
    rows = []
    for name, st in STYLES.items():
        st["name"] = name
        topics = st["topics"]
        plan = list(TURN_PLAN)
        rng.shuffle(plan)
        order = [topics[i % len(topics)] for i in range(len(plan))]
        rng.shuffle(order)
        for i, (tp, n_user) in enumerate(zip(order, plan), 1):
            msgs, labels = make_conversation(rng, st, tp, n_user, usage)
            rows.append({"id": f"{name}-{i}", "style": name, "split": "fresh", "messages": msgs, "labels": labels})
    return rows, usage


def validate(rows):
    ids = set()
    for r in rows:
        assert r["id"] not in ids
        ids.add(r["id"])
        m = r["messages"]
        assert m[0]["role"] == "user" and m[-1]["role"] == "assistant"
        assert all(x["role"] == ("user" if i % 2 == 0 else "assistant") for i, x in enumerate(m))
        n_user = len(m) // 2
        assert 2 <= n_user <= 6, r["id"]
        turns = [l["turn"] for l in r["labels"]]
        assert turns == list(range(2, len(m), 2)), r["id"]
        assert all(l["label"] in LABELS for l in r["labels"])
        texts = [m[t]["content"] for t in turns]
        assert len(texts) == len(set(texts)), r["id"]


def bank_sizes():
    """Count the hand-written user reactions held in the banks, by label."""
    c = Counter()
    seen = set()

    def add(x, label):
        x = x[0] if isinstance(x, tuple) else x
        if x not in seen:
            seen.add(x)
            c[label] += 1

    for st in STYLES.values():
        for tp in st["topics"]:
            for x in tp["dsat"] + tp["again"]:
                add(x, "dsat")
            for x in tp["sat"]:
                add(x, "sat")
            for x in tp["nei"]:
                add(x, "neither")
        for key, label in (("dsat", "dsat"), ("dsat_out", "dsat"), ("still", "dsat"), ("same", "dsat"), ("quit", "dsat"), ("sat", "sat"),
                           ("fixed", "sat"), ("nei", "neither"), ("leave", "neither")):
            v = st.get(key, [])
            for x in (sum(v.values(), []) if isinstance(v, dict) else v):
                add(x, label)
    return c


def report(rows, usage):
    per = defaultdict(Counter)
    by_turns = Counter()
    for r in rows:
        by_turns[len(r["messages"]) // 2] += 1
        for l in r["labels"]:
            per[r["style"]][l["label"]] += 1
    tot = Counter()
    for c in per.values():
        tot.update(c)
    n = sum(tot.values())
    print(f"wrote {len(rows)} conversations, {n} labelled turns to {OUT}")
    print(f"{'style':<14}{'convs':>6}{'dsat':>6}{'sat':>6}{'neither':>9}")
    for name in STYLES:
        c = per[name]
        k = sum(1 for r in rows if r["style"] == name)
        print(f"{name:<14}{k:>6}{c['dsat']:>6}{c['sat']:>6}{c['neither']:>9}")
    print(f"{'all':<14}{len(rows):>6}{tot['dsat']:>6}{tot['sat']:>6}{tot['neither']:>9}")
    print("share: " + ", ".join(f"{l} {100 * tot[l] / n:.1f}%" for l in LABELS))
    print("conversations by user turns: " + ", ".join(f"{k}: {by_turns[k]}" for k in sorted(by_turns)))
    b = bank_sizes()
    print(f"hand-written user reactions in the banks: {sum(b.values())} "
          f"(dsat {b['dsat']}, sat {b['sat']}, neither {b['neither']})")
    print(f"turns where the chosen bank was used up and another was taken: {sum(FALLBACKS.values())}")
    print(f"distinct user reactions in the file: {len(usage)}; most uses of one reaction: {max(usage.values())}")


def main():
    ap = argparse.ArgumentParser(
        description="Combine the hand-written banks in this file into conversations.jsonl "
                    "(fixed seed, same output on every run) and print counts. "
                    "Run without arguments to write the file.")
    ap.parse_args()
    rows, usage = build()
    validate(rows)
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    report(rows, usage)
    print("sha256:", hashlib.sha256(text.encode("utf-8")).hexdigest())


if __name__ == "__main__":
    main()
