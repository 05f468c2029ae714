// The widget's own strings in fr: a separate chunk, loaded only when a survey shows in fr.
import type { LocaleStrings } from '../strings.js';

const strings: LocaleStrings = {
  close: "Fermer",
  next: "Suivant",
  submit: "Envoyer",
  sending: "Envoi…",
  retry: "Réessayer",
  error: "Désolé, votre réponse n'a pas pu être enregistrée.",
  thanks: "Merci pour votre avis !",
  offline: "Enregistré — il sera envoyé dès votre retour en ligne.",
  unsaved: "Non enregistré sur cet appareil — il sera envoyé tant que cette page reste ouverte.",
  step: "Étape {current} sur {total}",
  charsLeft: "{count} caractères restants",
  placeholder: "Dites-nous en plus (facultatif)",
  npsMin: "Pas du tout probable",
  npsMax: "Très probable",
  csatMin: "Très insatisfait",
  csatMax: "Très satisfait",
  ces: "Pas du tout d'accord|Pas d'accord|Plutôt pas d'accord|Ni d'accord ni pas d'accord|Plutôt d'accord|D'accord|Tout à fait d'accord",
  feedback: "Avis",
  preview: "Aperçu",
};
export default strings;
