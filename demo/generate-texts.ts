/**
 * Word lists for the installation generator (demo/generate.ts). Invented people and plausible course
 * texts; no text names or describes a resident, as the domain requires.
 */

export const FIRST_NAMES = [
  "Fatima",
  "Jeroen",
  "Sevda",
  "Ricardo",
  "Anouk",
  "Priya",
  "Kees",
  "Naima",
  "Dewi",
  "Tom",
  "Samira",
  "Linda",
  "Bram",
  "Aïcha",
  "Lotte",
  "Hamza",
  "Wilma",
  "Joost",
  "Esra",
  "Mohamed",
  "Sanne",
  "Kofi",
  "Ilse",
  "Marco",
  "Yasmina",
  "Ruud",
  "Chantal",
  "Emre",
  "Ingrid",
  "Rachid",
  "Mirjam",
  "Dennis",
  "Soraya",
  "Peter",
  "Latifa",
  "Gerard",
  "Shanti",
  "Erik",
  "Nadia",
  "Henk",
  "Zeynep",
  "Frank",
  "Marisol",
  "Wouter",
  "Khadija",
  "Ronald",
  "Ayse",
  "Jan",
  "Gloria",
  "Hans",
  "Bouchra",
  "Stefan",
  "Jolanda",
  "Mustafa",
  "Tineke",
  "Orlando",
  "Hatice",
  "Rob",
  "Ivana",
  "Youssef",
];

export const LAST_NAMES = [
  "de Vries",
  "Jansen",
  "El Amrani",
  "Yılmaz",
  "Martina",
  "Ramdin",
  "Visser",
  "Bouzid",
  "Kartosen",
  "van Dijk",
  "Haddou",
  "Kok",
  "Smit",
  "Toure",
  "Brouwer",
  "Ouali",
  "Veenstra",
  "Bakker",
  "Mulder",
  "de Groot",
  "Hoekstra",
  "Benali",
  "Smits",
  "de Wit",
  "Amrani",
  "Verbeek",
  "Tjon",
  "Boateng",
  "Demir",
  "Meijer",
  "de Boer",
  "Vos",
  "Peters",
  "Hendriks",
  "van Leeuwen",
  "Dekker",
  "Brinkman",
  "Postma",
  "Kaya",
  "Sedney",
  "Kramer",
  "van der Berg",
  "Pinas",
  "Wijnaldum",
  "Çelik",
  "Schouten",
  "Mahabier",
  "Ait Taleb",
  "Koster",
  "Oduro",
];

export const TEAMS: readonly [organisation: string, team: string][] = [
  ["Buurtteam Amsterdam-Noord", "Team Banne Buiksloot"],
  ["Buurtteam Amsterdam-Noord", "Team Nieuwendam"],
  ["Buurtteam Amsterdam-Oost", "Team Indische Buurt"],
  ["Buurtteam Amsterdam-Oost", "Team Watergraafsmeer"],
  ["Buurtteam Amsterdam Nieuw-West", "Team Geuzenveld"],
  ["Buurtteam Amsterdam Nieuw-West", "Team Osdorp"],
  ["Buurtteam Amsterdam-Zuidoost", "Team Bijlmer-Centrum"],
  ["Buurtteam Amsterdam-Zuidoost", "Team Gaasperdam"],
  ["Buurtteam Amsterdam-West", "Team Bos en Lommer"],
  ["Buurtteam Amsterdam-Zuid", "Team Rivierenbuurt"],
];

