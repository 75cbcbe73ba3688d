"""Finding dissatisfaction in raw chat logs: each user turn that follows an assistant reply is read
as DSAT (the user is dissatisfied with the reply), SAT (satisfied) or neither.

  rules  transparent cues, each named, counted and recorded on the row it produced: phrases, then
         general families of words that carry dissatisfaction or approval in any wording. DSAT
         cues win over SAT cues ("thanks, but that's wrong" is a complaint), except a few weaker
         ones (going elsewhere, what happened after trying) that a thank-you outweighs. Cues and
         the user's previous turn only: a user who restates a constraint, states a correction as a
         plain fact or complains in a language with few cues is missed; on conversations written
         apart from them they find 44% of the complaints at precision 0.95 and 74% of the
         approvals at 0.95 (bench/finder_eval.py, data/finder_eval/fresh4/).
  judge  a local chat model (drift/judge.py) reads the conversation, the reply and the user's next
         turn with a rubric (presets/judge_feedback.txt, in the spirit of SPUR's satisfaction and
         dissatisfaction rubrics) and the label is read from the log-probs of "D", "S" and "N":
         p(label) = softmax over the three; the row keeps p as its confidence, and a turn whose
         largest p is under --min-confidence is neither.

`compare` measures a finder against labels a file already carries (WildFeedback's GPT-4 labels):
precision, recall and F1 for DSAT and SAT, the confusion matrix and examples of each disagreement.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from pathlib import Path
from typing import NamedTuple

LABELS = ("dsat", "sat", "neither")
FEEDBACK_RUBRIC = Path(__file__).resolve().parent.parent / "presets" / "judge_feedback.txt"
FEEDBACK_FIELDS = ("{conversation}", "{reply}", "{feedback}")

# (name, pattern) in the order they are tried; matched against the lower-cased user turn
DSAT_RULES = [
    ("correction", r"\b(?:that|this|it|your answer|the answer)(?:'s| is| was)(?: just| still| completely| totally)? "
                   r"(?:wrong|incorrect|false|not (?:quite |exactly )?(?:right|correct|true|accurate|it)\b)"
                   r"|\b(?:you(?:'re| are)|you were) (?:wrong|mistaken|incorrect)|\bgot (?:it|that|this) wrong\b"
                   r"|\b(?!what\b|nothing\b|which\b|who\b)\w+ is (?:just |completely |totally )?(?:wrong|false)\b|\bmade (?:a|an) (?:mistake|error)\b"
                   r"|\bmisunderst|\bi don'?t think (?:that|this|it)(?:'s| is) (?:right|correct)"
                   r"|\bthat'?s not (?:true|right)|\bnot (?!bad\b|a problem\b)(?:\w+ )?\w+ at all\b"
                   r"|\b\w+ \w+, not (?:a |an |the )?[\w-]+[.!]?$"),
    ("contradiction", r"^(?:but |no,? )?(?:that |this |it )?(?:(?:is|was|does|did|are|were)n'?t|(?:is|was|does|did|are) not)\b"),
    ("negation", r"^\s*(?:no|nope|nah|wrong|incorrect|not really)\b"
                 r"(?![-, ]+(?:problem|worries|thanks|thank you|need|more|complaints|way|doubt|wonder|chat|window|number|rush|hurry"
                 r"|pressure|cap|but like|errors?|issues?|further))"
                 r"|\b(?:lol|ugh|uh|ehh?),? no\b"),
    ("retry", r"\b(?:try again|try once more|redo (?:it|this|that)|do it again|one more time|start over"
              r"|give it another (?:try|go|shot))\b|^\s*(?:please )?regenerate\b"),
    ("not_what_asked", r"\bnot what i (?:asked|wanted|meant|said|need|had in mind|requested|was looking for|was after)"
                       r"|\bopposite of what i\b|\bthat(?:'s| is) not what\b"
                       r"|\byou (?:didn'?t|did not|don'?t|do not) (?:answer|understand|listen|read)"
                       r"|\byou (?:missed|ignored|forgot)\b|\bi (?:already )?(?:told you|asked (?:for|about))\b|\bas i said\b"
                       r"|\bi (?:already )?said (?:that|one|only|just|it|no|not|to|i|\d)"),
    ("does_not_work", r"\b(?:doesn'?t|does not|didn'?t|did not|won'?t|isn'?t|is not) (?:work|help|compile|run|answer"
                      r"|make (?:any )?sense)|\bstill (?:wrong|broken|not|doesn'?t|the same)\b|\bmakes no sense\b"
                      r"|\b(?:that'?s|this is|it'?s|that was) (?:useless|nonsense)\b"
                      r"|\b(?:error|exception|traceback)\b.*\b(?:still|again|now)\b"),
    ("style_complaint", r"\btoo (?:long|short|verbose|wordy|vague|generic|complicated|formal|casual)\b"
                        r"|\b(?:shorter|more concise|less verbose|be brief|be specific)\b"),
    ("negated_praise", r"\bnot (?:helpful|useful|good|great|perfect|acceptable|an acceptable)\b|\bunhelpful\b|\buseless\b"
                       r"|\bthanks for nothing\b|\bwall of text\b|\bgroundbreaking\b|\bnot help(?:s|ed)?\b"
                       r"|\b(?:now it'?s|it'?s now|made it|even|much) worse\b|\bthat'?s your answer\b"
                       r"|\bwhy didn'?t i think of that\b|^\s*seriously\?|\b(?:make|file|lodge) a (?:formal )?complaint\b"),
    # asked again, or told the same again
    ("again", r"\b(?:i'?ll|let me|i will) ask (?:again|once more)\b|^\s*again\b|\bagain:"
              r"|\bsame (?:[\w-]+ )?(?:thing|answer|error|bug|problem|issue|result|mistake|output|message|code|traceback"
              r"|draft|response|reply)\b"
              r"|\brepeated (?:your|the|yourself|what)\b|\byou(?:'ve| have)? (?:already )?said (?:that|this|the same)\b"
              r"|\b(?:the )?same (?:as|like) (?:before|last time)\b|\bsay the same\b|\bnothing (?:happened|changed|happens)\b"),
    ("already_tried", r"\bi(?:'ve| have)? (?:already|alredy) (?:tried|checked|did|done|know|restarted|installed|have|said|told)\b"
                      r"|\b(?:already|alredy) (?:tried|checked|been|know)\b|\bi know (?:that|this|it) already\b"
                      r"|\bthis i know already\b"),
    ("ignored", r"\byou (?:changed|rewrote|removed|dropped|forgot|forget|missed|ignored|skipped|left out|misread"
                r"|made (?:that|it|this) up|just made)\b|\bwhy did you\b|\bi (?:only|just) asked\b"
                r"|\bi (?:didn'?t|did not) ask\b|\bi meant\b|\bmy question was\b|\bthe question i asked\b"
                r"|\bread my (?:question|message)\b|\b(?:the )?part (?:what|that|which) i ask|\bi ask(?:ed)? (?:other|another)\b"
                r"|\bwithout (?:fixing|solving|resolving|answering|reading)\b|\b(?:are|were) you (?:even )?(?:reading|listening)\b"
                r"|\b(?:did|do) (?:you )?not understand\b|\bjust answer\b|\byou(?:'re| are) (?:ignoring|missing|forgetting|repeating)\b"
                r"|\b(?:the|my) (?:code|text|draft|question) i (?:sent|gave|wrote|pasted)\b"
                r"|\b(?:be|is|are) wrong (?:every|again|each)\b|\bsomething (?:completely |totally )?different\b"),
    ("unresolved", r"\b(?:does|did|do)(?: not|n'?t)(?: quite)? (?:resolve|solve|fix|address|answer)\b|\bunanswered\b"
                   r"|\b(?:haven'?t|have not) answered\b|\b(?:breaks|broke|crashes|crashed) (?:the|my|other|it|everything)\b"
                   r"|\bmoves? the error\b|\bnot valid\b|\b(?:doesn'?t|does not|didn'?t|did not) (?:even )?(?:exist|compile|load)\b"
                   r"|\baccess denied\b|#name\?|#value!|#ref!|\bstill (?:get|getting|see|seeing|has|have|raw|crashes|fails)\b"),
    ("style_request", r"\b(?:rather than|instead of|not) a list\b|\bshort(?:er)? version\b|\bin english\b"
                      r"|\bvery complicate|\bcan(?:not|'?t) follow\b|\bmore original\b|\bmuy clich"
                      r"|\b(?:a bit|way|much|far|little) too [\w-]+"),
    ("gave_up", r"\bforget (?:it|about it)\b|\bnever ?mind\b|\bnvm\b|\bi give up\b|\bgiving up on (?:this|it|that)\b|\bsack it\b"),
    ("however", r"\bhowever\b.*\b(?:not|rather than|isn'?t|wasn'?t|doesn'?t)\b|\bthough[.!]?\s*$"
                r"|^\s*(?:is|it is|this is|that is|was) (?:wrong|not (?:right|correct|working))\b"
                r"|^\s*(?:my|the|his|her|their|our) \w+ (?:isn'?t|is not|wasn'?t|was not)\b"),
    ("evasion", r"\b(?:okay|ok|right|sure|interesting)[,.]? (?:but (?:what|which|my|the answer)|and (?:my|the answer))\b|\bor not\?\s*$"
                r"|, then\?\s*$|\bbut what'?s the\b"),
    # a few words of the languages users mix in
    ("other_language", r"\b(?:est[aá] mal|otra vez|de nuevo|lo mismo|ya lo (?:intent[eé]|hice|prob[eé])|no funciona"
                       r"|sigue (?:igual|sin|mal)|phir se|same cheez|phir bhi|nahi chal|kaam nahi|falsch"
                       r"|funktioniert nicht|[çc]a marche pas|c'est faux|non funziona|sbagliato|galat|bakwas"
                       r"|samajh nahi|padha (?:bhi )?nahi|eso no es|no es eso)\b"),
    # the families below are general: words that carry dissatisfaction in any wording, not phrases
    # the user points back at what they asked ("i literally said just the year", "over the limit I gave")
    ("own_words", r"\bi (?:literally |already |just |clearly |specifically |explicitly |did |even |only )?"
                  r"(?:said|asked (?!(?:my|him|her|them|a friend)\b)|mentioned|told you|specified|stated|requested|was asking for)\b"
                  r"|\bi wanted (?:something|a|an|it|only|just|one|them|you)\b|\bthe \w+ i (?:gave|set|specified|mentioned)\b"
                  r"|\b(?:answer|read|do) what i (?:ask|asked|said|wrote)\b|\b(?:repeat|repeating) (?:the|my) question\b"
                  r"|\bi'?ll repeat\b"),
    # a question that is a complaint ("did you even read my message?", "and the answer to my question is?")
    ("complaint_question", r"^\s*(?:did|have) (?:you|u) (?:even |actually |really )?(?:read|look at|check|understand|add|count|test"
                           r"|run|try) (?:my|the|what|it|that|this|those|these|them|a single)\b"
                           r"|^\s*(?:are|were) (?:you|u) (?:even |actually )?(?:reading|listening)\b|\bare (?:you|u) (?:quite |really |even |absolutely )?sure\b"
                           r"|\bwhat (?:are|r) (?:you|u) (?:talking|on) about\b|\bwhy would (?:\w+ ){1,3}(?:fix|help|work|solve|change|matter)\b"
                           r"|\bwhere(?:'s| is| are| did) (?:\w+ ){0,3}(?:coming|come) from\b|\bis (?:that|this|it) (?:even )?(?:a )?real\b"
                           r"|\bhow (?:is|was|does) (?:that|this|it) (?:even )?(?:remotely |in any way )?(?:what|an answer|relevant|helpful|answer)"
                           r"|\b(?:the )?answer to my question\b|\bis there (?:anyone|anybody|someone|somebody|a (?:real )?(?:human|person))\b"
                           r".{0,80}\b(?:actually|talk to|speak to)\b|\bwhat part of\b.*\bdon'?t you\b"
                           r"|\bwhy (?:do you|are you|would you) (?:still|keep|always|again)\b|\bwhy (?:is|does) it still\b"
                           r"|\bwhere(?:'s| is| are) the \w+(?: \w+)? i (?:asked|wanted|said|mentioned)\b"
                           r"|,? though\?\s*$|[,.…]\s*(?:so,? )?(?:in short|specifically)\?\s*$"),
    # the reply cost the user ("what a waste of time", "you're making stuff up", "we're going in circles")
    ("frustration", r"\bwast(?:e|ed|ing) (?:of )?(?:my |your |our |so much |\w+ )?(?:time|minutes|hours|day|evening|money|effort)\b"
                    r"|\bwhat a waste\b|\bwasted\b|\bon purpose\b|\bmak(?:e|ing) (?:stuff|things|this|that|it) up\b|\bin circles\b"
                    r"|\bfrom a script\b|\bpointless\b|\bridiculous\b|\b(?:so|very|pretty|really|kinda|super|more|this is|that'?s|it'?s) generic\b"
                    r"|\bfortune cookie\b|^\s*whatever\b|\bi'?ll (?:just )?(?:ask|consult|check|call|use) (?:\w+ ){0,3}(?:instead|myself|a person|a human|someone)\b"
                    r"|\bi'?ll (?:just )?google\b|\bbut sure\b|\bi disagree\b|\b(?:conflat\w+|oversimplif\w+|hand-wavy|inaccurate|misleading"
                    r"|gibberish|made-up|cringe)\b|\b(?:it'?s|that'?s|this is|kinda|still|so) mid\b|^\s*meh\b"
                    r"|\bmade (?:that |it |this |stuff |things )?up\b|\bliterally (?!(?:perfect|the best|amazing|exactly|all i"
                    r"|what i|just what|so good|life))"
                    r"|\bugh+\b|\bsmh\b|\bcome on\b|\bstop (?:apologi[sz]ing|saying|repeating|giving)\b|\bthe (?:first|previous|original|old) "
                    r"(?:version|one|answer|draft|attempt) was better\b|\bwhat a (?:waste|joke)\b|\bcool cool cool\b"
                    r"|[\U0001f644\U0001f624\U0001f611\U0001f612\U0001f926\U0001f621\U0001f92c\U0001f620\U0001f44e]"),
    # too much of something, or a length it should have had ("too much text", "in one sentence, please")
    ("too_much", r"\btoo (?:much|many|long|short|hard|difficult|complex|complicated|technical|simple|basic|formal|casual|stiff"
                 r"|robotic|cheesy|vague|wordy|fancy|dry|boring|bland|advanced|generic|salty|sweet|chatty|hand-wavy|enthusiastic|salesy)\b"
                 r"|\b(?:so|kinda|rather|very) (?:formal|robotic|confusing|chatty|wordy|long|stiff|corporate|cheesy|preachy|salesy)\b"
                 r"|\b(?:well|way) over \d+|\bover \d+ (?:words|syllables|characters|lines|minutes)\b|\bwhole (?:textbook|novel)\b|\bstick to the\b"
                 r"|\blike (?:a )?normal(?: person)?\b|\bmore simply\b|\bsimpler\b|\bin plain english\b|\bcut it (?:by|in) half\b"
                 r"|\breads like\b|\bconfus(?:ing|ed)\b"
                 r"|\b(?:a lot|way|much|far) (?:longer|shorter|more|less) than\b|\bmore (?:detail|words|text|info\w*) than\b"
                 r"|\b(?:can'?t|cannot|won'?t|not going to) read (?:all )?(?:that|this)\b|\btl;?dr\b|\bover the (?:limit|word count|budget)\b"
                 r"|^\s*(?:(?:just|please|ok|so),? )?in (?:one|a|1|two|2|a single) (?:sentence|line|word|paragraph)\b"
                 r"|\bjust (?:give|tell|answer|show) me\b|\bi only (?:need|want)(?:ed)?\b"
                 r"|\bi just (?:needed|wanted)\b(?! to (?:say|thank|let))|\bonly the (?:short|\w+ answer)"),
    # a symptom of a reply that failed ("segfault now", "it just crashes", "still there", "its worse now")
    ("symptom", r"\bcrash(?:es|ed|ing)?\b|\bsegfault|(?<!['\"`])\b(?:errors?|exception)\b(?!['\"`])"
                r"|\b(?:never|no longer|neither) (?:works?|worked)\b"
                r"|\bfail(?:s|ed|ing)?\b|\bbroken\b|\bgr[ae]y(?:ed)? out\b|\bleak(?:s|ing)?\b|\bworse\b|\bnot working\b"
                r"|\bstill (?:there|here|the same|happening|happens|not|no|broken|wrong|get|getting|shows?|showing|they|it|there'?s)\b"
                r"|\b(?:and|but) still\b|\bstill[.!]*\s*$|^\s*still\b|[,;.] still\b|\b(?:is|are|it'?s|its|they'?re) still\b|\bnow i get\b"
                r"|^(?!.*\b(?:what|whats|who|which|where|when|how|thanks?|thx|hi|hello|hey)\b).*(?<!working )(?<!works )\bagain\b|\bnothing (?:has |have )?(?:changed|happens|happened|opens|opened|comes up|came up|shows|showed|works|worked)\b"
                r"|\b(?:did|does|changes?|changed) nothing\b|\bsame \w*(?:error|exception)\b|#n/a|#div/0|#num!|#spill!"
                r"|\bcan'?t find (?:it|that|this|them)\b|\bnothing to do with (?:this|it|that|the (?:problem|issue|error|question))\b"
                r"|\b(?:doesn'?t|does not|don'?t|didn'?t) (?:match|add up|fit|exist|apply|balance)\b|\blike (?:you|u) (?:described|said|showed|suggested)\b"
                r"|\bthe (?:problem|issue) is\b"
                r"|\bnow (?:it|there'?s|i'?m getting) (?:says|shows|won'?t|doesn'?t|crashes|fails|throws|an? error)"),
    # what a reply is said not to be ("not even close", "missed the point", "I'm not satisfied")
    ("not_good", r"(?<![\w%.'-])[\w%.'-]+,? not (?:a |an |the )?(?!bad\b|sure\b|yet\b|really\b|now\b|today\b|too\b|much\b|anymore\b|always\b|so\b|quite\b|again\b)"
                 r"[\w%.'-]+(?: [\w%.'-]+)?[.!]*$|\bcan'?t be (?:right|correct|true)\b|\bthat can'?t be\b"
                 r"|\bdon'?t think (?:that|this|it) (?:can be|is|'s) (?:right|correct)|\bnot (?:entirely|quite|totally|fully|completely|really) "
                 r"(?:convinced|sure|right|correct|it|what|me|there|accurate|true|helping)\b|\bnot sure (?:\w+ ){0,3}(?:is |'s )?(?:quite|right"
                 r"|correct|accurate|on the way)\b|\bi (?:rather )?thought it was\b|\bunder the impression\b|\brather (?:more|less) \w+ than\b"
                 r"|\bi (?:don'?t|do not|still don'?t) (?:get it|understand)\b|\bwords i don'?t know\b"
                 r"|\b(?:isn'?t|is not|aren'?t|wasn'?t) (?:appropriate|balanced|accurate|correct|relevant)\b|\bnot (?:balanced|appropriate)\b"
                 r"|\bnot even close\b|\bnot (?:satisfied|happy with|convinced|persuaded)\b|\bi don'?t (?:find (?:this|that|it) (?:useful|helpful)"
                 r"|understand (?:this|that|it|any|a word)|think (?:so|that'?s right))\b|\bmiss(?:es|ed|ing)? (?:the point|most of|what i|my point)\b"
                 r"|\b(?:off|beside) the (?:point|brief|mark)\b|\boff-brief\b|\b(?:answered|answering|answers) a different\b"
                 r"|\bnot (?:the|my) question\b|\bwhat i (?:need|wanted|asked for) is\b|\bthat'?s background\b"
                 r"|\bi(?:'m| am) afraid (?!of|to)|\bi fear\b|\bwith (?:the greatest |all due )respect\b|\bwith respect,|\bforgive me,? but\b"
                 r"|\bperhaps i was(?:n'?t)? unclear\b|\bnot sure (?:that|this|it)(?:'s| is) (?:right|correct|accurate)\b"
                 r"|\bu(?:r|'re)? wrong\b|(?<!nothing )(?<!not )(?<!what's )(?<!whats )(?<!is it )(?<!was it )(?<!went )(?<!i was )(?<!i'm )"
                 r"(?<!i am )(?<!go )(?<!goes )(?<!could )\bwrong\b"
                 r"(?! (?:with|to|chat|number|window|tab|thread|convo|conversation|person|answers?|options?))"
                 r"|\b(?:way|completely|totally|a bit|slightly) off\b"),
    # words of dissatisfaction in other languages ("não, tá errado", "ça marche toujours pas", "hindi po")
    ("other_language_words", r"\b(?:errad[oa]|(?:c'est|tout|compl[èe]tement) faux|sbagliat[oa]|fout|[źz]le|galat|incorrect[oa]|toujours pas"
                             r"|rien compris|pas compris|r[ée]pond pas|ne marche pas|n'?est pas [çc]a|no sirve|non va|klopt niet|werkt niet"
                             r"|nie dzia[łl]a|bukan itu|tidak (?:bisa|jalan|benar)|chigau|hindi po|iba po|mali po|te dije|eu disse"
                             r"|j'ai dit|ich (?:habe|hab) (?:doch |dir )?(?:gesagt|geschrieben)|ho detto|ik zei|sabi ko|maine (?:kaha|bola)"
                             r"|so geht das nicht|geht nicht|nahi hua|nahi chala|en niet|klinkt raar|weet je het zeker|nie tak|nikt tak|dziwnie|kepanjangan"
                             r"|terlalu (?:panjang|ribet|rumit)|saya (?:minta|bilang)|perch[ée] in|non [èe] (?:giusto|corretto|vero)"
                             r"|no es (?:correcto|cierto|as[íi])|nahi (?:kha|ho|samjha)|zu lang|muito (?:texto|longo)|trop long"
                             r"|demasiado largo|troppo lungo|sagt doch niemand|vraiment pas|lamba nahi|sahi nahi)\b|^\s*(?:non|nee|nein|n[ãa]o|nahi|nahin|nie|tidak)\s*[,.!]"),
    # round 3 (written on the four tuning halves, before data/finder_eval/fresh3 was read)
    # another source disagrees, or the reply has it the wrong way round ("man page says otherwise")
    ("said_otherwise", r"\b(?:says|said|told me|tells me) (?:otherwise|the (?:exact )?opposite|something (?:else|different))\b|\bcontradicts?\b"
                       r"|\b(?:is|are|was|it'?s|that'?s|thats|isn'?t (?:that|it|this)) backwards\b|\byou(?:'ve)? (?:got|have) (?:\w+ ){0,3}backwards\b"),
    # the reply answered nothing ("a bit of a non-answer", "you skipped my actual question")
    ("non_answer", r"\bnon-?answer\b|\bskipped (?:my|the) (?:actual |real )?question\b|\bno (?:actual |real )?answer\b"
                   r"|\ball caveats\b|\bdidn'?t answer\b"),
    # "that's not how it works": read before the approval of "it works"
    ("not_how", r"\b(?:that'?s|thats|this is|that is|it'?s|its) not how\b"),
    # disbelief ("720p??", "stay in? Really?")
    ("incredulous", r"\?\?|\?\s*really\?|^\s*really\?\s*$"),
    # lost in the reply ("i dont get any of that")
    ("lost", r"\bi (?:don'?t|dont|do not) get (?:any of (?:it|this|that)|it|this|that|what you)\b|\bi not understand\b|\bis too complicat"),
    ("tried_already", r"\b(?:tried|did|done) (?:that|this|it|all (?:of )?(?:that|this|those|these)|those|these|both)(?: \w+)? "
                      r"already\b|\bwe(?:'ve)? tried (?:all|that|this|those|it)\b"),
    # round 4 (written on the five tuning halves, before data/finder_eval/fresh4 was read)
    # the reply's length, in words of its own or asked to change, question or not ("bro that's an essay")
    ("length", r"\bthat'?s (?:a lot|an essay|like \d+ (?:pages|minutes|paragraphs))\b|^\s*(?:(?:wow|ok|bro|hmm|um|oof),? )*"
               r"(?:that'?s )?a lot\b(?! of)|(?:that'?s|this is|it'?s|wow,? ok,?|ok,?) an essay\b|\ban essay[.!?]*\s*$"
               r"|\b(?:that'?s|this is|it'?s|like) \d+ (?:paragraphs|pages)\b|\d+ (?:paragraphs|pages) (?:for|of)\b"
               r"|\b(?:a bit|bit|kinda|way|rather|quite) much\b|\b(?:bit|kinda|way|so|rather|quite) (?:verbose|wordy|waffly)\b"
               r"|(?:\A|\b(?:that'?s|thats|it'?s|its|this is|a)) ?(?:bit|kinda|way|rather|quite) long\b"
               r"|\b(?:that'?s|such) a lot of (?:words|text|reading)\b|\bcondense\b|\b(?:be|more|get) to the point\b"
               r"|\bjust (?:give me |tell me )?the gist\b|\bone-line (?:version|answer)\b|\bskip the (?:essay|explanation"
               r"|lore|intro|preamble|theory|background)\b|\bdrop the (?:explanation|intro|preamble)\b|(?:\A|[,.!] ?)(?:just|only) the (?:rule|text"
               r"|main (?:thing|step|point)|answer|mechanics|translation|sentence|steps?|code|number)\b|\btl;?dr\b|\bcut it down\b"
               r"|\bbullet point it\b|\bfits? on one (?:screen|page)\b|\bshort answer\?|\bmore than i (?:needed|asked for|wanted)[.!]*\s*$"
               r"|\b(?:say|put|explain|write|give) (?:that|it|this)(?: again)? (?:in (?:like )?(?:one|a|1|a single) (?:sentence|line)"
               r"|more simply|simpler|shorter)\b|\bjust (?:tell|give|show) me the (?:main|actual|short|key)\b|\bthe actual answer\b"
               r"|\b(?:time|patience) to read (?:all )?(?:that|this)\b|\bi get lost\b|\blost in all\b"),
    # a question that doubts the reply ("isn't that backwards?", "won't nitrogen just make more leaves?")
    ("doubting_question", r"^\s*(?:(?:but|so|hmm+|wait|um+|hm+),? )?(?:won'?t|wouldn'?t|aren'?t|isn'?t|isnt|shouldn'?t|doesn'?t"
                          r"|wasn'?t)\b(?! there\b)[^?]*\?\s*$|^\s*pretty sure\b|\bpretty sure[?.!]*\s*$"),
    # thanks that closes a failed try ("thanks anyway")
    ("thanks_anyway", r"\b(?:thanks?|thank you) (?:anyway|anyways|for trying)\b"),
    # what the reply does to the user, or what it is doing ("you're overthinking it", "makes me sound like")
    ("you_are", r"\byou(?:'re| are|r) (?:over\w+ing|waffling|rambling|guessing)\b|\bwanted to avoid\b|\b(?:that'?s|was|is) the whole point\b"
                r"|\bmakes me sound\b|\bdoesn'?t say that\b"),
    # a number of the user's own that differs, stated as a plain fact ("i get 100.7 when i do it by hand")
    ("other_number", r"\b(?:i|we) (?:get|got|make it|calculated?|count(?:ed)?) (?:\$|£|€)?\d(?:[\d.,]*\d)?%?(?:\s*(?:lol|tho|though"
                     r"|when i\b.*|by hand|on my \w+))?[.!]*\s*$|\b(?:says|said|shows|reads) (?:\$|£|€)?\d(?:[\d.,]*\d)?%?"
                     r"(?:\s*(?:lol|tho|though))?[.!]*\s*$"),
    # "yeah no", "hmm no", "... nah"
    ("no_idiom", r"^\s*(?:hmm+|um+|yeah|yea|uh+|ah+|eh+)[,.]? no\b(?![-, ]+(?:problem|worries|rush|need|way|doubt|pressure"
                 r"|hurry|biggie|stress))|[,.?!] ?nah[.!]*\s*$"),
    # a few words of other languages, in scripts without word boundaries between words
    ("other_script_words", r"違う気|違うよ|違うと|少し違|変だと|変と言われ|長すぎ|いらない|सही नहीं|नहीं समझ|समझेंगी नहीं|भारी हिंदी"
                           r"|не то\b|забудь|不对|没回答|太长"),
]
# read only when no approval was found: weaker signs, which a thank-you outweighs
WEAK_DSAT_RULES = [
    # the user will get it elsewhere ("I'll just ask my doctor", "screw it, reinstalling")
    ("went_elsewhere", r"\bi'?ll just (?:ask|call|check with|google|look it up|buy|pay)\b|\bjust gonna (?:ask|call)\b"
                       r"|\bi'?ll just use (?:an? |the )?(?:online|another|other|different)\b|\bscrew it\b|\bi'?m done\b(?! with)|^\s*(?:ok,? )?forget\b|^\s*(?:oh,? )?not to worry\b.*\bi'?ll\b"),
    # what happened after trying it ("tried that, they still cave in", "and now the leaves have spots")
    ("after_trying", r"^\s*(?:i |we )?tried(?: it| that| this)?(?:,| and| but)|\band now (?:it|they|the|my|its|it'?s)\b"
                     r"|\beven (?!(?:answer|after|ever|never|other|under|over|remember|consider|either|offer|order|enter"
                     r"|number|paper|water|power|bother|matter|better|faster|easier|cleaner|nicer|smoother|quicker|cheaper"
                     r"|clearer|stronger|tastier|prettier|lighter|safer|tighter|happier|calmer|quieter|greater)\b)(?:worse|\w+er)\b"),
]
# a question ("how long is too long for a nap?", "isn't there a faster way?") is a new request far
# more often than a complaint: these rules (and "loved", whose words a question often carries) do
# not read one; a request ("can you redo it?") they do
_QUESTION = re.compile(r"^\s*(?:what|which|how|why|when|where|who|is|are|was|were|do|does|did|isn'?t|aren'?t|doesn'?t"
                       r"|don'?t|didn'?t)\b.*\?\s*$", re.S)
NOT_ON_QUESTIONS = {"contradiction", "retry", "not_what_asked", "style_complaint", "negated_praise", "does_not_work",
                    "again", "already_tried", "unresolved", "style_request", "however", "loved", "went_well", "length",
                    "incredulous"}
# the families that read plain words ("error", "wrong", "works") leave alone a turn that ends in a
# question mark, and one that opens as a new request ("add error handling", "explain how X works")
NOT_ON_ANY_QUESTION = {"own_words", "frustration", "too_much", "symptom", "not_good", "approval"}
NOT_ON_REQUESTS = {"frustration", "symptom", "not_good", "approval", "went_well", "incredulous"}
# an aside that gives new information ("it's a cotton yarn btw, not wool") corrects nothing
NOT_ON_ASIDES = {"correction", "contradiction", "not_good", "however", "ignored"}
_ASIDE = re.compile(r"\b(?:btw|by the way|fyi|forgot to (?:say|mention)|meant to (?:say|mention)|should (?:have )?(?:said|mentioned))\b")
_OUTRIGHT = re.compile(r"\b(?:that'?s|that is|this is|it'?s|it is|you'?re|you are|you got (?:it|that))(?: \w+)? "
                       r"(?:wrong|incorrect|not (?:true|correct|right)|mistaken)\b")  # the reply called wrong outright, aside or not
_REQUEST = re.compile(r"^\s*(?:(?:ok(?:ay)?|now|so|and|also|then|great|thanks|perfect|cool|next)[,.!:]? +)*(?:please |pls |just )?"
                      r"(?:add|write|make|create|explain|list|give|show|generate|draft|compose|translate|summari[sz]e|describe"
                      r"|print|set|flag|suggest|find|build|implement|design|plan|include|use|tell|let'?s|can you|could you|would you)\b")
# "no errors", "0 errors", "without any errors": approval, read as the one word "noerror"
_NO_ERRORS = re.compile(r"\b(?:no|zero|0|without(?: any)?|no more)(?: [\w-]+)? (?:errors?|exceptions?)\b")
SAT_RULES = [
    ("thanks", r"\b(?:thanks|thank you|thank u+|thx|many thanks|cheers|gracias|merci|danke|shukriya|grateful|obliged"
               r"|lifesaver|life saver)\b|\bty\b|\bi(?:'m| am) (?:so |very )?(?:happy|glad)\b"
               r"|\U0001f44d|\U0001f64f|\bappreciate (?:it|this|that|your help)\b"),
    ("praise", r"^\s*(?:great|perfect|awesome|excellent|amazing|wonderful|nice|cool|brilliant|exactly)\b"
               r"|\b(?:that'?s|this is|that was|it'?s) (?:great|perfect|helpful|exactly (?:it|what)|very helpful|awesome)\b"
               r"|^\s*(?:ok(?:ay)?,? )?(?:got it|makes sense|that'?s clear)\b"),
    ("confirmed", r"\bthat'?s (?:it|the one|exactly|just what|what i|all i needed|right|correct)\b|\bexactly (?:that|what|it)\b"
                  r"|\bthat (?:is|was) (?:just|exactly) what\b|\bwhat i (?:needed|was (?:after|missing|looking for)|wanted)\b"
                  r"|\bmuch better\b|\bthat (?:will|'ll) do\b|\bresolves? (?:my|the) (?:problem|issue|query)\b"
                  r"|\bthat'?s (?:clean|neat|nice|brilliant|smart|clever)\b|\bno complaints\b|\beso era\b|^\s*(?:yes+|yep|yeah|yup)[!,. ]+(?:that|exactly|now)"
                  r"|\bthe one\b[.!]*\s*$|[\U0001f44c\U0001f389\U0001f64c\U0001f60d\U0001f525\u2705]"),
    ("it_worked", r"\b(?:it|that|this) (?:works|worked|did it|fixed it)\b|^\s*works\b|\bworks now\b|\bproblem solved\b"
                  r"|\bis working\b|\btests? pass|\bworks (?:on|for) (?:me|mine)\b|\b(?:cool|ok|okay|great|all),? sorted\b"
                  r"|^\s*(?:good|ok|okay|cool|great)[.!,]+\s*(?:next|now)\b|\bactually worked\b|^\s*(?:done|sorted|fixed|solved|found it|listo)\b|\bfuncion[oó]\b"
                  r"|\bya funciona\b|\bcame out (?:perfect|great|right)"),
    ("loved", r"\b(?:perfect|perfecto|splendid|lovely|superb|fantastic|spot on|nailed it|legend|capital)\b"
              r"|\b(?:i (?:actually )?)?love (?:it|this|that)\b|^\s*love\b|\b(?:excellent|great) (?:suggestions?|answer|idea|outline)"
              r"|\bfirst useful\b|\bwah\b"),
    # general: approval in any wording ("dish soap thing worked omg", "all good", "this helps a lot")
    ("approval", r"^(?!.*\bhow\b).*\bworked\b(?! (?:at|for|on|with|as|in|out)\b)|^(?!.*\bhow\b).*\bworks\b(?:[.!,]|\s*$| (?:now|perfectly|great|fine|well|like|for me))|\bnoerror\b"
                 r"|(?:ça|ca|it|si|ya|sudah|ab|het) (?:marche|funziona|funciona|werkt|dzia[łl]a|jalan|chal gaya)\b|\b(?:did|does) the trick\b|\ball good\b|\bgood (?:looks|stuff|job|call|catch|one)\b"
                 r"|\bnice (?:work|one|job)\b|\bwell done\b|\bbingo\b|\bthis is it\b|\banswers (?:it|my question)\b"
                 r"|\b(?:answer|bit|part|thing|info|one) i needed\b|(?<!be )\bhelp(?:ful|s|ed)\b|\bthankful\b|(?<!be )\bappreciated\b|\bsaved me\b"
                 r"|\byou win\b|\bamazing\b|\bthat'?s (?:final|finished|done)\b|\b(?:is|are) (?:finished|done)\b|\bnow i (?:know|understand|get it)\b"
                 r"|\bmakes sense now\b|^\s*(?:ok(?:ay)?[,.!]* )?good\b[.!,]|^\s*(?:yes|yep|yeah)[!,. ]+(?:yes|this|so)\b"
                 r"|\bactually (?:helpful|useful|good|works|worked|right)\b|\bthis i was looking for\b"
                 r"|\bthat'?ll do\b|\bmore like it\b|\bnow we'?re talking\b|\bgood to know\b|\bmakes sense\b|\bi (?:get|got) it(?: now)?[.!]*$|\bi get it now\b"
                 r"|\bmatches (?:mine|what i)\b|\bthat'?s the (?:correct|right)\b|\bthat'?s (?:actually |really )?(?:a )?(?:good|smart|clever"
                 r"|decent|edible|usable|marvell?ous|lovely|brilliant)\b|\bis (?:so |actually )?(?:great|good|a vibe|fire)\b|\bgoated\b|(?:^\s*(?:ok |okay )?|that'?s |so )valid\b"
                 r"|\bslaps\b|\bnot bad\b|\bnice[.!]*$|^\s*(?:oh |ok |okay )?nice\b|(?:^\s*|[,.!] ?|okay |ok |oh )got it\b|\bmakes more sense\b|^\s*top\b[,.!]"
                 r"|\bno (?:further|more) (?:changes|edits|questions|issues)\b|\bno \w+ anymore\b|^\s*(?:w|bet|sweet|better)\s*(?:[.!,]|$)|\bfinally[.!]*\s*$|^\s*finally[.!]|\bi'?ll (?:use|take|go with|keep) "
                 r"(?:that|this|it|those|these)\b"
                 r"|[\U0001f680\U0001f44f\U0001f60a\U0001f64c\u2764\U0001f4af\U0001f973\U0001f929\u2728\U0001f970\U0001f601\U0001f4aa]"),
    # done with this item and on to the next, a question or not ("list done. now food: ...?")
    ("moved_on", r"^\s*(?!not\b)(?:\w+ ){0,2}(?:done|sorted|fixed|solved|gone)[.!,]+\s+(?:now|next|ok|and|also|part|what|how|can)\b"),
    # round 3: accepted, and straight to the next question ("ok. and when do we drop the night feed")
    ("ok_next", r"^\s*(?:ok(?:ay)?|alright|k|cool|good|great|nice|fine|super|right)[.!,]*\s+(?!but\b|so\b)(?:and |now |then )?"
                r"(?:what|how|when|where|which|do|does|should|is|are|can i|could i|if|next)\b"
                r"|^\s*(?:ok(?:ay)?|alright|k|cool|good|great|nice|fine|super|right)(?: [\w']+){0,3}[.!]+\s+(?!but\b|so\b)\S.*\?\s*$"),
    # it went well, in words of its own ("way smoother", "numbers check out", "client liked it")
    ("went_well", r"\b(?:way|much|so much|a lot|far) (?:better|smoother|easier|faster|clearer|calmer|nicer|tastier|quieter|cleaner)\b"
                  r"|\b(?:made|makes) (?:a|all the) (?:big |huge |real )?difference\b|\bgorgeous\b|\bdelicious\b|\bbig brain\b"
                  r"|\b(?:ur|you'?re|you are) the best\b|\bmatch(?:es|ed)? (?:my|mine|exactly|perfectly)\b|\b(?:it|that|this|numbers?|all|everything|maths?|sums?|totals?) checks? out\b"
                  r"|\bwas a (?:hit|success)\b|\bsounds (?:great|good|correct|right|professional|perfect)\b|\bwonderful\b"
                  r"|\bbeautiful(?:ly)?\b|\b(?:client|boss|teacher|she|he|they|everyone|kids|wife|husband) (?:liked|loved) (?:it|them)\b"
                  r"|^\s*(?:fine|good|super|tight|ripper|good stuff|sweet|lovely|brill)[.!]"),
    # a short report of it done, then more ("freed. how do i stop it happening again", "ordered it. which amp sim?")
    ("done_next", r"^\s*(?:(?:ok|okay|all|it'?s|its|now) )?(?:installed|fixed|sorted|sent|booked|ordered|printed|uploaded|updated"
                  r"|renamed|moved|freed|saved|submitted|posted|paid|applied|restarted|rebooted|deployed|merged|pushed|changed"
                  r"|replaced|added|removed|cleared|tightened|swapped|cleaned|reinstalled|filed|signed|emailed|called|finished|worked"
                  r"|up|running|working|done)(?: it)?[.!]+\s+\S"),
    # round 4: a short first sentence, then the next item ("made it home. next, how do i find the leak?")
    ("next_item", r"^\s*(?![^.!?]*\b(?:crash\w*|still|nothing|worse|fail\w*|error|broke\w*|wrong|not|no|disappoint\w*|frustrat\w*|annoy\w*|confus\w*|meh|didn'?t|doesn'?t|won'?t"
                  r"|can'?t|isn'?t|stuck|same)\b)[^.!?]{1,40}?[.!]+\s+(?:ok(?:ay)?[,.]? |so |and )?(?:now|next)\b"
                  r"|^\s*(?:yay+|yes{2,}|woo+|bet|say less|lets go+|let'?s go+)\b|\U0001f91d"),
    ("other_script_thanks", r"ありがとう|助かり|धन्यवाद|शुक्रिया|बढ़िया|спасибо|отлично|谢谢|(?<!不)(?<!不是)(?<!不太)很好|明白了|^\s*show[.!]"),
    ("other_language_thanks", r"\b(?:obrigad[oa]|grazie|dank(?:e|je|jewel)|salamat|terima kasih|makasih|dzi[eę]ki|dzi[eę]kuj[eę]"
                              r"|arigat[oō]u?|dhanyavaa?d|ayos|ang galing|mantap|bagus|perfetto|genial|bravo|parfait|wunderbar"
                              r"|klopt|sugoi|badhiya|zabardast|[śs]wietnie|bedankt|dank je|sahi hai|jelas|mantul|logisch)\b"),
]


def _branches(pattern: str) -> list[str]:
    """A pattern's top-level alternatives (split at '|' outside groups, classes and escapes)."""
    out, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 1  # the escaped character is skipped with it
        elif in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            i += 1 + (pattern[i + 1:i + 2] == "^")
            i += pattern[i:i + 1] == "]"  # a ']' first in a class is one of its characters
            continue
        elif c in "()":
            depth += 1 if c == "(" else -1
        elif c == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    return out + [pattern[start:]]


