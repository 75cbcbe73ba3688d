#!/usr/bin/env python3
"""Build the "fresh3" hand-labelled evaluation set for a dissatisfaction finder.

All user reactions and assistant answers below were written by hand for this
set.  This script only combines them, with a fixed random.Random(SEED), into
conversations.jsonl next to itself.  Standard library only.

Bank format (one entry per line, inside the raw strings in BANKS):
    ## <topic name>        starts a topic ("## _generic" holds the style-wide banks)
    O| opening user request
    B| flawed first answer          G| good first answer
    R1| revision after a dsat       R2| second revision (after a "still wrong")
    D| dsat reaction aimed at the flaw of B
    S| sat reaction (plain)
    N| sat reaction that accepts and moves to the next item || assistant answer
    Q| neither reaction (follow-up question / new information) || assistant answer
  generic (style-wide):
    C| complaint that fits any longer reply || assistant prefix before the short version
    W| "still wrong" complaint, used only right after revision R1
    X| giving up || assistant apology (followed by the short form of the good answer)
    A| plain approval
    U| unrelated request || answer       T| small talk || answer
    L| brb / leaving || answer           K| assistant acknowledgement after a sat
A literal backslash-n in a line is turned into a newline.
"""
import argparse
import hashlib
import json
import os
import random
import sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "conversations.jsonl")
SPLIT = "fresh3"
SEED = 32  # chosen with --sweep 40 (lowest score; see README)
STYLES = ["travel", "cooking", "mechanic", "pets", "events", "jobseeker",
          "diy", "analyst", "translator", "fantasy", "tabletop", "crafts"]
CONVS_PER_STYLE = 20
# first labelled turn per style: 7 dsat, 6 sat, 7 neither (35% dsat first)
FIRST_PLAN = ["dsat"] * 7 + ["sat"] * 6 + ["neither"] * 7
# number of labelled turns (user turns minus one): 1..5
LEN_CHOICES = [1, 2, 3, 4, 5]
LEN_WEIGHTS = [9, 22, 30, 23, 16]
# label weights for labelled turns after the first (before availability)
LATER_LABEL_W = {"dsat": 0.7, "sat": 0.17, "neither": 0.13}
MAX_USES = 3

BANKS = {}

BANKS["travel"] = r"""
## lisbon
O| planning 3 days in lisbon in may!! we land 11pm friday and fly out sunday 6pm. rough itinerary? we hate museums lol
B| Day 1 (Friday): start at the Gulbenkian Museum in the morning, lunch in Baixa, sunset at Miradouro da Senhora do Monte.\nDay 2 (Saturday): Belém — Jerónimos Monastery, the Coaches Museum and pastéis de Belém.\nDay 3 (Sunday): MAAT in the morning, then Alfama and a fado dinner.
G| Since you land at 11pm, Friday is check-in only.\nSaturday: tram 28 up to Alfama, Miradouro de Santa Luzia, lunch in Mouraria, sunset drink at Miradouro da Graça, dinner in Bairro Alto.\nSunday: train from Cais do Sodré to Cascais (about 40 min) for the seafront walk, back by 2pm, bags and metro to the airport by 4pm. No museums anywhere.
R1| Sorry, I ignored your arrival time and the no-museums rule. Revised:\nFriday: land at 11pm, straight to the hotel.\nSaturday: Alfama on foot, Santa Luzia viewpoint, lunch in Mouraria, LX Factory in the afternoon, dinner in Bairro Alto.\nSunday: Cascais by train in the morning, back by 2pm, airport by 4pm.
R2| Let me make it tighter. Saturday is your only full day: Alfama and the viewpoints in the morning, lunch at the Time Out Market, a walk along the Belém waterfront in the afternoon (outside only), Bairro Alto at night. Sunday: early train to Cascais for the seafront, back by 2pm, airport by 4pm.
D| we land at 11pm friday. at night. nothing's open
D| did you miss the part where we hate museums? thats like four of them
D| fado dinner on sunday... our flight is at 6
D| this is written for someone with 3 full days, we have like 1.5
S| omg perfect, cascais was on my list!!
S| ok this is actually really doable, thank you 🙏
S| love it. sending this to my bf rn
N| yesss. ok where do we eat saturday night, any tips for bairro alto? || Bairro Alto gets busy after 9pm, so eat around 8 and bar-hop after. Pick a small tasca with a handwritten menu for grilled sardines or bacalhau, then walk up to Príncipe Real for a quieter drink.
N| great, sorted. now the airport run on sunday, metro or uber? || The red metro line goes straight to the airport in about 20–25 minutes from the centre and costs a couple of euros. A ride-share is easier with big bags but can crawl on Sunday afternoons. Either way, leave the centre by 3:30.
Q| wait is tram 28 the crazy crowded one? ive heard its a pickpocket thing || Yes, tram 28 gets packed around midday and pickpockets know it. Ride it before 9am from Martim Moniz, keep your phone in a front pocket, or simply walk the Alfama stretch.
Q| oh btw my bf has a bad knee, hills are not his friend || Lisbon is steep, so ride up and walk down: tram 28 or a tuk-tuk to Graça and Santa Luzia, then downhill on foot. The Glória funicular and the Santa Justa lift skip the worst climbs, and Cascais is flat along the sea.
Q| what's the weather like in may, do we still need a jacket at night? || May is usually mild, around 20–24°C in the day, but evenings by the river get breezy. A light jacket or hoodie is enough.

## munich_venice
O| need to get from munich to venice by train on a saturday, cheapest way? flexible on time but i have a 30kg suitcase
B| The cheapest way is usually to fly: budget airlines run Munich–Venice for around €40, and the flight is just over an hour. Book early for the best price.
G| There are direct EC trains Munich → Venezia Santa Lucia via Innsbruck, the Brenner and Verona, roughly 6.5–7 hours. Book on the ÖBB or DB site as early as you can: the saver fares start around €30–40. There's no weight limit on trains, just keep the case in the rack at the end of the car.
R1| You're right, you asked about the train, and a 30kg case would cost a lot on a budget flight anyway. There are direct EC trains Munich → Venice via Innsbruck and Verona, about 6.5–7 hours. Book the saver fare on the ÖBB or DB site early, from roughly €30–40. No luggage limit on trains.
R2| Sorry, plainly: take the direct EC train Munich Hbf → Venezia Santa Lucia (about 7 h). Buy the saver ticket on the ÖBB site as far ahead as possible. Big suitcases are fine on trains.
D| i said train
D| a 30kg bag on a budget airline would cost more than the flight lol
D| flying wasn't really the question. train?
D| i meant by train. the whole way
S| oh nice, one train, no changes. done
S| perfect, booked the saver fare 🙌
S| didn't know there was a direct one. thanks!!
N| amazing. and getting back venice → munich the following sunday? same deal? || Yes, the same EC route runs in the other direction, with a few departures a day. Sundays sell out faster, so book that leg at the same time as the outbound one.
N| cool got it. what about from venice to florence after? || Frecciarossa or Italo trains run Venice → Florence in about 2 hours, many times a day. Book a few days ahead for the cheaper fares.
Q| is there food on the train or should i bring stuff? || Most of these trains have a bistro or a trolley, but it's pricey and sometimes closed. Bring a sandwich and water, it's a long day.
Q| what happens if i get on the wrong train by mistake, like the one to verona? || If it's the same route, the conductor will usually tell you where to change. With a saver fare you're bound to your booked train, so double-check the destination on the board and your coach number before boarding.
Q| also i'm travelling with my grandma, she's 81 || Then reserve seats next to each other and ask for seats near the door and toilet. Munich Hbf and Venice station both have staff who can help with boarding if you book assistance ahead through the rail operator.

## iceland_pack
O| packing for 10 days in iceland in october with ONLY a 7kg carry-on. what do i bring
B| Here's a full list: two pairs of hiking boots, a down jacket, a rain shell, a fleece, a wool coat for evenings, 10 T-shirts, 5 jumpers, 3 pairs of jeans, thermal leggings, a towel, a hair dryer, a tripod and a full-size toiletry bag. If it doesn't all fit, check a bag.
G| Wear the heaviest things on the plane: boots, down jacket, one fleece. In the bag: a rain shell, 2 merino base layers, 3 tops, 1 warm jumper, 1 pair of hiking trousers plus the ones you wear, 4 socks, underwear, hat, gloves, buff, swimsuit for the hot pools, mini toiletries. Do laundry once around day 5.
R1| Sorry, that list ignored the 7kg limit. Wear the boots, down jacket and fleece on the plane. Pack: rain shell, 2 merino base layers, 3 tops, 1 jumper, 1 spare pair of trousers, socks and underwear for 5 days, hat, gloves, swimsuit, mini toiletries. Wash once halfway.
R2| Let me cut it harder. In the bag: rain shell, 2 merino layers, 2 tops, 1 spare trousers, 4 socks, 4 underwear, hat, gloves, swimsuit, toiletries under 100ml. Everything bulky is worn on the plane.
D| that's like 15kg of stuff
D| 7kg. carry on. where do the second pair of boots go
D| i can't check a bag, that's the whole point of the question
D| a hair dryer? for iceland? in a carry on?
S| ok this fits, i just did a test pack 😅
S| merino everything, smart. thanks
S| that's realistic, nice
N| awesome. now do i need a daypack for the hikes or can i skip it? || A small packable daypack (the kind that folds into its own pocket, ~100 g) is worth it for water, snacks and the rain shell. It doesn't count as extra if it's empty inside your carry-on.
N| cool. and what about the blue lagoon, do i need to bring a towel? || You can rent a towel there, or it's included in some tickets, so no need to pack one. Bring your swimsuit and leave-in conditioner, the water dries hair out.
Q| will i still need crampons in october or is that a winter thing? || Not usually for the main roads and trails in October, but ice can appear on paths in the north or the highlands. Cheap slip-on spikes weigh very little if you're nervous.
Q| we're also doing one night in a hut, not a hotel || Then add a thin sleeping-bag liner, about 200 g, and a headlamp. Huts have mattresses and blankets or require your own bag, so check with the hut when you book.
Q| how cold is it really in october? || Usually around 0–7°C, with wind making it feel colder and lots of rain. Layers matter more than one huge coat.

## croatia_budget
O| we're 4 people, €1200 total for a week in croatia incl. one ferry. how should we split it?
B| That's about €170 per person per day, so you can comfortably stay in hotels and eat out for every meal.
G| €1200 ÷ 4 people ÷ 7 days ≈ €43 per person per day. A rough split for the whole group: apartment €600 (about €85/night), ferry €120, food €350 (supermarket breakfasts and lunches, a few dinners out), €130 buffer for buses and activities.
R1| You're right, I used the group's daily total as a per-person figure. It's €1200 ÷ 4 ÷ 7 ≈ €43 each per day. Group split: apartment €600, ferry €120, food €350 mostly self-catered, €130 buffer.
R2| Let me redo it cleanly. Total €1200 = accommodation €580 + ferry €120 + food €360 + local transport €60 + buffer €80. That's €300 per person for the week, about €43 a day, so think apartment with a kitchen, not hotels.
D| 170 a day?? that's the whole group's daily budget, not per person
D| we have 1200 total. for four people. not each
D| hotels every night on that budget? no way
S| ok that's tight but doable, thanks
S| that split makes sense, we'll go with the apartment
S| not bad at all, the buffer is a good idea
N| nice. what's the cheapest way to do the ferry split → hvar? || The Jadrolinija car ferry from Split to Stari Grad is usually the cheapest for foot passengers; catamarans to Hvar town are faster but cost more. Buy on the day or online a few days ahead in summer.
N| ok that works. and how much for food per day if we cook most nights? || If you cook most nights, around €8–12 per person per day for groceries is realistic, plus €20–25 each for the odd dinner out.
Q| is it still expensive in september or does it calm down? || Prices drop noticeably after mid-September and apartments get cheaper. It's still warm enough to swim.
Q| oh i meant to say, one of us is vegan || Cooking yourselves makes that easy. Supermarkets like Konzum and Lidl have tofu, plant milk and beans, and most konobas can do grilled vegetables or blitva without the butter if you ask.
Q| do we need cash or is card fine? || Card works almost everywhere in towns, but keep some euros for small bakeries, beach bars and island buses.

## tokyo_daytrip
O| day trip from tokyo that's not nikko or hakone? we go next tuesday, like nature, no car
B| Nikko is the classic choice: take the Tobu line from Asakusa (about 2 hours), see Toshogu Shrine, then bus to Lake Chuzenji and Kegon Falls for nature.
G| Mount Takao: Keio line from Shinjuku, about 50 min and a few hundred yen. Walk trail 1 or 6 up (around 1.5 h), eat soba near the top, take the cable car down if your legs give up. On a Tuesday it's quiet.
R1| Sorry, you'd already ruled out Nikko. Try Mount Takao instead: Keio line from Shinjuku, about 50 min. Hike trail 6 up along the stream, trail 1 down, soba at the top. Weekdays are quiet.
R2| Another option if Takao feels too close: Okutama. JR Chuo/Ome line to Okutama station (about 2 h), walk the gorge trail, see Lake Okutama by bus. Very green, no car needed.
D| literally said not nikko
D| we did nikko last year. anything else?
D| lol the one place i excluded
S| takao sounds perfect, thank u!
S| ooh that looks so green, sold
S| perfect, that's exactly the vibe
N| yay. what should we do in the evening back in tokyo, somewhere chill? || Since Takao is on the Keio line, stop at Shimokitazawa on the way back for small bars, vintage shops and an easy dinner. It's relaxed on a weekday.
N| ok great. next, can you suggest one for the weekend too? something with a beach? || Kamakura works: about an hour from Tokyo on the JR Yokosuka line. See the Great Buddha, walk to Hase, then the beach at Yuigahama. Weekends are busy, so go early.
Q| do we need to book anything or just show up? || Just show up. Tap in with a Suica or Pasmo card, no reservation needed for the Keio line or the cable car.
Q| what if it rains on tuesday? is it still worth going? || Light rain is fine and the forest looks great, but trails get muddy, so bring shoes with grip. In heavy rain, swap to an indoor day and go later in the week.
Q| my friend says the error people make is going on the weekend, true? || Yes, weekends are packed, especially in autumn. Tuesday is a good pick.

## frankfurt_connection
O| my flight lands at frankfurt 14:05 and the train to cologne leaves 14:40 from the airport station. doable? only hand luggage
B| Connection times depend on many factors, including delays, terminal, passport control and walking speed. I'd recommend checking with Deutsche Bahn and your airline for the most up-to-date information before you travel.
G| Usually yes, if you land on time and it's a Schengen flight (no passport check). The long-distance station (Fernbahnhof) is about 10–15 minutes' walk from Terminal 1. From a non-Schengen flight or Terminal 2, I'd book the next train instead.
R1| Fair, straight answer: it's doable if you arrive on time from a Schengen country. Hand luggage only, it's 10–15 min walk from Terminal 1 to the Fernbahnhof. If you land at Terminal 2 or need passport control, it's too tight.
R2| Sorry. Yes for Schengen arrivals at Terminal 1, no if there's passport control or a delay over 10 minutes. If your ticket isn't bound to the train, you can just take the next ICE.
D| ok but is it doable or not
D| that's a non-answer
D| i asked you, not DB 😅
D| so... yes or no?
S| ok good, schengen flight from madrid so i'll risk it
S| great, that's what i needed to know
S| ah perfect, terminal 1. thanks
N| thanks! and if i miss it, how often do trains go to cologne? || Several ICEs an hour run from Frankfurt Airport to Cologne, taking about an hour. With a flexible ticket you just hop on the next one.
N| cool. what's the fastest way from cologne hbf to the messe? || The Messe/Deutz station is one stop across the river from Cologne Hbf by S-Bahn or regional train, a few minutes. You can also walk over the Hohenzollern bridge in about 15 minutes.
Q| is it "Fernbahnhof" on the signs or something else? || Look for "Fernbahnhof" or "Long-distance trains" and the DB logo. The regional station is a different one underneath, so don't follow the S-Bahn signs.
Q| it's actually a 30 min delay already according to the app || Then you'll likely miss the 14:40. With a flex fare, just take the next ICE; with a saver fare tied to that train, go to the DB desk in the station and ask about rebooking.
Q| what if the flight is from london not madrid || London is outside Schengen, so you'll go through passport control, which can take 10–40 minutes. I'd book the next train.

## greece_honeymoon
O| 2 weeks greece honeymoon in june, 3 islands max, one HAS to be santorini, we hate crowds
B| Here's a plan: Athens (2 nights), Mykonos (3), Santorini (3), Naxos (2), Paros (2), Milos (2). Ferries connect all of these easily in June.
G| Santorini (4 nights, stay in Imerovigli or Pyrgos, away from the Oia crowds), Naxos (5 nights, beaches and villages, much calmer), Milos (5 nights, boat tours, quiet coves). Ferries link Santorini, Naxos and Milos; book the June ones early.
R1| Sorry, that was six stops. Three islands only: Santorini 4 nights (stay in Pyrgos), Naxos 5 nights, Milos 5 nights. All calmer than Mykonos, and ferries connect them.
R2| Let me simplify again: Santorini 4 nights → ferry → Naxos 5 nights → ferry → Milos 5 nights, fly home from Milos via Athens. Skip Athens at the start to save a travel day.
D| thats 6 stops. i said 3 max
D| mykonos is like the opposite of no crowds lol
D| we don't want to spend half the honeymoon on ferries
S| ahh naxos and milos look dreamy, thank you!!
S| this is so us. booking naxos first
S| ok perfect, not too rushed
N| yay. now hotels — what budget per night for santorini in june? || In June, caldera-view hotels in Imerovigli are often €250–500 a night; Pyrgos or Megalochori without a view can be €120–200. Book early, the good ones go by spring.
N| ok that's sorted! next: how do we get from the airport in santorini to imerovigli? || Pre-book a transfer or taxi (about 20 minutes); taxis at the airport are limited. Buses go via Fira and you'd need a connection, not fun with luggage.
Q| is it windy? heard the meltemi thing || The meltemi usually starts properly in July and August, so June is calmer, but ferries can still get rough on some days. Keep a spare day at the end.
Q| oh also i'm 5 months pregnant by then || Congratulations! Then favour shorter ferry legs and fewer hops: Santorini → Naxos is short, and Milos adds a longer ride. Keep to shaded beaches and check the airline's pregnancy rules for the flights.
Q| is there a risk of ferries getting cancelled? || Some, mainly on windy days. Keep the last night near the airport and travel with flexible tickets.

## rome_passport
O| i lost my passport in rome and i fly home to canada in 3 days what do i do 😭
B| You'll need to apply for a new passport through the Canadian passport program. Standard processing by mail takes 10–20 business days, so gather your documents and a guarantor's signature.
G| Don't panic, this is fixable in 3 days. 1) Report the loss to the Italian police and get the written report (denuncia). 2) Contact the Embassy of Canada in Rome, they can issue an emergency travel document, often within a day or two. 3) Bring the police report, a passport photo, your flight details and any ID or copy of the passport.
R1| Sorry, that was the home-country process. Abroad, you do this: 1) police report (denuncia) at any Polizia or Carabinieri station; 2) contact the Canadian Embassy in Rome for an emergency travel document; 3) bring the report, a photo, your ticket and any ID.
R2| Shorter and in order: police report today, embassy appointment tomorrow morning, bring photo + report + flight booking + any ID. An emergency travel document is usually issued fast enough for your flight.
D| i don't have 20 days, i fly in 3
D| by mail?? i'm in rome
D| ok that's not helpful, i'm literally abroad right now
S| ok breathing. police station tomorrow first thing. thank you
S| they gave me the emergency doc!! you're a lifesaver
S| ok that's clear, thank u
N| ok done the police report. now what do i say at the embassy? || Say you've lost your passport, you have a police report, and you fly home in 3 days, and ask for an emergency travel document. They'll tell you the fee and what they need; having the flight booking ready speeds things up.
N| got the doc. and for the airport, anything i should know flying with it? || Check in at the desk, not online, and show the emergency document. Keep the police report with you too. Once home, apply for a regular passport.
Q| do i still need a passport photo or do they take it there? || Usually you need to bring one; there are photo booths in metro stations and near the big train stations. Ask the embassy when you call.
Q| my wallet was stolen too, not just the passport || Then mention that in the police report too, and cancel your cards today. If you're short on money, the embassy can explain options for emergency funds from family.
Q| it's a weekend though, is that a problem? || Embassies handle emergencies on weekends through a duty line, so call even if it's closed. Police stations are open every day.

## _generic
C| ok but that's way too long, i'm on my phone at the gate || Sorry, short version:
C| can you just give me the gist? || Sure, the gist:
C| tl;dr?? || tl;dr:
C| wow ok, an essay. bullet point it or something || Fair, the essentials:
C| thanks but i needed like two lines, not a whole guidebook || Got it, two lines:
C| is there a version of this that fits on one screen lol || Yes, here's the one-screen version:
C| you're overcomplicating it, what do i actually do || Sorry, just the action:
W| still not right
W| hmm no, that's basically the same thing again
W| nope, still doesn't work for us
W| still not what i asked tbh
W| closer but still no
X| forget it, i'll just ask at the hotel || Understood, sorry I didn't get there. For what it's worth, here's the short answer:
X| never mind, i'll figure it out myself || Sorry this took so many tries. In case it helps later:
X| ok i give up lol || Sorry about that. One last summary, in case it's useful:
A| perfect, thanks!!
A| amazing 🙌
A| ok yes this is great
A| you're a star
A| brilliant, exactly what i needed
U| random but can you recommend a good podcast for a long train ride? || For a long ride, try something story-driven like "Radiolab" or a long-form history series like "The Rest Is History"; download episodes first in case the signal drops.
U| unrelated: how do i say "where is the bathroom" in italian || "Dov'è il bagno?" works everywhere; add "scusi" at the start to be polite.
U| off topic, what's a good gift to bring a host family? || Something from your home region that's easy to pack: good chocolate, a local spice or tea, or a small craft item.
T| haha do you ever get sick of people asking about trips || Not at all, trip planning is one of the fun ones. Where are you off to next?
T| i've been planning this for like a year tbh || That makes sense, a year of daydreaming. It'll be worth it.
T| lol my mum thinks i'm crazy for doing this alone || Lots of people travel solo and love it. Sharing your itinerary with her might help her relax.
L| brb, boarding now || Safe flight! I'll be here when you land.
L| ok gotta run, my taxi's here || Have a great trip!
L| brb checking flight prices || Sure, take your time.
K| Glad that helps. Have a great trip!
K| Great, enjoy it!
K| Happy to help. Safe travels!
K| Nice, glad that works.
"""