/** A lesdag theme; `blocks` holds the programme of each block of the day (90 minutes each). */
export const LESSON_THEMES: { title: string; blocks: [number, string][][]; assignment?: string }[] = [
  {
    title: "Kennismaking en herstel",
    blocks: [
      [
        [15, "welkom"],
        [30, "kennismaken in tweetallen"],
        [45, "thema herstel"],
      ],
      [
        [30, "mijn herstelverhaal in drie zinnen"],
        [45, "oefenen in drietallen"],
        [15, "afsluiting"],
      ],
      [
        [60, "nabespreking"],
        [30, "vooruitblik"],
      ],
    ],
    assignment: "Schrijf in een halve pagina wat herstel voor jou betekent.",
  },
  {
    title: "Empowerment en eigen regie",
    blocks: [
      [
        [15, "welkom"],
        [30, 'oefening "over de lijn"'],
        [45, "thema empowerment"],
      ],
      [
        [60, "casus in groepjes"],
        [30, "nabespreking"],
      ],
      [
        [60, "oefenen"],
        [30, "afsluiting"],
      ],
    ],
    assignment: "Beschrijf een moment waarop jij een bewoner de regie liet houden.",
  },
  {
    title: "Van ervaringskennis naar ervaringsdeskundigheid",
    blocks: [
      [
        [15, "welkom"],
        [75, "drie soorten kennis"],
      ],
      [
        [75, "oefenen met je verhaal inzetten"],
        [15, "afsluiting"],
      ],
      [
        [60, "verdieping"],
        [30, "afsluiting"],
      ],
    ],
  },
  {
    title: "Stigma en zelfstigma",
    blocks: [
      [
        [15, "welkom"],
        [75, "thema stigma"],
      ],
      [
        [75, "rollenspel"],
        [15, "afsluiting"],
      ],
      [
        [60, "nabespreking"],
        [30, "afsluiting"],
      ],
    ],
    assignment: "Waar merk jij stigma in je werk? Geef één voorbeeld zonder namen.",
  },
  {
    title: "Kwartiermaken in de buurt",
    blocks: [
      [
        [15, "welkom"],
        [75, "wat is kwartiermaken"],
      ],
      [
        [75, "wandeling en nagesprek"],
        [15, "afsluiting"],
      ],
      [
        [60, "plan voor de eigen buurt"],
        [30, "afsluiting"],
      ],
    ],
  },
  {
    title: "Peer support",
    blocks: [
      [
        [15, "welkom"],
        [75, "thema peer support"],
      ],
      [
        [75, "oefenen in drietallen"],
        [15, "afsluiting"],
      ],
      [
        [60, "nabespreking"],
        [30, "afsluiting"],
      ],
    ],
  },
  {
    title: "Samenwerken met sociaal werkers",
    blocks: [
      [
        [15, "welkom"],
        [75, "de rol van ervaringsdeskundige in het team"],
      ],
      [
        [75, "gastspreker uit een buurtteam"],
        [15, "afsluiting"],
      ],
      [
        [60, "vragen aan de gastspreker"],
        [30, "afsluiting"],
      ],
    ],
    assignment: "Bespreek met een collega hoe jullie samenwerken en schrijf op wat je opviel.",
  },
  {
    title: "Het perspectief van de bewoner",
    blocks: [
      [
        [15, "welkom"],
        [75, "leefwereld en systeemwereld"],
      ],
      [
        [75, "casus"],
        [15, "afsluiting"],
      ],
      [
        [60, "oefenen"],
        [30, "afsluiting"],
      ],
    ],
  },
  {
    title: "Grenzen en zelfzorg",
    blocks: [
      [
        [15, "welkom"],
        [75, "thema zelfzorg"],
      ],
      [
        [75, "eigen signaleringsplan"],
        [15, "afsluiting"],
      ],
      [
        [60, "plan bespreken in tweetallen"],
        [30, "afsluiting"],
      ],
    ],
  },
  {
    title: "Methodisch werken",
    blocks: [
      [
        [15, "welkom"],
        [75, "werken vanuit de vraag van de bewoner"],
      ],
      [
        [75, "oefenen met STARR"],
        [15, "afsluiting"],
      ],
      [
        [60, "casus"],
        [30, "afsluiting"],
      ],
    ],
    assignment: "Beschrijf een situatie uit je werk volgens STARR.",
  },
  {
    title: "Eigen verhaal en professionaliteit",
    blocks: [
      [
        [15, "welkom"],
        [75, "wanneer deel je je verhaal?"],
      ],
      [[90, "oefenen"]],
      [
        [60, "nabespreking"],
        [30, "afsluiting"],
      ],
    ],
  },
  {
    title: "Het POP in de praktijk",
    blocks: [
      [
        [15, "welkom"],
        [75, "leerdoelen SMART maken"],
      ],
      [
        [75, "feedback in tweetallen"],
        [15, "afsluiting"],
      ],
      [
        [60, "werken aan het POP"],
        [30, "afsluiting"],
      ],
    ],
    assignment: "Maak één leerdoel uit je POP SMART en schrijf op wie je helpt.",
  },
  {
    title: "Armoede en schulden",
    blocks: [
      [
        [15, "welkom"],
        [75, "wat schaarste met mensen doet"],
      ],
      [
        [75, "casus"],
        [15, "afsluiting"],
      ],
      [
        [60, "gastspreker"],
        [30, "afsluiting"],
      ],
    ],
  },
  {
    title: "Verslaving en herstel",
    blocks: [
      [
        [15, "welkom"],
        [75, "herstel na verslaving"],
      ],
      [
        [75, "ervaringen delen"],
        [15, "afsluiting"],
      ],
      [
        [60, "oefenen"],
        [30, "afsluiting"],
      ],
    ],
  },
  {
    title: "Dakloosheid en wonen",
    blocks: [
      [
        [15, "welkom"],
        [75, "wonen als basis"],
      ],
      [
        [75, "casus"],
        [15, "afsluiting"],
      ],
      [
        [60, "nabespreking"],
        [30, "afsluiting"],
      ],
    ],
  },
  {
    title: "Gespreksvaardigheden",
    blocks: [
      [
        [15, "welkom"],
        [75, "luisteren en doorvragen"],
      ],
      [
        [75, "oefenen met een acteur"],
        [15, "afsluiting"],
      ],
      [
        [60, "feedback"],
        [30, "afsluiting"],
      ],
    ],
    assignment: "Schrijf op welke open vragen je deze week stelde en wat ze opleverden.",
  },
  {
    title: "Groepsontwikkelingsplan",
    blocks: [
      [
        [15, "welkom"],
        [75, "wat willen we als groep leren?"],
      ],
      [
        [75, "het GOP schrijven"],
        [15, "afsluiting"],
      ],
      [
        [60, "afspraken maken"],
        [30, "afsluiting"],
      ],
    ],
  },
  {
    title: "Netwerken in de wijk",
    blocks: [
      [
        [15, "welkom"],
        [75, "de sociale kaart"],
      ],
      [
        [75, "wandeling"],
        [15, "afsluiting"],
      ],
      [
        [60, "nabespreking"],
        [30, "afsluiting"],
      ],
    ],
  },
  {
    title: "Voorbereiding op het eindgesprek",
    blocks: [
      [
        [15, "welkom"],
        [75, "de criteria"],
      ],
      [[90, "oefeninterviews"]],
      [
        [60, "feedback"],
        [30, "afsluiting"],
      ],
    ],
  },
  {
    title: "Terugblik en afsluiting",
    blocks: [
      [
        [15, "welkom"],
        [75, "terugblik op de leerlijn"],
      ],
      [
        [75, "evaluatie van het GOP"],
        [15, "afsluiting"],
      ],
      [
        [60, "vooruitblik"],
        [30, "afsluiting"],
      ],
    ],
  },
];

