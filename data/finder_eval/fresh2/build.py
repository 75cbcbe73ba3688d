#!/usr/bin/env python3
"""Build the fresh2 evaluation set for the dissatisfaction finder.

All user reactions, openings and assistant replies below were written by hand,
each reaction filed under the label it is meant to carry.  The script combines
them with a fixed-seed random.Random into conversations.jsonl next to itself.
Standard library only; the same run always writes the same bytes.
"""
import argparse
import collections
import hashlib
import json
import os
import random
import re
import sys

SEED = 10
PER_STYLE = 20
OUT_NAME = "conversations.jsonl"

# ---------------------------------------------------------------------------
# Bank format (one entry per line, "KEY: text"; "a || b" = user line || reply)
#   generic, per style:
#     GD   dsat that fits any substantive reply
#     GR   dsat after a revision ("still ...", "same again")
#     GX   dsat, giving up; last user turn only || assistant reply
#     GS   sat, plain
#     GN   neither || answer        GNW  neither whose answer carries no content
#     GL   neither, leaving; last user turn only || assistant reply
#     ACK  assistant acknowledgement after a plain sat
#     RETRY assistant reply after a dsat aimed at a follow-up answer or a
#          second revision (asks for details)
#   per topic ("@ name"):
#     U opening request, B flawed first answer, G good first answer,
#     F revision after a complaint about B, F2 second revision,
#     D dsat aimed at the flaw in B, S sat (plain, or "|| reply" when the user
#     accepts and moves to the next item), N neither || answer,
#     NW neither whose answer carries no content
# ---------------------------------------------------------------------------

STYLE_INFO = [
    ("gamer", "video games, builds, patches, settings; slang, caps, gg"),
    ("parent", "parenting, kids' schedules, school notes, baby food; tired, short, typos"),
    ("health", "non-diagnostic wellness, sleep, nutrition, exercise form; worried or precise"),
    ("admin", "forms, visas, taxes, landlords, expense claims; anxious, detail-heavy, deadlines"),
    ("sysadmin", "docker, dns, ssh, cron, nginx, systemd; terse, pasted errors and exit codes"),
    ("music", "chords, transposing, practice plans, theory, gear, lyrics; keen or picky"),
    ("garden", "plants, pests, lawn, compost, houseplants; report outcomes"),
    ("learner", "English learners (Spanish, Chinese, Russian, Arabic); slips, whole turns in L1"),
    ("editor", "journalists, editors, copywriters; word counts, style guides, headlines; dry"),
    ("finance", "budgets, loans, spreadsheets, investing basics; users who check the arithmetic"),
    ("kids", "a child or young teen typing (9-13); simple words, caps, 'ur'"),
    ("polite", "very polite users: Southern US, Indian English, Irish, Australian registers"),
]

BANKS = {}

BANKS["gamer"] = r"""
GD: ngl that doesn't answer what i asked
GD: did you just make that up lol
GD: that's from like an old patch isn't it
GD: that's literally what the wiki says and the wiki is outdated
GD: ???? that's not what i asked
GD: bro no. that's not how it works
GR: same thing happened again
GR: still dying at the exact same spot
GR: bro you just said the same thing with different words
GR: nope. still doesnt work
GR: that's basically your first answer again lmao
GX: forget it ill just watch a youtube guide || Fair enough, sorry I couldn't sort it out. Good luck.
GX: ok im done, this is useless || Sorry about that. If you want another go later, paste your exact setup.
GX: nvm figured it out myself || Glad you got there. Sorry I wasn't more help.
GS: W
GS: goated, ty
GS: ok that's actually big brain
GS: based answer
GS: ez clap, thx
GS: not bad at all
GN: unrelated but is elden ring worth it on sale rn || If you like hard open-world action, yes. At a discount it's a strong pick; the DLC is sold separately.
GN: whats a good headset under 60 bucks || The HyperX Cloud Stinger 2 or Corsair HS55 are both solid at that price.
GN: wait is it wrong to play on easy the first time || Not at all. Play however you enjoy it; you can raise the difficulty later.
GN: what does "meta" even mean lol everyone says it || The most effective strategy or build that most players are using at the moment.
GNW: brb moms calling || No problem, I'll be here.
GNW: lol my cat just walked across the keyboard || Ha, cats love a warm keyboard. Carry on when you're ready.
GL: ok gtg raid starting || Good luck in the raid!
GL: aight im off, gg || GG, have fun!
GL: gonna go test it, cya || Have fun testing!
ACK: GG, happy gaming!
ACK: Glad that helped!
ACK: Nice, enjoy!
ACK: Anytime, good luck.
RETRY: My bad. Tell me your level, class and current gear and I'll redo it properly.
RETRY: Sorry, I got that wrong. Which patch or version are you on? I'll rework it for that.
RETRY: Apologies. Tell me exactly what you've got set up right now and I'll go from there.

@ stardew-summer
U: best crop for money in stardew summer?
B: Strawberries are the best money crop: plant them at the start of the season and harvest every few days.
G: Blueberries: they regrow every 4 days and give several berries per harvest. Once you reach the desert, starfruit beats them.
F: Sorry, strawberries are a spring crop. For summer plant blueberries on day 1, then starfruit once the Oasis is open.
F2: My mistake again. If you can't reach the desert yet: fill the field with blueberries on day 1 and use any spare tiles for hops.
D: strawberries are a spring crop tho
D: i literally said summer
D: the seeds arent even sold in summer??
S: blueberries all over the farm, made 40k this season lets go
S: bet. what about fall tho || For fall, cranberries regrow like blueberries; pumpkins are good for single big sales and the bundles.
S: ok doing that. sprinklers first or a barn? || Sprinklers first. Quality sprinklers save you the daily watering and pay for themselves fast.
N: forgot to say i'm in year 1, no greenhouse yet || That's fine, blueberries don't need it. The greenhouse matters more from year 2.
N: is it wrong to sell everything raw or should i make wine || Raw is fine early. Kegs turn fruit into wine worth about three times as much, so build them once you have oak resin.
N: how many days does a blueberry take again || 13 days for the first harvest, then every 4 days after that.

@ bedrock-iron
U: my iron farm isnt spawning any golems, bedrock edition, 3 villagers 3 beds
B: On Java, golems spawn when villagers panic: put a zombie where the villagers can see it and they'll summon golems.
G: Bedrock works differently from Java: spawning is tied to the village centre, so the beds must be linked and the spawn platform within range. Check each villager has claimed a bed (green particles) and that nothing nearby splits the village.
F: Sorry, that was Java. On Bedrock, link the beds so they count as one village, keep the spawn platform near the village centre, and check the villagers actually claim the beds.
F2: Sorry again. Try breaking and replacing the beds so they relink, and make sure no other beds or bells are within about 100 blocks.
D: im on bedrock tho, i said that
D: the zombie thing did nothing, 0 golems after an hour
D: why are you giving me java mechanics
S: ok rebuilt it around the village center and got 2 golems in 10 min
S: oh the beds weren't linked. works now
S: yep spawning. how do i stop the golems wandering off || Put the spawn platform on a raised floor with hoppers under lava or a drop, so they can't walk out.
N: is there a way to see where the village center is || Not directly in survival. People watch where golems spawn or use an add-on in a test world.
N: also it's on a realm not single player, does that matter || Realms behave like a normal world, but the farm only runs while someone is close enough to keep it loaded.
N: does it still work if im afk in a boat nearby || Yes, as long as you stay within simulation distance.

@ jinx-build
U: whats the jinx build this season, i keep running out of damage
B: Go Galeforce as your Mythic, then Infinity Edge and Runaan's. Mythic first is key.
G: Start Doran's Blade, rush Kraken Slayer or Yun Tal, then boots and Infinity Edge; after that Runaan's for teamfights or Lord Dominik's against tanks.
F: You're right, Mythics are gone. Current core: Kraken Slayer or Yun Tal, boots, Infinity Edge, then Runaan's or Lord Dominik's depending on tanks.
F2: Sorry. Simplest current path: Yun Tal, Berserker's Greaves, Infinity Edge, Runaan's. Swap in Lord Dominik's if they have two tanks.
D: mythics got removed like a year ago
D: galeforce isn't even in the game anymore
D: is this from 2022 or something
S: yun tal first feels so good, 3 wins in a row
S: ok nice, runes tho? || Lethal Tempo, Presence of Mind, Legend: Bloodline and Cut Down; secondary Inspiration for boots and biscuits.
S: ty. what about vs a lot of tanks || Get Lord Dominik's third instead of Runaan's and consider Blade of the Ruined King.
N: i'm support main btw just trying adc for fun || Then keep it simple: same core, play safe in lane and focus on positioning in fights.
N: who counters jinx in lane || Early-pressure lanes like Draven or Lucian with an engage support give her a hard time.
N: what was the name of that boot item again || Berserker's Greaves, the attack speed boots.

@ pc-stutter
U: cyberpunk stutters like crazy since the last patch, rtx 3060, 16gb ram
B: Drop your resolution to 720p and everything to Low.
G: Hitching after a patch is often the shader cache or storage. Clear the NVIDIA shader cache, update the driver, make sure the game is on an SSD, and cap fps a little below your average.
F: Sorry, that was overkill. Hitches with decent fps usually point to shaders or storage: clear the shader cache, keep the game on an SSD and cap fps slightly below your average.
F2: Sorry. Next things to check: close overlays and RGB software, turn off frame generation, and verify the game files in the launcher.
D: 720p?? i'm not playing on a potato
D: i dropped it to 720 and it STILL stutters
D: stutter isnt fps tho, my fps is fine it just hitches
S: moved it to the ssd and the hitching is gone, gg
S: capped at 60 and its smooth. best dlss setting for 1080p? || DLSS Quality looks best at 1080p; use Balanced if you need more frames.
S: cleared cache, way better. should i turn on reflex too || Yes, Reflex On is free latency savings; On + Boost only matters if you're GPU-bound.
N: it's on an external hdd if that matters || It does. External hard drives are slow at streaming assets; an internal SSD will likely help most.
N: how do i even check if im cpu or gpu bound || Watch GPU usage in an overlay: near 99% means GPU-bound; much lower with a busy CPU means CPU-bound.
N: not the game's fault but my fans are loud af, normal? || Under load, yes. If it's loud at idle, clean the dust and check the fan curve.

@ malenia
U: how do i dodge malenias waterfowl dance, i keep getting shredded
B: Just block it with a big greatshield; it's easy to block.
G: Sprint away as soon as she leaps for the first flurry, then roll toward and through her for the second and third. Bloodhound's Step makes it much easier.
F: You're right, blocking feeds her healing. Sprint away when she jumps, then roll toward her through the second flurry and again for the third.
F2: Sorry. Another option: equip Bloodhound's Step and dash away from all three flurries, or stay far enough that only the first one reaches you.
D: blocking it does nothing, chip damage kills me + heals her
D: i'm a dex build with no shield lol
D: she literally heals on block, are you sure?
S: FINALLY beat her. 47 tries. thank u
S: running away on the first part works, only got clipped once
S: ok the dodge works. what about phase 2 || In phase 2, stay close, bait the flower attack and punish afterwards. Keep some distance when she floats up.
N: i'm level 120 if that changes anything || That's a reasonable level for her; the fight is mostly about that dodge.
N: no summons btw, i want to do it solo || Fair. Then focus on the sprint-away timing and don't get greedy with attacks.
N: wait does a spirit ash count as cheating lol || It's part of the game, so no, though some people prefer solo for the challenge.

@ deck-launch
U: game won't launch on steam deck, it just shows 'running' for a sec then stops
B: Reinstall your Windows graphics drivers and try again.
G: Force a Proton version: the game's Properties > Compatibility, tick the box and pick Proton Experimental. If that fails, try GE-Proton through ProtonUp-Qt in desktop mode.
F: Sorry, my mistake, the Deck runs SteamOS. Go to the game's Properties > Compatibility, force Proton Experimental and launch again.
F2: Sorry. If Experimental doesn't work, install GE-Proton with ProtonUp-Qt in desktop mode and select that instead.
D: it's a steam deck, there's no windows
D: why would windows drivers matter on steamos??
D: reinstalled the game anyway and it still does the same thing
S: proton experimental fixed it, playing now
S: forced proton 8 and it boots. ez
S: works!! how do i make the text bigger tho its tiny || Look for a UI scale option in the game; if there isn't one, use the Deck's magnifier (Steam + L1).
N: it's a game from itch not steam, added as non-steam game || Same idea: non-Steam games also need a Proton version set in their compatibility settings.
N: whats proton exactly || Valve's compatibility layer that lets Windows games run on Linux.
N: no rush, but how do i get into desktop mode || Hold the power button and choose Switch to Desktop.

@ scarlet-team
U: need a team for pokemon scarlet, no legendaries, I have Skeledirge already
B: Skeledirge, Koraidon, Garchomp, Gardevoir, Corviknight and Dondozo make a strong team.
G: Skeledirge, Garchomp (ground/dragon), Tinkaton (fairy/steel), Corviknight (flying/steel), Palafin (water) and Annihilape for fighting coverage.
F: Sorry, Koraidon breaks your rule. Swap it for Annihilape: fighting/ghost pairs well with Skeledirge.
F2: Sorry. Without legendaries or paradox Pokemon: Skeledirge, Garchomp, Tinkaton, Corviknight, Palafin, Annihilape.
D: koraidon is literally a legendary
D: no legendaries i said
D: isn't that the box legendary?
S: tinkaton is hilarious, team slaps
S: nice. what moveset for garchomp || Earthquake, Dragon Claw, Swords Dance and Stone Edge or Fire Fang for coverage.
S: ok that's a W team. where do i catch tinkaton || Tinkatink spawns around Province Area 3 and evolves at 38.
N: oh also i'm doing a nuzlocke so i only get first encounters || Then treat this as a wish list and fill the same roles with whatever you catch.
N: is annihilape wrong to use if it's 'too strong' || Not wrong at all, it's a normal evolution. Use what's fun.
N: can you evolve primeape without going online || Yes: use Rage Fist 20 times in battle, then level it up.

@ sens-convert
U: convert my cs2 sens 1.5 at 800 dpi to valorant
B: Multiply by 3.18: your Valorant sens is 4.77.
G: Divide by 3.18: 1.5 / 3.18 is about 0.47 in Valorant at the same 800 DPI.
F: Sorry, I had it backwards: divide, don't multiply. 1.5 / 3.18 = 0.47 at 800 DPI.
F2: Sorry. Double-checked: Valorant sens = CS sens / 3.181818, so 1.5 gives 0.471.
D: 4.77 is insane, i cant even aim
D: pretty sure you divide not multiply
D: that's like 3x faster than cs lol
S: 0.47 feels exactly like cs, perfect
S: yep muscle memory intact
S: nice and for apex? || Apex uses the same scale as CS, so 1.5 at 800 DPI carries over as is.
N: i also use 1.2 zoom sens in cs || Valorant's scoped sensitivity is a multiplier too; start at 1.0 and adjust after a few deathmatches.
N: what is edpi again || Sensitivity times DPI: 1.5 x 800 = 1200 eDPI.
N: does my mouse dpi matter or just the number || Both. Keep DPI at 800 and change only the in-game number.
"""

