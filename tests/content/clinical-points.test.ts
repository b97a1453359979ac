// Every clinical point of the content review, as a check over the rendered text of every handout it
// applies to, in English and Spanish, for the example clinics and for a clinic with every note and one
// with none. A point that disappears from a handout fails here, naming the clinic, language and handout.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIBRARY } from "../../src/package.ts";
import { loadClinics, type Clinic } from "../../src/clinics/load-clinics.ts";
import { NOTE_NAMES } from "../../src/clinics/schema.ts";
import { loadLibrary, type Library } from "../../src/content/library.ts";
import { textOfHtml } from "../../src/content/reading-grade.ts";
import { renderHandout } from "../../src/content/render-handout.ts";
import { loadClinicContents } from "../../src/content/clinic-content.ts";
import { withClinicContent } from "../../src/content/clinic-library.ts";
import { dataFolder, validClinic } from "../helpers/temp-data.ts";

const EXAMPLES = path.join(import.meta.dirname, "..", "..", "data");
const LANGS = ["en", "es"] as const;
type Lang = (typeof LANGS)[number];

const VISIT = ["your-visit", "infusion-what-to-expect", "ketamine-infusion", "lidocaine-infusion"];
const AFTER_CARE = [...VISIT, "side-effects"];
const WITH_KEY_POINTS = ["infusion-overview", "side-effects", ...VISIT];

interface Point {
  point: string;
  handouts: string[];
  /** Only these clinics (slugs); default every clinic that publishes the handout. */
  clinics?: string[];
  /** Check only this section's text (its id), not the whole handout. */
  section?: string;
  en?: RegExp[];
  es?: RegExp[];
  /** Wordings that must be gone. */
  notEn?: RegExp[];
  notEs?: RegExp[];
}

/** The 24-hour rules after sedating medicines, word for word, wherever a handout gives them. */
const DRIVE_RULE_EN = /For 24 hours, do not drive, use machines or make big decisions\./;
const DRIVE_RULE_ES = /Durante 24 horas, no maneje, no use máquinas ni tome decisiones importantes\./;
const ALCOHOL_RULE_EN =
  /For 24 hours, do not drink alcohol or take sleeping pills\. Ask us before you take other medicines that make you sleepy\. Do not stop your usual medicines unless we tell you to\./;
const ALCOHOL_RULE_ES =
  /Durante 24 horas, no tome alcohol ni pastillas para dormir\. Pregúntenos antes de tomar otras medicinas que le den sueño\. No deje sus medicinas de siempre a menos que se lo digamos\./;

/** The one "Call 911" line of the key points, word for word. */
const KEY_POINT_911_EN = /Call 911 for trouble breathing, chest pain, a seizure, fainting or a sudden, very bad headache\./;
const KEY_POINT_911_ES =
  /Llame al 911 si le cuesta respirar o si tiene dolor en el pecho, una convulsión, un desmayo o un dolor de cabeza muy fuerte y repentino\./;

/** The signs of too much lidocaine, in this order, wherever they are listed. */
const LIDOCAINE_SIGNS_EN =
  /Numb or tingling lips, mouth or tongue\. A metal taste in your mouth\. Ringing in your ears\. Dizziness\. Blurry vision\. Slurred speech\. Twitching or shaking\. An uneven or racing heartbeat\./;
const LIDOCAINE_SIGNS_ES =
  /Labios, boca o lengua adormecidos o con hormigueo\. Sabor a metal en la boca\. Zumbido en los oídos\. Mareo\. Vista borrosa\. Habla enredada o arrastrada\. Pequeñas sacudidas de los músculos o temblores\. Latidos del corazón irregulares o muy rápidos\./;

