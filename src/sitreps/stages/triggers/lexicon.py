"""The trigger lexicon and the cue-word tables the context rules read.

``TRIGGERS`` rows are ``lemmas : parts of speech : sense : base score``. Parts of speech are
``V`` (verb), ``N`` (noun, proper noun) and ``A`` (adjective); a sense is a key of
:data:`.senses.SENSES` or one of the generic senses of :data:`.senses.GENERIC` that
:mod:`.context` resolves from the sentence ("strike" by drones → air strike, "strike" by
workers → protest). The score is how sure a bare word makes us that an event of that sense is
told (an airstrike is certainly an event, "killed" is the consequence of one).

``PHRASES`` refine a trigger by a word next to it in the parse (a compound, a particle, an
object): "shot down" is an interception, "suicide bombing" a suicide bomb, "hold talks" a
meeting, "take control" a territorial gain.
"""

from __future__ import annotations

from types import MappingProxyType

_TRIGGERS = """
attack|assault|raid|storm|ambush|onslaught|offensive|incursion|infiltrate|infiltration : V N : violence : 0.75
strike : V N : strike : 0.7
target : V : violence : 0.75
hit|pound|pummel|pummell|blitz|bombard|bombardment|barrage|salvo|volley : V N : violence : 0.6
airstrike|air-strike|airraid|sortie|drone-strike : V N : air_strike : 0.9
shell|shelling|mortar|rocket|missile : V : shelling : 0.85
shelling : N : shelling : 0.85
explosion|blast|explode|detonate|detonation|bombing|blow|go : V N : explosion : 0.7
bomb : V : explosion : 0.7
bomber : N : explosion : 0.5
find|discover|uncover|recover|unearth|locate|defuse|dismantle : V N : found : 0.6
fight|fighting|clash|battle|skirmish|firefight|gunfight|gunbattle|engage|engagement|combat|exchange|repulse|repel|counterattack|counteroffensive|counter-attack|hostilities|invade|invasion : V N : armed_clash : 0.75
shoot|shooting|gunfire|gunshot|fire|shootout|shoot-out : V N : shoot : 0.65
kill|murder|execute|execution|behead|beheading|massacre|slaughter|assassinate|assassination|killing|slay|lynch|lynching|stab|stabbing|torture|beat|beating|hack : V N : kill : 0.5
gun|bludgeon|strangle|hang|abuse|mistreat|ill-treat : V : kill : 0.5
dead|death|die|casualty|toll|fatality : A N V : kill : 0.3
injure|wound|hurt|maim|injury : V N : hurt : 0.3
rape|raped|raping|gang-rape|gang-raped|molest|molestation|grope : V N : sexual_violence : 0.85
abduct|kidnap|abduction|kidnapping|hostage|hostage-taking|disappearance|disappear : V N : abduction : 0.85
protest|demonstration|rally|march|sit-in|demonstrate|picket|vigil|gathering|strike|walkout|boycott|protester|protestor|demonstrator|marcher : V N : protest : 0.7
riot|rioting|unrest|rampage|vandalise|vandalize|vandalism : V N : violent_demo : 0.8
rioter : N : violent_demo : 0.6
mob : N : mob_violence : 0.6
arrest|detain|detention|apprehend|nab|arrestee|imprison|jail|incarcerate : V N : arrests : 0.75
capture|seize|seizure|haul|overrun|recapture|retake|regain|liberate|liberation|reclaim|conquer|occupy|occupation|takeover : V N : territory : 0.7
confiscate|confiscation|impound : V N : seize : 0.6
free|clear|cleanse|purge : V : liberate : 0.65
loot|looting|plunder|ransack|pillage|torch|arson|raze : V N : destroy : 0.7
demolish|demolition|destroy|destruction|damage : V N : destroy : 0.55
intercept|interception|down|shoot-down|defuse|neutralise|neutralize|foil|thwart|dismantle : V N : disrupted : 0.75
withdraw|withdrawal|retreat|pullout|pull-out|evacuate|evacuation|demobilize|demobilise|disarm|disarmament : V N : retreat : 0.6
hand|handed : V : transfer : 0.4
handover|hand-over : N : transfer : 0.7
establish|build|erect|set : V : hq_maybe : 0.3
defect|defection|merge|merger|split|disband|join|recruit|recruitment|splinter|allegiance|reinforce|reinforcement|redeploy|deploy|deployment|mobilize|mobilise|mobilization|mobilisation|mass : V N : mobilize : 0.5
surrender|capitulate|capitulation : V N : mobilize : 0.7
agree|agreement|sign|deal|accord|treaty|ceasefire|cease-fire|truce|pact|armistice|memorandum|settlement|reconcile|reconciliation : V N : agree_like : 0.7
release|free|pardon|exchange|swap|amnesty : V N : release : 0.7
meet|meeting|talk|talks|negotiate|negotiation|summit|visit|discuss|discussion|consult|consultation|host|mediate|mediation|dialogue|conference|envoy|confer|delegation : V N : consult : 0.6
support|praise|endorse|back|welcome|commend|congratulate|hail|applaud|laud|thank|approve|sympathize|condolence|apologize|apologise|apology|appreciate|recognize|recognise : V N : support : 0.55
cooperate|cooperation|collaborate|collaboration|partnership|alliance|coordinate|normalize|normalise|normalization|share|extradite|extradition : V N A : cooperate : 0.55
offer|promise|pledge|commit|willing|ready|accept|acceptance : V N A : agree_like : 0.6
aid|assistance|assist|donate|donation|provide|relief|grant|loan|supply|send|contribute|contribution|fund|funding|deliver|airlift : V N : aid : 0.5
concede|concession|ease|lift|allow|permit|compromise|yield|relent|relax|restore|cancel|shorten|scrap|rescind|remove : V N : concede : 0.5
resign|resignation : V N : retreat : 0.55
investigate|investigation|probe|inquiry|enquiry|inspect|inspection|inspector|inspectors|examine|examination|audit|inquest|hearing|monitor|questioning|interrogate : V N : investigate : 0.6
demand|urge|request|insist|appeal|ask|call|plead|petition|ultimatum|requirement|seek : V N : demand : 0.55
press|pressure|pressurise|pressurize : V : demand : 0.55
renege|backtrack : V : reject : 0.6
criticize|criticise|criticism|condemn|condemnation|denounce|denunciation|deplore|slam|blast|censure|rebuke|decry|lambast|chide|complain|complaint|disapprove|object|objection|protest|scold|reprimand|regret|oppose : V N : disapprove : 0.6
accuse|accusation|blame|allege|allegation|charge|implicate : V N : accuse : 0.6
reject|rejection|refuse|refusal|deny|denial|veto|dismiss|decline|rebuff|spurn|repudiate|defy|disregard|ignore|snub|resist|boycott|rule : V N : reject : 0.6
threaten|threat|warn|warning|vow|menace|intimidate|intimidation : V N : threaten : 0.65
sanction|embargo|expel|expulsion|prohibit|prohibition|sever|suspend|suspension|freeze|recall|cut|downgrade|blacklist|ban|boycott|blockade|halt|cancel|terminate|revoke|restrict|restriction|tariff : V N : sanction : 0.55
crackdown|repress|repression|curfew|deport|deportation|censor|censorship|harass|harassment|evict|eviction|raid|restrict|prosecute|prosecution|sentence|trial|convict|outlaw|dissolve|disperse : V N : coerce : 0.55
"""

