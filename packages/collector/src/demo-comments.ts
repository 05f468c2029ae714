// Comments for the demo data that a person could have written, in English,
// German, French and Spanish: an unhappy answer complains about something
// specific (delivery, price, support, the app, quality), a happy one praises,
// one in the middle does both. Chosen by a seeded PRNG, so the demo is the
// same on every machine. Login trouble with the app rises in the last ten
// days, so "rising themes" has something to find.

/** The demo's languages. */
export type DemoLang = 'en' | 'de' | 'fr' | 'es';
type Topic = 'delivery' | 'price' | 'support' | 'app' | 'quality';
type Bank = Record<Topic, { bad: string[]; good: string[] }>;

const BANKS: Record<DemoLang, Bank & { but: string }> = {
  en: {
    but: 'but',
    delivery: {
      bad: ['My delivery arrived a week late.', 'Delivery took forever and the box was damaged.', 'The delivery never arrived and tracking showed nothing.', 'Late delivery again, third time this year.', 'Delivery is far too slow.'],
      good: ['Fast shipping, it came the next day.', 'Shipping was quick and the packaging was great.', 'Super fast shipping.'],
    },
    price: {
      bad: ['Too expensive for what it does.', 'The price went up again without any notice.', 'Way too expensive compared to others.', 'Hidden fees at checkout, the price is not what was advertised.'],
      good: ['Great value for the price.', 'Fair price and no hidden fees.', 'Cheaper than the competition and better.'],
    },
    support: {
      bad: ['Support never answered my emails.', 'I waited two hours on the phone for support.', 'Customer support was rude and unhelpful.', 'Nobody in support could solve my problem.'],
      good: ['Support solved my problem in minutes.', 'Customer support was friendly and helpful.', 'Great support, they really listen.'],
    },
    app: {
      bad: ['I cannot log in to the app since the last update.', 'The app crashes every time I log in.', 'Login to the app keeps failing with an error.', 'The app crashes when I log in.'],
      good: ['The app is easy to use.', 'Love the new app, very easy to use.', 'The new dashboard is great.'],
    },
    quality: {
      bad: ['The quality is poor, it broke after two weeks.', 'Cheap materials, it broke quickly.'],
      good: ['Excellent quality, it feels solid.', 'Very good quality for the money.'],
    },
  },
  de: {
    but: 'aber',
    delivery: {
      bad: ['Die Lieferung kam eine Woche zu spät.', 'Die Lieferung hat ewig gedauert und der Karton war beschädigt.', 'Das Paket ist nie angekommen.', 'Schon wieder eine späte Lieferung.'],
      good: ['Schnelle Lieferung, schon am nächsten Tag da.', 'Die Lieferung war schnell und gut verpackt.'],
    },
    price: {
      bad: ['Viel zu teuer für das, was es kann.', 'Der Preis ist schon wieder gestiegen.', 'Zu teuer im Vergleich zur Konkurrenz.'],
      good: ['Guter Preis für die Leistung.', 'Fairer Preis und keine versteckten Kosten.'],
    },
    support: {
      bad: ['Der Support hat nie auf meine E-Mails geantwortet.', 'Ich habe zwei Stunden in der Warteschleife beim Support gewartet.', 'Der Kundendienst war unfreundlich und hat nicht geholfen.'],
      good: ['Der Support hat mein Problem in Minuten gelöst.', 'Sehr freundlicher und hilfsbereiter Kundendienst.'],
    },
    app: {
      bad: ['Seit dem letzten Update kann ich mich nicht mehr anmelden.', 'Die App stürzt bei jeder Anmeldung ab.', 'Die Anmeldung funktioniert nicht.'],
      good: ['Die App ist einfach zu bedienen.', 'Die neue App gefällt mir sehr.'],
    },
    quality: {
      bad: ['Die Qualität ist schlecht, nach zwei Wochen kaputt.'],
      good: ['Hervorragende Qualität, sehr stabil.'],
    },
  },
  fr: {
    but: 'mais',
    delivery: {
      bad: ['Ma livraison est arrivée avec une semaine de retard.', 'La livraison a pris une éternité et le carton était abîmé.', "Le colis n'est jamais arrivé.", 'Encore une livraison en retard.'],
      good: ['Livraison rapide, reçu le lendemain.', 'Livraison rapide et emballage soigné.'],
    },
    price: {
      bad: ['Beaucoup trop cher pour ce que ça fait.', 'Le prix a encore augmenté sans prévenir.', 'Trop cher par rapport à la concurrence.'],
      good: ['Très bon rapport qualité prix.', 'Prix correct et pas de frais cachés.'],
    },
    support: {
      bad: ["Le support n'a jamais répondu à mes e-mails.", "J'ai attendu deux heures au téléphone avec le support.", 'Le service client était désagréable et inutile.'],
      good: ['Le support a réglé mon problème en quelques minutes.', 'Service client aimable et efficace.'],
    },
    app: {
      bad: ["Je n'arrive plus à me connecter depuis la dernière mise à jour.", "L'application plante à chaque connexion.", 'La connexion échoue sans arrêt.'],
      good: ["L'application est facile à utiliser.", "J'adore la nouvelle application."],
    },
    quality: {
      bad: ['La qualité est mauvaise, cassé au bout de deux semaines.'],
      good: ['Excellente qualité, très solide.'],
    },
  },
  es: {
    but: 'pero',
    delivery: {
      bad: ['Mi pedido llegó con una semana de retraso.', 'El envío tardó muchísimo y la caja llegó dañada.', 'El paquete nunca llegó.', 'Otra vez el envío llegó tarde.'],
      good: ['Envío rápido, llegó al día siguiente.', 'El envío fue rápido y bien embalado.'],
    },
    price: {
      bad: ['Demasiado caro para lo que ofrece.', 'El precio volvió a subir sin avisar.', 'Muy caro comparado con la competencia.'],
      good: ['Buen precio para lo que ofrece.', 'Precio justo y sin costes ocultos.'],
    },
    support: {
      bad: ['El soporte nunca respondió a mis correos.', 'Esperé horas al teléfono con soporte.', 'La atención al cliente fue grosera e inútil.'],
      good: ['El soporte resolvió mi problema en minutos.', 'Atención al cliente amable y eficaz.'],
    },
    app: {
      bad: ['No puedo iniciar sesión desde la última actualización.', 'La aplicación se cierra cada vez que inicio sesión.', 'El inicio de sesión falla siempre.'],
      good: ['La aplicación es fácil de usar.', 'Me encanta la nueva aplicación.'],
    },
    quality: {
      bad: ['La calidad es mala, se rompió enseguida.'],
      good: ['Excelente calidad, muy sólido.'],
    },
  },
};