const POINTS: Point[] = [
  // Lidocaine
  {
    point: "lidocaine: who should not have it",
    handouts: ["lidocaine-infusion"],
    en: [
      /Tell us before your infusion if you have/,
      /Heart rhythm problems/,
      /heart block/,
      /Heart failure/,
      /Seizures or epilepsy/,
      /Liver disease/,
      /Kidney disease/,
      /allergy to lidocaine or other numbing medicines/,
      /Medicines for your heart rhythm/,
      /pregnant/,
      /breastfeeding/,
    ],
    es: [
      /Avísenos antes de su infusión si tiene/,
      /ritmo del corazón/,
      /bloqueo cardíaco/,
      /Insuficiencia cardíaca/,
      /Convulsiones o epilepsia/,
      /Enfermedad del hígado/,
      /Enfermedad de los riñones/,
      /Alergia a la lidocaína o a otros anestésicos locales, como los del dentista/,
      /Medicinas para el ritmo del corazón/,
      /embarazada/,
      /da el pecho/,
    ],
  },
  {
    point: "lidocaine: no infusion on top of other numbing treatments (a recent nerve block or numbing shot, lidocaine patches or creams)",
    handouts: ["lidocaine-infusion"],
    en: [/Tell us too if you had a nerve block or a numbing shot in the last 24 hours, or if you use lidocaine patches or creams\./],
    es: [
      /Díganos también si en las últimas 24 horas le pusieron una inyección para adormecer una zona \(bloqueo nervioso\), o si usa parches o cremas de lidocaína\./,
    ],
  },
  {
    point: "lidocaine: the key points name kidney problems among the things to tell us",
    handouts: ["lidocaine-infusion"],
    section: "key-points-lidocaine-infusion",
    en: [/heart, liver, kidney or seizure problems/],
    es: [/del hígado o de los riñones/],
  },
  {
    point:
      "lidocaine: one list of the signs of too much lidocaine, the same wherever lidocaine's side effects are listed (slurred speech included)",
    handouts: ["lidocaine-infusion", "side-effects", "infusion-what-to-expect"],
    en: [LIDOCAINE_SIGNS_EN],
    es: [LIDOCAINE_SIGNS_ES],
    notEn: [/Numb lips, mouth or tongue, or a metal taste/, /Ringing in your ears, dizziness or a headache/],
    notEs: [/Tics/, /adormecidos, o un sabor a metal/],
  },
  {
    point: "lidocaine: a headache is an ordinary side effect, not a sign of too much lidocaine, in both lists",
    handouts: ["lidocaine-infusion", "side-effects", "infusion-what-to-expect"],
    en: [
      /(You may feel sleepy, have a headache or an upset stomach|Lidocaine is a numbing medicine\. It can cause a headache, sleepiness or an upset stomach)/,
    ],
    es: [
      /(Puede tener somnolencia \(mucho sueño\), dolor de cabeza o malestar de estómago|La lidocaína es un anestésico local\. Puede causar dolor de cabeza, somnolencia \(mucho sueño\) o malestar de estómago)/,
    ],
    notEn: [/(Signs of too much lidocaine|It can also cause:)(?:(?!Call 911|These can be signs).)*headache/s],
    notEs: [/(Señales de demasiada lidocaína|También puede causar:)(?:(?!Llame al 911|Pueden ser señales).)*dolor de cabeza/s],
  },
  {
    point:
      "lidocaine: 911 for a seizure, fainting or chest pain comes first, and a seizure is not in the list that says to call the clinic",
    handouts: ["lidocaine-infusion"],
    section: "lidocaine-side-effects",
    en: [
      /Call 911 for a seizure, fainting or chest pain\.\s+If you have any of the signs above: during the infusion, tell the staff at once\. At home, call us right away at/,
    ],
    es: [
      /Llame al 911 si tiene una convulsión, un desmayo o dolor en el pecho\.\s+Si tiene alguna de las señales de arriba: durante la infusión, avise al personal enseguida\. En casa, llámenos enseguida al/,
    ],
    notEn: [/Signs of too much lidocaine(?:(?!Call 911).)*seizure/s, /A seizure/],
    notEs: [/Señales de demasiada lidocaína(?:(?!Llame al 911).)*convulsi/s, /Una convulsión/],
  },
  {
    point: "lidocaine: the warning signs give the after-hours number where the clinic has one",
    handouts: ["lidocaine-infusion"],
    clinics: ["full", "riverside-pain"],
    section: "lidocaine-side-effects",
    en: [/When we are closed, call \(555\)/],
    es: [/Cuando estemos cerrados, llame al \(555\)/],
  },
  {
    point: "lidocaine: the warning signs send patients to the emergency room when a clinic without an after-hours number is closed",
    handouts: ["lidocaine-infusion"],
    clinics: ["bare", "northgate-infusion"],
    section: "lidocaine-side-effects",
    en: [/When we are closed and it cannot wait, go to the nearest emergency room\./],
    es: [/Si estamos cerrados y no puede esperar, vaya a la sala de emergencias más cercana\./],
  },
  {
    point: "lidocaine: staff check closely to keep the patient safe (rarity is not given as the reason)",
    handouts: ["lidocaine-infusion"],
    en: [/Staff check you closely during the infusion to keep you safe\./],
    es: [/El personal le revisa de cerca durante la infusión para cuidar su seguridad\./],
    notEn: [/This is why staff check you/],
    notEs: [/Por eso el personal le revisa/],
  },
  {
    point: "lidocaine: signs of too much lidocaine are told at once wherever lidocaine's side effects are listed",
    handouts: ["side-effects", "infusion-what-to-expect"],
    en: [/signs of too much lidocaine\. Tell the staff at once/],
    es: [/señales de demasiada lidocaína\. Avise al personal enseguida/],
  },
  {
    point: "the side-effects list says what lidocaine and ketamine are, so the handout reads alone",
    handouts: ["side-effects", "infusion-what-to-expect"],
    en: [/Lidocaine is a numbing medicine\./, /Ketamine is a medicine used in small doses for pain\./],
    es: [/La lidocaína es un anestésico local\./, /La ketamina es una medicina que, en dosis pequeñas, alivia el dolor\./],
  },
  {
    point: "lidocaine: at home, the signs mean calling right away, not waiting for the next day",
    handouts: ["side-effects"],
    en: [/after lidocaine: call us right away/],
    es: [/después de la lidocaína: llámenos enseguida/],
  },
  {
    point: "lidocaine: honest limits (may not help, relief may wear off, effect builds over days)",
    handouts: ["lidocaine-infusion"],
    en: [/may not help you/, /wear off/, /build up over a few days/],
    es: [/Puede que no le ayude/, /se puede pasar/, /aumentando durante algunos días/],
  },
  // Ketamine
  {
    point: "ketamine: off-label use, explained",
    handouts: ["ketamine-infusion"],
    en: [/off-label/, /approved as an anesthetic/, /common and legal/],
    es: [/fuera de indicación/, /aprobada como anestésico/, /común y legal/],
  },
  {
    point: "ketamine: the strongest evidence is for CRPS",
    handouts: ["ketamine-infusion"],
    en: [/strongest evidence is for complex regional pain syndrome \(CRPS\)/],
    es: [/pruebas más sólidas son para el síndrome de dolor regional complejo \(SDRC\)/],
  },
  {
    point: "ketamine: risks of repeated infusions (bladder: call us; liver; misuse)",
    handouts: ["ketamine-infusion"],
    en: [
      /pain or burning when you pass urine/,
      /needing to go often/,
      /blood in your urine/,
      /Call us if you have any of these/,
      /Liver problems/,
      /Misuse/,
    ],
    es: [
      /dolor o ardor al orinar/,
      /orinar muy seguido/,
      /sangre en la orina/,
      /Llámenos si tiene alguna/,
      /Problemas del hígado/,
      /Mal uso/,
    ],
  },
  {
    point: "ketamine: the signs of liver problems after repeated infusions, with a call to the clinic",
    handouts: ["ketamine-infusion"],
    en: [/Call us if your skin or eyes turn yellow, or if you have pain in the upper right part of your belly\./],
    es: [/Llámenos si la piel o los ojos se le ponen amarillos, o si le duele la parte de arriba y a la derecha de la barriga\./],
  },
  {
    point: "ketamine: pregnancy and breastfeeding are asked about",
    handouts: ["ketamine-infusion"],
    en: [/Also tell us if you are pregnant, might be pregnant, or are breastfeeding\./],
    es: [/Avísenos también si está embarazada, si podría estarlo o si da el pecho\./],
  },
  {
    point: "ketamine: during the infusion, patients tell the staff, who can slow the medicine down (Spanish says the staff, not 'we')",
    handouts: ["ketamine-infusion"],
    en: [/Tell the staff how you feel\. They can slow down the medicine/],
    es: [/Dígale al personal cómo se siente\. Pueden hacer que la medicina pase más despacio/],
    notEs: [/Díganos cómo se siente\. Podemos/, /desear la ketamina/],
  },
  {
    point: "ketamine: signs that blood pressure rose (bad headache, chest pain)",
    handouts: ["ketamine-infusion"],
    en: [/bad headache or chest pain\. These can be signs that your blood pressure has gone up/],
    es: [/dolor de cabeza fuerte o dolor en el pecho\. Pueden ser señales de que su presión subió/],
  },
  {
    point: "ketamine: dream-like feelings or seeing things that last into the next day: call us",
    handouts: ["ketamine-infusion", "side-effects"],
    en: [/last into the next day/],
    es: [/le dura hasta el día siguiente/],
  },
  // Everyone
  {
    point: "allergies are asked about",
    handouts: [...VISIT, "infusion-overview", "getting-ready-checklist"],
    en: [/allerg/i],
    es: [/alergia/i],
  },
  {
    point: "after sedating medicines: the 24-hour rules, in the same words everywhere, and usual medicines are not stopped",
    handouts: AFTER_CARE,
    en: [DRIVE_RULE_EN, ALCOHOL_RULE_EN],
    es: [DRIVE_RULE_ES, ALCOHOL_RULE_ES],
    notEn: [/sleeping pills or other medicines that make you sleepy/],
    notEs: [/pastillas para dormir ni otras medicinas que den sueño/],
  },
  {
    point: "the checklist, handed out alone, has both 24-hour rules as tick boxes, machines and big decisions included",
    handouts: ["getting-ready-checklist"],
    en: [
      /For 24 hours, I will not drive, use machines or make big decisions\./,
      /For 24 hours, I will not drink alcohol or take sleeping pills\./,
    ],
    es: [
      /Durante 24 horas, no voy a manejar, usar máquinas ni tomar decisiones importantes\./,
      /Durante 24 horas, no voy a tomar alcohol ni pastillas para dormir\./,
    ],
    notEn: [/I will not drive, drink alcohol/],
    notEs: [/no voy a manejar, tomar alcohol/],
  },
  {
    point: "an adult stays with the patient for the rest of the day and night",
    handouts: [...VISIT, "getting-ready-checklist"],
    en: [/stay with (you|me) for the rest of the day and night\./],
    es: [/(debe quedarse con usted|se quedará conmigo) el resto del día y la noche\./],
    notEn: [/Have someone stay with you if you can/, /can stay with me/],
    notEs: [/Si puede, pida a alguien que se quede/, /podrá quedarse conmigo/],
  },
  {
    point: "before the visit: pregnancy, breastfeeding and sleep apnea are asked about",
    handouts: VISIT,
    en: [/Also tell us if you are pregnant or breastfeeding, or have sleep apnea \(your breathing stops and starts while you sleep\)\./],
    es: [
      /Díganos también si está embarazada o da el pecho, o si tiene apnea del sueño \(la respiración se para y vuelve mientras duerme\)\./,
    ],
  },
  {
    point: "a pain diary is kept for 2 weeks, in the same words wherever it is asked for",
    handouts: [...VISIT, "pain-diary"],
    en: [/(Keep a pain diary for 2 weeks|Fill in one row each day for 2 weeks)/],
    es: [/(Lleve un diario del dolor durante 2 semanas|Llene una fila cada día durante 2 semanas)/],
    notEn: [/Keep a pain diary(?! for 2 weeks)/, /for 14 days/, /in the days after/],
    notEs: [/Lleve un diario del dolor(?! durante 2 semanas)/, /14 días/, /en los días siguientes/],
  },
  {
    point: "off-label use: patients are told to ask their insurance plan whether it pays",
    handouts: ["ketamine-infusion", "lidocaine-infusion"],
    en: [/common and legal\.( Your doctor will tell you why it may help you\.)? Ask your insurance plan if it will pay for it\./],
    es: [/común y legal\.( Su médico le dirá por qué le puede ayudar\.)? Pregunte a su seguro si lo va a pagar\./],
  },
  {
    point: "infusion therapy is meant to work together with the rest of the pain plan (no claim that it works best so)",
    handouts: ["infusion-overview"],
    en: [/It is meant to work together with the other parts, such as exercise, other medicines and support\./],
    es: [/Está pensada para funcionar junto con las otras partes, como el ejercicio, otras medicinas y el apoyo\./],
    notEn: [/It works best with/],
    notEs: [/Funciona mejor junto/, /apoyo de otras personas/],
  },
  {
    point: "the checklist says 'Check each box' (American English)",
    handouts: ["getting-ready-checklist"],
    en: [/Check each box as you get ready/],
    es: [/Marque cada casilla/],
    notEn: [/Tick each box/],
  },
  {
    point: "the example clinic's driver note in Spanish: 'la persona que le lleva'",
    handouts: ["ketamine-infusion", "infusion-what-to-expect"],
    clinics: ["sunrise-pain-center"],
    en: [/unless your driver is with you at check-in/],
    es: [/si la persona que le lleva no está con usted/],
  },
  {
    point: "'An adult must take you home.', in the same words everywhere",
    handouts: VISIT,
    en: [/An adult must take you home\./],
    es: [/Un adulto debe llevarle a casa\./],
  },
  {
    point: "for the person with the patient: signs of too much opioid, 911, naloxone",
    handouts: AFTER_CARE,
    en: [
      /For the person with you: Call 911 if you cannot wake the patient\. Also call if their breathing is slow or shallow, or their lips turn blue or gray\./,
      /Give naloxone if you have it\. Stay with them until help comes\./,
      /Naloxone is a medicine that can undo an opioid overdose/,
    ],
    es: [
      /Para la persona que le acompaña: Llame al 911 si no puede despertar al paciente\. Llame también si respira muy despacio o muy débil, o si sus labios se ponen azules o grises\./,
      /Si tiene naloxona, úsela\. Quédese con la persona hasta que llegue la ayuda\./,
      /La naloxona es una medicina que puede revertir una sobredosis de opioides/,
    ],
    notEn: [/\bgrey\b/i],
  },
  {
    point: "when to get help: signs of a stroke are a reason to call 911",
    handouts: AFTER_CARE,
    en: [/Sudden weakness or numbness in your face, an arm or a leg, or trouble speaking/],
    es: [/Pérdida repentina de fuerza o de sensibilidad en la cara, un brazo o una pierna, o dificultad para hablar/],
  },
  {
    point:
      "when to get help: reasons to call the clinic turn into 911 with chest pain, trouble breathing or feeling faint; the IV site and an upset stomach are among them",
    handouts: AFTER_CARE,
    en: [
      /Redness, pain or swelling where the IV was/,
      /An upset stomach that keeps you from drinking/,
      /If you also have chest pain, trouble breathing or feel faint, call 911\./,
    ],
    es: [
      /Enrojecimiento, dolor o hinchazón donde estuvo la IV/,
      /Malestar de estómago que no le deja beber/,
      /Si además tiene dolor en el pecho, le cuesta respirar o siente que se va a desmayar, llame al 911\./,
    ],
  },
  {
    point: "when to get help: an uneven, racing or very slow heartbeat; a sudden, very bad headache",
    handouts: AFTER_CARE,
    en: [/uneven, racing or very slow/, /sudden, very bad headache/],
    es: [/irregulares, muy rápidos o muy lentos/, /dolor de cabeza muy fuerte y repentino/],
  },
  {
    point: "what staff check, not a promise",
    handouts: ["infusion-overview", ...VISIT],
    en: [/check your blood pressure/],
    es: [/revisa su presión/],
  },
  // IV pain relievers
  {
    point: "IV pain relievers: non-opioid examples and the opioid precautions",
    handouts: ["infusion-overview", "infusion-what-to-expect"],
    en: [/acetaminophen/, /ketorolac/, /sleep apnea/, /other medicines that make you sleepy/],
    es: [/acetaminofén/, /ketorolaco/, /apnea del sueño/, /otras medicinas que le dan sueño/],
  },
  {
    point:
      "ketorolac and acetaminophen: kidneys, stomach ulcer or bleeding, blood thinners, and no doubling up with ibuprofen, naproxen or more acetaminophen that day",
    handouts: ["infusion-overview", "infusion-what-to-expect", "side-effects"],
    en: [
      /Before you get ketorolac, tell us if you have kidney disease or a stomach ulcer\. Also tell us if you have had bleeding in your stomach, or if you take a blood thinner\./,
      /You may get ketorolac or acetaminophen\. If so, do not take ibuprofen, naproxen or more acetaminophen \(Tylenol\) that day unless we say it is OK\./,
    ],
    es: [
      /Antes de recibir ketorolaco, avísenos si tiene enfermedad de los riñones o una úlcera en el estómago\. Avísenos también si ha tenido sangrado del estómago, o si toma una medicina para diluir la sangre\./,
      /Puede que reciba ketorolaco o acetaminofén\. Si es así, ese día no tome ibuprofeno, naproxeno ni más acetaminofén \(Tylenol\) sin preguntarnos\./,
    ],
  },
  {
    point: "opioid side effects come with the opioid precautions",
    handouts: ["side-effects"],
    en: [/sleep apnea/, /other medicines that make you sleepy/],
    es: [/apnea del sueño/, /otras medicinas que le dan sueño/],
  },
  // Cost
  {
    point: "the example clinic's cost note: ketamine for pain is often not covered; ask your plan first",
    handouts: ["infusion-overview"],
    clinics: ["riverside-pain"],
    en: [/often do not pay for ketamine for pain\. Ask your insurance plan before your first visit/],
    es: [/no pagan la ketamina para el dolor\. Pregunte a su seguro antes de su primera cita/],
  },
  {
    point: "the general cost wording sends patients to their insurance plan before the first visit",
    handouts: ["infusion-overview"],
    clinics: ["bare"],
    en: [/ask your insurance plan before your first visit/i],
    es: [/Pregunte también a su seguro antes de su primera cita/],
  },
  // Spanish wordings
  {
    point: "Spanish: 'cómo sabremos si le ayuda'",
    handouts: ["infusion-overview"],
    en: [/how you will know if it helps/],
    es: [/cómo sabremos si le ayuda/],
  },
  {
    point: "Spanish: 'de qué efectos secundarios … debe avisarnos'",
    handouts: ["lidocaine-infusion"],
    en: [/which side effects and warning signs to tell us about/],
    es: [/de qué efectos secundarios y señales de alarma debe avisarnos/],
  },
  {
    point: "Spanish: sleepiness is 'Somnolencia (mucho sueño)', never read as a dream",
    handouts: ["side-effects", "infusion-what-to-expect", "ketamine-infusion", "lidocaine-infusion"],
    en: [/sleep(y|iness)/i],
    es: [/somnolencia \(mucho sueño\)/i],
  },
  {
    point: "Spanish: lidocaine is 'un anestésico local', never 'una medicina que adormece' alone (which can read as 'makes you drowsy')",
    handouts: ["infusion-overview", "infusion-what-to-expect", "lidocaine-infusion", "your-visit", "ketamine-infusion", "side-effects"],
    en: [/numbing medicine/],
    es: [/anest[eé]sic?o?a? local/],
    notEs: [/medicinas? que adormecen?(?! una parte del cuerpo)/],
  },
  {
    point: "Spanish: plainer words (staff who slow the medicine down, 'se pasan', time to set aside, small portions, the nursing staff)",
    handouts: [], // every handout of the library
    en: [],
    notEs: [/se quitan?\b/, /se han quitado/, /más lenta/, /debe planear/, /Una enfermera/, /coma poco y comidas/, /como borracho/, /Tics/],
  },
  {
    point: "Spanish: numb lips are 'adormecidos'",
    handouts: ["side-effects", "infusion-what-to-expect", "lidocaine-infusion"],
    en: [/Numb (or tingling )?lips/],
    es: [/adormecidos/],
  },
  // Removed overclaims and old wordings, in every handout
  {
    point: "removed: overclaims and old wordings",
    handouts: [], // every handout of the library
    notEn: [
      /sooner than a pill/i,
      /the whole time/i,
      /Most insurance plans cover/i,
      /works best for/i,
      /fade after the infusion ends/i,
      /until the next day/i,
      /An adult should take you home/i,
      /must drive you home/i,
      /Opioid Misuse and Addiction/,
    ],
    notEs: [
      /antes que una pastilla/i,
      /todo el tiempo/i,
      /La mayoría de los seguros cubren/i,
      /Funciona mejor para/i,
      /se pasan cuando termina la infusión/i,
      /(maneje|máquinas|decisiones importantes)[^.]*hasta el día siguiente/i,
      /llevarlo a casa/i,
      /(?<!de )qué efectos secundarios debe avisarnos/i,
      /cómo sabrán si/i,
      /\bsueño o mareo\b/i,
      /\bdormidos\b/i,
    ],
  },
];