BANKS["parent"] = r"""
GD: ok but i asked somthing else
GD: none of that is doable with a toddler hanging off me
GD: we tried all that already
GD: hm not really what i was after
GD: this feels like it was written for someone with a nanny lol
GD: thats not how it works with my kid at all
GR: still the same, she wont do it
GR: tried it tonight. same meltdown
GR: thats basically what you said before
GR: nope, didnt change anything
GR: again, that doesnt work for us
GX: forget it ill ask the pediatrician || That's a good call. Sorry I couldn't be more help tonight.
GX: never mind, baby's up || Of course. Hope the rest of the night is gentler.
GX: ok i give up for today || Understandable. Get some rest; we can pick this up any time.
GS: omg thank you
GS: this helps so much
GS: saved my sanity, ty
GS: perfect, exactly what i needed
GS: honestly not bad, we can do that
GS: ok thats doable 🙏
GN: different question, how much screen time is normal for a 4 yr old || Common guidance is about an hour a day of good-quality content for ages 2 to 5, ideally watched together.
GN: random but how do i get crayon off a wall || A melamine sponge or a little baking soda on a damp cloth usually lifts it.
GN: do u know any easy dinners w no cooking || Wraps with hummus and veg, cheese and crackers with fruit, or a rotisserie chicken with bagged salad.
GN: is it wrong that i just want 10 min alone lol || Not at all. Needing a break is normal and makes you a better parent, not a worse one.
GNW: sorry brb kid woke up || No problem, take your time.
GNW: ugh its only tuesday || Hang in there. The week will get through itself.
GL: ok going to bed while i can || Good idea. Sleep well.
GL: gotta go pick up from school || Go go, good luck with pickup!
GL: off to make lunches || Good luck with lunches!
ACK: Glad it helps. Hang in there.
ACK: You've got this.
ACK: Happy to help. Good luck!
ACK: Great, fingers crossed it goes smoothly.
RETRY: Sorry about that. Tell me a bit more about what happens and I'll suggest something different.
RETRY: I'm sorry that missed. What have you already tried, so I don't repeat it?
RETRY: Apologies. What's the hardest moment of the day with this? I'll focus there.

@ peanut
U: when can my baby have peanut butter, shes 7 months
B: It's safest to wait until age 3 before introducing peanuts.
G: Current guidance in many countries is to introduce peanut early, around when solids start, as smooth peanut butter thinned with water or mixed into puree. If she has severe eczema or an egg allergy, check with your pediatrician first.
F: You're right, that advice is outdated. Early introduction is now recommended: a little smooth peanut butter thinned into puree or oatmeal. Never whole nuts.
F2: Sorry. Concretely: a small amount of smooth peanut butter stirred into oatmeal, a few times a week, and watch for any reaction for a couple of hours.
D: our pediatrician literally said to start early??
D: i thought the advice changed, isnt it early now
D: 3 years? thats the old rule
S: gave her some in oatmeal, no reaction, she loved it
S: ok great. what about eggs || Eggs too: well cooked, scrambled or hard-boiled and mashed, from around 6 months.
S: ok thats clear. and how often once shes had it || Keeping it in her diet a few times a week helps maintain tolerance.
N: she has a bit of eczema, forgot to say || Then ask her doctor first. Mild eczema is usually fine, but severe eczema may mean testing before trying.
N: what does a reaction even look like || Hives, swelling of the lips or face, vomiting or trouble breathing. Trouble breathing means call emergency services.
N: can i use crunchy pb or no || Smooth only, thinned. Crunchy bits are a choking risk.

@ sick-note
U: need a note for my sons teacher, he missed mon and tue, was sick
B: To Whom It May Concern: I am writing to formally notify the school administration that my son was absent on Monday and Tuesday of this week due to illness. Please be advised that he has since recovered. Should you require any further documentation, please do not hesitate to contact me at your earliest convenience. Yours faithfully, [Name]
G: Hi Ms. ___, Leo was home sick on Monday and Tuesday. He's feeling better now. Please let me know if there's any work he should catch up on. Thanks, ___
F: Sorry, way too formal. Try: "Hi Ms. ___, Leo was home sick Monday and Tuesday. He's better now. Let me know if he needs to catch up on anything. Thanks!"
F2: Shorter still: "Leo was out sick Mon and Tue. He's fine now. Thanks! - ___"
D: its for his 2nd grade teacher not a court lol
D: way too long, its a note in his folder
D: can u make it like 3 lines
S: perfect, copying it now
S: short and sweet. can u do one for the dentist appt next fri too || Sure: "Hi Ms. ___, Leo will leave at 1:30 on Friday for a dentist appointment. Thanks!"
S: good. one more for the field trip permission, he can go || "Hi Ms. ___, Leo has my permission to go on the field trip. Signed, ___"
N: her name is mrs patel btw || Got it: "Hi Mrs. Patel, Leo was home sick on Monday and Tuesday..."
N: do i need a doctors note for 2 days || Many schools only ask for one after 3 or more days, but check your school's policy.
N: not sure if i should mention the fever or not || It's optional. "Sick" is usually enough.

@ crib-climb
U: 2yo keeps climbing out of his crib at bedtime, what do i do
B: Make sure he's getting enough daytime sleep: add a second nap.
G: Lower the mattress to the lowest setting, use a sleep sack (harder to climb in), and calmly put him back each time with as little talking as possible. If he gets out easily, a floor bed may be safer.
F: Sorry, that wasn't useful. For climbing: lowest mattress setting, a sleep sack, and a boring silent return every time. If he can get out easily, switch to a floor bed for safety.
F2: Sorry. Other things that help: a toddler clock, a consistent 3-step bedtime routine, and praising him in the morning if he stayed in.
D: he already barely naps once, 2 naps is not happening
D: that didnt help, he's out of the crib in 30 sec
D: how does more naps stop him climbing?
S: sleep sack trick worked!! he tried once and gave up
S: night 3 of the silent return thing and he stayed in
S: ok lowered it. what about when he wakes at 5am || A toddler clock that changes colour at wake-up time helps. Keep the room dark and treat before-clock wakes like night time.
N: we have a 2nd baby coming in march btw || Then make any bed change a couple of months before, so it doesn't feel linked to the baby.
N: is a floor bed safe if he's not potty trained || Yes, that's unrelated. Just childproof the room fully since he'll roam.
N: no he doesnt hurt himself, just climbs || Good, though it's still worth acting before he does fall.

@ schedule
U: make a weekly schedule, soccer tue/thu 5pm, piano sat 10am, 2 kids sam and mia
B: Mon 5pm Soccer; Wed 5pm Soccer; Sat 10am Piano.
G: Tue 5pm Soccer; Thu 5pm Soccer; Sat 10am Piano. Tell me who does what and I'll add names.
F: Sorry, I shifted the days. Tue 5pm Soccer; Thu 5pm Soccer; Sat 10am Piano.
F2: Sorry again. Here it is checked against your message: Tuesday 5pm soccer, Thursday 5pm soccer, Saturday 10am piano.
D: soccer is tue and thu not mon wed
D: you moved everything by a day
D: did u read what i wrote
S: thats right now, printing it
S: good. can u add swim wed 4:30 for mia || Added: Wed 4:30 Swim (Mia). Everything else stays the same.
S: nice, fridge worthy. add bedtime 8pm every day? || Added a line at the bottom: every day, 8pm bedtime.
N: only sam does soccer, mia does piano || Updated: Tue/Thu 5pm Soccer (Sam), Sat 10am Piano (Mia).
N: can you make it a table i can print || Sure: columns Day | Time | Who | Activity, one row per activity.
N: also dad does pickups on tue if that matters || Added "Dad pickup" next to Tuesday soccer.

@ beige-food
U: my 5 yo only eats beige food, ideas to branch out?
B: Try these: kale salad, quinoa bowls, grilled salmon with asparagus, lentil curry, roasted beet hummus, stuffed peppers.
G: Start from what he already eats and change one small thing at a time (food chaining): plain pasta, then pasta with butter, then with a little parmesan, then with a few peas on the side. Keep new foods on the plate with no pressure.
F: Fair, that's too big a jump. Try food chaining: plain pasta, then buttered pasta, then a sprinkle of cheese, with one new food on the side and no pressure to eat it.
F2: Sorry. Even smaller steps: same pasta in a different shape, then same pasta with a different brand of butter. The goal is tiny changes he barely notices.
D: kale. for a kid who eats plain pasta. lol
D: he wont even look at that
D: i said BEIGE food, start small
S: he ate pasta w cheese on it!!! small win
S: the chaining idea makes sense. breakfast ideas? || Toast with butter, then toast with a thin layer of cream cheese, then toast with banana slices on the side.
S: ok trying it. what about lunch boxes || Crackers he likes plus one "safe" food and one tiny new thing, like a single apple slice.
N: he's also got a dairy allergy sorry should have said || Then swap butter and cheese for olive oil and a dairy-free spread. The idea stays the same.
N: how long till they grow out of it usually || Many kids broaden a lot between 6 and 8, especially with repeated low-pressure exposure.
N: is it bad to hide veg in stuff || Not bad, but also offer them visibly so he learns they're safe.

@ bottle-oz
U: how many oz should a 4 month old drink
B: About 2-3 oz per day.
G: Roughly 4-6 oz per feed, around 24-32 oz in 24 hours, but follow her cues.
F: My mistake, that's per feed, not per day. Around 4-6 oz a bottle, roughly 24-32 oz a day.
F2: Sorry. To be clear: 4-6 oz each feed, about 6 feeds a day, and most babies top out around 32 oz.
D: per day?? she drinks that in one go
D: 2-3 oz a day cant be right
D: u mean per feeding right
S: ok thats what shes doing, phew
S: good to know we're normal lol ty
S: ok. and when do we drop the night feed || Many babies drop it between 4 and 9 months. If she's growing well, ask her doctor about stretching it.
N: she's breastfed during the day, bottle only at night || Then it's harder to measure. Wet diapers (6 or more a day) and weight gain are the better signs.
N: whats the max they should have || Most guidance suggests not much over 32 oz of formula a day.
N: sorry one more, warm or room temp formula? || Either is fine. It's her preference, not a safety issue.

@ bday-party
U: ideas for 8yo party at home, 10 kids, small budget
B: Rent a bounce house, hire a magician for an hour and get a custom cake from a bakery.
G: Scavenger hunt with clues around the house, a DIY pizza station, a cardboard box fort, and musical statues. Homemade cake or cupcakes they decorate.
F: Sorry, that wasn't budget-friendly. Cheap ideas: scavenger hunt, decorate-your-own cupcakes, cardboard fort building and freeze dance.
F2: Sorry. Near-zero cost: treasure hunt with clues you write, relay races in the yard, and a craft with paper and markers you already have.
D: small budget i said
D: a magician is like 300 dollars here
D: those arent cheap at all
S: the scavenger hunt idea is perfect, he's gonna love it
S: love it. what food tho || Make-your-own pizzas, popcorn, fruit skewers and a simple sheet cake.
S: ok good. how do i write the clues || Short rhymes pointing to the next spot, e.g. "Where cold things sleep and milk stays cool" for the fridge.
N: oh its a dinosaur theme || Dino dig in the sandbox, a fossil scavenger hunt, and plastic dinosaur eggs to find.
N: how long should it be for 8 yr olds || Two hours is plenty.
N: do i have to invite the whole class or no || Not necessarily, though many schools ask that invites aren't handed out at school unless everyone gets one.

@ potty
U: potty training, she pees on the potty but wont poop on it
B: Make her sit on the potty for 30 minutes until she goes.
G: Very common. Let her poop in a pull-up but in the bathroom, then gradually move closer to the potty. Keep it low pressure, use a footstool, and have her sit for 5 minutes after meals.
F: Sorry, forcing it usually backfires. Let her use a pull-up in the bathroom, then move step by step toward the potty, with short relaxed sits after meals.
F2: Sorry. Another approach: cut a hole in the pull-up while she sits on the potty, so it feels familiar but lands in the potty.
D: 30 minutes?? she's 3
D: we did that and she cried the whole time, no poop
D: isnt forcing it supposed to make it worse
S: she did it!!! on the potty!!! thank u
S: the pull-up in the bathroom step works, shes going in there now
S: ok good. what about at daycare || Tell the staff the plan so they're consistent, and send extra pull-ups.
N: she's 3 and a half btw || That's well within normal. Poop training often lags behind pee.
N: is it wrong to bribe her with candy lol || Small rewards are fine; lots of parents use them and fade them out.
N: she's also a bit constipated || That matters: if it hurts she'll avoid it. More water and fruit, and check with her doctor.
"""

BANKS["health"] = r"""
GD: that's very general, I was hoping for specifics
GD: hmm, that contradicts what my physio told me
GD: you didn't address the part I asked about
GD: that reads like a pamphlet
GD: are you sure? that sounds off to me
GD: I'm not convinced that's right
GR: that's the same advice as before
GR: still no change after a week of this
GR: tried it again, same result
GR: you're repeating yourself
GX: ok, I'll just ask my doctor || That's a good plan. Sorry I couldn't be more useful here.
GX: never mind, I'll figure it out myself || Fair enough. Take care.
GX: this isn't getting anywhere, leaving it || Understood, sorry about that.
GS: that's really clear, thank you
GS: exactly the detail I needed
GS: very helpful, appreciate it
GS: can't fault that
GS: good, that reassures me
GS: nice, no fluff 👌
GN: separate question: is coffee after 3pm a bad idea || It depends on sensitivity. Caffeine's half-life is about 5 hours, so many people sleep better with a 2pm cut-off.
GN: unrelated, how much water do I actually need || A common starting point is about 2-3 litres a day from all sources, more in heat or with exercise.
GN: is it wrong to skip a workout when I'm tired || No, an occasional rest day when you're wiped out is sensible.
GN: while I'm here, how much vitamin D is typical? || Many guidelines suggest 600-800 IU a day for adults; a blood test shows whether you need more.
GNW: I have a doctor's appointment on thursday anyway || Good, you can bring these questions along.
GNW: sorry, phone rang, back now || No problem.
GL: I'll try this and report back || Sounds good, hope it goes well.
GL: ok that's all for today || Take care!
GL: need to head out, bye || Bye, take care!
ACK: Glad it helped. Take care!
ACK: You're welcome, good luck with it.
ACK: Happy to help.
ACK: Great, hope it goes well.
RETRY: Sorry about that. Can you tell me more about your routine so I can be specific?
RETRY: Apologies. What exactly did you notice when you tried it?
RETRY: You're right to push back. What would help most: numbers, a plan, or an explanation?

@ squat-knees
U: my knees cave in when I squat, how do I fix that?
B: Keep your knees behind your toes at all times and you'll be fine.
G: Knees caving in (valgus) often comes from weak glutes or rolling onto the big toe. Cue "spread the floor", push the knees out over the middle toes, use a mini band above the knees for warm-up sets, and lighten the load while you fix it.
F: Sorry, I answered a different problem. For knees caving in: cue "spread the floor", keep knees over the middle toes, warm up with a band above the knees, and drop the weight for a few weeks.
F2: Sorry. If it persists, add glute work (clamshells, banded side steps, hip thrusts) and film yourself from the front to check.
D: that's not what I asked, my knees go inward, not forward
D: isn't the knees-behind-toes thing a myth now?
D: tried that, they still cave in
S: the "spread the floor" cue fixed it instantly
S: band warm-up made a huge difference, knees stay out now
S: that worked. what about my heels lifting || Usually ankle mobility. Try small plates under your heels or lifting shoes, and add ankle stretches.
N: I'm 54 and had a meniscus issue years ago || Then go lighter and check with your physio. The cues still apply.
N: how many sets of the band warm-up || Two sets of 10-15 bodyweight squats with the band is plenty.
N: does this apply to lunges too || Yes, same idea: keep the knee tracking over the middle of the foot.

@ early-waking
U: I wake at 3am every night and can't get back to sleep. I'd like to avoid pills.
B: Try 10 mg of melatonin an hour before bed.
G: Non-drug steps that help: keep a fixed wake time, and if you're awake for 20 minutes get up and do something dull in dim light. Avoid alcohol in the evening and keep the room cool. If it persists for months, CBT-I is the most effective treatment.
F: Sorry, you said no pills. Without them: fixed wake time, get up after 20 minutes awake, no evening alcohol, a cool dark room. CBT-I if it goes on for months.
F2: Sorry. Two more: stop looking at the clock when you wake (turn it around), and keep the bed only for sleep.
D: I said no pills
D: melatonin is still a pill though
D: 10mg? that seems a lot even if I wanted it
S: the get-up-after-20-minutes thing worked, back asleep by 3:40
S: slept through two nights in a row now
S: ok doing that. what about naps || Keep them short (under 20-30 minutes) and before 3pm, or skip them while you reset.
N: I do have a glass of wine most evenings || That can cause early waking as it wears off. Try a week without and see.
N: what's CBT-I exactly || A structured programme for insomnia covering sleep timing, habits and thoughts. There are apps and therapists for it.
N: not sure if it's stress or just age || Could be either; the steps help with both. A doctor can check if it persists.

@ protein
U: how much protein should a 70 kg woman eat to build muscle
B: About 300 g of protein per day.
G: About 1.6-2.2 g per kg, so roughly 110-155 g a day, spread over meals.
F: Sorry, that was way off. About 1.6-2.2 g per kg: roughly 110-155 g a day for you.
F2: Sorry. At 70 kg, 1.6 g/kg is 112 g and 2.2 g/kg is 154 g. Aim somewhere in that range.
D: 300g?? that's over 4g per kg
D: that's like 10 chicken breasts a day
D: that number can't be right
S: 110-155 makes sense, I was at 60 so that explains a lot
S: perfect, I'll aim for 120
S: great. vegetarian sources? || Greek yogurt, eggs, lentils, tofu, tempeh, cottage cheese, edamame, and a whey or pea protein shake.
N: I'm vegetarian btw || Noted. Plant and dairy sources can get you there easily.
N: does it matter when I eat it || The daily total matters most; spreading it over 3-4 meals helps a little.
N: is too much protein wrong for your kidneys? || For healthy kidneys these amounts are generally considered safe. With kidney disease, ask your doctor.

@ c25k
U: couch to 5k plan please, I can only run about 1 minute right now
B: Week 1: run 20 minutes continuously, three times a week.
G: Week 1: walk 5 min, then alternate 1 min running and 1.5 min walking, 8 times. Three times a week. Add a little running each week.
F: Sorry, that ignored your starting point. Week 1: 5 min walk, then 1 min run / 1.5 min walk x 8, three days a week.
F2: Sorry. Even gentler: 30 seconds run / 2 min walk x 8 for week 1, and repeat any week that feels too hard.
D: I can run ONE minute
D: 20 minutes straight isn't happening
D: I tried, had to stop after 2 minutes and felt sick
S: week 1 done, didn't die!
S: the intervals feel very doable
S: ok. what shoes should I get || Go to a running shop if you can. Comfort matters most; no need for expensive models.
N: I'm about 40 kg overweight, does that change anything || Start with walk-heavy intervals on soft surfaces, and it's fine to repeat weeks.
N: how fast should I be going || Slow enough to talk in short sentences.
N: my shins hurt a bit after, normal? || Mild soreness is common at first. Sharp or worsening pain means rest and get it checked.
N: I'm still a bit stiff from yesterday, run today or rest? || If it's mild stiffness, an easy session is fine; rest if it hurts.

@ fibre
U: easy ways to get more fibre? I'm at about 10 g a day
B: Aim for 80 g a day starting tomorrow.
G: Target 25-35 g, increasing by about 5 g a week with extra water: oats, lentils, berries, chia, wholegrain bread.
F: Sorry, that jump is far too big. Aim for 25-35 g, adding about 5 g a week, with more water.
F2: Sorry. Week by week: add oats at breakfast, then a portion of beans or lentils, then swap to wholegrain bread.
D: going from 10 to 80 overnight sounds like a recipe for disaster
D: I'm pretty sure the target is more like 25-35
D: tried doubling it yesterday and my stomach is a mess
S: added oats and chia, feeling much better
S: slow increase is working, no bloating
S: good. what about snacks || Apples or pears with the skin on, popcorn, hummus with carrots, a handful of almonds.
N: I have IBS, should have said || Then go slower and favour soluble fibre (oats, psyllium); some high-FODMAP foods may bother you.
N: do fibre supplements count || Yes, psyllium counts, though food also brings other nutrients.
N: how much water is "more water" || Roughly an extra glass or two a day as the fibre goes up.

@ bp-home
U: my home BP monitor gives different readings every time, how do I measure properly?
B: Take it right after coffee and exercise so you see your real numbers.
G: Sit quietly for 5 minutes, back supported, feet flat, arm at heart level. No caffeine or exercise for 30 minutes before. Take 2-3 readings a minute apart and average them.
F: Sorry, that's backwards. Avoid caffeine and exercise for 30 minutes, sit quietly for 5, arm at heart level, and average 2-3 readings.
F2: Sorry. Also check the cuff size: too small a cuff reads high. And measure at the same times each day.
D: right after coffee? isn't that exactly when not to
D: the readings got even higher doing that
D: why would exercise first give a "real" number?
S: averages are way more consistent now
S: did it properly this morning, 122/78, much calmer numbers
S: great. morning or evening? || Ideally both for a week, same times each day, then share the log with your doctor.
N: the cuff is a wrist one, not upper arm || Wrist monitors are more sensitive to position; keep the wrist at heart level. Upper-arm cuffs are usually more reliable.
N: what counts as high for home readings || Many guidelines treat a home average of 135/85 or more as high, worth discussing with a doctor.
N: should I write them down or does the app do it || Either works, as long as you can show it to your doctor.

@ desk-neck
U: neck and shoulder stiffness from desk work, any stretches?
B: Here are 15 stretches: 1. chin tucks 2. neck rolls 3. levator scapulae stretch 4. upper trap stretch 5. doorway pec stretch 6. thread the needle 7. cat-cow 8. child's pose 9. thoracic extension over a chair 10. wall angels 11. scapular squeezes 12. shoulder rolls 13. cross-body stretch 14. wrist flexor stretch 15. seated twist. Hold each for 60 seconds, 3 rounds.
G: Four that cover most of it: chin tucks (10 reps), upper trap stretch (30 s each side), doorway chest stretch (30 s), and shoulder blade squeezes (10 reps). Takes about 5 minutes.
F: Sorry, too many. The four that matter: chin tucks, upper trap stretch, doorway chest stretch, shoulder blade squeezes. About 5 minutes.
F2: Sorry. If you only do one: chin tucks, 10 reps, every hour.
D: 15 stretches? I have 5 minutes
D: can you cut this down to the few that matter
D: too long, I won't do all that
S: did the chin tucks during meetings, neck feels looser
S: short and doable, perfect
S: nice. how often per day || A quick round every hour or two works better than one long session.
N: I work on a laptop at the kitchen table || Raising the screen to eye level with a stand and using a separate keyboard will help a lot.
N: is it wrong if it cracks when I stretch || Painless cracking is usually harmless.
N: I also get headaches by the afternoon || Tension headaches often link to neck posture. If they're frequent or severe, see a doctor.

@ night-shift
U: I work night shifts 7pm to 7am, when should I eat?
B: Eat breakfast at 7am, lunch at noon and dinner at 6pm.
G: Main meal before the shift (around 6pm), a lighter meal around 1-2am, a small snack before 5am, then a light breakfast before you sleep.
F: Sorry, that was a day schedule. For nights: main meal around 6pm, light meal 1-2am, small snack before 5am, light breakfast before sleep.
F2: Sorry. Keep the heavy food before the shift and go light after midnight; that's the main rule.
D: I'm asleep at noon, I work nights
D: that's a day schedule
D: did you miss the night shift part?
S: the light meal at 1am instead of a big one helps, not so sluggish
S: this works with my schedule
S: good. caffeine cut-off? || Stop caffeine about 6 hours before you plan to sleep, so around 1-2am.
N: I do 3 nights in a row then off || On days off, keep meals roughly similar so your body clock doesn't swing too far.
N: is it bad to eat right before sleeping || A small snack is fine; a big meal can disrupt sleep.
N: what snacks don't make you crash || Protein plus fibre: yogurt with nuts, an apple with peanut butter, boiled eggs.
"""