export const TRAINING_PROGRAMMES: [number, string][][] = [
  [
    [15, "welkom"],
    [60, "de theorie"],
    [15, "pauze"],
    [90, "oefenen"],
  ],
  [
    [15, "welkom"],
    [75, "oefenen met situaties uit je werk"],
    [15, "pauze"],
    [75, "nabespreking en afsluiting"],
  ],
];

export const INTERVISIE_LOCATIONS = [
  "Buurthuis De Meeuw, Amsterdam-Noord",
  "Buurthuis Oost, Amsterdam-Oost",
  "Wijkcentrum Nieuw-West",
  "Vrijwilligersacademie, Amsterdam",
];

export const LEARNING_POINTS = [
  "Eerst vragen wat iemand zelf wil, dan pas iets voorstellen.",
  "Het helpt om hardop te zeggen waar mijn grens ligt.",
  "Stilte laten vallen geeft de ander ruimte.",
  "Ik hoef niet alles op te lossen; er zijn is ook iets.",
  "Mijn eigen ervaring kort houden en teruggaan naar de ander.",
  "Ik mag een collega om hulp vragen als het me te veel wordt.",
  "Doorvragen op wat iemand al zelf heeft geprobeerd.",
];

export const REFLECTIONS = [
  "Ik merkte dat ik snel wilde helpen. Door de vragen van de groep zag ik dat ik eerst mag luisteren.",
  "Het was spannend om mijn situatie in te brengen. De open vragen hielpen me om mijn eigen rol te zien.",
  "Ik neem mee dat ik mijn grens eerder mag aangeven.",
  "Mooi om te horen hoe anderen met afstand en nabijheid omgaan. Ik ga dat uitproberen.",
  "Ik herkende veel in de situatie van een ander. Dat gaf rust.",
];

export const ASSIGNMENT_ANSWERS = [
  "Ik heb de opdracht gedaan en ben er in mijn werk mee bezig geweest. Wat ik vooral leerde: eerst luisteren, dan pas iets zeggen.",
  "Ik merkte dat ik deze week bewuster keek naar mijn eigen rol in het team. Dat wil ik vasthouden.",
  "In een gesprek wilde ik een oplossing geven. Ik heb me ingehouden en gevraagd wat de bewoner zelf al had geprobeerd.",
  "Situatie: teamoverleg. Taak: het perspectief van de bewoner inbrengen. Actie: ik stelde open vragen. Resultaat: het plan werd haalbaarder. Reflectie: ik durf meer te zeggen.",
  "Herstel is voor mij niet dat alles weer wordt zoals vroeger. Het is dat ik zelf weer keuzes maak.",
];