/** Plain text as read: blocks end sentences; no space before punctuation left over from tags. */
function plain(html: string): string {
  return textOfHtml(html)
    .replace(/\s+([,.:;!?)»])/g, "$1")
    .replace(/([(«])\s+/g, "$1");
}

let library: Library;
let clinics: Clinic[];
/** `${slug}/${lang}/${handoutId}` → the handout's text, title and sections; and its sections' text alone. */
const texts = new Map<string, string>();
const sectionTexts = new Map<string, string>();
const summaries = new Map<string, string>();
/** `${slug}/${lang}/${handoutId}` → the text of the handout's key points box alone. */
const keyPointTexts = new Map<string, string>();
/** `${slug}/${lang}/${handoutId}#${sectionId}` → that section's text. */
const sectionTextsById = new Map<string, string>();

function keysOf(handoutId: string, lang: Lang, only?: string[]): string[] {
  return clinics
    .filter(
      (clinic) => (only ? only.includes(clinic.slug) : true) && clinic.languages.includes(lang) && clinic.handouts.includes(handoutId),
    )
    .map((clinic) => `${clinic.slug}/${lang}/${handoutId}`);
}

beforeAll(async () => {
  library = await loadLibrary(DEFAULT_LIBRARY);
  const notes = Object.fromEntries(
    NOTE_NAMES.map((name) => [name, { en: `Note ${name} for patients.`, es: `Nota ${name} para pacientes.` }]),
  );
  const everyHandout = { ...validClinic(), languages: ["en", "es"], handouts: library.handoutIds };
  const synthetic = await dataFolder({
    "full.json": {
      ...everyHandout,
      name: "Full Notes Clinic",
      contact: { phone: "(555) 010-1111", afterHoursPhone: "(555) 010-2222" },
      notes,
    },
    "bare.json": { ...everyHandout, name: "Bare Clinic", contact: { phone: "(555) 010-3333" } },
  });
  clinics = [...(await loadClinics(EXAMPLES, library)), ...(await loadClinics(synthetic, library))];
  const withOwnContent = withClinicContent(library, await loadClinicContents(EXAMPLES, library));
  for (const clinic of clinics) {
    for (const lang of clinic.languages) {
      for (const handoutId of clinic.handouts) {
        // The examples' own handouts (data/content/) render with their clinic's content.
        const doc = renderHandout(withOwnContent, clinic, lang, handoutId);
        const sections = doc.sections.map((section) => `${plain(section.title)} ${plain(section.html)}`).join(" ");
        texts.set(`${clinic.slug}/${lang}/${handoutId}`, `${plain(doc.title)} ${plain(doc.summary)} ${sections}`);
        sectionTexts.set(`${clinic.slug}/${lang}/${handoutId}`, sections);
        summaries.set(`${clinic.slug}/${lang}/${handoutId}`, plain(doc.summary));
        for (const section of doc.sections) sectionTextsById.set(`${clinic.slug}/${lang}/${handoutId}#${section.id}`, plain(section.html));
        const keyPoints = doc.sections.find((section) => section.kind === "key-points");
        if (keyPoints) keyPointTexts.set(`${clinic.slug}/${lang}/${handoutId}`, plain(keyPoints.html));
      }
    }
  }
});

