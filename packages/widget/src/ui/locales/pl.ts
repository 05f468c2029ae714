// The widget's own strings in pl: a separate chunk, loaded only when a survey shows in pl.
import type { LocaleStrings } from '../strings.js';

const strings: LocaleStrings = {
  close: "Zamknij",
  next: "Dalej",
  submit: "Wyślij",
  sending: "Wysyłanie…",
  retry: "Spróbuj ponownie",
  error: "Niestety nie udało się zapisać odpowiedzi.",
  thanks: "Dziękujemy za opinię!",
  offline: "Zapisano — zostanie wysłane, gdy wrócisz do sieci.",
  unsaved: "Nie zapisano na tym urządzeniu — zostanie wysłane, dopóki ta strona jest otwarta.",
  step: "Krok {current} z {total}",
  charsLeft: "Pozostało znaków: {count}",
  placeholder: "Powiedz nam więcej (opcjonalnie)",
  npsMin: "Zupełnie nieprawdopodobne",
  npsMax: "Bardzo prawdopodobne",
  csatMin: "Bardzo niezadowolony",
  csatMax: "Bardzo zadowolony",
  ces: "Zdecydowanie się nie zgadzam|Nie zgadzam się|Raczej się nie zgadzam|Ani się zgadzam, ani nie|Raczej się zgadzam|Zgadzam się|Zdecydowanie się zgadzam",
  feedback: "Opinia",
  preview: "Podgląd",
};
export default strings;