BANKS["cooking"] = r"""
## scale_cookies
O| my cookie recipe makes 24 and i need 60 for a bake sale. it's 225g butter, 200g sugar, 2 eggs, 280g flour, 1 tsp baking soda. can you scale it?
B| Here's the scaled recipe: 450g butter, 400g sugar, 4 eggs, 560g flour, 2 tsp baking soda.
G| 60 ÷ 24 = 2.5, so multiply everything by 2.5: 562g butter, 500g sugar, 5 eggs, 700g flour, 2½ tsp baking soda. Bake in batches rather than overcrowding the trays.
R1| You're right, I only doubled it. For 60 you need ×2.5: 562g butter, 500g sugar, 5 eggs, 700g flour, 2½ tsp baking soda.
R2| Let me lay it out clearly, ×2.5:\n- butter 225 → 562g\n- sugar 200 → 500g\n- eggs 2 → 5\n- flour 280 → 700g\n- baking soda 1 → 2½ tsp
D| that's only double, i need 60 not 48
D| 24 x 2 is 48...
D| made this and got 47 cookies lol
S| perfect, mixing now
S| made them, 61 cookies, one for me 😌
S| great, that's exactly what i needed
N| brill. now the chocolate chips, it says 170g for the original? || 170g × 2.5 = 425g chocolate chips. If you're using a bar, chop it a bit coarse so you get big pockets.
N| ok sorted. and baking time, does that change for a bigger batch? || No, time is per tray, not per batch: still about 10–12 minutes at the same temperature. Just bake one or two trays at a time.
Q| can i make the dough tonight and bake tomorrow morning? || Yes, chilling overnight actually improves the flavour and they spread less. Let it sit 10 minutes out of the fridge before scooping.
Q| i only have salted butter, does that matter? || It's fine; skip any added salt in the recipe. The cookies will just taste a little more salty-sweet.
Q| my mixer is tiny btw, like 3 litres || Then mix in two halves: each half is 281g butter, 250g sugar, 2–3 eggs, 350g flour. Combine the doughs at the end in a big bowl if you want.

## buttermilk_df
O| no buttermilk for pancakes, what can i use instead? i'm dairy free btw
B| Easy: mix 1 cup of milk with 1 tablespoon of lemon juice or white vinegar and let it stand for 5 minutes until it curdles slightly.
G| Use 1 cup of unsweetened soy or oat milk with 1 tablespoon of lemon juice or vinegar, stand 5–10 minutes. Soy curdles best, so the pancakes get closest to the real thing.
R1| Sorry, I missed that you're dairy free. Use 1 cup unsweetened soy milk (or oat) with 1 tbsp lemon juice or vinegar, leave it 5–10 minutes. It works the same way.
R2| Another go: any plant milk works, but soy gives the thickest "buttermilk". 240ml soy milk + 1 tbsp apple cider vinegar, 10 minutes. Use it 1:1 in the recipe.
D| milk... i said dairy free
D| i can't have milk, that's literally why i don't have buttermilk
D| yeah no, dairy free
S| soy + lemon worked great, fluffy af
S| ooh nice, didn't know soy curdles. thanks
S| ok trying that now
N| they're in the pan! next question, what do i use instead of butter for frying them? || A neutral oil like sunflower or rapeseed works well, or a dairy-free spread. Wipe the pan with a paper towel dipped in oil between batches.
N| worked. and for the topping, any dairy free idea that isn't just syrup? || Coconut yoghurt with berries, peanut butter and banana, or a quick compote: frozen berries simmered 5 minutes with a spoon of sugar.
Q| does it need to be unsweetened or is vanilla oat milk ok? || Vanilla is fine for pancakes; it'll just be a bit sweeter, so you can cut a little sugar from the batter.
Q| the recipe also has an egg, is that a problem? || Eggs aren't dairy, so if you eat eggs, keep it. If you want them vegan too, use a flax egg: 1 tbsp ground flax + 3 tbsp water, 5 minutes.
Q| what's the science, why does it need to be sour anyway? || The acid reacts with the baking soda to make bubbles, which makes the pancakes rise, and it gives a slight tang.

## fan_oven
O| recipe says 180C fan, my oven is not a fan oven and it's in fahrenheit. what do i set it to?
B| 180°C is 356°F, so set your oven to about 355°F.
G| A non-fan oven needs about 20°C more than a fan oven, so 180°C fan ≈ 200°C conventional ≈ 390–400°F. Start checking a few minutes before the stated time.
R1| You're right, I converted the fan temperature directly. Conventional is about 20°C hotter: 200°C, which is roughly 390–400°F.
R2| Sorry, simply: set 400°F. That's the non-fan equivalent of 180°C fan. Check 5 minutes early.
D| that's the fan temp converted, mine's not a fan oven
D| made it at 355 and the middle was still raw after the full time
D| you skipped the fan part?
S| 400 it is, came out golden. cheers
S| ah that explains every recipe i've messed up lol, thanks
S| perfect, simple
N| great. the same recipe has a second stage at 160 fan, what's that? || 160°C fan ≈ 180°C conventional ≈ 350–360°F.
N| cool, it's in. now how do i know it's done without a thermometer? || For a cake, a skewer in the middle should come out clean and the top should spring back when pressed. For a roast, the juices should run clear.
Q| my oven runs hot btw, like 10 degrees over || Then set it 10–15°F lower, around 385°F, or get a cheap oven thermometer to check.
Q| does this apply to gas ovens too? || Yes. 200°C conventional is about gas mark 6.
Q| what if i get it wrong and it's too hot, what happens? || Usually the outside browns too fast and the middle is underdone. Cover with foil and drop the temperature if it's browning early.

## mealprep
O| meal prep for 5 work lunches, high protein, under £20 total. i hate chickpeas
B| Here's your week: Mon chickpea and spinach curry, Tue chicken and rice, Wed chickpea salad with feta, Thu turkey chilli, Fri tuna pasta. Total around £18.
G| Chicken thigh traybake: 1kg thighs (£5), 500g rice (£1), 2 bags frozen broccoli (£2), 2 peppers and an onion (£2), spices you have. Split it into 5 boxes, about 40g protein each. Add 5 eggs (£1.50) for a boiled egg per day. About £12–13.
R1| Sorry, two of those had chickpeas. Without them: chicken thigh traybake with rice and broccoli for 3 days (£8), turkey chilli with kidney beans for 2 days (£6), plus boiled eggs (£1.50). About £16.
R2| Simpler: one big batch. 1kg chicken thighs, 500g rice, frozen broccoli, peppers, onion, one tray in the oven, five boxes. About £12, no chickpeas.
D| chickpea curry. i hate chickpeas
D| 2 of the 5 have chickpeas in lol
D| i literally said no chickpeas
S| did it sunday, lunches sorted all week 💪
S| ok this is cheap and easy, thanks
S| nice, actually cheap
N| great. now the same for dinners, but i can spend £25? || Dinners for 5 at £25: beef mince ragu with pasta (2 nights, £7), salmon fillets with potatoes and green beans (2 nights, £10), egg fried rice with frozen prawns (1 night, £5).
N| ok sorted. what spices do i use so it's not boring by thursday? || Change the sauce not the base: smoked paprika and garlic on day one, soy-honey-ginger on day two, a spoon of pesto on day three.
Q| how long does it keep in the fridge? || Cooked chicken and rice keep about 3–4 days in the fridge. Freeze Thursday's and Friday's boxes and move them to the fridge the night before.
Q| i don't have a microwave at work || Then pick things that are good cold: chicken and rice salad with a dressing, or a pasta salad with tuna and sweetcorn.
Q| is it still ok to reheat rice? heard that's bad || It's fine if you cool it quickly (within an hour), keep it in the fridge and reheat it once until it's steaming hot.

## basmati
O| how much water for basmati in a pot, 2 cups of rice?
B| Use 4 cups of water for 2 cups of rice. Bring to the boil and cook for about 25 minutes.
G| Rinse the rice until the water runs clear. For 2 cups basmati use about 3 cups water, bring to the boil, lid on, lowest heat for 12 minutes, then off the heat, lid on, 10 minutes. Fluff with a fork.
R1| Sorry, that ratio and time were for a different rice. Basmati: rinse, 2 cups rice to 3 cups water, boil, lid on, low heat 12 minutes, rest 10 minutes off the heat.
R2| Let me try once more. Rinse well, 1 : 1.5 rice to water, 12 minutes on the lowest flame with the lid on, 10 minutes resting. Don't lift the lid while it cooks.
D| followed this and it's mush
D| it's like porridge now 😭
D| bottom burnt and the top is soggy, 25 mins was way too long
S| finally fluffy rice. thank you
S| that worked, separate grains and everything
S| no more gluey rice 🙌
N| yay. now how do i make it yellow like at the restaurant? || Add a pinch of turmeric to the water, or soak a pinch of saffron in 2 tbsp warm milk and drizzle it over after cooking for the two-colour look.
N| nice. and for a rice cooker next time, same ratio? || Rice cookers need a bit less water: about 1 : 1.25 for basmati. Rinse it the same way.
Q| should i add salt to the water? || Yes, about ½ tsp for 2 cups of rice. A bay leaf or a couple of cardamom pods is nice too.
Q| my hob is electric and takes ages to cool down btw || Then use two rings: bring it to the boil on one, move the pot to a second ring already set to low.
Q| what happens if i still lift the lid to check? || You lose steam, so it can cook unevenly. If you must check, do it fast near the end.

## sourdough
O| my sourdough is dense. 500g flour, 350g water, 10g salt, 100g starter, i proof it 2 hours at room temp. kitchen is about 17C
B| Try adding an extra teaspoon of instant yeast to the dough to give it more lift, and knead for 10 minutes longer.
G| At 17°C, 2 hours is far too short for a sourdough bulk. Let it go until the dough has risen about 50% and looks domed and bubbly, probably 6–8 hours at that temperature, or put it somewhere warmer like the oven with just the light on.
R1| Sorry, you're using a starter, so yeast isn't the fix. The problem is time: at 17°C bulk fermentation needs about 6–8 hours. Wait for a 50% rise and a bubbly, domed surface.
R2| Let me be more specific: mix, stretch and fold every 30 min for 2 hours, then leave it until it has grown by half (6–8 h at 17°C), shape, and proof in the fridge overnight. Bake straight from the fridge.
D| it's sourdough, there's no yeast to add
D| i don't use yeast, it's a starter
D| adding yeast kind of defeats the point no?
S| left it 7 hours and WOW, actual holes
S| ok that makes a lot of sense, thanks
S| best loaf so far, not dense at all
N| thank you!! next: how do i get a better ear? || Score at a shallow angle (about 30°) about 1cm deep, and bake with steam for the first 20 minutes, in a Dutch oven with the lid on.
N| great. now the starter itself, how often do i feed it? || If it lives on the counter, once a day at 1:1:1 starter, flour, water. In the fridge, once a week is enough; feed it twice before baking.
Q| how can i tell if my starter is strong enough? || It should double within 4–8 hours of feeding and smell tangy, not like nail polish. A spoonful should float in water.
Q| i use 20% wholemeal btw, not just white || Then it'll ferment a bit faster and drink more water. Start watching the dough a little earlier, maybe from 5 hours.
Q| what's the error most beginners make? || Under-fermenting, like you described. The clock matters less than how the dough looks.

## ribeye
O| how long to cook a 2cm ribeye medium rare in a cast iron pan?
B| Cook it for 8–10 minutes per side on medium heat, then rest it for 5 minutes.
G| Get the pan smoking hot, dry the steak and salt it. About 2–3 minutes per side for a 2cm ribeye, turning once or every minute. Aim for 52–54°C in the middle, then rest 5 minutes.
R1| Sorry, that's well done for a 2cm steak. Hot pan, 2–3 minutes per side, rest 5 minutes. If you have a thermometer, pull it at about 52°C.
R2| Let me be exact: 2 minutes per side, then 30 seconds on the fat edge, 5 minutes resting on a board. That's medium rare for 2cm.
D| that's way over, came out grey all the way through
D| 8 min per side on a 2cm steak is well done surely?
D| yeah that was a shoe. £14 shoe
S| 2 and a half each side, perfect pink. cheers
S| that's more like it, thanks
S| steak was unreal, thank you 🥩
N| nice one. now a sauce, something quick in the same pan? || Peppercorn: pour off most fat, add a knob of butter and a chopped shallot, 1 tsp crushed pepper, splash of brandy or stock, 100ml cream, reduce 2 minutes.
N| cheers. what about the chips, oven or air fryer? || Air fryer: chunky chips, parboil 5 min, dry, a spoon of oil, 200°C for 18–20 min, shake halfway.
Q| should i add butter at the end? || Yes: in the last minute add butter, garlic and thyme, tilt the pan and spoon it over.
Q| my pan's not seasoned great, will it still stick? || Use a bit of high-smoke oil and don't move the steak for the first minute; it releases when it's seared.
Q| it's actually 3cm, the butcher cut it thick || Then 4 minutes per side, or sear 2 minutes each side and finish 5 minutes in a 200°C oven. Check for 52°C.

## lasagne
O| cooking lasagne for 12 on saturday, one of them is coeliac. how much do i make and what do i do about her?
B| For 12 people you'll need two large trays: about 1.5kg beef mince, 2 jars passata, 2 boxes of lasagne sheets, 1 litre béchamel and 300g cheese. Serve with garlic bread and a green salad.
G| Make two large trays for 11 people (1.4kg mince, 2 jars passata, 2 boxes sheets, 1 litre béchamel, 300g cheese) and one small gluten-free dish first: GF lasagne sheets, béchamel thickened with cornflour, check the stock cube, clean pans and spoons. Skip the garlic bread for her or buy a GF one.
R1| Sorry, I forgot your coeliac guest. Make a small separate dish first with GF sheets, cornflour béchamel and a GF stock cube, using clean pans and utensils. Then the two big trays for everyone else.
R2| Plan: cook her individual GF lasagne first (GF sheets, cornflour sauce, checked stock), cover and label it. Then the two big ones. Keep the serving spoons separate.
D| and the coeliac guest?
D| you forgot my friend can't have gluten
D| so she just eats salad? lol
S| perfect, i'll do hers first
S| that's really thoughtful, thank you
S| the cornflour béchamel worked a treat
N| great. dessert next — something that everyone can eat including her? || Panna cotta or a flourless chocolate cake: naturally gluten free, make-ahead, and nobody will feel left out.
N| ok sorted. what time do i start if we eat at 7? || Start the sauces at 3pm, assemble by 5, bake 45 minutes from 5:45, rest 15 minutes. The GF one can go in alongside the others on a separate shelf.
Q| can i make it friday and just bake on saturday? || Yes, assemble Friday, cover and fridge. Add 10–15 minutes to the baking time since it's going in cold.
Q| one guy is vegetarian too, just found out || Make the GF dish bigger and vegetarian too (lentils or mushrooms instead of mince), so it covers both of them.
Q| is parmesan gluten free? || Yes, plain parmesan is naturally gluten free; it's grated blends and some cheap toppings that can contain anti-caking additives, so check the label.

## _generic
C| too long, i've got flour on my hands 😂 just the steps || Sorry, just the key step:
C| can you just tell me what to do || Of course, straight to it:
C| bit of a wall of text there || Fair, trimmed down:
C| i asked a simple question tbh || You did, simple answer:
C| thanks but way too much info, i just need the basics || Got it, the basics:
C| could you say that in like one sentence? || In one go:
W| still not right
W| made it again, same problem
W| hmm, no, that's still off
W| nope still the same
X| eh forget it, i'll just order pizza || Sorry it didn't work out. For next time, the short version:
X| giving up on this one lol || Sorry about the trouble. In case you try again:
A| ooh nice, thanks!
A| love it 😍
A| yum, perfect
A| cheers, that's great
A| that's exactly it, ta
U| random but what's a good knife sharpener that isn't expensive? || A simple pull-through sharpener with ceramic slots is cheap and fine for most home knives; a whetstone is better if you want to learn.
U| unrelated, how do i get turmeric stains off a worktop? || Make a paste of bicarbonate of soda and a little water, leave it 10 minutes, then wipe. Sunlight also fades turmeric stains surprisingly well.
U| any tips for a kid who won't eat vegetables? || Get them involved in cooking, offer one new veg next to something they like, and don't push. Roasted veg with a dip often works better than boiled.
T| my kitchen smells amazing rn btw || That's the best part. What are you making?
T| i used to be scared of cooking lol now i do it every night || That's great progress, it really does get easier with practice.
T| you'd love my nan's gravy, she never measures anything || The best cooks rarely do! Maybe write hers down next time she makes it.
L| brb, timer's going off || Go go go, I'll be here.
L| ok gotta go stir something, bye || Enjoy your cooking!
L| brb, someone's at the door || No problem.
K| Glad that helps. Enjoy!
K| Great, happy cooking!
K| Nice one, enjoy the meal.
K| Glad it worked out!
"""

BANKS["mechanic"] = r"""
## tyre_pressure
O| what should tyre pressure be on a 2016 ford focus? 4 people + luggage this weekend, long motorway run
B| Most cars run between 30 and 35 psi. Check your tyres monthly and before long trips.
G| For a loaded 2016 Focus the placard in the driver's door jamb usually shows a higher "full load" figure, typically around 38 psi front and 42–45 psi rear depending on tyre size. Use the door sticker for your exact size and check them cold.
R1| Fair, that was generic. For a Focus carrying 4 people and luggage, use the "full load" line on the door sticker, usually around 38 front / 42–45 rear. Check cold, before you set off.
R2| Let me be direct: door sticker, driver's side, "full load" column. On most 2016 Focus sizes that's about 38 front, 42–45 rear. Drop back to normal after the trip.
D| i know "most cars", i asked about mine
D| 30-35 for a full car on the motorway? nah
D| that's a google answer mate
S| door sticker says 38/42 loaded, sorted
S| cheers, didn't know there was a full load figure
S| spot on
N| sweet. now the spare, what pressure for that? || Space-saver spares are usually 60 psi, printed on the sidewall. A full-size spare should be set to the highest figure you'd use on the car.
N| done. oil next, how do i check it properly? || Park level, engine off for 5 minutes, pull the dipstick, wipe, push back fully, pull again. The level should sit between min and max marks.
Q| does it matter if the tyres are warm when i check? || Yes, warm tyres read 2–4 psi higher. If you've driven, don't let air out to match the cold figure.
Q| the tyre light came on again after i pumped them || The TPMS on a Focus often needs a reset after inflating: hold the reset in the settings menu or the button, then drive a few miles.
Q| got a slow puncture on the rear left too actually || Then pump it up before you go and get it plugged or patched first; a slow leak loaded on a motorway is how tyres fail.

## abs_light
O| abs light just came on on my 2012 civic, brakes feel normal. safe to drive to work tomorrow? it's 10 miles
B| ABS warning lights can indicate a number of issues. It's always recommended to have your vehicle inspected by a qualified mechanic as soon as possible, and you should consult your owner's manual for more information.
G| If the brake pedal feels normal and the red brake warning light is off, normal braking still works, only the anti-lock function is off. 10 miles is fine if you drive gently and leave extra distance. Most common causes are a dirty or failed wheel speed sensor; a cheap OBD scanner that reads ABS codes will tell you which wheel.
R1| Fair, a straight answer: yes, with the red brake light off and a normal pedal, your brakes work, just without ABS. Drive the 10 miles gently, extra distance in the wet. Most often it's a wheel speed sensor.
R2| Short: safe to drive gently, ABS disabled, normal brakes still there. Get the code read (needs a scanner that does ABS, not just engine codes). Usually a sensor, £20–60 part.
D| so is it safe or not lol
D| i asked a yes or no question
D| i've read the manual, that's why i'm asking you
S| got to work fine, booked it in for friday
S| cheers, that's reassuring
S| ok that's clear, thanks mate
N| cheers. scanner says C1234 rear right sensor. how hard is that to change? || On a Civic it's usually one 10mm bolt and a clip for the wire. Jack the car, wheel off, unplug, unbolt, swap. Clean the hole before fitting the new one.
N| swapped it. do i need to clear the code or will it go away? || Some clear themselves after a short drive over 20 mph; if not, clear it with the scanner.
Q| could it be the wet weather? it's been pouring || It can: water or dirt on a sensor connector can trigger it. If it goes off by itself after a dry day, check the connectors.
Q| the traction control light is on too now || That's normal: traction control uses the same wheel speed sensors, so both come on together.
Q| what's the difference between abs light and the red brake one? || The red one means a problem with the basic brakes or fluid level: stop and check. The amber ABS one means only the anti-lock part is off.

## bike_brakes
O| rim brakes on my road bike squeal like crazy and feel weak. pads look fine
B| Squealing is usually caused by worn pads, so replace them with new ones and adjust the cable tension.
G| If the pads have plenty of rubber, clean the rims and pads first: wipe the rims with isopropyl alcohol and sand the pad surface lightly to remove glaze. Then "toe in" the pads so the front edge touches the rim about 1mm before the back. Tighten the cable at the barrel adjuster if the lever pulls too far.
R1| Sorry, you'd already said the pads look fine. Then: clean the rims with isopropyl alcohol, lightly sand the glaze off the pads, toe them in by about 1mm at the front, and take up cable slack with the barrel adjuster.
R2| Let me be more specific about the toe-in: loosen the pad bolt, put a folded business card under the back of the pad, squeeze the brake, tighten. That angle usually stops the squeal.
D| i said the pads look fine
D| they're basically new, 2 months old
D| replacing them isn't going to help if they're new?
S| rims were filthy. cleaned them, silent now
S| the toe-in thing did it, thank you
S| way better stopping, cheers
N| nice. now the gears are skipping on the back, similar vibe? || Probably cable tension. Shift to the smallest cog, then turn the barrel adjuster by the derailleur a quarter turn anticlockwise at a time until it shifts cleanly up and down.
N| sorted. should i do the front brake the same way? || Yes, same process. The front does most of the stopping, so check the pads hit the rim fully and not the tyre.
Q| is it still safe to ride if it squeals? || Squeal alone isn't dangerous, but weak braking is. Don't ride in traffic until it stops properly.
Q| i ride in the rain a lot btw || Then rims get gritty fast; wipe them after wet rides and consider pads made for wet conditions.
Q| what's toe in? sounds like a yoga thing lol || It's angling the pad so the leading edge hits the rim first. It stops the vibration that makes the noise.

## oil_change
O| first time doing my own oil change, 2015 vw polo 1.2 tsi. what oil and how much?
B| Use any 10W-40 semi-synthetic oil, about 4.5 litres. Drain, change the filter, refill.
G| The 1.2 TSI needs oil meeting VW 504 00 / 507 00 (5W-30) or 502 00 (5W-40) depending on the service schedule; check your service book. Capacity is about 3.6 litres with a filter change. Fill 3.2, run, wait, check the dipstick, top up.
R1| Sorry, that was a generic answer. The 1.2 TSI needs a VW-approved oil: usually 5W-30 to VW 504 00/507 00 or 5W-40 to 502 00, check the book. About 3.6 litres with the filter.
R2| To be clear: buy 4 litres of 5W-30 with VW 504 00 on the label (unless your book says 502 00), fill about 3.2 L, check, top up to the max mark. Keep the spare for top-ups.
D| the manual says 5w-30 vw spec, not 10w-40?
D| 4.5 litres overflowed the dipstick
D| are you sure? the cap literally says 5w30
S| done, first oil change ever 😎
S| vw 504 on the bottle, got it. cheers
S| sorted, dipstick right in the middle
N| sweet. now the drain plug, what torque? || On that engine it's usually around 30 Nm, with a new washer. Don't overtighten, the sump is easy to strip.
N| done. how do i reset the service light? || On a Polo of that age: ignition off, hold the trip reset button, turn ignition on, release when "service" shows, then press once more. Or reset it in the menu if it has one.
Q| do i need to change the filter every time? || Yes, every oil change. It's cheap and the old one holds dirty oil.
Q| what do i do with the old oil? || Take it to the local tip or a garage; most accept used oil free. Never pour it down a drain.
Q| i don't have ramps, just the scissor jack || Don't get under a car on the scissor jack. Buy axle stands or ramps, or use the top extraction pump method.

## battery
O| car won't start, just clicks. lights work fine though. 2010 astra
B| A clicking noise with working lights usually means the battery is completely dead. Replace the battery.
G| Lights working doesn't mean the battery is fine: lights need very little current, the starter needs a lot. Try a jump start first. If it starts, the battery was flat; if it still clicks with a good jump, look at the starter motor or the connections at the battery terminals.
R1| Sorry, I jumped to conclusions. Try a jump first. If it still clicks with a good jump, check the battery terminals are clean and tight, then suspect the starter motor.
R2| Step by step: 1) clean and tighten the battery terminals, 2) jump start, 3) if it still only clicks, tap the starter motor gently with a hammer handle while someone turns the key; if that works, the starter's on its way out.
D| i replaced the battery last month
D| battery's new, tested it, 12.6v
D| lol it's not the battery, it's a new one
S| jumped it, started first go. battery was flat after all
S| terminal was loose. tightened it, starts fine
S| tapped the starter and it fired up, you're a legend
N| ok it's running. how long should i drive to charge it? || At least 30–40 minutes of real driving, not idling. If it's flat again tomorrow, something is draining it or the alternator isn't charging.
N| cheers. now how do i test the alternator? || With the engine running, a multimeter across the battery should read about 13.8–14.6 V. Under 13 V means the alternator isn't charging.
Q| could the cold be doing it? it was -4 last night || Cold weakens batteries a lot, so yes, it's a common time for weak batteries to give up.
Q| i left the boot open overnight 🙃 || That would do it: the boot light drains the battery. A jump and a good drive should fix it.
Q| do i need to reset anything after the battery goes flat? || Sometimes the radio code and window auto-up need resetting. Check the manual for the radio code card.

## chain_lube
O| what should i lube my bike chain with? commute 15km a day, rain most days, manchester
B| Use a dry wax-based lube. It keeps the chain clean and doesn't attract dirt.
G| In daily rain, use a wet lube: it lasts through downpours. Apply one drop per roller on a clean chain, spin, wait a few minutes, wipe off the excess. Re-lube about weekly in wet weather.
R1| Sorry, for rain most days, wet lube is the better choice; dry lube washes off quickly. Clean, one drop per roller, wipe excess, weekly.
R2| Simpler: buy a wet lube, do it every Sunday. Wipe the chain with a rag first, lube, wipe the outside off.
D| dry lube in manchester? it washed off in one ride
D| i said it rains most days
D| did that, chain was squeaking by wednesday
S| wet lube done, quiet as anything
S| cheers, weekly it is
S| no more squeaking 🙌
N| nice one. next, how often should i replace the chain? || Check it with a chain wear tool every couple of months; replace at 0.5% wear for 11-speed, 0.75% for fewer speeds, often every 3,000–5,000 km on a commuter.
N| sorted. and mudguards, worth it? || Definitely for daily rain: full-length ones keep your back and your drivetrain much cleaner.
Q| do i need to degrease it first? || A full degrease every month or so helps; weekly, a rag wipe before lubing is enough.
Q| my chain's already a bit rusty though || Light surface rust usually cleans off with a rag and lube. If links are stiff or it's orange all over, replace it.
Q| what does "wet" mean, is it not dry after? || It stays slightly tacky, which is why it resists rain. That's also why you wipe off the excess.

## brake_fluid
O| brake pedal on my 2014 yaris feels spongy since i changed the pads myself yesterday
B| A spongy pedal is normal for a few days after new pads while they bed in. Just drive normally and it will firm up.
G| New pads can need a few pumps of the pedal to settle the pistons, but a pedal that stays spongy usually means air in the lines, especially if a caliper was opened. Pump the pedal 10–15 times with the engine off and check the fluid level. If it's still soft, bleed the brakes before driving.
R1| Sorry, I shouldn't have said to just drive it. A spongy pedal is a safety issue: pump the pedal, check the fluid reservoir, and if it stays soft, bleed the brakes or have a garage do it before driving.
R2| To be safe: don't drive it yet. Pump the pedal, top up the fluid, and bleed the brakes (rear left, rear right, front right, front left on most cars). If in doubt, a garage can do it in 30 minutes.
D| drove it to the shop and it's getting worse, not better
D| it's not bedding in, the pedal goes almost to the floor
D| "drive normally" with spongy brakes? really?
S| bled them, pedal's rock solid now
S| garage bled them, 30 quid. cheers for the heads up
S| ok that makes sense, not driving it till it's done
N| done, firm now. next, do i need to bed the pads in properly? || Yes: find a quiet road, do 8–10 moderate stops from about 30 to 5 mph without stopping fully, then drive a few minutes without braking to cool them.
N| sorted. how often should brake fluid be changed anyway? || Usually every 2 years, because it absorbs water over time. Check your service book.
Q| i did open the caliper bleed nipple to push the pistons back || That's likely where the air came in. A proper bleed on that corner at least will fix it.
Q| what fluid does it take, dot 4? || Most Yaris models use DOT 4; check the reservoir cap. Don't mix in DOT 5.
Q| the fluid level is still fine though || Good, then it's not a leak; it's most likely air in the line.

## warning_light_coolant
O| temperature gauge went into the red on the motorway, pulled over. 2009 golf. what now?
B| The temperature gauge can be affected by hot weather and heavy traffic. Continue your journey at a slower speed and keep an eye on it.
G| Don't drive on with it in the red. Switch off, wait at least 30 minutes, and don't open the coolant cap while hot. Once cool, check the coolant level in the expansion tank. If it's low, top up with coolant or water to get you home, and look for leaks. If the level is fine, it could be a thermostat, water pump or fan, so call breakdown.
R1| Sorry, driving on could wreck the engine. Switch off, wait 30+ minutes, don't open the cap hot. Then check the coolant level, top up if low, and call breakdown if it's full or it overheats again.
R2| Let me be clear: stay put, engine off, 30 minutes. Check the pink expansion tank when cool. Low → top up and look for drips. Full → call breakdown, it's likely the thermostat or fan.
D| continue?? it's in the red
D| drove on slower like you said and now there's steam
D| that's how you cook an engine mate
S| coolant was bone dry. topped up, made it home
S| called breakdown, hose split. cheers for the advice
S| cheers, waiting it out now
N| made it home. next, how do i find the leak? || With the engine cold, look under the car for pink or green drips, check the hoses and clamps, the radiator and around the water pump. A cheap pressure tester from a parts shop makes leaks obvious.
N| ok. what coolant does a golf take? || G12 or the later G13 type, usually pink or purple. Don't mix with green coolant.
Q| the heater was blowing cold just before it happened, related? || Yes, that's a classic sign of low coolant: the heater core runs dry first.
Q| there's no breakdown cover on this car though || Then you can top up with water to get somewhere safe, driving short distances and watching the gauge, or call a local recovery firm.
Q| is water ok or does it need to be coolant? || Water is fine to get home. Replace it with the proper mix later so it doesn't freeze or corrode.

## _generic
C| too long. what do i actually do || Right, the action:
C| skip the essay mate || Sure, short:
C| just the answer pls, not a lecture || Fair, just the answer:
C| cheers but i'm on the hard shoulder, shorter? || Sorry, shortest version:
C| you're waffling || Fair. Straight:
C| tl;dr? || tl;dr:
W| still not it
W| nope, same thing
W| did that, still doing it
W| that's still not right
X| sack it, taking it to the garage || Fair enough, sorry I couldn't sort it. For the mechanic, the short version:
X| forget it, not worth the hassle || Sorry about that. For reference:
A| spot on
A| cheers, sorted
A| good stuff 👍
A| legend
A| that's the one, ta
U| unrelated but how do i get tree sap off paintwork? || Rub it gently with isopropyl alcohol on a microfibre cloth, then wash and wax that spot.
U| random q, best way to clean the inside of the windscreen? || Two microfibre cloths: one with glass cleaner, one dry. Wipe in straight lines, not circles, to avoid streaks.
U| what's a good cheap torque wrench? || A click-type 1/2" drive covering about 40–200 Nm is fine for wheels; a smaller 1/4" one is handy for bike jobs.
T| been working on cars since i was 14 lol || That's a lot of experience. First car you worked on?
T| my dad would be laughing at me right now || Everyone starts somewhere, and you're doing it yourself.
T| love a sunday in the garage tbh || Best kind of Sunday. Anything else on the list?
L| brb, getting the jack || Sure, I'll be here.
L| gotta go, recovery truck's here || Good luck with it!
L| brb, on the phone to the garage || No problem.
K| Good stuff. Glad it's sorted.
K| Nice one, drive safe.
K| Glad that helped.
K| Great, good luck with the rest.
"""

