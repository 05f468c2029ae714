// The widget's own strings in nl: a separate chunk, loaded only when a survey shows in nl.
import type { LocaleStrings } from '../strings.js';

const strings: LocaleStrings = {
  close: "Sluiten",
  next: "Volgende",
  submit: "Versturen",
  sending: "Bezig met versturen…",
  retry: "Opnieuw proberen",
  error: "Sorry, je antwoord kon niet worden opgeslagen.",
  thanks: "Bedankt voor je feedback!",
  offline: "Opgeslagen — het wordt verstuurd zodra je weer online bent.",
  unsaved: "Niet op dit apparaat opgeslagen — het wordt verstuurd zolang deze pagina open blijft.",
  step: "Stap {current} van {total}",
  charsLeft: "Nog {count} tekens",
  placeholder: "Vertel ons meer (optioneel)",
  npsMin: "Helemaal niet waarschijnlijk",
  npsMax: "Zeer waarschijnlijk",
  csatMin: "Zeer ontevreden",
  csatMax: "Zeer tevreden",
  ces: "Helemaal mee oneens|Mee oneens|Enigszins mee oneens|Neutraal|Enigszins mee eens|Mee eens|Helemaal mee eens",
  feedback: "Feedback",
  preview: "Voorbeeld",
};
export default strings;