BANKS["admin"] = r"""
GD: that doesn't tell me what I actually have to do by Friday
GD: I need steps, not background
GD: this is so vague, I'm more confused than before
GD: are you sure that applies to my case?
GD: I already know that part, my question was the next step
GD: that's not what the official website says
GR: that's the same thing you said before
GR: I did that and got the same rejection letter
GR: still doesn't answer it
GR: they sent it back again, same reason
GX: I'll just call the office and wait on hold || That's probably the surest route. Sorry I couldn't settle it here.
GX: ok forget it, I'll pay someone to do it || That's reasonable for something this important. Sorry I wasn't more help.
GX: never mind, the deadline's passed anyway || I'm sorry. It may still be worth asking whether a late submission is possible.
GS: thank you, that's a huge relief
GS: ok, that's clear. phew
GS: brilliant, exactly what I needed to know
GS: that's it, thanks
GS: ok good, no more guessing
GS: lifesaver
GN: unrelated, how do I get a certified copy of my birth certificate || Usually from the civil registry of the place you were born; many offer online ordering.
GN: while I'm at it, who do I need to tell when I change address || Usually the tax office, your bank, your employer and any visa authority; the post office can forward mail.
GN: is it wrong to send it by regular post instead of registered || Not wrong, but tracked or registered post gives you proof of delivery if there's a dispute.
GN: what's the difference between a certified copy and a notarised one || A certified copy is issued by the office that holds the original; a notarised copy is one a notary confirms matches the original.
GNW: one second, looking for the letter || Sure, take your time.
GNW: sorry, my english isn't perfect, I'm doing my best || Your English is very clear, no problem at all.
GL: ok I'll go fill it in now || Good luck with it!
GL: off to the post office before it closes || Good luck, hope it goes through smoothly.
GL: ok, bye || Bye, good luck!
ACK: Glad that helped. Good luck with it!
ACK: You're welcome. Fingers crossed.
ACK: Happy to help, one less thing to worry about.
ACK: Great. Keep copies of everything!
RETRY: Sorry about that. Could you tell me exactly what the letter or form says, so I can be precise?
RETRY: Apologies. Which country and which office is this with? I'll tailor the steps.
RETRY: You're right, that wasn't clear. Tell me where you're stuck and I'll go step by step.

@ deposit
U: landlord kept my whole deposit for "cleaning", I left it spotless and have photos. what now? (UK)
B: Take your landlord to the small claims court straight away.
G: In England your deposit should be in a protection scheme (DPS, TDS or mydeposits). Raise a dispute with the scheme: it's free, and your photos are evidence. If it was never protected, you may be able to claim up to three times the deposit.
F: Sorry, skip court for now. Your deposit should be in a protection scheme: raise a free dispute with them and upload your photos.
F2: Sorry. Steps: find the scheme on your deposit certificate, open a dispute online, upload check-in and check-out photos, and keep all messages with the landlord.
D: isn't it supposed to be in a deposit scheme? I got a certificate from the DPS
D: court sounds expensive, I'm a student
D: I thought there was a free dispute process first?
S: raised the dispute with DPS, they're looking at it
S: ok the free dispute route is perfect
S: done, submitted. how long does it usually take? || Often a few weeks once both sides have sent evidence. The scheme will keep you updated.
N: actually it's in Scotland, not England || Scotland has its own schemes (SafeDeposits Scotland, mydeposits Scotland, Letting Protection Service Scotland) with free adjudication too.
N: what counts as good evidence || Dated check-in and check-out photos, the inventory, emails, and any cleaning receipts.
N: he hasn't replied to my emails for 3 weeks || That's fine, you can raise the dispute with the scheme without his reply.

@ us-tax
U: when is the deadline for my US federal return this year? I'm self-employed, and what about estimated taxes?
B: The federal deadline is April 30.
G: Generally April 15 (it moves to the next business day if that's a weekend or holiday). Estimated taxes are quarterly: around April 15, June 15, September 15 and January 15.
F: Sorry, that was wrong: it's April 15, moving to the next business day if needed. Quarterly estimates: April 15, June 15, September 15, January 15.
F2: Apologies. To confirm: April 15 for the return, and the four estimated payments fall in April, June, September and January, each around the 15th.
D: it's April 15, not the 30th
D: pretty sure it's the 15th
D: where did you get the 30th?
S: ok, 15th, marked in the calendar
S: great, quarterly dates saved too
S: ok. can I get an extension? || Yes: Form 4868 gives six more months to file, but not to pay. Estimate and pay what you owe by April 15.
N: I moved states mid-year, forgot that || Then you'll likely file part-year returns in both states. Their deadlines are usually the same day, but check each.
N: what happens if I miss a quarterly payment || There's usually an underpayment penalty, worked out like interest. Paying late is better than not paying.
N: do I need to mail anything or is it all online || You can e-file and pay online through the IRS payment options.

@ visa-photo
U: my Schengen visa photo got rejected for "shadows". what are the requirements?
B: Any recent colour photo is fine, a selfie against a wall will do.
G: 35 x 45 mm, light plain background, no shadows on the face or background, neutral expression, eyes open, taken within the last 6 months. A shop or booth that does biometric photos is the safest option.
F: Sorry, that's not right. It must be a 35 x 45 mm biometric photo: plain light background, no shadows, neutral expression, recent. Use a photo shop or booth.
F2: Sorry. The key points for a shadow rejection: even lighting from the front, stand away from the wall, and no glasses.
D: they literally rejected it for shadows, so no, not any photo
D: a selfie is what got rejected
D: are you sure? the embassy site has a whole list
S: went to a photo booth, accepted this time
S: ok 35x45 biometric, got it
S: ok. and the travel insurance, what do they want || Minimum 30,000 euros of medical cover, valid in all Schengen states for the whole stay.
N: my appointment is in 4 days, is that enough time || Yes, a photo booth or shop can do it the same day.
N: I wear glasses, do I have to take them off || Usually yes, most guidelines prefer no glasses to avoid glare.
N: it's for Germany specifically || The same biometric standard applies.

@ landlord-entry
U: can my landlord enter my apartment without notice? California
B: Yes, the landlord can enter any time, it's their property.
G: In California the landlord generally must give reasonable written notice, normally 24 hours, and enter during normal business hours (Civil Code 1954). Emergencies are the exception.
F: Sorry, that was wrong. In California, landlords generally need to give 24 hours' written notice and enter during business hours, except in emergencies (Civil Code 1954).
F2: Sorry. In short: notice in writing, normally 24 hours, normal business hours, and only for a valid reason such as repairs or showings.
D: that doesn't sound right, I'm pretty sure there's a notice requirement
D: it's my home though, I rent it
D: really? any time?
S: sent him the civil code section politely and he apologised
S: 24 hours, perfect
S: great. what should I write to him? || Something short: "Hi ___, please give 24 hours' written notice before entering, as required by Civil Code 1954, except in emergencies. Thanks."
N: he came in while I was at work to "check the smoke detector" || That's not an emergency, so notice would normally apply.
N: what counts as an emergency || Things like fire, flooding or a gas leak: immediate danger to people or property.
N: does email count as written notice || Generally yes if your lease or past practice allows it; check your lease.

@ passport-name
U: renewing my US passport, and my name changed when I got married. which form?
B: Use form DS-11.
G: You can usually renew by mail with DS-82 if your current passport is undamaged, was issued when you were 16 or older, and within the last 15 years. Include a certified copy of your marriage certificate for the name change.
F: Sorry, DS-11 is for first passports and in-person cases. Renew by mail with DS-82 and include a certified marriage certificate.
F2: Sorry. The checklist: DS-82, your current passport, a certified marriage certificate, a new photo, and the fee.
D: DS-11 is the in-person one for first passports, no?
D: I've had a passport before though
D: the website says DS-82 for renewals
S: DS-82 it is, marriage certificate included, mailed
S: ok that's clear
S: ok. do I send the original marriage certificate? || A certified copy. It'll be returned, usually separately from the passport.
N: my passport expired 16 years ago || Then you can't use DS-82; you'd apply in person with DS-11.
N: how long does it take right now || Times vary; check the State Department site for current routine and expedited times.
N: can I travel while it's being processed || Not internationally on that passport, since you send it in.

@ tokyo-move
U: I moved within Tokyo. do I need to update my residence card, and by when?
B: You have 90 days to report it.
G: Yes, within 14 days of moving, report at the ward office of your new address (file a moving-out notice at the old ward first if it's a different ward). Bring your residence card and My Number card.
F: Sorry, it's 14 days, not 90. Report at your new ward office with your residence card and My Number card.
F2: Sorry. Order of steps: moving-out notice at the old ward, then the moving-in notice at the new ward within 14 days.
D: the ward office said 14 days
D: it's 14 days, not 90
D: 90? where is that from
S: went today, done in 40 minutes
S: 14 days, ok, going tomorrow
S: ok. do I need to tell immigration separately || No, the ward office update covers the address on your residence card.
N: same ward, just a different building || Then it's just a change-of-address notice at the same ward office.
N: I don't speak much Japanese, will they have English forms || Many Tokyo ward offices have English guides; bringing someone or a translation app helps.
N: is it bad if I'm a couple of days late || Usually you'll just be asked why. Long delays can be a problem, so go soon.

@ expense-claim
U: help with my work expense claim: total for 3 receipts, 45.20, 12.80 and 103.50
B: Total: 151.50.
G: 45.20 + 12.80 + 103.50 = 161.50.
F: Sorry, I added wrong. 45.20 + 12.80 + 103.50 = 161.50.
F2: Apologies. Step by step: 45.20 + 12.80 = 58.00; 58.00 + 103.50 = 161.50.
D: that's 161.50, not 151.50
D: the total's off by 10
D: did you leave out the 12.80?
S: 161.50 matches, submitted
S: right, same as mine
S: ok. the 103.50 was a hotel, which category? || Usually "Accommodation" or "Lodging"; check your company's list.
N: oh there's a fourth one, 8.90 for parking || Then the total is 170.40.
N: do I need the paper receipts or are photos ok || It depends on the company. Many accept clear photos, but keep the originals until it's paid.
N: not sure if the taxi counts as travel or transport || Companies differ; use whichever of those their form lists.

@ parking-appeal
U: write a short appeal for a parking fine. I was unloading for 5 minutes and the sign says loading permitted up to 10 minutes. ref PCN AB12345678
B: Dear Sir/Madam, I am appealing PCN AB12345678 because I was not parked at that location on the date in question.
G: Dear Sir or Madam, I am appealing PCN AB12345678. I was loading for about 5 minutes, and the sign at the location permits loading for up to 10 minutes. I ask that the notice be cancelled. Yours faithfully, [Name]
F: Sorry, I got the facts wrong. "Dear Sir or Madam, I am appealing PCN AB12345678. I was loading for about 5 minutes, which the sign permits for up to 10 minutes. Please cancel the notice."
F2: Sorry. Same letter, with a line to add: "I have attached a photo of the sign."
D: I was parked there though, I was loading
D: don't say I wasn't there, that's not true
D: you got the whole point backwards
S: sent it, nice and polite
S: appeal accepted!! fine cancelled
S: sent. what if they reject it? || You can usually appeal to the independent tribunal within 28 days of the rejection notice.
N: I have a photo of the sign || Great, attach it and mention it in the letter.
N: it's a private car park, not the council || Private tickets differ: appeal to the operator first, then to POPLA or the IAS if rejected.
N: should I mention I'm disabled || Only if relevant, but if you have a Blue Badge, yes, mention it.
"""

