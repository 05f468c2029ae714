// The widget's own strings in he: a separate chunk, loaded only when a survey shows in he.
import type { LocaleStrings } from '../strings.js';

const strings: LocaleStrings = {
  close: "סגירה",
  next: "הבא",
  submit: "שליחה",
  sending: "שולח…",
  retry: "ניסיון נוסף",
  error: "מצטערים, לא ניתן היה לשמור את התשובה.",
  thanks: "תודה על המשוב!",
  offline: "נשמר — יישלח כשתחזרו להיות מחוברים.",
  unsaved: "לא נשמר במכשיר הזה — יישלח כל עוד הדף הזה פתוח.",
  step: "שלב {current} מתוך {total}",
  charsLeft: "נותרו {count} תווים",
  placeholder: "ספרו לנו עוד (לא חובה)",
  npsMin: "בכלל לא סביר",
  npsMax: "סביר מאוד",
  csatMin: "לא מרוצה בכלל",
  csatMax: "מרוצה מאוד",
  ces: "לא מסכים בכלל|לא מסכים|די לא מסכים|ניטרלי|די מסכים|מסכים|מסכים מאוד",
  feedback: "משוב",
  preview: "תצוגה מקדימה",
};
export default strings;