BANKS["pets"] = r"""
## lab_food
O| how much should i feed my 9 month old lab? she's 24kg and the kibble bag says 350 kcal per cup. she always acts starving lol but labs are like that right
B| A 24kg growing Labrador needs roughly 1,600 kcal a day, which is about 2 cups of your food per day.
G| A 24kg Lab puppy at 9 months typically needs around 1,500–1,700 kcal a day. At 350 kcal per cup that's about 4.3–4.9 cups, split into 2–3 meals. Adjust by body shape: you should feel her ribs easily but not see them. And yes, Labs always act starving.
R1| Sorry, my maths was off: 1,600 ÷ 350 is about 4.6 cups, not 2. So roughly 4.3–4.9 cups a day, split into 2–3 meals, adjusted to keep her ribs easy to feel.
R2| Let me lay it out: about 1,600 kcal/day ÷ 350 kcal/cup ≈ 4½ cups. Give 1½ cups three times a day, weigh her every 2 weeks, and cut back a little if the waist disappears.
D| 1600 / 350 is like 4.5, not 2?
D| 2 cups?? she'd eat the sofa
D| that's less than half what the bag says for her weight
S| 4 and a half it is, thank you!! she says thanks too 🐶
S| ok that matches the bag, phew
S| perfect, we'll do 3 meals
N| great!! what about treats, do they count? || Yes, keep treats to about 10% of her daily calories, so around 160 kcal. If training days are treat-heavy, take a little off her meals.
N| amazing. now when do we switch to adult food? || For a Lab, usually around 12–15 months. Switch gradually over a week by mixing the foods.
Q| she eats so fast she nearly chokes, is that bad? || It can cause tummy upsets and bloat. A slow-feeder bowl or scattering kibble on a snuffle mat helps a lot.
Q| oh i meant to mention, she's spayed. does that change anything? || Spayed dogs often need a bit less, roughly 10% fewer calories. Watch her waist and adjust.
Q| is it normal she still begs after eating? || Totally normal for a Lab; many have a gene linked to always feeling hungry. Don't take it as a sign she needs more.

## cat_litter
O| my 12yo cat started peeing right next to the litter box, not in it. nothing changed at home at all and the vet checked her last month, all fine. what's going on??
B| This is often a stress response to changes in the home, like a new pet, a house move, new furniture or visitors. Try to identify what has changed and give her a quiet space.
G| At 12, a common reason is arthritis: stepping over a high edge hurts, so she goes right next to it. Try a low-entry box (or a storage tray with one side cut down), an extra box on each floor, and unscented, soft litter. If it continues, ask the vet to recheck her urine, since kidney issues and UTIs can start between checkups.
R1| Sorry, you'd said nothing has changed. At her age, think comfort: arthritis makes high sides painful. Try a low-entry box, soft unscented litter, and a box near where she sleeps. Recheck urine if it keeps happening.
R2| Another angle: the box itself. Is it hooded or small? Older cats often need an open, large, low tray. Put one exactly where she's been peeing, then move it back slowly.
D| nothing changed at home though, i said that
D| no new pets, no moving, same house for 8 years
D| it's not stress, nothing is different 😕
S| low box from the pet shop, she used it straight away 😭❤️
S| oh poor baby, i never thought of her joints. thank you
S| put a new open tray down, she's using it!!
N| it's working!! next, she's also stopped jumping on the bed, same thing? || Probably yes, joint pain. A small step or ramp helps, and ask the vet about pain relief or joint supplements for older cats.
N| yay. what litter is softest on old paws? || Fine clumping clay or a soft paper or corn litter. Avoid big pellets and crystals.
Q| should i get her a second box even though it's just her? || Yes, especially in a two-storey home. Older cats don't want to go far.
Q| she's also drinking a lot more water lately || Mention that to the vet soon: drinking more at her age can point to kidney issues, diabetes or thyroid. A urine sample helps.
Q| i use a hooded box, is that wrong? || Not wrong, but many cats prefer open boxes, and hoods keep smells in. Try removing the lid.

## new_tank
O| my 60l tank has ammonia at 0.5 ppm, 4 neon tetras in it. set it up 10 days ago. what do i do?
B| Adding a few more fish will help establish the beneficial bacteria faster, since they produce the waste the bacteria feed on.
G| That's a new tank that hasn't cycled yet. Do a 30–50% water change with dechlorinated, temperature-matched water, test daily, and change water whenever ammonia is above 0.25 ppm. Feed a tiny amount every other day, add a bottled bacteria product, and no new fish for a few weeks.
R1| Sorry, more fish would make the ammonia worse. Your tank isn't cycled yet: do a 30–50% water change now with dechlorinated water, repeat whenever ammonia reads over 0.25, feed very lightly, and add bottled bacteria.
R2| Daily routine until it settles: test ammonia and nitrite each morning, change 30–50% if either is above 0.25, feed every other day, no new fish. Expect 3–6 weeks.
D| more fish with ammonia already at 0.5?
D| the guy at the shop said the exact opposite
D| added 2 and one died overnight 😢
S| water change done, reading 0.25 now. thank you
S| ok, no more fish for now. got it
S| tetras look way happier today
N| thanks. next, when do i do the next water change? || Test tomorrow morning: if ammonia or nitrite is over 0.25, change 30–50% again. Keep going daily until both stay at zero.
N| ok. and nitrite is 0.25 now too, same deal? || Yes, that's the next stage of cycling. Same rule: water change when it's above 0.25.
Q| do i need to do anything to the tap water? || Yes, always add a dechlorinator; it neutralises chlorine and chloramine that would kill the bacteria.
Q| it's a planted tank btw, quite a lot of plants || That helps: plants take up ammonia. Keep the light on a steady 6–8 hours so they grow.
Q| does the test kit error much? mine is strips || Strips can be a bit rough; a liquid test kit is more accurate for ammonia.

## puppy_bite
O| how do i stop my 4 month old puppy biting hands? we've tried yelping like they say online, it makes him WORSE
B| Try yelping loudly like a littermate when he bites, then stop playing for a moment. Puppies learn bite inhibition this way.
G| Some pups get more excited by yelping, so skip it. Instead: keep a toy in your hand and redirect every bite to it, and if he bites skin, calmly stand up and leave for 30 seconds. Check he's getting enough sleep too: 4 month olds need 16–18 hours and overtired puppies bite more.
R1| Sorry, you'd said yelping makes it worse. Instead: redirect to a toy every time, calmly walk away for 30 seconds if teeth hit skin, and make sure he's napping enough.
R2| More concrete: toy in every pocket, tug toy for play. Teeth on skin → hands still, stand up, leave the room 30 seconds, come back calm. Enforce naps in a crate or pen every 1–2 hours of awake time.
D| yelping is what we tried, it makes him worse
D| we already do that, he thinks it's a game
D| did you read my message lol
S| the nap thing!! he was so overtired. way better
S| ok trying the toy thing, thank you
S| 2 days in and it's already calmer, thanks
N| it's working! next issue, he chews the furniture legs || Give him legal chews (frozen carrots, rubber toys with food), block access to the worst spots, and swap in a toy whenever he goes for the leg.
N| great. how do we teach him to settle on his bed? || Reward him with a treat every time he lies on his bed, starting with short stays. Build up slowly and add a cue word like "settle".
Q| is he teething? his gums look red || Very likely; 4 months is peak teething. Frozen chews and wet knotted towels help.
Q| my kids are 5 and 7 btw, they get nipped the most || Kids move fast and squeal, which excites pups. Keep play supervised, have the kids stand like a tree and fold arms if he nips, and give them a tug toy to offer.
Q| how long until he grows out of it? || Most pups improve a lot by 6–7 months once adult teeth are in, especially with consistent redirecting.

## diabetic_cat_food
O| switching my cat from dry to wet food, how do i do it without upsetting her tummy? she's diabetic btw, on insulin
B| Mix increasing amounts of wet food into her dry over 7–10 days. Pouches in gravy are a great start because most cats love them.
G| Talk to your vet before you switch: wet, low-carb food can lower her insulin needs quickly, so her dose may need reducing to avoid hypoglycaemia. Use a low-carb pâté (not gravy pouches), mix in over 7–10 days, and monitor glucose more often during the change.
R1| Sorry, the diabetes changes things. Check with your vet first, because the switch can lower her insulin needs. Choose low-carb pâté, not gravy (that's higher in carbs), and transition over 7–10 days while testing her glucose more often.
R2| Plan: call the vet → agree a glucose monitoring schedule → switch to a low-carb pâté over a week or so → report readings. Keep honey or syrup at home in case of a low.
D| she's diabetic, aren't gravy pouches full of carbs?
D| what about her insulin though
D| you didn't mention the diabetes at all?
S| vet said the same, lowered her dose. thank you
S| that's really helpful, i had no idea about the insulin thing
S| ok pâté it is
N| thanks. next, how do i test her glucose at home? || Most owners use a pet glucometer and prick the edge of the ear with a lancet. Your vet can show you; warm the ear first and reward her after.
N| great. what signs of low sugar do i look for? || Wobbliness, weakness, twitching, unusual hiding or confusion. Rub syrup or honey on her gums and call the vet.
Q| she hates pâté, only eats chunks || Some chunk-in-loaf foods are low carb too; check the label for under about 10% carbs on a dry-matter basis.
Q| how much wet food is the same as her 60g of dry? || Roughly 3–4 small pouches or tins a day, but it depends on the brand's calories. Check both labels.
Q| can i still give her treats? || Yes, freeze-dried meat treats are basically carb-free. Skip the crunchy biscuit ones.

## frenchie_heat
O| is it too hot to walk my frenchie? it's 27 degrees at 2pm
B| Dogs generally enjoy walks in warm weather. Just bring water, find some shade and take breaks.
G| For a French bulldog at 27°C, no: flat-faced breeds can overheat fast. Walk him early morning or late evening, keep it short, and check the pavement with the back of your hand for 7 seconds. At 2pm, a cool mat and indoor games are safer.
R1| Sorry, for a Frenchie that's too hot. Flat-faced dogs struggle to cool down. Wait until evening, keep it short, and test the pavement with your hand.
R2| Simple rule for him: above about 24°C, only early morning or after sunset, 10–15 minutes, shade, water. Test the pavement with your hand first. Midday is indoor play.
D| he's a frenchie, they can't breathe in heat
D| 27 at 2pm for a flat faced dog? really?
D| we went and he was panting like crazy after 5 minutes
S| evening walk was perfect, he's snoring now
S| ok yeah, makes sense. thank you
S| the hand test is great
N| thanks. next, what indoor games tire him out? || Snuffle mats, hiding treats around the room, a frozen Kong, and short training sessions. Mental work tires them as much as walking.
N| got it. and at night can he sleep without the fan? || A fan is fine, and a cooling mat helps. Keep his bed away from windows with direct sun.
Q| what are the signs of heatstroke? || Heavy noisy panting, drooling, red gums, wobbling, vomiting. Cool him with room-temperature water and go to the vet.
Q| we're going to spain in august, he's coming too || Then plan walks at dawn and late night only, book accommodation with air con, and ask your vet about travel and heat.
Q| does a wet towel help or is that a myth? || Wetting his belly and paws helps; don't leave a wet towel lying over his back, it can trap heat.

## rabbit_stasis
O| my rabbit hasn't pooped since last night and won't eat his pellets. is that normal?
B| Rabbits can have off days. Offer some fresh greens and hay, and see how he is tomorrow.
G| No, in rabbits that's an emergency: not eating and no poop can mean GI stasis, which can become serious within hours. Call your vet or an emergency vet now. While you wait, keep him warm and offer hay and fresh greens, but don't force-feed without vet advice.
R1| Sorry, waiting is the wrong advice. No food and no poop in a rabbit can be GI stasis: call a vet or an emergency vet now. Keep him warm and offer hay while you wait.
R2| Please treat it as urgent: phone the vet now and say "rabbit not eating, no droppings since last night". They'll usually want to see him today.
D| tomorrow? i read this is an emergency in rabbits
D| waited like you said and he's worse now
D| that can't be right, he always eats
S| vet gave him meds, he's pooping again 😭 thank you
S| calling them now, thank you
S| he's eating hay again!! phew
N| he's eating again. how do i stop it happening again? || Unlimited hay (80% of the diet), fewer pellets, fresh greens, plenty of water and space to exercise. Brush him during moults so he doesn't swallow too much fur.
N| vet sorted it. next, what do i feed him for the next few days? || Follow the vet's plan; usually lots of hay, wet greens, and a recovery feed by syringe if prescribed.
Q| he's moulting a lot right now, related? || Possibly: swallowed fur during a moult is a common trigger. Brush him daily until it's over.
Q| is it a problem that it's sunday night? || Use an out-of-hours emergency vet. Rabbits shouldn't wait until Monday.
Q| he's 9 btw, pretty old for a bunny || That's a good age; older rabbits can also have dental problems that stop them eating, so ask the vet to check his teeth.

## matted_cat
O| how often should i bathe my long-haired cat? she's getting matted on her belly and behind her legs
B| Cats are very good at grooming themselves, so they rarely need a bath. Most cats only need bathing if they get into something dirty.
G| Bathing won't fix mats and can tighten them. Brush daily with a wide-toothed comb, then a slicker brush, gently. Work small mats apart with your fingers or split them with a mat splitter; don't cut close to skin with scissors. For big belly mats, a groomer or vet can shave them safely.
R1| Sorry, that skipped the mats. Daily comb then slicker, tease small mats apart, never cut close to the skin, and let a groomer shave the big ones.
R2| Short routine: 5 minutes a day, comb through belly and back legs, treats during and after. Book a groomer for a "sanitary trim" and belly shave to reset.
D| she's matted though, self grooming isn't working
D| ok but what about the mats
D| i asked because she's matted
S| groomer shaved her belly, she looks silly but happy
S| the comb works way better than the brush, thanks
S| ok, no bath, got it. thanks!
N| great. next, what brush do i buy? || A steel comb with wide and narrow teeth, plus a soft slicker brush. That combo covers most long-haired cats.
N| ok done. how do i get her to tolerate it? || Short sessions, start with her favourite spots (cheeks, back), treats during, stop before she gets annoyed. Build up over a week.
Q| why is she matting now, she never used to? || Older or heavier cats often groom their belly and back less. Ask the vet if she seems stiff or has put on weight.
Q| she bites when i touch her belly tho || Very common. Do the belly last and briefly, or leave it to a groomer.
Q| is it wrong to shave a cat in summer? || It's fine for mats; fur grows back. Just keep her out of strong sun on the shaved skin.

## _generic
C| omg that's a lot to read when i'm panicking, shorter please || Sorry, the short version:
C| can you just tell me what to do?? || Yes, what to do:
C| thanks but that was very long 🙈 || Sorry, shorter:
C| too much info, i just want the main thing || The main thing:
C| that's a lot, i'm on my phone with a cat on me lol || Shorter version:
C| can you put it more simply? || Simply:
W| still not working 😕
W| hmm that's still not it
W| tried that, no change
W| still doing the same thing...
X| ok i'll just ask the vet, thanks anyway || Of course, sorry I wasn't more help. For the vet, in short:
X| forget it, i'll ask in the facebook group || Sorry about that. In case it helps:
A| thank you so much!! 🐾
A| this is great, thank you
A| aww perfect
A| you're the best
A| exactly what i needed ❤️
U| random q: how do i get dog hair off the car seats? || A damp rubber glove or a rubber pet-hair brush pulls it off quickly; finish with the vacuum.
U| unrelated, any good apps for tracking vet appointments? || A shared phone calendar works well; there are also pet-care apps that track vaccines, meds and weight.
U| what houseplants are safe for cats? || Spider plants, calathea, Boston ferns and parlour palms are generally safe. Avoid lilies completely; they're very toxic to cats.
T| she's literally sitting on my keyboard rn 😂 || Classic cat move. She wants in on the conversation.
T| sorry i talk too much about my dog lol || Not at all, happy to hear about him.
T| he just did the head tilt thing 🥹 || The best thing dogs do.
L| brb he needs to go out || Sure, I'll be here.
L| ok bye, gotta get to the vet || Good luck, hope all goes well.
L| brb, feeding time || Of course.
K| Glad that helps! Give them a pat from me.
K| Great, hope they feel better soon.
K| Happy to help!
K| Glad it's working.
"""

BANKS["events"] = r"""
## seating
O| wedding seating: 96 guests, round tables of 10, plus a top table of 8. how many round tables do i need?
B| 96 guests at tables of 10 means you need 10 round tables.
G| 96 guests minus 8 on the top table = 88 to seat. 88 ÷ 10 = 8.8, so you need 9 round tables, for example seven of 10 and two of 9.
R1| Sorry, I forgot the top table. 96 − 8 = 88 guests on round tables, so 9 tables (for example seven of 10 and two of 9).
R2| Let me lay it out: top table 8, then 88 people → 9 round tables: 7 × 10 = 70 and 2 × 9 = 18. Total 96.
D| that's 100 seats for 88 people, you forgot the top table
D| 8 are on the top table so it's not 96 round-table guests
D| hm the venue says we only need 9?
S| 9 it is, told the venue
S| perfect, thank you, maths is not my thing
S| ok great, that's what i got too
N| thanks! next, kids table: 7 kids under 10, do they count in the 88? || If they sit at a separate kids' table, take them out: 81 adults fit on 9 tables of 9, plus one kids' table.
N| great. now how do i split the tables, friends vs family? || Keep households together, mix friend groups that know each other, and seat older relatives away from speakers and near the toilets.
Q| do the table numbers matter? like is table 1 more important? || People do read into it. Many couples use names instead of numbers (places, songs) to avoid ranking.
Q| my aunt and uncle just divorced, both coming || Seat them on opposite sides of the room at tables with their own friends, both with a clear view of the top table.
Q| is it wrong to not have a top table at all? || Not at all. A sweetheart table for two or sitting with friends is common now.

## speech
O| best man speech for my brother's wedding, 3 minutes max, funny but no embarrassing ex stories, his wife's parents are very religious
B| Here's a draft: "Good evening everyone! For those who don't know me, I'm Tom, the best man. I've known the groom since the day he was born... [about 1,000 words] ...and who could forget Jess, his ex, and the Ibiza trip? Luckily Sarah is much better at keeping him out of trouble!"
G| Short draft (about 2:45): "Hi, I'm Tom, the groom's brother, which means I've known Dan his whole life and have the photos to prove it. Growing up, Dan was the one who read the instructions... [two gentle childhood stories] ...Sarah, thank you for taking him on; Mum's been trying for 30 years. Please raise your glasses: to Dan and Sarah." Keep it to about 400 words.
R1| Sorry, that was far too long and included an ex story. Revised, about 400 words: open with who you are, two gentle childhood stories (his love of instructions, the camping trip), one line about how he changed when he met Sarah, then the toast. Nothing about exes or drinking.
R2| Tighter still: 350 words, three beats. 1) Intro and one-liner about being the brother. 2) One childhood story that shows who he is. 3) Sarah and the toast. Read it out loud with a timer, it should land under 3 minutes.
D| "his ex jess" — i literally said no ex stories
D| this is like 8 minutes out loud
D| her parents would walk out lol
S| read it out, 2:50. perfect
S| the childhood stuff is SO him, thank you
S| ok this is lovely and nobody's mum will faint
N| brilliant. now a good closing line before the toast? || Try: "Dan, you finally found someone who reads the instructions with you. Sarah, welcome to the family, no returns. Everyone, please raise your glasses: to Dan and Sarah."
N| great. next, how do i not panic while giving it? || Print it in big font, practise it out loud five times, breathe out before you start, and look at one friendly face per section.
Q| should i thank the bridesmaids or is that the groom's job? || Traditionally the groom thanks them and the best man replies on their behalf. Check his speech so you don't double up.
Q| i'm speaking after the father of the bride btw || Then keep yours lighter and shorter; his is usually the emotional one.
Q| is it ok to read it off my phone? || It works, but cards look better in photos and won't lock or light up with notifications.

## invitations
O| birthday invite wording for my dad's 60th, surprise party, saturday 14 june 7pm at the red lion, tell people to arrive by 6:30 and NOT mention it on facebook
B| "You're invited to celebrate Dad's 60th birthday! Join us on Saturday 14 June at 7pm at the Red Lion. Food, drinks and dancing. RSVP to Anna."
G| "Shh! It's a surprise! Join us to celebrate Dad's 60th on Saturday 14 June at The Red Lion. Please arrive by 6:30pm sharp, he gets there at 7. And please don't mention it on Facebook or anywhere he might see. RSVP to Anna by 1 June."
R1| Sorry, I missed the surprise details. "Shh, it's a surprise! Dad's 60th, Saturday 14 June, The Red Lion. Please arrive by 6:30pm, he arrives at 7. Please don't post or comment about it on Facebook. RSVP to Anna."
R2| Another version, a bit punchier: "🤫 SURPRISE 60th for Dad! Sat 14 June, Red Lion. Be there by 6:30, he walks in at 7. Not a word on Facebook! RSVP Anna."
D| it's a surprise though? this doesn't say that anywhere
D| people will turn up at 7 and he'll see them in the car park
D| i meant it has to SAY it's a surprise, and the facebook bit is missing
S| sent it out, 30 yeses already 🎉
S| perfect, the "he gets there at 7" is a good touch
S| ha love it, sending now
N| perfect. next, a short text for people i'm inviting by whatsapp? || "Hi! Throwing Dad a surprise 60th at the Red Lion, Sat 14 June. Please be there by 6:30 (he arrives at 7) and keep it off Facebook! Can you come?"
N| great. now the thank-you message after? || "Thank you so much for coming to Dad's 60th! He had no idea, and he hasn't stopped talking about it. Thank you for keeping the secret ❤️"
Q| should i invite his work people too? he's retiring soon || That's a nice touch, especially near retirement. Invite a few close colleagues and ask one of them to get him there.
Q| what if someone accidentally mentions it? || Have a backup story ready: "Anna's booked a family dinner at the Red Lion". Then it's still a surprise who's there.
Q| oh also my uncle is flying in from canada for it || Great, ask him to stay out of sight until Dad arrives. If he's arriving the day before, keep him away from your parents' house.

## timings
O| wedding day timeline please. ceremony 1pm, venue is 40 mins from the church, photographer leaves at 9pm, dinner needs to be at 5 on the dot
B| 1:00 ceremony\n1:45 drinks reception at the church\n3:30 arrive at venue\n4:00 speeches\n6:00 dinner\n8:00 first dance\n10:00 evening buffet
G| 1:00 ceremony (about 45 min)\n1:45 confetti and family photos at the church\n2:20 leave for the venue\n3:00 drinks reception and couple photos\n4:30 call to dinner\n5:00 dinner\n6:45 speeches\n7:30 cake cutting\n8:00 first dance\n8:45 sunset photos before the photographer leaves at 9
R1| Sorry, dinner has to be at 5. Revised: 1:00 ceremony, 1:45 photos at the church, 2:20 leave (40 min drive), 3:00 drinks and photos, 4:30 call to dinner, 5:00 dinner, 6:45 speeches, 7:30 cake, 8:00 first dance, 8:45 last photos before 9.
R2| Let me tighten the photo side: group photos at the venue 3:00–3:45, couple photos 3:45–4:15, dinner 5:00, speeches after mains at 6:30, first dance at 7:45 so the photographer catches it with time to spare.
D| dinner at 6? i said 5 on the dot
D| first dance at 8 is fine but the buffet at 10 is after the photographer leaves, and dinner's wrong
D| the drive is 40 mins, not an hour and 45
S| this works!! printing it for the venue
S| perfect, leaves breathing room too
S| ok that's realistic, thank you
N| thanks! next, evening guests arrive at 7:30, where do they fit? || Speeches end around 7:15, so evening guests arriving at 7:30 walk straight into the cake cutting and first dance. Have a drink ready for them at the door.
N| great, now what about the morning, hair and makeup for 5 people? || Allow 45 minutes per person for hair and makeup combined with two artists: start at 8:00, bride last, finishing around 11:30. Dress on at 12:00, leave at 12:30.
Q| what if the ceremony runs late? || Build in 15 minutes of buffer by keeping the church photos short. The drinks reception can absorb the rest.
Q| the venue says we can't do speeches during dinner, just so you know || Then speeches go after mains or after dessert. I'd put them before the cake, around 6:45.
Q| is it normal to do speeches before dinner? || Yes, lots of couples do it so the nervous speakers can relax and eat. It just means dinner needs to start later.

## budget_split
O| hen do for 9 people, cottage is £1,620 for 2 nights, bride doesn't pay. what does each person owe?
B| £1,620 ÷ 9 = £180 each.
G| The bride doesn't pay, so split it between the other 8: £1,620 ÷ 8 = £202.50 each.
R1| Sorry, I included the bride. Between the 8 paying: £1,620 ÷ 8 = £202.50 each.
R2| Let me show it: £1,620 total, 8 payers, £202.50 per person. If you also want to cover her food, add about £10 each.
D| the bride doesn't pay though
D| 180 x 9 includes the bride, she's not paying
D| that leaves us £180 short lol
S| £202.50 it is, sending the payment link now
S| thanks, knew it was something like that
S| great, easy
N| done. next: food for the weekend, roughly £25 each on top? || £25 × 8 = £200 for food, or £200 ÷ 9 ≈ £22 per head including the bride. Plenty for breakfasts, a bbq and snacks.
N| great. what about the activity, it's £35 pp for all 9? || £35 × 9 = £315. Split across 8 payers that's £39.38 each.
Q| one person can only come for 1 night || Then she could pay half the accommodation share: £101.25, with the other 7 covering the rest, about £217 each. Or keep it equal if everyone agrees.
Q| is it normal that the bride doesn't pay? || Very common in the UK for hen and stag dos, yes.
Q| do people usually pay upfront or after? || Upfront is easier: a deposit when booking and the rest a month before.

## kids_party
O| 7th birthday party at home, 12 kids, 2 hours, no screen stuff. what do we do minute by minute? it's in march so probably indoors
B| Great idea for spring! Start with a garden treasure hunt, then a water balloon fight, followed by an outdoor picnic, and finish with a bouncy castle.
G| 0:00 arrivals + colouring table\n0:15 pass the parcel\n0:30 musical statues\n0:45 craft: decorate a party bag\n1:05 food\n1:30 cake and singing\n1:40 treasure hunt around the house (clues on cards)\n1:55 party bags and goodbyes
R1| Sorry, that was all outdoors in March. Indoor version: arrivals and colouring, pass the parcel, musical statues, craft, food at 1:05, cake at 1:30, indoor treasure hunt, party bags at 1:55.
R2| A calmer version if 12 kids in a house sounds loud: arrivals and colouring, pass the parcel, one craft, food, cake, then sleeping lions to wind down before pick-up.
D| water balloons in march? lol
D| it's inside, i said indoors
D| we don't have room for a bouncy castle, it's a flat
S| this is great, it actually fills 2 hours
S| ok this is doable even in our flat
S| perfect, she'll love pass the parcel
N| yay. what food for 12 kids that's not a pain? || Mini sandwiches, cocktail sausages, cheese cubes, grapes cut in half, crisps, and a veggie tray. Check allergies first.
N| thanks!! next, party bag ideas under £3 each? || A small notepad, stickers, a bouncy ball and a slice of cake in a napkin. Buying in packs of 12 keeps it under £3.
Q| what if some kids don't know each other? || Start with a group game (pass the parcel) so nobody's stuck in a corner. Pair shy ones with your child.
Q| one kid has a nut allergy btw || Keep the whole party nut free: check cake, sweets and party bag snacks, and tell the other parents not to bring anything with nuts.
Q| should i let parents stay? || For 7-year-olds it's usually drop-off, but welcome anyone who wants to stay. A spare adult helps.

## venue_email
O| can you write an email to the venue asking if we can move our wedding from 12 to 19 sept? keep it short and polite, we're happy to pay a change fee
B| Dear Sir or Madam,\n\nI hope this email finds you well. I am writing to you today regarding our upcoming wedding booking, which we are so very excited about. As you may know, weddings involve many moving parts... [four more paragraphs] ...We would be extremely grateful if you could consider our request at your earliest convenience.
G| Subject: Date change request, Smith–Khan wedding\n\nHi Claire,\n\nWe're booked for 12 September and would like to ask whether 19 September is available instead. We're happy to pay any change fee. Could you let us know the options?\n\nThanks very much,\nPriya Khan
R1| Sorry, that was far too long. Shorter: "Hi Claire, we're booked for 12 September and would like to move to 19 September if it's free. We're happy to pay a change fee. Could you let us know? Thanks, Priya"
R2| Even shorter, for a quick email: "Hi Claire, is 19 Sept available instead of our 12 Sept booking? Happy to pay the change fee. Thanks! Priya"
D| i said short lol, this is 5 paragraphs
D| it doesn't even say the new date until the end
D| they'll fall asleep before they find the question
S| sent! they already replied yes 🎉
S| perfect, short and sweet
S| love it, thanks
N| great, sent. now the same for the photographer? || "Hi Mark, the venue has confirmed we're moving from 12 to 19 September. Are you free on the 19th? Happy to discuss any change fee. Thanks, Priya"
N| done. and one to the guests telling them? || "Change of date! Our wedding is now on Saturday 19 September, same venue and time. Sorry for any hassle, and new invitations will follow. Priya & Sam"
Q| should i call instead of email? || Email first so it's in writing, then call if they haven't replied in two days.
Q| our contract says 90 days notice for changes || Then send it today and mention the notice period: you're within it if the wedding is more than 90 days away.
Q| what if the 19th isn't free? || Ask for their next Saturday and any Fridays in September; Fridays are often cheaper.

## anniversary_dinner
O| planning a surprise 40th anniversary dinner for my parents, 20 people, budget £800, my mum is vegetarian and my dad hates anything spicy
B| A great option would be a Thai or Indian restaurant with a private room: lots of shared dishes, and £40 a head for a banquet menu.
G| For 20 people at £800 (£40 a head), look for an Italian or modern British restaurant with a private room and a set menu: mushroom risotto or a good veggie pasta for your mum, roast chicken or steak options for your dad, nothing spicy. Ask about a £35 set menu so you have £100 left for cake and flowers.
R1| Sorry, spicy cuisines are the wrong fit for your dad. Try an Italian or British place with a private room: set menu around £35 a head, with a proper vegetarian main for your mum, and £100 left for a cake and flowers.
R2| Concrete plan: Italian restaurant, private room for 20, three-course set menu at £35 (one veg main), prosecco toast, cake from a local bakery (£60), flowers (£40). Total about £800.
D| my dad hates spicy food, thai is like the worst choice
D| indian for my dad? he cries at black pepper lol
D| ok but i said no spicy
S| booked an italian with a back room, mum's thrilled
S| perfect, thank you, that's exactly the budget
S| the cake and flowers idea is lovely
N| thanks! next: a toast for me to say, something short? || "Forty years ago, two people decided to put up with each other forever. Mum and Dad, thank you for showing us what that looks like. To forty more years!"
N| great. now decorations on a budget? || Gold and white: a few balloons with "40", tea lights on the tables and a photo board of them through the years. About £40.
Q| should we tell them or keep it a surprise? || Keep it a surprise but tell them to dress nicely for a "family dinner". Make sure someone knows their plans that evening.
Q| my grandma will be there too, she's 94 and uses a wheelchair || Then check the private room is step free, there's an accessible toilet, and seat her close to the door and to your parents.
Q| is tipping included usually for groups? || Many UK restaurants add 10–12.5% service for large groups. Check when you book so your budget includes it.

## _generic
C| that's way too much detail for a quick question || Sorry, quickly:
C| can you condense that? i'm sending it to my fiancé || Of course, condensed:
C| ok that's a novel 😅 short version? || Short version:
C| thanks, but i needed the main point not every option || The main point:
C| too wordy, i need it in two lines for the group chat || Two lines:
C| could you be a bit more to the point? || To the point:
C| hmm i get lost in all that, what's the actual answer? || The actual answer:
W| still not right
W| that's still not what i asked for
W| hmm, same issue
W| no, still wrong
X| ok i'll just do it myself || Understood, sorry I didn't get it right. For reference, the short version:
X| forget it, my sister can sort this || Sorry for the runaround. In case it's useful:
A| perfect!! thank you 💕
A| this is so helpful
A| lovely, thanks
A| amazing, ticking that off the list ✅
A| that's exactly right
U| random: how do i get wax off a tablecloth? || Freeze it or scrape the hard wax, then put brown paper over it and iron on low; the paper soaks up the rest.
U| unrelated but how do i politely decline a wedding invite? || Reply promptly, thank them, say you can't make it without over-explaining, and send a card or gift.
U| whats a good app for a shared to-do list? || A shared notes list or any to-do app with shared lists works; pick whatever your partner already has on their phone.
T| honestly planning this is a second job lol || It really is. You're doing great with all of it.
T| my mum keeps adding people to the guest list 🙃 || Classic. Maybe give her a fixed number of invites to "spend".
T| can't believe it's only 6 weeks away || Exciting! The last few weeks fly by.
L| brb, the florist is calling || Sure, I'll be here.
L| gotta go, dress fitting || Have fun!
L| brb checking the budget spreadsheet || Take your time.
K| Lovely, glad that helps!
K| Great, one less thing to worry about.
K| Happy to help. Hope it all goes smoothly!
K| Glad that works.
"""

