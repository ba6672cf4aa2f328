// Phone numbers for mobile top-ups: upstream wants E.164 (`+14155551234`). People type national forms
// ("(415) 555-1234", "0803 123 4567", "0049 151 …"), so we normalise before sending, using the calling code of the
// product's country. The table covers all 233 countries upstream serves (one compact string, ~1 KiB, instead of a
// phone library of 100+ KiB: we only need the country prefix, not full numbering plans).
const TABLE =
  'AX358AL355DZ213AS1AD376AO244AI1AQ672AG1AR54AM374AW297AU61AT43AZ994BS1BH973BD880BB1BE32BZ501BJ229BM1BT975BO591' +
  'BQ599BA387BW267BV47BR55IO246BN673BG359BF226BI257CV238KH855CM237CA1KY1TD235CL56CN86CX61CC61CO57KM269CG242CK682' +
  'CR506CI225HR385CW599CY357CZ420DK45DJ253DM1DO1EC593EG20SV503GQ240ER291EE372SZ268ET251FK500FO298FJ679FI358FR33' +
  'GF594PF689TF262GA241GM220GE995DE49GH233GI350GR30GL299GD1GP590GU1GT502GG44GN224GW245GY592HT509HM672HN504HK852' +
  'HU36IS354IN91ID62IE353IM44IL972IT39JM1JP81JE44JO962KZ7KE254KI686XK383KW965KG996LA856LV371LB961LS266LR231LI423' +
  'LT370LU352MO853MG261MW265MY60MV960MT356MH692MQ596MR222MU230YT262MX52FM691MD373MC377MN976ME382MS1MA212MZ258' +
  'NA264NR674NP977NL31NC687NZ64NI505NE227NG234NU683NF672MK389MP1NO47OM968PK92PW680PS970PA507PG675PY595PE51PH63' +
  'PN64PL48PT351PR1QA974RE262RO40RW250BL590SH290KN1LC1MF590PM508VC1WS685SM378ST239SA966SN221RS381SC248SL232SG65' +
  'SX1SK421SI386SB677SO252ZA27GS500KR82ES34LK94SR597SJ47SE46CH41TW886TJ992TZ255TH66TL670TG228TK690TO676TT1TN216' +
  'TR90TM993TC1TV688UG256UA380AE971GB44US1UM1UY598UZ998VU678VA39VN84VG1VI1WF681EH212YE967ZM260';

let table: Map<string, string> | undefined;

/** The calling code (digits, no `+`) of an ISO alpha-2 country; undefined when unknown. */
export function callingCode(country: string | undefined | null): string | undefined {
  if (!table) {
    table = new Map();
    for (const [, code, digits] of TABLE.matchAll(/([A-Z]{2})(\d+)/g)) table.set(code!, digits!);
  }
  return country ? table.get(country.toUpperCase()) : undefined;
}

/** E.164: `+`, a non-zero digit, 7 to 15 digits in all. */
export const E164 = /^\+[1-9]\d{6,14}$/;

/** Countries whose numbers keep their leading 0 after the country code (no trunk prefix to drop). */
const KEEPS_ZERO = new Set(['IT', 'SM', 'VA']);

/**
 * The E.164 form of what the user typed, for a number of `country`: strips spaces, dashes, dots and parentheses,
 * turns the international `00` prefix into `+`, drops the national trunk prefix (a leading 0; 8 in Russia and
 * Kazakhstan; 1 in the North American plan) and prepends the country's calling code. Returns undefined when the
 * result is not E.164, so the caller shows a message instead of sending it.
 */
export function toE164(input: string, country: string | undefined): string | undefined {
  let text = input.trim().replace(/[\s\-.()\u00a0\u2010-\u2015/]/g, '');
  if (text.startsWith('00')) text = `+${text.slice(2)}`;
  if (text.startsWith('+')) return E164.test(text) ? text : undefined;
  if (!/^\d+$/.test(text)) return undefined;
  const code = callingCode(country);
  if (!code) return undefined;
  const cc = (country ?? '').toUpperCase();
  if (code === '1' && text.length === 11 && text.startsWith('1')) text = text.slice(1);
  else if (code === '7' && text.length === 11 && text.startsWith('8')) text = text.slice(1);
  else if (!KEEPS_ZERO.has(cc)) text = text.replace(/^0/, '');
  const full = `+${code}${text}`;
  return E164.test(full) ? full : undefined;
}
