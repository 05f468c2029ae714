// The widget's own strings in es: a separate chunk, loaded only when a survey shows in es.
import type { LocaleStrings } from '../strings.js';

const strings: LocaleStrings = {
  close: "Cerrar",
  next: "Siguiente",
  submit: "Enviar",
  sending: "Enviando…",
  retry: "Reintentar",
  error: "Lo sentimos, no se pudo guardar tu respuesta.",
  thanks: "¡Gracias por tu opinión!",
  offline: "Guardado: se enviará cuando vuelvas a estar en línea.",
  unsaved: "No se ha guardado en este dispositivo: se enviará mientras esta página siga abierta.",
  step: "Paso {current} de {total}",
  charsLeft: "Quedan {count} caracteres",
  placeholder: "Cuéntanos más (opcional)",
  npsMin: "Nada probable",
  npsMax: "Muy probable",
  csatMin: "Muy insatisfecho",
  csatMax: "Muy satisfecho",
  ces: "Totalmente en desacuerdo|En desacuerdo|Algo en desacuerdo|Ni de acuerdo ni en desacuerdo|Algo de acuerdo|De acuerdo|Totalmente de acuerdo",
  feedback: "Opinión",
  preview: "Vista previa",
};
export default strings;