BANKS["jobseeker"] = r"""
## cv_summary
O| could you write a 2-line CV summary for me? 5 years as a retail supervisor, trying to move into HR, doing my CIPD level 3 at the moment
B| Dedicated and results-driven retail professional with five years of experience in fast-paced store environments. Proven track record of exceeding sales targets, managing stock, driving footfall and delivering outstanding customer service. Skilled in visual merchandising, cash handling and store operations. Passionate about retail and committed to continuous improvement. Looking for a new challenge in a dynamic retail organisation.
G| Retail supervisor with 5 years' experience leading teams of up to 15, handling rotas, onboarding and staff concerns. Now moving into HR and currently studying for the CIPD Level 3 in People Practice.
R1| Sorry, that was too long and stayed in retail. Two lines: "Retail supervisor with 5 years' experience leading teams, rotas, onboarding and staff issues. Moving into HR, currently completing CIPD Level 3."
R2| Another version, more HR-forward: "People-focused supervisor (5 yrs, retail) experienced in recruitment days, training and absence management. Studying CIPD Level 3 and looking for a first HR role."
D| that's like 6 lines? i asked for 2
D| it doesn't even mention hr
D| this makes me sound like i want to stay in retail
S| oh that's so much better than mine, thank you
S| perfect, it's in the cv now
S| i like the second line a lot, thanks
N| thank you!! could you do the same for my key skills section? || Key skills: team leadership (up to 15 staff), rota planning, onboarding and training, handling staff concerns, absence tracking, Excel, confidentiality, CIPD Level 3 (in progress).
N| great. now a line for my linkedin about section? || "Five years leading retail teams taught me that the people side is the part I love. I'm now studying CIPD Level 3 and moving into HR, where I can focus on onboarding, training and employee relations."
Q| should i put the cipd as "in progress" or the expected date? || Use the expected date: "CIPD Level 3 in People Practice (expected June 2025)". It reads more concrete.
Q| i also did the absence stuff for the whole store btw, not just my team || Worth adding: "managed absence records for a 60-person store" is exactly the kind of HR detail recruiters look for.
Q| is it wrong to leave my sales figures out? || Not for HR roles. Keep one line about results if you like, but people-related achievements matter more here.

## weakness
O| how do i answer "what's your biggest weakness" for a junior data analyst interview? i don't want a fake one like perfectionism
B| A strong answer is: "My biggest weakness is that I'm a perfectionist. I care so much about getting things right that I sometimes spend too long on details."
G| Pick a real, fixable one and show what you're doing about it. For example: "I used to stay stuck on a problem too long before asking for help. In my last project I set myself a rule: if I'm stuck for 30 minutes, I write down what I tried and ask. It's made me faster and I learn more from colleagues."
R1| Sorry, that's exactly the cliché you wanted to avoid. A real one: "I used to be slow to ask for help. Now I give myself 30 minutes, note what I've tried, then ask. It's made me quicker." Short, honest, and shows growth.
R2| Another genuine option: "Presenting findings to non-technical people. I'm working on it by writing a three-sentence summary before every chart and practising with friends."
D| i literally said not perfectionism
D| that's the cliché i wanted to avoid
D| they'll roll their eyes at that tbh
S| ok that one's actually true for me lol. using it
S| that feels honest, thank you
S| ok i can say that without cringing
N| thanks. what about "why do you want this job"? || Link three things: what the company does, one thing in the job ad you're excited about, and a skill of yours that fits it. For example: "I like that your team works with public health data, the role includes building dashboards, and I built two in my portfolio."
N| great, next one: "where do you see yourself in 5 years" || "In five years I'd like to be a confident analyst who can own a project from question to recommendation, and maybe mentor newer analysts. This role feels like the right first step."
Q| should i mention i'm still learning sql? || Yes, if you frame it positively: "I use SQL daily in my projects and I'm working through window functions now."
Q| it's a video interview btw, not in person || Then put a sticky note with your three main points next to the camera, check the lighting, and close notifications.
Q| what if they ask for a second weakness? || Have a backup ready, like presenting to non-technical people, and say what you're doing about it.

## salary_email
O| offered £32k, i was hoping for £36k. how do i ask for more over email without sounding ungrateful? could you write it
B| Before negotiating, research the market rate for the role using sites like Glassdoor and LinkedIn Salary. Consider your experience, the company size, and the cost of living in your area. Remember that benefits such as pension and leave also have value.
G| "Hi Sarah,\n\nThank you so much for the offer, I'm really excited about the role and the team. Based on my experience with X and the market rate for similar roles, I was hoping for a salary closer to £36,000. Is there any flexibility on the base salary?\n\nEither way, I'm keen to make this work.\n\nBest,\nJordan"
R1| Sorry, here's the email itself: "Hi Sarah, thank you for the offer, I'm really excited about the role. Based on my experience and similar roles, I was hoping for something closer to £36,000. Is there any flexibility? I'm keen to make this work. Best, Jordan"
R2| A slightly firmer version: "Hi Sarah, thanks again for the offer. Before I accept, I'd like to ask whether the salary could be £36,000, which reflects my experience in X and Y. I'm very keen to join. Best, Jordan"
D| i asked for the email, not tips
D| ok but can you write it?
D| i've done the research, that's how i got to 36
S| sent it 😬 they said they'll check with the manager
S| they came back with 35!! thank you
S| this is perfect, polite but clear
N| thank you. if they say no, what do i reply? || "Thanks for checking, Sarah. I understand. I'm happy to accept at £32,000 and would love to revisit the salary at my six-month review."
N| great. now how do i accept in writing once it's agreed? || "Hi Sarah, I'm delighted to accept the offer at £35,000 with a start date of 3 March. Please let me know what you need from me. Thanks, Jordan"
Q| should i mention another offer? i don't actually have one || Don't invent one; it can backfire. Your experience and the market rate are reasons enough.
Q| is it bad to negotiate for a junior role? || No, it's normal. A polite, specific ask rarely loses an offer.
Q| the recruiter is external, not the company || Then send it to the recruiter; they negotiate on your behalf and usually want the higher number too.

## cover_opening
O| cover letter opening for a junior UX role at a charity. i'm changing career from teaching. please dont start with "i am writing to apply"
B| "I am writing to apply for the position of Junior UX Designer at your organisation. As a former teacher, I believe I have many transferable skills."
G| "For eight years I've watched thirty teenagers try to use the same worksheet in thirty different ways. That's what drew me to UX: finding out why something confuses people, and fixing it. I'd love to bring that to [Charity]'s digital team."
R1| Sorry, I used exactly the opening you wanted to avoid. Try: "Eight years of teaching has been eight years of user testing: thirty people, one worksheet, thirty different ways to misunderstand it. That's why I'm moving into UX, and why [Charity]'s work caught my eye."
R2| A calmer version: "Teaching taught me to watch how people actually use things, not how we assume they will. I'm now bringing that into UX, and I'd love to do it for a cause I care about."
D| first words: "i am writing to apply". lol
D| i asked you not to start like that
D| that's the exact opening i said no to
S| oh that first line is so good, thank you
S| love it, using that
S| oh this actually sounds like me
N| thank you. could you do a closing paragraph too? || "I'd love the chance to talk about how my classroom experience and my UX portfolio could help [Charity] reach more people. Thank you for considering my application."
N| great. next, a line about my portfolio? || "My portfolio includes a redesign of our school's parents' evening booking system, tested with 12 parents, which cut missed bookings by a third."
Q| should i mention the charity's mission directly? || Yes, one specific sentence about what they do and why it matters to you beats general praise.
Q| i did a google ux certificate last year btw || Mention it in the second paragraph: "I've since completed the Google UX Design Certificate and built three case studies."
Q| how long should the whole letter be? || About 250–350 words, three or four short paragraphs, one page.

## cv_gap
O| how do i explain a 14 month gap on my CV? i was caring for my mum, i don't want to overshare
B| You could describe it as a period of travel and personal development, for example: "Career break: travelled and developed new skills."
G| Be honest and brief: "Career break (Jan 2023 – Mar 2024): full-time carer for a family member." In an interview: "I took a break to care for a family member. That's now settled and I'm ready to come back full time." You don't need to say more.
R1| Sorry, that would be untrue. Keep it honest and short: "Career break (2023–2024): full-time carer for a family member." In interviews, one sentence, then move to why you're ready now.
R2| Another option if you don't want the word carer: "Career break (2023–2024): family responsibilities." It's honest, brief and widely understood.
D| but i wasn't travelling?
D| i don't want to lie about it
D| that's not what happened though
S| that's so much less scary than i thought, thanks
S| honest and short, perfect
S| put it in, feels right
N| thanks. next, how do i answer if they ask what i did to keep skills up? || "I kept up with the sector through online courses and reading, and I managed a lot of admin and appointments, which kept me organised." Only say what's true.
N| great. now the cover letter, do i mention it there too? || One line is enough: "After a career break caring for a family member, I'm ready to return to full-time work." Then move on to the role.
Q| can they ask me about my mum's health? || They shouldn't, and you don't need to share it. "It's a private family matter, and it's resolved" is enough.
Q| my mum actually passed in march, which is why the gap ended || I'm sorry for your loss. You still don't need to say that; "the caring role has ended" is enough and keeps it private.
Q| does a gap look bad these days? || Much less than before. A short honest line is fine, and caring is widely understood.

## feedback_email
O| got rejected after the final round. i want to ask for feedback, 3 sentences max
B| Dear Hiring Team,\n\nThank you very much for letting me know your decision. While I was naturally disappointed, I really enjoyed meeting the team...\n\nI would be very grateful for any feedback...\n\nI would also like to ask whether you might consider me for future roles...\n\nWith best wishes,
G| "Thank you for letting me know, and for the time you and the team gave me. I'd really appreciate any feedback that could help me in future interviews. I'd love to be considered for future roles too."
R1| Sorry, three sentences only: "Thank you for letting me know and for your time. I'd appreciate any feedback you can share to help me improve. I'd be glad to be considered for future roles."
R2| Two sentences, if you want it even shorter: "Thanks for letting me know, I really enjoyed the process. Could you share any feedback to help me in future interviews?"
D| 3 sentences max, this is 3 paragraphs
D| way too long, they won't read all that
D| i said 3 sentences...
S| sent, thank you, that was hard to write
S| short and graceful, thanks
S| they replied with actual feedback!!
N| thanks. they said my technical answers were weak. what do i do next? || Ask yourself which questions tripped you, write down better answers, and practise them out loud. If they named a topic, spend a week on just that.
N| sent it. next, how do i keep going after this? i'm tired || Take a day off applications. Then pick 3 roles a week you really want rather than 20 you don't. Final rounds mean you're close.
Q| should i connect with the interviewer on linkedin? || It's fine if you had a good conversation; add a short note thanking them.
Q| it's the second time i've got to the final round with them || Then mention it kindly: "I'd love to understand what would make the difference next time." It shows persistence.
Q| is it normal not to get any feedback? || Sadly yes, many companies don't give it. Don't take silence personally.

## linkedin_headline
O| linkedin headline: i'm a nurse moving into medical sales. under 120 characters please
B| Registered Nurse with 8 Years of Acute Care Experience | Passionate About Patient Outcomes | Transitioning into Medical Device Sales | Open to Opportunities in the North West
G| "Registered Nurse → Medical Sales | 8 yrs acute care | Clinical know-how clinicians trust" (about 90 characters)
R1| Sorry, that was over 170 characters. Under 120: "RN moving into Medical Sales | 8 yrs acute care | Clinical insight for clinicians and buyers" (about 95).
R2| Shorter still: "Nurse turned Medical Sales | 8 years acute care | North West" (about 60).
D| that's way over 120 characters
D| linkedin cut it off halfway lol
D| hm it won't let me save it, too long
S| fits! and it sounds good
S| perfect, updated already
S| ooh that's punchy, nice
N| thanks. now the about section, 3 short paragraphs? || Para 1: 8 years as an acute care nurse. Para 2: why sales, using clinical knowledge to help teams choose the right equipment. Para 3: what you're looking for and where. Want me to write it out?
N| great. what about my job titles, keep them as nurse? || Yes, keep real titles, but rewrite bullets to highlight training staff on new equipment, working with suppliers and explaining products.
Q| should i turn on "open to work"? || Yes, you can set it to recruiters only if you don't want your current employer to see.
Q| i'm still working shifts btw, can't do weekday calls easily || Put your availability in messages to recruiters early; many are happy to call before 9 or after 5.
Q| is it wrong to use an arrow symbol? || Not wrong; it shows up fine on LinkedIn. Use "to" instead if you prefer plain text.

## star_conflict
O| interview tomorrow 9am for a warehouse team leader job. can you give me a STAR example about handling conflict? i've never been a manager, only a picker
B| Situation: As a shift manager, I oversaw a team of 12 where two staff members had an ongoing dispute. Task: I needed to resolve it. Action: I held one-to-one meetings with both and set clear expectations. Result: productivity rose 15%.
G| Situation: two pickers on my shift kept arguing about who got the easy aisles. Task: it was slowing everyone down and I wanted it sorted. Action: I suggested to our supervisor that we rotate aisles weekly and offered to make the rota. Result: the arguments stopped and our pick rate went up. It shows you solve problems without being the boss.
R1| Sorry, you've never managed, so let's use something real from picking. S: two colleagues arguing over aisles. T: it slowed the shift. A: you suggested a weekly rotation to the supervisor and made the rota. R: no more arguing, better pick rate.
R2| Another true-to-you option: S: a new starter was struggling and getting shouted at. T: you wanted to help. A: you buddied with them for a week and showed them the scanner shortcuts. R: they hit target and the tension stopped.
D| i've never managed anyone though
D| i was a picker, not a manager
D| they'll ask follow ups and i'll be lying
S| that actually happened to me lol. perfect
S| ok i feel a bit less sick now. thank you
S| that's realistic, i can say that
N| thanks. can you do one for "a time you went above and beyond"? || S: a lorry arrived late before a bank holiday. T: orders had to go out. A: you stayed an extra hour and helped reorganise the picks by route. R: all orders left on time and your manager thanked the team.
N| great. what should i ask them at the end? || "What does a great first three months look like in this role?" and "How does the team handle peak season?"
Q| what do i wear for a warehouse interview? || Smart casual: clean trousers, a plain shirt or polo, clean shoes. You don't need a suit.
Q| i did cover for the supervisor a couple of times btw || Use that! "I covered the supervisor on two shifts, briefing the team and handling the breaks." That's real leadership.
Q| what if i freeze? || Pause, say "good question, let me think", and go back to your examples. Interviewers expect nerves.

## _generic
C| that's a lot, sorry, could you make it shorter? || Of course, shorter:
C| sorry but i don't have time to read all that, interview is in an hour || Understood, the key part:
C| too long. || Short version:
C| thanks but that's a bit much, just the main thing please || The main thing:
C| could you cut it down? i'm overwhelmed 😓 || Sorry, cut down:
C| i appreciate it but i needed something simpler || Simpler:
W| still not quite right, sorry
W| that's still not it
W| hmm no
W| sorry, still not what i need
X| it's fine, i'll ask my careers adviser || Of course, sorry I wasn't more help. In short:
X| never mind, thanks anyway || Sorry about that. For reference:
A| thank you so much
A| this really helps, thank you 🙏
A| perfect, thanks
A| great, that's exactly it
A| thanks, that's a relief
U| random question, how do i make a pdf smaller to upload? || Most online compressors work, or in Word choose "Save as PDF" with "Minimum size (publishing online)".
U| unrelated: is it rude to email on a sunday? || Not rude, but you can schedule it for Monday 9am so it lands at the top of their inbox.
U| how do i change my email signature in gmail? || Settings (gear icon) → See all settings → General → Signature. Create one and save at the bottom.
T| job hunting is exhausting honestly || It really is. You're putting yourself out there every day, that takes energy.
T| 4 months of this now lol || That's a long stretch. Keep going, it often turns around quickly.
T| my friend got 3 offers in a week 🙃 || Everyone's timeline is different. Yours is coming.
L| brb, they're calling me!! || Good luck!! I'll be here.
L| ok have to go, interview in 20 min || Good luck, you've got this.
L| brb, printing my cv || Sure.
K| Good luck, you've got this!
K| Glad that helps. Fingers crossed!
K| Happy to help.
K| Great, best of luck with it.
"""