_PHRASES = """
# head lemma : neighbour lemma : where : sense : score
# where: mod = compound/amod/nmod child or the word before; prt = particle/prep child; obj = object child; subj = subject
strike : air : mod : air_strike : 0.9
strike : drone : mod : air_strike : 0.9
strike : missile : mod : shelling : 0.85
strike : rocket : mod : shelling : 0.85
strike : artillery : mod : shelling : 0.85
strike : hunger : mod : protest : 0.8
strike : general : mod : protest : 0.8
strike : labour : mod : protest : 0.8
strike : labor : mod : protest : 0.8
strike : worker : subj : protest : 0.75
raid : air : mod : air_strike : 0.9
attack : air : mod : air_strike : 0.9
attack : drone : mod : air_strike : 0.9
attack : missile : mod : shelling : 0.85
attack : rocket : mod : shelling : 0.85
attack : mortar : mod : shelling : 0.85
attack : artillery : mod : shelling : 0.85
attack : suicide : mod : suicide_bomb : 0.95
attack : grenade : mod : grenade : 0.9
attack : chemical : mod : chemical : 0.95
attack : gas : mod : chemical : 0.9
attack : chlorine : mod : chemical : 0.95
attack : sarin : mod : chemical : 0.95
attack : bomb : mod : explosion : 0.8
attack : acid : mod : attack : 0.8
attack : knife : mod : attack : 0.8
attack : mob : mod : mob_violence : 0.85
bombing : suicide : mod : suicide_bomb : 0.95
bombing : aerial : mod : air_strike : 0.9
bomb : suicide : mod : suicide_bomb : 0.95
bomb : car : mod : ied : 0.85
bomb : roadside : mod : ied : 0.9
bomb : pipe : mod : ied : 0.85
bomb : petrol : mod : violent_demo : 0.6
bomber : suicide : mod : suicide_bomb : 0.9
blast : suicide : mod : suicide_bomb : 0.95
explosion : suicide : mod : suicide_bomb : 0.95
blow : himself : obj : suicide_bomb : 0.9
blow : herself : obj : suicide_bomb : 0.9
blow : themselves : obj : suicide_bomb : 0.9
blow : up : prt : explosion : 0.7
go : off : prt : explosion : 0.7
throw : grenade : obj : grenade : 0.9
hurl : grenade : obj : grenade : 0.9
lob : grenade : obj : grenade : 0.9
toss : grenade : obj : grenade : 0.9
plant : bomb : obj : ied : 0.75
plant : ied : obj : ied : 0.8
plant : explosive : obj : ied : 0.75
plant : device : obj : ied : 0.75
hit : landmine : obj : ied : 0.8
step : landmine : prt : ied : 0.8
step : mine : prt : ied : 0.8
run : mine : prt : ied : 0.75
attack : ied : mod : ied : 0.85
device : explosive : mod : ied : 0.6
assault : sexual : mod : sexual_violence : 0.85
violence : sexual : mod : sexual_violence : 0.85
abuse : sexual : mod : sexual_violence : 0.85
mine : land : mod : ied : 0.8
shoot : down : prt : disrupted : 0.85
bring : down : prt : disrupted : 0.6
open : fire : obj : shoot : 0.75
set : fire : obj : destroy : 0.65
set : ablaze : obj : destroy : 0.65
set : alight : obj : destroy : 0.65
set : up : prt : hq_maybe : 0.5
take : control : obj : territory : 0.75
take : hostage : obj : abduction : 0.9
take : hostage : prt : abduction : 0.9
take : captive : obj : abduction : 0.85
take : street : obj : protest : 0.8
take : street : prt : protest : 0.8
take : custody : prt : arrests : 0.8
take : custody : obj : arrests : 0.8
take : part : obj : none : 0
take : place : obj : none : 0
gain : control : obj : territory : 0.75
recover : control : obj : territory : 0.75
establish : control : obj : territory : 0.75
regain : control : obj : territory : 0.75
assume : control : obj : territory : 0.7
wrest : control : obj : territory : 0.75
control : area : obj : territory : 0.6
control : town : obj : territory : 0.6
control : village : obj : territory : 0.6
control : city : obj : territory : 0.6
seize : control : obj : territory : 0.75
hold : talk : obj : consult : 0.75
hold : talks : obj : consult : 0.75
hold : meeting : obj : consult : 0.75
hold : rally : obj : protest : 0.8
hold : protest : obj : protest : 0.8
hold : demonstration : obj : protest : 0.8
stage : protest : obj : protest : 0.8
stage : rally : obj : protest : 0.8
stage : demonstration : obj : protest : 0.8
stage : sit-in : obj : protest : 0.8
stage : walkout : obj : protest : 0.8
pull : out : prt : retreat : 0.7
pull : back : prt : retreat : 0.7
hand : over : prt : transfer : 0.75
turn : over : prt : transfer : 0.5
step : down : prt : retreat : 0.65
crack : down : prt : coerce : 0.75
round : up : prt : arrests : 0.75
call : for : prt : demand : 0.7
call : off : prt : concede : 0.75
reduce : supply : obj : sanction : 0.6
reduce : aid : obj : sanction : 0.65
end : mediation : obj : sanction : 0.6
end : talk : obj : sanction : 0.55
halt : aid : obj : sanction : 0.65
force : out : prt : sanction : 0.6
strengthen : force : obj : mobilize : 0.65
reinforce : force : obj : mobilize : 0.65
order : patrol : obj : mobilize : 0.6
put : alert : prt : mobilize : 0.65
remain : alert : prt : mobilize : 0.6
mass : troop : obj : mobilize : 0.7
drive : out : prt : liberate : 0.75
drive : back : prt : liberate : 0.75
push : back : prt : liberate : 0.7
push : out : prt : liberate : 0.7
gain : ground : obj : territory : 0.75
take : people : obj : abduction : 0.6
take : person : obj : abduction : 0.6
abuse : sexually : prt : sexual_violence : 0.85
assault : sexually : prt : sexual_violence : 0.85
block : road : obj : protest : 0.7
block : street : obj : protest : 0.7
block : bridge : obj : protest : 0.7
block : highway : obj : protest : 0.7
block : traffic : obj : protest : 0.65
block : railway : obj : protest : 0.65
block : transport : obj : protest : 0.6
block : roadway : obj : protest : 0.65
accept : demand : obj : concede : 0.75
accept : term : obj : concede : 0.7
accept : condition : obj : concede : 0.7
establish : relation : obj : support : 0.7
upgrade : tie : obj : support : 0.7
restore : tie : obj : support : 0.7
restore : relation : obj : support : 0.7
hand : medicine : obj : aid : 0.7
hand : aid : obj : aid : 0.7
evacuate : wounded : obj : aid : 0.6
war : game : mod : cooperate : 0.6
game : war : mod : cooperate : 0.6
call : on : prt : demand : 0.65
break : out : prt : armed_clash : 0.5
break : off : prt : sanction : 0.6
cut : off : prt : sanction : 0.6
cut : tie : obj : sanction : 0.7
sever : tie : obj : sanction : 0.7
sever : relation : obj : sanction : 0.7
establish : base : obj : hq : 0.8
establish : barracks : obj : hq : 0.75
set : barracks : obj : hq : 0.75
close : consulate : obj : sanction : 0.7
close : embassy : obj : sanction : 0.7
shut : consulate : obj : sanction : 0.7
shut : embassy : obj : sanction : 0.7
establish : post : obj : hq : 0.8
establish : headquarters : obj : hq : 0.8
establish : camp : obj : hq : 0.75
establish : checkpoint : obj : hq : 0.75
establish : outpost : obj : hq : 0.8
establish : point : obj : hq : 0.75
establish : tie : obj : support : 0.7
set : base : obj : hq : 0.8
set : post : obj : hq : 0.8
set : headquarters : obj : hq : 0.8
set : camp : obj : hq : 0.75
set : checkpoint : obj : hq : 0.75
set : outpost : obj : hq : 0.8
set : point : obj : hq : 0.75
build : base : obj : hq : 0.75
build : post : obj : hq : 0.75
build : outpost : obj : hq : 0.75
create : base : obj : hq : 0.75
open : base : obj : hq : 0.7
open : office : obj : hq : 0.6
open : investigation : obj : investigate : 0.7
open : probe : obj : investigate : 0.7
launch : investigation : obj : investigate : 0.7
launch : probe : obj : investigate : 0.7
impose : sanction : obj : sanction : 0.8
impose : curfew : obj : coerce : 0.75
impose : ban : obj : sanction : 0.7
impose : restriction : obj : coerce : 0.6
impose : embargo : obj : sanction : 0.8
launch : missile : obj : shelling : 0.85
launch : rocket : obj : shelling : 0.85
launch : drone : obj : air_strike : 0.85
launch : airstrike : obj : air_strike : 0.9
launch : strike : obj : strike : 0.8
launch : attack : obj : violence : 0.75
launch : assault : obj : violence : 0.75
launch : offensive : obj : violence : 0.75
launch : raid : obj : violence : 0.75
fire : missile : obj : shelling : 0.85
fire : rocket : obj : shelling : 0.85
fire : shell : obj : shelling : 0.85
fire : mortar : obj : shelling : 0.85
drop : bomb : obj : air_strike : 0.8
drop : chlorine : obj : chemical : 0.9
drop : gas : obj : chemical : 0.7
declare : ceasefire : obj : agree_like : 0.75
declare : war : obj : threaten : 0.6
declare : emergency : obj : coerce : 0.5
"""