class _Family:
    """A family's pattern searched as two: its branches that start with '^' tried once at the turn's
    start, and the others searched along it. One regex holding both cannot skip ahead to where its
    other branches can begin (a '^\\s*...' branch can begin anywhere), which made the rules a
    fifth slower; whether the family matches is the same."""

    def __init__(self, pattern: str):
        if "(?#" in pattern or re.search(r"\(\?[aiLmsux]", pattern):  # a flag or comment would not split cleanly
            raise ValueError(f"a finder pattern holds an inline flag or comment: {pattern[:60]!r}")
        branches = _branches(pattern)
        anchored = [b[1:] for b in branches if b.startswith("^")]
        floating = [b for b in branches if not b.startswith("^")]
        self.anchored = re.compile("^(?:" + "|".join(anchored) + ")") if anchored else None
        self.floating = re.compile("|".join(floating)) if floating else None

    def search(self, text: str) -> bool:
        return bool((self.anchored and self.anchored.match(text)) or (self.floating and self.floating.search(text)))


_DSAT = [(name, _Family(p)) for name, p in DSAT_RULES]
_SAT = [(name, _Family(p)) for name, p in SAT_RULES]
_WEAK_DSAT = [(name, _Family(p)) for name, p in WEAK_DSAT_RULES]
_WORD = re.compile(r"\w+")
REPEAT_OVERLAP = 0.8  # a user turn that shares this much of its words with the previous one asks again