BANKS["diy"] = r"""
## dripping_tap
O| kitchen mixer tap drips from the spout even when off. it's a single lever tap, about 6 years old
B| A dripping tap is usually caused by a worn rubber washer. Turn off the water, unscrew the tap head, replace the washer and reassemble.
G| Single-lever mixers don't have rubber washers, they have a ceramic cartridge. Turn off the isolation valves under the sink, pop the cap off the lever, undo the screw, lift the lever off, unscrew the cartridge nut, and take the old cartridge to a plumbers' merchant to match it. Fit the new one, reassemble, turn the water back on.
R1| Sorry, single-lever taps use a ceramic cartridge, not a washer. Isolate the water, remove the lever, unscrew the cartridge, match it at a plumbers' merchant and fit the new one.
R2| Step by step: 1) isolation valves off under the sink, 2) prise off the red/blue cap, 3) hex screw out, lever off, 4) unscrew the brass nut, pull out the cartridge, 5) buy the same one, 6) reverse.
D| there's no washer, it's a lever tap
D| took it apart and there's no washer in there, just a plastic thing
D| i said single lever
S| new cartridge in, no more drip 🙌
S| £18 part and 20 mins. no drips
S| that was easier than i thought, thanks
N| cheers. now the bathroom basin tap is stiff, same fix? || If it's also a lever mixer, yes, a worn cartridge makes it stiff. If it's an old two-handle tap, that one does use washers or quarter-turn valves.
N| done. next, the isolation valve under the sink is leaking a bit || Tighten the compression nut a quarter turn with a spanner while holding the valve body still with another. If it still weeps, wrap the olive in PTFE tape or replace the valve.
Q| how do i know which cartridge to buy? || Take the old one with you. Size is usually 35mm or 40mm; the splined end must match too.
Q| there are no isolation valves under my sink though || Then turn off the main stop tap, usually under the kitchen sink or where the pipe enters the house, and open a tap to drain it.
Q| what if i strip the screw? || Use a screw extractor bit, or grip the head with locking pliers. Buy a spare screw when you get the cartridge.

## painting_ceiling
O| painting a kitchen ceiling, there's a brown water stain from an old leak (fixed now). how do i stop it coming through?
B| Apply two coats of good-quality white emulsion. A thicker paint will cover the stain.
G| Emulsion won't stop a water stain; it bleeds through. Let it dry fully, then spot-prime with a stain-block primer (oil- or shellac-based, aerosol is easiest), let it dry, then paint the whole ceiling with kitchen emulsion, two coats.
R1| Sorry, emulsion alone won't hold it. Prime the stain with a stain-block primer first, let it dry, then two coats of emulsion over the whole ceiling.
R2| Specifically: spray stain block over the stain and a few cm around, wait 2 hours, second blast if still visible, then roll the whole ceiling with matt emulsion edge to edge.
D| did 2 coats already and it's coming through again
D| it's back, the brown's showing through
D| emulsion doesn't cover water stains though?
S| stain block did it, gone
S| stain's gone, looks like new
S| ok good, ordered the spray, thanks
N| great. next the walls, do i need to prime those too? || Not if they're already painted and sound. Wash off grease with sugar soap, fill holes, sand, then two coats.
N| done. how do i cut in neatly at the top of the walls? || Use a 2" angled brush, load it lightly, and drag along slowly a few mm from the edge, then push into the corner. Steady hand beats masking tape on textured ceilings.
Q| will the stain come back if there's another leak? || Yes, a new leak would stain again. Check the pipe above is dry before painting.
Q| it's artex btw, bumpy ceiling || Then use a thick-pile roller for artex and work it into the texture. The stain block spray still works well on bumps.
Q| what if i get the paint wrong and it's too shiny? || A second coat of a matt emulsion will fix it. Kitchen-specific paints are often slightly sheen; matt hides ceiling bumps better.

## shelf_plasterboard
O| want to put a floating shelf on a plasterboard wall, for books, maybe 15kg. what fixings?
B| Use standard red plastic wall plugs and 4mm screws, they'll easily hold 15kg.
G| Plastic plugs won't hold books in plasterboard. Best: find the studs with a detector and screw into them. If the studs aren't where you need them, use heavy-duty plasterboard fixings like metal spring toggles or GripIt fixings, rated for your load with a safety margin.
R1| Sorry, red plugs would pull out of plasterboard. Screw into studs if you can; otherwise use metal spring toggles or GripIt-style fixings rated well above 15kg.
R2| Concretely: stud detector first. If a stud is in range, 5×60mm screws into it. If not, two 18mm GripIts or two spring toggles per bracket.
D| red plugs in plasterboard? they just spin
D| shelf came down overnight with the books on it
D| pretty sure plastic plugs don't work in plasterboard
S| found the studs, shelf is solid
S| gripits are ace, rock solid. cheers
S| up and full of books, no sag
N| nice. next, how do i keep a floating shelf level? || Use a spirit level when marking the holes, mark through the bracket holes, and check again before the last screw. Many brackets have slightly oversized holes to adjust.
N| great. the tv next, 20kg on the same wall? || For 20kg on plasterboard, go into studs or use heavy-duty fixings rated for it, and use a bracket that spreads across two studs if possible.
Q| how do i know if there are pipes or wires behind? || Use a detector that finds live wires and metal, and avoid zones straight above or below sockets and switches.
Q| i'm renting btw, can i still do this? || Check your tenancy first; many landlords are fine with a few holes if you fill them when you leave.
Q| what size drill bit for gripits? || The 18mm GripIt needs an 18mm hole; the packaging lists a flat wood bit size too.

## fuse_trip
O| the lights circuit keeps tripping when i turn on the landing light. rcd or mcb flipped, don't know which. new bulb went in yesterday
B| It could be a faulty appliance somewhere in your house. Unplug everything and reset the consumer unit.
G| Since it trips right when you switch on the landing light and you changed the bulb yesterday, start there. Take the new bulb out, reset the breaker. If it holds with the switch on, the bulb or lamp holder is faulty (blown bulbs can trip an MCB). If it still trips with no bulb, the fault is in the fitting or wiring: call an electrician.
R1| Sorry, unplugging appliances won't help on a lighting circuit. It's probably the new bulb or the fitting: remove the bulb, reset, switch on. Holds → bulb. Still trips → fitting or wiring, get an electrician.
R2| Quick test: bulb out, breaker reset, switch on. Trips? Electrician. Doesn't? Try a different bulb. Still trips with a new bulb? It's the lamp holder.
D| it's the lights circuit, nothing's plugged in
D| unplugged everything, still trips when i hit the landing switch
D| appliances aren't on that circuit though?
S| it was the bulb. new one, no tripping
S| bulb out, breaker held. bingo
S| cheers, that's logical
N| great. next, the bathroom fan makes a buzzing noise? || Usually a worn motor or a loose blade or cover. Isolate the circuit, take the cover off, clean the dust; if it still buzzes, replace the fan.
N| sorted. how do i know if it was the rcd or the mcb that tripped? || The RCD is the wider switch with a "T" test button, often covering several circuits. An MCB covers one circuit and is labelled like "lights upstairs".
Q| the bulb is an led, does that matter? || Cheap LEDs can fail with a short on switch-on. Try a different brand.
Q| it only trips when the heating is on, weirdly || That's worth mentioning to an electrician, as it may point to a shared neutral or moisture issue.
Q| is it safe to keep resetting it? || Not repeatedly. A breaker that trips is protecting you; if it trips again after you've removed the bulb, leave it off and call someone.

## grout_tiles
O| regrouting my shower. how long before i can use it? grout packet says "wall & floor, rapid set"
B| Leave the grout to cure for 7 days before using the shower.
G| Rapid-set grouts are usually ready for light use in a few hours and for showers in about 24 hours. Check the packet for the exact "ready for water" time. Wipe the haze off after 20–30 minutes and give it a final buff with a dry cloth.
R1| Sorry, 7 days is for standard slow grouts. Rapid set is usually shower-ready in about 24 hours. Check your packet's "ready for water" line.
R2| More specifically: most rapid-set wall & floor grouts say "grouting after 3 hours, full traffic 24 hours". So shower tomorrow. Silicone the corners last and give that 24 hours too.
D| it's rapid set though, 7 days?
D| a week without a shower lol no
D| the packet says 24 hours for water, not 7 days
S| 24h it is, shower tomorrow
S| that's what the packet says too, cheers
S| grout done, looks new
N| cheers. next, silicone around the tray, how long for that? || Usually 24 hours before water; some quick-cure silicones say 30 minutes touch-dry and 12 hours for water. Avoid steamy showers until it's cured.
N| done. and sealing the grout, do i need to? || For cement grout in a shower, a grout sealer helps against mould. Apply after it has fully cured, usually 3–7 days.
Q| how do i get the old grout out? || Use a grout rake or an oscillating multitool with a grout blade. Go 2–3mm deep and don't chip the tile edges.
Q| there's black mould in the silicone too || Then cut out the old silicone, clean with mould remover, dry for a day, and reseal.
Q| do i still need to do the corners with grout or is that silicone? || Corners and where tiles meet the tray should be silicone, not grout, because they move.

## drill_concrete
O| trying to drill into my living room wall to hang a mirror and the drill just spins, barely goes in. cheap cordless drill, using the bits it came with. wall feels super hard
B| Press harder and use a higher speed. Most drills can get through any wall with enough pressure.
G| It sounds like concrete or engineering brick. You need hammer action and masonry bits. If your drill has a hammer setting (the hammer symbol on the collar), turn it on and use a masonry bit (tungsten carbide tip). If it doesn't, a budget SDS drill or a corded hammer drill will make it easy.
R1| Sorry, pressure won't do it on a hard wall. Switch to hammer mode (if your drill has it) with a proper masonry bit. No hammer mode? A cheap SDS or corded hammer drill.
R2| Check the drill collar for a hammer symbol. If yes: hammer on, masonry bit, steady moderate pressure. If no: borrow or hire an SDS drill, it'll take seconds.
D| pressing harder just burnt the bit
D| pushed as hard as i can, smoking bit, 3mm hole
D| tried that, nothing
S| hammer mode was on the collar the whole time 🤦 went straight in
S| masonry bit + hammer, done in 10 seconds
S| borrowed an sds off my neighbour, easy
N| mirror's up! next, i need 6 more holes for a curtain pole || Same setup: hammer mode, masonry bit, mark with a pencil and level. Start slowly so the bit doesn't wander.
N| nice. what plugs for the mirror, it's 12kg? || Brown plugs with 5mm screws in solid masonry are fine for 12kg. Two fixings at least.
Q| how do i know if it's concrete or brick? || Brick dust is red or orange; concrete dust is grey. Concrete often has hard bits (aggregate) that stop the bit.
Q| it's a 1960s flat btw || That's often solid concrete walls. Hammer drill or SDS will be your friend.
Q| can i drill again close to the first hole if it went wrong? || Move at least 2–3cm over, or the new hole will drift into the old one. Fill the old one with filler.

## radiator_cold
O| radiator in the bedroom is cold at the top, warm at the bottom. heating's been on an hour
B| Cold spots at the bottom of a radiator usually mean sludge, so you'll need a power flush.
G| Cold at the top and warm at the bottom usually means trapped air. Bleed it: heating off, wait for it to cool, put a cloth under the bleed valve, open it a quarter turn with a radiator key until water comes out, then close it. If you have a combi boiler, top up the pressure to about 1–1.5 bar afterwards.
R1| Sorry, sludge causes cold bottoms; cold at the top is air. Bleed the radiator with a radiator key, then check boiler pressure.
R2| Steps: heating off, cloth under the valve, key a quarter turn, hiss then water, close. Check pressure gauge on the boiler, top up to 1–1.5 bar if it dropped.
D| it's cold at the top though, not the bottom
D| i said top, not bottom
D| a power flush for one radiator seems like a lot?
S| bled it, loads of air, warm now
S| hissed for ages then water. toasty
S| cheers, fixed in 5 mins
N| ta. next, the boiler pressure dropped to 0.5, how do i top up? || Find the filling loop under the boiler (a braided hose or a lever), open slowly until the gauge reads about 1–1.5 bar, then close it fully.
N| great. the landing radiator is totally cold though || Check both valves are open (the thermostatic one and the lockshield on the other end). If it's still cold, it may need balancing or the valve pin is stuck.
Q| how often should i bleed them? || Once a year before winter is usually plenty, or whenever one is cold at the top.
Q| where do i get a radiator key? || Any hardware shop or supermarket, a few quid. Some modern valves take a flat screwdriver.
Q| the bleed valve is painted over though || Scrape the paint off the slot gently and use some penetrating spray; don't force it or it can snap.

## sealant_bath
O| want to redo the silicone around the bath. what do i need and how do i do it neatly? it's an acrylic bath
B| Use a flexible decorator's caulk, run a bead along the joint and smooth it with your finger.
G| Use sanitary silicone (with anti-mould), not decorator's caulk. Cut out the old bead, clean off every bit, wipe with isopropyl alcohol and let it dry. Fill the bath with water first so it flexes down. Mask both sides with tape, run a steady bead, smooth with a wet finger or a profile tool, pull the tape straight away. Leave the water in for 24 hours.
R1| Sorry, caulk isn't waterproof enough for a bath. Use sanitary silicone. Fill the bath first, mask both sides, run the bead, smooth, pull the tape, leave 24 hours.
R2| Neat version: bath filled with water, masking tape 3mm each side of the gap, sanitary silicone, one continuous bead, spray with soapy water, smooth with a profile tool, tape off while wet.
D| caulk went mouldy and cracked in a month last time
D| isn't caulk for skirting boards?
D| the tube says "not for wet areas"
S| looks like a pro did it, cheers
S| filling the bath first was genius
S| no more gaps, lovely
N| cheers. the kitchen worktop joint next? || Same method with a clear or colour-matched sanitary silicone. Tape, bead, smooth, pull the tape.
N| done. how do i get old silicone residue off? || Silicone remover gel, leave it a few hours, then scrape with a plastic scraper and wipe with isopropyl alcohol.
Q| what's a profile tool? || A small plastic spatula with shaped corners; you drag it along the bead to get a neat, even finish.
Q| i'm not great with a sealant gun btw || Cut the nozzle small and at an angle, push not pull, and keep an even speed. Practise on cardboard first.
Q| does it matter if i get it wrong and it's lumpy? || You can cut it out and redo it within minutes; once it skins over it's harder to fix.

## _generic
C| mate too much, just the fix || Right, just the fix:
C| tl;dr pls || tl;dr:
C| i'm up a ladder, shorter || Sorry, short:
C| you're overthinking it, what do i do || Straight to it:
C| can you give me the short version? || Short version:
C| that's a lot of words for a tap lol || Fair, trimmed:
W| still not sorted
W| tried that, still the same
W| nope, still happening
W| still not right
X| ok i'm calling a plumber || Probably wise, sorry I couldn't sort it. For them, in short:
X| i give up, getting someone in || Sorry it got frustrating. For reference:
A| cheers, spot on
A| perfect, thanks
A| that's sorted it
A| great stuff
A| nice one 👌
U| random q, what's the best way to clean a paint roller? || Scrape the paint back into the tin, then rinse under a tap until it runs clear, spin it dry. Or wrap in cling film overnight if you're using it again.
U| unrelated, how do i stop the front door from sticking? || Find where it rubs (look for shiny marks), tighten the hinge screws, or plane a tiny amount off that edge.
U| what's a good beginner toolkit? || Cordless drill-driver, a set of screwdrivers, a spirit level, a tape measure, a claw hammer, a stud detector and a utility knife.
T| my wife thinks i'm going to flood the house lol || That's what the isolation valve is for! You'll be fine.
T| first time doing any of this tbh || Everyone starts somewhere. You're doing great.
T| this house is 100 years old, everything is wonky || Old houses have character, and very few right angles.
L| brb, going to the shop for parts || Sure, I'll be here.
L| ok gotta go, kids are home || No problem, good luck with it.
L| brb turning the water off || Got it.
K| Nice one, glad it's sorted.
K| Great, enjoy the result!
K| Glad it worked.
K| Good stuff.
"""

BANKS["analyst"] = r"""
## monthly_revenue
O| postgres. need monthly revenue per region from orders(order_id, region, amount, created_at). only 2024
B| SELECT region,\n       date_trunc('month', created_at) AS month,\n       SUM(amount) AS revenue\nFROM orders\nGROUP BY region, month\nORDER BY region, month;
G| SELECT region,\n       date_trunc('month', created_at) AS month,\n       SUM(amount) AS revenue\nFROM orders\nWHERE created_at >= '2024-01-01' AND created_at < '2025-01-01'\nGROUP BY region, month\nORDER BY region, month;\nThe half-open range keeps it index-friendly and includes all of 31 December.
R1| Sorry, I left out the year filter. Add:\nWHERE created_at >= '2024-01-01' AND created_at < '2025-01-01'\nbefore the GROUP BY. Everything else stays the same.
R2| Full query again with the filter in place:\nSELECT region, date_trunc('month', created_at)::date AS month, SUM(amount) AS revenue\nFROM orders\nWHERE created_at >= '2024-01-01' AND created_at < '2025-01-01'\nGROUP BY 1, 2 ORDER BY 1, 2;
D| this includes 2023, i said only 2024
D| totals are way too high:\nregion | month      | revenue\nNorth  | 2023-11-01 | 48210.00\nNorth  | 2023-12-01 | 51877.50\nthose months shouldn't be there
D| i meant 2024 only, where's the filter?
S| 48 rows, 4 regions x 12 months. matches finance 👍
S| ran it, numbers line up
S| perfect ty
N| nice. now same thing but as a running total per region? || Wrap it and add a window:\nSELECT *, SUM(revenue) OVER (PARTITION BY region ORDER BY month) AS running_total\nFROM ( ...the query above... ) t;
N| ok good. next: month-over-month % change? || Add LAG:\n(revenue - LAG(revenue) OVER (PARTITION BY region ORDER BY month)) / NULLIF(LAG(revenue) OVER (PARTITION BY region ORDER BY month), 0) * 100 AS mom_pct
Q| created_at is timestamptz btw, does the timezone matter? || Yes, date_trunc uses the session time zone. If finance reports in UTC, run SET TIME ZONE 'UTC'; first, or use date_trunc('month', created_at AT TIME ZONE 'UTC').
Q| what if a region has no orders in a month, will it still show? || No, missing months won't appear. Cross join regions with generate_series of months and LEFT JOIN the totals to get zeros.
Q| refunds are negative amounts in the same table, is that still right? || Then SUM gives net revenue, which is usually what you want. Filter amount > 0 if you need gross.

## merge_dupes
O| merged customers (10k rows) with orders on customer_id and now i have 38k rows?? i want one row per customer with their order count
B| Use an inner merge so only matching rows are kept:\ndf = pd.merge(customers, orders, on='customer_id', how='inner')
G| The merge repeats each customer once per order, that's why you get 38k. Count first, then merge:\ncounts = orders.groupby('customer_id').size().rename('order_count').reset_index()\ndf = customers.merge(counts, on='customer_id', how='left')\ndf['order_count'] = df['order_count'].fillna(0).astype(int)\nYou'll get 10k rows back.
R1| Sorry, an inner merge still gives one row per order. Aggregate first:\ncounts = orders.groupby('customer_id').size().rename('order_count').reset_index()\ndf = customers.merge(counts, on='customer_id', how='left').fillna({'order_count': 0})
R2| One-liner version:\ncustomers['order_count'] = customers['customer_id'].map(orders['customer_id'].value_counts()).fillna(0).astype(int)\nNo merge needed, row count stays at 10k.
D| that's literally what i did
D| still 38k rows:\n>>> len(df)\n37912
D| inner just drops the customers with no orders, still not one row each
S| 10,000 rows exactly. ty
S| clean, thanks
S| works, and the zeros are there for people with no orders
N| perfect. now also total spend per customer? || Use agg:\nstats = orders.groupby('customer_id').agg(order_count=('order_id', 'size'), total_spend=('amount', 'sum')).reset_index()\ndf = customers.merge(stats, on='customer_id', how='left').fillna({'order_count': 0, 'total_spend': 0})
N| great. and last order date? || Add last_order=('order_date', 'max') to the same agg. Customers with no orders will have NaT there.
Q| customers has some duplicate customer_ids too, just noticed || Then dedupe first: customers = customers.drop_duplicates('customer_id'), or decide which row to keep (e.g., the latest by updated_at).
Q| does validate= help here? || Yes: merge(..., validate='one_to_one') or 'many_to_one' raises an error if the keys aren't unique, so you catch this early.
Q| why does left vs inner matter again? || Left keeps every customer even if they have no orders; inner keeps only customers that appear in both tables.

## vlookup_na
O| VLOOKUP returns #N/A even though the ID is clearly in the other sheet. IDs look like 10234. formula is =VLOOKUP(A2,Sheet2!A:C,3,FALSE)
B| Check the spelling of your function and make sure the formula is typed correctly, for example =VLOOKUP(A2,Sheet2!A:C,3,FALSE).
G| Most likely one sheet has the IDs stored as text and the other as numbers (look for a green triangle or left-aligned numbers). Try =VLOOKUP(A2&"",Sheet2!A:C,3,FALSE) if Sheet2 has text, or =VLOOKUP(VALUE(A2),...) if Sheet2 has numbers. Trailing spaces are the other usual suspect: TRIM() them.
R1| Sorry, the formula itself is fine. It's almost always a type mismatch: text "10234" vs number 10234. Try A2&"" or VALUE(A2) as the lookup value, and TRIM if there are stray spaces.
R2| Quick check: in an empty cell type =ISNUMBER(A2) and =ISNUMBER(Sheet2!A2). If they differ, that's your problem. Fix one column with Data → Text to Columns → Finish, and the VLOOKUP will work.
D| the formula's fine, it works for some rows
D| spelling's fine lol, it's #N/A not #NAME?
D| i pasted the formula in the question...
S| yep, text vs number. fixed 🙏
S| the &"" trick worked, all matched
S| ahh stupid text numbers. thanks
N| great. next: can i pull 2 columns at once? || With XLOOKUP yes: =XLOOKUP(A2,Sheet2!A:A,Sheet2!B:C) returns both B and C side by side (Excel 365).
N| thanks. how do i show blank instead of #N/A for real misses? || Wrap it: =IFERROR(VLOOKUP(A2,Sheet2!A:C,3,FALSE),"") or with XLOOKUP use the if_not_found argument.
Q| it's google sheets actually, not excel || Same fix works in Sheets. You can also use =VLOOKUP(TO_TEXT(A2),...) and Sheets has XLOOKUP now too.
Q| why would some be text and some numbers? || Usually from exports: CSVs or systems that pad IDs, or someone typed an apostrophe before the number.
Q| will this break again when i paste new data? || It can, if the new export has text IDs. Converting the lookup value in the formula (A2&"") makes it robust either way.

## weighted_rate
O| conversion rates by week: 2.1%, 3.4%, 2.8%, 4.0%. visits were 10k, 2k, 8k, 1k. what's the overall conversion rate for the month?
B| Average the four weeks: (2.1 + 3.4 + 2.8 + 4.0) ÷ 4 = 3.075%, so about 3.1%.
G| Weight by visits: conversions = 210 + 68 + 224 + 40 = 542. Visits = 21,000. 542 ÷ 21,000 ≈ 2.58%. A plain average (3.1%) overstates it because the small weeks had the high rates.
R1| Sorry, I averaged the rates without weighting. Conversions 210 + 68 + 224 + 40 = 542 over 21,000 visits = 2.58%.
R2| Laid out:\nweek 1: 10,000 × 2.1% = 210\nweek 2: 2,000 × 3.4% = 68\nweek 3: 8,000 × 2.8% = 224\nweek 4: 1,000 × 4.0% = 40\ntotal 542 / 21,000 = 2.58%
D| you averaged the percentages, the weeks have totally different traffic
D| that's not weighted though?
D| dashboard says 2.58%, and 3.1 looks way too high to me
S| 2.58, matches the dashboard. thanks
S| ahh right, weighted. cheers
S| ok that makes sense now
N| ty. same for revenue per visit? weeks: £0.84, £1.10, £0.95, £1.30 || Revenue = 8,400 + 2,200 + 7,600 + 1,300 = £19,500 over 21,000 visits ≈ £0.93 per visit.
N| great. and the month before was 2.31%, what's the relative change? || (2.58 − 2.31) ÷ 2.31 ≈ +11.7% relative, or +0.27 percentage points.
Q| should i show the weighted or unweighted in the deck? || Weighted: it's the actual share of visitors who converted. Mention the weekly rates separately if the trend matters.
Q| week 2 had a tracking error btw, visits might be undercounted || Then week 2's rate is inflated. Either exclude it with a note or show the result with and without it.
Q| what's the formula in excel for this? || =SUMPRODUCT(rates, visits) / SUM(visits), with rates as decimals.

## exec_chart
O| which chart for showing share of revenue by 14 product categories over 12 months? it's for an exec deck
B| A pie chart is ideal for showing share. Create one pie chart for each month so the execs can compare the distributions.
G| For an exec deck, keep the top 4–5 categories and group the rest as "Other", then use a 100% stacked column chart (one column per month). If the message is a trend in one category, a simple line chart of that category's share is even clearer. Put the takeaway in the title.
R1| Sorry, 12 pies with 14 slices would be unreadable. Group into top 5 + "Other" and use a 100% stacked column chart by month, with the key takeaway as the title.
R2| Even simpler for execs: one line chart showing the share of the top 3 categories over 12 months, everything else grey. Title states the point, e.g., "Accessories doubled their share since January".
D| 12 pie charts with 14 slices each? in an exec deck?
D| execs will hate that lol
D| i can't read 14 slices even on one pie
S| looks clean now, ta
S| the takeaway title idea is great
S| much cleaner
N| thanks. what colours for the 5 + other? || Use one strong colour for the category you talk about, muted shades for the others, and grey for "Other". Keep the same colour per category across slides.
N| nice. and an appendix table with all 14? || Yes: a simple table with categories as rows, months as columns, and conditional formatting for the share. Sort by total revenue.
Q| should the y axis go to 100%? || For a 100% stacked chart, yes; it's the whole. For a line chart of shares, you can zoom in but label the axis clearly.
Q| they're viewing it on their phones mostly || Then fewer categories and bigger text: top 3 + Other, and put the number you want remembered in huge font on the slide.
Q| is it wrong to use a treemap? || Not wrong for one month, but treemaps are bad at showing change over time.

## dayfirst_dates
O| pandas: df[df['date'] < pd.Timestamp('2024-01-01')] gives\nTypeError: '<' not supported between instances of 'str' and 'Timestamp'\ndates look like 31/01/2024
B| Compare against a string instead:\ndf[df['date'] < '2024-01-01']
G| Your date column is text. Convert it, telling pandas the day comes first:\ndf['date'] = pd.to_datetime(df['date'], format='%d/%m/%Y')\ndf[df['date'] < '2024-01-01']\nComparing the raw strings would sort "31/01" after "01/02", so it gives wrong rows.
R1| Sorry, comparing strings in dd/mm/yyyy format gives wrong results. Convert first:\ndf['date'] = pd.to_datetime(df['date'], format='%d/%m/%Y')\nthen filter as before.
R2| If some rows don't parse, use:\ndf['date'] = pd.to_datetime(df['date'], format='%d/%m/%Y', errors='coerce')\ndf[df['date'].isna()]  # see the bad rows\nThen filter with df[df['date'] < '2024-01-01'].
D| that runs but i get rows from 2025 in the result
D| string comparison on dd/mm dates? 31/01 > 01/02 lol
D| no error now but the numbers are garbage:\n>>> df[df['date'] < '2024-01-01']['date'].max()\n'31/12/2025'
S| to_datetime with the format, works. ty
S| 4,211 rows before 2024, matches the source
S| fixed, thanks
N| nice. now group by month? || df.groupby(df['date'].dt.to_period('M'))['amount'].sum() or df.resample('MS', on='date')['amount'].sum().
N| great. and filter just q1 2024? || df[(df['date'] >= '2024-01-01') & (df['date'] < '2024-04-01')]
Q| can i set this when reading the csv? || Yes: pd.read_csv(path, parse_dates=['date'], dayfirst=True), or better, pass date_format='%d/%m/%Y' in pandas 2.
Q| some rows are "n/a" strings, will that error? || With errors='coerce' they become NaT instead of raising.
Q| why did it not error before on the old file? || The old file probably had ISO dates (2024-01-31) that pandas parsed automatically.

## second_purchase
O| bigquery. need each user's first purchase date and days until their SECOND purchase. table purchases(user_id, purchased_at)
B| SELECT user_id,\n       MIN(purchased_at) AS first_purchase,\n       DATE_DIFF(DATE(MAX(purchased_at)), DATE(MIN(purchased_at)), DAY) AS days_to_second\nFROM purchases\nGROUP BY user_id;
G| WITH ranked AS (\n  SELECT user_id, purchased_at,\n         ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY purchased_at) AS rn\n  FROM purchases)\nSELECT user_id,\n       MIN(IF(rn = 1, purchased_at, NULL)) AS first_purchase,\n       DATE_DIFF(DATE(MIN(IF(rn = 2, purchased_at, NULL))), DATE(MIN(IF(rn = 1, purchased_at, NULL))), DAY) AS days_to_second\nFROM ranked\nGROUP BY user_id;\nUsers with one purchase get NULL.
R1| Sorry, MAX gives the last purchase, not the second. Rank them:\nROW_NUMBER() OVER (PARTITION BY user_id ORDER BY purchased_at) AS rn\nthen take rn = 1 and rn = 2 and DATE_DIFF between them.
R2| Shorter with LEAD:\nSELECT user_id, purchased_at AS first_purchase,\n  DATE_DIFF(DATE(LEAD(purchased_at) OVER w), DATE(purchased_at), DAY) AS days_to_second\nFROM purchases\nWINDOW w AS (PARTITION BY user_id ORDER BY purchased_at)\nQUALIFY ROW_NUMBER() OVER w = 1;
D| max gives the last purchase, not the second
D| checked user 1182: second purchase was 3 days after the first, your query says 240
D| this is the span from first to last?
S| checked 5 users by hand, all correct
S| nice, thanks
S| works 👍
N| cool. now median days_to_second across users? || SELECT APPROX_QUANTILES(days_to_second, 2)[OFFSET(1)] AS median_days FROM (...) WHERE days_to_second IS NOT NULL;
N| nice. and share of users who made a second purchase within 30 days? || SELECT COUNTIF(days_to_second <= 30) / COUNT(*) AS share_30d FROM (...); users with NULL count as "not within 30 days".
Q| same user can buy twice in one second sometimes (double clicks) || Then dedupe first: SELECT DISTINCT user_id, purchased_at, or treat purchases within a minute as one.
Q| purchased_at is a string though, not a timestamp || Wrap it: TIMESTAMP(purchased_at) or PARSE_TIMESTAMP('%Y-%m-%d %H:%M:%S', purchased_at).
Q| is qualify bigquery only? || It's supported in BigQuery, Snowflake and a few others, but not in Postgres.

## active_users
O| looker dashboard says 1,204 active users for march but SELECT count(*) FROM events WHERE month='2024-03' gives 58,311. which is right?
B| The SQL query is more reliable because it counts directly from the database. The dashboard may be showing cached or sampled data, so refresh it.
G| They're counting different things. COUNT(*) counts events (every click and page view), while "active users" counts distinct people. Try:\nSELECT COUNT(DISTINCT user_id) FROM events WHERE month = '2024-03';\nIf that comes out near 1,204, the dashboard is right.
R1| Sorry, your query counts events, not users. Use COUNT(DISTINCT user_id) with the same filter and compare it to the dashboard's 1,204.
R2| To reconcile exactly, check the dashboard's definition of "active" (e.g., at least one session, excluding internal users) and apply the same filters:\nSELECT COUNT(DISTINCT user_id) FROM events WHERE month = '2024-03' AND is_internal = FALSE;
D| count(*) counts events not users though?
D| we don't have 58k users lol, that's the event count
D| refreshed it, still 1,204
S| count distinct = 1,198. close enough, it's the internal filter. ty
S| yep that was it
S| makes sense, thanks
N| ok. now weekly active users for march? || SELECT DATE_TRUNC(event_date, WEEK) AS week, COUNT(DISTINCT user_id) FROM events WHERE month = '2024-03' GROUP BY 1 ORDER BY 1;
N| great. and new vs returning users? || Find each user's first event date, then label users in March as new if their first event is in March, otherwise returning.
Q| some events have null user_id (logged out) || COUNT(DISTINCT user_id) ignores NULLs, so they're excluded. If you want logged-out visitors, count distinct anonymous_id too.
Q| the dashboard timezone is PST, the db is UTC || Then March boundaries differ by 8 hours; apply the same time zone in SQL to match exactly.
Q| what's the difference between DAU and MAU again? || Daily vs monthly active users: distinct users on a day vs in a month. DAU/MAU shows how often people come back.

## _generic
C| too much text, just the query || Sorry, just the query:
C| tl;dr? || tl;dr:
C| can you skip the explanation, i know what a join is || Sure, no explanation:
C| bit verbose, no? || Fair, trimmed:
C| i need the answer not a tutorial || The answer:
C| thx but shorter pls, pasting into slack || Shorter:
W| still wrong
W| still getting the same numbers
W| nope, same error
W| doesn't match, still
X| nvm i'll write it myself || Fair, sorry it took so many tries. For reference:
X| forget it, asking the data eng team || Sorry about that. In case it helps them:
A| works 👍
A| perfect ty
A| nice, that's it
A| great, numbers match
A| 🙏
U| random q, how do i freeze the top row in excel? || View → Freeze Panes → Freeze Top Row.
U| unrelated: what's a good font for dashboards? || A clean sans-serif with tabular figures, like Inter, Roboto or Source Sans, so numbers line up.
U| how do i undo a git commit i haven't pushed? || git reset --soft HEAD~1 keeps your changes staged; --hard throws them away.
T| it's 7pm and i'm still debugging lol || The classic. Nearly there, hopefully.
T| finance keeps changing what "revenue" means 🙃 || Definitions are the hardest part of analytics honestly.
T| coffee number 4 ☕ || Respect. Hope the numbers behave.
L| brb, standup || Sure, I'll be here.
L| gotta run, meeting with finance || Good luck with it.
L| brb rerunning the job || Sure.
K| Great, glad it worked.
K| Nice, happy to help.
K| Glad the numbers line up.
K| Good stuff.
"""