def _rows(spec: str) -> list[list[str]]:
    rows = []
    for line in spec.strip().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            rows.append([c.strip() for c in line.split(" : ")])
    return rows


def _build_triggers() -> dict[str, tuple[tuple[str, str, float], ...]]:
    out: dict[str, list[tuple[str, str, float]]] = {}
    for lemmas, pos, sense, score in _rows(_TRIGGERS):
        for lemma in lemmas.split("|"):
            for p in pos.split():
                out.setdefault(lemma, []).append((p, sense, float(score)))
    return {k: tuple(v) for k, v in out.items()}


def _build_phrases() -> dict[str, tuple[tuple[str, str, str, float], ...]]:
    out: dict[str, list[tuple[str, str, str, float]]] = {}
    for head, word, where, sense, score in _rows(_PHRASES):
        out.setdefault(head, []).append((word, where, sense, float(score)))
    return {k: tuple(v) for k, v in out.items()}


#: lemma -> ((pos, sense, score), ...)
TRIGGERS = MappingProxyType(_build_triggers())
#: head lemma -> ((neighbour lemma, where, sense, score), ...)
PHRASES = MappingProxyType(_build_phrases())


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# --- cue words: lemmas (lower case) that tell the context of a trigger ------------------------
#: aircraft (not drones): missiles they fire are air strikes
AIRCRAFT = _set("warplane warplanes jet jets aircraft helicopter helicopters bomber bombers gunship gunships chopper "
                "choppers plane planes airplane airplanes airforce")