BANKS["sysadmin"] = r"""
GD: that's not what I asked
GD: that flag doesn't exist
GD: you're guessing
GD: man page says otherwise
GD: no. read the error again
GD: that's not how that works on this distro
GR: same error
GR: no change. still failing
GR: exit code is still 1
GR: tried it. identical output
GR: you already suggested that
GX: nvm, rolling back the box || Fair. If you want to dig in later, send the logs.
GX: forget it, I'll read the source || OK, sorry I couldn't pin it down.
GX: screw it, reinstalling || Understood. Sorry this didn't get resolved here.
GS: works
GS: ty, that was it
GS: exit 0
GS: ok, not bad
GS: 👍
GS: clean. no more errors
GN: unrelated: whats the flag for human readable in du || -h, e.g. du -sh /var/log
GN: how do i check which process holds a port || ss -ltnp | grep :PORT, or lsof -i :PORT
GN: is it wrong to run everything as root in containers || Not wrong as such, but a non-root user limits the damage if the container is compromised.
GN: what does exit code 127 mean in general || Command not found: the shell couldn't find the binary in PATH.
GNW: brb, pager going off || Go deal with it.
GNW: sec, vpn dropped || No problem.
GL: ok deploying, bbl || Good luck with the deploy.
GL: logging off || Later!
GL: end of shift, bye || Have a good one.
ACK: 👍
ACK: Good.
ACK: Nice. Glad it's sorted.
ACK: Great, happy to help.
RETRY: Sorry. Paste the full output and `journalctl -u <service> -n 50` and I'll look.
RETRY: My mistake. What distro and version is this?
RETRY: Apologies. Run it with verbose logging and paste the output.

@ docker-137
U: container keeps dying after ~10 min, docker ps -a shows Exited (137). how do i find why
B: Add --restart always to the run command and it'll come back up on its own.
G: 137 = 128 + 9, SIGKILL. Check `docker inspect -f '{{.State.OOMKilled}}' <id>`; if true it hit the memory limit, so raise --memory or fix the leak. Also `dmesg | grep -i oom` on the host.
F: Sorry, restarting hides it. 137 is SIGKILL: run `docker inspect -f '{{.State.OOMKilled}}' <id>` and `dmesg | grep -i oom`. If it's OOM, raise the limit or fix the leak.
F2: Sorry. If OOMKilled is false, something else sent the KILL: check `docker events --since 1h` and whether a healthcheck or orchestrator is killing it.
D: restarting isn't a fix, I want to know why it dies
D: it does come back. then dies again 10 min later. Exited (137)
D: how is --restart going to tell me what killed it?
S: OOMKilled true. bumped to 2g, up 3h now
S: dmesg showed the oom killer. sorted
S: OOMKilled=true. how do I cap the jvm heap inside it || Set -Xmx below the container limit, e.g. -Xmx1536m for a 2g limit, or use -XX:MaxRAMPercentage=75.
N: what does exit code 137 mean in general || 128 + 9: the process received SIGKILL.
N: its a 1gb vps fwiw || Then leave headroom for the OS: cap the container around 700m and add some swap.
N: no memory limit set on the container btw || Then it's probably the host's OOM killer. Check dmesg, and set a limit so it fails predictably.

@ dns-resolve
U: ubuntu 22.04: nslookup api.example.com works but curl says Could not resolve host
B: Restart apache: sudo systemctl restart apache2
G: On 22.04 name resolution for most programs goes through systemd-resolved. Check `resolvectl status`, and check /etc/resolv.conf is a symlink to ../run/systemd/resolve/stub-resolv.conf. nslookup asks the server directly; curl goes through glibc and nsswitch, which can differ.
F: Sorry, apache has nothing to do with it. Check `resolvectl status` and `ls -l /etc/resolv.conf`: it should link to stub-resolv.conf. nslookup bypasses the system resolver; curl doesn't.
F2: Sorry. Next: the hosts line in /etc/nsswitch.conf should read something like `files resolve dns` or `files dns`.
D: why would that fix a DNS issue?
D: there's no apache on this box
D: restarted it anyway. curl: (6) Could not resolve host: api.example.com
S: resolv.conf was a stale file not a symlink. relinked, curl works
S: nsswitch was borked. fixed
S: fixed. how do i flush the cache || resolvectl flush-caches
N: it's inside a docker container actually || Then check /etc/resolv.conf inside the container and the daemon's dns setting; containers use Docker's DNS or a copy of the host file.
N: whats the difference between dig and nslookup again || dig gives more detailed output and is better for debugging; both query a DNS server directly.
N: resolvectl says no current DNS server, is that wrong? || Yes, that means resolved has no upstream. Set DNS= in /etc/systemd/resolved.conf or in netplan.

@ cron-job
U: cron job doesn't run: */5 * * * * /home/deploy/backup.sh   -- works fine when I run it manually
B: Your cron syntax is wrong, it should be */5 * * * /home/deploy/backup.sh
G: The syntax is fine. Cron runs with a minimal environment: use absolute paths inside the script, make sure it's executable, set PATH at the top of the crontab, and log the output: `*/5 * * * * /home/deploy/backup.sh >> /tmp/backup.log 2>&1`.
F: Sorry, your syntax was right. It's almost always the environment: absolute paths in the script, chmod +x, PATH in the crontab, and redirect output to a log to see the error.
F2: Sorry. Also check the script's shebang and that the deploy user can write where the backup goes; the log redirect will show it.
D: that's 4 fields
D: crontab -e rejects that: bad minute
D: the syntax was fine, it's 5 fields
S: log showed 'pg_dump: command not found'. full path fixed it
S: set PATH in the crontab, runs every 5 now
S: works. how do i make it weekdays only || */5 * * * 1-5 /home/deploy/backup.sh
N: it's in root's crontab not deploy's || Then it runs as root with root's environment; same advice, and check file permissions.
N: how do i see cron logs on debian || grep CRON /var/log/syslog, or journalctl -u cron
N: no mail set up, so where does output go || Without MAILTO and a mailer it's discarded. Redirect it to a file.

@ ssh-denied
U: ssh: Permission denied (publickey) after copying my key to the new server
B: Set PasswordAuthentication yes in sshd_config and log in with your password.
G: Check permissions: ~/.ssh 700, authorized_keys 600, home directory not group-writable, all owned by the user. Then `ssh -v` to see which key is offered, and read /var/log/auth.log on the server.
F: Sorry, that dodges it. Check ~/.ssh is 700 and authorized_keys 600, owned by the user, and run `ssh -v` to see which key is offered.
F2: Sorry. Also confirm the key landed in the right user's home, on one line, with no line breaks from copy-paste.
D: I don't want password auth, that's the point of keys
D: that's a workaround, not a fix
D: still Permission denied (publickey) with that
S: authorized_keys was 664. chmod 600, in
S: ssh -v showed it offered the wrong key. -i fixed it
S: in. how do i turn off password login now || In /etc/ssh/sshd_config set PasswordAuthentication no, then `systemctl reload ssh`. Keep a session open while you test.
N: I copied it with scp, not ssh-copy-id || That's fine, but scp can leave the wrong mode or owner, so check both.
N: server is rocky 9 not ubuntu || Then the log is /var/log/secure, and SELinux labels matter: run `restorecon -Rv ~/.ssh`.
N: whats the difference between ed25519 and rsa keys || ed25519 is newer, shorter and fast; RSA is more widely supported on old systems.

@ nginx-502
U: nginx 502 for my node app on 3000. error log: connect() failed (111: Connection refused) while connecting to upstream
B: Increase proxy_read_timeout to 300 in the location block.
G: 111 means nothing is listening where nginx connects. Run `ss -ltnp | grep 3000`: the app may be down or bound to another address (::1 vs 127.0.0.1). Make proxy_pass match where it listens.
F: Sorry, 111 isn't a timeout. Nothing is listening at the upstream address: check `ss -ltnp | grep 3000` and match proxy_pass to it.
F2: Sorry. If ss shows it listening, check SELinux (`setsebool -P httpd_can_network_connect 1`) and that proxy_pass has the right port.
D: it's connection refused, not a timeout
D: timeout has nothing to do with 111
D: bumped it to 300, still 502 instantly
S: app was listening on ::1 only. proxy_pass to [::1]:3000 works
S: pm2 had crashed it. restarted, 200 OK
S: up. how do i make pm2 start on boot || `pm2 startup`, run the command it prints, then `pm2 save`.
N: proxy_pass is http://localhost:3000 fyi || localhost may resolve to ::1 first; use 127.0.0.1 explicitly if the app binds IPv4.
N: it was working yesterday, no config changes || Then the app probably crashed or came back on another port. Check its logs.
N: whats 111 vs 113 || 111 is connection refused; 113 is no route to host.

@ disk-full
U: df says / is 100% but du -sh /* only adds up to 20G of 50G
B: Delete /var/log to free space.
G: Classic deleted-but-still-open files. Run `lsof +L1` (or `lsof | grep deleted`) and restart the process holding them. Also check for files hidden under mount points.
F: Sorry, that's not it. The gap between df and du is usually deleted files still held open: `lsof +L1`, then restart that process.
F2: Sorry. If lsof shows nothing, bind-mount / somewhere (`mount --bind / /mnt`) and run du there to find files hidden under mount points.
D: not deleting all of /var/log lol
D: already cleared logs, du still doesn't add up
D: that doesn't explain the gap between df and du
S: lsof +L1 showed a 28G log held by java. restarted, 45% now
S: deleted files held open. thx
S: freed. how do i stop it happening again || logrotate with copytruncate, or have the app reopen its log on SIGHUP.
N: it's ext4 on lvm || Doesn't change anything; lsof is still the first check.
N: whats the difference between df and du again || df reports filesystem usage from the kernel; du adds up files it can see, so deleted-but-open files only show in df.
N: no docker on this box || Then skip docker cleanup; check lsof and mount points.

@ systemd-203
U: systemctl start myapp -> failed. status shows code=exited, status=203/EXEC
B: Your app has a syntax error; check the code.
G: 203/EXEC means systemd couldn't execute ExecStart: wrong path, not executable, missing shebang, or a relative path. Use an absolute path and check `chmod +x`.
F: Sorry, 203 means it never started. Check ExecStart uses an absolute path, the file is executable, and it has a shebang.
F2: Sorry. Run the exact ExecStart line as the service's User= from a shell; whatever error you get is what systemd hit.
D: 203 is exec failure, the app never started
D: app runs fine manually
D: how is it a syntax error if it never started?
S: missing shebang. added it, active (running)
S: ExecStart had a relative path. fixed, running
S: running. how do i get it to restart on failure || Add Restart=on-failure and RestartSec=5 under [Service], then daemon-reload.
N: its a python script || Then ExecStart=/usr/bin/python3 /opt/myapp/app.py, or a shebang plus chmod +x.
N: do i need daemon-reload every time || Yes, after any edit to a unit file.
N: SELinux is enforcing btw || Then also check `ausearch -m avc -ts recent`; a wrong label can cause 203 too.

@ certbot
U: certbot renew fails: Timeout during connect (likely firewall problem)
B: Your certificate has expired; delete it and issue a new one.
G: The HTTP-01 challenge needs port 80 reachable from the internet. Check ufw or the cloud security group, and that nothing redirects /.well-known/acme-challenge/ wrongly. Test with curl from outside.
F: Sorry, deleting won't help. That error means port 80 isn't reachable: open it in the firewall or security group and check the challenge path isn't redirected.
F2: Sorry. From an outside machine run `curl -I http://yourdomain/.well-known/acme-challenge/test`; if it hangs, it's the network, not certbot.
D: deleting it won't fix a firewall timeout
D: it's not expired, 20 days left
D: reissue fails with the same timeout
S: port 80 was closed in the security group. renewed
S: opened 80, certbot renew --dry-run succeeded
S: renewed. how do i check the auto-renew timer || systemctl list-timers | grep certbot
N: it's behind cloudflare proxy fyi || Then use the DNS-01 challenge with the Cloudflare plugin, or make sure the challenge path passes over HTTP.
N: i only want 443 open though || Then switch to DNS-01; it doesn't need port 80.
N: whats the dry run for exactly || It tests renewal against the staging server without touching your real certificates.
"""

BANKS["music"] = r"""
GD: hmm, that doesn't sound right when I play it
GD: you kind of skipped my actual question
GD: pretty sure that's not how it goes
GD: that's not what my teacher taught me at all
GD: I don't think that's right
GD: that's a bit of a non-answer
GR: still sounds off
GR: same problem as before
GR: that's the same thing again, just reworded
GR: nope, played it again and it's still wrong
GX: ok I'll just learn it by ear || Probably the best way anyway. Sorry I couldn't nail it.
GX: never mind, I'll ask my teacher || Good idea. Sorry about the confusion.
GX: forget it lol || Fair enough. Happy playing!
GS: yesss that's it 🎸
GS: this is great, thank you!!
GS: not bad at all, actually really useful
GS: perfect 🎶
GS: that's the one
GS: oh that's neat
GN: unrelated, what strings do you recommend for an acoustic || Light-gauge phosphor bronze (12-53) is a good all-rounder.
GN: what's the difference between a major 7 and a dominant 7 again || Major 7 has a major seventh (C-E-G-B); dominant 7 has a flat seventh (C-E-G-Bb).
GN: is it wrong to learn songs before scales || Not at all. Plenty of players learn mostly through songs and pick up theory along the way.
GN: my neighbour keeps banging on the wall when I practise lol || Try practising when they're out, or use a practice mute or a headphone amp.
GNW: brb tuning || Take your time.
GNW: sorry, dog needed letting out || No problem.
GL: ok going to practise now || Have fun!
GL: gotta run, gig tonight || Break a leg!
GL: ok I'm off to record this || Good luck with the recording!
ACK: Enjoy playing it!
ACK: Glad it clicked. Have fun!
ACK: 🎶 Happy practising!
ACK: Great, rock on.
RETRY: Sorry about that. What key or tuning are you playing in?
RETRY: My mistake. Which part sounds off: a specific chord, the verse, the chorus?
RETRY: Apologies. Tell me your level and instrument and I'll redo it.

@ transpose
U: transpose G - Em - C - D up a whole step for my singer
B: Ab - Fm - Db - Eb
G: A - F#m - D - E
F: Sorry, that was a half step. A whole step up: A - F#m - D - E.
F2: Sorry. Checked chord by chord: G to A, Em to F#m, C to D, D to E.
D: that's a half step, I said a whole step
D: those are all one semitone up
D: she said it's still too low, that's only one fret
S: A F#m D E, perfect for her range
S: sang through it tonight, fits her perfectly
S: great. capo position if I want to keep the G shapes? || Capo 2 and play the same G - Em - C - D shapes.
N: it's for ukulele actually || Same chords: A, F#m, D, E, all standard uke shapes.
N: what's an F#m shape without barring || Try xx4222, skipping the low strings.
N: what was the original key again || G major.

@ practice-20
U: I have 20 min a day, beginner guitar, want to play a few songs by Christmas
B: Daily plan: 30 min scales, 30 min chord changes, 30 min rhythm work, 30 min ear training. That's two hours a day.
G: 20-minute plan: 5 min chord changes (G, C, D, Em), 5 min strumming one pattern, 10 min on one easy song. Change songs when one feels comfortable.
F: Sorry, that ignored your 20 minutes. Try: 5 min chord changes, 5 min strumming, 10 min on one song.
F2: Sorry. If a day is short: just the song, 10 minutes. Consistency beats length.
D: that's 2 hours, I said 20 minutes
D: I have 20 min a day, not an afternoon
D: who has time for that lol
S: day 5 and my G to C change is way smoother
S: 20 min plan is perfect, sticking to it
S: love it. which songs are easy for Christmas || Silent Night (G, D, C) and Jingle Bells (G, C, D, A7) are both three or four chords.
N: I already know G C D and Em || Great, then skip straight to songs.
N: should I use a pick or fingers || Either; a thin pick makes strumming easier at first.
N: my fingertips hurt, normal? || Yes, for the first weeks, until calluses form. Stop if it's sharp pain.

@ perfect-fifth
U: why is it called a "perfect" fifth?
B: Because it's the most consonant interval after the octave, and "perfect" means it spans 5 semitones.
G: A perfect fifth is 7 semitones (C to G). "Perfect" is a historical label for the intervals once thought purest (unison, fourth, fifth, octave), which don't come in major and minor versions.
F: Sorry, a perfect fifth is 7 semitones, not 5 (that's a fourth). "Perfect" is a historical label for the purest-sounding intervals, which have no major/minor forms.
F2: Sorry. Quick check: C to G is C, C#, D, D#, E, F, F#, G, which is 7 half steps.
D: a perfect fifth is 7 semitones, not 5
D: 5 semitones is a fourth
D: wait, isn't that the fourth?
S: that clears it up, thank you
S: makes sense now, great explanation
S: ok. so why is the 4th perfect but the 3rd isn't || Thirds come in major and minor forms; fourths and fifths don't in the same way, and they were treated as the pure consonances in medieval theory.
N: I'm asking for a class, so a source would help || Any standard harmony text covers it, for example Kostka and Payne's Tonal Harmony.
N: is a tritone a fifth or a fourth || Either: an augmented fourth or a diminished fifth, 6 semitones.
N: no rush, but what's a "just" interval || One tuned to a simple whole-number frequency ratio, like 3:2 for the fifth.

@ record-100
U: cheapest way to record guitar into my laptop? budget 100
B: Get a Neve 1073 preamp and a good condenser mic.
G: A small USB audio interface like a used Focusrite Scarlett Solo or a Behringer UMC22, plus free software (Reaper's trial or Audacity) and a free amp sim plugin.
F: Sorry, that's studio money. For 100: a USB interface like a used Scarlett Solo or a UMC22, plus free recording software.
F2: Sorry. Cheapest possible: a guitar-to-USB cable for about 30, though an interface sounds better.
D: that's like 3000 dollars
D: budget 100 bro
D: that's a studio thing, I have 100
S: got a used scarlett solo for 70, sounds great
S: UMC22 ordered
S: ordered it. which free amp sim? || Free options include ML Sound Lab's amps and AmpliTube's free version; many paid sims have trials.
N: it's an electric, no amp || Then plug straight into the interface's instrument input and use an amp sim.
N: i'm on a chromebook || Chromebooks are limited; check the interface works there and try a Linux DAW like Ardour.
N: not sure if I need a mic too || Not for electric through an amp sim; only for acoustic or vocals.

@ rhyme-table
U: help me rhyme: "I left my keys on the kitchen table" - need the next line, it's a sad country song
B: "And now I'm flying on a rocket, I'm able!"
G: "Right beside the note that says you weren't able", or "Next to the ring I never got to label". The first keeps it quiet and sad.
F: Sorry, wrong mood. Try: "Right beside the note that says you weren't able".
F2: Sorry. Another option: "Beside the note, still folded like you left it, unable..." or keep it plain: "Right beside your letter, where I wasn't able."
D: rocket? it's a sad country song
D: that doesn't fit the mood at all
D: doesn't really rhyme naturally either
S: "right beside the note that says you weren't able" gives me chills, using it
S: ok that's gorgeous
S: love it. next line needs to rhyme with "door" || "And your boots ain't waiting by the door no more."
N: it's in 3/4 if that changes the rhythm || Aim for about 9-11 syllables so it sits across the bars.
N: what's a slant rhyme, people keep saying that || A near rhyme where the sounds are close but not identical, like "table" and "cradle".
N: what's a good chord progression for it || G - C - G - D in 3/4 is a classic sad country start.

@ lh-scale
U: left hand fingering for C major scale, one octave going up?
B: 1-2-3-1-2-3-4-5
G: Left hand ascending: 5-4-3-2-1-3-2-1 (finger 3 crosses over the thumb).
F: Sorry, that was the right hand. Left hand going up: 5-4-3-2-1-3-2-1.
F2: Sorry. Spelled out: C5 D4 E3 F2 G1, then 3 crosses over to A, B2, C1.
D: that's the right hand fingering
D: I asked for left hand
D: that puts my thumb on the wrong side
S: 5-4-3-2-1-3-2-1, smooth now
S: ahh that's why it felt awkward
S: got it. G major left hand the same? || Yes, G major LH uses the same 5-4-3-2-1-3-2-1.
N: two octaves I mean || 5-4-3-2-1-3-2-1-4-3-2-1-3-2-1.
N: how fast should I go || At a tempo where it's even, like 60 bpm quarter notes, then increase slowly.
N: my teacher said something about "thumb under", is that the same? || Yes: going down, the thumb passes under; going up, the third finger crosses over.

@ rock-beat
U: basic rock beat for a beginner drummer, 4/4
B: Kick on 2 and 4, snare on 1 and 3, hi-hat on quarter notes.
G: Hi-hat on eighth notes, kick on beats 1 and 3, snare on 2 and 4.
F: Sorry, I swapped them. Kick on 1 and 3, snare on 2 and 4, hi-hat eighths.
F2: Sorry. Count "1 and 2 and 3 and 4 and": hat on every count, kick on 1 and 3, snare on 2 and 4.
D: isn't the snare on 2 and 4
D: that sounds backwards
D: played it and it sounds like a polka lol
S: ok that's the rock beat, sounds right
S: nailed it at 80 bpm
S: cool. what's the next beat to learn || Add a kick on the "and" of 3; it's the classic first variation.
N: I only have a practice pad || Tap the hat part on the pad and stomp the kick with your foot to get the coordination.
N: how long before it's automatic || Often a couple of weeks of daily practice.
N: what bpm are most rock songs || Roughly 100-140.

@ warmup
U: vocal warm-ups for a tenor, 10 minutes before choir rehearsal?
B: Belt your highest note as loud as you can for 5 minutes to open up the voice.
G: Lip trills 2 min, humming slides 2 min, sirens low to high 2 min, five-note scales on "ee" and "ah" 3 min, then a couple of easy arpeggios.
F: Sorry, that could strain your voice. Start gently: lip trills, humming, sirens, five-note scales, easy arpeggios, about 10 minutes.
F2: Sorry. If time is tight: 3 minutes of lip trills and 3 of humming scales will do most of the work.
D: that sounds like a way to lose my voice
D: belting first thing? really?
D: tried it, my voice is shot
S: lip trills really open it up
S: sang the whole rehearsal without strain
S: great. what about a cool-down || Gentle humming and a few descending slides, 2-3 minutes.
N: I'm a baritone actually, wrote tenor by mistake || Same warm-up; keep the scales in your comfortable range.
N: is it wrong to drink cold water before singing || Not wrong; room temperature is just more comfortable for many singers.
N: how do I do lip trills without spitting everywhere || Keep the lips loose and press lightly on your cheeks with your fingers.
"""