export const FEEDBACK = [
  "Mooi en eerlijk beschreven. Neem dit voorbeeld mee naar je POP.",
  "Goed dat je de bewoner de ruimte gaf. Wat deed dat met jou?",
  "Helder. Probeer de volgende keer ook op te schrijven wat je anders zou doen.",
  "Sterk voorbeeld, en zonder herkenbare details. Zo hoort het.",
  "Dank je. Bespreek dit gerust in je intervisiegroep.",
];

export const WORK: { activity: string; minutes: number[]; description: string; reflection: string }[] = [
  {
    activity: "huisbezoek",
    minutes: [90, 120, 150],
    description: "Huisbezoek met een collega bij een bewoner met schulden.",
    reflection: "Ik liet de bewoner eerst zelf vertellen. Mijn eigen verhaal hield ik kort; dat gaf ruimte.",
  },
  {
    activity: "teamoverleg",
    minutes: [60, 90],
    description: "Wekelijks teamoverleg van het buurtteam.",
    reflection: "Ik vroeg hoe de bewoner zelf naar de situatie kijkt. Het team nam dat mee in het plan.",
  },
  {
    activity: "casusbespreking",
    minutes: [60, 75, 90],
    description: "Casusbespreking over een gezin dat dakloos dreigt te worden.",
    reflection: "Ik merkte dat ik snel wilde helpen. Ik heb eerst gevraagd wat het gezin zelf wil.",
  },
  {
    activity: "groepsactiviteit",
    minutes: [120, 180],
    description: "Inloopochtend in het buurthuis, samen met vrijwilligers.",
    reflection: "Door mijn eigen ervaring te noemen, durfde iemand over schaamte te praten.",
  },
  {
    activity: "voorlichting",
    minutes: [90, 120],
    description: "Voorlichting aan nieuwe collega's over ervaringsdeskundigheid.",
    reflection: "Uitleggen wat herstel is, lukt me steeds beter. Ik gebruikte een voorbeeld zonder namen.",
  },
  {
    activity: "spreekuur",
    minutes: [120, 150, 180],
    description: "Spreekuur in de wijk, samen met een sociaal werker.",
    reflection: "Ik lette op mijn grens: na drie gesprekken nam ik even pauze.",
  },
];

export const ABSENCE_NOTES = ["Ziek", "Afspraak bij de huisarts", "Zorg voor een familielid", "Werk kon niet verschoven worden"];

export const MAKEUP_DESCRIPTION = "Lees de hand-out van deze les en schrijf een reflectie van een halve pagina.";

export const LEAVE_NOTES: Record<"werk" | "gezondheid" | "persoonlijk" | "niet_passend" | "anders", string> = {
  werk: "Nieuwe baan met andere werktijden.",
  gezondheid: "Stopt om gezondheidsredenen; wil later misschien opnieuw beginnen.",
  persoonlijk: "Persoonlijke omstandigheden.",
  niet_passend: "De leerlijn past nu niet bij wat de deelnemer zoekt.",
  anders: "Verhuisd naar een andere gemeente.",
};

export const POP_STRENGTHS = [
  "Ik kan goed luisteren en mensen op hun gemak stellen.",
  "Ik ken de buurt en de mensen die er wonen.",
  "Ik blijf rustig als het spannend wordt.",
  "Ik ben eerlijk en direct, en mensen vertrouwen me snel.",
  "Ik weet uit eigen ervaring hoe het is om hulp te moeten vragen.",
];

export const POP_DEVELOPMENT = [
  "Ik vind het moeilijk om mijn grens aan te geven.",
  "Ik wil beter leren samenwerken met sociaal werkers.",
  "Ik neem te veel hooi op mijn vork.",
  "Ik vertel soms te lang over mezelf.",
  "Ik wil leren mijn ervaring in het team in te brengen.",
];