AIR = _set("airstrike air-strike warplane warplanes jet jets aircraft helicopter helicopters drone drones uav uavs "
           "airforce bomber bombers gunship gunships chopper choppers predator reaper aerial sortie air-raid plane planes airplane airplanes kamikaze shahed")
SHELL = _set("shell shelling artillery mortar mortars missile missiles rocket rockets howitzer howitzers grad katyusha "
             "projectile projectiles mlrs barrage salvo himars ballistic cruise iskander kalibr")
IED = _set("ied ieds vbied landmine landmines mine mines roadside booby-trap boobytrap improvised explosive device devices "
           "detonator remote-controlled planted")
SUICIDE = _set("suicide self-detonate self-detonated")
GRENADE = _set("grenade grenades")
CHEMICAL = _set("chlorine sarin mustard-gas vx")
#: "chemical", "toxic", "poison" tell a chemical weapon only beside a weapon word
CHEMICAL_WEAK = _set("chemical toxic poison poisonous nerve mustard")
CHEMICAL_WITH = _set("attack attacks weapon weapons shell shells bomb bombs munitions gas agent rocket rockets missile "
                     "missiles barrel")
CIVILIAN = _set("civilian civilians resident residents villager villagers farmer farmers woman women child children girl girls "
                "boy boys worshipper worshippers passenger passengers shepherd herder herders family families pedestrian "
                "trader traders student students teacher teachers journalist journalists worker workers doctor patient patients "
                "refugee refugees market mosque church school hospital home homes house houses displaced civilian man men "
                "people person elder elderly chief pastor priest imam motorist driver nurse activist activists "
                "village villages population restaurant cafe hotel bus shop shops neighbourhood neighborhood teahouse "
                "wedding funeral congregation")