BANKS["garden"] = r"""
GD: that's generic, I need something for my situation
GD: I did all of that already
GD: hmm, I'm not sure that's right for this time of year
GD: you didn't answer the question though
GD: my neighbour says the exact opposite
GD: that's not what the label on the bottle says
GR: did that, leaves went brown anyway
GR: same thing is happening
GR: still the same after two weeks
GR: nope, no better
GX: I'll ask at the garden centre || Good idea, they'll know local conditions. Sorry I couldn't help more.
GX: giving up on this plant honestly || Understandable. Sometimes a plant just doesn't suit a spot.
GX: forget it, I'll just buy new ones || Fair enough. Good luck with the new ones.
GS: brilliant, thank you!
GS: ahh that makes sense now
GS: perfect, off to the shed
GS: that's really helpful 🌱
GS: lovely, cheers
GS: not bad advice at all
GN: while I'm here, when should I plant garlic || In autumn, a few weeks before the ground freezes, for a summer harvest.
GN: is it wrong to water at night || Not ideal: leaves staying wet overnight can encourage fungus, so morning is better.
GN: what's a good plant for a shady balcony || Ferns, hostas, begonias or impatiens.
GN: unrelated but do coffee grounds really help plants || A little, as mulch or in compost; don't pile them on thick.
GNW: sorry, dog's barking, one sec || No problem.
GNW: it's finally stopped raining here || Perfect timing to get out there.
GL: ok going out to do it now before the rain || Good luck, and good timing!
GL: ok I'll let you know how it goes || Please do. Happy gardening!
GL: off to the garden, bye || Bye, have fun!
ACK: Happy gardening!
ACK: Glad it helped. Good luck!
ACK: 🌱 Enjoy!
ACK: You're welcome, fingers crossed for a good crop.
RETRY: Sorry about that. Can you describe the leaves and the soil, and what you've already tried?
RETRY: Apologies. Where are you, and is it in a pot or in the ground?
RETRY: You're right. Tell me how often you water and how much sun it gets, and I'll rethink.

@ tomato-drop
U: my tomato plants are flowering but no fruit, the flowers just drop off
B: Give them more nitrogen fertiliser to boost flowering.
G: Blossom drop is usually heat (nights above about 24C or days above 32C), poor pollination, or too much nitrogen. Shake the plants gently around midday, water deeply and evenly, and switch to a low-nitrogen, high-potassium tomato feed.
F: Sorry, more nitrogen would make it worse. Use a high-potassium tomato feed, water evenly, and gently shake the plants midday to help pollination.
F2: Sorry. If it's hot, shade them in the afternoon; flowers won't set in a heatwave whatever you feed.
D: I've been feeding them a lot already
D: won't nitrogen just make more leaves?
D: did that, flowers still dropping, plants are huge and leafy though
S: the tomatoes are finally setting fruit
S: switched to tomato feed and shook them, loads of little green ones now
S: setting fruit now. when do I pinch the side shoots || For cordon types pinch the side shoots while small; bush types don't need it.
N: they're in a greenhouse || Then open the vents, as greenhouses overheat, and tap the flowers to help pollination.
N: it's been 35 degrees all week || That's the likely cause; shade cloth in the afternoon helps.
N: they're cherry tomatoes, not big ones || Same causes; cherry types are usually more forgiving.

@ fiddle-leaf
U: fiddle leaf fig dropping leaves since I moved it to the living room
B: Water it every day until it recovers.
G: Leaf drop after a move is usually shock from the change in light. Give it bright indirect light, don't move it again, and water only when the top 5 cm of soil is dry.
F: Sorry, daily watering would rot it. It's shock from the move: bright indirect light, leave it in place, water when the top 5 cm is dry.
F2: Sorry. Also check for cold draughts and heaters nearby; they cause drop too.
D: it's already wet, I water once a week
D: daily?? won't that rot the roots
D: watered more and now the leaves have brown spots
S: it stopped dropping and there's a new leaf!
S: left it alone in the bright spot and it's fine now
S: ok it's stable. should I repot it || Only in spring, and only if the roots circle the pot. Go one size up.
N: it's next to a radiator || Move it away; hot dry air and temperature swings cause drop.
N: the window faces north || That may be too dim. Try an east window or add a grow light.
N: how do I know if it's root rot || Mushy brown roots and a sour smell; healthy roots are firm and pale.
N: it's still in the plastic pot from the shop, does that matter || It can stay for now; repot in spring if the roots have filled it.

@ lawn-rings
U: brown patches in the lawn, they look like rings. UK
B: That's your dog peeing on it; water the spots after.
G: Rings could be fairy ring fungus. Spike the area with a fork, water deeply, and feed the lawn. Severe cases need the soil dug out and replaced.
F: Sorry, my mistake. Rings suggest fairy ring: spike with a fork, soak the area, and feed the lawn.
F2: Sorry. If it's not fairy ring, lift a patch and look for grubs (leatherjackets or chafer grubs) at the roots.
D: we don't have a dog
D: no pets at all
D: it's rings though, not spots
S: spiked and watered, grass is greening up
S: fairy ring, makes total sense, the mushrooms came up yesterday
S: ok doing that. when should I reseed the bare bits || Early autumn is best in the UK: warm soil and reliable rain.
N: there are little mushrooms too || That supports fairy ring.
N: it's a new-build garden, turf laid last year || Compacted soil under new turf is common; aerating will help in general.
N: is it wrong to mow over the mushrooms || Not at all, though wear gloves handling them if you have children.

@ aphids
U: aphids all over my roses, want something safe because my kids play there
B: Spray with a systemic insecticide like imidacloprid.
G: Blast them off with a hose, squash them by hand, or spray soapy water (a few drops of plain liquid soap per litre). Encourage ladybirds.
F: Sorry, you asked for safe. Hose them off, squash them, or use a weak soapy water spray. Ladybirds will help.
F2: Sorry. Repeat the hosing every couple of days for a week; it breaks their cycle.
D: I said safe for kids
D: I'm not spraying that near my children
D: isn't that the one that's banned because of bees?
S: hosed them off 3 days in a row, basically gone
S: soapy water worked, roses look clean
S: gone. how do I stop them coming back || Go easy on nitrogen, grow marigolds or nasturtiums nearby, and check the shoots weekly.
N: there are ants on the stems too || Ants farm aphids for honeydew; a sticky band on the stems can help.
N: we also have a cat who chews the leaves || Roses aren't toxic to cats, but keep soap sprays weak and rinse afterwards.
N: what's honeydew, the sticky stuff? || Yes, the sugary liquid aphids excrete; sooty mould can grow on it.

@ leggy-succulent
U: my succulent is stretching out and getting leggy
B: It needs more water; water it twice a week.
G: That's etiolation from low light. Move it to the brightest window or under a grow light. Once it's in better light you can cut off the top and replant it.
F: Sorry, it's light, not water. Move it to your sunniest window or under a grow light.
F2: Sorry. If there's no bright window, a small LED grow light on a 12-hour timer works well.
D: it's etiolating, that's light not water
D: more water is what killed the last one
D: pretty sure leggy means not enough sun
S: moved it to the south window, new growth is compact
S: beheaded it and the top rooted!
S: ok moved. how long till roots on the cutting || Let it callus for a few days, then usually 2-4 weeks.
N: I don't have a sunny window at all || Then a small LED grow light on a timer is the way.
N: it's an echeveria || Echeverias need a lot of light; same advice.
N: should I fertilise it || Lightly in spring and summer with diluted cactus feed.

@ compost-smell
U: compost pile smells like rotten eggs
B: Add more kitchen scraps to get it going.
G: Rotten-egg smell means it's too wet and airless. Add browns (cardboard, dry leaves), turn it to get air in, and cover it from the rain.
F: Sorry, that would make it worse. Add dry browns like cardboard and leaves, turn it, and keep the rain off.
F2: Sorry. Mix the browns through rather than layering on top, and turn it weekly for a while.
D: it's mostly kitchen scraps already
D: that'll make it smell worse won't it
D: added more scraps and now it's slimy too
S: added cardboard and turned it, smells earthy now
S: the smell's gone after two turns
S: no more smell. ratio of browns to greens? || Roughly 2-3 parts browns to 1 part greens by volume.
N: it's in a closed plastic bin || Those get wet fast; drill air holes and add more browns.
N: can I add citrus peels || In moderation, yes.
N: not sure if it's ready, how do I tell || Dark, crumbly, earthy-smelling, and you can't recognise the original scraps.

@ damping-off
U: my seedlings keep falling over at the base and dying
B: They need more fertiliser.
G: That's damping off, a fungal problem. Use fresh sterile seed compost, water from below, improve airflow (a small fan helps), don't overwater, and clean the trays.
F: Sorry, that's damping off, not hunger. Fresh seed compost, water from below, more airflow, less water.
F2: Sorry. Also sow thinner; crowded seedlings stay damp and spread it.
D: fertiliser on seedlings that young?
D: the stems look pinched and brown at the bottom
D: fed them, lost another tray
S: new batch with a fan on them, all standing
S: watering from below fixed it, no more collapses
S: working. when do I pot them on || When they have their first true leaves, usually 2-3 weeks.
N: they're on a windowsill above the radiator || Warm, humid and still air: ideal damping-off conditions.
N: is cinnamon actually antifungal or a myth || It has mild antifungal properties; the evidence is mostly anecdotal, but it won't hurt.
N: they're chilli seedlings || Same cause; chillies are slow, so keep them warm but not soggy.

@ hydrangea-blue
U: how do I make my hydrangea blue instead of pink?
B: Add garden lime to the soil.
G: Blue needs acidic soil (pH below about 5.5) with available aluminium: use aluminium sulphate or ericaceous compost and water with rainwater. This works for mophead and lacecap types, not white ones.
F: Sorry, lime does the opposite. For blue: acidify with aluminium sulphate or ericaceous compost and use rainwater.
F2: Sorry. Give it time: the colour changes over a season or two, not straight away.
D: lime makes them pink though
D: I added lime and it went even pinker
D: isn't that backwards?
S: used aluminium sulphate, new flowers coming in blue!
S: ericaceous compost and rainwater and it's turning purple-blue
S: ok. how often do I apply it || Every few weeks in spring, at the dose on the packet.
N: it's in a pot || Easier: use ericaceous compost.
N: our tap water is really hard || Hard water raises pH; use rainwater.
N: no rush, it's only just budding || Good, that gives the soil time to change before it flowers.
"""

BANKS["learner"] = r"""
GD: sorry but I not understand, is too complicate
GD: no es lo que pregunté
GD: это не то, что я спрашивал
GD: 你没回答我的问题
GD: my teacher say this is not correct
GD: hmm I think is not like this
GR: still I not understand
GR: sigue sin estar bien
GR: опять то же самое
GR: 还是不对
GX: ok forget, I ask my teacher tomorrow || Good idea. Sorry for the confusion.
GX: ладно, забудь || Хорошо. Извините, что не смог помочь.
GX: déjalo, no pasa nada || Vale, lo siento. Si quieres, lo intentamos más tarde.
GS: thank you very much, now is clear!
GS: muchas gracias, perfecto
GS: спасибо, теперь понятно
GS: 明白了，谢谢！
GS: very good explain
GS: ok I understand now 👍
GN: other question, what mean "break a leg"? || It means "good luck", usually said to performers.
GN: how I say "sobremesa" in english? || There's no single word; "staying at the table after a meal, chatting" describes it.
GN: is wrong to say "I am agree"? I hear it many times || Standard English is "I agree": "agree" is a verb, so no "am".
GN: в английском есть падежи? || Почти нет: только у местоимений (I/me, he/him) и притяжательное 's.
GN: in email I write "thanks" or "thank you", which is more polite? || "Thank you" is a little more formal; "thanks" is fine with people you know.
GNW: 等一下，我去倒杯水 || 好的，不急。
GNW: sorry, my cat is on keyboard lol || Ha, no problem.
GL: ok I go to class now, bye! || Bye, good luck in class!
GL: me voy a dormir, hasta mañana || ¡Hasta mañana, que descanses!
GL: 好的，我先下线了 || 好的，再见！
ACK: You're welcome! Keep practising.
ACK: Glad it helps!
ACK: De nada, ¡sigue así!
ACK: 不客气！加油！
RETRY: Sorry! Let me explain more simply. Which part is confusing?
RETRY: I'm sorry. Can you write the sentence you want to say? I'll correct it.
RETRY: Apologies. Would an explanation in your language help?

@ since-for
U: when I use "since" and when "for"? example: I live here since 2019
B: "I live here since 2019" is correct.
G: "For" + a length of time (for five years), "since" + a starting point (since 2019), usually with the present perfect: "I have lived here since 2019."
F: Sorry, I was wrong. It's "I have lived here since 2019." Use "since" with a starting point and "for" with a length of time.
F2: Sorry. Two examples: "I have lived here since 2019." "I have lived here for five years."
D: but my teacher mark it wrong
D: en inglés no es "have lived"?
D: I think is "I have lived", no?
S: ahh ok, "have lived". now I understand
S: perfecto, muy claro
S: ok! and "I know him for 10 years"? || "I have known him for 10 years."
N: en español decimos "vivo aquí desde 2019", por eso me confundo || Exacto: en español se usa el presente, pero en inglés el present perfect.
N: what about "ago", is similar? || "Ago" goes with the past simple: "I moved here five years ago."
N: is wrong if I say "since five years"? || Yes, with a length of time use "for": "for five years".

@ leave-email
U: please check my email to boss: "Tomorrow I want to ask leave one day because my mother go to hospital."
B: "Tomorrow I want ask for leave one day because my mother go to hospital."
G: "I would like to request a day off tomorrow, as I need to take my mother to the hospital."
F: Sorry, I missed the grammar. Better: "I would like to request a day off tomorrow, as my mother has a hospital appointment."
F2: Sorry. Simpler version: "Could I take tomorrow off? My mother has to go to the hospital."
D: "my mother go" is still wrong I think?
D: you didn't change the grammar
D: 这个还是有语法错误吧
S: 很好，谢谢！sounds very professional
S: perfect, I send it now
S: thank you! how I write the subject? || "Leave request - [date]"
N: my boss is American, very casual || Then: "Hi Mark, could I take tomorrow off? My mom has a hospital appointment."
N: "request" and "ask for" same meaning? || Similar; "request" is more formal.
N: 不是我陪妈妈，是妈妈自己去，我要照顾弟弟 || 那可以写："I need to look after my younger brother tomorrow while my mother is at the hospital."

@ articles
U: when I use "the" and when "a"? in russian we don't have this
B: Articles mark definiteness and specificity. Consider anaphoric reference, generic reference, uniqueness, cataphora, bridging reference, count/mass distinctions, and the interaction with quantifiers and determiners in noun phrase structure...
G: Simple rule: "a" = one of many, or the first time you mention it (I saw a dog). "the" = the listener knows which one (The dog was big).
F: Sorry, too complicated. Simple rule: "a" for something new or one of many; "the" when the listener knows which one.
F2: Sorry. Try this: first time "a", second time "the". "I bought a book. The book is good."
D: слишком сложно, можно проще?
D: too many rules, I not remember all
D: what is "anaphora"? I ask simple
S: вот теперь понятно, спасибо!
S: very good, simple rule I can remember
S: ok! and with names of countries? || Usually no article (France, Japan), but "the" with plural names or "republic/kingdom" (the USA, the UK).
N: в русском есть "этот", это как "the"? || Похоже, но "the" используется гораздо чаще и слабее, чем "этот".
N: and "an"? || "An" is "a" before a vowel sound: an apple, an hour.
N: can you check: "I went to the shop and bought a bread." || Almost: "bread" is uncountable, so "I bought some bread" or "a loaf of bread".

@ in-on-at
U: I always confuse "in", "on", "at" for time. in Arabic we use one word
B: Use "in" for days: "in Monday", "in my birthday".
G: at + clock time (at 5pm), on + day or date (on Monday, on 3 May), in + month, year or season (in July, in 2020).
F: Sorry, that was wrong. Days take "on": on Monday, on my birthday. At for clock times, in for months and years.
F2: Sorry. Short table: AT 5pm / ON Monday, ON 3 May / IN July, IN 2020, IN summer.
D: my book says "on Monday"
D: "in Monday" sounds strange no?
D: I think it is "on" for days
S: now I get it, thank you so much
S: shukran! very clear
S: ok. and "in the morning" but "at night"? why? || It's just fixed usage: in the morning/afternoon/evening, but at night.
N: in arabic we say "fi" for all || That's why it's tricky: English splits it three ways.
N: and for weekend? at or on? || British: at the weekend; American: on the weekend.
N: is wrong "in the Christmas"? || Say "at Christmas" for the holiday period, or "on Christmas Day".

@ age-be
U: ¿Cómo se dice "tengo 25 años" en inglés? I always say "I have 25 years"
B: "I have 25 years old."
G: "I am 25" or "I'm 25 years old." English uses "be" for age.
F: Sorry, that's wrong. English uses "be": "I'm 25" or "I'm 25 years old."
F2: Perdón. En inglés la edad va con "be": "I am 25".
D: pero me dijeron que no se usa "have"
D: isn't it "I am 25"?
D: eso suena raro, ¿seguro?
S: ¡ah claro! "I am 25", gracias
S: ok, I am 25, easy
S: gracias. ¿y "tengo hambre"? || "I'm hungry", also with "be".
N: y para "tengo frío"? || "I'm cold."
N: my friend from Mexico also say "I have 25" lol || It's a very common mistake for Spanish speakers.
NW: no es mi edad real jaja, solo ejemplo || Jaja, claro.

@ th-sound
U: how to pronounce "th" in "think"? I always say "sink"
B: Put your tongue on the roof of your mouth, like for "d".
G: Put the tip of your tongue lightly between your teeth and blow air out: no voice for "think", with voice for "this".
F: Sorry, that gives a "d". Tongue tip lightly between the teeth, then blow air.
F2: Sorry. Practise in a mirror: you should see the tip of your tongue.
D: that sounds like "dink" now
D: 舌头不是应该放在牙齿中间吗?
D: my teacher say tongue between teeth
S: 我试了，现在好多了！
S: think, three, thank - sounds correct now!
S: ok! and "this" is the same? || Same tongue position, but add voice (your throat vibrates).
N: 我是广东人 || Many Cantonese speakers find "th" hard because it doesn't exist in Cantonese; practice helps.
N: is ok if people understand "sink"? || Usually context makes it clear, but "th" avoids confusion.
N: any tongue twister for practise? || "Thirty-three thousand thin thistles."

@ prof-email
U: пишу письмо профессору: "Hello Professor Smith, I want you to explain me the homework"
B: That's perfectly polite, you can send it.
G: "Dear Professor Smith, could you please explain the homework to me?" "Could you please" is politer, and it's "explain something to me".
F: Sorry, I should have corrected it. Better: "Dear Professor Smith, could you please explain the homework to me?"
F2: Sorry. Even more polite: "Dear Professor Smith, I was wondering if you could explain the homework to me."
D: мне сказали что "I want you" звучит грубо
D: is not rude? my friend say is rude
D: also "explain me" is wrong I think
S: отлично, так намного лучше
S: I sent it and he answered nice
S: ok. how I finish the letter? || "Kind regards" or "Best regards", then your name.
N: в России мы пишем очень формально || In English academic emails, polite but short is fine.
N: his name is Dr. Smith actually, not professor || Then "Dear Dr. Smith".
N: can I write "Hi" or is too casual? || "Hi" is fine for many professors, but "Dear" is safer the first time.

@ look-phrasal
U: what is difference "look for", "look after", "look up"?
B: They all mean "to see".
G: look for = search; look after = take care of; look up = find information (for example in a dictionary).
F: Sorry, that was wrong. look for = search, look after = take care of, look up = find information.
F2: Sorry. Examples: "I'm looking for my keys." "She looks after her sister." "Look up the word."
D: but they are different no? my book give different meanings
D: all mean "see"? I don't think
D: this don't help me
S: very clear now, shukran
S: ok, I look after my little sister every day - now I know the word!
S: thanks! and "look forward to"? || It means to feel happy about something in the future: "I look forward to meeting you."
N: "look into" also? || It means to investigate: "The police will look into it."
N: is wrong "I look for my keys since 1 hour"? || Yes: "I have been looking for my keys for an hour."
N: en español son verbos distintos: buscar, cuidar, consultar || Exacto. En inglés es el mismo verbo "look" y la palabra pequeña cambia el significado.
"""