export const POP_GOALS: { doel: string; acties: string }[] = [
  {
    doel: "In elk gesprek stel ik minstens drie open vragen.",
    acties: "Ik oefen in de training Beter vragen stellen en schrijf na elk gesprek op welke vragen ik stelde.",
  },
  { doel: "Ik deel mijn eigen verhaal alleen kort en als het de ander helpt.", acties: "Ik bespreek twee situaties in de intervisie." },
  {
    doel: "Ik geef in het teamoverleg één keer per week het perspectief van de bewoner.",
    acties: "Ik bereid elk overleg voor met één vraag vanuit de bewoner.",
  },
  { doel: "Ik zeg nee als een vraag buiten mijn rol valt.", acties: "Ik oefen in de training Grenzen stellen en evalueer elke maand met mijn werkbegeleider." },
  { doel: "Ik leg in eigen woorden uit wat herstel en ervaringsdeskundigheid zijn.", acties: "Ik geef een voorlichting aan nieuwe collega's." },
  { doel: "Ik vraag na elk huisbezoek feedback aan mijn collega.", acties: "Ik noteer de feedback in mijn logboek en bespreek die in de intervisie." },
];

export const POP_STORIES = [
  "Na een zware periode met schulden heb ik stap voor stap mijn leven weer opgepakt. Dat wil ik nu inzetten voor anderen.",
  "Ik heb lang dakloos geleefd. Wat mij hielp, was iemand die echt luisterde.",
];

export const POP_RETURN_NOTES = [
  "Maak je leerdoelen nog wat concreter.",
  "Wie helpt je precies? Vul dat nog aan.",
  "Hoe laat je zien dat het gelukt is? Beschrijf het bewijs.",
];

export const POP_COMMENTS = ["Wanneer helpt het de ander? Beschrijf een voorbeeld.", "Kun je dit meetbaar maken?", "Mooi doel. Wie gaat je hierbij helpen?"];

export const POP_REFLECTION = "Ik merk dat het steeds beter lukt. In de intervisie kreeg ik goede tips.";
export const POP_EVALUATION = "Doel gehaald: mijn werkbegeleider ziet het verschil in gesprekken.";

export const GOP_GOALS = [
  { doel: "We geven elkaar elke week feedback", actie: "Na elke les een tip en een top", wie: "Iedereen", wanneer: "Elke les" },
  {
    doel: "We oefenen samen met open vragen",
    actie: "In tweetallen tien minuten per les",
    wie: "Wisselende tweetallen",
    wanneer: "Tot de training Beter vragen stellen",
  },
  { doel: "We delen wat werkt in de wijk", actie: "Eén tip per week in de groepsapp", wie: "Wie iets ontdekt", wanneer: "Elke week" },
];

export const GOP_AGREEMENTS =
  "We laten elkaar uitpraten. Wat iemand over zichzelf vertelt, blijft in de groep. Wie er niet kan zijn, meldt zich af bij de trainer.";
export const GOP_EVALUATION = "We zijn gegroeid in open vragen stellen en in elkaar feedback geven. De afspraken hielpen om veilig te kunnen oefenen.";

export const JUSTIFICATIONS = [
  "Liet dit zien in een situatie uit de praktijk (STARR), bevestigd door het praktijklogboek.",
  "Gaf een helder voorbeeld uit een huisbezoek en reflecteerde op de eigen rol.",
  "Beschreef hoe dit in de intervisie aan bod kwam en wat er daarna veranderde.",
  "Voorbeeld uit het teamoverleg, met een duidelijke reflectie.",
];

export const NOT_SHOWN = "Kon hier in het gesprek geen eigen voorbeeld van geven.";

export const MOTIVATIONS: Record<"geslaagd" | "niet_geslaagd" | "herkansing", string> = {
  geslaagd: "Alle criteria zijn aangetoond met eigen voorbeelden uit de praktijk.",
  niet_geslaagd: "Meerdere criteria zijn niet aangetoond; de voorbeelden bleven algemeen.",
  herkansing: "Bijna alle criteria zijn aangetoond; bij één competentie ontbreekt nog een eigen voorbeeld.",
};

export const ADVICE: Record<"geslaagd" | "niet_geslaagd" | "herkansing", string> = {
  geslaagd: "Blijf intervisie zoeken na de leerlijn.",
  niet_geslaagd: "Werk eerst verder in de praktijk en meld je daarna opnieuw aan.",
  herkansing: "Verzamel in de komende weken twee voorbeelden uit de praktijk en plan dan een nieuw gesprek.",
};

export const OBJECTION_TEXT = "Ik ben het niet eens met het oordeel. Ik heb wel voorbeelden gegeven, maar die zijn niet meegenomen.";
export const OBJECTION_RESOLUTION = "Een tweede, onafhankelijke beoordelaar heeft het dossier opnieuw bekeken. Het oordeel blijft staan.";
