// The one table of value modifiers (Sigma specification v2.1 appendix). To add a modifier: one
// file in this folder, one line here.
import { all } from './all.ts';
import { base64 } from './base64.ts';
import { base64offset } from './base64offset.ts';
import { cased } from './cased.ts';
import { cidr } from './cidr.ts';
import { contains } from './contains.ts';
import { day } from './day.ts';
import { endswith } from './endswith.ts';
import { exists } from './exists.ts';
import { expand } from './expand.ts';
import { fieldref } from './fieldref.ts';
import { gt } from './gt.ts';
import { gte } from './gte.ts';
import { hour } from './hour.ts';
import { lt } from './lt.ts';
import { lte } from './lte.ts';
import { minute } from './minute.ts';
import { month } from './month.ts';
import type { Modifier } from './modifier.ts';
import { neq } from './neq.ts';
import { re } from './re.ts';
import { re_i } from './re-i.ts';
import { re_m } from './re-m.ts';
import { re_s } from './re-s.ts';
import { startswith } from './startswith.ts';
import { utf16 } from './utf16.ts';
import { utf16be } from './utf16be.ts';
import { utf16le } from './utf16le.ts';
import { week } from './week.ts';
import { wide } from './wide.ts';
import { windash } from './windash.ts';
import { year } from './year.ts';

export const MODIFIERS: ReadonlyMap<string, Modifier> = new Map(
  [
    contains,
    startswith,
    endswith,
    all,
    exists,
    cased,
    neq,
    windash,
    re,
    re_i,
    re_m,
    re_s,
    base64,
    base64offset,
    utf16le,
    utf16be,
    utf16,
    wide,
    lt,
    lte,
    gt,
    gte,
    minute,
    hour,
    day,
    week,
    month,
    year,
    cidr,
    expand,
    fieldref,
  ].map((modifier) => [modifier.name, modifier]),
);

export type { Modifier, FieldItemState, SigmaValue, ValueGroup } from './modifier.ts';