BANKS["editor"] = r"""
GD: That doesn't answer the question I asked.
GD: Reads like a press release.
GD: You've buried the lede.
GD: No. Flat.
GD: That's not how our desk does it, and not how anyone's does.
GD: Where are you getting that?
GR: Same problem.
GR: Still not there.
GR: That's the same sentence with the words moved around.
GR: Nope. Still clunky.
GX: Never mind, I'll write it myself. || Fair enough. Sorry it didn't land.
GX: Forget it. Deadline's in ten minutes. || Understood. Sorry I couldn't get it there in time.
GX: I'll pass. || OK.
GS: Good. Running it.
GS: That works.
GS: Clean. Thanks.
GS: Fine. Better than mine, annoyingly.
GS: Can't argue with that.
GS: Tight. Good.
GN: Unrelated: "lead" or "led" for the past tense? || "Led."
GN: Is it wrong to start a sentence with "And"? || No. It's fine in most styles, used sparingly.
GN: Em dash or en dash for ranges? || En dash for ranges (10-20 written with an en dash); em dash for breaks in a sentence.
GN: Is "Thanks in advance" too pushy as an email sign-off? || Some readers find it presumptuous; "Thanks" or "Best" is safer.
GN: What's AP on numbers under ten? || Spell out one through nine, figures for 10 and up, with exceptions such as ages and percentages.
GNW: Hang on, editor's calling. || Sure.
GNW: Back. Sorry, production meeting. || No problem.
GL: Filing now. || Good luck with it.
GL: Right, back to the desk. || Good luck.
GL: Done for the day. || Have a good evening.
ACK: Good luck with it.
ACK: Glad it works.
ACK: 👍
ACK: Great.
RETRY: Sorry. What's the exact word count and which style guide?
RETRY: Fair. Send me the original line again and I'll tighten it properly.
RETRY: Noted. What tone do you want: news, feature, or ad copy?

@ headline
U: Headline under 60 characters: city council votes to close two libraries to cover budget gap.
B: In a Controversial Move, City Council Votes to Shutter Two Beloved Neighborhood Libraries Amid Budget Crisis
G: Council votes to close two libraries to fill budget gap (55 characters)
F: Sorry. "Council votes to close two libraries to fill budget gap" is 55 characters and neutral.
F2: Sorry. Shorter: "Council to close two libraries over budget gap" (46).
D: That's over 100 characters.
D: "Beloved" is editorialising.
D: Under 60, I said.
S: 55 characters, neutral. Good.
S: That'll do for the web slot.
S: Good. Now a standfirst, about 20 words. || Two branches will shut next year after councillors voted to close the budget gap, despite protests from residents.
N: It's for print, so SEO doesn't matter. || Then you can go punchier: "Two libraries to close as council cuts costs".
N: Which branches? Eastside and Hill Road. || "Council votes to shut Eastside, Hill Road libraries" (51 characters).
N: Not sure whether the desk capitalises every word in heads. || AP-style papers mostly use sentence case for headlines; check your desk's guide.

@ trim-40
U: Trim to 40 words max: "The new bakery on Elm Street, which opened its doors to the public last Saturday morning, is already drawing long lines of eager customers who are lining up around the block each day to sample its freshly baked sourdough and its many pastries made daily."
B: The new bakery on Elm Street, which opened to the public last Saturday morning, is already drawing long lines of eager customers lining up around the block each day to sample its freshly baked sourdough bread and its many pastries, all made daily.
G: Elm Street's new bakery, open since Saturday, already has queues around the block for its sourdough and daily-baked pastries. (19 words)
F: Sorry, I barely cut it. "Elm Street's new bakery, open since Saturday, already has queues around the block for its sourdough and daily-baked pastries." 19 words.
F2: Sorry. Tighter still: "Elm Street's new bakery has had queues round the block since Saturday." 12 words.
D: That's 44 words.
D: You cut almost nothing.
D: Did you count it?
S: 19 words and nothing lost. Good.
S: That's the version.
S: Good. Now a 10-word version for social. || Elm Street's new bakery: queues round the block for sourdough.
N: It's for the print edition, we're tight on space. || Then the 19-word version fits well.
N: Should "sourdough" be one word? || Yes, one word.
N: The owner's name is Rosa Díaz, should be in there. || "Rosa Díaz's new Elm Street bakery, open since Saturday, already has queues around the block for its sourdough and pastries."

@ ap-check
U: AP style check: "On Sept. 5th, 2023 the Governor said 10 percent of residents would lose coverage."
B: Looks good as is.
G: "On Sept. 5, 2023, the governor said 10% of residents would lose coverage." No ordinal in dates, comma after the year, lowercase "governor" without a name, and AP now uses the % sign.
F: Sorry, I missed several. "On Sept. 5, 2023, the governor said 10% of residents would lose coverage."
F2: Sorry. The four fixes: "5th" to "5", comma after 2023, lowercase "governor", "10 percent" to "10%".
D: "5th"? AP doesn't use ordinals in dates.
D: You missed the comma after the year.
D: Governor is capped before a name only. There's no name.
S: Yes. Forgot the % change.
S: Exactly what I needed.
S: Right. "Tuesday, Sept. 12" - comma? || Yes: "Tuesday, Sept. 12".
N: The governor is Maria Ortiz, I left it out. || Then "Gov. Maria Ortiz said...": abbreviated and capitalised before the name.
N: When did AP switch to the % sign? || In 2019.
N: Is "percent" wrong now or just not preferred? || For AP, use the sign with numerals in most cases; "percent" is still fine outside AP.

@ tagline
U: Tagline for an eco laundry detergent. Max six words, no puns.
B: Clean Clothes, Clean Conscience, Clean Planet Forever
G: Tough on stains. Easy on rivers.
F: Sorry, that was seven. Six words: "Tough on stains. Easy on rivers."
F2: Sorry. Alternatives, all six or fewer: "Cleaner clothes. Cleaner water." / "Stains out. Nothing nasty in."
D: Seven words.
D: Max six.
D: Count again.
S: Client liked it.
S: Good. That's going in the deck.
S: Good. Three more in the same vein. || "Cleaner clothes. Cleaner water." / "Powerful wash, gentle footprint." / "Stains out. Nothing nasty in."
N: Audience is parents mostly. || Then something like "Safe for them. Tough on stains."
N: The brand name is Fernleaf, if it should go in. || "Fernleaf. Tough on stains, easy on rivers." Still six words.
NW: No rush, the pitch is Thursday. || Good, plenty of time to test a few.

@ fire-lede
U: One-sentence news lede: warehouse fire on 5th Ave, no injuries, 40 firefighters, started 2am Tuesday, cause under investigation.
B: Tragedy struck early Tuesday when a devastating inferno tore through a 5th Avenue warehouse, as 40 brave firefighters battled the raging blaze.
G: About 40 firefighters battled a fire at a Fifth Avenue warehouse early Tuesday; no one was injured, and the cause is under investigation.
F: Sorry, overwrought. "About 40 firefighters battled a fire at a Fifth Avenue warehouse early Tuesday; no one was injured, and the cause is under investigation."
F2: Sorry. Plainer still: "A fire damaged a Fifth Avenue warehouse early Tuesday. No one was hurt."
D: No one was hurt. "Tragedy" is wrong.
D: Too dramatic for what happened.
D: "Devastating" - says who?
S: Straight and clean. Filing.
S: That's the lede.
S: Good. Second graf with a placeholder for the chief's quote. || Fire Chief [NAME] said crews arrived within minutes and had the fire under control by [TIME]. "[QUOTE]," [NAME] said.
N: It's a breaking-news alert, so shorter. || "Fire hits Fifth Avenue warehouse; no injuries reported."
N: Do we write 5th Ave. or Fifth Avenue? || AP spells out First through Ninth in street names: Fifth Avenue. Abbreviate Ave. only with a numbered address.
N: Should the 2am time go in at all? || Put it in the second paragraph; "early Tuesday" covers it in the lede.

@ oxford
U: Remove the Oxford comma: "We invited the mayor, the chief, and the council."
B: "We invited the mayor, the chief, and the council." This already follows the style.
G: "We invited the mayor, the chief and the council."
F: Sorry. "We invited the mayor, the chief and the council."
F2: Sorry, removed: the comma before "and" is gone.
D: It still has the Oxford comma.
D: That's identical to what I sent.
D: Remove. The. Comma.
S: Yep, that's it.
S: Fine.
S: Good. Same for "red, white, and blue flags." || "red, white and blue flags."
N: Our guide is the Guardian's, if that matters. || The Guardian also drops the serial comma except where it's needed for clarity.
N: When is it needed for clarity? || When an item itself contains "and": "toast, eggs, and bread and butter".
N: Any other commas in there we'd lose? || No, that was the only one.

@ release-brief
U: Turn this into a neutral two-sentence brief: "Acme is thrilled to announce the revolutionary launch of its game-changing AcmeSync app, available today."
B: Acme has thrilled the world with its revolutionary, game-changing AcmeSync app, which is available now!
G: Acme has released AcmeSync, a new app. It is available from today.
F: Sorry, I kept the hype. "Acme has released AcmeSync, a new app. It is available from today."
F2: Sorry. With a little more substance: "Acme has released AcmeSync, a new app. The company said it is available from today."
D: That's still the press release.
D: "Revolutionary" and "game-changing" stay in? Really?
D: Exclamation mark in a news brief?
S: Neutral. Good.
S: That's the tone.
S: Fine. Add that they didn't give pricing. || "The company did not disclose pricing."
N: It syncs calendars, it says further down. || "Acme has released AcmeSync, an app that syncs calendars. It is available from today."
N: Is "launched" too promotional? || No, it's neutral; "released" works too.
N: They sent it at 6am, no embargo. || Then you can run it straight away.

@ typos-only
U: Fix typos only, keep my voice: "Their going to announce the winners tomorow, weather or not the judges agree."
B: "The winners will be announced tomorrow regardless of the judges' consensus."
G: "They're going to announce the winners tomorrow, whether or not the judges agree."
F: Sorry, I rewrote it. Typos only: "They're going to announce the winners tomorrow, whether or not the judges agree."
F2: Sorry. Three changes only: Their to They're, tomorow to tomorrow, weather to whether.
D: I said typos only.
D: That's not my voice anymore.
D: You rewrote the whole thing.
S: Three typos, three fixes. Good.
S: Exactly.
S: Good. Next: "Its been a long season for the the team." || "It's been a long season for the team."
N: It's a column, so the voice matters. || Understood: typo fixes only from here on.
N: Is "weather or not" ever right? || Only as a pun; otherwise it's "whether".
N: No rush, but there are about ten more of these later. || Fine. Same rule: typos only.
"""

BANKS["finance"] = r"""
GD: those numbers don't add up
GD: did you check the sum?
GD: hmm, I don't think that's right
GD: this is all caveats and no answer
GD: that doesn't match what the bank told me
GD: where did that figure come from?
GR: still doesn't match my spreadsheet
GR: the total is still off
GR: same mistake as before
GR: you changed the wording, not the number
GX: I'll just use an online calculator || That's sensible. Sorry the numbers weren't right here.
GX: forget it, I'll ask my accountant || Good idea. Sorry about the errors.
GX: ok I'm done, I'll do it by hand || Fair enough. Sorry for the trouble.
GS: numbers check out
GS: matches my spreadsheet exactly
GS: great, that's clear
GS: that's helpful, cheers
GS: no complaints, that's right
GS: spot on 👍
GN: unrelated, what's the difference between a Roth and a traditional IRA || Roth: pay tax now, withdrawals tax-free later. Traditional: deduct now, pay tax on withdrawals.
GN: is it wrong to keep an emergency fund in savings instead of investing it || No, that's the usual advice: it should be safe and easy to reach.
GN: what's a good rule of thumb for rent vs income || A common one is keeping rent under about 30% of gross income.
GN: how do I lock a cell reference in excel again || Use $, e.g. $A$1, or press F4 while editing the reference.
GNW: give me a sec, checking my bank app || Sure.
GNW: sorry, had to take a call || No problem.
GL: ok, going to update the sheet || Good luck with it!
GL: that's all for now, bye || Bye!
GL: off to the bank appointment || Good luck!
ACK: You're welcome. Good luck with the budget!
ACK: Glad it adds up.
ACK: Happy to help.
ACK: Great, good luck.
RETRY: Sorry about that. Can you give me the exact figures again so I can recompute step by step?
RETRY: You're right to check. Which number looks off to you? I'll redo it line by line.
RETRY: Apologies. What does your spreadsheet show, so I can see where we differ?

@ budget-left
U: monthly take-home 3200. rent 1150, groceries 450, transport 180, subscriptions 60, utilities 140. how much is left?
B: You have 1,320 left each month.
G: Expenses total 1,980, leaving 1,220 a month.
F: Sorry, I added wrong. Expenses: 1,150 + 450 + 180 + 60 + 140 = 1,980, so 1,220 left.
F2: Sorry. Step by step: 1,150 + 450 = 1,600; + 180 = 1,780; + 60 = 1,840; + 140 = 1,980. 3,200 - 1,980 = 1,220.
D: I get 1220
D: 1150+450+180+60+140 is 1980, so 1220 left
D: that's 100 off
S: 1220, matches mine
S: ok 1220, that's what I got too
S: ok. if I save 20% of take-home, what's left for fun? || 20% of 3,200 is 640, so 1,220 - 640 = 580 for everything else.
N: oh I forgot phone, 45 a month || Then expenses are 2,025 and 1,175 is left.
N: is 450 a lot for groceries for one person || It depends where you live; many single people spend 300-500.
N: what's take-home vs gross again || Take-home is after tax and deductions; gross is before.

@ simple-interest
U: simple interest on 5000 at 6% a year for 3 years?
B: The interest is 300.
G: 5000 x 0.06 x 3 = 900.
F: Sorry, 300 is one year. For three years: 5000 x 0.06 x 3 = 900.
F2: Sorry. 300 a year, times 3 years = 900 in total.
D: 300 is one year, I asked for 3
D: isn't that just one year's interest?
D: 3 years though
S: 900, same as the bank quoted
S: yep 900
S: and compounded annually? || 5000 x 1.06^3 = 5955.08, so 955.08 interest.
N: it's actually 5.5%, I misread || Then 5000 x 0.055 x 3 = 825.
N: does APR mean the same thing || APR includes interest plus certain fees, annualised, so it can be higher than the rate.
N: no rush but could you also show the monthly payment || For a 3-year loan at 6% repaid monthly, about 152.11 a month.

@ sumif
U: excel: sum column B only where column A says "Food"
B: =SUM(B:B,"Food")
G: =SUMIF(A:A,"Food",B:B)
F: Sorry, that sums everything. Use =SUMIF(A:A,"Food",B:B).
F2: Sorry. If there are stray spaces in column A, use =SUMIF(A:A,"*Food*",B:B).
D: that just sums everything
D: that formula gives me the total of all of B
D: isn't that supposed to be SUMIF?
S: SUMIF works, 412.50
S: perfect, that's the one
S: works. Food AND month = March in column C? || =SUMIFS(B:B,A:A,"Food",C:C,"March")
N: I'm on google sheets actually || SUMIF works the same in Google Sheets.
N: some cells say "food" in lowercase || SUMIF isn't case-sensitive, so they're included.
N: what does #VALUE! mean in general || A value of the wrong type was used, such as text where a number was expected.

@ expense-ratio
U: explain expense ratio - I'm comparing 0.03% vs 0.5% on 10,000
B: At 0.5% you'd pay 500 a year in fees, versus 3 at 0.03%.
G: 0.03% of 10,000 is 3 a year; 0.5% is 50 a year. A difference of 47 a year, growing as the balance grows.
F: Sorry, decimal slip: 0.5% of 10,000 is 50, not 500. So 3 vs 50 a year.
F2: Sorry. 10,000 x 0.005 = 50; 10,000 x 0.0003 = 3.
D: 0.5% of 10,000 is 50 not 500
D: 500? that'd be 5%
D: check the decimal
S: 3 vs 50, makes the choice easy
S: got it, going with the cheap one
S: ok. over 30 years at 7%, what's the gap roughly? || Roughly 75,500 vs 66,100 after fees, about 9,400 apart.
N: it's in a 401k if that matters || Same maths; your plan's fund list limits the choice.
N: what's an index fund vs an etf again || An ETF trades like a stock; an index fund tracks an index. Many ETFs are index funds.
N: is it wrong to just pick a target date fund || No, it's a reasonable hands-off choice; check its expense ratio.

@ bill-split
U: dinner bill 186.40, add 18% tip, split 4 ways
B: Each person pays 46.60.
G: 186.40 x 1.18 = 219.95; divided by 4 is 54.99 each.
F: Sorry, I left out the tip. 186.40 x 1.18 = 219.95, so 54.99 each.
F2: Sorry. Tip is 33.55; total 219.95; each 54.99.
D: that's without the tip
D: 46.60 x 4 is just the bill, where's the 18%
D: you forgot the tip
S: 54.99 each, sent the requests
S: perfect
S: ok. what if the tip is on pre-tax, and tax was 14.40 of that? || Pre-tax is 172.00; tip 30.96; total 217.36; each pays 54.34.
N: one of them only had a salad, but whatever, even split || Even split it is: 54.99 each.
N: round it up to 55 then || 55 each, 220 in total.
N: is 18% normal or should it be 20 || In the US, 18-20% is common for sit-down restaurants.

@ mortgage
U: mortgage 200k at 4.5%, 25 years. what's the monthly payment?
B: About 750 a month.
G: About 1,111.67 a month.
F: Sorry, 750 is only the first month's interest. The full payment is about 1,111.67 a month.
F2: Sorry. Formula: 200,000 x r / (1 - (1 + r)^-300) with r = 0.00375 gives 1,111.67.
D: 750 is just the interest
D: that can't pay off 200k in 25 years
D: the bank quoted me around 1100
S: 1111.67, matches the bank
S: ok that's right
S: good. if I overpay 200 a month, how much sooner? || About 227 months, just under 19 years, so roughly 6 years sooner.
N: it's a 2-year fix then variable || Then this is the payment for the fixed period; it will change after.
N: what's the total interest over 25 years || About 133,500 (1,111.67 x 300 - 200,000).
N: is overpaying wrong if I have no savings || It's usually better to build an emergency fund first.

@ pct-gain
U: portfolio went from 8,400 to 9,030. what % gain?
B: A 6.98% gain.
G: (9,030 - 8,400) / 8,400 = 7.5%.
F: Sorry, I divided by the new value. (9,030 - 8,400) / 8,400 = 7.5%.
F2: Sorry. 630 / 8,400 = 0.075, so 7.5%.
D: you divided by the new value
D: I get 7.5%
D: shouldn't it be divided by 8400?
S: 7.5, that's what I had
S: ok 7.5% ty
S: and if it drops back to 8,400, what % loss? || (8,400 - 9,030) / 9,030 = -6.98%.
N: I added 300 of my own money in that time || Then the investment gain is 330, about 3.9% on 8,400.
N: what does annualised mean, it was 5 months || Scaled to a yearly rate: 1.075^(12/5) - 1, about 19%.
N: is 7.5% good or not really || For five months it's strong, but short periods swing a lot.

@ card-payoff
U: credit card 3,000 at 24% APR, paying 150 a month. how long to pay off?
B: 20 months.
G: About 26 months, paying roughly 870 in interest.
F: Sorry, I ignored the interest. At 2% a month it takes about 26 months, with roughly 870 in interest.
F2: Sorry. n = -ln(1 - 0.02 x 3000 / 150) / ln(1.02), about 25.8, so 26 payments.
D: 3000/150 is 20 but that ignores the interest
D: with 24% interest it has to be longer than 20
D: you left out the APR
S: 26 months, same as the card's calculator
S: ok 26, ugh, but that's right
S: ok. and if I pay 250? || About 14 months, roughly 465 in interest.
N: I could do a 0% balance transfer with a 3% fee || The fee would be 90; if the 0% lasts the whole payoff, you'd save most of the ~870 interest.
N: what's the minimum payment usually || Often 1-3% of the balance plus interest; paying only that takes years.
N: is it wrong to pay it off before building savings || Many people keep a small buffer first, then attack high-interest debt.
"""