def repeated(turn: str, previous: str | None) -> bool:
    """The user asks the same thing again: word-set overlap (Jaccard) of at least REPEAT_OVERLAP
    with their previous turn, both of at least 3 words."""
    if not previous:
        return False
    a, b = set(_WORD.findall(turn.lower())), set(_WORD.findall(previous.lower()))
    return len(a) >= 3 and len(b) >= 3 and len(a & b) / len(a | b) >= REPEAT_OVERLAP


def rule_label(turn: str, previous_user: str | None = None) -> tuple[str, str | None]:
    """(label, the rule that decided it, or None for neither) of one user turn."""
    text = turn.lower().replace("\u2019", "'").replace("\u2018", "'")  # phones type curly apostrophes
    text = _NO_ERRORS.sub("noerror", text)
    question = _QUESTION.match(text) is not None
    asks = text.rstrip().endswith("?")
    request = _REQUEST.match(text) is not None
    aside = _ASIDE.search(text) is not None and not _OUTRIGHT.search(text)

    def fires(name, pattern):
        return not ((question and name in NOT_ON_QUESTIONS) or (asks and name in NOT_ON_ANY_QUESTION)
                    or (request and name in NOT_ON_REQUESTS) or (aside and name in NOT_ON_ASIDES)) and pattern.search(text)

    for name, pattern in _DSAT:
        if fires(name, pattern):
            return "dsat", name
    if repeated(turn, previous_user):
        return "dsat", "repeat_request"
    for name, pattern in _SAT:
        if fires(name, pattern):
            return "sat", name
    for name, pattern in _WEAK_DSAT:
        if fires(name, pattern):
            return "dsat", name
    return "neither", None