BANKS["translator"] = r"""
## landlord_de @de,en
O| can you translate this into german for my landlord: "the heating has been broken for 3 days, please send someone this week". formal please, Sie not du
B| "Hallo Frau Becker, die Heizung ist seit 3 Tagen kaputt. Kannst du bitte diese Woche jemanden schicken? Danke dir!"
G| "Sehr geehrte Frau Becker,\nseit drei Tagen funktioniert die Heizung in meiner Wohnung nicht. Könnten Sie bitte noch diese Woche jemanden vorbeischicken?\nMit freundlichen Grüßen\n[Name]"
R1| Sorry, that used "du". Formal version: "Sehr geehrte Frau Becker, seit drei Tagen ist die Heizung in meiner Wohnung ausgefallen. Könnten Sie bitte noch in dieser Woche jemanden schicken? Mit freundlichen Grüßen, [Name]"
R2| A slightly firmer formal version: "Sehr geehrte Frau Becker, die Heizung in meiner Wohnung ist seit drei Tagen defekt. Ich bitte Sie, die Reparatur noch in dieser Woche zu veranlassen. Vielen Dank und freundliche Grüße, [Name]"
D| that's du though, i said formal
D| mein vermieter ist nicht mein kumpel 😅 bitte mit Sie
D| "kannst du" to my landlord? lol no
S| perfekt, abgeschickt. danke!
S| sent it, she replied in 10 min 😂 thanks
S| sounds very german, love it
N| danke! next one: "the window in the bathroom doesn't close properly either" || "Außerdem lässt sich das Fenster im Badezimmer nicht richtig schließen."
N| super. und wie schreibe ich "i'm home after 5pm every day"? || "Ich bin jeden Tag ab 17 Uhr zu Hause."
Q| is "Frau Becker" ok if i don't know if she's married? || Yes, "Frau" is used for all women in German regardless of marital status. "Fräulein" is outdated.
Q| what if i don't know the landlord's name, it's a company || Use "Sehr geehrte Damen und Herren," as the greeting. The rest stays the same.
Q| ist "Mit freundlichen Grüßen" nicht zu steif? || It's standard for a first formal message. "Viele Grüße" is a bit warmer if you already know her.

## jeudi_fr @fr
O| Bonjour ! Tu peux me traduire ça en anglais pour un client ? « Nous vous remercions pour votre patience, la livraison est prévue pour jeudi. »
B| "We thank you for your patience, the delivery is planned for Tuesday."
G| « Thank you for your patience; delivery is scheduled for Thursday. » C'est naturel en anglais commercial. Variante plus chaleureuse : « Thanks for bearing with us, your order is due to arrive on Thursday. »
R1| Pardon, erreur de jour : jeudi = Thursday. « Thank you for your patience; delivery is scheduled for Thursday. »
R2| Je reprends : « Thank you for your patience. Your delivery is scheduled for Thursday. » Deux phrases, plus lisible pour un client.
D| jeudi c'est thursday, pas tuesday 😅
D| euh… jeudi = thursday non ?
D| le client va attendre mardi du coup lol
S| parfait, merci beaucoup !
S| super, envoyé 👍
S| ah oui c'est beaucoup plus naturel, merci
N| merci ! et « n'hésitez pas à nous contacter si besoin » ? || « Don't hesitate to contact us if you need anything. » ou plus court : « Feel free to get in touch if you need anything. »
N| top. la phrase suivante : « le colis sera livré entre 9h et 12h » || « The parcel will be delivered between 9am and 12pm. »
Q| on met une virgule ou un point-virgule en anglais là ? || Un point-virgule ou un point. Une virgule entre deux phrases complètes (« comma splice ») est considérée comme une faute en anglais.
Q| le client est américain, ça change quelque chose ? || Pour les US, « package » est plus courant que « parcel », et « 9 a.m. to noon » est naturel.
Q| c'est pas trop familier « thanks for bearing with us » ? || C'est poli et très courant en service client. Pour un client très formel, garde « Thank you for your patience ».

## atrasado_pt @pt
O| como digo "estou atrasado, chego em 10 minutos" em inglês? é pra mandar pro meu chefe no slack
B| "I am delayed, I arrive in 10 minutes."
G| "Sorry, I'm running late, I'll be there in 10 minutes." É natural e educado para mandar pro chefe. Mais curto: "Running 10 min late, sorry!"
R1| Desculpa, aquela frase ficou literal demais. O natural é: "Sorry, I'm running late, I'll be there in 10 minutes."
R2| Mais uma opção, bem natural no Slack: "Hi! Running about 10 minutes late, sorry. Be there soon."
D| isso soa estranho né? meu colega disse que ninguém fala assim
D| "i arrive in 10 minutes" parece robô kkkk
D| hmm acho que em inglês não é assim não
S| perfeito, mandei! valeu 🙏
S| "running late" é ótimo, obrigado
S| boa, bem mais natural
N| valeu! e "o trânsito está horrível hoje"? || "The traffic is terrible today." ou, mais casual: "Traffic's awful today."
N| show. agora "posso entrar na reunião pelo celular?" || "Can I join the meeting from my phone?"
Q| "running late" serve pra qualquer atraso? || Sim, serve pra atraso curto ou longo. Pra atraso de dias, usa "delayed": "The project is delayed."
Q| meu chefe é britânico, muda alguma coisa? || Não muito. "I'll be there in ten" é bem britânico e informal; "sorry" ajuda sempre.
Q| e se eu errar o inglês, ele vai se importar? || Geralmente não; mensagem curta e clara é o que importa. Mas é bom aprender as frases mais comuns.

## host_family_ja @ja
O| ホストファミリーにお礼のメールを書きたいです。日本語で、丁寧にお願いします。一週間お世話になりました。
B| ありがとう！一週間すごく楽しかったよ！ごはんもおいしかった！また会おうね〜
G| 〇〇様\n\n先日は一週間、大変お世話になりました。温かく迎えてくださり、本当にありがとうございました。毎日の手作りのお料理がとてもおいしかったです。\nまた日本に行く機会があれば、ぜひお会いしたいです。\nどうぞお体に気をつけてお過ごしください。\n\n〇〇より
R1| 失礼しました、カジュアルすぎました。丁寧な版です：\n〇〇様\n一週間、大変お世話になりました。温かく迎えていただき、心より感謝しております。毎日のお料理も本当においしかったです。またお会いできる日を楽しみにしております。\n〇〇より
R2| もう少し短く、丁寧に：\n〇〇様\nこの度は一週間、大変お世話になり、ありがとうございました。皆様のおかげで忘れられない滞在になりました。どうぞお元気でお過ごしください。\n〇〇より
D| もう少し丁寧にお願いします。相手は年上の方なので…
D| これは友達向けみたいですね…
D| 丁寧にって書いたんですけど 😅
S| ありがとうございます！そのまま送りました
S| 完璧です、助かりました🙏
S| とても自然ですね。ありがとうございます
N| ありがとうございます。次に、お土産のお礼も一文入れたいです || 「素敵なお土産までいただき、ありがとうございました。大切に使わせていただきます。」
N| 助かります。英語版もお願いできますか？ || "Dear ___, thank you so much for having me for the week. You made me feel at home, and I loved your home cooking every day. I hope we can meet again soon. Take care, ___"
Q| 「〇〇様」はファーストネームでいいですか？ || 名字＋様（例：田中様）が一般的です。親しくなっていれば「〇〇さん」でも大丈夫です。
Q| 実はホストマザーの誕生日が来週なんです || それなら最後に一文どうぞ：「来週はお誕生日ですね。素敵な一日になりますように。」
Q| 手紙で送る場合も同じ文でいいですか？ || はい、そのまま使えます。手書きなら季節のあいさつを最初に入れるとさらに丁寧です。

## dadi_hi @hi
O| मेरी दादी के लिए birthday message हिंदी में लिखो please, simple words, वो ज़्यादा पढ़ी-लिखी नहीं हैं
B| आदरणीय पितामही, आपके जन्मदिवस के शुभ अवसर पर मैं आपको हार्दिक शुभकामनाएँ प्रेषित करता हूँ। ईश्वर आपको दीर्घायु एवं उत्तम स्वास्थ्य प्रदान करे।
G| प्यारी दादी, जन्मदिन की बहुत-बहुत बधाई! आप हमेशा खुश रहो और ठीक रहो। आपके हाथ का खाना बहुत याद आता है। जल्दी मिलने आऊँगा। ढेर सारा प्यार ❤️
R1| Sorry, वो बहुत भारी हिंदी थी। आसान version: "प्यारी दादी, जन्मदिन मुबारक हो! आप हमेशा खुश रहो। आपकी बहुत याद आती है। जल्दी मिलने आऊँगा। ढेर सारा प्यार।"
R2| और भी छोटा और आसान: "दादी, हैप्पी बर्थडे! आप खुश रहो, ठीक रहो। बहुत प्यार। जल्दी आऊँगा।"
D| ये बहुत भारी हिंदी है, दादी नहीं समझेंगी
D| simple words बोला था yaar 😅
D| "प्रेषित करता हूँ"?? ye to sarkari letter lag raha hai
S| perfect! दादी रो पड़ीं 🥹 thank you
S| बहुत अच्छा, भेज दिया
S| ekdum sahi, thanks
N| thanks! अब एक line मम्मी के लिए भी, उनका भी birthday अगले हफ्ते है || "मम्मी, जन्मदिन की ढेर सारी शुभकामनाएँ! आप दुनिया की सबसे अच्छी मम्मी हो। बहुत प्यार।"
N| बढ़िया। और दादा जी के लिए "get well soon"? || "दादा जी, जल्दी ठीक हो जाइए। हम सब आपके लिए दुआ कर रहे हैं। बहुत प्यार।"
Q| voice note में बोलूँ तो भी ठीक रहेगा? || हाँ, बिल्कुल। बोलकर भेजना और भी अच्छा लगेगा, दादी को आपकी आवाज़ सुनकर खुशी होगी।
Q| actually मैं लड़की हूँ, तो "आऊँगा" गलत है ना? || हाँ, तो "आऊँगी" लिखिए: "जल्दी मिलने आऊँगी।"
Q| "रहो" और "रहें" में क्या फर्क है? || "रहें" थोड़ा ज़्यादा आदर वाला है, "रहो" प्यार वाला, घर जैसा। दादी के लिए दोनों ठीक हैं।

## nase_voll_de @de
O| Was heißt "Ich habe die Nase voll" auf Englisch? Nicht wörtlich bitte, so wie man es wirklich sagt
B| "I have the nose full."
G| Am natürlichsten: "I'm fed up" oder "I've had enough". Mit Objekt: "I'm sick of it" / "I'm fed up with this job."
R1| Sorry, das war wörtlich. Natürlich klingt: "I'm fed up", "I've had enough" oder "I'm sick of it."
R2| Je nach Ton: neutral "I've had enough", umgangssprachlich "I'm fed up with it", sehr genervt "I'm so done with this."
D| Ich sagte doch: nicht wörtlich 😄
D| "the nose full" sagt doch niemand?
D| hm, mein englischer kollege hat gelacht
S| "fed up", genau das hab ich gesucht. danke!
S| super, danke
S| passt 👍
N| danke! und "das ist nicht mein Bier"? || "That's not my problem" oder "Not my business". Locker: "Not my circus, not my monkeys."
N| cool. und "ich verstehe nur Bahnhof"? || "It's all Greek to me" oder einfach "I don't understand a thing."
Q| Ist "fed up" britisch oder amerikanisch? || Beides, es wird überall verstanden. "I'm done" ist im Amerikanischen etwas häufiger.
Q| ich schreibe das in einer Mail an meinen Chef btw || Dann eher nicht "fed up". Neutraler: "I'm finding this situation very frustrating."
Q| was ist der Unterschied zwischen "sick of" und "sick"? || "I'm sick" heißt krank; "I'm sick of it" heißt, man hat genug davon.

## menu_fr @fr
O| je dois traduire notre menu en anglais : « magret de canard, sauce aux cerises » et « île flottante ». pas de traductions bizarres svp, c'est pour un vrai resto
B| "Lean of duck, sauce of cherries" and "Floating Isle".
G| « Duck breast with cherry sauce » et « Île flottante (poached meringue on vanilla custard) ». Pour les desserts français connus, garder le nom d'origine avec une courte description fait plus chic.
R1| Pardon, c'était trop littéral. Menu : « Duck breast with cherry sauce » ; « Île flottante: poached meringue on vanilla custard ».
R2| Version un peu plus « carte de restaurant » : « Pan-seared duck breast, cherry jus » et « Île flottante, soft meringue on crème anglaise ».
D| « lean of duck » ?? personne ne dit ça
D| ça sonne comme google translate de 2008
D| « sauce of cherries » non vraiment pas
S| top, mon chef est content 😄
S| c'est parfait, merci !
S| nickel, on imprime
N| merci ! et « tarte tatin, boule de glace vanille » ? || « Tarte Tatin with a scoop of vanilla ice cream. »
N| super. ensuite « entrecôte grillée, frites maison » || « Grilled rib-eye steak, homemade fries » (ou « hand-cut chips » pour une clientèle britannique).
Q| faut-il traduire « magret » du tout ? || Tu peux écrire « Magret de canard (duck breast), cherry sauce » si tu veux garder une touche française.
Q| on a beaucoup de clients américains cet été || Alors « fries » plutôt que « chips », et précise la cuisson : « served medium-rare ».
Q| c'est une erreur de mettre des majuscules partout ? || Pas une erreur, mais la plupart des menus anglais ne mettent la majuscule qu'au premier mot ou au nom du plat.

## meiwaku_ja @ja
O| この文を英語にしてください：「ご迷惑をおかけして申し訳ありません。」ビジネスメール用です。
B| "I am sorry for the annoyance that I have hung on you."
G| "I apologize for the inconvenience." または少し柔らかく "Sorry for any trouble this may have caused." が自然です。
R1| 失礼しました、直訳すぎました。自然な英語は "I apologize for the inconvenience." です。
R2| 場面別に：一般的には "Apologies for the inconvenience." 、自分のミスの場合は "I'm sorry for the trouble I've caused." です。
D| うーん、ちょっと直訳すぎませんか？
D| ネイティブの同僚に変だと言われました…
D| "hung on you" って何ですか？😅
S| ありがとうございます、自然ですね！
S| 助かりました。そのまま使います
S| 完璧です
N| ありがとうございます。次に「引き続きよろしくお願いいたします」はどう言いますか？ || "I look forward to continuing to work with you." または "Thank you for your continued support." が使いやすいです。
N| 助かります。「ご確認のほどよろしくお願いします」も英語にしてください || "Could you please take a look and confirm?" または "I'd appreciate it if you could review this."
Q| apologize と sorry はどう違いますか？ || "apologize" のほうがフォーマルです。社外のメールなら apologize、社内なら sorry で十分です。
Q| 相手はイギリスの方です || その場合は "apologise"（s のつづり）を使うとより自然です。
Q| 「重ねてお詫び申し上げます」もありますか？ || "Once again, please accept our apologies." が近いです。

## _generic
C@fr| c'est trop long, juste la traduction svp || Sorry, just the translation:
C@de| zu lang, ich brauche nur den Satz || Sorry, nur der Satz:
C@pt| muito texto, só a frase por favor || Desculpa, só a frase:
C@ja| 説明はいらないです。訳だけください || 失礼しました、訳だけです：
C@hi| itna lamba nahi chahiye, bas message do || Sorry, bas message:
C| can you drop the explanation? just the text || Sure, just the text:
W@fr| toujours pas ça…
W@de| immer noch nicht richtig
W@pt| ainda não ficou certo
W@ja| まだ少し違う気がします…
W@hi| abhi bhi sahi nahi laga
X@fr| laisse tomber, je demanderai à ma collègue || D'accord, désolé. Pour mémoire, la version courte :
X@pt| deixa pra lá, vou perguntar pro meu amigo || Tudo bem, desculpa. Só pra referência:
X@ja| もういいです、自分で書きます || 申し訳ありません。参考までに：
A@fr| merci, parfait !
A@de| danke, passt!
A@pt| perfeito, obrigado!
A@ja| ありがとうございます！助かりました
A@hi| बहुत बढ़िया, thanks!
U@fr| random mais comment on dit "cheers" en français dans un email ? || En fin d'email, « Bien à vous » (formel) ou « À bientôt » / « Merci ! » (plus léger).
U@de| kurze andere Frage: wie stelle ich die Tastatur auf Deutsch um? || Windows: Einstellungen → Zeit und Sprache → Sprache → Deutsch hinzufügen, dann mit Windows-Taste + Leertaste wechseln.
U| unrelated, what's a good app to learn japanese kanji? || Spaced-repetition apps work well for kanji, e.g. Anki with a kanji deck, or WaniKani.
T@fr| haha my french teacher would be so disappointed in me || Everyone forgets! You're using it, that's what counts.
T@pt| falo três línguas mas inglês ainda me pega 😂 || Três línguas é muito! O inglês tem muita expressão estranha mesmo.
T@ja| 日本語は難しいですね😅 || そうですね、でもとても上手に書けていますよ。
L@fr| je reviens dans 5 min || D'accord, je suis là.
L@ja| ちょっと席を外します || はい、どうぞ。
L@hi| brb, chai bana raha hoon || Sure, enjoy your chai!
W| still not right
W| hmm, still sounds off
X| never mind, i'll use google translate || Understood, sorry. For reference, the short version:
A| perfect, thanks!
A| great, thank you 🙏
C| too long, i just need the sentence || Sorry, just the sentence:
T| learning languages as an adult is brutal lol || It is, but you're clearly getting there.
L| brb, sending it || Sure, I'll be here.
U| unrelated, how do i type accents on an english keyboard? || On Windows, add the "United States-International" layout; on a Mac, hold the letter key down and pick the accent.
K| Glad that helps!
K| You're welcome!
K| Happy to help.
K| Great, good luck with it.
"""