BANKS["kids"] = r"""
GD: i dont get it
GD: ur not helping lol
GD: thats not what i asked!!
GD: ummm no
GD: thats not right my teacher said different
GD: huh?? that makes no sense
GR: still dont get it
GR: it still doesnt work
GR: u said the same thing again
GR: nope still wrong
GX: nvm ill ask my brother || Ok! Sorry I couldn't help better.
GX: ugh forget it || Ok, sorry about that!
GX: im just gonna ask my teacher tmrw || Good idea!
GS: YESSS thank u
GS: omg thats so cool
GS: ok that makes sense now
GS: ur the best
GS: W 🔥
GS: ok not bad
GN: whats ur favorite animal || I don't have one myself, but lots of people love octopuses. They're super smart!
GN: do u know any jokes || Why did the math book look sad? It had too many problems.
GN: is it wrong to like math more than recess lol || Nope! Liking math is awesome.
GN: how far away is the moon || About 384,000 km. That's like driving around the Earth almost 10 times!
GNW: brb dinner || Enjoy your dinner!
GNW: my cat is sitting on my homework rn || Ha! Cats love paper.
GL: gtg bye!! || Bye! Have fun!
GL: my mom says i have to get off || Ok, bye! See you next time.
GL: ok bye im going to play outside || Have fun outside!
ACK: Yay, glad it helped!
ACK: You're welcome! Have fun!
ACK: Awesome! 🎉
ACK: Great job!
RETRY: Sorry! Let me try again, simpler. Which part is confusing?
RETRY: Oops, my bad! Can you tell me what it says on your sheet?
RETRY: Sorry about that! Let's go step by step.

@ fractions
U: whats 3/4 + 1/8 i dont get fractions
B: 4/12
G: Make the bottoms the same first: 3/4 = 6/8. Then 6/8 + 1/8 = 7/8.
F: Oops, sorry! You can't add the bottoms. Change 3/4 into 6/8, then 6/8 + 1/8 = 7/8.
F2: Sorry! Think of pizza: 3/4 is 6 slices out of 8. Add 1 more slice: 7 out of 8, so 7/8.
D: my teacher said u cant just add the bottoms
D: 4/12?? thats smaller than 3/4 lol
D: the answer key says 7/8
S: OHHH u make them the same. ok 7/8!!
S: i got the next one right too!!
S: ok what about 2/3 + 1/6 || 2/3 = 4/6, so 4/6 + 1/6 = 5/6.
N: its for 5th grade || Perfect, this is exactly how 5th grade does it.
N: do u have to always make them the same || For adding and subtracting, yes! For multiplying, no.
N: why is it called a denominator thats a weird word || It comes from Latin for "namer": it names what kind of pieces (eighths, quarters).

@ nether
U: how do i make a nether portal
B: Use 10 diamond blocks in a rectangle and right-click it.
G: You need obsidian: make a frame 4 wide and 5 tall (you can skip the corners, so 10 blocks), then light it with flint and steel.
F: Sorry, it's obsidian, not diamond! Build a 4 by 5 frame of obsidian and light it with flint and steel.
F2: Sorry! Make sure the inside is empty (2 wide, 3 tall) and light the bottom block.
D: its obsidian not diamond
D: my friend said obsidian
D: i tried diamond and nothing happened
S: IT WORKS im in the nether!!!
S: omg its purple its working
S: ok im in. how do i not die lol || Wear at least one piece of gold armor so piglins don't attack, bring a shield, and don't dig straight down.
N: im on switch || Same on Switch: obsidian frame, flint and steel.
N: i dont have flint and steel || Mine gravel until you get flint, then craft it with an iron ingot.
N: what if a ghast shoots it || It might go out. Just light it again.

@ science-fair
U: ideas for science fair project, im in 6th grade, it cant be gross
B: Grow mold on bread for 3 weeks and compare the fuzzy colors!
G: Which paper towel brand soaks up the most water? Does the color of a cup change how fast ice melts? Which paper airplane design flies farthest?
F: Sorry, you said not gross! Try: which paper airplane flies farthest, which paper towel soaks up most, or does cup color change how fast ice melts.
F2: Sorry! One more clean idea: which ball bounces highest on different floors?
D: i said not gross
D: mold is literally gross
D: ew no
S: paper airplanes!!! doing that
S: the ice one is cool, my mom said yes
S: airplanes! how do i make it a real experiment tho || Change only one thing (the design), keep everything else the same, throw each one 5 times and measure.
N: its due in 2 weeks || Plenty of time for the airplanes or the ice one.
N: my friend is doing volcanoes is that too easy || It's popular, but you can make it a real test by changing the baking soda amount and measuring.
N: do i need a hypothesis || Yes, a guess about what will happen, like "the dart design will fly farthest".

@ book-report
U: i need to write a book report on charlottes web but i only read half lol
B: Charlotte is a friendly cat who helps Wilbur the pig escape from the farm.
G: Charlotte is a spider who saves Wilbur the pig by writing words in her web. Try to finish it, the ending is the best part! I can help you plan the report.
F: Sorry, my mistake! Charlotte is a spider. She saves Wilbur by writing words like "SOME PIG" in her web.
F2: Sorry! Quick summary of the first half: Fern saves Wilbur, he moves to the barn, and he meets Charlotte the spider.
D: charlotte is a spider??
D: no shes a spider lol
D: did u even read it
S: ok i finished it and i cried a little
S: thanks i think i can write it now
S: ok i read it. how do i start the report || Start with the title, the author (E.B. White) and one sentence about what the book is about.
N: its due friday || If you read a few chapters each night you can finish by Wednesday.
N: whos templeton again || The rat at the farm. Kind of grumpy, but he helps in the end.
N: do i have to say if i liked it || Most book reports ask for your opinion at the end. One or two sentences is fine.

@ robux
U: how do i get more robux without paying lol
B: Try a free robux generator website, there are lots of them.
G: There isn't a free legit way, except making a game or items people buy, or getting a gift card. "Free Robux" sites are scams that steal accounts.
F: Sorry, that was bad advice! Those generator sites are scams. The real ways are gift cards or making things people buy.
F2: Sorry! Never type your password into any site that promises Robux.
D: my brother said those are scams
D: thats a scam tho
D: wont that get my account hacked
S: ok i wont click those
S: makes sense, ill ask for a gift card for my bday
S: ok. how do i make a game then || Open Roblox Studio (it's free), start from a template like an obby, and follow the tutorials.
N: im 11 || Then ask a parent before buying anything.
N: whats the cheapest gift card || Usually the smallest is around 10 dollars.
N: is it wrong to trade items || Trading the official way is fine. Never give your password to anyone.

@ spelling
U: how do u spell the word that means like, needed, i keep getting it wrong
B: neccessary
G: necessary: one C, two S's. Trick: a shirt has one Collar and two Sleeves.
F: Oops, sorry! It's "necessary": one C, two S's. One Collar, two Sleeves.
F2: Sorry! Letter by letter: n-e-c-e-s-s-a-r-y.
D: thats not it, spellcheck still puts a red line
D: theres only one c i think
D: my teacher crossed it out
S: one collar two sleeves lol i'll remember that
S: spellcheck is happy now
S: ok now how do i spell beleive || "believe": b-e-l-i-e-v-e. I before E!
N: its for my spelling test tmrw || Good luck! Try writing it 5 times tonight.
N: why is english spelling so weird || It borrowed words from lots of languages, so the rules are messy.
N: whats a word that means the same but easier || "needed".

@ hamster
U: my hamster sleeps all day is he sick
B: He's probably sick, take him to the vet right away!
G: Hamsters are nocturnal, so sleeping all day is normal! If he eats, drinks and runs around at night, he's probably fine.
F: Sorry, I scared you! Hamsters sleep in the day and wake up at night. That's normal.
F2: Sorry! Signs to really worry about: not eating, wet fur near his tail, or not moving at night either.
D: my dad said hamsters sleep in the day
D: but hes awake at night running on his wheel
D: isnt that normal for hamsters?
S: phew ok hes fine
S: ok i was so worried thank u
S: ok. what can i feed him as a treat || Small bits of carrot, apple without seeds, or a sunflower seed now and then.
NW: his name is nugget || Nugget is a great name!
N: can he have cheese || A tiny bit of plain cheese once in a while is ok, but not often.
N: why do they stuff their cheeks || They carry food back to their nest to save it for later.

@ nines
U: whats a trick for the 9 times table
B: For any n, 9n = 10n - n, so the tens digit is n - 1 and the digits sum to 9, which follows from the congruence 10 = 1 mod 9.
G: Hold up 10 fingers. For 9 x 4, put down your 4th finger. Fingers on the left = 3, on the right = 6. Answer: 36!
F: Sorry, that was too hard! Finger trick: for 9 x 4, put down finger number 4. Left side 3, right side 6, so 36.
F2: Sorry! Another trick: the answer's first digit is one less than the number, and the two digits add up to 9. 9 x 7: 6 and 3, so 63.
D: i dont get any of that
D: whats n lol
D: im 9 thats too hard
S: WAIT THATS SO COOL
S: it works for 9x7 too!!! 63
S: OMG. is there one for 11s || For 11 times a single digit, write the digit twice: 11 x 4 = 44.
NW: it's for a quiz friday || You'll do great with the finger trick.
N: does it work past 10 || The finger trick only works up to 9 x 10.
N: my sister said its cheating lol || It's not cheating, it's a pattern! Math is full of them.
"""

BANKS["polite"] = r"""
GD: Bless your heart, but that's not quite what I was asking.
GD: Sorry to be a bother, but I don't think that's quite right.
GD: Kindly note, this is not what I had requested.
GD: Ah, that's lovely, but it's not really answering the question, is it?
GD: No worries mate, but that's a fair way off the mark.
GD: I hate to say it, but I'm not sure that's correct.
GR: Thanks ever so much, but I'm afraid it's still the same.
GR: Sorry, same issue is persisting only.
GR: I do appreciate the effort, truly, but it still isn't right.
GR: Ah, we're back where we started, I'm afraid.
GX: Not to worry, I'll ask my nephew when he visits. || That sounds like a good plan. I'm sorry I couldn't be more help.
GX: I'll leave it there for now, thank you for trying. || You're very kind. Sorry I couldn't sort it out.
GX: No matter, I'll manage somehow. Cheers anyway. || Sorry I wasn't more use. Take care.
GS: Well, aren't you a treasure. That's exactly it.
GS: Thank you so much, this is very helpful indeed.
GS: Grand, that's perfect altogether.
GS: Ripper, that's sorted. Cheers!
GS: I couldn't have asked for better, thank you kindly.
GS: That'll do nicely, thanks a million.
GN: If it's no trouble, could I ask something unrelated? How long do I boil an egg for soft? || About 6 minutes from boiling for a soft, jammy yolk.
GN: Is it wrong to send a thank-you card by email these days? || Not at all. Email is perfectly acceptable for most people now.
GN: My grandson says I should learn to text properly, what do you think? || It's handy! Start with short messages and ask him to show you the basics.
GN: Kindly tell me, what is the best time to call the US East Coast from Bangalore? || Early evening in India, around 6-8pm IST, is morning on the East Coast.
GNW: Pardon me a moment, there's someone at the door. || Of course, take your time.
GNW: Sorry now, the kettle's just boiled. || No problem at all.
GL: I'll let you get on now. Take care. || You too. Take care!
GL: Right so, I'll be off. Mind yourself. || You too, take care!
GL: Okay, I will take leave now. Have a good day. || You too, have a wonderful day!
ACK: You're very welcome!
ACK: My pleasure. Take care.
ACK: Glad I could help!
ACK: Happy to help anytime.
RETRY: I'm so sorry about that. Could you tell me a bit more, so I can get it right?
RETRY: My apologies. Let me try again: what exactly would you like it to do?
RETRY: Sorry for the muddle. Shall we go through it one step at a time?

@ pecan-pie
U: Hi there, hope you're well! Could you give me a pecan pie recipe? I'm baking for church on Sunday and I need it without corn syrup, if that's not too much trouble.
B: Classic pecan pie: 1 cup light corn syrup, 1 cup sugar, 3 eggs, 2 tbsp butter, 1 tsp vanilla, 1.5 cups pecans. Bake at 350F for 60 minutes.
G: Corn-syrup-free pecan pie: 1 cup brown sugar, 1/2 cup maple syrup, 1/2 cup melted butter, 3 eggs, 1 tsp vanilla, a pinch of salt, 1.5 cups pecans. Bake at 350F for 50-55 minutes.
F: I'm sorry, I missed that. Without corn syrup: 1 cup brown sugar, 1/2 cup maple syrup, 1/2 cup melted butter, 3 eggs, 1 tsp vanilla, pinch of salt, 1.5 cups pecans. 350F for 50-55 minutes.
F2: Sorry. If you'd rather skip maple too, use honey in the same amount and bake a few minutes less.
D: Oh honey, that's got corn syrup right there in the first line.
D: I appreciate it, sugar, but I did mention no corn syrup.
D: Well now, isn't corn syrup the one thing I asked to leave out?
S: Well, that pie turned out just beautiful. Thank you, darlin'.
S: The maple version was a hit with the whole congregation!
S: That's wonderful. Now, would you happen to know how to keep the crust from burning? || Cover the edges with foil or a pie shield for the first 25-30 minutes.
N: I should say, the pastor's wife is diabetic, bless her. || Then you might bake a few small ones with a sugar substitute like allulose for her.
N: Would you do it in a glass dish or metal? || Glass lets you see the bottom crust browning; allow about 5 extra minutes.
N: Is it wrong to toast the pecans first? || Not at all. Toasting gives a deeper flavour.

@ whatsapp-backup
U: Good morning. Kindly help me, my WhatsApp backup is not happening on my Android phone, it is stuck at 0% only.
B: Go to Settings > iCloud and turn on WhatsApp backup.
G: On Android: check you're signed in to a Google account, then Settings > Chats > Chat backup, choose the account, use Wi-Fi, and make sure Google Drive has space. Clearing the Google Play Services cache can help if it stays stuck.
F: Sorry, iCloud is for iPhone. On Android: Settings > Chats > Chat backup, pick your Google account, connect to Wi-Fi, and check Drive space.
F2: Sorry. If it still stays at 0%, clear the cache of Google Play Services and WhatsApp, restart the phone and try again.
D: Sorry, but I am having an Android phone, not iPhone.
D: iCloud is there on Android? I am not finding.
D: Kindly see, I have mentioned Android.
S: Thank you so much, backup is done now. Very nice.
S: It worked after clearing cache. Many thanks.
S: It is done, thank you. Now how to restore on new phone? || Install WhatsApp on the new phone with the same number and Google account; it will offer to restore.
N: My Google Drive is showing full, I forgot to tell. || Then free some space or buy more storage; the backup needs room.
N: Is it wrong to take backup daily, will it use more data? || Not wrong. It uploads only changes, so on Wi-Fi it's fine.
N: My son is saying to use "end-to-end encrypted backup", what is that? || It locks the backup with a password or key so only you can read it.

@ galway-bus
U: Ah hello, I wonder could you help me. I'm trying to get from Galway to Dublin Airport by bus, is there a direct one at all?
B: You'll need to take the train to Heuston Station and then a taxi to the airport.
G: Yes, there are direct coaches from Galway to Dublin Airport, for example Citylink, taking roughly two and a half hours. Check their site for times and book ahead.
F: Sorry now, you asked about the bus. There are direct coaches, Citylink for one, about two and a half hours. Booking ahead is best.
F2: Sorry. The coaches leave from the coach station in Galway city; early ones get you to the airport for morning flights.
D: Ah now, I'm nearly sure there's a direct bus, sure my cousin takes it.
D: That's a fierce roundabout way, is there no bus at all?
D: Sorry now, but I did ask about a bus.
S: Grand job, booked on the 6am one.
S: That's the one, thanks a million.
S: Lovely. And would I need to book ahead or can I pay on the bus? || Booking online is usually cheaper and guarantees a seat, especially early in the morning.
N: I've a big suitcase, mind. || Coaches have a luggage hold; one large case is normally included.
N: Is it wrong to get there only two hours before the flight? || For a short-haul flight two hours is usually fine; allow more for long-haul.
N: My flight's at 11 on Thursday, for what it's worth. || Then a coach arriving by about 8:30 would be comfortable.

@ surf-sunscreen
U: G'day, after a good sunscreen for surfing, reckon you could help? Needs to stay on in the water.
B: Any SPF 15 moisturiser will do the job.
G: Look for SPF 50+ marked water resistant (4 hours) on the label, a zinc stick for your face, and reapply after long sessions.
F: Sorry mate, that won't last in the surf. Go SPF 50+ with 4-hour water resistance, zinc on the face, and reapply.
F2: Sorry. Put it on 20 minutes before you paddle out so it sets properly.
D: Cheers mate, but SPF 15 moisturiser won't last five minutes in the surf.
D: Appreciate it, but I did say it needs to stay on in the water.
D: Not sure a moisturiser's gonna cut it out there, eh?
S: Zinc on the face, 50+ everywhere else, no burns today. Legend.
S: Bonza, that's sorted.
S: Good stuff. What about my lips? || A zinc or SPF 50 lip balm, reapplied often.
N: Forgot to mention I've got sensitive skin. || Then mineral sunscreens (zinc or titanium dioxide) are usually gentler.
N: Is it wrong to use the kids' one? || Not at all. Kids' ones are often gentle and 50+.
N: How long is "water resistant" actually good for? || Whatever the label says, usually 40 minutes or 4 hours; reapply after that.

@ bank-letter
U: Respected sir/madam, kindly help me draft a letter to my bank manager requesting to update my mobile number in my account.
B: To the Branch Manager. Subject: Request to close my savings account. I wish to close my account and request that the balance be transferred...
G: To, The Branch Manager, [Bank], [Branch]. Subject: Request to update registered mobile number. Respected Sir/Madam, I hold savings account no. [___]. Kindly update my registered mobile number from [old] to [new]. I enclose a copy of my ID. Thanking you, [Name]
F: My apologies, I wrote the wrong letter. Subject: Request to update registered mobile number. "Kindly update my registered mobile number from [old] to [new] for account no. [___]. Copy of ID enclosed. Thanking you, [Name]"
F2: Sorry. Add your account number, old and new numbers, date, and signature; that is all the branch needs.
D: Thank you, but this letter is for closing account, I want mobile number update.
D: Sorry, I think some mistake is there, I am not closing account.
D: Kindly correct, purpose is different.
S: Very nice, exactly what I wanted.
S: Submitted at branch, they have updated. Thank you so much.
S: Thank you. Also one for changing address please. || Same format with "Subject: Request to update address"; give the old and new address and attach proof.
N: My account is joint with my wife. || Then mention both names and have both of you sign.
N: Should I write date on top or bottom? || Top left, below your name and address.
N: Is "Thanking you" old-fashioned? || It's standard in Indian business letters, so it's fine.

@ quilt
U: Afternoon! I'm trying to figure out how much fabric I need for a queen quilt. Would you be a dear and help me out?
B: You'll need about 1 yard of fabric.
G: For a queen quilt about 90 x 95 inches, plan roughly 8-9 yards for the top, 7-8 yards for the backing (or about 3 yards of extra-wide backing), and 3/4 yard for binding.
F: Oh, I'm sorry, that was far too little. For a queen: about 8-9 yards for the top, 7-8 for the backing, and 3/4 yard for binding.
F2: Sorry. If you use 108-inch-wide backing, you only need about 3 yards for the back.
D: Oh my, one yard wouldn't cover a pillow, hon.
D: Well, I do believe that's a mite short for a queen.
D: Are you sure about that now? One yard for a queen bed?
S: Well that sounds about right, thank you sugar.
S: That's what Mama always said, so you must be right!
S: Perfect. And how much batting do I need? || A queen-size batting pack (about 90 x 108) will cover it.
NW: It's a wedding gift for my granddaughter. || How lovely! A quilt like that will be treasured.
N: I was fixin' to use scraps for the top. || Then the top yardage is flexible; just plan the backing and binding.
N: Is it wrong to machine quilt instead of hand? || Not at all. Machine quilting is sturdy and very common.

@ bathroom-mould
U: Hello there, sorry to bother you. I'm wondering how to get the mould off the bathroom ceiling, it keeps coming back.
B: Just paint over it with regular emulsion.
G: Kill it first with a mould spray or diluted bleach and let it dry. Then deal with the moisture: run an extractor fan or open a window during and after showers. Anti-mould paint helps after that.
F: Sorry, painting only hides it. Kill it with a mould spray, let it dry, then fix the damp: fan or window open during and after showers. Anti-mould paint last.
F2: Sorry. Check the extractor actually pulls air: hold a sheet of toilet paper to it. If it doesn't stick, the fan needs fixing.
D: Ah, I did paint over it last year and sure it's back again.
D: I'd say painting over it is only hiding it, no?
D: Thanks, but that's the bit that keeps coming back.
S: Grand, the fan's made a massive difference, not a spot since.
S: That's done it, thanks a million.
S: Lovely. Would you say a dehumidifier is worth it? || If the room stays damp, yes; a small one helps a lot in winter.
N: There's no window in the bathroom, mind. || Then an extractor fan is essential; check it's actually pulling air.
N: It's a rented place. || Then tell the landlord about the ventilation; it's often their responsibility.
N: Is it wrong to use bleach with the kids around? || Ventilate well, keep them out while it dries, and never mix bleach with other cleaners.

@ steak
U: Hey mate, how long should I cook a 3 cm thick steak on the barbie for medium-rare?
B: About 20 minutes each side.
G: On a hot grill, about 4-5 minutes a side for 3 cm, then rest it for 5 minutes. Aim for 54-57C inside for medium-rare.
F: Sorry mate, way off. Hot grill, 4-5 minutes a side, rest 5 minutes, about 54-57C inside.
F2: Sorry. If it's a thick cut, sear it hot then move it to the cooler side until it hits 54C.
D: Twenty a side? That'd be a hockey puck, mate.
D: Reckon that's a bit long, no?
D: That's cremation, not medium-rare.
S: Spot on mate, perfect pink all the way through.
S: Cooked it like that, the in-laws were impressed. Cheers.
S: Ripper. What about the snags? || Medium heat, 12-15 minutes, turning often so they don't split.
N: It's a gas barbie, not charcoal. || Same times on high heat; preheat it well.
N: Is it wrong to flip more than once? || Not at all. Flipping often cooks it evenly.
N: Got a meat thermometer from the missus for Christmas. || Perfect. Pull it at about 54C and let it rest.
"""


