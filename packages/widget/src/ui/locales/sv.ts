// The widget's own strings in sv: a separate chunk, loaded only when a survey shows in sv.
import type { LocaleStrings } from '../strings.js';

const strings: LocaleStrings = {
  close: "Stäng",
  next: "Nästa",
  submit: "Skicka",
  sending: "Skickar…",
  retry: "Försök igen",
  error: "Tyvärr kunde ditt svar inte sparas.",
  thanks: "Tack för din feedback!",
  offline: "Sparat – skickas när du är online igen.",
  unsaved: "Inte sparat på den här enheten – det skickas medan den här sidan är öppen.",
  step: "Steg {current} av {total}",
  charsLeft: "{count} tecken kvar",
  placeholder: "Berätta mer (valfritt)",
  npsMin: "Inte alls troligt",
  npsMax: "Extremt troligt",
  csatMin: "Mycket missnöjd",
  csatMax: "Mycket nöjd",
  ces: "Instämmer inte alls|Instämmer inte|Instämmer delvis inte|Varken eller|Instämmer delvis|Instämmer|Instämmer helt",
  feedback: "Feedback",
  preview: "Förhandsgranskning",
};
export default strings;