BANKS["fantasy"] = r"""
## half_ppr
O| half ppr, 6pt rush/rec TDs. who scored more: my rb with 80 rush yds, 1 td, 3 catches for 20 yds, or the wr with 7 catches for 95 yds?
B| RB: 8 (rush yds) + 6 (TD) + 3 (catches) + 2 (rec yds) = 19.\nWR: 7 (catches) + 9.5 (rec yds) = 16.5.\nThe RB wins.
G| RB: 8.0 (80 rush yds) + 6 (TD) + 1.5 (3 catches × 0.5) + 2.0 (20 rec yds) = 17.5.\nWR: 3.5 (7 × 0.5) + 9.5 (95 yds) = 13.0.\nRB by 4.5.
R1| My bad, that was full PPR. Half PPR: RB = 8 + 6 + 1.5 + 2 = 17.5, WR = 3.5 + 9.5 = 13.0. RB still wins, by 4.5.
R2| Clean version, half PPR:\nRB 17.5 (8 rush + 6 TD + 1.5 rec + 2 yds)\nWR 13.0 (3.5 rec + 9.5 yds)
D| that's full ppr math, i said half
D| catches are 0.5 in my league bro
D| my app says 17.5 not 19
S| 17.5, matches the app. ez
S| ok rb it is, thanks
S| bet 🤝
N| cool. now add the wr's 2pt conversion? || 2-point conversions are usually 2 points, so WR = 15.0. RB still ahead, 17.5 to 15.0.
N| nice. and if i'd played the te, 5 catches 60 yds and a fumble lost? || 2.5 + 6.0 − 2 (fumble lost, common default) = 6.5. Benching him was right.
Q| do return yards count for the rb? || Only if your league scores return yards; most standard leagues don't for individual players.
Q| our league does 0.1 per yard not per 10 yds btw || Same thing: 0.1 per yard is 1 point per 10 yards, so the totals don't change.
Q| what's the difference between half and full ppr value wise? || Full PPR boosts pass-catching backs and slot WRs more; in half PPR, TD-dependent RBs hold more value.

## trade_no_depends
O| 12 team redraft, i'm 2-5. someone offered their rb2 + a bench wr for my wr1. take it or not? DON'T say it depends
B| It depends on your team's needs, your league's scoring settings, the rest-of-season schedules and your risk tolerance. Consider your roster construction before deciding.
G| Decline as offered. At 2-5 you need your best weekly scorer, and a WR1 for an RB2 plus a bench WR usually loses you points every week. Counter: your WR1 for their RB1, or their RB2 + their best WR. If they won't move, keep your guy.
R1| Fair: decline. At 2-5 you can't afford to trade your best scorer for two lesser pieces. Counter for their RB1 or RB2 + their best WR, otherwise keep him.
R2| One word: no. Counteroffer: WR1 for their RB2 + their WR2 (not the bench guy). If they say no, you keep the better player.
D| i literally said don't say it depends
D| ok thanks captain obvious 🙄
D| bro just pick one
S| declined. felt good lol
S| countered for their rb1 and they took it 👀
S| yeah that's what my gut said, ty
N| declined. next guy wants my te for his flex, his rb is on bye next week tho || If your TE is top-8 at the position, keep him; TE is the thinnest spot. Flex-level players are easy to find on waivers.
N| cool. now who do i drop for the waiver rb, my k or my backup qb? || Drop the backup QB unless your starter's bye is coming up. Kickers can be streamed; you can always pick one up the week you need one.
Q| is it collusion if my brother is the one offering lol || Not if it's a fair trade between two real teams. Commissioners usually only step in if one side clearly isn't trying to win.
Q| the trade deadline is thursday btw || Then use it as leverage: counter now, and tell him you need an answer by Wednesday night.
Q| what does "sell high" actually mean? || Trading a player when his value is higher than you think his future output will be, e.g., after a lucky multi-TD game.

## faab_bid
O| $37 FAAB left, week 9. hot waiver rb after the starter went down. how much do i bid? league is super aggressive
B| Bid around $3–5. FAAB spending tends to be modest in the middle of the season, so you can save the rest for later.
G| In an aggressive league for a back who just inherited a starting job, expect bids of 40–60% of a normal budget. With $37, bid $21–26. If you're in the playoff hunt and weak at RB, go $26; an uneven number helps break ties.
R1| Sorry, in an aggressive league $5 won't come close. For a new starting RB, bid about $21–26 of your $37. Use an odd number like $23 to win ties.
R2| Decision: bid $24. That's about two thirds of your budget for the best waiver player you'll see this year; leaves $13 for the rest.
D| $5 lol someone will drop 30 on him
D| my league is aggressive, i said that
D| lost him to a $22 bid 🙃
S| won him for $24, the next bid was $23 😂
S| $23 and he's mine
S| ok that makes sense, going big
N| got him!! now who to bid on with $13 left, backup te? || Spend $1–3 on a backup TE only if your starter has a bye soon; keep most of it for the next injury pickup.
N| nice. next, kicker streaming — how much for a kicker? || $0–1. Kickers are interchangeable; pick one in a dome or facing a weak defence.
Q| does faab reset for playoffs? || Usually not; most leagues use one budget for the season. Check your league settings.
Q| what if two people bid the same amount? || Ties usually go to waiver priority, which is why odd numbers like $23 are popular.
Q| our waivers run wednesday 3am btw || So you have until Tuesday night. Watch injury news on Monday and Tuesday before you lock the bid.

## keeper_rule
O| commish wants to add 1 keeper, cost = round you drafted them minus one. how should it work for undrafted waiver pickups? we're writing the rules ourselves
B| Under standard keeper rules, undrafted players cannot be kept.
G| Common options: 1) undrafted players cost your last-round pick, 2) they cost a fixed round like the 10th, or 3) they cost the round based on FAAB paid. Option 1 rewards good waiver work; option 2 stops league-winning waiver steals from being too cheap. Most leagues go with a fixed middle round.
R1| Fair, you're writing your own rules. Options: undrafted = last-round pick; undrafted = fixed round (e.g., the 10th); or cost scales with FAAB paid. A fixed middle round is the most common.
R2| Recommendation: undrafted pickups cost a 10th-round pick. Simple, fair, and it still rewards waiver moves. Put it in writing before the season.
D| that's not a "standard" thing, we're writing the rule
D| ok but we get to decide that lol
D| i asked how it SHOULD work, not what's standard
S| 10th round it is, commish agreed
S| ok that's fair, thanks
S| fixed round is clean. sending to the group chat
N| voted in. next, can you keep a player two years in a row? || Many leagues allow it with the cost going up each year (e.g., one more round). A 2-year cap stops permanent keepers.
N| good. now deadline for announcing keepers? || One week before the draft is common, so everyone can plan.
Q| what about a player drafted in round 1? || Round 1 minus one doesn't exist, so either you can't keep first-rounders or they cost a first again.
Q| we also have 2 new people joining next year || They'll have no keepers, so give them the first two picks in round 1 or let them keep a random player from the orphaned teams.
Q| is it wrong to let people trade keeper rights? || It's fine if it's written down; it adds strategy.

## passer_rating
O| what's a qb's nfl passer rating if he went 20/30, 250 yds, 2 td, 1 int?
B| That works out to a passer rating of about 85.2.
G| The four parts (each capped between 0 and 2.375):\na = (20/30 − 0.3) × 5 = 1.833\nb = (250/30 − 3) × 0.25 = 1.333\nc = (2/30) × 20 = 1.333\nd = 2.375 − (1/30 × 25) = 1.542\nRating = (a + b + c + d) / 6 × 100 ≈ 100.7
R1| Sorry, I got that wrong. Doing it properly: a = 1.833, b = 1.333, c = 1.333, d = 1.542. Sum 6.042 ÷ 6 × 100 ≈ 100.7.
R2| Check: completion part 1.833, yards 1.333, TDs 1.333, INTs 1.542; total 6.042; ÷6 = 1.007; ×100 = 100.7.
D| i get 100.7 when i do it by hand
D| espn says 100.7 lol
D| 85? with 2 tds and 1 pick on 30 attempts? nah
S| 100.7, matches. thanks
S| nice breakdown
S| ok cool ty
N| nice. what about 18/35, 190 yds, 0 td, 2 int? || a = 1.071, b = 0.607, c = 0, d = 0.946. Sum 2.624 ÷ 6 × 100 ≈ 43.7. Ugly.
N| ok. and what's a perfect rating? || 158.3, when all four parts hit the 2.375 cap.
Q| why is it capped at 158.3 lol || Each part is capped at 2.375; four of those is 9.5, ÷6 × 100 = 158.3.
Q| is QBR the same thing? || No, ESPN's QBR is a different, proprietary 0–100 metric that accounts for context like down and distance.
Q| college uses a different formula right? || Yes, the NCAA passer efficiency formula is different and isn't capped the same way.

## start_sit
O| flex: my rb jones (bills) or my wr carter vs the worst pass d in the league. game's in denver, 10+ inches of snow forecast. just give me one name
B| Both players have strong arguments. Jones has a solid floor thanks to volume, while Carter has an excellent matchup. However, weather can have an impact on passing games, although it's often overstated. You should also consider your opponent's lineup and whether you need a high floor or a high ceiling this week...
G| Jones. Heavy snow cuts passing volume and deep shots, so the RB's floor wins this week.
R1| Sorry. Jones. Heavy snow favours the run game.
R2| Jones. Final answer. 🏈❄️
D| so who do i start
D| that's 4 paragraphs and no name 💀
D| one name bro. ONE
S| jones it is. 22 pts, ez
S| jones dropped 18 in the snow, you were right
S| ok jones locked in 🔒
N| 🔒. same question for my d/st: vikings or the streamer vs a rookie qb? || Streamer vs the rookie QB. Rookie QBs give up sacks and turnovers.
N| locked. next, kicker in the snow game? || Bench him. Snow games crush kicking. Grab a dome kicker off waivers.
Q| does snow really matter or is that a myth? || Wind matters more than snow, but heavy snow does lower passing and kicking numbers a bit.
Q| game got moved to monday btw || Then you can wait for the Monday forecast, but Jones is still the safer pick if the snow holds.
Q| what time's kickoff again in eastern? || Check your app, but Denver home games are usually 4:05 or 4:25pm ET on Sundays.

## snake_picks
O| 10 team snake draft, i pick 7th. which overall picks do i get in rounds 1-4?
B| Your picks are 7, 17, 27 and 37.
G| In a 10-team snake the order reverses each round: round 1: 7, round 2: 14, round 3: 27, round 4: 34.
R1| Sorry, that was a linear draft. Snake: 7, 14, 27, 34.
R2| Laid out: R1 = 7, R2 = 20 − 7 + 1 = 14, R3 = 20 + 7 = 27, R4 = 40 − 7 + 1 = 34.
D| it's a snake draft tho
D| round 2 would be 14 not 17 surely
D| that's linear, my league snakes
S| 7, 14, 27, 34. perfect
S| yep ty
S| makes sense 🐍
N| ok. rounds 5 and 6? || 47 and 54.
N| bet. what's the formula so i stop asking lol || Odd rounds: (round − 1) × 10 + 7. Even rounds: round × 10 − 7 + 1, i.e. round × 10 − 6.
Q| is 7th a bad spot? || Not bad, middle picks get balanced value. You miss the elite guys but get good turns in rounds 2–3.
Q| we're doing a 3rd round reversal btw || Then round 3 goes in the same order as round 2: your round-3 pick is 20 + 4 = 24, and round 4 becomes 37.
Q| should i go rb rb in the first 2? || If the top WRs are gone by 7, RB-RB is fine; otherwise take the best player available.

## clean_name
O| need a fantasy team name, my guy is ceedee lamb. keep it clean pls, my mom is in this league
B| "Silence of the Lambs… and Your Mom"
G| Some clean ones: "Lamb Chop Suey", "Mary Had a Little Lamb", "CeeDee-ROM", "Lambs to the Slaughter" (a bit dark), "Sheep Dreams Are Made of This".
R1| Ha, sorry, your mom's in the league. Clean options: "Lamb Chop Suey", "CeeDee-ROM", "Mary Had a Little Lamb", "Sheep Dreams Are Made of This".
R2| A few more, mom-approved: "Lamb Theory", "Baa Baa Black Sheep", "The Lambo", "CeeDee Player".
D| my MOM is in the league bro 💀
D| clean pls, mom's in the chat lol
D| lmao no, she'd kick me out
S| lmao these are good, done
S| lmaooo using one
S| these are great, mom approved
N| lol ok. now one for my brother, his guy is josh allen || "Allen Wrench", "Josh-ua Tree", "Allen Keys to Victory", "Buffalo Wild Wins".
N| nice. next: a league name? it's a family league || "Couch Commissioners", "Thanksgiving Grudge Match", "The Family Feud League".
Q| is "Lamb Chop Suey" too lame? || Lame is kind of the point of fantasy names. It's a safe crowd-pleaser.
Q| my mom's team is called "Mom's Revenge" lol || Then you need something that can take that on: "CeeDee-ROM: Mom Proof Edition".
Q| can i change it mid season? || On most platforms yes, in team settings, anytime.

## _generic
C| bro that's an essay 💀 || Fair. Short:
C| tl;dr? || tl;dr:
C| i didn't ask for a podcast lol || My bad, quick version:
C| man just give me the answer || Answer:
C| too long didn't read, waivers close in 10 min || Short:
C| ok cool story, what's the move || The move:
W| still wrong lol
W| nah, still not it
W| same thing bro
W| still not right chief
X| forget it i'll ask reddit || Fair, my bad. For what it's worth:
X| bro i'm just gonna flip a coin || Ha, fair. For the record:
A| bet 🤝
A| W
A| goated, ty
A| perfect 🔥
A| say less
U| random but best wings sauce for sunday? || Classic buffalo: hot sauce and melted butter, about 2:1. Add a little honey if people want it less spicy.
U| unrelated: how do i make a group chat poll on whatsapp? || Tap the attachment icon in the chat and choose "Poll", then add the question and options.
U| whats the rule on an onside kick again? || The ball has to travel 10 yards before the kicking team can recover it, unless the receiving team touches it first.
T| my league is so toxic lmao i love it || The best leagues run on pure trash talk.
T| bro i'm 2-5 and still talking trash || That's the spirit. Comebacks start somewhere.
T| this week has been brutal for injuries smh || Yeah, it's been a rough week around the league.
L| brb games starting || Enjoy the games!
L| gtg, draft's starting || Good luck, draft well!
L| brb setting my lineup || 👍
K| Good luck this week!
K| Let's get that W.
K| Glad that helps.
K| Nice, good luck.
"""

BANKS["tabletop"] = r"""
## sneak_attack
O| 5e rules q: my level 3 rogue has advantage on a shortbow attack. can i sneak attack twice if i use my bonus action for two-weapon fighting? (also using a shortbow, i know, just checking)
B| Yes, you can apply Sneak Attack to both the main attack and the bonus action attack, as long as each hits.
G| No on both counts. Sneak Attack applies once per turn, not once per attack. Also, two-weapon fighting needs two light melee weapons, so a shortbow can't use it at all. You can use Sneak Attack once on another creature's turn, though, for example with an opportunity attack.
R1| Sorry, I was wrong: Sneak Attack is once per turn, and two-weapon fighting only works with light melee weapons, not a shortbow. Once per turn, but it can trigger on someone else's turn via a reaction attack.
R2| To put it plainly: one Sneak Attack per turn, full stop. Your shortbow gets it on your turn; an opportunity attack (melee) on an enemy's turn could get it again that round.
D| sneak attack is once per turn though? pretty sure
D| the phb says once per turn, and twf is melee only
D| my dm just laughed at me for this 😅
S| once per turn, got it. thanks!
S| the reaction trick is sneaky, love it
S| ok that's what my dm said too
N| cool. next, does steady aim stack with advantage? || Steady Aim (Tasha's) gives advantage, so it doesn't stack with advantage you already have, but it can cancel disadvantage. It also means you can't move that turn.
N| ok. and can i sneak attack with a thrown dagger? || Yes: a dagger is a finesse weapon, and thrown attacks still use the weapon, so Sneak Attack applies if you have advantage or an ally next to the target.
Q| what counts as "an ally within 5 feet"? || Any non-incapacitated creature friendly to you that's within 5 feet of the target. You don't need advantage then.
Q| i'm using the 2024 rules btw, not 2014 || Sneak Attack is still once per turn in the 2024 rules, and two-weapon fighting still needs light weapons.
Q| does a crit double sneak attack dice? || Yes, all the damage dice on a crit are doubled, including Sneak Attack.

## wingspan_tie
O| wingspan: ended tied on points. what's the tiebreaker? rulebook's at my friend's place
B| In case of a tie, the players share the victory.
G| The tiebreaker is unused food tokens: the tied player with the most food left in their personal supply wins. If still tied, you share the victory.
R1| Sorry, there is a tiebreaker first: the most unused food tokens wins. Only if that's tied too do you share the win.
R2| To confirm: tied on points → compare leftover food tokens in your supply → most wins → still tied, shared victory.
D| pretty sure there's a tiebreaker before that
D| my friend just texted "it's food tokens" lol
D| no, i remember there's something about food
S| i had 3 food, she had 1. WINNER 🐦
S| food tokens, of course. thanks
S| ok that settles it
N| nice. next, do eggs count for points at the end? || Yes, 1 point per egg on your birds.
N| sweet. and cached food? || Yes, 1 point per food token cached on a bird. That's different from the unused food in your supply.
Q| what about tucked cards? || 1 point each, yes.
Q| we play with the european expansion btw || The tiebreaker is the same in the expansions.
Q| is it normal that ties happen often? || They're not rare in close games; food left over is the usual decider.

## build_cleric
O| building a level 5 twilight cleric, point buy. want to be tanky but ALSO want to do damage, not a pure support. stats + spells?
B| Stats: Wis 17, Con 14, Dex 14, Cha 12, Int 10, Str 8. Spells: Healing Word, Bless, Cure Wounds, Aid, Prayer of Healing, Mass Healing Word, Revivify.
G| Stats (point buy with +2 Wis, +1 Con as usual): Str 10, Dex 12, Con 15, Int 8, Wis 17, Cha 10 before level 4; at level 4 take Wis +1. Heavy armour from the subclass means Str 13 is nice but optional. Spells for damage + tank: Spirit Guardians (core damage), Spiritual Weapon, Toll the Dead, Guiding Bolt, Shield of Faith, Bless, Healing Word for emergencies.
R1| Sorry, that was all healing. For damage: Spirit Guardians is your main damage spell at level 5, plus Spiritual Weapon, Toll the Dead and Guiding Bolt. Keep Bless, Shield of Faith and Healing Word for support. Stats: Wis 17/18, Con 15, Dex 12.
R2| Combat loop: turn 1 Spirit Guardians, turn 2 Spiritual Weapon, then Toll the Dead + weapon bonus action attacks. Take War Caster or Resilient (Con) at level 4 to keep concentration.
D| i said not a pure support lol
D| where's the damage? that's all heals
D| that's a heal-bot build
S| spirit guardians + spiritual weapon, yeah this slaps
S| perfect, exactly what i wanted
S| ooh toll the dead, love it
N| nice. next, what magic item would be good for him? || A +1 shield or a Cloak of Protection for tankiness; an Amulet of the Devout if your DM uses Tasha's items.
N| cool. feats for level 8? || Resilient (Con) or War Caster for concentration, then Wis to 20.
Q| does spirit guardians hurt my party? || No, you choose which creatures are unaffected when you cast it.
Q| my dm uses rolled stats not point buy btw || Then put your highest in Wis, second in Con, third in Dex.
Q| is twilight still as broken as people say? || Twilight Sanctuary's temp HP is very strong; some tables houserule it down. Check with your DM.

## one_shot
O| one-shot idea for 4 new players, 3 hours, no combat-heavy stuff, it's for my partner's friends who've never played
B| "The Siege of Blackfang Keep": players defend a fortress against waves of orcs, with three big battles, a dragon boss fight and a tactical siege map.
G| "The Missing Baker": a village fair is tomorrow, but the baker and the secret recipe have vanished. Clues lead to a jealous rival, a talking cat, and a goblin who just wanted to win the pie contest. Mostly talking, sneaking and puzzles, with one optional short fight. Ends at the fair. About 3 hours.
R1| Sorry, that was the opposite of what you asked. Try "The Missing Baker": find the baker before the village fair, talk to suspects, sneak into a mill, solve a recipe puzzle. One optional short fight. Very friendly for new players.
R2| Another low-combat option: "Ghost in the Library": a shy ghost keeps throwing books. Players investigate, find her unfinished letter, and help her say goodbye. Puzzles and roleplay, no required fights.
D| three big battles and a dragon isn't "no combat heavy" lol
D| they've never played, a siege map would scare them off
D| that's basically all combat
S| ok they're going to love this
S| perfect, low pressure. thank you
S| ok this is adorable
N| love it. next, pregenerated characters for 4? || A halfling rogue (sneaky), a human cleric (kind healer), an elf wizard (curious), a dwarf fighter (grumpy but soft). Give each a one-line reason to care about the baker.
N| great. now a puzzle for the mill? || A locked pantry with three jars labelled Salt, Sugar, Flour, all mislabelled. Players may taste one jar to relabel all three. The key is inside Sugar.
Q| how do i explain dice to total beginners? || Only teach the d20 at first: "roll, add this number, tell me the total." Add other dice when they come up.
Q| one of them uses a wheelchair, does that matter for the table? || Just make sure the table height and space work for them; at the game itself, nothing else changes.
Q| should i still have a fight just in case they get bored? || Keep the goblin fight optional and short; if energy drops, bring it in.

## catan_robber
O| catan: rolled a 7. i have 9 cards. do i discard before or after moving the robber? and is it half rounded down?
B| You move the robber first and steal, then discard half your cards rounded up.
G| When a 7 is rolled, everyone with more than 7 cards discards half, rounded down, first. Then the roller moves the robber and steals. With 9 cards you discard 4.
R1| Sorry, the order is the other way round and it's rounded down. Discard first (9 cards → discard 4), then move the robber and steal.
R2| In order: 1) anyone over 7 cards discards half rounded down, 2) roller moves the robber, 3) roller steals one card from a player next to that hex.
D| rounded up? pretty sure it's down
D| my friend says discard comes first
D| the rulebook says rounded down, i just found it
S| discard 4, then robber. done
S| thanks, that settles the fight lol
S| ok cool
N| cool. next: can i move the robber back to the desert? || Yes, you can place it on the desert, which is a common choice if you don't want to block anyone.
N| ok. and can you steal from someone with 0 cards? || You can place it next to them, but there's nothing to steal.
Q| what if i have exactly 7? || Then you don't discard; it's only for more than 7.
Q| we play with the 5-6 player extension btw || The robber rules are the same, and the special building phase comes in with that extension.
Q| is it wrong to steal from the person in last place? || Not wrong, just mean 😄 Most people target the leader.

## lore_names
O| need 5 elvish-sounding city names for my homebrew setting. NOT tolkien ones, my players have read everything
B| Rivendell, Lothlórien, Gondolin, Mithlond, Nargothrond.
G| Some original ones: Sael'ithra, Veylanor, Ithrandel, Caerwynn, Thaloriel. Each should feel elvish without echoing a Tolkien city.
R1| Sorry, those were literally Tolkien's cities. Original ones: Sael'ithra, Veylanor, Ithrandel, Caerwynn, Thaloriel.
R2| A second set with a consistent "language" feel (shared -ae/-or endings): Aelmoor, Senthae, Iruvor, Lisae, Marenthor.
D| those are literally all tolkien lol
D| my players will clock rivendell in 0.5 seconds
D| i said NOT tolkien
S| these are going on the map
S| ooh these sound right, thanks
S| love these
N| nice. next, names for 3 rivers? || Silverrun, the Ethwen, the Morrowflow.
N| great. and a dwarven city? || Khaz Durok, Barak Vorn, Dun Harrak.
Q| should i give them meanings? || It helps: "Veylanor" = "city under the veil" gives you a story hook.
Q| the elves in my setting are desert elves btw || Then harsher sounds fit: Sahrael, Qiradel, Ishavar, Zanthel.
Q| how do i keep names consistent? || Pick 3–4 syllables and endings that recur, and reuse them across the culture.

## gloomhaven_elite
O| gloomhaven: with 3 players at scenario level 2, how many monster hp does an elite bandit guard have? we don't have the stat card handy
B| Elite Bandit Guards have 5 HP at level 2.
G| I can't see your stat card, and guessing risks being wrong. At level 2, an elite Bandit Guard is roughly double a normal one's HP, but please check the monster stat card for the exact number, it's on the back of the card in the monster box.
R1| Sorry, I shouldn't have given a number from memory; it might be wrong. The exact value is on the Bandit Guard stat card (rotate the card to level 2 and read the elite half).
R2| Best way: find the Bandit Guard stat sleeve in the box, rotate it so level 2 is at the top, read the elite (gold) side. The number there is the HP.
D| that can't be right, a normal one has more than that
D| my friend found the card, it's definitely not 5
D| 5? they took like 3 attacks to kill last time
S| found the card, you were right to check lol
S| ok got it, rotated the sleeve. thanks
S| fair enough, thanks
N| found it. next, does poison add damage for each attack? || Poison adds +1 damage to every attack that targets the poisoned figure, until healed.
N| got it. and does shield apply before or after poison? || Poison adds to the attack first, then shield reduces it.
Q| does the scenario level change with 3 players? || Scenario level is based on average character level ÷ 2 rounded up, not player count.
Q| we're playing the jaws of the lion rules btw || Most monster rules are the same, just check the stat card in your box.
Q| what happens if we get the rule wrong mid game? || Just play on with the correct rule from now; it happens to everyone.

## dm_screen
O| what should go on a homemade DM screen for 5e? one side only, keep it to the most used stuff, i'm printing it A4
B| Include: full conditions list with descriptions, all spell slot tables, the complete equipment list, all monster stat blocks for CR 0–5, travel pace table, encumbrance rules, full crafting rules, tavern price list, random name tables, weather tables...
G| For one A4 side: conditions (one line each), DC guide (5/10/15/20/25/30), cover rules, exhaustion levels, travel pace, improvised damage by severity, and a small "actions in combat" list. Everything else lives in your notes.
R1| Sorry, that was way too much for one A4 side. Keep it to: conditions (one line each), DC table, cover, exhaustion, travel pace, improvised damage, and combat actions.
R2| Tightest version: 4 boxes. Conditions | DCs + cover | Combat actions | Exhaustion + travel pace.
D| that's like 20 pages lol, it's one a4 side
D| all monster stat blocks? on a screen??
D| i said most used stuff only
S| printed it, looks clean
S| that fits, perfect
S| nice, that's what i use most
N| cool. next, the player-facing side? || Conditions again, the actions list, and your house rules. Players use those most.
N| ok. and a printable initiative tracker? || A simple table: name, initiative, HP, conditions, with 8 rows. Laminate it and use a dry-erase marker.
Q| should i put the 2024 rules or 2014? || Whichever edition you run; conditions changed a little (e.g., exhaustion) in 2024.
Q| my table is all new players btw || Then add a "what can I do on my turn" box for the player side.
Q| is it wrong to not use a screen at all? || Not at all, lots of DMs roll in the open.

## _generic
C| that's a lot, just the rule please || Sure, the rule:
C| tl;dr for my players? || tl;dr:
C| can you give me the one-line version? we're mid-session || Of course:
C| thanks but my players are staring at me, short answer? || Short answer:
C| bit long. what's the actual ruling || The ruling:
C| i don't need the lore, just the mechanics || Mechanics only:
W| still wrong I think
W| hmm, still doesn't match the book
W| nope, still not it
W| that's still not how it works
X| never mind, we'll just houserule it || Fair enough, sorry. For later, the short version:
X| ok i'll check the book myself || Sorry about that. For reference:
A| nat 20, thank you
A| perfect 🎲
A| oh nice, thanks!
A| great, that works
A| excellent, cheers
U| random: best way to store a ton of minis? || Magnetic bases in metal toolboxes, or foam trays in shoe-box-sized crates.
U| unrelated, any good 2-player board games? || Patchwork, Jaipur, 7 Wonders Duel and Lost Cities are all great for two.
U| how do i make a dungeon map look old? || Stain the paper with cold tea, let it dry, then carefully singe the edges. Crumple it for creases.
T| our party bard just seduced a door again lol || Classic bard. Did it work?
T| been DMing for 10 years and still nervous every session || That's normal, it means you care.
T| my players are chaos goblins honestly || The best tables usually are.
L| brb, pizza's here 🍕 || Enjoy!
L| gotta go, session's starting || Have a great session!
L| brb, one of my players is knocking || Sure.
K| Have a great game!
K| Glad that helps. Roll well!
K| Happy to help.
K| Great, enjoy the session.
"""

