// Phone numbers for mobile top-ups: upstream wants E.164 (`+14155551234`). People type national forms
// ("(415) 555-1234", "0803 123 4567", "0049 151 …"), so we normalise before sending, using the calling code of the
// product's country. The table covers all 233 countries upstream serves (one compact string, ~1 KiB, instead of a
// phone library of 100+ KiB: we only need the country prefix, not full numbering plans): each calling code once,
// followed by the countries that share it.
const TABLE =
  '1AGAIASBBBMBSCADMDOGDGUJMKNKYLCMPMSPRSXTCTTUMUSVCVGVI7KZ20EG27ZA30GR31NL32BE33FR34ES36HU39ITVA40RO41CH43AT' +
  '44GBGGIMJE45DK46SE47BVNOSJ48PL49DE51PE52MX54AR55BR56CL57CO60MY61AUCCCX62ID63PH64NZPN65SG66TH81JP82KR84VN86CN' +
  '90TR91IN92PK94LK212EHMA213DZ216TN220GM221SN222MR224GN225CI226BF227NE228TG229BJ230MU231LR232SL233GH234NG235TD' +
  '237CM238CV239ST240GQ241GA242CG244AO245GW246IO248SC250RW251ET252SO253DJ254KE255TZ256UG257BI258MZ260ZM261MG' +
  '262RETFYT264NA265MW266LS267BW268SZ269KM290SH291ER297AW298FO299GL350GI351PT352LU353IE354IS355AL356MT357CY' +
  '358AXFI359BG370LT371LV372EE373MD374AM376AD377MC378SM380UA381RS382ME383XK385HR386SI387BA389MK420CZ421SK423LI' +
  '500FKGS501BZ502GT503SV504HN505NI506CR507PA508PM509HT590BLGPMF591BO592GY593EC594GF595PY596MQ597SR598UY599BQCW' +
  '670TL672AQHMNF673BN674NR675PG676TO677SB678VU679FJ680PW681WF682CK683NU685WS686KI687NC688TV689PF690TK691FM' +
  '692MH852HK853MO855KH856LA880BD886TW960MV961LB962JO965KW966SA967YE968OM970PS971AE972IL973BH974QA975BT976MN' +
  '977NP992TJ993TM994AZ995GE996KG998UZ';

let table: Map<string, string> | undefined;

/** The calling code (digits, no `+`) of an ISO alpha-2 country; undefined when unknown. */
export function callingCode(country: string | undefined | null): string | undefined {
  if (!table) {
    table = new Map();
    for (const [, digits, codes] of TABLE.matchAll(/(\d+)([A-Z]+)/g)) for (const code of codes!.match(/../g)!) table.set(code, digits!);
  }
  return country ? table.get(country.toUpperCase()) : undefined;
}

/** E.164: `+`, a non-zero digit, 7 to 15 digits in all. */
export const E164 = /^\+[1-9]\d{6,14}$/;

/** Countries whose numbers keep their leading 0 after the country code (no trunk prefix to drop). */
const KEEPS_ZERO = new Set(['IT', 'SM', 'VA', 'CI', 'CG']);

/**
 * The E.164 form of what the user typed (full-width digits and `＋` read as ASCII), for a number of `country`:
 * strips a bracketed trunk `(0)` after a country code, spaces, dashes, dots and parentheses, turns the international
 * `00` prefix into `+`, drops the national trunk prefix (a leading 0; 06 in Hungary; 8 in Russia, Kazakhstan and
 * Lithuania; 1 in the North American plan) and prepends the country's calling code. Returns undefined when the result
 * is not E.164, so the caller shows a message instead of sending it.
 */
export function toE164(input: string, country: string | undefined): string | undefined {
  // "+44 (0)20 …": the bracketed trunk 0 is not dialled from abroad. Only after a country code: in a national
  // number the bracket goes with the other punctuation and its 0 is then a trunk 0 like any other, or part of the
  // number where it keeps it ("(0)6 …" in Italy).
  let text = input.normalize('NFKC').trim().replace(/^((?:\+|00)\d+\s*)\(0\)/, '$1').replace(/[\s\-.()\u00a0\u2010-\u2015/]/g, '');
  if (text.startsWith('00')) text = `+${text.slice(2)}`;
  if (text.startsWith('+')) return E164.test(text) ? text : undefined;
  if (!/^\d+$/.test(text)) return undefined;
  const code = callingCode(country);
  if (!code) return undefined;
  const cc = (country ?? '').toUpperCase();
  if (code === '1' && text.length === 11 && text.startsWith('1')) text = text.slice(1);
  else if (code === '7' && text.length === 11 && text.startsWith('8')) text = text.slice(1);
  // Hungary's trunk prefix is 06, Lithuania's 8 (or 0).
  else if (!KEEPS_ZERO.has(cc)) text = text.replace(cc === 'HU' ? /^06/ : cc === 'LT' ? /^[08]/ : /^0/, '');
  const full = `+${code}${text}`;
  return E164.test(full) ? full : undefined;
}