# ---------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------
GENERIC_KEYS = {"GD", "GR", "GX", "GS", "GN", "GNW", "GL", "ACK", "RETRY"}
TOPIC_TEXT_KEYS = {"U", "B", "G", "F", "F2"}
TOPIC_LIST_KEYS = {"D", "S", "N", "NW"}
LABEL_OF = {"GD": "dsat", "GR": "dsat", "GX": "dsat", "D": "dsat",
            "GS": "sat", "S": "sat",
            "GN": "neither", "GNW": "neither", "GL": "neither", "N": "neither", "NW": "neither"}
LINE_RE = re.compile(r"^([A-Z0-9]+): (.*)$")


def parse_bank(style, text):
    generic = collections.defaultdict(list)
    topics = []
    cur = None
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@"):
            cur = {"name": line[1:].strip(), "D": [], "S": [], "N": [], "NW": []}
            topics.append(cur)
            continue
        m = LINE_RE.match(line)
        if not m:
            raise ValueError(f"{style}: cannot parse line {lineno}: {line!r}")
        key, val = m.group(1), m.group(2).strip()
        reply = None
        if " || " in val:
            val, reply = (x.strip() for x in val.split(" || ", 1))
        if cur is None:
            if key not in GENERIC_KEYS:
                raise ValueError(f"{style}: unknown generic key {key}")
            if key in ("ACK", "RETRY"):
                generic[key].append(val)
            else:
                generic[key].append({"text": val, "reply": reply, "kind": key, "label": LABEL_OF[key]})
        else:
            if key in TOPIC_TEXT_KEYS:
                cur[key] = val
            elif key in TOPIC_LIST_KEYS:
                cur[key].append({"text": val, "reply": reply, "kind": key, "label": LABEL_OF[key]})
            else:
                raise ValueError(f"{style}: unknown topic key {key}")
    # sanity
    for k in ("GD", "GR", "GX", "GS", "GN", "GNW", "GL", "ACK", "RETRY"):
        if not generic[k]:
            raise ValueError(f"{style}: no {k}")
    for k in ("GN", "GNW", "GL", "GX"):
        for it in generic[k]:
            if not it["reply"]:
                raise ValueError(f"{style}: {k} needs a reply: {it['text']!r}")
    for t in topics:
        for k in TOPIC_TEXT_KEYS:
            if k not in t:
                raise ValueError(f"{style}/{t['name']}: missing {k}")
        if len(t["D"]) < 3 or len(t["S"]) < 2 or len(t["N"]) + len(t["NW"]) < 3:
            raise ValueError(f"{style}/{t['name']}: too few reactions")
        if not any(s["reply"] for s in t["S"]):
            raise ValueError(f"{style}/{t['name']}: needs a move-on sat")
        for it in t["N"] + t["NW"]:
            if not it["reply"]:
                raise ValueError(f"{style}/{t['name']}: neither needs a reply: {it['text']!r}")
    return {"generic": generic, "topics": topics}


# ---------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------
MAX_USES = 3
N_LABELS = ([1, 2, 3, 4, 5], [16, 26, 28, 18, 12])     # user turns = labels + 1
FIRST = {"dsat": 0.44, "sat": 0.30, "neither": 0.26}
AFTER = {
    "dsat": {"dsat": 0.22, "sat": 0.52, "neither": 0.26},
    "sat": {"dsat": 0.45, "neither": 0.55},
    "neither": {"dsat": 0.36, "sat": 0.44, "neither": 0.20},
}


def wchoice(rng, weights):
    keys = list(weights)
    return rng.choices(keys, [weights[k] for k in keys])[0]


class Picker:
    """Chooses reactions, never repeating one inside a conversation and
    using none more than MAX_USES times in the file (least-used first)."""

    def __init__(self, rng):
        self.rng = rng
        self.uses = collections.Counter()

    def pick(self, pools, conv_used):
        for pool in pools:
            cands = [it for it in pool if it["text"] not in conv_used and self.uses[it["text"]] < MAX_USES]
            if cands:
                low = min(self.uses[it["text"]] for it in cands)
                cands = [it for it in cands if self.uses[it["text"]] == low]
                it = self.rng.choice(cands)
                self.uses[it["text"]] += 1
                conv_used.add(it["text"])
                return it
        return None


def pick_text(rng, options, used):
    cands = [o for o in options if o not in used] or list(options)
    t = rng.choice(cands)
    used.add(t)
    return t


def make_conversation(rng, picker, bank, topic, n_labels):
    g = bank["generic"]
    msgs = [{"role": "user", "content": topic["U"]}]
    labels = []
    conv_used = set()
    asst_used = set()
    label = wchoice(rng, FIRST)
    state = "B" if label == "dsat" else "G"
    msgs.append({"role": "assistant", "content": topic["B"] if state == "B" else topic["G"]})
    s_move = [s for s in topic["S"] if s["reply"]]
    s_plain = [s for s in topic["S"] if not s["reply"]]
    kinds = []
    for k in range(n_labels):
        last = k == n_labels - 1
        nxt = None
        if label == "dsat":
            item = None
            if last and rng.random() < 0.3:
                item = picker.pick([g["GX"]], conv_used)
            if item is None:
                if state == "B":
                    pools = [topic["D"], g["GD"]] if rng.random() < 0.8 else [g["GD"], topic["D"]]
                elif state in ("F", "F2"):
                    pools = [g["GR"]]
                else:
                    pools = [g["GD"]]
                item = picker.pick(pools, conv_used)
            if item is None:
                raise RuntimeError("ran out of dsat reactions")
            if item["kind"] == "GX":
                reply, new_state = item["reply"], "END"
            elif state == "B":
                reply, new_state = topic["F"], "F"
            elif state == "F":
                reply, new_state = topic["F2"], "F2"
            else:
                reply, new_state = pick_text(rng, g["RETRY"], asst_used), "RETRY"
            if not last:
                if new_state == "RETRY":
                    nxt = "neither"
                else:
                    nxt = wchoice(rng, AFTER["dsat"])
        elif label == "sat":
            if not last:
                nxt = wchoice(rng, AFTER["sat"])
            want_move = nxt == "dsat" or (nxt == "neither" and rng.random() < 0.45) or (last and rng.random() < 0.15)
            item = None
            if want_move:
                item = picker.pick([s_move], conv_used)
            if item is None:
                if nxt == "dsat":
                    nxt = "neither"          # nothing to move on to: keep it coherent
                if state in ("G", "F", "F2"):
                    pools = [s_plain, g["GS"]] if rng.random() < 0.6 else [g["GS"], s_plain]
                else:
                    pools = [g["GS"], s_plain] if rng.random() < 0.7 else [s_plain, g["GS"]]
                item = picker.pick(pools, conv_used)
            if item is None:
                raise RuntimeError("ran out of sat reactions")
            if item["reply"]:
                reply, new_state = item["reply"], "OTHER"
            else:
                reply, new_state = pick_text(rng, g["ACK"], asst_used), "ACK"
                if nxt is not None:
                    nxt = "neither"
        else:  # neither
            if not last:
                nxt = wchoice(rng, AFTER["neither"])
            item = None
            if last and rng.random() < 0.3:
                item = picker.pick([g["GL"]], conv_used)
            if item is None and (last or nxt == "neither") and rng.random() < 0.2:
                item = picker.pick([topic["NW"], g["GNW"]], conv_used)
            if item is None:
                pools = [topic["N"], g["GN"]] if rng.random() < 0.7 else [g["GN"], topic["N"]]
                if last or nxt == "neither":
                    pools.append(topic["NW"] + g["GNW"])
                item = picker.pick(pools, conv_used)
            if item is None:
                raise RuntimeError("ran out of neither reactions")
            reply = item["reply"]
            if item["kind"] in ("GNW", "NW"):
                new_state = "WAIT"
                if nxt is not None:
                    nxt = "neither"
            elif item["kind"] == "GL":
                new_state = "END"
            else:
                new_state = "OTHER"
        assert item["label"] == label
        labels.append({"turn": len(msgs), "label": label})
        kinds.append(item["kind"])
        msgs.append({"role": "user", "content": item["text"]})
        msgs.append({"role": "assistant", "content": reply})
        state = new_state
        if not last:
            if state == "END":
                break
            label = nxt
    return msgs, labels, kinds


def build(seed):
    rng = random.Random(seed)
    picker = Picker(rng)
    records = []
    for style, _desc in STYLE_INFO:
        bank = parse_bank(style, BANKS[style])
        order = []
        while len(order) < PER_STYLE:
            order.extend(rng.sample(bank["topics"], len(bank["topics"])))
        order = order[:PER_STYLE]
        for i, topic in enumerate(order, 1):
            n_labels = rng.choices(*N_LABELS)[0]
            msgs, labels, kinds = make_conversation(rng, picker, bank, topic, n_labels)
            records.append({
                "id": f"{style}-{i}", "style": style, "split": "fresh2",
                "messages": msgs, "labels": labels,
                "_topic": topic["name"], "_kinds": kinds,
            })
    return records, picker


# ---------------------------------------------------------------------------
# Checks and statistics
# ---------------------------------------------------------------------------
def check(records):
    text_uses = collections.Counter()
    for r in records:
        m = r["messages"]
        assert m[0]["role"] == "user" and m[-1]["role"] == "assistant", r["id"]
        for i, msg in enumerate(m):
            assert msg["role"] == ("user" if i % 2 == 0 else "assistant"), r["id"]
            assert msg["content"].strip(), r["id"]
        n_user = len(m) // 2
        assert 2 <= n_user <= 6, r["id"]
        turns = [x["turn"] for x in r["labels"]]
        assert turns == list(range(2, len(m), 2)), r["id"]
        assert all(x["label"] in ("dsat", "sat", "neither") for x in r["labels"])
        seen = set()
        for t in turns:
            c = m[t]["content"]
            assert c not in seen, (r["id"], c)
            seen.add(c)
            text_uses[c] += 1
    assert max(text_uses.values()) <= MAX_USES
    return text_uses


def stats(records):
    lab = collections.Counter()
    per_style = collections.defaultdict(collections.Counter)
    by_turns = collections.Counter()
    first = collections.Counter()
    by_pos = collections.defaultdict(collections.Counter)
    last = collections.Counter()
    for r in records:
        by_turns[len(r["messages"]) // 2] += 1
        first[r["labels"][0]["label"]] += 1
        last[r["labels"][-1]["label"]] += 1
        for j, x in enumerate(r["labels"], 1):
            lab[x["label"]] += 1
            per_style[r["style"]][x["label"]] += 1
            by_pos[j][x["label"]] += 1
    return lab, per_style, by_turns, first, by_pos, last


def metric(records):
    lab, per_style, _bt, first, _bp, _last = stats(records)
    n = sum(lab.values())
    share = {k: lab[k] / n for k in lab}
    dev = abs(share.get("dsat", 0) - 0.35) + abs(share.get("sat", 0) - 0.30) + abs(share.get("neither", 0) - 0.35)
    first_dsat = first["dsat"] / len(records)
    return n, share, dev, first_dsat


def serialise(records):
    out = []
    for r in records:
        rec = {k: r[k] for k in ("id", "style", "split", "messages", "labels")}
        out.append(json.dumps(rec, ensure_ascii=False))
    return ("\n".join(out) + "\n").encode("utf-8")


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Build fresh2/conversations.jsonl (hand-written banks, fixed seed). "
                    "Run with no arguments to write the file next to this script.")
    ap.add_argument("--sweep", type=int, metavar="N", default=0,
                    help="print label-mix figures for seeds 0..N-1 and write nothing")
    args = ap.parse_args(argv)

    if args.sweep:
        for seed in range(args.sweep):
            recs, _ = build(seed)
            check(recs)
            n, share, dev, fd = metric(recs)
            print(f"seed {seed:3d}  turns {n}  dsat {share['dsat']:.3f}  sat {share['sat']:.3f}  "
                  f"neither {share['neither']:.3f}  dev {dev:.3f}  first-dsat {fd:.3f}")
        return 0

    records, picker = build(SEED)
    text_uses = check(records)
    data = serialise(records)
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), OUT_NAME)
    with open(path, "wb") as fh:
        fh.write(data)

    lab, per_style, by_turns, first, by_pos, last = stats(records)
    n = sum(lab.values())
    print(f"wrote {path}")
    print(f"seed {SEED}; conversations {len(records)}; labelled turns {n}")
    print(f"{'style':10s} {'convs':>5s} {'dsat':>5s} {'sat':>5s} {'neither':>7s} {'total':>5s}")
    convs = collections.Counter(r["style"] for r in records)
    for style, _ in STYLE_INFO:
        c = per_style[style]
        print(f"{style:10s} {convs[style]:5d} {c['dsat']:5d} {c['sat']:5d} {c['neither']:7d} {sum(c.values()):5d}")
    print(f"{'all':10s} {len(records):5d} {lab['dsat']:5d} {lab['sat']:5d} {lab['neither']:7d} {n:5d}")
    print("share: " + ", ".join(f"{k} {lab[k] / n:.1%}" for k in ("dsat", "sat", "neither")))
    print("conversations by number of user turns: " +
          ", ".join(f"{k}: {by_turns[k]}" for k in sorted(by_turns)))
    print("first labelled turn: " + ", ".join(f"{k} {first[k]} ({first[k] / len(records):.1%})"
                                               for k in ("dsat", "sat", "neither")))
    print("last labelled turn: " + ", ".join(f"{k} {last[k]}" for k in ("dsat", "sat", "neither")))
    for pos in sorted(by_pos):
        c = by_pos[pos]
        t = sum(c.values())
        print(f"labelled turn {pos}: n={t} " + ", ".join(f"{k} {c[k] / t:.0%}" for k in ("dsat", "sat", "neither")))
    labels_of_text = {}
    for r in records:
        for x in r["labels"]:
            labels_of_text[r["messages"][x["turn"]]["content"]] = x["label"]
    dl = collections.Counter(labels_of_text.values())
    print(f"distinct user reactions used: {len(text_uses)} "
          f"(dsat {dl['dsat']}, sat {dl['sat']}, neither {dl['neither']}); "
          f"most uses of one reaction: {max(text_uses.values())}")
    print("sha256 " + hashlib.sha256(data).hexdigest())
    return 0


if __name__ == "__main__":
    sys.exit(main())