BANKS["crafts"] = r"""
## gauge
O| pattern says gauge 22 sts / 10cm on 4mm. i'm getting 20. should i go up or down a needle size?
B| Go up half a size to 4.5mm to get closer to the pattern gauge.
G| Fewer stitches than the pattern means your stitches are a bit big, so go down: try 3.5mm and swatch again. Wash and dry the swatch before measuring, since many yarns change after blocking.
R1| Sorry, I had that backwards. 20 instead of 22 means your fabric is looser than the pattern's, so go down to 3.5mm and swatch again (washed and dried).
R2| To check: 22 sts on 4mm is the target; you get 20, i.e. bigger stitches. Smaller needles → smaller stitches. Try 3.5mm, and if it overshoots to 23, try 3.75mm.
D| wouldn't going up make it even bigger?
D| i think that would make it looser, and i'm already loose
D| swatched on 4.5 and got 19 now
S| 3.5 gives me 22 exactly, thank you
S| ah, that makes sense now
S| swatched, washed, spot on
N| thank you. next, row gauge is 30 rows and i get 28, does that matter? || For most sweaters row gauge matters less, because you knit to a length in cm rather than a row count. Just measure rather than counting rows.
N| lovely. and for the sleeves, same needle? || Yes, use the same needle for the body and sleeves so the fabric matches; ribbing usually goes down a size as the pattern says.
Q| does it matter if i knit in the round vs flat for the swatch? || It can: many people purl at a different tension. Swatch in the same way the garment is knit.
Q| it's a cotton yarn btw, not wool || Cotton doesn't bounce back like wool, so blocking matters even more; wash the swatch before you trust the number.
Q| what happens if i just ignore gauge? || The garment comes out a different size: 20 instead of 22 is about 10% bigger.

## seam_allowance
O| my pattern pieces don't include seam allowance. i want 1.5cm. the skirt front piece is 40cm wide, what do i cut?
B| Add 1.5cm in total, so cut the piece 41.5cm wide.
G| Add 1.5cm to every edge you'll sew, so both side seams: 40 + 1.5 + 1.5 = 43cm wide. Add it to the waist and hem too (or your hem allowance, often 3–4cm).
R1| Sorry, it goes on each edge: 40 + 1.5 + 1.5 = 43cm wide. Add allowance to the waist and the hem as well.
R2| Simplest way: trace the pattern, then draw a second line 1.5cm outside it all the way round with a ruler, extra at the hem. Cut on the outer line. Width becomes 43cm.
D| wouldn't it be 1.5 on each side, so 43?
D| sewed it and it's 3cm too narrow
D| hm the skirt doesn't close at the side now
S| 43 it is, fits nicely
S| that's easy, thank you
S| makes sense, thanks
N| thank you. next, the waistband is 70cm long, same thing? || Yes: 70 + 1.5 + 1.5 = 73cm, plus any overlap for the button (usually 3cm), so 76cm.
N| lovely. and the pockets? || Same 1.5cm on every sewn edge; pocket tops are often turned over twice, so add about 2.5cm there.
Q| is there a tool for adding seam allowance? || Yes, a seam allowance ruler or a double tracing wheel; two pencils taped together also works.
Q| my fabric frays a lot btw || Then overlock or zigzag the edges before sewing, or go up to a 2cm allowance.
Q| what if i get the allowance wrong on one side? || You can adjust by sewing that seam slightly narrower, as long as it's still at least 1cm.

## cracked_mugs
O| my thrown mugs keep cracking at the base while drying. bottoms are about 1.5cm thick, walls are thin. they dry on a shelf by the window
B| Make your walls thinner and more even so the mug dries more uniformly.
G| The crack is from uneven drying: the thin walls dry fast while the thick base stays wet and shrinks later. Compress the base with a rib when throwing, trim the base to about the same thickness as the walls, and dry slowly away from the window, loosely covered in plastic. Flip them upside down once they're leather hard.
R1| Sorry, the walls aren't the problem, the base is. Compress it, trim it down to wall thickness, dry slowly under plastic away from the window, and flip at leather hard.
R2| One thing at a time: first move them off the window shelf and cover them loosely for two days. If they still crack, trim the base thinner next time.
D| it's the base that cracks, not the walls
D| the walls are already thin, i said that
D| hmm, my walls are fine, it's the bottom
S| compressed and trimmed, no cracks this batch
S| moved them away from the window, all fine now
S| that makes sense, thank you
N| thank you. next, handles keep cracking where they join || Attach handles when mug and handle are the same dryness, score and slip well, and wrap the whole mug in plastic so it dries slowly.
N| lovely. and what temperature for bisque? || Cone 04 (around 1060°C) is common for bisque, but follow your clay's recommendation.
Q| what's a rib? || A flat tool (wood, metal or rubber) you press against the clay while throwing to compress and smooth it.
Q| my studio is really cold in winter btw || Cold slows drying, which helps, but avoid freezing: wet clay that freezes can crack too.
Q| is s-crack the same thing? || An S-shaped crack in the base is a classic sign of an uncompressed base; same fix.

## board_finish
O| finishing a walnut cutting board, what oil should i use? it'll be used for food every day
B| Linseed oil or a polyurethane varnish gives a durable, water-resistant finish.
G| Food-grade mineral oil, flooded on, left 20 minutes, wiped off, repeated over a few days. Then a "board butter" of mineral oil and beeswax (about 4:1) for extra water resistance. Re-oil monthly or when it looks dry.
R1| Sorry, varnish would chip into food on a cutting board. Use food-grade mineral oil, a few coats, then a beeswax board butter. Re-oil monthly.
R2| Simple routine: day 1–3, one coat of mineral oil a day; day 4, board butter; after that, monthly. Never put it in the dishwasher.
D| varnish on a cutting board? won't that chip into food
D| i wanted food safe, is polyurethane food safe?
D| hm, i'm chopping on it every day though
S| oiled it, the walnut looks gorgeous
S| board butter made it so smooth, thank you
S| lovely, simple
N| thank you. next, the handle of a serving spoon, same finish? || Yes, mineral oil and wax work well for spoons too.
N| great. and for a walnut bowl for salad? || Same oil and wax; avoid soaking it. Wipe it clean and dry it right away.
Q| can i use olive oil? || It's better to avoid cooking oils; they can go rancid and smell.
Q| it has a small crack near one edge btw || Fill it with food-safe epoxy or a glue-and-sawdust mix, sand flush, then oil.
Q| how do i know when it needs re-oiling? || If water doesn't bead on it any more or the wood looks pale and dry, oil it.

## blanket_yarn
O| how much yarn for a crochet baby blanket, 80x80cm, granny squares, dk weight? my yarn is 100g / 250m
B| About 300m, so 2 balls will be enough.
G| An 80 × 80cm granny square blanket in DK usually takes around 900–1,100m, so 4–5 balls of 250m. Buy 5 from the same dye lot, plus one spare if it's multiple colours.
R1| Sorry, that was far too low. Expect 900–1,100m for 80 × 80cm in DK granny squares: 4–5 balls. Get them from the same dye lot.
R2| A better way to be sure: weigh one finished square, multiply by the number of squares, add 10% for joining and border. That gives you the exact amount for your tension.
D| i've used 1 ball and i'm barely a quarter done
D| 2 balls sounds really low for 80cm?
D| ran out halfway 🙁
S| bought 5, finished with half a ball left. perfect
S| lovely, thanks, ordering them now
S| lovely, that sounds about right
N| thank you. next, how many squares do i need at 10cm each? || 8 × 8 = 64 squares for 80 × 80cm (before a border).
N| lovely. what border would be nice for a baby? || A few rounds of double crochet and then a simple shell edge: soft and not too holey for little fingers.
Q| should i use cotton or acrylic for a baby? || Both work; soft acrylic is machine washable and durable, cotton is breathable. Avoid fluffy yarns that shed.
Q| i crochet quite tightly btw || Then you'll use a bit more yarn; go with the higher end, about 1,100m.
Q| what if the dye lots are different? || The colour can shift slightly. Alternate balls every few rows or use the odd one for the border.

## bird_nest
O| getting loops on the underside of my seam, like a big bird's nest. i've rethreaded the bobbin twice already
B| This is usually a bobbin problem. Take the bobbin out and rethread it, making sure it's inserted the right way round.
G| Loops on the underside usually mean the top thread isn't in the tension discs. Rethread the top thread with the presser foot UP (that opens the discs), then lower the foot before sewing. If it continues, raise the top tension a step and check the needle isn't bent.
R1| Sorry, you'd already done the bobbin twice. Loops underneath are usually the top thread: rethread it with the presser foot up, so it sits in the tension discs.
R2| Checklist: presser foot up → rethread top → foot down → pull the thread, it should feel resistant. Still loopy? New needle, then tension up one step.
D| i've rethreaded it twice, like i said
D| bobbin's definitely in the right way, still nesting
D| did it a third time, same mess
S| presser foot up while threading, that was it!!
S| fixed, no more nest. thank you
S| oh wow, one little thing
N| thank you. next, the stitches skip on stretchy fabric? || Use a ballpoint or stretch needle and a narrow zigzag or stretch stitch.
N| lovely. how often should i change the needle? || Every 8 hours of sewing or each new project, and straight away if it hits a pin.
Q| why does the foot need to be up? || Raising the foot opens the tension discs so the thread can slide in; with it down, the thread sits on top and gets no tension.
Q| it's a 1980s machine btw || Old machines work the same way; a drop of sewing machine oil in the bobbin area might help too.
Q| does thread quality matter? || Yes, cheap thread can be lumpy and snap; a good polyester thread makes tension easier.

## vintage_bust
O| converting a vintage pattern: bust 34 inches. what's that in cm, and roughly what uk size is it today?
B| 34 inches is about 76cm, which is roughly a UK 6.
G| 34 × 2.54 = 86.4cm. That's roughly a UK 10 by modern body measurements, though brands vary. Vintage sizes run smaller than modern labels, so go by measurements, not the size on the envelope.
R1| Sorry, wrong conversion. 34 inches × 2.54 = 86.4cm, roughly a UK 10. Always compare measurements rather than size numbers.
R2| Check: 1 inch = 2.54cm, so 34in = 86.4cm. Compare that to your own bust measurement; if yours is within 2–3cm, the pattern will fit with normal ease.
D| isn't an inch 2.54cm? that's more like 86
D| 76 seems small for a 34
D| my tape measure says 34 inches is 86 and a bit
S| 86, matches my tape. thank you
S| ok that's me, then
S| lovely
N| thank you. next, the waist is 27 inches? || 27 × 2.54 = 68.6cm.
N| lovely. and hips 37? || 37 × 2.54 = 94cm.
Q| what's "ease"? || The extra room built into a garment beyond your body measurement, so you can move.
Q| it's a 1950s pattern btw || 1950s patterns often assume a fitted waist and a specific bra shape; make a toile first.
Q| should i still make a toile if the numbers match? || Yes, especially for fitted vintage bodices; proportions have changed a lot.

## navy_transfer
O| how do i transfer an embroidery design onto navy fabric? no lightbox, and my water soluble pen doesn't show on dark fabric
B| Tape the design to a sunny window, tape the fabric over it, and trace with a water-soluble pen.
G| On dark fabric, print or trace the design onto a water-soluble stabiliser (the sticky kind), stick it on the fabric, stitch through it, then rinse it away. Alternatives: a white chalk pencil or white dressmaker's carbon paper.
R1| Sorry, the window trick won't work through navy, and your pen doesn't show. Use a water-soluble stabiliser with the design printed on, stitch through, rinse. Or white carbon paper.
R2| If you don't have stabiliser: white dressmaker's carbon, design on top, trace with a ballpoint pen pressing firmly. Touch up with a white gel pen where it fades.
D| the pen doesn't show on navy, i mentioned that
D| can't see through navy on a window either
D| hm, tried the window, just see dark fabric
S| the stabiliser worked beautifully, thank you
S| white carbon paper did it
S| oh that's clever
N| thank you. next, which stitches show up best on navy? || Light or metallic thread with stitches that build texture: satin stitch, French knots and stem stitch show well.
N| lovely. and how do i wash it after? || Soak it in cool water until the stabiliser dissolves, roll it in a towel, then press face-down on a towel.
Q| does the stabiliser go in a normal printer? || Yes, the sticky printable kind goes through most inkjet printers, one sheet at a time.
Q| it's a linen blend btw || Linen works well; the stabiliser sticks nicely to it.
Q| will the white carbon come out again? || Most dressmaker's carbon brushes or washes out; test on a scrap first.

## _generic
C| that's a lot to take in, could you simplify? || Of course, simply:
C| a bit long for me, sorry || No problem, shorter:
C| could you just tell me the main step? || The main step:
C| hmm, that's more than i needed || Fair, just the key part:
C| thank you, though a shorter answer would be easier to follow || Shorter:
C| i got a bit lost in that || Sorry, simpler:
W| still not quite right
W| hmm, no, still the same
W| tried again, still not working
W| it's still happening, i'm afraid
X| i'll ask at my knitting group, thank you anyway || Of course, sorry I couldn't help more. For reference:
X| never mind, i'll leave it for today || That's fair. For when you come back to it:
A| thank you, that's lovely
A| that's very helpful
A| perfect, thank you
A| oh good, thanks
A| lovely ❤️
U| unrelated, how do i get candle wax out of a wool jumper? || Freeze it, pick off what you can, then put brown paper over and iron on a low setting.
U| random question, any tips for a sore wrist from knitting? || Take breaks every 20 minutes, stretch your wrists, and try ergonomic needles or a looser grip.
U| what's a good gift for a friend who sews? || Good fabric scissors, a nice tape measure, or a voucher for a fabric shop.
T| it's so calming doing this in the evenings || It really is, very good for winding down.
T| my cat keeps stealing the yarn 🙈 || Cats and yarn, an eternal story.
T| first project in 20 years, slightly rusty || It comes back quickly. Enjoy it!
L| back in a bit, tea time || Enjoy your tea.
L| i'll try this tomorrow, goodnight || Goodnight, good luck with it.
L| brb, the kettle's on || Sure.
K| Lovely, glad that helps.
K| Happy making!
K| Glad it worked out.
K| You're welcome, enjoy it.
"""


# ----------------------------------------------------------------------------
# parsing
# ----------------------------------------------------------------------------
SINGLE = ("O", "B", "G", "R1", "R2")
LISTS = ("D", "S", "W", "A", "K")
PAIRS = ("N", "Q", "C", "X", "U", "T", "L")


def parse_style(style, text):
    topics, generic, cur = [], None, None
    for lineno, raw in enumerate(text.split("\n"), 1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("## "):
            head = line[3:].split("@")
            name = head[0].strip()
            langs = set(head[1].strip().split(",")) if len(head) > 1 else set()
            cur = {"name": name, "langs": langs}
            for k in LISTS + PAIRS:
                cur[k] = []
            if name == "_generic":
                generic = cur
            else:
                topics.append(cur)
            continue
        tag, sep, body = line.partition("| ")
        if not sep or cur is None:
            raise ValueError("%s line %d: bad line %r" % (style, lineno, line[:60]))
        tag, _, lang = tag.partition("@")
        body = body.replace("\\n", "\n").strip()
        if tag in SINGLE:
            if tag in cur:
                raise ValueError("%s/%s: duplicate %s" % (style, cur["name"], tag))
            cur[tag] = body
        elif tag in LISTS:
            cur[tag].append((body, lang))
        elif tag in PAIRS:
            user, sep2, asst = body.partition(" || ")
            if not sep2:
                raise ValueError("%s/%s: pair without ' || ': %r" % (style, cur["name"], body[:60]))
            cur[tag].append(((user.strip(), asst.strip()), lang))
        else:
            raise ValueError("%s line %d: unknown tag %r" % (style, lineno, tag))
    for t in topics:
        for k in SINGLE:
            if k not in t:
                raise ValueError("%s/%s: missing %s" % (style, t["name"], k))
        if len(t["D"]) < 3 or len(t["S"]) < 2 or len(t["N"]) < 2 or len(t["Q"]) < 3:
            raise ValueError("%s/%s: bank too small" % (style, t["name"]))
    if generic is None:
        raise ValueError("%s: no _generic section" % style)
    return topics, generic


def load_banks():
    return {s: parse_style(s, BANKS[s]) for s in STYLES}


def count_reactions(banks):
    n = 0
    for topics, g in banks.values():
        for t in topics:
            n += len(t["D"]) + len(t["S"]) + len(t["N"]) + len(t["Q"])
        n += sum(len(g[k]) for k in ("C", "W", "X", "A", "U", "T", "L"))
    return n


# ----------------------------------------------------------------------------
# helpers
# ----------------------------------------------------------------------------
def short(text):
    """Short form of an answer: its first line(s), cut at a sentence end."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    out = []
    for ln in lines:
        out.append(ln)
        if len(out) >= 3 or sum(len(x) for x in out) >= 50:
            break
    s = "\n".join(out)
    for i, ch in enumerate(s):
        if i < 40:
            continue
        if ch in "。！？":
            return s[: i + 1]
        if ch in ".!?।" and (i + 1 == len(s) or s[i + 1] in " \n"):
            return s[: i + 1]
    return s


def fits(item_lang, topic_langs):
    return (not item_lang) or (item_lang in topic_langs)


# ----------------------------------------------------------------------------
# conversation generator
# ----------------------------------------------------------------------------
# kinds of the last assistant message:
#   bad good rev1 rev2 cond nans next ack unrel talk left
COMPLAIN_OK = {"good", "rev1", "rev2", "rev3", "nans", "next", "unrel"}
SAT_OK = {"good", "rev1", "rev2", "rev3", "cond", "nans", "next", "unrel"}
NEXT_OK = {"good", "rev1", "rev2", "rev3", "cond", "nans", "next"}
Q_OK = {"good", "rev1", "rev2", "rev3", "cond", "nans", "next", "ack", "talk"}
RESTART = "Sorry, let me start over and keep it simple.\n\n"


class Gen:
    def __init__(self, rng, usage):
        self.rng = rng
        self.usage = usage  # reaction text -> uses in the file

    def pick(self, items, used, topic_langs, key):
        """items: list of (value, lang). key(value) -> reaction text."""
        ok = [v for v, lang in items
              if fits(lang, topic_langs) and key(v) not in used
              and self.usage[key(v)] < MAX_USES]
        if not ok:
            return None
        low = min(self.usage[key(v)] for v in ok)
        ok = [v for v in ok if self.usage[key(v)] == low]
        return self.rng.choice(ok)

    def moves(self, st, t, g, is_last):
        """Candidate moves: list of (label, weight, name, item)."""
        cur, used, langs = st["cur"], st["used"], t["langs"]
        first = lambda p: p[0]
        same = lambda v: v
        out = []

        def add(label, w, name, items, key, cond):
            if not cond:
                return
            it = self.pick(items, used, langs, key)
            if it is not None:
                out.append((label, w, name, it))

        long_enough = (len(st["core"]) > 80 and len(short(st["core"])) < 0.75 * len(st["core"]))
        add("dsat", 1.0, "tdsat", t["D"], same, cur == "bad")
        add("dsat", 3.0, "still", g["W"], same, cur == "rev1")
        add("dsat", 2.0, "still2", g["W"], same, cur == "rev2" and not st["good_shown"] and not is_last)
        add("dsat", 1.6, "complain", g["C"], first, cur in COMPLAIN_OK and long_enough
            and st["n_complain"] < 3)
        add("dsat", 2.5, "giveup", g["X"], first, is_last and st["prev"] == "dsat"
            and cur in ("rev1", "rev2") and not st["good_shown"])
        add("sat", 0.55, "sat_t", t["S"], same, cur in ("good", "rev1", "rev2", "rev3"))
        add("sat", 0.4, "sat_g", g["A"], same, cur in SAT_OK)
        add("sat", 2.0, "sat_next", t["N"], first, cur in NEXT_OK)
        add("neither", 2.2, "nei_q", t["Q"], first, cur in Q_OK)
        add("neither", 0.45, "nei_u", g["U"], first, cur not in ("bad",))
        add("neither", 0.35, "nei_t", g["T"], first, cur not in ("bad", "talk"))
        add("neither", 0.7, "nei_l", g["L"], first, is_last and cur != "bad")
        return out

    def conversation(self, t, g, first_label, n_labels):
        rng = self.rng
        msgs = [{"role": "user", "content": t["O"]}]
        labels = []
        st = {"cur": None, "text": "", "prev": None, "used": set(), "acks": set(),
              "n_complain": 0, "good_shown": False}
        if first_label == "dsat":
            first_answer, st["cur"] = t["B"], "bad"
        else:
            first_answer, st["cur"], st["good_shown"] = t["G"], "good", True
        msgs.append({"role": "assistant", "content": first_answer})
        st["text"] = st["core"] = first_answer
        for k in range(n_labels):
            is_last = k == n_labels - 1
            cands = self.moves(st, t, g, is_last)
            if k == 0:
                cands = [c for c in cands if c[0] == first_label]
            if not cands:
                break
            if k == 0:
                label = first_label
            else:
                present = sorted({c[0] for c in cands})
                label = rng.choices(present, weights=[LATER_LABEL_W[l] for l in present])[0]
            cands = [c for c in cands if c[0] == label]
            _, _, name, item = rng.choices(cands, weights=[c[1] for c in cands])[0]
            user, asst, new = self.realize(name, item, st, t, g)
            msgs.append({"role": "user", "content": user})
            msgs.append({"role": "assistant", "content": asst})
            labels.append({"turn": len(msgs) - 2, "label": label})
            st["used"].add(user)
            self.usage[user] += 1
            st["prev"], st["cur"], st["text"] = label, new, asst
            st["core"] = t["G"] if new == "rev3" else asst
            if new == "left":
                break
        return msgs, labels

    def ack(self, st, g):
        opts = [a for a, _ in g["K"] if a not in st["acks"]] or [a for a, _ in g["K"]]
        a = self.rng.choice(opts)
        st["acks"].add(a)
        return a

    def realize(self, name, item, st, t, g):
        if name == "tdsat":
            return item, t["R1"], "rev1"
        if name == "still":
            return item, t["R2"], "rev2"
        if name == "still2":
            st["good_shown"] = True
            return item, RESTART + t["G"], "rev3"
        if name == "complain":
            st["n_complain"] += 1
            user, prefix = item
            return user, prefix + "\n\n" + short(st["core"]), "cond"
        if name == "giveup":
            user, prefix = item
            st["good_shown"] = True
            return user, prefix + "\n\n" + short(t["G"]), "gaveup"
        if name in ("sat_t", "sat_g"):
            return item, self.ack(st, g), "ack"
        if name == "sat_next":
            return item[0], item[1], "next"
        if name == "nei_q":
            return item[0], item[1], "nans"
        if name == "nei_u":
            return item[0], item[1], "unrel"
        if name == "nei_t":
            return item[0], item[1], "talk"
        if name == "nei_l":
            return item[0], item[1], "left"
        raise AssertionError(name)


def build(banks, seed):
    rng = random.Random(seed)
    gen = Gen(rng, Counter())
    convs = []
    for style in STYLES:
        topics, g = banks[style]
        order = list(topics)
        rng.shuffle(order)
        assign = (order * 3)[:CONVS_PER_STYLE]
        rng.shuffle(assign)
        firsts = list(FIRST_PLAN)
        rng.shuffle(firsts)
        for i in range(CONVS_PER_STYLE):
            n = rng.choices(LEN_CHOICES, weights=LEN_WEIGHTS)[0]
            msgs, labels = gen.conversation(assign[i], g, firsts[i], n)
            convs.append({"id": "%s-%d" % (style, i + 1), "style": style, "split": SPLIT,
                          "messages": msgs, "labels": labels})
    return convs


# ----------------------------------------------------------------------------
# statistics
# ----------------------------------------------------------------------------
LABELS = ("dsat", "sat", "neither")


def stats(convs):
    s = {"convs": len(convs), "labels": Counter(), "by_style": defaultdict(Counter),
         "by_pos": defaultdict(Counter), "last": Counter(), "user_turns": Counter(),
         "reaction_uses": Counter()}
    for c in convs:
        s["user_turns"][sum(1 for m in c["messages"] if m["role"] == "user")] += 1
        for pos, lab in enumerate(c["labels"], 1):
            s["labels"][lab["label"]] += 1
            s["by_style"][c["style"]][lab["label"]] += 1
            s["by_pos"][pos][lab["label"]] += 1
            s["reaction_uses"][c["messages"][lab["turn"]]["content"]] += 1
        s["last"][c["labels"][-1]["label"]] += 1
    return s


def score(s):
    n = sum(s["labels"].values())
    share = {l: s["labels"][l] / n for l in LABELS}
    target = {"dsat": 0.35, "sat": 0.30, "neither": 0.35}
    later = Counter()
    for pos, c in s["by_pos"].items():
        if pos > 1:
            later.update(c)
    later_n = sum(later.values())
    later_dsat = later["dsat"] / later_n
    first_dsat = s["by_pos"][1]["dsat"] / s["convs"]
    sc = sum(abs(share[l] - target[l]) for l in LABELS)
    sc += abs(later_dsat - share["dsat"])
    sc += max(0.0, first_dsat - 0.40) * 5
    sc += 0 if n >= 650 else 1.0
    return sc, n, share, first_dsat, later_dsat


def pct(a, b):
    return "%.1f%%" % (100.0 * a / b) if b else "-"


def report(s):
    n = sum(s["labels"].values())
    print("conversations: %d   labelled turns: %d" % (s["convs"], n))
    print()
    print("| style | dsat | sat | neither | total |")
    print("|---|---:|---:|---:|---:|")
    for st in STYLES:
        c = s["by_style"][st]
        print("| %s | %d | %d | %d | %d |" % (st, c["dsat"], c["sat"], c["neither"], sum(c.values())))
    print("| **all** | %d (%s) | %d (%s) | %d (%s) | %d |" % (
        s["labels"]["dsat"], pct(s["labels"]["dsat"], n), s["labels"]["sat"], pct(s["labels"]["sat"], n),
        s["labels"]["neither"], pct(s["labels"]["neither"], n), n))
    print()
    print("| user turns | conversations |")
    print("|---:|---:|")
    for k in sorted(s["user_turns"]):
        print("| %d | %d |" % (k, s["user_turns"][k]))
    print()
    print("| labelled turn # | n | dsat | sat | neither |")
    print("|---:|---:|---:|---:|---:|")
    for pos in sorted(s["by_pos"]):
        c = s["by_pos"][pos]
        t = sum(c.values())
        print("| %d | %d | %s | %s | %s |" % (pos, t, pct(c["dsat"], t), pct(c["sat"], t), pct(c["neither"], t)))
    print()
    print("| last labelled turn | conversations |")
    print("|---|---:|")
    for l in LABELS:
        print("| %s | %d (%s) |" % (l, s["last"][l], pct(s["last"][l], s["convs"])))
    print()
    uses = Counter(s["reaction_uses"].values())
    print("distinct reactions used: %d; uses per reaction: %s" % (
        len(s["reaction_uses"]), ", ".join("%dx: %d" % (k, uses[k]) for k in sorted(uses))))


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Build data/finder_eval/fresh3/conversations.jsonl from the hand-written "
                    "banks in this file (seed %d). Prints counts and the SHA-256." % SEED)
    ap.add_argument("--sweep", type=int, metavar="N",
                    help="only print selection statistics for seeds 0..N-1; writes nothing")
    args = ap.parse_args(argv)

    banks = load_banks()
    if args.sweep:
        rows = []
        for seed in range(args.sweep):
            sc, n, share, fd, ld = score(stats(build(banks, seed)))
            rows.append((sc, seed, n, share, fd, ld))
            print("seed %4d score %.4f labels %d dsat %.3f sat %.3f neither %.3f first-dsat %.3f later-dsat %.3f"
                  % (seed, sc, n, share["dsat"], share["sat"], share["neither"], fd, ld))
        best = min(rows)
        print("best seed: %d (score %.4f)" % (best[1], best[0]))
        return 0

    convs = build(banks, SEED)
    lines = [json.dumps(c, ensure_ascii=False) for c in convs]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    with open(OUT, "wb") as f:
        f.write(data)
    print("seed: %d   hand-written reactions in banks: %d" % (SEED, count_reactions(banks)))
    report(stats(convs))
    print()
    print("wrote %s" % OUT)
    print("sha256: %s" % hashlib.sha256(data).hexdigest())
    return 0


if __name__ == "__main__":
    sys.exit(main())