ARMED = _set("soldier soldiers troop troops army military militant militants fighter fighters rebel rebels insurgent insurgents "
             "militia militiamen militiaman police policeman policemen gunmen gunman jihadist jihadists terrorist terrorists "
             "guard guards position positions checkpoint base convoy patrol unit units battalion brigade commander personnel "
             "security jawan jawans force forces outpost garrison sniper snipers combatant combatants paramilitary paramilitaries "
             "taliban al-shabaab hezbollah hamas isis isil daesh pkk ypg sdf houthi houthis")
ARMED_GROUP = _set("militant militants rebel rebels insurgent insurgents jihadist jihadists terrorist terrorists gunmen gunman "
                   "militia militiamen fighter fighters bandit bandits extremist extremists islamist islamists assailant "
                   "assailants attacker attackers taliban al-shabaab shabaab hezbollah hamas isis isil daesh pkk ypg sdf "
                   "houthi houthis boko haram qaeda al-qaeda jnim iswap fsa hts nusra ansar jaish lashkar maoist maoists "
                   "naxal naxals naxalite naxalites ulfa separatist separatists opposition")
STATE = _set("army soldier soldiers troop troops military government regime police policeman policemen force forces "
             "navy marines airforce gendarme gendarmes gendarmerie paratrooper paratroopers saa idf fardc amisom "
             "national security commando commandos battalion brigade division regiment jawan jawans crpf bsf")
