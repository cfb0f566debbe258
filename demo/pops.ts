import type { DB } from "../db/connect";
import { emptyLeerdoel, type PopContent } from "../app/rules/pop";
import { addPopComment, decidePop, popContext, savePop, submitPop } from "../app/services/pop.server";
import { gopStep, saveGop } from "../app/services/gop.server";

/** POPs in every state for the demo cohort: goedgekeurd, ingediend, terug and concept. */
const goal = (doel: string, competentie: string, acties: string) => ({
  ...emptyLeerdoel(),
  doel,
  competentie,
  acties,
  wieHelpt: "Mijn trainer en mijn werkbegeleider in het buurtteam.",
  wanneer: "Voor het eind van de leerlijn.",
  bewijs: "Een kort verslag van drie gesprekken, besproken met mijn werkbegeleider.",
});

const plan = (sterk: string, ontwikkel: string): PopContent => ({
  wieBenIk: "",
  sterkeKanten: sterk,
  ontwikkelpunten: ontwikkel,
  leerdoelen: [
    goal(
      "In elk gesprek stel ik minstens drie open vragen.",
      "contact",
      "Ik oefen in de training Beter vragen stellen en schrijf na elk gesprek op welke vragen ik stelde.",
    ),
    goal("Ik deel mijn eigen verhaal alleen kort en als het de ander helpt.", "eigen-ervaring", "Ik bespreek twee situaties in de intervisie."),
  ],
});

export async function seedDemoPops(db: DB, emails: { approved: string; submitted: string; returned: string; concept: string; trainer: string }): Promise<void> {
  const id = async (email: string) => await db.selectFrom("users").select(["id", "role"]).where("email", "=", email).executeTakeFirstOrThrow();
  const trainer = await id(emails.trainer);
  const handIn = async (email: string, content: PopContent) => {
    const p = await id(email);
    await savePop(db, p, { content, storyConsent: false });
    await submitPop(db, p, (await popContext(db, p, p.id))!);
    return p;
  };
  const approved = await handIn(
    emails.approved,
    plan("Ik kan goed luisteren en mensen op hun gemak stellen.", "Ik vind het moeilijk om mijn grens aan te geven."),
  );
  await decidePop(db, trainer, approved.id, { action: "approve", version: 1, note: "Helder en concreet. Goed gedaan." });
  await handIn(emails.submitted, plan("Ik ken de buurt en de mensen die er wonen.", "Ik wil beter leren samenwerken met sociaal werkers."));
  const returned = await handIn(emails.returned, plan("Ik blijf rustig als het spannend wordt.", "Ik neem te veel hooi op mijn vork."));
  await addPopComment(db, trainer, returned.id, { section: "leerdoel-2", text: "Wanneer helpt het de ander? Beschrijf een voorbeeld.", replyTo: null });
  await decidePop(db, trainer, returned.id, { action: "return", version: 1, note: null });
  const concept = await id(emails.concept);
  await savePop(db, concept, { content: { ...plan("Ik ben eerlijk en direct.", ""), leerdoelen: [] }, storyConsent: false });
}

/** The demo cohort's GOP, written by two participants and handed in: it waits for the trainer. */
export async function seedDemoGop(db: DB, cohortId: number, authors: [string, string]): Promise<void> {
  const [a, b] = await Promise.all(authors.map((email) => db.selectFrom("users").select(["id", "role"]).where("email", "=", email).executeTakeFirstOrThrow()));
  await saveGop(db, a, cohortId, {
    baseVersion: 0,
    content: {
      goals: [
        { doel: "We geven elkaar elke week feedback", actie: "Na elke les een tip en een top", wie: "Iedereen", wanneer: "Elke les" },
        {
          doel: "We oefenen samen met open vragen",
          actie: "In tweetallen tien minuten per les",
          wie: "Wisselende tweetallen",
          wanneer: "Tot de training Beter vragen stellen",
        },
      ],
      agreements: "",
      evaluation: "",
    },
  });
  await saveGop(db, b, cohortId, {
    baseVersion: 1,
    content: {
      goals: [
        { doel: "We geven elkaar elke week feedback", actie: "Na elke les een tip en een top", wie: "Iedereen", wanneer: "Elke les" },
        {
          doel: "We oefenen samen met open vragen",
          actie: "In tweetallen tien minuten per les",
          wie: "Wisselende tweetallen",
          wanneer: "Tot de training Beter vragen stellen",
        },
      ],
      agreements: "We laten elkaar uitpraten. Wat iemand over zichzelf vertelt, blijft in de groep. Wie er niet kan zijn, meldt zich af bij de trainer.",
      evaluation: "",
    },
  });
  // Handed in: it waits for the trainer (the trainer's "Te doen", issue 29).
  await gopStep(db, b, cohortId, { action: "submit", version: 2, note: null });
}
