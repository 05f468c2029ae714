// The widget's own strings in it: a separate chunk, loaded only when a survey shows in it.
import type { LocaleStrings } from '../strings.js';

const strings: LocaleStrings = {
  close: "Chiudi",
  next: "Avanti",
  submit: "Invia",
  sending: "Invio…",
  retry: "Riprova",
  error: "Spiacenti, non è stato possibile salvare la risposta.",
  thanks: "Grazie per il tuo feedback!",
  offline: "Salvato: verrà inviato quando sarai di nuovo online.",
  unsaved: "Non salvato su questo dispositivo: verrà inviato finché questa pagina resta aperta.",
  step: "Passo {current} di {total}",
  charsLeft: "{count} caratteri rimanenti",
  placeholder: "Raccontaci di più (facoltativo)",
  npsMin: "Per niente probabile",
  npsMax: "Estremamente probabile",
  csatMin: "Molto insoddisfatto",
  csatMax: "Molto soddisfatto",
  ces: "Fortemente in disaccordo|In disaccordo|Abbastanza in disaccordo|Né d'accordo né in disaccordo|Abbastanza d'accordo|D'accordo|Fortemente d'accordo",
  feedback: "Feedback",
  preview: "Anteprima",
};
export default strings;