describe("clinical points, in every handout they apply to, in English and Spanish", () => {
  it("covers every handout of the library in both languages, with and without clinic notes", () => {
    for (const handoutId of library.handoutIds) {
      for (const lang of LANGS) expect(keysOf(handoutId, lang, ["full", "bare"]), `${handoutId} ${lang}`).toHaveLength(2);
    }
  });

  it.each(POINTS)("$point", ({ handouts, clinics: only, section, en = [], es = [], notEn = [], notEs = [] }) => {
    const ids = handouts.length > 0 ? handouts : library.handoutIds;
    const problems: string[] = [];
    for (const lang of LANGS) {
      const wanted = lang === "en" ? en : es;
      const unwanted = lang === "en" ? notEn : notEs;
      for (const handoutId of ids) {
        expect(library.handoutIds, handoutId).toContain(handoutId);
        const keys = keysOf(handoutId, lang, only);
        expect(keys.length, `${handoutId} ${lang} is rendered for at least one clinic`).toBeGreaterThan(0);
        for (const key of keys) {
          const text = (section ? sectionTextsById.get(`${key}#${section}`) : texts.get(key)) ?? "";
          if (section && !sectionTextsById.has(`${key}#${section}`)) problems.push(`${key}: no section ${section}`);
          for (const pattern of wanted) if (!pattern.test(text)) problems.push(`${key}: missing ${pattern}`);
          for (const pattern of unwanted)
            if (pattern.test(text)) problems.push(`${key}: still says ${pattern} ("${text.match(pattern)?.[0]}")`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("gives the same 911 line and the same 24-hour alcohol line in the key points of every handout about a visit or side effects, and no other 911 wording there", () => {
    const problems: string[] = [];
    for (const handoutId of AFTER_CARE) {
      for (const lang of LANGS) {
        const [line, alcohol, any911] =
          lang === "en"
            ? [KEY_POINT_911_EN, ALCOHOL_RULE_EN, /Call 911[^.]*\./g]
            : [KEY_POINT_911_ES, ALCOHOL_RULE_ES, /Llame al 911[^.]*\./g];
        for (const key of keysOf(handoutId, lang)) {
          const text = keyPointTexts.get(key);
          if (text === undefined) {
            problems.push(`${key}: no key points`);
            continue;
          }
          if (!line.test(text)) problems.push(`${key}: key points lack ${line}`);
          if (!alcohol.test(text)) problems.push(`${key}: key points lack ${alcohol}`);
          for (const found of text.match(any911) ?? [])
            if (!line.test(found)) problems.push(`${key}: another 911 wording in the key points: "${found}"`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

describe("the 24-hour rules, section by section", () => {
  it("gives each 24-hour rule whole in every section that starts it, in both languages", () => {
    const problems: string[] = [];
    const rules: [Lang, RegExp, RegExp][] = [
      ["en", /For 24 hours, do not drink alcohol/, ALCOHOL_RULE_EN],
      ["en", /For 24 hours, do not drive/, DRIVE_RULE_EN],
      ["es", /Durante 24 horas, no tome alcohol/, ALCOHOL_RULE_ES],
      ["es", /Durante 24 horas, no maneje/, DRIVE_RULE_ES],
    ];
    let sections = 0;
    for (const [key, text] of sectionTextsById) {
      const lang = key.split("/")[1] as Lang;
      for (const [ruleLang, start, whole] of rules) {
        if (ruleLang !== lang || !start.test(text)) continue;
        sections++;
        if (!whole.test(text)) problems.push(`${key}: starts a 24-hour rule without its whole wording ${whole}`);
      }
    }
    expect(sections).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
});

describe("every handout reads alone", () => {
  it("explains IV, CRPS and infusion the first time they appear in each handout", () => {
    const problems: string[] = [];
    // Each language's plain words, right before "IV" or "CRPS" (after it in English, as English puts it).
    const ivMeaning: Record<string, (before: string, after: string) => boolean> = {
      en: (_, after) => after.startsWith("IV (a thin, soft tube"),
      es: (before) => before.endsWith("vía intravenosa ("),
      "zh-Hans": (before) => before.endsWith("静脉输液管（"),
      vi: (before) => before.endsWith("đường truyền tĩnh mạch ("),
      ar: (before) => before.endsWith("أنبوب رفيع وطري ("),
    };
    const crpsName: Record<string, [string, string]> = {
      en: ["CRPS", "complex regional pain syndrome ("],
      es: ["SDRC", "síndrome de dolor regional complejo ("],
      "zh-Hans": ["CRPS", "复杂性区域疼痛综合征（"],
      vi: ["CRPS", "hội chứng đau vùng phức hợp ("],
      ar: ["CRPS", "متلازمة الألم الناحي المركّب ("],
    };
    for (const [key, text] of sectionTexts) {
      const lang = key.split("/")[1] as string;
      const explained = ivMeaning[lang];
      const named = crpsName[lang];
      if (!explained || !named) throw new Error(`no words to look for in ${lang}: add them here`);
      const iv = text.search(/\bIV\b/);
      if (iv >= 0 && !explained(text.slice(0, iv), text.slice(iv))) {
        problems.push(`${key}: IV first used without its meaning: "${text.slice(Math.max(0, iv - 40), iv + 40)}"`);
      }
      const [short, long] = named;
      const crps = text.indexOf(short);
      // Spaces aside: markup such as bold leaves one between a Chinese name and its bracket.
      const unspaced = (words: string) => words.toLowerCase().replace(/\s+/g, "");
      if (crps >= 0 && !unspaced(text.slice(0, crps)).endsWith(unspaced(long)))
        problems.push(`${key}: ${short} first used without its name`);
      // Infusion: explained in the line under the title (a one-page sheet has no room for more), or where the sections first use it.
      const firstSentence = text.split(/(?<=\.)\s/).find((sentence) => /infusi/i.test(sentence));
      const meaning = lang === "en" ? /drips slowly into a vein/ : /entra poco a poco en una vena/;
      const explainedAtTop = meaning.test(summaries.get(key) ?? "");
      if (firstSentence !== undefined && !explainedAtTop && !meaning.test(firstSentence))
        problems.push(`${key}: infusion first used without its meaning: "${firstSentence}"`);
    }
    expect(problems).toEqual([]);
  });

  it("opens every handout but the checklist and the diary with 3 to 5 key points", () => {
    for (const handoutId of WITH_KEY_POINTS) {
      const definition = library.handouts.find((handout) => handout.id === handoutId);
      const first = definition?.sections[0] ?? "";
      expect(first, handoutId).toBe(`key-points-${handoutId}`);
      for (const lang of LANGS) {
        const section = library.section(lang, first);
        expect((section as unknown as Record<string, unknown>).kind, `${lang}/${first}`).toBe("key-points");
        expect(section.title, `${lang}/${first}`).toBe(lang === "en" ? "Key points" : "Puntos clave");
        const doc = renderHandout(library, clinics.find((clinic) => clinic.slug === "bare") as Clinic, lang, handoutId);
        const bullets = (doc.sections[0]?.html.match(/<li>/g) ?? []).length;
        expect(bullets, `${lang}/${first}`).toBeGreaterThanOrEqual(3);
        expect(bullets, `${lang}/${first}`).toBeLessThanOrEqual(5);
      }
    }
    for (const handoutId of ["getting-ready-checklist", "pain-diary"]) {
      expect(
        library.handouts.find((handout) => handout.id === handoutId)?.sections.some((id) => id.startsWith("key-points")),
        handoutId,
      ).toBe(false);
    }
  });

  it("puts before, during and after in that order in every handout that covers a visit", () => {
    for (const handoutId of VISIT) {
      const sections = library.handouts.find((handout) => handout.id === handoutId)?.sections ?? [];
      const at = (word: string) => sections.findIndex((id) => id.includes(word));
      expect(at("before"), `${handoutId}: ${sections.join(", ")}`).toBeGreaterThan(0);
      expect(at("during"), `${handoutId}: ${sections.join(", ")}`).toBeGreaterThan(at("before"));
      expect(at("after"), `${handoutId}: ${sections.join(", ")}`).toBeGreaterThan(at("during"));
    }
  });
});

describe("the pain diary", () => {
  it("has 14 days of date, pain morning and evening (0–10), sleep, what the patient could do, side effects and medicines, and the 0–10 scale in words", () => {
    for (const lang of LANGS) {
      const doc = renderHandout(library, clinics.find((clinic) => clinic.slug === "bare") as Clinic, lang, "pain-diary");
      const html = doc.sections.map((section) => section.html).join("\n");
      expect(html).toMatch(/<table class="diary">\s*<caption>[^<]+<\/caption>/);
      // A word joiner (&#8288;) may keep "(0–10)" on one line in a narrow column; it is not read.
      const headings = [...html.matchAll(/<th scope="col">([^<]+)<\/th>/g)].map((match) => match[1]?.replace(/&#8288;|\u2060/g, ""));
      expect(headings).toEqual(
        lang === "en"
          ? ["Date", "Morning pain (0–10)", "Evening pain (0–10)", "Sleep", "What I could do", "Side effects", "Medicines taken"]
          : [
              "Fecha",
              "Dolor por la mañana (0–10)",
              "Dolor por la noche (0–10)",
              "Cómo dormí",
              "Lo que pude hacer",
              "Efectos secundarios",
              "Medicinas que tomé",
            ],
      );
      const body = html.match(/<tbody>([\s\S]*)<\/tbody>/)?.[1] ?? "";
      const rows = body.match(/<tr>[\s\S]*?<\/tr>/g) ?? [];
      expect(rows).toHaveLength(14);
      for (const row of rows) expect(row.match(/<td><\/td>/g)).toHaveLength(7);
      const text = plain(html);
      if (lang === "en")
        expect(text).toMatch(/Pain: from 0 \(no pain\) to 10 \(the worst pain you can imagine\)\. Sleep: good, fair or poor\./);
      else expect(text).toMatch(/Dolor: de 0 \(sin dolor\) a 10 \(el peor dolor posible\)\. Cómo durmió: bien, regular o mal\./);
    }
    expect(library.handouts.find((handout) => handout.id === "pain-diary")?.layout).toBe("one-page");
  });

  it("is named by its title wherever a handout says to keep a pain diary", () => {
    const problems: string[] = [];
    for (const [key, text] of texts) {
      const [, lang, handoutId] = key.split("/") as [string, Lang, string];
      if (handoutId === "pain-diary") continue;
      const title = library.languagePacks.get(lang)?.handouts["pain-diary"]?.title ?? "(no title)";
      const named = lang === "en" ? `"${title}"` : `«${title}»`;
      const mentions = lang === "en" ? /pain diary/i : /diario del dolor/i;
      if (mentions.test(text.replace(named, "")) && !text.includes(named))
        problems.push(`${key}: mentions a pain diary without naming ${named}`);
    }
    expect(problems).toEqual([]);
  });
});

describe("sources and icons", () => {
  it("names every source with its web address, and no longer cites a page that supports nothing it is cited for", () => {
    for (const handout of library.handouts) {
      for (const lang of LANGS) {
        for (const id of handout.sections) {
          const sources = library.section(lang, id).sources as unknown[];
          expect(sources.length, `${lang}/${id}`).toBeGreaterThan(0);
          for (const source of sources) {
            expect(JSON.stringify(source), `${lang}/${id}`).toMatch(/"url":"https:\/\/[^"]+"/);
            expect(JSON.stringify(source), `${lang}/${id}`).not.toMatch(/Opioid Misuse and Addiction/);
          }
        }
      }
    }
  });

  it("cites, in both languages, the sources of the reviewed points, and no longer a source that supports nothing in its section, a stale leaflet or a wrong address", () => {
    const urlsOf = (lang: Lang, id: string) =>
      (library.section(lang, id).sources as { name: string; url: string }[]).map((source) => `${source.name} <${source.url}>`).join("\n");
    const sectionIds = [...new Set(library.handouts.flatMap((handout) => handout.sections))];
    const sedationRules = [
      "after-your-visit",
      "ketamine-after",
      "lidocaine-after",
      "side-effects-at-home",
      ...AFTER_CARE.map((id) => `key-points-${id}`),
    ];
    const rules: { sections: string[]; cites?: RegExp[]; citesEs?: RegExp[]; not?: RegExp[] }[] = [
      { sections: sectionIds, not: [/cdph\.ca\.gov/, /statpearls\.com\/sp\//, /sedation-emergency-department/] },
      { sections: sectionIds.filter((id) => id !== "lidocaine-is-it-right-for-you"), not: [/anae\.15270/] },
      { sections: ["lidocaine-is-it-right-for-you"], cites: [/anae\.15270/, /dailymed[^>]*setid=c75311e3-ca6e-40de-e053-2a95a90a1bda/] },
      { sections: ["key-points-infusion-overview", "your-care-plan"], not: [/understanding-unapproved-use-approved-drugs-label/] },
      { sections: ["key-points-your-visit", "key-points-infusion-what-to-expect"], not: [/NBK539881/] },
      { sections: ["after-your-visit"], not: [/lidocaine-iv-infusion-treat-pain/] },
      { sections: sedationRules, cites: [/bradfordhospitals\.nhs\.uk\/leaflets\/discharge-information-following-procedural-sedation/] },
      {
        sections: ["getting-ready-checklist"],
        cites: [
          /mkuh\.nhs\.uk\/patient-information-leaflet\/after-sedation/,
          /cuh\.nhs\.uk\/patient-information\/adult-patients-discharged-following-procedural-sedation/,
        ],
      },
      {
        sections: ["when-to-get-help"],
        cites: [
          /medlineplus\.gov\/druginfo\/meds\/a616003\.html/,
          /northerncarealliance\.nhs\.uk\/[^>]*iv-cannula/,
          /medlineplus\.gov\/ency\/article\/000199\.htm/,
          /medlineplus\.gov\/ency\/article\/003117\.htm/,
        ],
        citesEs: [/medlineplus\.gov\/spanish\/ency\/article\/001927\.htm/, /cdc\.gov\/stroke\/es\//],
      },
      {
        sections: ["kinds-of-infusion", "side-effects-by-medicine"],
        cites: [
          /ncbi\.nlm\.nih\.gov\/books\/NBK545172\//,
          /NBK482369/,
          /dailymed[^>]*setid=3d746288-681a-5232-e063-6394a90afabd/,
          /dailymed[^>]*setid=6d763554-913d-4bed-9efd-b9c9b936a2f4/,
        ],
      },
      { sections: ["ketamine-side-effects"], cites: [/Drug Saf\. 2021;44\(12\):1365-1374\./, /nhs\.uk\/conditions\/jaundice\//] },
    ];
    const problems: string[] = [];
    for (const rule of rules) {
      for (const id of rule.sections) {
        for (const lang of LANGS) {
          const cited = urlsOf(lang, id);
          for (const pattern of [...(rule.cites ?? []), ...(lang === "es" ? (rule.citesEs ?? []) : [])])
            if (!pattern.test(cited)) problems.push(`${lang}/${id}: does not cite ${pattern}`);
          for (const pattern of rule.not ?? []) if (pattern.test(cited)) problems.push(`${lang}/${id}: still cites ${pattern}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("uses icons in both languages, some with alt text in the section's language", async () => {
    for (const lang of LANGS) {
      const dir = path.join(DEFAULT_LIBRARY.contentDir, lang, "sections");
      const markdown = (await Promise.all((await readdir(dir)).map((name) => readFile(path.join(dir, name), "utf8")))).join("\n");
      expect(markdown, lang).toMatch(/\{\{ icon\("[a-z-]+"\) \}\}/);
      const alts = [...markdown.matchAll(/\{\{ icon\("[a-z-]+", "([^"]+)"\) \}\}/g)].map((match) => match[1]);
      expect(alts, lang).toContain(lang === "en" ? "Our phone number:" : "Nuestro teléfono:");
    }
  });
});