// What unhappy answers complain about, and happy ones praise (weights).
const COMPLAINTS: Array<[Topic, number]> = [['delivery', 4], ['price', 3], ['support', 3], ['app', 1], ['quality', 1]];
const PRAISE: Array<[Topic, number]> = [['support', 3], ['delivery', 3], ['app', 2], ['price', 1], ['quality', 2]];

function weighted(rand: () => number, options: Array<[Topic, number]>): Topic {
  let r = rand() * options.reduce((n, [, w]) => n + w, 0);
  for (const [t, w] of options) if ((r -= w) < 0) return t;
  return options[0]![0];
}

// "I cannot…" keeps its capital after "but".
const lowerFirst = (s: string) => (/^I\b/.test(s) ? s : s.charAt(0).toLowerCase() + s.slice(1));

/**
 * A comment that goes with an answer: `band` from @sayso/core's scoreBand
 * (low, middle or high), `ageDays` how long ago it was written.
 */
export function demoComment(rand: () => number, lang: DemoLang, band: 'low' | 'middle' | 'high', ageDays: number): string {
  const bank = BANKS[lang];
  const pick = (xs: readonly string[]) => xs[Math.floor(rand() * xs.length)]!;
  // Login trouble since an update ten days ago: most of the complaints since.
  const complaint = (): Topic => (ageDays < 10 && rand() < 0.7 ? 'app' : weighted(rand, COMPLAINTS));
  if (band === 'low') {
    const first = complaint();
    const text = pick(bank[first].bad);
    if (rand() < 0.3) {
      const second = weighted(rand, COMPLAINTS);
      if (second !== first) return `${text} ${pick(bank[second].bad)}`;
    }
    return text;
  }
  if (band === 'high') {
    // Now and then a happy score comes with an angry comment: a customer at risk.
    if (rand() < 0.04) return pick(bank[complaint()].bad);
    const first = weighted(rand, PRAISE);
    const text = pick(bank[first].good);
    const more = pick(bank[weighted(rand, PRAISE)].good);
    return rand() < 0.25 && more !== text ? `${text} ${more}` : text;
  }
  const good = pick(bank[weighted(rand, PRAISE)].good);
  const bad = pick(bank[complaint()].bad);
  return `${good.replace(/[.!]$/, ',')} ${bank.but} ${lowerFirst(bad)}`;
}
