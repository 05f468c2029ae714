// The widget's own strings in de: a separate chunk, loaded only when a survey shows in de.
import type { LocaleStrings } from '../strings.js';

const strings: LocaleStrings = {
  close: "Schließen",
  next: "Weiter",
  submit: "Senden",
  sending: "Wird gesendet…",
  retry: "Erneut versuchen",
  error: "Ihre Antwort konnte leider nicht gespeichert werden.",
  thanks: "Vielen Dank für Ihr Feedback!",
  offline: "Gespeichert – wird gesendet, sobald Sie wieder online sind.",
  unsaved: "Nicht auf diesem Gerät gespeichert – wird gesendet, solange diese Seite geöffnet bleibt.",
  step: "Schritt {current} von {total}",
  charsLeft: "Noch {count} Zeichen",
  placeholder: "Erzählen Sie uns mehr (optional)",
  npsMin: "Überhaupt nicht wahrscheinlich",
  npsMax: "Äußerst wahrscheinlich",
  csatMin: "Sehr unzufrieden",
  csatMax: "Sehr zufrieden",
  ces: "Stimme überhaupt nicht zu|Stimme nicht zu|Stimme eher nicht zu|Weder noch|Stimme eher zu|Stimme zu|Stimme voll und ganz zu",
  feedback: "Feedback",
  preview: "Vorschau",
};
export default strings;