class Turn(NamedTuple):
    conversation: list[dict]  # up to and including the assistant reply the feedback is about
    feedback: str  # the user's next turn
    previous_user: str | None  # the user's turn before the reply (a repeat of it asks again)


class RulesFinder:
    name = "rules"

    def label(self, turns: list[Turn]) -> list[tuple[str, dict]]:
        """(label, what decided it) for every turn."""
        out = []
        for _, feedback, previous in turns:
            label, rule = rule_label(feedback, previous)
            out.append((label, {"finder": "rules", "rule": rule}))
        return out


class JudgeFinder:
    """The judge's label for each turn; `judge` a drift.judge.Judge whose rubric has FEEDBACK_FIELDS."""

    name = "judge"

    def __init__(self, judge, min_confidence: float = 0.5):
        self.judge, self.min_confidence = judge, min_confidence

    def label(self, turns: list[Turn]) -> list[tuple[str, dict]]:
        from .judge import fill

        prompts = []
        for conversation, feedback, _ in turns:
            head, reply = conversation[:-1], conversation[-1]["content"]
            prompts.append(self.judge.fit(head or conversation[-1:], lambda text, r=reply, f=feedback: fill(
                self.judge.rubric, conversation=text if head else "(none)", reply=r, feedback=f)))
        logps = self.judge.label_logps(prompts, ("D", "S", "N"))
        out = []
        for lp in logps:
            if lp is None:
                out.append(("neither", {"finder": "judge", "why": "too_long"}))
                continue
            top = max(lp)
            p = [math.exp(x - top) for x in lp]
            p = [x / sum(p) for x in p]
            k = max(range(3), key=lambda i: p[i])
            detail = {"finder": "judge", "p": {"dsat": p[0], "sat": p[1], "neither": p[2]}, "confidence": p[k]}
            label = LABELS[k] if p[k] >= self.min_confidence else "neither"
            if label == "neither" and k != 2:
                detail["why"] = "low_confidence"
            out.append((label, detail))
        return out


