// Checksum and structure validators a classifier pattern names with `validator:`. One file each;
// this table is the only place a new one is registered.
import { aba } from './aba.ts';
import { deTaxId } from './de-tax-id.ts';
import { email } from './email.ts';
import { iban, ibanPrefix } from './iban.ts';
import { jwt } from './jwt.ts';
import { luhn, luhnPrefix } from './luhn.ts';
import { swiftBic } from './swift-bic.ts';
import { ukNino } from './uk-nino.ts';
import { usSsn } from './us-ssn.ts';
import { verhoeff } from './verhoeff.ts';

/** True when the matched text (as written, separators included) passes the check. */
export type Validator = (value: string) => boolean;

export const VALIDATORS: Readonly<Record<string, Validator>> = {
  luhn,
  iban,
  aba,
  'us-ssn': usSsn,
  verhoeff,
  'de-tax-id': deTaxId,
  'uk-nino': ukNino,
  'swift-bic': swiftBic,
  jwt,
  email,
};

/**
 * For a check whose value has a fixed length, the leading part of a longer match that has it: a
 * pattern's regex cannot know an IBAN's length per country, so `AT61 1904 3002 3457 3201 EUR` or an
 * IBAN followed by a year matches long, and the scanner then tries this part (a card followed by its
 * CVV likewise). Undefined when none.
 */
export type Fitter = (value: string) => string | undefined;

export const FITTERS: Readonly<Record<string, Fitter>> = { iban: ibanPrefix, luhn: luhnPrefix };