PROTESTERS = _set("protester protesters protestor protestors demonstrator demonstrators marcher marchers protest protests "
                  "demonstration demonstrations rally rallies crowd crowds sit-in picket rioter rioters march marches")
INTERVENTION = _set("tear teargas tear-gas cannon disperse dispersed dispersal baton batons lathi lathicharge lathi-charge "
                    "arrest arrested detain detained stun pepper rubber cordon cordoned prevent prevented "
                    "break-up truncheon truncheons")
RIOT = _set("riot riots rioter rioters rioting torch torched burn burned burnt burning stone stones pelt pelted "
            "molotov vandalise vandalised vandalize vandalized loot looted ransack ransacked smash smashed "
            "petrol tyre tyres tire tires arson clash clashed clashes clashing brick bricks bottle bottles "
            "ablaze hurl hurled threw throwing firework fireworks scuffle scuffles confront confronted "
            "confrontation confrontations breach breached stormed rampage vandal vandals")
#: riot words that a "peaceful" in the same sentence outweighs
RIOT_WEAK = _set("violence violent aggressive unrest attacked damage damaged rock rocks barricade barricades blocked blocking")
PEACEFUL = _set("peaceful peacefully non-violent nonviolent")
MOB = _set("mob mobs lynch lynched lynching")
TERRITORY = _set("village villages town towns city cities area areas district districts territory territories region "
                 "hill hills base bases position positions airport crossing neighbourhood neighborhood province control "
                 "stronghold strongholds outpost outposts camp camps locality localities settlement road highway bridge "
                 "county municipality island island islands port oilfield field fields front frontline checkpoint "
                 "site sites post posts airfield airbase barracks hilltop")
WEAPONS = _set("weapon weapons arms device devices ammunition ammunitions ammo firearm firearms pistol pistols round rounds cartridge cartridges weaponry equipment explosive explosives cache caches rifle rifles gun guns ordnance "
               "grenade grenades bomb bombs mine mines ied ieds missile missiles rocket rockets drone drones")
PROPERTY = _set("house houses home homes shop shops store stores property properties vehicle vehicles car cars building "
                "buildings office offices crop crops livestock cattle church mosque school market warehouse farm")
GOVERNMENT = _set("government regime ministry minister president parliament authorities authority state official officials")

#: an explosion or deaths with these words (and no hostile word) are accidents or hazards
ACCIDENT = _set("plant factory furnace boiler cylinder cylinders propane tanker pipeline warehouse leak leaked blaze "
                "accident accidental accidentally short-circuit fireworks firecracker firecrackers industrial reactor "
                "container storage crash crashed collision collided derailed capsized drowned drown poisoning "
                "earthquake flood floods flooding landslide cyclone hurricane typhoon storm lightning stampede "
                "collapse collapsed fire-fighters firefighters")
HOSTILE = _set("attack attacks attacked bomb bombs bomber bombing militant militants terrorist terrorists gunmen insurgents "
               "rebels suicide ied explosive explosives device planted detonated targeted assailants jihadist jihadists "
               "shelling missile missiles rocket rockets drone drones airstrike airstrikes")
#: a place changing hands with these words and no fighting words changed hands without a fight
UNOPPOSED = _set("withdrew withdrawn withdrawal withdrawing pulled retreated retreat abandoned deserted handover "
                 "unopposed resistance evacuated vacated")
FIGHTING = _set("clash clashes clashed fighting fight fought battle battles attack attacks attacked offensive killed "
                "shelling airstrikes airstrike assault stormed firefight")