def load_finder(args, dist=None):
    """--finder rules | judge (with --judge-model, --judge-rubric, --min-confidence)."""
    if args.finder == "rules":
        return RulesFinder()
    import torch

    from . import dist as D
    from .judge import Judge

    dist = dist or D.setup()
    dtype = torch.bfloat16 if dist.device.type == "cuda" else torch.float32
    judge = Judge.load(args.judge_model, dist, dtype, args.judge_rubric or FEEDBACK_RUBRIC, FEEDBACK_FIELDS)
    return JudgeFinder(judge, args.min_confidence)


def turns_of(messages: list[dict]) -> dict[int, Turn]:
    """{j: Turn} for every assistant reply j followed by a user turn (the feedback on it)."""
    out = {}
    for j in range(1, len(messages) - 1):
        if messages[j]["role"] == "assistant" and messages[j + 1]["role"] == "user":
            previous = next((m["content"] for m in reversed(messages[:j]) if m["role"] == "user"), None)
            out[j] = Turn(messages[: j + 1], messages[j + 1]["content"], previous)
    return out


# ----------------------------------------------------------------------------- measuring a finder


def compare(pairs: list[tuple[str, str, str]], n_examples: int = 3) -> dict:
    """pairs: (gold label, found label, the user turn). Per class precision, recall and F1, the
    confusion matrix confusion[gold][found], and up to n_examples turns of each disagreement."""
    confusion = {g: {f: 0 for f in LABELS} for g in LABELS}
    examples: dict[str, list[str]] = {}
    for gold, found, text in pairs:
        confusion[gold][found] += 1
        if gold != found and len(examples.setdefault(f"{gold}->{found}", [])) < n_examples:
            examples[f"{gold}->{found}"].append(text[:300])
    scores = {}
    for c in ("dsat", "sat"):
        tp = confusion[c][c]
        found = sum(confusion[g][c] for g in LABELS)
        gold = sum(confusion[c].values())
        p = tp / found if found else 0.0
        r = tp / gold if gold else 0.0
        scores[c] = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
                     "gold": gold, "found": found, "agreed": tp}
    base = Counter(g for g, _, _ in pairs)
    return {"turns": len(pairs), "gold_counts": {k: base[k] for k in LABELS}, "scores": scores,
            "confusion": confusion, "examples": examples}


def print_comparison(result: dict) -> None:
    print(f"\n{result['turns']:,} user turns after an assistant reply; gold labels from the file")
    print(f"{'':<8}{'precision':>10}{'recall':>8}{'F1':>7}{'gold':>7}{'found':>7}")
    for c, s in result["scores"].items():
        print(f"{c.upper():<8}{s['precision']:>10.3f}{s['recall']:>8.3f}{s['f1']:>7.3f}{s['gold']:>7}{s['found']:>7}")
    print("\nconfusion (rows: gold, columns: found)")
    print(f"{'':<9}" + "".join(f"{f:>9}" for f in LABELS))
    for g in LABELS:
        print(f"{g:<9}" + "".join(f"{result['confusion'][g][f]:>9}" for f in LABELS))
    for kind, texts in result["examples"].items():
        print(f"\n{kind}:")
        for t in texts:
            print(f"  {t[:160]!r}")
