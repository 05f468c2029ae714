// The widget's own strings in pt: a separate chunk, loaded only when a survey shows in pt.
import type { LocaleStrings } from '../strings.js';

const strings: LocaleStrings = {
  close: "Fechar",
  next: "Seguinte",
  submit: "Enviar",
  sending: "A enviar…",
  retry: "Tentar novamente",
  error: "Não foi possível guardar a sua resposta.",
  thanks: "Obrigado pelo seu feedback!",
  offline: "Guardado — será enviado quando voltar a estar online.",
  unsaved: "Não foi guardado neste dispositivo — será enviado enquanto esta página estiver aberta.",
  step: "Passo {current} de {total}",
  charsLeft: "Restam {count} caracteres",
  placeholder: "Conte-nos mais (opcional)",
  npsMin: "Nada provável",
  npsMax: "Extremamente provável",
  csatMin: "Muito insatisfeito",
  csatMax: "Muito satisfeito",
  ces: "Discordo totalmente|Discordo|Discordo parcialmente|Não concordo nem discordo|Concordo parcialmente|Concordo|Concordo totalmente",
  feedback: "Feedback",
  preview: "Pré-visualização",
};
export default strings;
